"""run_benchmark on synthetic corpora: ranking, intervals, significance, clusters, detector rates."""
import pytest

from benchmark.helpers import make_wmt_folder, sentences, toy_corpus
from mtqa.benchmark.corpus import load_corpus
from mtqa.benchmark.metrics import corpus_score
from mtqa.benchmark.run import BenchmarkOptions, run_benchmark


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return load_corpus(toy_corpus(tmp_path_factory.mktemp("toy")))


def test_ranks_by_chrf_with_sacrebleu_scores_and_significance(toy):
    res = run_benchmark(toy, BenchmarkOptions(samples=300))
    assert res.rank_by == "chrf" and res.ranking == ["good", "mid", "bad"] and res.baseline == "good"
    assert [s.key for s in res.stats] == ["bleu", "chrf", "issues", "penalty"]
    for sys_, targets in toy.systems.items():
        for key in ("bleu", "chrf"):
            want = corpus_score(key, targets, [toy.references["A"]], "en").score
            cell = res.cells[key][sys_]
            assert cell.score == want and cell.low <= cell.mean <= cell.high
    c = res.cells["chrf"]
    assert c["good"].p_value is None and c["good"].significant is None
    assert c["mid"].significant and c["bad"].significant and c["bad"].p_value < 0.01
    assert [c[s].cluster for s in res.ranking] == [1, 2, 3] and [c[s].rank for s in res.ranking] == [1, 2, 3]
    assert set(res.timings) == {"metrics", "detectors", "qe", "significance"}


def test_seeded_and_reproducible(toy):
    a = run_benchmark(toy, BenchmarkOptions(samples=200, detectors=())).to_dict()
    b = run_benchmark(toy, BenchmarkOptions(samples=200, detectors=())).to_dict()
    c = run_benchmark(toy, BenchmarkOptions(samples=200, detectors=(), seed=1)).to_dict()
    a.pop("timings_s"), b.pop("timings_s"), c.pop("timings_s")
    assert a == b and a != c


def test_approximate_randomisation_and_explicit_baseline(toy):
    res = run_benchmark(toy, BenchmarkOptions(test="ar", samples=500, detectors=(), baseline="mid", rank_by="bleu"))
    assert res.baseline == "mid" and res.rank_by == "bleu" and res.samples == 500 and res.bootstrap == 1000
    assert res.cells["bleu"]["mid"].p_value is None and res.cells["bleu"]["bad"].significant
    assert "approximate randomisation (500 trials" in res.test_description


def test_bad_options(toy):
    with pytest.raises(ValueError, match="baseline 'x'"):
        run_benchmark(toy, BenchmarkOptions(baseline="x", detectors=()))
    with pytest.raises(ValueError, match="cannot rank by 'qe'"):
        run_benchmark(toy, BenchmarkOptions(rank_by="qe", detectors=()))
    with pytest.raises(ValueError, match="unknown metric 'meteor'"):
        run_benchmark(toy, BenchmarkOptions(metrics=("meteor",)))
    with pytest.raises(ValueError, match="unknown detector"):
        run_benchmark(toy, BenchmarkOptions(detectors=("nope",)))
    with pytest.raises(ValueError, match="nothing to rank"):
        run_benchmark(toy, BenchmarkOptions(metrics=(), detectors=()))


def test_reference_free_detector_rates_by_hand(tmp_path):
    n = 10
    ref = sentences(n, 3)
    src = [f"这是第{i}个测试句子，关于县议会的新计划。" for i in range(n)]
    copy = [src[i] if i in (2, 5) else ref[i] for i in range(n)]  # 2 of 10 lines left in Chinese
    corpus = load_corpus(make_wmt_folder(tmp_path / "c", {"clean": ref, "copy": copy}, None, src, pair="zh-en"))
    res = run_benchmark(corpus, BenchmarkOptions(detectors=("untranslated",), samples=200))
    assert any("no references" in n for n in res.notes)
    assert [s.key for s in res.stats] == ["issues", "penalty"] and res.rank_by == "penalty"
    assert res.ranking == ["clean", "copy"]
    assert res.cells["issues"]["copy"].score == pytest.approx(20.0)  # 2 issues / 10 segments * 100
    assert res.cells["penalty"]["copy"].score == pytest.approx(2.0)  # 2 x critical (10) / 10 segments
    assert res.cells["penalty"]["clean"].score == 0.0
    assert res.detector_rates["copy"] == {"untranslated": 20.0} and res.error_segments["copy"] == 20.0


def test_zh_target_benchmark_uses_zh_settings(tmp_path):
    from conftest import ROOT
    case = ROOT / "tests" / "fixtures" / "cases" / "018-sacrebleu-zh-tokenization-and-ter"
    hyp = (case / "hyp.zh.txt").read_text(encoding="utf-8").splitlines()
    ref = (case / "ref.zh.txt").read_text(encoding="utf-8").splitlines()
    corpus = load_corpus(make_wmt_folder(tmp_path / "c", {"mt": hyp, "ref-copy": ref}, {"A": ref}, None,
                                         pair="en-zh"))
    res = run_benchmark(corpus, BenchmarkOptions(metrics=("bleu", "chrf", "ter"), detectors=(), samples=50))
    assert round(res.cells["bleu"]["mt"].score, 2) == 73.44 and "tok:zh" in res.stat("bleu").signature
    assert round(res.cells["ter"]["mt"].score, 2) == 9.52 and "norm:yes" in res.stat("ter").signature
    assert "asian:yes" in res.stat("ter").signature and res.cells["ter"]["ref-copy"].score == 0.0
