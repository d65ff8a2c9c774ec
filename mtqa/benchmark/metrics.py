"""Reference-based metrics through sacrebleu (BLEU, chrF/chrF++, TER), with input checks.

sacrebleu 2.6 trusts its caller: ``corpus_score`` silently scores the shorter of
hypotheses and references (zip), and reads ``[[r1], [r2], ...]`` (one list per segment)
as many one-line reference *streams*, scoring only the first hypothesis (case 016;
mjpost/sacrebleu#160, #275, #303). :func:`reference_streams` checks shapes first.

Settings by target language (case 018; sacrebleu's own ``trg_lang`` choice):

* BLEU tokenizer: ``zh`` for Chinese, ``ja-mecab`` / ``ko-mecab`` for Japanese / Korean
  (``pip install "sacrebleu[ja]"`` / ``"sacrebleu[ko]"``; without it mtqa falls back to
  ``char`` and says so), ``char`` for Thai, Lao, Khmer and Burmese (no spaces between
  words), ``13a`` otherwise. ``13a`` on Chinese sees each sentence as one token and gives
  0 for near-perfect output.
* TER for zh/ja/ko targets: ``normalized=True, asian_support=True`` — ``asian_support``
  alone does nothing (sacrebleu's TER tokenizer docstring) and TER stays 100.
* chrF (Popović 2015): character 6-grams, beta 2; chrF++ adds word bigrams
  (``word_order=2``, Popović 2017).

TER is slow (sacrebleu 2.6: ~100 s per 10k lines here, ../shared/notes/packages.md),
so the benchmark computes it only on request.

Every score carries sacrebleu's signature (``nrefs:1|case:mixed|eff:no|tok:zh|...``).
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any, Sequence

from ..io.errors import InputError

METRICS = ("bleu", "chrf", "ter")
CJK = frozenset({"zh", "ja", "ko"})
#: Languages written without spaces between words, for which BLEU's 13a is meaningless.
UNSPACED = frozenset({"th", "lo", "km", "my"})
_MECAB = {"ja": ("ja-mecab", "MeCab", "sacrebleu[ja]"), "ko": ("ko-mecab", "mecab_ko", "sacrebleu[ko]")}


def base_lang(lang: str | None) -> str:
    """``zh-Hans``/``zh_TW`` -> ``zh``; lower case; "" for None."""
    return (lang or "").replace("_", "-").split("-")[0].lower()


def bleu_tokenizer(tgt_lang: str | None, requested: str | None = None) -> tuple[str, str | None]:
    """(sacrebleu tokenizer name, note or None) for BLEU on ``tgt_lang``.

    ``requested`` overrides the choice; a word tokenizer (13a, intl, none) on a
    zh/ja/ko/th/lo/km/my target comes back with a loud note.
    """
    lang = base_lang(tgt_lang)
    if requested:
        note = None
        if (lang in CJK or lang in UNSPACED) and requested in ("13a", "intl", "none"):
            note = (f"WARNING: BLEU with tok:{requested} on a {lang} target treats whole sentences as words; "
                    "scores are near 0 and meaningless (use the default tokenizer)")
        return requested, note
    if lang == "zh":
        return "zh", None
    if lang in _MECAB:
        tok, module, extra = _MECAB[lang]
        if importlib.util.find_spec(module) is not None:
            return tok, None
        return "char", f"BLEU uses tok:char for {lang}: {tok} needs `pip install \"{extra}\"`"
    if lang in UNSPACED:
        return "char", None
    return "13a", None


@dataclass(frozen=True)
class MetricSettings:
    """Which sacrebleu metrics to compute and how.

    ``metrics`` ⊆ {"bleu", "chrf", "ter"}; ``chrf_word_order`` 0 = chrF, 2 = chrF++;
    ``bleu_tokenize`` None = chosen by target language (:func:`bleu_tokenizer`).
    """

    tgt_lang: str
    metrics: tuple[str, ...] = ("bleu", "chrf")
    chrf_word_order: int = 0
    bleu_tokenize: str | None = None


def make_metric(key: str, settings: MetricSettings, references: Sequence[Sequence[str | None]] | None = None,
                ) -> tuple[Any, list[str]]:
    """A configured sacrebleu metric object (references cached when given) and notes.

    ``key`` is "bleu", "chrf" or "ter"; ``references`` must already be in stream shape
    (see :func:`reference_streams`). Raises ValueError for an unknown key.
    """
    from sacrebleu.metrics import BLEU, CHRF, TER

    notes: list[str] = []
    lang = base_lang(settings.tgt_lang)
    if key == "bleu":
        tok, note = bleu_tokenizer(lang, settings.bleu_tokenize)
        if note:
            notes.append(note)
        return BLEU(tokenize=tok, references=references), notes
    if key == "chrf":
        return CHRF(word_order=settings.chrf_word_order, references=references), notes
    if key == "ter":
        asian = lang in CJK
        return TER(normalized=asian, asian_support=asian, references=references), notes
    raise ValueError(f"unknown metric {key!r}; choose from {', '.join(METRICS)}")


def reference_streams(references: Sequence[Any], n_segments: int, where: str = "references",
                      ) -> list[list[str | None]]:
    """Check and normalise references to sacrebleu's shape: one list per reference stream.

    Accepts ``[[r1, r2, ...]]`` (streams, each ``n_segments`` long) or, unambiguously,
    ``[[r1], [r2], ...]`` / ``[[r1a, r1b], ...]`` (one list per segment, ``n_segments``
    lists), which is transposed; a single string stream ``[r1, r2, ...]`` is wrapped.
    ``None`` marks a missing reference for one segment. Raises InputError (``where``
    names the input) for anything else, e.g. a stream whose length differs from the
    number of segments: "line counts differ: 3 hypotheses vs 4 references".
    """
    if n_segments == 0:
        raise InputError(where, "no segments: nothing to score")
    if isinstance(references, str) or not isinstance(references, Sequence) or len(references) == 0:
        raise InputError(where, "references must be a non-empty list of reference streams (lists of strings)")
    if all(isinstance(r, str) or r is None for r in references):
        references = [references]  # one bare stream
    for i, stream in enumerate(references):
        if isinstance(stream, str) or not isinstance(stream, Sequence):
            raise InputError(where, f"reference stream {i + 1} is {type(stream).__name__}, not a list of strings")
        for j, r in enumerate(stream):
            if r is not None and not isinstance(r, str):
                raise InputError(where, f"reference stream {i + 1}, item {j + 1} is {type(r).__name__}, not a string")
    lengths = {len(s) for s in references}
    if lengths == {n_segments}:
        streams = [list(s) for s in references]
    elif len(references) == n_segments and n_segments not in lengths:
        # One list per segment (mjpost/sacrebleu#275): transpose, padding short ones with None.
        k = max(lengths)
        streams = [[seg[i] if i < len(seg) else None for seg in references] for i in range(k)]
    else:
        bad = next(len(s) for s in references if len(s) != n_segments)
        raise InputError(where, f"line counts differ: {n_segments} hypotheses vs {bad} references; "
                         "every reference stream needs one line per hypothesis")
    for i, s in enumerate(streams):
        if all(r is None for r in s):
            raise InputError(where, f"reference stream {i + 1} has no references")
    if any(all(s[j] is None for s in streams) for j in range(n_segments)):
        j = next(j for j in range(n_segments) if all(s[j] is None for s in streams))
        raise InputError(where, f"segment {j + 1} has no reference")
    return streams


def check_hypotheses(hypotheses: Sequence[Any], where: str = "hypotheses") -> list[str]:
    """The hypotheses as a list of strings; InputError for an empty list or a non-string."""
    if isinstance(hypotheses, str) or not isinstance(hypotheses, Sequence):
        raise InputError(where, "hypotheses must be a list of strings")
    if not hypotheses:
        raise InputError(where, "no hypotheses: nothing to score")
    for i, h in enumerate(hypotheses):
        if not isinstance(h, str):
            raise InputError(where, f"line {i + 1} is {type(h).__name__}, not a string")
    return list(hypotheses)


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level score: ``score`` in sacrebleu's units (0-100; TER lower is better)."""

    name: str
    score: float
    signature: str
    higher_is_better: bool

    def __str__(self) -> str:
        return f"{self.name}|{self.signature} = {self.score:.2f}"


