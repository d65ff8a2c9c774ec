"""W3C ITS 2.0 vocabulary used in mtqa's XLIFF output (Localization Quality Issue, MT Confidence,
Localization Quality Rating).

Source: Internationalization Tag Set (ITS) Version 2.0, W3C Recommendation 29 October 2013,
sections 8.15 (Localization Quality Issue), 8.16 (Localization Quality Rating) and 8.17 (MT
Confidence): https://www.w3.org/TR/its20/. Pure data and string helpers; imports nothing heavy.
"""
from __future__ import annotations

from ..mqm import its_issue_type
from ..types import Issue

ITS_NS = "http://www.w3.org/2005/11/its"
ITS_VERSION = "2.0"

#: The closed list of ``locQualityIssueType`` values (ITS 2.0 §8.15.1, "lqissue-typevalues").
ISSUE_TYPES: frozenset[str] = frozenset({
    "terminology", "mistranslation", "omission", "untranslated", "addition", "duplication", "inconsistency",
    "grammar", "legal", "register", "locale-specific-content", "locale-violation", "style", "characters",
    "misspelling", "typographical", "formatting", "inconsistent-entities", "numbers", "markup", "pattern-problem",
    "whitespace", "internationalization", "length", "non-conformance", "uncategorized", "other",
})

#: Severity -> ``locQualityIssueSeverity`` (a decimal in [0, 100], 100 = most severe; ITS 2.0 §8.15).
#: 10 x the DQF-MQM weight of the severity (minor 1, major 5, critical 10; neutral 0), so the ratios
#: between ITS severities are the ratios between MQM penalties (see ``mtqa.mqm.DEFAULT_WEIGHTS``).
ITS_SEVERITY: dict[str, float] = {"neutral": 0.0, "minor": 10.0, "major": 50.0, "critical": 100.0}

#: ITS data-category identifiers used in ``its:annotatorsRef`` (ITS 2.0 §5.8).
MT_CONFIDENCE = "mt-confidence"

#: The tool IRI recorded in ``its:annotatorsRef`` (a relative IRI naming mtqa's QE model).
ANNOTATOR_PREFIX = "mtqa:qe:"


def its_severity(severity: str) -> float:
    """``locQualityIssueSeverity`` in [0, 100] for an mtqa severity; ValueError for unknown names."""
    try:
        return ITS_SEVERITY[severity]
    except KeyError:
        raise ValueError(f"unknown severity {severity!r}") from None


def issue_type(issue: Issue) -> str:
    """``locQualityIssueType`` of an issue: ``mtqa.mqm.its_issue_type`` of its MQM category
    (always one of :data:`ISSUE_TYPES`; "other" for categories without a mapping)."""
    t = its_issue_type(issue.category)
    return t if t in ISSUE_TYPES else "other"


def issue_comment(issue: Issue, text: str | None = None) -> str:
    """``locQualityIssueComment``: ``"Category [detector]: message; suggestion: ..."`` in one line.

    ``text`` (the flagged characters) is quoted when the issue could not be placed on its span.
    An empty-string suggestion means "delete the span".
    """
    out = f"{issue.category} [{issue.detector}]: {issue.message}"
    if text is not None:
        out += f" (at {text!r})"
    if issue.suggestion is not None:
        out += "; suggestion: delete" if issue.suggestion == "" else f"; suggestion: {issue.suggestion}"
    return " ".join(out.split())


def format_decimal(value: float, places: int = 4) -> str:
    """An XSD decimal without exponent or trailing zeros (``0.5``, ``50``)."""
    s = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def annotators_ref(model: str) -> str:
    """``its:annotatorsRef`` value naming the QE model that produced an ``its:mtConfidence``."""
    safe = "".join(c if c.isalnum() or c in "-._~:/" else "_" for c in model) or "unknown"
    return f"{MT_CONFIDENCE}|{ANNOTATOR_PREFIX}{safe}"
