"""Core value types shared by readers, detectors, QE models and writers.

All offsets are Python ``str`` indices (Unicode code points), half-open
``[start, end)``, as in the WMT MQM data and mt-metrics-eval's ``Error`` records.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["neutral", "minor", "major", "critical"]
Side = Literal["source", "target"]

#: Severities ordered from harmless to worst; index = rank.
SEVERITIES: tuple[Severity, ...] = ("neutral", "minor", "major", "critical")


def severity_rank(severity: str) -> int:
    """Return 0 (neutral) .. 3 (critical); raises ValueError for unknown names."""
    try:
        return SEVERITIES.index(severity)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}") from None


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character span ``[start, end)`` into a text; ``0 <= start <= end``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def shift(self, by: int) -> "Span":
        """The same span moved ``by`` characters (e.g. from sentence to document offsets)."""
        return Span(self.start + by, self.end + by)

    def overlaps(self, other: "Span") -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit under review: a target sentence, optionally with its source.

    ``seg_id`` is stable across runs (never renumbered); ``offset`` is where the
    target sits in its document (None for pre-segmented inputs such as JSONL).
    """

    seg_id: str
    target: str
    source: str | None = None
    src_lang: str | None = None
    tgt_lang: str = "en"
    doc_id: str | None = None
    system: str | None = None
    reference: str | None = None
    offset: Span | None = None
    kind: Literal["sentence", "heading", "segment"] = "segment"
    line: int | None = None  # 1-based line of the input file where the segment starts
    #: How the aligner paired source and target sentences ("1-1", "2-1", "1-0": source left
    #: untranslated, "0-1": target with no source); None when the input was already paired.
    alignment: str | None = None
    source_line: int | None = None  # 1-based line of the source file where the source starts


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of a detector, in MQM terms.

    ``category`` is the MQM path as the WMT MQM data writes it (see ``mtqa.mqm``);
    ``span`` is relative to the segment text on ``side``; None means the whole segment.
    ``confidence`` in [0, 1] is the detector's own belief that the issue is real.
    """

    seg_id: str
    detector: str
    category: str
    severity: Severity
    message: str
    span: Span | None = None
    side: Side = "target"
    suggestion: str | None = None
    confidence: float = 1.0

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """JSON-ready dict; with ``text`` (the text on ``side``) the span's text is included."""
        d: dict[str, Any] = {
            "detector": self.detector,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "side": self.side,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
        }
        if text is not None and self.span is not None:
            d["text"] = text[self.span.start:self.span.end]
        d["suggestion"] = self.suggestion
        d["confidence"] = round(self.confidence, 4)
        return d


@dataclass(frozen=True, slots=True)
class QEResult:
    """A QE model's verdict on one segment.

    ``score`` is in the model's own range and direction (``QEModel.score_range``,
    ``higher_is_better``); ``quality`` is the same mapped to [0, 1], higher = better.
    """

    score: float
    quality: float
    model: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SegmentReport:
    """Everything mtqa says about one segment.

    ``mqm_penalty`` >= 0 is the weighted sum of issue severities (lower is better;
    weights in ``mtqa.mqm``); ``priority`` in [0, 1] orders post-editing work
    (higher = look at it first).
    """

    segment: Segment
    issues: tuple[Issue, ...]
    mqm_penalty: float
    priority: float
    qe: QEResult | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def worst_severity(self) -> str:
        """The highest severity among the issues, or "none"."""
        if not self.issues:
            return "none"
        return max((i.severity for i in self.issues), key=severity_rank)

    @property
    def verdict(self) -> str:
        """"ok" when no issue is above neutral, else "error"."""
        return "error" if any(severity_rank(i.severity) > 0 for i in self.issues) else "ok"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record: one per segment in reports."""
        s = self.segment
        d: dict[str, Any] = {
            "seg_id": s.seg_id,
            "doc_id": s.doc_id,
            "kind": s.kind,
            "line": s.line,
            "start": s.offset.start if s.offset else None,
            "end": s.offset.end if s.offset else None,
            "src_lang": s.src_lang,
            "tgt_lang": s.tgt_lang,
            "source": s.source,
            "target": s.target,
        }
        if s.system is not None:
            d["system"] = s.system
        if s.alignment is not None:
            d["alignment"] = s.alignment
            d["source_line"] = s.source_line
        d["verdict"] = self.verdict
        d["worst_severity"] = self.worst_severity
        d["mqm_penalty"] = round(self.mqm_penalty, 4)
        d["priority"] = round(self.priority, 4)
        d["qe"] = None if self.qe is None else {
            "model": self.qe.model, "score": round(self.qe.score, 4), "quality": round(self.qe.quality, 4)}
        d["issues"] = [i.to_dict(s.target if i.side == "target" else s.source) for i in self.issues]
        if self.notes:
            d["notes"] = list(self.notes)
        return d


def as_plain(obj: Any) -> Any:
    """dataclass → dict helper for debugging and tests."""
    return asdict(obj)
