"""JSON Lines: a meta record, one record per segment in input order, a summary record.

The records follow the versioned JSON Schema in ``mtqa/report/schemas/`` (:mod:`mtqa.report.schema`).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..queue import DEFAULT_QUEUE, band
from ..types import SegmentReport
from .base import Writer
from .schema import SCHEMA_VERSION


_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class JsonlWriter(Writer):
    """``{"type": "meta"}``, then ``{"type": "segment", ...}`` per segment, then ``{"type": "summary"}``.

    Each segment record carries its post-editing ``band`` (option ``queue_config``, see :mod:`mtqa.queue`);
    the summary counts them in ``by_band``.
    """

    name = "jsonl"
    extension = ".jsonl"

    def _emit(self, obj: dict[str, Any]) -> None:
        # NEL, LINE and PARAGRAPH SEPARATOR are legal raw in JSON strings but end a line for
        # str.splitlines() and many line-based tools: escape them so that one record stays one line.
        self.out.write(json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS) + "\n")

    def begin(self, meta: dict[str, Any]) -> None:
        self._queue = self.options.get("queue_config") or DEFAULT_QUEUE
        self._bands: Counter = Counter()
        self._emit({"type": "meta", "schema_version": SCHEMA_VERSION, **meta})

    def write(self, report: SegmentReport) -> None:
        b = band(report, self._queue)
        self._bands[b] += 1
        self._emit({"type": "segment", **report.to_dict(), "band": b})

    def end(self, summary: dict[str, Any]) -> None:
        self._emit({"type": "summary", **summary, "by_band": dict(self._bands)})
