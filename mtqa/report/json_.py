"""One JSON document: ``{"meta": ..., "segments": [...], "summary": ...}``."""
from __future__ import annotations

import json
from typing import Any

from ..types import SegmentReport
from .base import Writer


class JsonWriter(Writer):
    """Whole report as one JSON object; segments are streamed into the array as they come."""

    name = "json"
    extension = ".json"

    def begin(self, meta: dict[str, Any]) -> None:
        self.out.write('{"meta": ' + json.dumps(meta, ensure_ascii=False) + ',\n "segments": [')
        self._first = True

    def write(self, report: SegmentReport) -> None:
        self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(report.to_dict(), ensure_ascii=False))
        self._first = False

    def end(self, summary: dict[str, Any]) -> None:
        self.out.write('\n ],\n "summary": ' + json.dumps(summary, ensure_ascii=False) + "}\n")
