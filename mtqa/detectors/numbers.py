"""Numbers that change between source and target: 80亿 rendered as 80 billion, a dropped or added figure."""
from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Iterable

import regex

from ..languages import LanguageProfile
from ..numerals import Number, describe, extract_numbers, reads_number_words, values_match
from ..types import Issue, Segment
from ..text import mask_codes
from .base import Detector


#: Number pairs compared exhaustively in one segment. Beyond (a table dump, a hostile 10 MB line),
#: each number is compared only with the ``WINDOW`` numbers on either side of its relative position
#: on the other side, which keeps the check linear instead of quadratic.
MAX_PAIRS = 250_000
WINDOW = 200
#: Digit runs a side may hold for the check to run (about 500 bytes of memory each when parsed):
#: a segment with more is a data dump, noted as not checked rather than held in gigabytes.
MAX_NUMBERS = 20_000
_DIGITS = regex.compile(r"\d+")


def _index(nums: list[Number]) -> dict[str, list[Number]]:
    """Numbers by each of their readings to 9 significant digits (a shortcut to most equal values)."""
    out: dict[str, list[Number]] = {}
    for n in nums:
        for v in n.values:
            bucket = out.setdefault(f"{v:.9g}", [])
            if len(bucket) < 3:
                bucket.append(n)
    return out


def _has_match(num: Number, i: int, n: int, others: list[Number], index: dict[str, list[Number]],
               big: bool) -> bool:
    """True when a number of ``others`` has ``num``'s value: an equal reading by index, else a scan."""
    for v in num.values:
        if any(values_match(num, o) for o in index.get(f"{v:.9g}", ())):
            return True
    return any(values_match(num, o) for o in _near(i, n, others, big))


def _near(i: int, n: int, others: list[Number], big: bool) -> list[Number]:
    """The numbers of ``others`` worth comparing with number ``i`` of ``n`` on this side."""
    if not big:
        return others
    j = round(i * len(others) / max(1, n))
    return others[max(0, j - WINDOW):j + WINDOW]


def _pick_partner(tn: Number, candidates: list[Number], t_len: int, s_len: int) -> Number | None:
    """The unmatched source number most likely meant by target number ``tn``: same kind, nearest position."""
    if not candidates:
        return None
    rel = tn.span.start / max(1, t_len)

    def key(sn: Number):
        return (sn.percent != tn.percent, not sn.strong, abs(sn.span.start / max(1, s_len) - rel))
    return min(candidates, key=key)


class Numbers(Detector):
    """Numbers: every number in the source has its value in the target and vice versa.

    Values, not digit strings, are compared (``mtqa.numerals``): 80亿 = 8 billion,
    6万 = 60,000, 百分之五十 = 50%, 十二亿 = 1.2 billion, full-width digits,
    thousands separators and decimal commas by language, spelled-out English
    numbers, clock times (15:00 = 3 p.m.), two-digit years (22年 = 2022).
    A rounded rendering with at least two significant digits matches
    (1234万 -> 12.3 million).

    * A target number whose value is not in the source, when the source has a
      number left unmatched: ``major`` Accuracy/Mistranslation on the target
      number, the message giving both values.
    * A source number with no counterpart: ``major`` Accuracy/Omission on the
      source side.
    * A target number with no counterpart at all: ``minor`` Accuracy/Addition.

    Only unambiguous numbers raise issues: digits other than 0 and 1 (which
    translations write as "no", "a", "single"), compound numerals and number
    words. Single numeral characters in words (一些, 十分, 周一), number words
    up to ten, months and digits glued to letters (COVID-19, 5G, G20) only
    serve to match. Numbers in words are left out when the other side's
    language has number words mtqa cannot read (``forty`` → de ``vierzig``):
    only English words and Chinese numerals are read.
    """

    name = "numbers"
    category = "Accuracy/Mistranslation"
    severity = "major"
    needs_source = True

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        src, tgt = segment.source or "", segment.target
        if not src.strip() or not tgt.strip():
            return  # an empty side is omission's or alignment's business
        for side, text in (("source", src), ("target", tgt)):
            if sum(1 for _ in itertools.islice(_DIGITS.finditer(text), MAX_NUMBERS + 1)) > MAX_NUMBERS:
                yield self.issue(segment, f"numbers not compared: the {side} has more than {MAX_NUMBERS:,} of them",
                                 severity="neutral", confidence=0.0)
                return
        # inline tags and placeholders (<x id="2"/>, {0}, %1$s) are codes, not numbers: blank them out
        # (same length, so spans stay valid); the placeholders detector checks them
        s_nums = extract_numbers(mask_codes(src), segment.src_lang)
        t_nums = extract_numbers(mask_codes(tgt), segment.tgt_lang)
        if not s_nums and not t_nums:
            return
        # a number in words is only required of the other side (strong) when its number words can be read
        # ("forty" -> "vierzig" is fine; "forty" -> "sixty" or "四十" is checked)
        s_reads, t_reads = reads_number_words(tgt, segment.tgt_lang), reads_number_words(src, segment.src_lang)
        s_nums = [n if s_reads or not n.spelled else replace(n, strong=False) for n in s_nums]
        t_nums = [n if t_reads or not n.spelled else replace(n, strong=False) for n in t_nums]
        big = len(s_nums) * len(t_nums) > MAX_PAIRS
        s_index, t_index = (_index(s_nums), _index(t_nums)) if big else ({}, {})
        s_open = [s for i, s in enumerate(s_nums) if not _has_match(s, i, len(s_nums), t_nums, t_index, big)]
        t_open = [t for i, t in enumerate(t_nums) if not _has_match(t, i, len(t_nums), s_nums, s_index, big)]
        big = len(s_open) * len(t_open) > MAX_PAIRS
        paired: set[int] = set()
        for k, tn in enumerate(t_open):
            if not tn.strong:
                continue
            open_src = [s for s in _near(k, len(t_open), s_open, big)
                        if id(s) not in paired and (s.strong or s.value > 2)]
            partner = _pick_partner(tn, open_src, len(tgt), len(src))
            if partner is not None:
                paired.add(id(partner))
                yield self.issue(
                    segment, f"number mismatch: source {partner.text!r} = {describe(partner)}, "
                    f"target {tn.text!r} = {describe(tn)}", tn.span, suggestion=None)
            else:
                yield self.issue(segment, f"number {tn.text!r} ({describe(tn)}) is not in the source", tn.span,
                                 category="Accuracy/Addition", severity="minor")
        for sn in s_open:
            if sn.strong and id(sn) not in paired:
                yield self.issue(segment, f"source number {sn.text!r} ({describe(sn)}) is missing from the target",
                                 sn.span, side="source", category="Accuracy/Omission")
