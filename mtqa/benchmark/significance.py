"""Paired significance tests and confidence intervals over per-segment statistics.

Every system-level statistic here is a function of column sums of per-segment
statistics: sacrebleu's metrics (BLEU, chrF, TER sufficient statistics) and means
(QE score, MQM penalty, issue count: one column, score = sum / n). Resampling therefore
never re-tokenises anything: a resample is a weighted sum of the statistics rows.

The tests are sacrebleu's (``sacrebleu/significance.py``, 2.x), reproduced on cached
statistics so that all systems share one set of resamples and every pair can be
compared without recomputation:

* **paired bootstrap resampling** (Koehn 2004; sacrebleu ``--paired-bs``): resample
  segment indices with replacement ``n`` times (numpy ``default_rng(seed).choice``, as
  sacrebleu draws them); p-value = (1 + #{|d*_i| - mean|d*| > |d|}) / (n + 1), where d is
  the observed difference and d*_i the resampled ones.
* **approximate randomisation** (Riezler & Maxwell 2005, as in multeval and sacrebleu
  ``--paired-ar``): swap the two systems' outputs per segment with probability 1/2
  (``default_rng(seed).integers(2)``), p-value = (1 + #{|a_i - b_i| > |d|}) / (n + 1).
* **95% confidence interval** from the bootstrap resamples: the values at sorted
  positions n//40 and n - n//40 - 1 (sacrebleu ``estimate_ci``), with their mean.

With the same seed (sacrebleu's default is 12345) p-values, means and intervals equal
sacrebleu's ``PairedTest`` on the same inputs; tests check this.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

TESTS = ("bs", "ar")
DEFAULT_SAMPLES = {"bs": 1000, "ar": 10000}  # sacrebleu's defaults
from .run import DEFAULT_SEED  # noqa: E402,F401 - sacrebleu's SACREBLEU_SEED default (12345)


def bootstrap_counts(n_segments: int, n_samples: int, seed: int) -> np.ndarray:
    """(n_samples, n_segments) float64 matrix: how often each segment is drawn in each resample.

    Drawn as sacrebleu draws its indices (``default_rng(seed).choice(n, (n_samples, n))``),
    so ``counts @ stats`` equals sacrebleu's ``stats[idxs].sum(1)``.
    """
    rng = np.random.default_rng(seed)
    idxs = rng.choice(n_segments, size=(n_samples, n_segments), replace=True)
    counts = np.empty((n_samples, n_segments), dtype=np.float64)
    for i, row in enumerate(idxs):
        counts[i] = np.bincount(row, minlength=n_segments)
    return counts


def swap_masks(n_segments: int, n_trials: int, seed: int) -> np.ndarray:
    """(n_trials, n_segments) bool: True where approximate randomisation swaps the two outputs."""
    return np.random.default_rng(seed).integers(2, size=(n_trials, n_segments), dtype=bool)


def p_value(stats: np.ndarray, observed: float) -> float:
    """(1 + #{stats > observed}) / (len(stats) + 1): multeval's / sacrebleu's estimate."""
    return (int(np.sum(stats > observed)) + 1) / (len(stats) + 1)


def estimate_ci(samples: np.ndarray) -> tuple[float, float, float]:
    """(mean, low, high) of resampled scores; [low, high] is the 95% interval (sacrebleu's positions)."""
    s = np.sort(samples)
    lo = len(s) // 40
    return float(s.mean()), float(s[lo]), float(s[len(s) - lo - 1])


ScoreFn = Callable[[np.ndarray], np.ndarray]


def mean_score(n_segments: int) -> ScoreFn:
    """Score function for a per-segment mean: totals (m, 1) -> totals / n."""
    return lambda totals: totals[:, 0] / n_segments


@dataclass
class Interval:
    """A statistic's confidence estimate: resampled ``mean``, 95% ``low``/``high`` and half-width ``ci``."""

    mean: float
    low: float
    high: float

    @property
    def ci(self) -> float:
        return 0.5 * (self.high - self.low)


class PairedResampler:
    """Confidence intervals and paired tests for one statistic across systems.

    ``stats[system]`` is a float array (n_segments, k) of per-segment statistics;
    ``score_fn`` maps column sums (m, k) to m scores; ``scores[system]`` is the actual
    corpus score. ``counts`` (bootstrap) and ``masks`` (AR) are shared by all statistics
    of a benchmark so that every comparison is paired on the same resamples.
    ``float32``: aggregate BLEU/chrF/TER totals in float32 before scoring in the
    bootstrap, as sacrebleu does, so that p-values match it bit for bit.
    """

    CHUNK = 1000

    def __init__(self, stats: dict[str, np.ndarray], scores: dict[str, float], score_fn: ScoreFn,
                 counts: np.ndarray, masks: np.ndarray | None = None, float32: bool = False) -> None:
        self.stats, self.scores, self.score_fn = stats, scores, score_fn
        self.counts, self.masks, self.float32 = counts, masks, float32
        self._boot: dict[str, np.ndarray] = {}

    def bootstrap(self, system: str) -> np.ndarray:
        """Resampled scores of ``system`` (n_samples,), computed once and cached."""
        if system not in self._boot:
            totals = self.counts @ self.stats[system]
            if self.float32:
                totals = totals.astype(np.float32)
            self._boot[system] = np.asarray(self.score_fn(totals), dtype=np.float64)
        return self._boot[system]

    def interval(self, system: str) -> Interval:
        """Bootstrap mean and 95% interval of ``system``'s score."""
        return Interval(*estimate_ci(self.bootstrap(system)))

    def paired_bs(self, a: str, b: str) -> float:
        """Paired bootstrap p-value for "a and b differ" (two-sided, sacrebleu ``_paired_bs_test``)."""
        observed = abs(self.scores[a] - self.scores[b])
        diffs = np.abs(self.bootstrap(a) - self.bootstrap(b))
        return p_value(diffs - diffs.mean(), observed)

    def paired_ar(self, a: str, b: str) -> float:
        """Approximate-randomisation p-value for "a and b differ" (sacrebleu ``_paired_ar_test``)."""
        if self.masks is None:
            raise ValueError("approximate randomisation needs swap masks (test='ar')")
        observed = abs(self.scores[a] - self.scores[b])
        sa, sb = self.stats[a], self.stats[b]
        diffs = []
        for start in range(0, len(self.masks), self.CHUNK):  # bounded memory: CHUNK x n_segments floats
            pos = self.masks[start:start + self.CHUNK].astype(np.float64)
            neg = 1.0 - pos
            shuf_a = np.asarray(self.score_fn(pos @ sa + neg @ sb))
            shuf_b = np.asarray(self.score_fn(neg @ sa + pos @ sb))
            diffs.append(np.abs(shuf_a - shuf_b))
        return p_value(np.concatenate(diffs), observed)

    def p(self, a: str, b: str, test: str) -> float:
        """p-value of the named test ("bs" or "ar").

        1.0 when the two corpus scores are equal (a system against itself, or identical
        outputs): sacrebleu returns 1/(n+1) there, i.e. "significant", because its count
        uses a strict ``>`` against an observed difference of 0.
        """
        if a == b or self.scores[a] == self.scores[b]:
            return 1.0
        return self.paired_bs(a, b) if test == "bs" else self.paired_ar(a, b)


def clusters(ranked: Sequence[str], differ: Callable[[str, str], bool]) -> dict[str, int]:
    """Group ranked systems (best first) into clusters numbered 1, 2, ...

    Greedy, top-down: a new cluster starts at the first system that is significantly
    different (``differ(top, system)``) from the best system of the current cluster.
    Systems in one cluster are thus not significantly worse than its top system. Needs
    len(ranked) - 1 comparisons at most.
    """
    out: dict[str, int] = {}
    top, k = None, 0
    for s in ranked:
        if top is None or differ(top, s):
            top, k = s, k + 1
        out[s] = k
    return out
