"""Word-frequency helpers over wordfreq (Speer 2022) and wordninja (Anderson 2017).

Zipf scale: log10 of frequency per billion words; 3.0 = once per million words,
0.0 = not in wordfreq's list. All lookups are cached.
"""
from __future__ import annotations

from functools import lru_cache

#: Zipf at or above which a lower-cased token counts as a known word.
KNOWN_ZIPF = 2.5
#: A run-on candidate must be unknown: Zipf below this.
UNKNOWN_ZIPF = 1.5
#: Every part of a run-on split must be at least this frequent (parts of 7+
#: letters: LONG_PART_ZIPF, since long words are rarer: alleviation 2.6)...
PART_ZIPF = 3.0
LONG_PART_ZIPF = 2.5
#: ...and parts of 1-3 letters (of, to, on) at least this frequent, which keeps
#: pinyin syllables (jun 3.9, jia 3.0, luo 2.9) from passing as English words.
SHORT_PART_ZIPF = 4.5


#: First or last parts that form closed English compounds (out+posted, city+wide).
COMPOUND_HEADS = frozenset("out over under up down back by counter cross fore in off on self super sub "
                           "inter multi non anti pre post re co mid micro macro mini".split())
COMPOUND_TAILS = frozenset("like wide wise based free less ness ful ship hood dom ism ist able ability ment ly".split())
#: The only parts of one or two letters a run-on split may contain.
SHORT_WORDS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())


@lru_cache(maxsize=500_000)
def zipf(word: str, lang: str = "en") -> float:
    """wordfreq Zipf frequency of ``word`` (case-folded) in ``lang``; 0.0 when unknown or unsupported."""
    from wordfreq import zipf_frequency
    try:
        return zipf_frequency(word.lower(), lang)
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab, zh jieba (wordfreq[cjk])
        return 0.0


def known(word: str, lang: str = "en") -> bool:
    """True for a word wordfreq knows (Zipf >= 2.5) or an all-capitals acronym (PV, DF)."""
    return (len(word) >= 2 and word.isupper()) or zipf(word, lang) >= KNOWN_ZIPF


@lru_cache(maxsize=100_000)
def runon_split(word: str, lang: str = "en") -> tuple[str, ...] | None:
    """Split an unknown run-on like ``facilityinsurance`` into frequent words, or None.

    English only (wordninja's model). Returns None when the word is known, when the
    split has one part, or when any part is rare (see PART_ZIPF / SHORT_PART_ZIPF).
    The parts keep the original characters: ``"".join(parts) == word``.
    """
    if lang != "en" or zipf(word, lang) >= UNKNOWN_ZIPF:
        return None
    import wordninja
    parts = wordninja.split(word)
    if len(parts) < 2 or "".join(parts).lower() != word.lower().replace("’", "'"):
        return None
    for p in parts:
        if (len(p) <= 2 and p.lower() not in SHORT_WORDS) or (len(p) == 1 and len(word) < 12):
            return None  # "gemini d", "be via le": a single letter or a foreign syllable
        z = zipf(p, lang)
        need = SHORT_PART_ZIPF if len(p) <= 3 else (LONG_PART_ZIPF if len(p) >= 7 else PART_ZIPF)
        if z < need:
            return None
    if parts[-1].lower() in COMPOUND_TAILS or (len(parts) == 2 and parts[0].lower() in COMPOUND_HEADS):
        return None  # a closed compound the list lacks (outposted, citywide), not a run-on
    out, pos = [], 0
    for p in parts:
        out.append(word[pos:pos + len(p)])
        pos += len(p)
    return tuple(out)
