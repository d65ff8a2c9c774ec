"""Resampling: equal to sacrebleu's PairedTest on the same data and seed; means; clusters."""
import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from benchmark.helpers import degrade, sentences
from mtqa.benchmark.metrics import MetricSettings, SacrebleuMetric
from mtqa.benchmark.significance import PairedResampler, bootstrap_counts, clusters, estimate_ci, mean_score, swap_masks

N = 60
REF = sentences(N, 11)
BASE = degrade(REF, 0.25, 1)
CLOSE = [d if i % 20 == 0 else b for i, (b, d) in enumerate(zip(BASE, degrade(REF, 0.3, 2)))]  # 3 lines differ
SYSTEMS = {"base": BASE, "close": CLOSE, "worse": degrade(REF, 0.6, 3)}


def ours(key, test, n_samples, float32=True):
    m = SacrebleuMetric(key, MetricSettings("en"), [REF], N)
    stats, scores = {}, {}
    for s, hyps in SYSTEMS.items():
        score, stats[s] = m.evaluate(hyps)
        scores[s] = score.score
    counts = bootstrap_counts(N, n_samples, 12345)
    masks = swap_masks(N, n_samples, 12345) if test == "ar" else None
    return PairedResampler(stats, scores, m.scores_from_totals, counts, masks, float32=float32)


@pytest.mark.parametrize("test,n", [("bs", 300), ("ar", 400)])
def test_p_values_equal_sacrebleu_paired_test(test, n):
    metrics = {"BLEU": BLEU(), "chrF2": CHRF(), "TER": TER()}
    _, res = PairedTest(list(SYSTEMS.items()), metrics, [REF], test_type=test, n_samples=n)()
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        rs = ours(key, test, n)
        for i, s in enumerate(SYSTEMS):
            theirs = res[name][i]
            assert rs.scores[s] == pytest.approx(theirs.score, abs=1e-9)
            if i > 0 and rs.scores[s] == rs.scores["base"]:
                # equal corpus scores (happens with TER here): no observed difference -> p = 1 (sacrebleu: any)
                assert rs.p("base", s, test) == 1.0 and theirs.p_value > 0.05
            elif i > 0:
                assert rs.p("base", s, test) == pytest.approx(theirs.p_value, abs=1e-12), (key, s)
            if test == "bs":  # sacrebleu reports bootstrap mean and CI half-width in bs mode
                iv = rs.interval(s)
                assert iv.mean == pytest.approx(theirs.mean, abs=1e-4)
                assert iv.ci == pytest.approx(theirs.ci, abs=1e-4)
    # the clearly worse system is significant, the near-copy is not
    rs = ours("chrf", test, n)
    assert rs.p("base", "worse", test) < 0.01 and rs.p("base", "close", test) > 0.2


def test_identical_outputs_are_never_significant():
    # sacrebleu's strict ">" gives p = 1/(n+1) for identical systems; we return 1.0
    rs = ours("bleu", "bs", 200)
    rs.stats["twin"], rs.scores["twin"] = rs.stats["base"], rs.scores["base"]
    assert rs.p("base", "twin", "bs") == 1.0 and rs.p("twin", "twin", "bs") == 1.0


def test_mean_statistic_matches_a_plain_loop():
    rng = np.random.default_rng(0)
    a, b = rng.normal(0.5, 0.2, N), rng.normal(0.45, 0.2, N)
    stats = {"a": a[:, None], "b": b[:, None]}
    scores = {"a": a.mean(), "b": b.mean()}
    rs = PairedResampler(stats, scores, mean_score(N), bootstrap_counts(N, 500, 7), swap_masks(N, 500, 7))
    # plain re-implementation: draw the same indices and average
    idx = np.random.default_rng(7).choice(N, size=(500, N), replace=True)
    boot_a, boot_b = a[idx].mean(1), b[idx].mean(1)
    np.testing.assert_allclose(rs.bootstrap("a"), boot_a, rtol=1e-12)
    d = np.abs(boot_a - boot_b)
    want_bs = (np.sum(d - d.mean() > abs(a.mean() - b.mean())) + 1) / 501
    assert rs.paired_bs("a", "b") == pytest.approx(want_bs)
    swap = np.random.default_rng(7).integers(2, size=(500, N), dtype=bool)
    sa, sb = np.where(swap, a, b).mean(1), np.where(swap, b, a).mean(1)
    want_ar = (np.sum(np.abs(sa - sb) > abs(a.mean() - b.mean())) + 1) / 501
    assert rs.paired_ar("a", "b") == pytest.approx(want_ar)
    _, lo, hi = estimate_ci(boot_a)
    assert lo < a.mean() < hi and rs.interval("a").low == pytest.approx(lo, rel=1e-12)


def test_constant_statistic_has_a_zero_width_interval():
    x = np.full((N, 1), 3.0)
    rs = PairedResampler({"s": x}, {"s": 3.0}, mean_score(N), bootstrap_counts(N, 100, 1))
    iv = rs.interval("s")
    assert iv.low == iv.high == iv.mean == pytest.approx(3.0)


def test_bootstrap_counts_rows_sum_to_n_and_are_seeded():
    c = bootstrap_counts(50, 20, 3)
    assert c.shape == (20, 50) and (c.sum(1) == 50).all()
    assert (c == bootstrap_counts(50, 20, 3)).all() and not (c == bootstrap_counts(50, 20, 4)).all()


@pytest.mark.parametrize("ranked,different,want", [
    (["a", "b", "c", "d"], set(), [1, 1, 1, 1]),
    (["a", "b", "c", "d"], {("a", "c"), ("a", "d"), ("c", "d")}, [1, 1, 2, 3]),
    (["a", "b", "c"], {("a", "b"), ("a", "c"), ("b", "c")}, [1, 2, 3]),
    # b differs from a; c does not differ from b (the new top), even though it differs from a
    (["a", "b", "c"], {("a", "b"), ("a", "c")}, [1, 2, 2]),
    (["a"], set(), [1]),
])
def test_clusters(ranked, different, want):
    calls = []

    def differ(x, y):
        calls.append((x, y))
        return (x, y) in different

    got = clusters(ranked, differ)
    assert [got[s] for s in ranked] == want
    assert len(calls) == len(ranked) - 1
