"""Words of a third language in the target (neither the target's nor the source's)."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..languages import PROFILES, LanguageProfile, get_profile
from ..languages.pinyin import is_pinyin
from ..text import foreign_script_runs, in_protected
from ..types import Issue, Segment, Span
from .base import Detector

_LATIN_WORD = regex.compile(r"(?<![\p{L}\p{N}_'’-])\p{Latin}[\p{Latin}\p{M}]{2,}(?![\p{L}\p{N}_-])")

#: Latin-script languages that MT output most often slips into (wordfreq and lingua both cover them).
CANDIDATES = ("en", "de", "fr", "es", "it", "pt", "nl")

#: Zipf thresholds (wordfreq, Speer 2022): a foreign word must be common in its
#: language (>= 4.0, about once per 100k words) and >= 2.0 Zipf rarer in the
#: target language, where it must be below 3.0 (so "café", "espresso" stay).
FOREIGN_MIN_ZIPF = 4.0
MARGIN = 2.0
TARGET_MAX_ZIPF = 3.0
#: Longer letter runs are not words of any candidate language.
MAX_WORD = 64


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*langs).build()


@lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency
    return zipf_frequency(word, lang)


class WrongLanguage(Detector):
    """Wrong language: words in a third language (a German word in English, Chinese in a Vietnamese target).

    * Script runs in a script used by neither target nor source language (needs
      the source language; without it such runs are ``untranslated``).
    * Latin-script words in a Latin-script target: a word common in another
      language (wordfreq Zipf >= 4) and rare in the target language (Zipf < 3,
      at least 2 lower), confirmed by lingua restricted to the candidate
      languages (en, de, fr, es, it, pt, nl). Words found in the source (quoted
      phrases such as "carpe diem"), inside URLs or markup, established
      loanwords (common in the target too) and proper names (unknown to the
      word lists) are left alone, as are capitalised words that read as pinyin
      when the source is Chinese or unknown (Mala, Tien: romanised names).
    """

    name = "wrong_language"
    category = "Accuracy/Mistranslation"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        tgt = segment.target
        if not tgt.strip():
            return
        if segment.src_lang:
            src_profile = get_profile(segment.src_lang)
            for start, end, script in foreign_script_runs(tgt, profile.scripts):
                if script in src_profile.scripts or (script == "Latin" and profile.cjk):
                    continue
                if script == "Han" and src_profile.cjk:
                    continue
                text = tgt[start:end]
                if segment.source and text.strip() in segment.source:
                    continue
                yield self.issue(
                    segment, f"{script} text {text!r} in {profile.name} output "
                    f"(source is {src_profile.name})", Span(start, end))
        if profile.code in CANDIDATES and "Latin" in profile.scripts:
            yield from self._latin_words(segment, profile)

    def _latin_words(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        tgt = segment.target
        others = [c for c in CANDIDATES if c != profile.code and c != (segment.src_lang or "")]
        source = segment.source or ""
        for m in _LATIN_WORD.finditer(tgt):
            word = m.group(0)
            if len(word) > MAX_WORD:
                continue  # no language's word; looking it up would pin a huge string in the cache
            if word.isupper():
                continue  # acronyms and shouting (KANS) are not words of another language
            if word[0].isupper() and (segment.src_lang in (None, "zh")) and is_pinyin(word):
                continue  # a romanised Chinese name (Mala, Saisi, Tien), not a Spanish/French/Dutch word
            low = word.lower()
            zt = _zipf(low, profile.code)
            if zt >= TARGET_MAX_ZIPF:
                continue
            frequent = {c: _zipf(low, c) for c in others}
            frequent = {c: z for c, z in frequent.items() if z >= FOREIGN_MIN_ZIPF and z - zt >= MARGIN}
            if not frequent:
                continue
            if word in source or in_protected(tgt, m.start(), m.end()):
                continue
            codes = tuple(sorted({profile.code, *frequent}))
            ranked = _detector(codes).compute_language_confidence_values(word)
            best = ranked[0].language.iso_code_639_1.name.lower()
            if best == profile.code or best not in frequent:
                continue
            names = [PROFILES[c].name for c in sorted(frequent, key=lambda c: -frequent[c])]
            yield self.issue(segment, f"{'/'.join(names)} word {word!r} in {profile.name} text",
                             Span(m.start(), m.end()), confidence=0.8)
