"""A small fake QE model implementing the benchmark's per-source cache protocol."""
from __future__ import annotations

from mtqa.types import QEResult


class FakeQE:
    """score = share of the source's words found at the same position in the target
    (easy to recompute by hand; meaningful on a corpus whose "translation" is a copy task).

    ``prepare_sources`` must be called first: ``predict`` refuses sources it has not
    "encoded" (split into words), so a test passing proves the benchmark used the protocol.
    """

    name = "fakeqe"
    version = "0"
    higher_is_better = True

    def __init__(self) -> None:
        self.encoded: list[str] = []
        self.prepare_calls = 0
        self.predicted = 0
        self.calls = 0
        self.released = False
        self._cache: dict[str, int] | None = None

    @staticmethod
    def score_of(source: str, target: str) -> float:
        src, tgt = source.split(), target.split()
        return sum(a == b for a, b in zip(src, tgt)) / max(len(src), 1)

    def prepare_sources(self, sources):
        self.prepare_calls += 1
        self.encoded.extend(sources)
        self._cache = {s: s.split() for s in sources}

    def release_sources(self):
        self.released = True
        self._cache = None

    def predict(self, segments):
        assert self._cache is not None, "predict before prepare_sources"
        for s in segments:
            assert s.source in self._cache
        self.predicted += len(segments)
        self.calls += 1
        out = []
        for s in segments:
            src, tgt = self._cache[s.source], s.target.split()
            score = sum(a == b for a, b in zip(src, tgt)) / max(len(src), 1)
            out.append(QEResult(score=score, quality=score, model=self.name))
        return out


class LowerIsBetterQE(FakeQE):
    name = "fake-error-rate"
    higher_is_better = False
