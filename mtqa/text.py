"""Small text helpers shared by detectors: tokens with offsets, script runs,
and the spans that no linguistic check should touch (URLs, e-mails, markup).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterator

import regex

from .spans import SpanSet
from .types import Span

_TLD = r"(?:com|org|net|edu|gov|cn|io|co|uk|de|fr|jp|info|biz|js|py|html?|php)"
URL = regex.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]"
    # A bare domain starts only at the start of a dotted run and takes its labels possessively, so that
    # a 10 MB line of "a.a.a." is scanned once instead of once per label (quadratic backtracking).
    # (group repeats are bounded: the regex module raises MemoryError past a few million repeats of a group)
    r"|(?<![\w-]\.)(?<![\w-])-*+\K\w[\w-]*+(?:\.(?!" + _TLD + r"\b)[\w-]++){0,126}+(?:\." + _TLD + r"\b){1,8}+"
    r"(?:/[^\s]*[^\s.,;:!?)\]])?",
    regex.IGNORECASE)
EMAIL = regex.compile(r"(?<![\w.+-])[.+-]*+\K\w[\w.+-]*+@[\w-]+(?:\.[\w-]+){1,126}\b")
TAG = regex.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
PLACEHOLDER = regex.compile(r"\{\{?[\w.:-]*\}?\}|[%٪](?:\([\w]+\)|\d+\$)?[sdif]|\$\{[\w.]+\}|\[[A-Za-z]+_\d+\]")

TOKEN = regex.compile(r"\S+")
WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*\p{L}|\p{L}")


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Whitespace-separated tokens as (start, end, token); NBSP counts as a separator."""
    for m in TOKEN.finditer(text):
        yield m.start(), m.end(), m.group(0)


def prev_nonspace(text: str, i: int) -> int:
    """Index of the last non-whitespace character before ``i``, or -1.

    Detectors use this instead of ``text[:i].rstrip()``, which copies the whole
    prefix and makes a loop over a long segment quadratic.
    """
    i -= 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i


def next_nonspace(text: str, i: int) -> int:
    """Index of the first non-whitespace character at or after ``i``, or ``len(text)``."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


#: The protected spans of the last few texts: every detector asks about the segment
#: in hand, so a tiny cache suffices (an LRU of thousands would pin huge segments in memory).
_PROTECTED_CACHE: dict[str, tuple[tuple[Span, ...], SpanSet]] = {}
_PROTECTED_CACHE_SIZE = 4


def _protected_cached(text: str) -> tuple[tuple[Span, ...], SpanSet]:
    hit = _PROTECTED_CACHE.get(text)
    if hit is not None:
        return hit
    spans = []
    for pat in (URL, EMAIL, TAG, PLACEHOLDER):
        spans.extend(Span(m.start(), m.end()) for m in pat.finditer(text))
    spans.sort(key=lambda s: (s.start, s.end))
    hit = (tuple(spans), SpanSet(spans))
    if len(_PROTECTED_CACHE) >= _PROTECTED_CACHE_SIZE:
        try:
            _PROTECTED_CACHE.pop(next(iter(_PROTECTED_CACHE)))
        except (StopIteration, KeyError, RuntimeError):  # another thread got there first
            _PROTECTED_CACHE.clear()
    _PROTECTED_CACHE[text] = hit
    return hit


def protected_spans(text: str) -> tuple[Span, ...]:
    """Spans of URLs, e-mail addresses, markup tags/entities and placeholders, sorted."""
    return _protected_cached(text)[0]


def in_protected(text: str, start: int, end: int) -> bool:
    """True when [start, end) overlaps a URL, e-mail, tag or placeholder (binary search: O(log n))."""
    return _protected_cached(text)[1].overlaps(start, end)


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


def in_any_case(term: str, text: str) -> bool:
    """True when ``term`` occurs in ``text`` as written or in another case (``wolfberries`` in
    "Wolfberries ..."): a target keeping the source's own term. ``text.lower()`` is computed once
    per text (cached), since detectors ask this for many terms of one segment."""
    return term in text or term.lower() in _lower(text)


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """Unicode script name of one character (``Latin``, ``Han``, ``Common``...)."""
    for name in ("Latin", "Han", "Hiragana", "Katakana", "Hangul", "Cyrillic", "Greek", "Arabic",
                 "Hebrew", "Devanagari", "Thai", "Sinhala", "Bengali", "Tamil", "Georgian", "Armenian"):
        if regex.match(rf"\p{{Script={name}}}", ch):
            return name
    if regex.match(r"\p{Script=Inherited}", ch):
        return "Inherited"
    for name in ("Katakana", "Hiragana", "Han"):  # ー (U+30FC) is Common, but only used with kana
        if regex.match(rf"\p{{Script_Extensions={name}}}", ch):
            return name
    return "Common" if not ch.isalpha() else unicodedata.name(ch, "Unknown").split()[0].title()


def is_cjk_punct(ch: str) -> bool:
    """Full-width / ideographic punctuation (U+3000–303F, U+FF00–FF65 non-alnum, U+FE30–FE4F)."""
    o = ord(ch)
    return (0x3000 <= o <= 0x303F or 0xFE30 <= o <= 0xFE4F or 0xFF01 <= o <= 0xFF65) and not ch.isalnum()


#: Letters used as punctuation in web text: 丨 (U+4E28) and 〡 stand in for "|".
_SEPARATOR_LOOKALIKES = frozenset("丨〡")


def foreign_script_runs(text: str, allowed: frozenset[str]) -> list[tuple[int, int, str]]:
    """Runs of letters in scripts outside ``allowed`` as (start, end, script).

    A run takes in spaces and full-width punctuation between letters of its own
    script, and full-width punctuation right after it (``届时…借阅。``); Common
    characters (digits, ASCII punctuation) end it. ``Han``, ``Hiragana`` and
    ``Katakana`` count as one script family (``Han``).
    """
    runs: list[tuple[int, int, str]] = []
    n = len(text)
    i = 0
    family = {"Hiragana": "Han", "Katakana": "Han"}
    allowed_f = {family.get(s, s) for s in allowed}
    while i < n:
        ch = text[i]
        sc = script_of(ch) if ch.isalpha() and ch not in _SEPARATOR_LOOKALIKES else "Common"
        fam = family.get(sc, sc)
        if sc in ("Common", "Inherited") or fam in allowed_f or sc in allowed:
            i += 1
            continue
        start, end = i, i + 1
        j = i + 1
        while j < n:
            c = text[j]
            if c.isalpha() and family.get(script_of(c), script_of(c)) == fam:
                end = j + 1
                j += 1
            elif c in " \u3000" or is_cjk_punct(c) or script_of(c) == "Inherited":
                j += 1
            else:
                break
        # trailing full-width punctuation belongs to the run (“…借阅。”)
        while end < n and is_cjk_punct(text[end]):
            end += 1
        runs.append((start, end, fam))
        i = max(end, i + 1)
    return runs


_CODE = regex.compile(TAG.pattern + "|" + PLACEHOLDER.pattern)


def mask_codes(text: str) -> str:
    """``text`` with inline tags and placeholders replaced by spaces of the same length.

    Offsets stay valid; ``<x id="2"/>``, ``{0}``, ``%1$s`` (and the Arabic ``٪1$d``)
    no longer look like numbers or words to the detectors.
    """
    return _CODE.sub(lambda m: " " * len(m.group(0)), text)
