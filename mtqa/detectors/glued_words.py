"""Words run together by scraping or detokenisation (``developmentjobsKey``)."""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

import regex

from ..clauses import NO_END, QUOTING, next_words, opens_clause
from ..languages import LanguageProfile
from ..text import in_any_case, in_protected, tokens
from ..types import Issue, Segment, Span
from ..words import known, runon_split, zipf
from .base import Detector

_ATOM = regex.compile(
    r"\p{Lu}+(?=\p{Lu}\p{Ll})"          # PV in PVThere
    r"|\p{Lu}?[\p{Ll}\p{M}]+(?:['’][\p{Ll}]+){0,16}"  # Key, development, o'clock (bounded: see text.URL)
    r"|\p{Lu}+"                          # DF, PV
    r"|\d+(?:[.,]\d+){0,32}"             # 663, 23.7, 20,816
    r"|.", regex.S)
_LEAD = "\"'“‘([{（«<*"
_TRAIL = "\"'”’)]}）».,;:!?…*>"
_NAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz", "O"}
_TLDS = {"com", "org", "net", "edu", "gov", "cn", "io", "co", "uk", "js", "py", "html", "htm", "php", "txt", "pdf"}
_PUNCT_GLUE = set(",;:!?")
#: wordfreq Zipf of function words (to 7.4, there 6.4): an UpperCamel token is only
#: split when one side is this frequent, which keeps brands such as ByteDance whole.
FUNCTION_ZIPF = 5.5
#: Tokens longer than this (characters) are data, not glued words, and are not split:
#: wordninja's dynamic programme over a 10 MB token would take minutes and gigabytes.
MAX_TOKEN = 1000


def _is_letters(a: str) -> bool:
    return a[:1].isalpha()


def _is_digits(a: str) -> bool:
    return a[:1].isdigit()


class GluedWords(Detector):
    """Glued words: missing spaces inside a token (developmentjobsKey, organizedteam663, conditions.Poverty).

    A token is split where

    * a lower-case letter meets an upper-case one (``jobsKey``) or an acronym meets
      a capitalised word (``PVThere``), unless the whole token is a known word
      (wordfreq: YouTube, iPhone, JavaScript, McDonald's), starts with one
      lower-case letter (iPhone, mRNA, eBay) or a name prefix (McX, MacX, DeX),
      or is UpperCamel with no function word in it (ByteDance; but PerfectTo);
    * a word of 3+ letters with lower case meets digits (``team663``, ``loan23.7``)
      or digits meet a word of 3+ letters (``1Road``) — codes and units stay
      (5G, 4K, A4, H2O, km2, COVID-19, DF524, 1990s, 3rd, 100km);
    * sentence punctuation has no space after it between letters
      (``counties,Share97``, ``conditions.Poverty``; not decimals, not e.g., not
      domains);
    * an all-lower-case token unknown to wordfreq splits into frequent words
      (wordninja: ``facilityinsurance`` -> facility insurance), unless it reads as
      one rare real word (:func:`mtqa.words.rare_word`): a closed compound that
      wordfreq lists (shipborne, metaethics), an affixed form of one (wolfberries,
      footbaths, fieldbuses, informationization), a bound combining form before a
      word (electroprobe, metauniverse), or a learned ending the split would cut
      (sperm|at|or|rhea). On the WMT22 zh-en human references A and B this and
      the case-blind source test took the flags from 17 to 8 (left: three
      punctuation or digit seams, photostudio, deligently, and rare words still
      split: gongan twice, closestools); on pairs of frequent English words glued
      together it keeps 28,805 of 28,836 catches (99.9%).

    Tokens inside URLs, e-mails or markup, and tokens that also occur in the
    source (in any case), are left alone. ``major``; ``critical`` when five or more words were
    run together (a whole sentence without spaces). The suggestion is the token
    with spaces restored, and with a full stop where a lower-case word meets a
    capitalised one that clearly opens a new sentence (``completedThe county``
    -> ``completed. The county``; English, see ``_sentence_break``).
    """

    name = "glued_words"
    category = "Fluency/Spelling"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        lang = profile.wordfreq
        if lang is None or "Latin" not in profile.scripts:
            return
        text = segment.target
        source = segment.source or ""
        whole = text.strip()
        for start, end, tok in tokens(text):
            a = start
            while a < end and text[a] in _LEAD:
                a += 1
            b = end
            while b > a and text[b - 1] in _TRAIL:
                b -= 1
            core = text[a:b]
            if len(core) < 3 or not any(c.isalpha() for c in core):
                continue
            if len(core) > MAX_TOKEN or in_protected(text, a, b) or core[0] in "@#":
                continue  # data rather than words, URLs, @mentions and #hashtags
            result = self._split(core, lang, lambda e=end: next_words(text, e))
            if result is None:
                continue
            if source and in_any_case(core, source):  # (the source test last: it scans the whole source)
                continue  # the source's own term, in any case (Wolfberries, FieldBus)
            suggestion, n_words = result
            if whole == tok and b < end:
                # the whole segment is one glued token: flag it with its end punctuation
                suggestion, b = suggestion + text[b:end], end
            sev = "critical" if n_words >= 5 else "major"
            yield self.issue(segment, f"glued words: {core!r} -> {suggestion!r}", Span(a, b),
                             severity=sev, suggestion=suggestion)

    @staticmethod
    def _split(core: str, lang: str, follow: Callable[[], Sequence[str]] = tuple) -> tuple[str, int] | None:
        """Return (suggestion, number of words) when ``core`` is glued, else None.

        ``follow`` gives the words following the token (for :func:`_sentence_break`).
        """
        if regex.fullmatch(r"\p{Lu}{2,}['’]?s", core):
            return None  # plural or possessive of an acronym: KPIs, CEO's
        atoms = [m.group(0) for m in _ATOM.finditer(core)]
        upper_start = core[0].isupper()
        if len(atoms) == 1 and not core.islower() and not (core[:1].isupper() and core[1:].islower()):
            return None
        letters_only = regex.sub(r"[^\p{L}'’]", "", core)
        whole_known = zipf(letters_only, lang) >= 2.5 or zipf(core, lang) >= 2.5
        cuts: set[int] = set()  # atom indices before which a space goes
        breaks: set[int] = set()  # ...and before which a full stop goes too
        for k in range(1, len(atoms)):
            prev, cur = atoms[k - 1], atoms[k]
            if _is_letters(prev) and _is_letters(cur):
                if whole_known or (len(prev) == 1 and prev.islower()) or prev in _NAME_PREFIXES:
                    continue
                if not (prev[-1].islower() or (prev.isupper() and len(prev) >= 2 and cur[:1].isupper())):
                    continue
                if upper_start and prev[0].isupper() and max(zipf(prev, lang), zipf(cur, lang)) < FUNCTION_ZIPF:
                    continue  # UpperCamel brand (ByteDance, DeepSeek) unless a function word is glued on (PerfectTo)
                if _wordlike(prev, lang) and _wordlike(cur, lang):
                    cuts.add(k)
                    if _sentence_break(atoms, k, lang, follow):
                        breaks.add(k)
            elif _is_letters(prev) and _is_digits(cur):
                if (len(prev) >= 3 and any(c.islower() for c in prev) and prev.lower() not in _UNITS
                        and _wordlike(prev, lang) and not _code_like(atoms)):
                    cuts.add(k)
            elif _is_digits(prev) and _is_letters(cur):
                if (len(cur) >= 3 and cur.lower() not in _UNITS and not cur.lower().startswith(("s", "th"))
                        and _wordlike(cur, lang) and (cur[0].isupper() or zipf(cur, lang) >= 3.0)):
                    cuts.add(k)
            elif prev in _PUNCT_GLUE or prev == ".":
                if k < 2:
                    continue
                before, after = atoms[k - 2], cur
                if not (_is_letters(before) and _is_letters(after)):
                    continue
                if prev == "." and (len(before) < 2 or not before[-1].islower() or after.lower() in _TLDS
                                    or (after.islower() and len(after) < 3)):
                    continue
                cuts.add(k)
        # run-on splits inside single letter atoms
        pieces: list[str] = []
        n_words = 0
        changed = bool(cuts)
        for k, atom in enumerate(atoms):
            if k in cuts:
                pieces.append(". " if k in breaks else " ")
            if _is_letters(atom) and len(atom) >= 4 and (atom.islower() or (
                    atom[0].isupper() and atom[1:].islower() and len(atom) >= 12)):
                parts = runon_split(atom, lang)
                if parts and (atom.islower() or (len(parts) >= 3 and all(zipf(p, lang) >= 4.0 for p in parts))):
                    pieces.append(" ".join(parts))
                    n_words += len(parts)
                    changed = True
                    continue
            pieces.append(atom)
            if _is_letters(atom) or _is_digits(atom):
                n_words += 1
        if not changed:
            return None
        return "".join(pieces), n_words


