"""Missing translations: empty, punctuation-only or collapsed targets for real source text."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile, get_profile
from ..types import Issue, Segment, Span
from .base import Detector

_CONTENT = regex.compile(r"[\p{L}\p{N}]")
_WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Latin-script characters one CJK character becomes in translation (about 3 for
#: zh->en in WMT22 generaltest2022 sources/references: scripts/length_stats.py).
CJK_CHAR_WEIGHT = 3.0
#: A target under this share of the expected length, from a source of at least
#: MIN_SOURCE weighted characters, has collapsed (truncated, one word for a paragraph).
COLLAPSE_RATIO = 0.2
MIN_SOURCE = 30


def _weighted_len(text: str) -> float:
    wide = len(_WIDE.findall(text))
    other = len(_CONTENT.findall(text)) - wide
    return other + CJK_CHAR_WEIGHT * wide


class Omission(Detector):
    """Omission: the target is empty, punctuation only, or collapsed to a fraction of the source.

    Needs the source. ``critical`` Accuracy/Omission when the source has letters or
    digits and the target has none (empty, whitespace, ``.``), or when the target's
    length is under 20% of the source's (CJK characters weighted x3) for a source
    of 30+ weighted characters — one word for a paragraph. Empty source and
    empty target together (a paragraph break) are fine.
    """

    name = "omission"
    category = "Accuracy/Omission"
    severity = "critical"
    needs_source = True

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        src, tgt = segment.source, segment.target
        if src is None or not _CONTENT.search(src) or segment.alignment == "1-0":
            return  # a source sentence the aligner left unpaired is the alignment check's
        stripped = tgt.strip()
        a = len(tgt) - len(tgt.lstrip())
        if not stripped:
            yield self.issue(segment, "empty target for a non-empty source")
            return
        if not _CONTENT.search(tgt):
            yield self.issue(segment, f"target is only punctuation: {stripped!r}", Span(a, a + len(stripped)))
            return
        s_len, t_len = _weighted_len(src), _weighted_len(tgt)
        if s_len >= MIN_SOURCE and t_len < COLLAPSE_RATIO * s_len:
            yield self.issue(segment, f"target has {t_len:.0f} letters and digits where its source has "
                             f"{s_len:.0f} (a CJK character counts 3): most of the source is missing",
                             Span(a, a + len(stripped)))
