"""Per-language conventions that detectors consult instead of hard-coding them.

A :class:`LanguageProfile` says which Unicode scripts a language is written in,
how its sentences end, which punctuation is native (full-width in CJK), which
doubled words are grammatical, and which letter+digit tokens are units.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageProfile:
    """Conventions of one language (ISO 639-1 ``code``).

    ``scripts`` are Unicode script names as the ``regex`` module spells them
    (``Latin``, ``Han``...); ``cjk`` selects full-width punctuation rules;
    ``wordfreq`` is the wordfreq language code, or None when wordfreq has no list.
    """

    code: str
    name: str
    scripts: frozenset[str]
    cjk: bool = False
    sentence_end: str = ".!?"
    closing: str = "\"'’”)]}»"
    abbreviations: frozenset[str] = frozenset()
    legit_doubles: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    wordfreq: str | None = None
    space_before_punct: bool = False  # French-style "mot :" is correct
    conjunctions: frozenset[str] = frozenset()  # "faster and faster": chains, not duplicates
    extra: dict = field(default_factory=dict)


_LATIN_UNITS = frozenset(
    "mm cm m km km2 m2 m3 kg g mg t l ml kw kwh mw gw w v hz khz mhz ghz b kb mb gb tb "
    "s ms h min mph kph px pt dpi x th st nd rd am pm bc ad k m bn".split())

_EN_ABBR = frozenset(
    "mr mrs ms dr prof sr jr st mt no nos vs etc al e.g i.e a.m p.m u.s u.k u.n jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc ltd co corp dept fig eq vol approx est govt gen col "
    "lt sgt capt rev hon gov pres".split())

EN = LanguageProfile(
    code="en", name="English", scripts=frozenset({"Latin"}), abbreviations=_EN_ABBR,
    # Grammatical doubles (English): "had had", "that that", reduplications.
    legit_doubles=frozenset({"had", "that", "is", "do", "bye", "no", "very", "so", "far", "ha", "well"}),
    units=_LATIN_UNITS, wordfreq="en", conjunctions=frozenset({"and", "or", "but", "than", "nor"}))

_CJK_END = "。！？!?…"
_CJK_CLOSE = "”’」』）》〉】〕\"')"

ZH = LanguageProfile(code="zh", name="Chinese", scripts=frozenset({"Han"}), cjk=True,
                     sentence_end=_CJK_END, closing=_CJK_CLOSE, wordfreq="zh")
JA = LanguageProfile(code="ja", name="Japanese", scripts=frozenset({"Han", "Hiragana", "Katakana"}), cjk=True,
                     sentence_end=_CJK_END, closing=_CJK_CLOSE, wordfreq="ja")
KO = LanguageProfile(code="ko", name="Korean", scripts=frozenset({"Hangul", "Han"}),
                     sentence_end=".!?。", wordfreq="ko")


def _latin(code: str, name: str, **kw) -> LanguageProfile:
    return LanguageProfile(code=code, name=name, scripts=frozenset({"Latin"}), units=_LATIN_UNITS,
                           wordfreq=code, **kw)


PROFILES: dict[str, LanguageProfile] = {
    p.code: p for p in [
        EN, ZH, JA, KO,
        _latin("de", "German"), _latin("fr", "French", space_before_punct=True),
        _latin("es", "Spanish"), _latin("it", "Italian"), _latin("pt", "Portuguese"),
        _latin("nl", "Dutch"), _latin("vi", "Vietnamese"), _latin("et", "Estonian"),
        _latin("ro", "Romanian"), _latin("cs", "Czech"), _latin("pl", "Polish"),
        _latin("tr", "Turkish"), _latin("id", "Indonesian"),
        LanguageProfile(code="ru", name="Russian", scripts=frozenset({"Cyrillic"}), wordfreq="ru"),
        LanguageProfile(code="uk", name="Ukrainian", scripts=frozenset({"Cyrillic"}), wordfreq="uk"),
        LanguageProfile(code="ar", name="Arabic", scripts=frozenset({"Arabic"}), sentence_end=".!?؟", wordfreq="ar"),
        LanguageProfile(code="ne", name="Nepali", scripts=frozenset({"Devanagari"}), sentence_end=".!?।", wordfreq="ne"),
        LanguageProfile(code="hi", name="Hindi", scripts=frozenset({"Devanagari"}), sentence_end=".!?।", wordfreq="hi"),
        LanguageProfile(code="si", name="Sinhala", scripts=frozenset({"Sinhala"}), wordfreq=None),
    ]
}


def base_code(lang: str) -> str:
    """"zh-Hans" / "zh_CN" / "ZH" -> "zh"."""
    return lang.replace("_", "-").split("-")[0].lower()


def get_profile(lang: str | None) -> LanguageProfile:
    """Profile for a language code; unknown codes get a generic Latin-script profile.

    Raises nothing: an unknown language is checked with conservative generic rules.
    """
    if not lang:
        return EN
    code = base_code(lang)
    if code in PROFILES:
        return PROFILES[code]
    return LanguageProfile(code=code, name=code, scripts=frozenset({"Latin"}), wordfreq=None)
