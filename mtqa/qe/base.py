"""The QEModel interface: reference-free quality estimation of (source, target) segments."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable, ClassVar, Sequence

from ..types import QEResult, Segment


class QEModel(ABC):
    """A QE model scores segments without a reference.

    Subclasses set ``name``, ``higher_is_better`` and ``score_range`` (the range of
    ``QEResult.score``) and implement :meth:`predict_batch`; ``QEResult.quality`` is
    the score mapped to [0, 1], higher = better, whatever the model's direction.
    ``needs_source`` models raise ValueError on a segment without a source.
    """

    name: ClassVar[str]
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (0.0, 1.0)
    needs_source: ClassVar[bool] = True

    @abstractmethod
    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        """One QEResult per segment, same order; the batch is scored at once."""

    def quality(self, score: float, score_range: tuple[float, float] | None = None) -> float:
        """Map a score to [0, 1], higher = better: linear over ``score_range`` (default: the
        model's), clipped."""
        lo, hi = score_range or self.score_range
        q = (score - lo) / (hi - lo) if hi > lo else 0.5
        q = min(max(q, 0.0), 1.0)
        return q if self.higher_is_better else 1.0 - q

    def predict(self, segments: Sequence[Segment], batch_size: int = 32,
                progress: Callable[[int], None] | None = None) -> list[QEResult | None]:
        """Score any number of segments; returns one result per segment, in input order.

        Segments are sorted by length (source + target characters) so that each batch
        pads little, as COMET's ``predict`` does, and the order is restored afterwards.
        When the model needs a source, a segment without one gets None (no score); so does a
        segment whose target (or needed source) is empty or only whitespace: there is nothing
        to estimate, and the detectors report the empty side.
        ``progress`` is called with the number of segments done after each batch.
        """
        segs = list(segments)
        usable = [i for i, s in enumerate(segs) if s.target.strip()
                  and ((s.source is not None and s.source.strip()) or not self.needs_source)]
        order = sorted(usable, key=lambda i: len(segs[i].target) + len(segs[i].source or ""))
        out: list[QEResult | None] = [None] * len(segs)
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            res = self.predict_batch([segs[i] for i in idx])
            if len(res) != len(idx):
                raise RuntimeError(f"QE model {self.name!r} returned {len(res)} results for {len(idx)} segments")
            for i, r in zip(idx, res):
                out[i] = r
            if progress is not None:
                progress(min(b + batch_size, len(order)))
        return out
