"""Repeated words and phrases (``relocation relocation``)."""
from __future__ import annotations

from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..spans import IntervalClaims
from ..types import Issue, Segment, Span
from ..words import zipf
from .base import Detector

_WORD = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{N}'’-]*")
#: The later copy of a phrase must follow within this many words, with no clause
#: punctuation (, ; : ( ) between the copies: parallel list items ("250,000 mu of
#: planting area for rice, 120,000 mu of planting area for peanuts") are style, not error.
MAX_GAP_WORDS = 6
_CLAUSE = regex.compile(r"[,;:()（），；：]")
#: Words this frequent (wordfreq Zipf >= 5.5: the, of, and, poverty? no) are
#: function words; a repeated phrase needs two words below it to be reported.
FUNCTION_ZIPF = 5.5
MAX_N = 6


class Repetition(Detector):
    """Repetition: a word or phrase repeated back to back, or a long phrase repeated within the sentence.

    * Back-to-back repeats of 1-6 words, case-insensitive (``relocation
      relocation``, ``the county the county``): ``minor`` Fluency/Repetition with
      the span over both copies and the single copy as suggestion. Grammatical
      doubles listed in the language profile (English "had had", "that that"),
      numbers, reduplicated names ("Han Han") and comparative chains ("faster and
      faster and") are left alone.
    * A phrase of 3+ words that starts and ends with a content word that recurs within 6 words
      with no clause punctuation between the copies (``the press conference
      series of the Luoshan chapter of the press conference series``):
      ``minor`` Style/Awkward on the later copy, confidence 0.5. Phrases mostly
      in capitals (names: "University of Macau") are left alone.
    Space-less scripts (Chinese, Japanese) are not checked.
    """

    name = "repetition"
    category = "Fluency/Repetition"
    severity = "minor"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        if profile.cjk:
            return
        text = segment.target
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        lang = profile.wordfreq or "en"
        covered = IntervalClaims()
        i = 0
        while i < len(words):
            hit = None
            for n in range(MAX_N, 0, -1):
                if i + 2 * n > len(words):
                    continue
                a = [w[2] for w in words[i:i + n]]
                b = [w[2] for w in words[i + n:i + 2 * n]]
                if a != b:
                    continue
                gap = text[words[i + n - 1][1]:words[i + n][0]]
                if gap.strip():
                    continue  # "very, very" and separated copies are rhetoric, not duplication
                if n == 1 and (a[0] in profile.legit_doubles or a[0][0].isdigit() or len(a[0]) == 1):
                    continue
                orig_a, orig_b = text[words[i][0]:words[i][1]], text[words[i + n][0]:words[i + n][1]]
                if n == 1 and orig_a == orig_b and orig_a[:1].isupper():
                    continue  # "Han Han", "Lang Lang": reduplicated names
                if n > 1 and ((len(a[-1]) <= 64 and zipf(a[-1], lang) >= FUNCTION_ZIPF) or a[0] in profile.conjunctions):
                    continue  # "faster and faster and": a comparative chain, not a duplicate
                hit = n
                break
            if hit:
                start, end = words[i][0], words[i + 2 * hit - 1][1]
                single = text[words[i][0]:words[i + hit - 1][1]]
                sp = Span(start, end)
                covered.claim(sp)
                yield self.issue(segment, f"repeated {'word' if hit == 1 else 'phrase'}: {single!r}", sp,
                                 suggestion=single)
                i += 2 * hit
            else:
                i += 1
        # long phrases repeated later in the segment
        seen: dict[tuple[str, ...], int] = {}
        reported_until = -1
        for n in (5, 4, 3):
            for k in range(len(words) - n + 1):
                gram = tuple(w[2] for w in words[k:k + n])
                # numbers are never content words: not looked up (a million numbered lines would fill the cache)
                is_content = [not g[0].isdigit() and (len(g) > 64 or zipf(g, lang) < FUNCTION_ZIPF) for g in gram]
                if sum(is_content) < 2 or not (is_content[0] and is_content[-1]):
                    continue
                originals = [text[w[0]:w[1]] for w in words[k:k + n]]
                if sum(1 for o in originals if o[:1].isupper()) * 2 >= n:
                    continue  # a name repeated ("University of Macau"), not a duplication
                first = seen.get(gram)
                if (first is not None and first + n <= k <= first + n + MAX_GAP_WORDS
                        and not _CLAUSE.search(text, words[first + n - 1][1], words[k][0])
                        and words[k][0] > reported_until):
                    sp = Span(words[k][0], words[k + n - 1][1])
                    if not covered.overlaps(sp.start, sp.end):
                        covered.claim(sp)
                        reported_until = sp.end
                        yield self.issue(segment, f"phrase repeated within the sentence: {text[sp.start:sp.end]!r}",
                                         sp, category="Style/Awkward", confidence=0.5)
                if first is None or k > first + n + MAX_GAP_WORDS:
                    seen[gram] = k
