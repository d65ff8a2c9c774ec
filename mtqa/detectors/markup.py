"""Leftover markup, placeholders, ad markers and page furniture."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..spans import IntervalClaims
from ..types import Issue, Segment, Span
from .base import Detector

AD_MARKER = regex.compile(r"\[(?:ad|ads|advert|advertisement|banner|sponsor(?:ed)?)[_ -]?\d*\]", regex.I)
TAG = regex.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
ENTITY = regex.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,6});")
ESCAPED = regex.compile(r"&lt;/?[A-Za-z][^&]*?&gt;|\\[ntr](?=\s|\p{L}|$)|\\u[0-9A-Fa-f]{4}")

#: Page furniture of scraped news pages: source/editor lines, disclaimers, share
#: prompts (patterns by target language; "*" applies to every language).
FURNITURE: dict[str, list[regex.Pattern[str]]] = {
    "en": [regex.compile(p, regex.I) for p in (
        r"^\(?\s*(?:source|responsible editor|editor|editors?|author|reporter|photo|image|via|"
        r"original title|copyright|disclaimer|translated by|edited by)\s*[:：]",
        r"\ball rights reserved\b", r"\bsolemnly declare\b", r"\bnothing to do with this (?:site|booth|website)\b",
        r"^(?:click here|read more|share (?:this|to))\b", r"\bfor reference only\b")],
    "zh": [regex.compile(p) for p in (
        r"^[（(]?\s*(?:来源|责任编辑|编辑|作者|记者|原标题|图片来源|免责声明)\s*[:：]", r"版权所有", r"仅供参考")],
}


class Markup(Detector):
    """Markup: leftover tags, entities, escaped markup, ad markers; page furniture as non-content.

    * Ad markers and scraper placeholders (``[ad_1]``) — ``minor`` Design/Markup.
    * HTML/XML tags and entities (``<b>``, ``&nbsp;``) and escaped markup
      (``&lt;b&gt;``, a literal ``\\n``) that the source does not have —
      ``minor``. Tags present in the source are the ``placeholders`` check's.
    * Page furniture — source and editor lines, disclaimers, share prompts — is
      marked ``neutral`` Other/Non-content (not a translation error), so the
      queue can skip it.
    """

    name = "markup"
    category = "Design/Markup"
    severity = "minor"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        text = segment.target
        source = segment.source or ""
        seen = IntervalClaims()
        for m in AD_MARKER.finditer(text):
            sp = Span(m.start(), m.end())
            seen.claim(sp)
            yield self.issue(segment, f"ad marker / scraper placeholder {m.group(0)!r}", sp,
                             suggestion="")
        for pat, what in ((ESCAPED, "escaped markup"), (TAG, "markup tag"), (ENTITY, "HTML entity")):
            for m in pat.finditer(text):
                sp = Span(m.start(), m.end())
                if seen.overlaps(sp.start, sp.end) or m.group(0) in source:
                    continue
                seen.claim(sp)
                yield self.issue(segment, f"{what} left in the text: {m.group(0)!r}", sp)
        stripped = text.strip()
        if stripped:
            pats = FURNITURE.get(profile.code, []) + FURNITURE.get("*", [])
            if any(p.search(stripped) for p in pats):
                a = len(text) - len(text.lstrip())
                yield self.issue(segment, "page furniture (source line, editor line or disclaimer), not content",
                                 Span(a, a + len(stripped)), category="Other/Non-content", severity="neutral")
