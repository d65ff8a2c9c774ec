"""Rank systems on a corpus: sacrebleu metrics, detector issue rates, MQM penalty and QE,
each with a bootstrap confidence interval, paired tests against a baseline and clusters.

:func:`run_benchmark` is the library entry point behind ``mtqa benchmark``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .. import __version__
from ..io.errors import InputError
from ..mqm import DEFAULT_WEIGHTS
from .corpus import Corpus

DEFAULT_SEED = 12345  # sacrebleu's SACREBLEU_SEED default; significance.py uses the same

#: Default ranking statistic, first one present: chrF agrees with human system rankings
#: more often than BLEU (Kocmi et al. 2021, "To Ship or Not to Ship", WMT), QE when there
#: are no references, then the detectors' MQM penalty.
RANK_PREFERENCE = ("chrf", "bleu", "ter", "qe", "penalty", "issues")


@dataclass(frozen=True)
class BenchmarkOptions:
    """Settings of a benchmark run.

    ``metrics`` ⊆ {"bleu", "chrf", "ter"} (TER is opt-in: ~45 ms CPU per segment and system
    with two references, scripts/bench_benchmark.py --ter);
    ``chrf_word_order`` 2 = chrF++; ``bleu_tokenize`` None = by target language;
    ``detectors`` None = all registered, () = none; ``test`` "bs" (paired bootstrap) or
    "ar" (approximate randomisation) with ``samples`` resamples/trials (default 1000 /
    10000, sacrebleu's); confidence intervals always use ``bootstrap`` resamples
    (the ``samples`` of "bs"); ``alpha`` is the significance level; ``seed`` seeds every
    random draw (sacrebleu's default 12345). ``batch_size`` is how many segments the QE
    model gets per ``predict`` call; None = a whole system at once, so that the model can
    sort by length and batch itself (COMET-style).
    """

    metrics: tuple[str, ...] = ("bleu", "chrf")
    chrf_word_order: int = 0
    bleu_tokenize: str | None = None
    detectors: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    weights: str = DEFAULT_WEIGHTS
    baseline: str | None = None
    test: str = "bs"
    samples: int | None = None
    bootstrap: int = 1000
    seed: int = DEFAULT_SEED
    alpha: float = 0.05
    rank_by: str | None = None
    batch_size: int | None = None


@dataclass(frozen=True)
class Stat:
    """One column of the benchmark: a system-level statistic.

    ``key``: bleu | chrf | ter | qe | issues | penalty. ``issues`` = detector issues
    above neutral per 100 segments; ``penalty`` = mean MQM penalty per segment (mtqa.mqm
    weights); ``qe`` = mean QE score in the model's range. ``digits`` is for display.
    """

    key: str
    name: str
    higher_is_better: bool
    signature: str
    digits: int = 2


@dataclass
class Cell:
    """One system's value of one statistic.

    ``score`` is the corpus value; ``mean``, ``low``, ``high`` the bootstrap mean and 95%
    interval; ``p_value`` the paired test against the baseline (None for the baseline);
    ``significant`` = p < alpha; ``rank`` 1 = best on this statistic; ``cluster`` 1 = the
    top group of systems not significantly different from its best one.
    """

    score: float
    mean: float
    low: float
    high: float
    p_value: float | None
    significant: bool | None
    rank: int
    cluster: int

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        r = lambda x: None if x is None else round(float(x), digits)  # noqa: E731
        return {"score": r(self.score), "mean": r(self.mean), "ci_low": r(self.low), "ci_high": r(self.high),
                "ci": r(0.5 * (self.high - self.low)), "p_value": r(self.p_value), "significant": self.significant,
                "rank": self.rank, "cluster": self.cluster}


@dataclass
class BenchmarkResult:
    """Everything ``mtqa benchmark`` reports; :meth:`to_dict` is the JSON output."""

    corpus: str
    pair: str
    n_segments: int
    references: list[str]
    stats: list[Stat]
    ranking: list[str]
    rank_by: str
    baseline: str
    cells: dict[str, dict[str, Cell]]
    detector_rates: dict[str, dict[str, float]] = field(default_factory=dict)
    error_segments: dict[str, float] = field(default_factory=dict)
    test: str = "bs"
    samples: int = 1000
    bootstrap: int = 1000
    seed: int = DEFAULT_SEED
    alpha: float = 0.05
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def stat(self, key: str) -> Stat:
        return next(s for s in self.stats if s.key == key)

    @property
    def test_description(self) -> str:
        name = "paired bootstrap resampling" if self.test == "bs" else "approximate randomisation"
        what = "resamples" if self.test == "bs" else "trials"
        return f"{name} ({self.samples} {what}, seed {self.seed}, p < {self.alpha})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus, "pair": self.pair, "segments": self.n_segments,
            "systems": len(self.ranking), "references": self.references,
            "rank_by": self.rank_by, "baseline": self.baseline,
            "significance": {"test": self.test, "samples": self.samples, "bootstrap": self.bootstrap,
                             "seed": self.seed, "alpha": self.alpha,
                             "clusters": "greedy: a new cluster starts at the first system significantly "
                                         "different from the best system of the current cluster"},
            "statistics": [{"key": s.key, "name": s.name, "higher_is_better": s.higher_is_better,
                            "signature": s.signature} for s in self.stats],
            "ranking": [{"system": sys_, **{s.key: self.cells[s.key][sys_].to_dict() for s in self.stats},
                         **({"detector_rates": self.detector_rates[sys_]} if sys_ in self.detector_rates else {}),
                         **({"segments_with_errors_pct": round(self.error_segments[sys_], 2)}
                            if sys_ in self.error_segments else {})}
                        for sys_ in self.ranking],
            "notes": self.notes,
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
            "version": __version__,
        }


class _TimedQE:
    """Wraps a QE model: times ``predict`` and checks it returns one result per segment."""

    def __init__(self, model: Any) -> None:
        self.model, self.seconds = model, 0.0

    def predict(self, segments):
        t = time.perf_counter()
        out = list(self.model.predict(list(segments)))
        self.seconds += time.perf_counter() - t
        if len(out) != len(segments):
            raise RuntimeError(f"QE model returned {len(out)} results for {len(segments)} segments")
        return out


def _bar(progress: bool, total: int, desc: str):
    if not progress:
        return None
    import sys

    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="sys", file=sys.stderr, leave=False)


@dataclass
class _Columns:
    """What the phases gather before resampling: per statistic, per system, per-segment
    statistics (n, k) and the corpus score, plus how to score column sums."""

    notes: list[str]
    stats: list[Stat] = field(default_factory=list)
    seg: dict[str, dict[str, Any]] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    score_fn: dict[str, tuple[Callable, bool]] = field(default_factory=dict)  # key -> (fn, float32)
    detector_rates: dict[str, dict[str, float]] = field(default_factory=dict)
    error_segments: dict[str, float] = field(default_factory=dict)


def run_benchmark(corpus: Corpus, options: BenchmarkOptions = BenchmarkOptions(), qe: Any = None,
                  notes: Sequence[str] = (), progress: bool = False,
                  on_phase: Callable[[str], None] | None = None) -> BenchmarkResult:
    """Score every system of ``corpus`` and rank them.

    ``qe``: an object with ``predict(list[Segment]) -> list[QEResult]`` or None (see
    :mod:`mtqa.benchmark.qe` for the per-source cache protocol). ``notes`` are carried
    into the result (e.g. why QE was skipped). ``progress`` shows tqdm bars on stderr.
    ``on_phase(name)`` is called as each phase starts ("metrics", "detectors",
    "significance") and with "done" at the end (used by scripts/bench_benchmark.py).
    Raises InputError for bad input (line counts, missing references), ValueError for
    bad options (unknown metric, baseline or rank statistic).
    """
    from .metrics import METRICS
    from .significance import TESTS

    corpus.validate()
    if options.test not in TESTS:
        raise ValueError(f"unknown test {options.test!r}; choose from {', '.join(TESTS)}")
    for m in options.metrics:
        if m not in METRICS:
            raise ValueError(f"unknown metric {m!r}; choose from {', '.join(METRICS)}")
    phase = on_phase or (lambda name: None)
    cols = _Columns(notes=list(notes))
    timings: dict[str, float] = {}

    phase("metrics")
    t0 = time.perf_counter()
    _add_metrics(cols, corpus, options, progress)
    timings["metrics"] = time.perf_counter() - t0

    phase("detectors")
    t0 = time.perf_counter()
    qe_seconds = _add_pipeline(cols, corpus, options, qe, progress)
    timings["detectors"] = time.perf_counter() - t0 - qe_seconds
    timings["qe"] = qe_seconds
    if not cols.stats:
        raise ValueError("nothing to rank: no references for metrics, no detectors and no QE model")

    phase("significance")
    t0 = time.perf_counter()
    result = _rank_and_test(cols, corpus, options, progress)
    timings["significance"] = time.perf_counter() - t0
    result.timings = timings
    phase("done")
    return result


def _add_metrics(cols: _Columns, corpus: Corpus, options: BenchmarkOptions, progress: bool) -> None:
    """sacrebleu metrics: per-segment statistics and corpus scores of every system."""
    from .metrics import MetricSettings, SacrebleuMetric

    if not options.metrics:
        return
    if not corpus.references:
        cols.notes.append("no references: BLEU/chrF/TER skipped (reference-free ranking by QE and detectors)")
        return
    n, systems = len(corpus), list(corpus.systems)
    settings = MetricSettings(tgt_lang=corpus.tgt_lang, metrics=tuple(options.metrics),
                              chrf_word_order=options.chrf_word_order, bleu_tokenize=options.bleu_tokenize)
    where = ", ".join(corpus.files.get(f"ref:{r}", r) for r in corpus.references)
    bar = _bar(progress, len(options.metrics) * len(systems), "metrics")
    try:
        for key in options.metrics:
            metric = SacrebleuMetric(key, settings, list(corpus.references.values()), n, where=where)
            cols.notes.extend(x for x in metric.notes if x not in cols.notes)
            cols.stats.append(Stat(key, metric.name, metric.higher_is_better, metric.signature))
            cols.seg[key], cols.scores[key] = {}, {}
            for s in systems:
                score, stats = metric.evaluate(corpus.systems[s], where=corpus.files.get(f"sys:{s}", s))
                cols.seg[key][s], cols.scores[key][s] = stats, score.score
                if bar is not None:
                    bar.update()
            metric.release_references()  # keep only the per-segment statistics for resampling
            cols.score_fn[key] = (metric.scores_from_totals, True)
    finally:
        if bar is not None:
            bar.close()


def _add_pipeline(cols: _Columns, corpus: Corpus, options: BenchmarkOptions, qe: Any, progress: bool) -> float:
    """Detector issue rates, MQM penalty and QE through :func:`mtqa.pipeline.score_segments`.

    Returns the seconds spent in the QE model.
    """
    import numpy as np

    dets = _load_detectors(options)
    if qe is not None and corpus.sources is None:
        cols.notes.append("QE skipped: the corpus has no sources")
        qe = None
    if not dets and qe is None:
        return 0.0
    from ..mqm import Weights
    from ..pipeline import score_segments, signature
    from ..types import Segment, severity_rank
    from .qe import model_name, prepare_sources, release_sources
    from .significance import mean_score

    n, systems = len(corpus), list(corpus.systems)
    weights = Weights.parse(options.weights)
    timed = _TimedQE(qe) if qe is not None else None
    pen, cnt, qes = ({s: np.zeros((n, 1)) for s in systems} for _ in range(3))
    bar = _bar(progress, len(systems), "detectors" + (" + QE" if qe is not None else ""))
    try:
        if timed is not None:
            t0 = time.perf_counter()
            prepare_sources(qe, corpus.sources)
            timed.seconds += time.perf_counter() - t0
        for s in systems:
            segs = [Segment(seg_id=sid, target=t, source=(corpus.sources[i] if corpus.sources else None),
                            src_lang=corpus.src_lang, tgt_lang=corpus.tgt_lang, doc_id=corpus.name, system=s)
                    for i, (sid, t) in enumerate(zip(corpus.seg_ids, corpus.systems[s]))]
            per_det: dict[str, int] = {}
            with_err = 0
            for i, rep in enumerate(score_segments(segs, dets, qe=timed, weights=weights,
                                                   batch_size=options.batch_size or n)):
                real = [x for x in rep.issues if severity_rank(x.severity) > 0]
                pen[s][i, 0] = rep.mqm_penalty
                cnt[s][i, 0] = 100.0 * len(real)
                with_err += bool(real)
                for x in real:
                    per_det[x.detector] = per_det.get(x.detector, 0) + 1
                if rep.qe is not None:
                    qes[s][i, 0] = rep.qe.score
            cols.detector_rates[s] = {d.name: round(100.0 * per_det.get(d.name, 0) / n, 3) for d in dets}
            cols.error_segments[s] = 100.0 * with_err / n
            if bar is not None:
                bar.update()
    finally:
        if bar is not None:
            bar.close()
        if qe is not None:
            release_sources(qe)
    det_sig = signature(dets, options.weights, model_name(qe) if qe is not None else None)
    added: dict[str, Any] = {}
    if qe is not None:
        hib = bool(getattr(qe, "higher_is_better", True))
        cols.stats.append(Stat("qe", f"QE ({model_name(qe)})", hib,
                               f"model:{model_name(qe)}|version:{getattr(qe, 'version', '?')}", 4))
        added["qe"] = qes
    if dets:
        cols.stats.append(Stat("issues", "issues/100 seg", False, det_sig, 1))
        cols.stats.append(Stat("penalty", "MQM penalty/seg", False, det_sig, 3))
        added["issues"], added["penalty"] = cnt, pen
    for key, table in added.items():
        cols.seg[key] = table
        cols.scores[key] = {s: float(table[s][:, 0].mean()) for s in systems}
        cols.score_fn[key] = (mean_score(n), False)
    return timed.seconds if timed is not None else 0.0


def _rank_and_test(cols: _Columns, corpus: Corpus, options: BenchmarkOptions, progress: bool) -> BenchmarkResult:
    """Rank, pick the baseline, and fill every cell: interval, p-value against the baseline, cluster."""
    from .significance import DEFAULT_SAMPLES, PairedResampler, bootstrap_counts, clusters, swap_masks

    n, systems = len(corpus), list(corpus.systems)
    keys = [s.key for s in cols.stats]
    rank_by = options.rank_by or next(k for k in RANK_PREFERENCE if k in keys)
    if rank_by not in keys:
        raise ValueError(f"cannot rank by {rank_by!r}: computed statistics are {', '.join(keys)}")
    by_key = {s.key: s for s in cols.stats}

    def ordered(key: str) -> list[str]:
        sign = -1.0 if by_key[key].higher_is_better else 1.0
        return sorted(systems, key=lambda s: (sign * cols.scores[key][s], s))

    ranking = ordered(rank_by)
    baseline = options.baseline or ranking[0]
    if baseline not in corpus.systems:
        raise ValueError(f"baseline {baseline!r} is not one of the systems: {', '.join(systems)}")
    n_samples = options.samples or DEFAULT_SAMPLES[options.test]
    n_boot = n_samples if options.test == "bs" else options.bootstrap
    counts = bootstrap_counts(n, n_boot, options.seed)
    masks = swap_masks(n, n_samples, options.seed) if options.test == "ar" else None
    cells: dict[str, dict[str, Cell]] = {}
    bar = _bar(progress, len(cols.stats), "significance")
    for st in cols.stats:
        fn, f32 = cols.score_fn[st.key]
        rs = PairedResampler(cols.seg[st.key], cols.scores[st.key], fn, counts, masks, float32=f32)
        order = ordered(st.key)
        clus = clusters(order, lambda a, b, rs=rs: rs.p(a, b, options.test) < options.alpha)
        cells[st.key] = {}
        for rank, s in enumerate(order, start=1):
            iv = rs.interval(s)
            p = None if s == baseline else rs.p(baseline, s, options.test)
            cells[st.key][s] = Cell(cols.scores[st.key][s], iv.mean, iv.low, iv.high, p,
                                    None if p is None else p < options.alpha, rank, clus[s])
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return BenchmarkResult(
        corpus=corpus.name, pair=corpus.pair, n_segments=n, references=list(corpus.references), stats=cols.stats,
        ranking=ranking, rank_by=rank_by, baseline=baseline, cells=cells, detector_rates=cols.detector_rates,
        error_segments=cols.error_segments, test=options.test, samples=n_samples, bootstrap=n_boot,
        seed=options.seed, alpha=options.alpha, notes=cols.notes)


def _load_detectors(options: BenchmarkOptions) -> list:
    if options.detectors is not None and len(options.detectors) == 0:
        return []
    from ..pipeline import load_detectors
    try:
        return load_detectors(list(options.detectors) if options.detectors else None, list(options.exclude))
    except KeyError as exc:
        raise ValueError(str(exc).strip("'\"")) from None


__all__ = ["BenchmarkOptions", "BenchmarkResult", "Cell", "InputError", "Stat", "run_benchmark"]
