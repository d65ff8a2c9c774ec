"""Non-words that no split explains (``stabiliterance``)."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..text import in_any_case, in_protected
from ..types import Issue, Segment, Span
from ..words import (
    KNOWN_ZIPF,
    SUFFIXES,
    explained,
    in_wordlist,
    learned_form,
    listed_word,
    near_miss,
    rare_word,
    runon_split,
    zipf,
)
from .base import Detector

_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’@./-])\p{Ll}{8,}(?![\p{L}\p{N}_'’@/-])")
#: Longer lower-case runs (the longest English dictionary words have 45 letters) are
#: glued text or data, left to ``glued_words``; looking them up would cost O(length) each.
MAX_WORD = 64


#: Characters looked at on each side for a neighbouring word (a longer "word" is no word anyway).
_NEIGHBOUR_WINDOW = 100


#: Latin endings of species epithets (barbarum, sinensis, japonica, przewalskii, oides).
_EPITHET_ENDINGS = ("a", "ae", "i", "is", "us", "um", "es", "oides")


def _unknown_neighbour(text: str, start: int, end: int, lang: str) -> bool:
    # windows, not text[:start] / text[end:]: copying the rest of a long segment per word is quadratic
    before = regex.search(r"(\p{L}+)\W*$", text[max(0, start - _NEIGHBOUR_WINDOW):start])
    after = regex.match(r"\W*(\p{L}+)", text[end:end + _NEIGHBOUR_WINDOW])
    if (before is not None and text[start - 1:start] == " " and before.group(1)[:1].isupper()
            and len(before.group(1)) >= 4 and text[start:end].endswith(_EPITHET_ENDINGS)
            and zipf(before.group(1), lang) < KNOWN_ZIPF):
        return True  # a binomial: a capitalised genus rare in English, then a Latin epithet (Lycium barbarum)
    return any(m is not None and len(m.group(1)) >= 4 and zipf(m.group(1), lang) == 0 for m in (before, after))


#: Endings added to a word to find a listed derivative (retrogress -> retrogression):
#: the suffixes plus the Latinate -ion, -ent, -ant, -ency, -ancy.
_SIBLING_ENDINGS = tuple(sorted({*SUFFIXES, "ion", "ions", "ent", "ant", "ency", "ancy", "ents", "ants"},
                                key=len, reverse=True))


def _has_derivative(word: str, lang: str) -> bool:
    """True when ``word`` plus a suffix is a word wordfreq lists (retrogress + ion: retrogression 1.6).

    Only appending: swapping endings too (astring-ing / astring-ent) excused 115 of the
    17,962 flagged blends of two frequent words (acceleraly: accelera-tion).
    """
    return any(in_wordlist(word + s, lang) and listed_word(word + s, lang) for s in _SIBLING_ENDINGS)


def rare_real_word(word: str, lang: str) -> bool:
    """True when an unknown lower-case word is shaped like a rare real word and is no near miss.

    Shapes: :func:`mtqa.words.rare_word` (a listed stem: wolfberries), a learned form
    (:func:`mtqa.words.learned_form`: tremella, metrorrhagia, mesoscope) or a
    derivative that wordfreq lists (retrogress: retrogression).
    A word one edit from a frequent word (:func:`mtqa.words.near_miss`: atomosphere,
    moistruizer, adverture) is a misspelling whatever its shape.
    """
    if not (rare_word(word, lang) or learned_form(word, lang) or _has_derivative(word, lang)):
        return False
    return near_miss(word, lang) is None


class GarbledWords(Detector):
    """Garbled words: lower-case non-words that no split or affix explains (stabiliterance).

    A lower-case token of 8+ letters unknown to wordfreq (Zipf 0), not a run-on
    of known words (``glued_words`` reports those), not explained by stripping
    common English prefixes and suffixes (microcredits, unhelpfulness), not
    shaped like a rare real word (:func:`rare_real_word`: tonifying, tremella,
    stranguria, mesoscope, muddleheaded) unless it is one edit from a frequent
    word (atomosphere), not next to an unknown word (Gymnocypris przewalskii) nor
    a Latin epithet after a capitalised genus rare in English (wordfreq Zipf < 2.5:
    Lycium barbarum, Zipf 1.2), not in the source (in any case)
    and not inside a URL. Capitalised tokens are never flagged: they are usually
    names (Luoshan, Hejiachong). ``major``, confidence 0.7.

    On the WMT22 zh-en human references A and B the rare-word shapes took the
    flags from 17 (13 real words: tonifying, tremella, leucocythemia, retrogress)
    to 4, all misspellings (moistruizer twice, journaly, elecroprobe); of 17,962
    blends of two frequent words (stabiliterance) that were flagged, 17,882 still are.
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
            if len(word) > MAX_WORD or zipf(word, lang) > 0 or in_protected(text, m.start(), m.end()):
                continue
            if in_any_case(word, source):
                continue  # the source's Latin-script term, maybe capitalised there (Tremella)
            if runon_split(word, lang) is not None or explained(word, lang) or rare_real_word(word, lang):
                continue
            if _unknown_neighbour(text, m.start(), m.end(), lang):
                continue  # two unknown words together: a binomial or a foreign term, not a garble
            yield self.issue(segment, f"not a word: {word!r}", Span(m.start(), m.end()), confidence=0.7)
