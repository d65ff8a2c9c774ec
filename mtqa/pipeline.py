"""The one scoring pipeline behind the CLI, the Python API and ``benchmark``."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from . import __version__
from .detectors import DETECTORS, Detector
from .languages import get_profile
from .mqm import DEFAULT, Weights, penalty, priority, qe_reliable
from .spans import SpanSet
from .types import Issue, QEResult, Segment, SegmentReport, severity_rank


class DetectorError(RuntimeError):
    """A detector raised on a segment: carries the detector name and the segment id."""


def load_detectors(names: Sequence[str] | None = None, exclude: Sequence[str] = ()) -> list[Detector]:
    """Instantiate detectors by name (all registered ones when ``names`` is None).

    Raises KeyError for an unknown name.
    """
    chosen = list(names) if names else DETECTORS.names()
    for n in list(chosen) + list(exclude):
        if n not in DETECTORS:
            raise KeyError(f"unknown detector {n!r}; choose from: {', '.join(DETECTORS.names())}")
    return [DETECTORS.get(n)() for n in chosen if n not in exclude]


#: Issues one detector lists for one segment. A hostile 10 MB line of ",," has 3.5 million
#: punctuation issues (4 GB as objects); past this many the detector is stopped and one more
#: issue on the whole segment says that more were left out, so time and memory stay bounded.
MAX_ISSUES_PER_DETECTOR = 1000


def detect(segment: Segment, detectors: Sequence[Detector]) -> tuple[Issue, ...]:
    """Run detectors on one segment; issues sorted by span start, then severity (worst first).

    Each detector lists at most ``MAX_ISSUES_PER_DETECTOR`` issues per segment; it is then
    stopped, and one whole-segment issue, with the severity of the first one left out, says so.
    """
    profile = get_profile(segment.tgt_lang)
    found: list[Issue] = []
    for det in detectors:
        if det.needs_source and segment.source is None:
            continue
        try:
            listed = 0
            for issue in det.detect(segment, profile):
                if listed == MAX_ISSUES_PER_DETECTOR:
                    found.append(Issue(segment.seg_id, det.name, issue.category, issue.severity,
                                       f"more {det.name} issues in this segment are not listed (at most "
                                       f"{MAX_ISSUES_PER_DETECTOR} per detector and segment); the next: "
                                       f"{issue.message}", side=issue.side))
                    break
                found.append(issue)
                listed += 1
        except MemoryError:  # a hostile segment (the regex module gives up on millions of repeats): say so
            found.append(Issue(segment.seg_id, det.name, det.category, "neutral",
                               f"not checked by {det.name}: the segment is too large for it (out of memory)",
                               confidence=0.0))
        except Exception as exc:  # noqa: BLE001 - re-raised with context
            raise DetectorError(f"detector {det.name!r} failed on segment {segment.seg_id!r}: {exc!r}") from exc
    found = _drop_explained(found)
    found.sort(key=lambda i: (i.span.start if i.span else -1, -severity_rank(i.severity), i.detector))
    return tuple(found)


#: Detectors whose finding (at or above the severity given) explains any other finding on the
#: same characters: mojibake (cafÃ© is not a glued word, â€” is not a stray quote), a mangled
#: placeholder (% 2 $ s is not an extra number) and a critical untranslated target (a copy of
#: the source is not also "too long" or "wrong language": it needs translating), and a word of
#: another language (eröffnet is German, not a garbled English word) are reported once, by the
#: detector that knows why.
EXPLAINING = {"encoding": "minor", "placeholders": "minor", "untranslated": "critical", "wrong_language": "major"}


def _drop_explained(issues: list[Issue]) -> list[Issue]:
    spans = {side: [i.span for i in issues if i.side == side and i.detector in EXPLAINING and i.span is not None
                    and severity_rank(i.severity) >= severity_rank(EXPLAINING[i.detector])]
             for side in ("source", "target")}
    if not (spans["source"] or spans["target"]):
        return issues
    # one binary search per issue (SpanSet), not a scan of every anchor: thousands of issues on a long segment
    merged = {side: SpanSet(s) for side, s in spans.items()}

    def explained(i: Issue) -> bool:
        if i.span.end > i.span.start:
            return merged[i.side].overlaps(i.span.start, i.span.end)
        return any(sp.overlaps(i.span) for sp in spans[i.side])  # an insertion point: rare
    return [i for i in issues if i.detector in EXPLAINING or i.span is None or not explained(i)]


def score_segments(segments: Iterable[Segment], detectors: Sequence[Detector] | None = None, qe=None,
                   weights: Weights = DEFAULT, batch_size: int = 32) -> Iterator[SegmentReport]:
    """Score segments lazily, yielding one SegmentReport per input segment, in input order.

    ``qe`` is an optional object with ``predict(list[Segment]) -> list[QEResult]``
    (see ``mtqa.qe``); it is called in batches of ``batch_size``. QE never removes
    or downgrades a detector issue: it only adds to the priority.
    """
    dets = list(detectors) if detectors is not None else load_detectors()
    batch: list[Segment] = []

    def flush() -> Iterator[SegmentReport]:
        results: list[QEResult | None] = list(qe.predict(batch)) if qe is not None else [None] * len(batch)
        for seg, res in zip(batch, results):
            issues = detect(seg, dets)
            pen = penalty(issues, weights)
            yield SegmentReport(segment=seg, issues=issues, mqm_penalty=pen,
                                priority=priority(pen, res.quality if res and qe_reliable(seg.source, seg.target)
                                                  else None), qe=res)
        batch.clear()

    for seg in segments:
        batch.append(seg)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


@dataclass
class Summary:
    """Running totals over a report stream (updated by :meth:`add`)."""

    segments: int = 0
    with_errors: int = 0
    issues: int = 0
    mqm_penalty: float = 0.0
    by_category: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    by_detector: Counter = field(default_factory=Counter)
    qe_sum: float = 0.0
    qe_n: int = 0

    def add(self, report: SegmentReport) -> None:
        self.segments += 1
        self.with_errors += report.verdict == "error"
        self.issues += len(report.issues)
        self.mqm_penalty += report.mqm_penalty
        for i in report.issues:
            self.by_category[i.category] += 1
            self.by_severity[i.severity] += 1
            self.by_detector[i.detector] += 1
        if report.qe is not None:
            self.qe_sum += report.qe.score
            self.qe_n += 1

    def to_dict(self) -> dict:
        return {
            "segments": self.segments,
            "segments_with_errors": self.with_errors,
            "issues": self.issues,
            "mqm_penalty": round(self.mqm_penalty, 4),
            "mqm_penalty_per_segment": round(self.mqm_penalty / self.segments, 4) if self.segments else 0.0,
            "qe_mean": round(self.qe_sum / self.qe_n, 4) if self.qe_n else None,
            "by_severity": dict(sorted(self.by_severity.items(), key=lambda kv: -severity_rank(kv[0]))),
            "by_category": dict(self.by_category.most_common()),
            "by_detector": dict(self.by_detector.most_common()),
        }


def signature(detectors: Sequence[Detector], weights_spec: str, qe_name: str | None) -> str:
    """sacrebleu-style signature recording what produced a report."""
    names = ",".join(d.name for d in detectors)
    return f"mtqa:{__version__}|detectors:{names}|weights:{weights_spec.replace(' ', ',')}|qe:{qe_name or 'none'}"