_UNITS = {"km", "kg", "mg", "mm", "cm", "ml", "kw", "kwh", "mw", "gw", "hz", "khz", "mhz", "ghz", "kb", "mb",
          "gb", "tb", "px", "dpi", "mph", "kph", "am", "pm", "st", "nd", "rd", "th", "bn", "mln", "min", "sec",
          "hrs", "yrs", "pcs", "fps", "bps", "kbps", "mbps", "gbps", "mah", "nm", "µm", "db", "lbs", "oz", "ft",
          "sqm", "cc", "rpm", "yuan", "usd", "eur", "rmb"}


def _code_like(atoms: list[str]) -> bool:
    """Codes such as DF524, MP3, G20, Win10: an all-capitals letter part, or a hyphenated ID."""
    letters = [a for a in atoms if _is_letters(a)]
    return bool(letters) and all(a.isupper() for a in letters)


def _sentence_break(atoms: list[str], k: int, lang: str, follow: Callable[[], Sequence[str]]) -> bool:
    """True when the capitalised ``atoms[k]`` starts a new sentence after lower-case ``atoms[k - 1]``.

    ``jobsThe county`` -> ``jobs. The county``; ``tea gardenVigorously develop`` ->
    ``garden. Vigorously``. Only where it is clear: English, the word before is
    all lower case and can end a sentence (not "of", "the", "and"; the last part
    of a run-on such as ``alleviationof`` counts), and the capitalised word opens
    a clause by :func:`mtqa.clauses.opens_clause` with the words after it (so
    ``developmentjobsKey counties`` stays ``jobs Key``: "Key" is no clause opener).
    """
    prev, cur = atoms[k - 1], atoms[k]
    if lang != "en" or len(prev) < 2 or not prev.islower() or not cur[1:].islower():
        return False
    if k >= 2 and atoms[k - 2] in _PUNCT_GLUE | {"."}:
        return False  # county.trafficMore: "traffic." would be a one-word sentence
    last = (runon_split(prev, lang) or (prev,))[-1].lower()
    if last in NO_END or last in QUOTING:
        return False
    rest = [a for a in atoms[k + 1:] if _is_letters(a) or _is_digits(a)]
    return opens_clause(cur, [*rest, *follow()])


def _wordlike(atom: str, lang: str) -> bool:
    if known(atom, lang):
        return True
    return atom.islower() and runon_split(atom, lang) is not None