class SacrebleuMetric:
    """A sacrebleu metric with its references cached, exposing per-segment statistics.

    ``segment_stats(targets)`` -> float array (n_segments, k) of sufficient statistics
    (BLEU: n-gram matches/totals and lengths; chrF: character/word n-gram counts; TER:
    edits, reference length); the corpus score is a function of their column sums,
    which is what makes paired resampling cheap (sacrebleu ``significance.py`` does the
    same). Uses sacrebleu's ``_extract_corpus_statistics`` / ``_compute_score_from_stats``,
    the hooks its own significance tests use; tests pin them to sacrebleu's CLI.
    """

    def __init__(self, key: str, settings: MetricSettings, references: Sequence[Any], n_segments: int,
                 where: str = "references") -> None:
        streams = reference_streams(references, n_segments, where)
        self.key = key
        self.metric, self.notes = make_metric(key, settings, streams)
        self.n_segments = n_segments
        self.higher_is_better = key != "ter"
        self.name = {"bleu": "BLEU", "chrf": "chrF++" if settings.chrf_word_order else "chrF", "ter": "TER"}[key]

    @property
    def signature(self) -> str:
        """sacrebleu's signature string (``nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``)."""
        return self.metric.get_signature().format()

    def evaluate(self, targets: Sequence[str], where: str = "hypotheses"):
        """(corpus :class:`MetricScore`, per-segment statistics float64 array (n_segments, k)).

        The score is sacrebleu's own aggregation of the statistics (``corpus_score``);
        raises InputError when the line count differs from the references'.
        """
        import numpy as np

        hyps = check_hypotheses(targets, where)
        if len(hyps) != self.n_segments:
            raise InputError(where, f"line counts differ: {len(hyps)} hypotheses vs {self.n_segments} references")
        raw = self.metric._extract_corpus_statistics(hyps, None)
        score = float(self.metric._aggregate_and_compute(raw).score)
        return (MetricScore(self.name, score, self.signature, self.higher_is_better),
                np.asarray(raw, dtype=np.float64))

    def release_references(self) -> None:
        """Drop the cached reference n-grams (scores from totals still work; :meth:`evaluate` does not)."""
        self.metric._ref_cache = None

    def scores_from_totals(self, totals):
        """Vector of corpus scores, one per row of ``totals`` (m, k): column sums of segment statistics."""
        import numpy as np

        return np.fromiter((self.metric._compute_score_from_stats(row).score for row in totals),
                           dtype=np.float64, count=len(totals))

    def corpus_score(self, targets: Sequence[str], where: str = "hypotheses") -> MetricScore:
        """The corpus score of ``targets`` as sacrebleu computes it, with the signature."""
        return self.evaluate(targets, where)[0]


def corpus_score(key: str, hypotheses: Sequence[str], references: Sequence[Any], tgt_lang: str = "en",
                 chrf_word_order: int = 0, bleu_tokenize: str | None = None) -> MetricScore:
    """Checked one-shot corpus score: ``corpus_score("bleu", hyps, [refs], "zh")``.

    ``references``: reference streams (``[[r1, r2, ...], [r1b, ...]]``) or one list per
    segment (transposed); a line-count mismatch raises InputError naming both counts
    instead of sacrebleu's silent truncation.
    """
    hyps = check_hypotheses(hypotheses)
    settings = MetricSettings(tgt_lang=tgt_lang, metrics=(key,), chrf_word_order=chrf_word_order,
                              bleu_tokenize=bleu_tokenize)
    return SacrebleuMetric(key, settings, references, len(hyps)).corpus_score(hyps)
