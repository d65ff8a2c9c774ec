"""QE in the benchmark: lazy loading, the skip path, aggregation and the per-source cache."""
import sys
import types

import numpy as np
import pytest

from benchmark.fakes import FakeQE, LowerIsBetterQE
from benchmark.helpers import degrade, make_wmt_folder, sentences, toy_corpus
from mtqa.benchmark.corpus import load_corpus
from mtqa.benchmark.qe import QEUnavailable, resolve_qe
from mtqa.benchmark.run import BenchmarkOptions, run_benchmark
from mtqa.registry import MissingDependency, Registry


def test_no_qe_module_auto_skips_with_note_and_name_is_an_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "mtqa.qe", None)  # as on a branch/installation without mtqa.qe
    assert resolve_qe("none") == (None, None)
    model, note = resolve_qe("auto")
    assert model is None and note.startswith("QE skipped") and "mtqa.qe" in note
    with pytest.raises(QEUnavailable, match="'cometkiwi' unavailable"):
        resolve_qe("cometkiwi")


def test_load_model_interface(monkeypatch):
    mod = types.ModuleType("mtqa.qe")
    calls = []

    def load_model(name):
        calls.append(name)
        if name == "needs-extra":
            raise MissingDependency("qe model 'needs-extra' needs torch (pip install 'mtqa[qe]')")
        return FakeQE()

    mod.load_model = load_model
    monkeypatch.setitem(sys.modules, "mtqa.qe", mod)
    model, note = resolve_qe("auto")
    assert isinstance(model, FakeQE) and note is None and calls == [None]
    assert isinstance(resolve_qe("fake")[0], FakeQE) and calls[-1] == "fake"
    with pytest.raises(QEUnavailable, match="needs torch"):
        resolve_qe("needs-extra")


def test_registry_interface(monkeypatch):
    mod = types.ModuleType("mtqa.qe")
    mod.QE_MODELS = Registry("QE model")
    mod.QE_MODELS.add("fake", "benchmark.fakes:FakeQE")
    mod.QE_MODELS.add("lower", "benchmark.fakes:LowerIsBetterQE")
    monkeypatch.setitem(sys.modules, "mtqa.qe", mod)
    assert type(resolve_qe("auto")[0]) is FakeQE
    assert type(resolve_qe("lower")[0]) is LowerIsBetterQE
    with pytest.raises(QEUnavailable, match="unknown QE model 'nope'"):
        resolve_qe("nope")
    mod.DEFAULT_MODEL = "lower"
    assert type(resolve_qe("auto")[0]) is LowerIsBetterQE


def copy_task(root):
    """A "translation" task whose ideal output is the source itself (so FakeQE is meaningful)."""
    src = sentences(40, 21)
    return load_corpus(make_wmt_folder(root, {"good": degrade(src, 0.05, 2), "mid": degrade(src, 0.3, 3),
                                              "bad": degrade(src, 0.7, 4)}, None, src, pair="en-en"))


def test_qe_aggregation_and_source_cache(tmp_path):
    corpus = copy_task(tmp_path / "c")
    qe = FakeQE()
    res = run_benchmark(corpus, BenchmarkOptions(metrics=(), detectors=(), samples=200), qe=qe)
    # sources encoded once for all three systems, then released
    assert qe.prepare_calls == 1 and qe.encoded == list(dict.fromkeys(corpus.sources)) and qe.released
    assert qe.predicted == 3 * len(corpus) and qe.calls == 3  # one predict() per system: the model batches
    assert [s.key for s in res.stats] == ["qe"] and res.rank_by == "qe"
    for sys_, targets in corpus.systems.items():
        cell = res.cells["qe"][sys_]
        want = np.mean([FakeQE.score_of(s, t) for s, t in zip(corpus.sources, targets)])
        assert cell.score == pytest.approx(want, abs=1e-12)
        assert cell.low <= cell.score <= cell.high and cell.high - cell.low < 0.3
    assert res.ranking == ["good", "mid", "bad"]  # fewer replaced words = more GOOD words
    assert res.stat("qe").signature.startswith("model:fakeqe")


def test_lower_is_better_qe_ranks_ascending(tmp_path):
    corpus = copy_task(tmp_path / "c")
    res = run_benchmark(corpus, BenchmarkOptions(metrics=(), detectors=(), samples=100), qe=LowerIsBetterQE())
    assert res.ranking == ["bad", "mid", "good"] and not res.stat("qe").higher_is_better


def test_qe_skipped_without_sources(tmp_path):
    corpus = load_corpus(toy_corpus(tmp_path / "c"))
    corpus.sources = None
    res = run_benchmark(corpus, BenchmarkOptions(samples=100), qe=FakeQE())
    assert "qe" not in [s.key for s in res.stats] and any("no sources" in n for n in res.notes)
