"""Shared helpers to run the field cases in tests/fixtures/cases (copied from ../shared/cases)."""
from __future__ import annotations

import json
from pathlib import Path

from mtqa.io import read_jsonl
from mtqa.pipeline import load_detectors, score_segments
from mtqa.types import SegmentReport, severity_rank

CASES = Path(__file__).parent / "fixtures" / "cases"

#: The cases' generic kind names -> mtqa detectors that may report them.
KIND_TO_DETECTORS = {
    "untranslated": {"untranslated", "wrong_language"},
    "wrong_language": {"wrong_language", "untranslated"},
    "glued_word": {"glued_words"},
    "garbled_word": {"garbled_words"},
    "punctuation": {"punctuation"},
    "quote_mismatch": {"punctuation"},
    "encoding": {"encoding"},
    "omission": {"omission", "alignment"},
    "alignment": {"alignment"},
    "segmentation": {"alignment"},
    "number_mismatch": {"numbers"},
    "placeholder": {"placeholders"},
    "mistranslation": {"numbers", "wrong_language", "placeholders"},
}
SEVERITY = {"info": "neutral"}


def load_case(name: str) -> tuple[dict, dict[str, SegmentReport]]:
    """Expected JSON and the reports of every segment of a JSONL case, keyed by id."""
    folder = CASES / name
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    segments = read_jsonl(folder / "segments.jsonl")
    reports = {r.segment.seg_id: r for r in score_segments(segments, load_detectors())}
    return expected, reports


def detectors_for(kinds) -> set[str] | None:
    """None means any detector."""
    if kinds == "any":
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    out: set[str] = set()
    for k in kinds:
        out |= KIND_TO_DETECTORS.get(k, {k})
    return out


def find_match(report: SegmentReport, item: dict):
    """The issue that satisfies one must_report item, or None."""
    dets = detectors_for(item["kind"])
    for issue in report.issues:
        if dets is not None and issue.detector not in dets:
            continue
        if "start" in item:
            if issue.span is None or (issue.span.start, issue.span.end) != (item["start"], item["end"]):
                continue
        if issue.severity != SEVERITY.get(item["severity"], item["severity"]):
            continue
        return issue
    return None


def violations(report: SegmentReport, item: dict) -> list:
    """Issues that break a must_not_report item (neutral notes are tolerated)."""
    dets = detectors_for(item["kinds"])
    return [i for i in report.issues
            if severity_rank(i.severity) > 0 and (dets is None or i.detector in dets)]
