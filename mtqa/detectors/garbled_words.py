"""Non-words that no split explains (``stabiliterance``)."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..text import in_protected
from ..types import Issue, Segment, Span
from ..words import runon_split, zipf
from .base import Detector

_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’@./-])\p{Ll}{8,}(?![\p{L}\p{N}_'’@/-])")
_SUFFIXES = sorted(("s es ed ing ly er ers est ness ment ments tion tions ation ations ity ities able ible al ally "
                    "ise ize ised ized ising izing ic ical ous ful less ism ist ists ance ence ive ively").split(),
                   key=len, reverse=True)
_PREFIXES = ("un re non pre dis mis over under out inter anti co de sub super micro multi semi self "
             "counter trans post mega mini").split()
#: A stem counts as a real word at Zipf >= 2.0 (wordfreq; once per 10 million words: tonify).
STEM_ZIPF = 2.0
#: Longer lower-case runs (the longest English dictionary words have 45 letters) are
#: glued text or data, left to ``glued_words``; looking them up would cost O(length) each.
MAX_WORD = 64


def _explained(word: str, lang: str) -> bool:
    """True when prefix/suffix stripping leaves a known word (unhelpfulness, microcredits)."""
    cands = {word}
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4:
            cands.add(word[len(p):])
    for c in list(cands):
        for s in _SUFFIXES:
            if c.endswith(s) and len(c) - len(s) >= 4:
                stem = c[:-len(s)]
                cands.update({stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem,
                              stem[:-1] + "y" if stem.endswith("i") else stem})
    return any(zipf(c, lang) >= STEM_ZIPF for c in cands if len(c) >= 4)


#: Characters looked at on each side for a neighbouring word (a longer "word" is no word anyway).
_NEIGHBOUR_WINDOW = 100


def _unknown_neighbour(text: str, start: int, end: int, lang: str) -> bool:
    # windows, not text[:start] / text[end:]: copying the rest of a long segment per word is quadratic
    before = regex.search(r"(\p{L}+)\W*$", text[max(0, start - _NEIGHBOUR_WINDOW):start])
    after = regex.match(r"\W*(\p{L}+)", text[end:end + _NEIGHBOUR_WINDOW])
    return any(m is not None and len(m.group(1)) >= 4 and zipf(m.group(1), lang) == 0 for m in (before, after))


class GarbledWords(Detector):
    """Garbled words: lower-case non-words that no split or affix explains (stabiliterance).

    A lower-case token of 8+ letters unknown to wordfreq (Zipf 0), not a run-on
    of known words (``glued_words`` reports those), not explained by stripping
    common English prefixes and suffixes (microcredits, unhelpfulness), not next
    to another unknown word (Gymnocypris przewalskii), not in the source and not
    inside a URL. Capitalised tokens are never flagged: they
    are usually names (Luoshan, Hejiachong). ``major``, confidence 0.7.
    """

    name = "garbled_words"
    category = "Fluency/Spelling"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        lang = profile.wordfreq
        if lang != "en":
            return  # affix lists are English; other languages need their own
        text = segment.target
        source = segment.source or ""
        for m in _LOWER_WORD.finditer(text):
            word = m.group(0)
            if len(word) > MAX_WORD or zipf(word, lang) > 0 or word in source or in_protected(text, m.start(), m.end()):
                continue
            if runon_split(word, lang) is not None or _explained(word, lang):
                continue
            if _unknown_neighbour(text, m.start(), m.end(), lang):
                continue  # two unknown words together: a binomial or a foreign term, not a garble
            yield self.issue(segment, f"not a word: {word!r}", Span(m.start(), m.end()), confidence=0.7)
