"""JSON Lines: a meta record, one record per segment in input order, a summary record."""
from __future__ import annotations

import json
from typing import Any

from ..types import SegmentReport
from .base import Writer


class JsonlWriter(Writer):
    """``{"type": "meta"}``, then ``{"type": "segment", ...}`` per segment, then ``{"type": "summary"}``."""

    name = "jsonl"
    extension = ".jsonl"

    def _emit(self, obj: dict[str, Any]) -> None:
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def begin(self, meta: dict[str, Any]) -> None:
        self._emit({"type": "meta", **meta})

    def write(self, report: SegmentReport) -> None:
        self._emit({"type": "segment", **report.to_dict()})

    def end(self, summary: dict[str, Any]) -> None:
        self._emit({"type": "summary", **summary})
