"""MQM categories, severity weights, ITS 2.0 issue types and segment priority.

Categories are spelled as the WMT MQM annotations write them (Freitag et al.
2021, "Experts, Errors, and Context", TACL; google/wmt-mqm-human-evaluation),
plus three documented mtqa extensions for things WMT's typology has no slot for
(``Fluency/Repetition``, ``Design/Markup``, ``Other/Non-content``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from .types import Issue

#: MQM category -> W3C ITS 2.0 ``locQualityIssueType``
#: (https://www.w3.org/TR/its20/#lqissue-typevalues).
ITS_ISSUE_TYPE: dict[str, str] = {
    "Accuracy/Mistranslation": "mistranslation",
    "Accuracy/Omission": "omission",
    "Accuracy/Addition": "addition",
    "Accuracy/Untranslated text": "untranslated",
    "Fluency/Grammar": "grammar",
    "Fluency/Punctuation": "typographical",
    "Fluency/Spelling": "misspelling",
    "Fluency/Character encoding": "characters",
    "Fluency/Inconsistency": "inconsistency",
    "Fluency/Register": "register",
    "Fluency/Repetition": "duplication",
    "Style/Awkward": "style",
    "Terminology/Inappropriate for context": "terminology",
    "Terminology/Inconsistent use of terminology": "inconsistency",
    "Locale convention/Punctuation": "locale-violation",
    "Locale convention/Number format": "numbers",
    "Locale convention/Currency format": "locale-violation",
    "Locale convention/Date format": "locale-violation",
    "Locale convention/Time format": "locale-violation",
    "Locale convention/Name format": "locale-violation",
    "Design/Markup": "markup",
    "Other/Non-content": "other",
    "Non-translation!": "untranslated",
    "Source error": "other",
    "Other": "other",
}

CATEGORIES: tuple[str, ...] = tuple(ITS_ISSUE_TYPE)

#: Default weights as an mt-metrics-eval style spec (most specific match wins).
#: WMT MQM (Freitag et al. 2021): major 5, minor 1, minor Fluency/Punctuation 0.1,
#: Non-translation 25; critical 10 as in the TAUS DQF-MQM scoring model.
DEFAULT_WEIGHTS = "neutral:0 minor:1 major:5 critical:10 minor/Fluency/Punctuation:0.1 */Non-translation!:25"


def its_issue_type(category: str) -> str:
    """ITS 2.0 issue type for an MQM category (prefix match; "other" if unknown)."""
    while category:
        if category in ITS_ISSUE_TYPE:
            return ITS_ISSUE_TYPE[category]
        category = category.rpartition("/")[0]
    return "other"


@dataclass(frozen=True)
class Weights:
    """Severity weights keyed by ``severity`` or ``severity/Category/Sub`` ("*" = any severity).

    Lookup takes the most specific key: ``minor/Fluency/Punctuation`` beats ``minor``;
    ``*/Non-translation!`` beats every severity key. Built by :meth:`parse`.
    """

    table: tuple[tuple[str, str, float], ...]  # (severity or "*", category prefix or "", weight)

    @classmethod
    def parse(cls, spec: str = DEFAULT_WEIGHTS) -> "Weights":
        """Parse ``"minor:1 major:5 minor/Fluency/Punctuation:0.1"``; ValueError on bad items."""
        rows = []
        for item in spec.split():
            key, sep, value = item.rpartition(":")
            if not sep or not key:
                raise ValueError(f"bad weight {item!r}: expected severity[/Category]:weight")
            sev, _, cat = key.partition("/")
            try:
                rows.append((sev.lower(), cat, float(value)))
            except ValueError:
                raise ValueError(f"bad weight {item!r}: {value!r} is not a number") from None
        return cls(tuple(rows))

    def weight(self, severity: str, category: str) -> float:
        """Weight of one issue; 0 when no key matches."""
        best, best_key = 0.0, (-1, -1)
        for sev, cat, w in self.table:
            if sev not in ("*", severity):
                continue
            if cat and not (category == cat or category.startswith(cat + "/")):
                continue
            key = (len(cat) if cat else -1, sev != "*")
            if key > best_key:
                best, best_key = w, key
        return best


DEFAULT = Weights.parse()


def penalty(issues: Iterable[Issue], weights: Weights = DEFAULT) -> float:
    """MQM penalty of one segment: sum of issue weights (>= 0, lower is better)."""
    return float(sum(weights.weight(i.severity, i.category) * i.confidence for i in issues))


#: Penalty at which the MQM part of the priority reaches 1 - 1/e (one major error).
PRIORITY_SCALE = 5.0


#: QE alone moves the priority at most this far (a QE quality of 0 -> 0.5, below one
#: major error's 0.63): sentence-level QE correlates with human scores at r ~ 0.3-0.8
#: (MLQE-PE), too weakly to outrank a detector's evidence.
QE_WEIGHT = 0.5
#: Segments with fewer words than this on either side get no QE-based priority or band:
#: QE models trained on sentences score one- and two-word segments ("WiFi" -> "WiFi") badly.
QE_MIN_WORDS = 3


def qe_reliable(source: str | None, target: str) -> bool:
    """True when both sides are long enough for sentence-level QE to mean something.

    Words are whitespace tokens; in CJK text every two Han/kana characters count as one.
    """
    def words(text: str) -> float:
        cjk = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
        return len(text.split()) + cjk / 2
    return source is not None and words(source) >= QE_MIN_WORDS and words(target) >= QE_MIN_WORDS


def priority(mqm_penalty: float, quality: float | None = None) -> float:
    """Post-editing priority in [0, 1], higher = look at it first.

    ``p_mqm = 1 - exp(-penalty / 5)`` (one major error -> 0.63, one minor -> 0.18);
    with a QE quality ``q`` in [0, 1] the two are combined as independent reasons to
    edit: ``1 - (1 - p_mqm) * (1 - QE_WEIGHT * (1 - q))``. A heuristic of mtqa's own,
    documented here, used only to order work; it never hides an issue.
    """
    p = 1.0 - math.exp(-max(mqm_penalty, 0.0) / PRIORITY_SCALE)
    if quality is not None:
        q = min(max(quality, 0.0), 1.0)
        p = 1.0 - (1.0 - p) * (1.0 - QE_WEIGHT * (1.0 - q))
    return p
