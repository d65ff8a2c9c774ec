"""Span bookkeeping that stays linear on very long segments.

Detectors keep the spans they have already reported so that two findings never
cover the same characters, and skip text inside URLs or markup. A plain list
scanned with ``any(...)`` for each new finding is quadratic in the number of
findings (a 10 MB line of ``,,`` has millions). :class:`IntervalClaims` (sorted
intervals, for findings that become issues), :class:`Claims` (a byte mask, for
many short spans such as numbers) and :class:`SpanSet` (a fixed, merged set
queried by binary search) answer the same question in logarithmic or span-length time.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from .types import Span


class SpanSet:
    """A fixed set of character spans merged into disjoint runs; overlap queries in O(log n).

    Overlap follows :meth:`Span.overlaps`: two spans overlap when they share at
    least one character, so an empty span never overlaps anything.
    """

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for sp in sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end)):
            if self._ends and sp.start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], sp.end)
            else:
                self._starts.append(sp.start)
                self._ends.append(sp.end)

    def __len__(self) -> int:
        return len(self._starts)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def __iter__(self):
        """The disjoint runs as (start, end), in order."""
        return zip(self._starts, self._ends)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with the set."""
        if end <= start:
            return False
        k = bisect_right(self._ends, start)  # first run ending after ``start``
        return k < len(self._starts) and self._starts[k] < end

    def contains(self, pos: int) -> bool:
        """True when character ``pos`` lies inside the set."""
        return self.overlaps(pos, pos + 1)


class Claims:
    """Characters of a text of ``length`` characters already claimed by a finding ("first finding wins").

    A byte per character; :meth:`claim` costs O(span length) at most once per
    character claimed, and a refused claim stops at the first claimed character.
    """

    __slots__ = ("_mask",)

    def __init__(self, length: int) -> None:
        self._mask = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        """True when a character of ``[start, end)`` is already claimed."""
        return end > start and self._mask.find(1, start, end) != -1

    def claim(self, span: Span) -> bool:
        """Claim ``span`` unless it overlaps an earlier claim; True when claimed (an empty span always is)."""
        if span.end <= span.start:
            return True
        if self._mask.find(1, span.start, span.end) != -1:
            return False
        end = min(span.end, len(self._mask))
        if end > span.start:
            self._mask[span.start:end] = b"\x01" * (end - span.start)
        return True


class IntervalClaims:
    """"First finding wins" over spans of any length: claimed spans kept as sorted disjoint intervals.

    Queries cost O(log k) for k claims whatever the span lengths, where :class:`Claims`
    scans the span (nested bracket pairs of a 10 MB line made that quadratic). A claim
    costs O(k) (a list insertion), so this suits claims that become reported issues,
    which the pipeline bounds (``mtqa.pipeline.MAX_ISSUES_PER_DETECTOR``); the mask
    suits many short spans (numbers, placeholders).
    """

    __slots__ = ("_starts", "_ends")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """True when a character of ``[start, end)`` is already claimed."""
        if end <= start:
            return False
        k = bisect_right(self._ends, start)
        return k < len(self._starts) and self._starts[k] < end

    def claim(self, span: Span) -> bool:
        """Claim ``span`` unless it overlaps an earlier claim; True when claimed (an empty span always is)."""
        if span.end <= span.start:
            return True
        if self.overlaps(span.start, span.end):
            return False
        k = bisect_right(self._ends, span.start)
        self._starts.insert(k, span.start)
        self._ends.insert(k, span.end)
        return True
