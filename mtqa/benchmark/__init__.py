"""``mtqa benchmark``: rank MT systems on a test corpus.

Reference-based metrics through sacrebleu (BLEU, chrF/chrF++, TER) with our own
line-count and reference-shape checks; reference-free QE and detector issue rates
through :func:`mtqa.pipeline.score_segments`; bootstrap confidence intervals, paired
tests against a baseline and clusters of systems that are not significantly different.

Modules: ``corpus`` (WMT folders), ``table`` (jsonl/csv/parquet through ``datasets``),
``metrics`` (sacrebleu), ``qe`` (QE loading, per-source cache protocol),
``significance`` (resampling), ``run`` (:func:`run_benchmark`), ``output`` (table, csv,
json, markdown), ``plot`` (PNG), ``meta_eval`` (agreement with human scores), ``cli``.
Nothing heavy is imported until used.
"""
from __future__ import annotations

_LAZY = {
    "Corpus": "mtqa.benchmark.corpus", "load_corpus": "mtqa.benchmark.corpus",
    "BenchmarkOptions": "mtqa.benchmark.run", "BenchmarkResult": "mtqa.benchmark.run",
    "run_benchmark": "mtqa.benchmark.run", "corpus_score": "mtqa.benchmark.metrics",
    "resolve_qe": "mtqa.benchmark.qe",
}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mtqa.benchmark' has no attribute {name!r}")
