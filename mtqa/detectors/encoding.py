"""Character-encoding damage: mojibake, replacement characters, control and invisible characters."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..spans import IntervalClaims
from ..types import Issue, Segment, Span
from .base import Detector

#: Text that was U+FFFD (or UTF-8) re-decoded as GBK (锟斤拷) or MSVC debug fill (烫烫烫, 屯屯屯).
LOST_CJK = regex.compile(r"(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}")
#: U+FFFD's UTF-8 bytes read as Latin-1/cp1252.
LOST_LATIN = regex.compile(r"(?:ï¿½)+")
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INVISIBLE = regex.compile(r"[\u200b\u2060\u180e\ufeff\u202a-\u202e\u2066-\u2069]")
#: Candidate mojibake: a run of characters typical of UTF-8 read as cp1252/Latin-1.
_CANDIDATE = regex.compile(r"[ÂÃÄÅÆÇÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿€‚ƒ„†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u00a0]{2,}")


def _lowercase_extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a mojibake run over adjacent lower-case Latin letters (MalmÃ¶ -> the word)."""
    while start > 0 and text[start - 1].isalpha() and text[start - 1].isascii():
        start -= 1
    while end < len(text) and text[end].islower() and text[end].isascii():
        end += 1
    return start, end


class Encoding(Detector):
    """Character encoding: mojibake (ftfy), lost text (锟斤拷, ï¿½), U+FFFD, control and invisible characters.

    * Mojibake: a run of Latin-1/cp1252 look-alike characters that ftfy
      (Speer, ``fix_encoding``) turns back into different text (``Ã©`` -> é,
      ``â€”`` -> —); ``major``, with ftfy's repair as the suggestion. Legitimate
      accents (SÃO, naïve, Ça, €) are left alone because ftfy leaves them alone.
    * Text destroyed for good — ``锟斤拷`` (U+FFFD re-read as GBK), ``ï¿½``
      (U+FFFD read as Latin-1) — ``critical``; a bare U+FFFD ``major``.
    * C0/C1 control characters ``major``; zero-width and bidi-override characters
      ``minor``.
    """

    name = "encoding"
    category = "Fluency/Character encoding"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        text = segment.target
        taken = IntervalClaims()
        free = taken.claim  # first finding wins; O(span) instead of a scan over earlier findings

        for pat in (LOST_CJK, LOST_LATIN):
            for m in pat.finditer(text):
                sp = Span(m.start(), m.end())
                if free(sp):
                    yield self.issue(segment, f"text lost to an encoding error: {m.group(0)!r}", sp,
                                     severity="critical")
        if _CANDIDATE.search(text):
            from ftfy import fix_encoding
            for m in _CANDIDATE.finditer(text):
                a, b = _lowercase_extend(text, m.start(), m.end())
                chunk = text[a:b]
                fixed = fix_encoding(chunk)
                if fixed == chunk:
                    # ftfy needs the whole sequence; a trailing NBSP may be part of it (Ã + U+00A0 = à)
                    continue
                sp = Span(a, b)
                if free(sp):
                    yield self.issue(segment, f"mojibake {chunk!r} (should read {fixed!r})", sp, suggestion=fixed)
        for m in regex.finditer("\ufffd+", text):
            sp = Span(m.start(), m.end())
            if free(sp):
                yield self.issue(segment, "U+FFFD replacement character: a character was lost", sp)
        for m in CONTROL.finditer(text):
            sp = Span(m.start(), m.end())
            if free(sp):
                yield self.issue(segment, f"control character U+{ord(m.group(0)):04X}", sp, suggestion="")
        for m in INVISIBLE.finditer(text):
            if m.start() == 0 and m.group(0) == "\ufeff":
                continue
            sp = Span(m.start(), m.end())
            if free(sp):
                yield self.issue(segment, f"invisible character U+{ord(m.group(0)):04X}", sp,
                                 severity="minor", suggestion="")
