"""Language of a document, for ``--src-lang``/``--tgt-lang`` left out.

The script decides first (exact Unicode script counts): Han -> zh (ja when kana
are present), Hangul -> ko, Arabic -> ar, Sinhala -> si, Devanagari -> hi.
Latin and Cyrillic texts go to lingua (``lingua-language-detector``) restricted
to the languages mtqa has profiles for, in low-accuracy mode (trigram models:
about 0.3 s to load instead of 10 s, and accurate on whole documents; see
../shared/notes/packages.md).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

import regex

LATIN_CANDIDATES = ("en", "de", "fr", "es", "it", "pt", "nl", "vi", "et", "ro", "cs", "pl", "tr", "id")
CYRILLIC_CANDIDATES = ("ru", "uk")
_SCRIPTS = ("Han", "Hiragana", "Katakana", "Hangul", "Latin", "Cyrillic", "Arabic", "Devanagari", "Sinhala")
_BY_SCRIPT = {"Hangul": "ko", "Arabic": "ar", "Devanagari": "hi", "Sinhala": "si"}
_LETTER = regex.compile(r"\p{L}")


@lru_cache(maxsize=4)
def _lingua(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(texts: Iterable[str], max_chars: int = 4000, exclude: str | None = None) -> str | None:
    """ISO 639-1 code of the language most of ``texts`` is written in, or None (no letters).

    ``exclude``: the source language when detecting a translation's: a target
    that is partly left in the source language (untranslated copies) is
    still detected by its other script, when that script holds at least 15%
    of the letters. Reads at most ``max_chars`` characters. Deterministic;
    never raises on text.
    """
    sample, size = [], 0
    for t in texts:
        if not t:
            continue
        sample.append(t)
        size += len(t)
        if size >= max_chars:
            break
    text = "\n".join(sample)[:max_chars]
    counts: Counter[str] = Counter()
    for ch in _LETTER.findall(text):
        for sc in _SCRIPTS:
            if regex.match(rf"\p{{Script={sc}}}", ch):
                counts[sc] += 1
                break
    if not counts:
        return None
    if exclude:
        from .languages import get_profile
        banned = get_profile(exclude).scripts | ({"Han", "Hiragana", "Katakana"} if get_profile(exclude).cjk else set())
        total = sum(counts.values())
        others = {sc: c for sc, c in counts.items() if sc not in banned}
        if others and sum(others.values()) >= 0.15 * total and len(others) < len(counts):
            counts = Counter(others)
            text = "".join(ch for ch in text if not any(regex.match(rf"\p{{Script={sc}}}", ch) for sc in banned))
    han = counts["Han"] + counts["Hiragana"] + counts["Katakana"]
    top, n = max(((s, c) for s, c in counts.items() if s not in ("Hiragana", "Katakana")), key=lambda kv: kv[1],
                 default=("Han", 0))
    if han >= n:
        return "ja" if counts["Hiragana"] + counts["Katakana"] > 0.1 * han else "zh"
    if top in _BY_SCRIPT:
        return _BY_SCRIPT[top]
    codes = LATIN_CANDIDATES if top == "Latin" else CYRILLIC_CANDIDATES if top == "Cyrillic" else None
    if codes is None:
        return None
    lang = _lingua(codes).detect_language_of(text)
    return lang.iso_code_639_1.name.lower() if lang is not None else None
