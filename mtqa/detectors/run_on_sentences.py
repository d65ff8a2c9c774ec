"""Sentences run together without a full stop (``tea garden Vigorously develop tourism``)."""
from __future__ import annotations

from typing import Iterable

import regex

from ..clauses import NO_END, QUOTING, next_words, opens_clause
from ..languages import LanguageProfile
from ..text import in_protected, prev_nonspace
from ..types import Issue, Segment, Span
from ..words import runon_split
from .base import Detector

#: A capitalised word after a space (It, It's, Vigorously), followed by a space: a candidate clause start.
_CAPITAL = regex.compile(r"(?<=[ \t\u00a0])\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?(?=[ \t\u00a0]+\S)")
_WORD_CHARS = "'’-"
#: Longest previous word looked at (characters): longer runs are glued text, ``glued_words``' business.
MAX_WORD = 40
#: A segment whose longer words (4+ letters) are capitalised at least this often is a headline.
HEADLINE_RATIO = 0.6


def _headline(text: str) -> bool:
    words = regex.findall(r"\p{L}{4,}", text[:2000])
    return bool(words) and sum(w[0].isupper() for w in words) >= HEADLINE_RATIO * len(words)


class RunOnSentences(Detector):
    """Run-on sentences: a new sentence starts mid-sentence without a full stop (garden Vigorously develop).

    Flags a capitalised word that follows a lower-case word with only a space
    (``tea garden Vigorously develop tourism``) or a comma (``industry, Built
    121 projects``) between them, when the word reads as the start of a clause
    (``mtqa.clauses.opens_clause``: a determiner, pronoun, preposition or
    sentence adverb such as The/It/In/However; an ``-ly`` adverb of a common
    adjective; a past or imperative verb followed by a determiner or a number;
    a quantifier before "than" or a number: ``work More than 10,000``)
    and the words after it are not title case. Left alone: names, titles,
    months, days, languages, nationalities, "I", acronyms (no class holds them);
    a capital after a colon, quote, bracket, bullet or line break; after a word
    that cannot end a sentence (the, of, and, is); after a word that introduces a
    label or title (tap, called, titled); after a glued run-on (``glued_words``
    reports it); headline segments (60% or more of their 4+ letter words
    capitalised); URLs and markup. English only.

    The span runs from the previous word to the capitalised one. ``minor``,
    Fluency/Punctuation (a missing full stop); without punctuation the
    suggestion inserts ". " (confidence 0.8); after a comma there is no
    suggestion, since a stray capital is as likely (confidence 0.6).
    """

    name = "run_on_sentences"
    category = "Fluency/Punctuation"
    severity = "minor"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        if profile.wordfreq != "en":
            return
        text = segment.target
        headline: bool | None = None
        for m in _CAPITAL.finditer(text):
            k = prev_nonspace(text, m.start())
            if k < 1 or "\n" in text[k:m.start()]:
                continue
            comma = text[k] == ","
            end = k if comma else k + 1
            start = end
            while start > 0 and end - start <= MAX_WORD and (text[start - 1].isalpha()
                                                             or text[start - 1] in _WORD_CHARS):
                start -= 1
            prev = text[start:end]
            if (not prev or not prev[-1].islower() or end - start > MAX_WORD or any(c.isupper() for c in prev)
                    or prev.lower() in NO_END or prev.lower() in QUOTING or len(prev) < 2):
                continue
            if runon_split(prev) is not None:
                continue  # a glued run-on before the capital (facilityinsurance In): glued_words reports it
            word = m.group(0)
            if not opens_clause(regex.split(r"['’]", word)[0], next_words(text, m.end())):
                continue
            if in_protected(text, start, m.end()):
                continue
            if headline is None:
                headline = _headline(text)
            if headline:
                return
            if comma:
                yield self.issue(segment, f"capital {word!r} after a comma: a lost full stop or a stray capital",
                                 Span(start, m.end()), confidence=0.6)
            else:
                yield self.issue(segment, f"no full stop before {word!r}: two sentences run together (or a stray capital)",
                                 Span(start, m.end()), suggestion=f"{prev}. {word}", confidence=0.8)
