"""The Detector interface: one rule-based check, one module."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Iterable

from ..languages import LanguageProfile
from ..types import Issue, Segment, Severity, Span


class Detector(ABC):
    """Base class of all detectors.

    The first line of a subclass docstring is the title that ``mtqa detectors``
    lists; the rest documents what is flagged, what is left alone and why.
    Subclasses are stateless after ``__init__`` and safe to reuse across segments.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    needs_source: ClassVar[bool] = False

    @abstractmethod
    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        """Yield the issues found in ``segment`` (spans relative to the segment text)."""

    @classmethod
    def title(cls) -> str:
        """First docstring line."""
        return (cls.__doc__ or cls.__name__).strip().splitlines()[0]

    def issue(self, segment: Segment, message: str, span: Span | None = None, *,
              category: str | None = None, severity: Severity | None = None,
              suggestion: str | None = None, side: str = "target", confidence: float = 1.0) -> Issue:
        """Build an Issue with this detector's defaults."""
        return Issue(seg_id=segment.seg_id, detector=self.name, category=category or self.category,
                     severity=severity or self.severity, message=message, span=span, side=side,  # type: ignore[arg-type]
                     suggestion=suggestion, confidence=confidence)
