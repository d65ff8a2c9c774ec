"""Streaming report writers: ``begin(meta)``, ``write(report)`` per segment, ``end(summary)``."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, TextIO

from ..types import SegmentReport


class Writer(ABC):
    """A report format. Writers stream: nothing but ``end`` may need all segments."""

    name: ClassVar[str]
    extension: ClassVar[str]

    def __init__(self, out: TextIO, **options: Any) -> None:
        self.out = out
        self.options = options

    def begin(self, meta: dict[str, Any]) -> None:
        """Called once before the first segment with run metadata (signature, input, languages)."""

    @abstractmethod
    def write(self, report: SegmentReport) -> None:
        """Write (or buffer) one segment's report."""

    def end(self, summary: dict[str, Any]) -> None:
        """Called once after the last segment with the summary totals."""
