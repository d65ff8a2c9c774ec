"""Is a Latin-script word a romanised Chinese name? (Hanyu Pinyin syllables, toneless.)

Names transliterated from Chinese (Mala, Saisi, Luoshan) can collide with common
words of other languages; detectors that look for foreign words ask this first.
Syllables: the Hanyu Pinyin initials x finals table (ISO 7098), plus the
Wade-Giles finals -ien/-ieh seen in older names (Tien).
"""
from __future__ import annotations

from functools import lru_cache

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z",
             "c", "s", "y", "w", "")
_FINALS = ("iang", "iong", "uang", "ang", "eng", "ing", "ong", "iao", "ian", "uai", "uan", "ai", "ei", "ao", "ou",
           "an", "en", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "ve", "er", "a", "o", "e", "i", "u", "v",
           "ien", "ieh")
SYLLABLES = frozenset(i + f for i in _INITIALS for f in _FINALS if i + f)


@lru_cache(maxsize=50_000)
def is_pinyin(word: str) -> bool:
    """True when ``word`` (any case, optional apostrophes/hyphens) splits fully into pinyin syllables.

    ``is_pinyin("Mingjun") -> True``; ``is_pinyin("Nombre") -> False``.
    """
    w = word.lower().replace("'", "").replace("’", "").replace("-", "")
    if not w.isalpha() or not w.isascii():
        return False
    n = len(w)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if w[i:j] in SYLLABLES:
                ok[j] = True
    return ok[n]
