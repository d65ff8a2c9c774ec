"""CSV and TSV: one row per segment (``--csv-rows segment``, default) or one per issue."""
from __future__ import annotations

import csv
from typing import Any

from ..queue import DEFAULT_QUEUE, band
from ..types import SegmentReport
from .base import Writer

SEGMENT_COLUMNS = ["seg_id", "doc_id", "line", "start", "end", "kind", "verdict", "worst_severity", "mqm_penalty",
                   "priority", "band", "qe_score", "qe_quality", "n_issues", "categories", "issues", "target", "source"]
ISSUE_COLUMNS = ["seg_id", "line", "detector", "category", "severity", "start", "end", "text", "message",
                 "suggestion", "priority"]


class CsvWriter(Writer):
    """CSV for spreadsheets and trackers; the ``issues`` cell lists ``detector@start-end: message`` items.

    Per segment, ``band`` is its post-editing band (option ``queue_config``, see :mod:`mtqa.queue`);
    ``qe_quality`` (0–1, higher = better) is what a QE-only band rests on."""

    name = "csv"
    extension = ".csv"
    delimiter = ","

    def begin(self, meta: dict[str, Any]) -> None:
        self.per_issue = self.options.get("rows") == "issue"
        self._queue = self.options.get("queue_config") or DEFAULT_QUEUE
        self._w = csv.writer(self.out, delimiter=self.delimiter, lineterminator="\n")
        self._w.writerow(ISSUE_COLUMNS if self.per_issue else SEGMENT_COLUMNS)

    def write(self, report: SegmentReport) -> None:
        d = report.to_dict()
        if self.per_issue:
            for i in d["issues"]:
                self._w.writerow([d["seg_id"], d["line"], i["detector"], i["category"], i["severity"], i["start"],
                                  i["end"], i.get("text", ""), i["message"], i["suggestion"] or "", d["priority"]])
            return
        items = "; ".join(f"{i['detector']}@{i['start']}-{i['end']}: {i['message']}" for i in d["issues"])
        cats = "; ".join(sorted({i["category"] for i in d["issues"]}))
        self._w.writerow([d["seg_id"], d["doc_id"], d["line"], d["start"], d["end"], d["kind"], d["verdict"],
                          d["worst_severity"], d["mqm_penalty"], d["priority"], band(report, self._queue),
                          "" if d["qe"] is None else d["qe"]["score"], "" if d["qe"] is None else d["qe"]["quality"],
                          len(d["issues"]), cats, items, d["target"],
                          d["source"] if d["source"] is not None else ""])


class TsvWriter(CsvWriter):
    """Tab-separated version of :class:`CsvWriter` (same columns, ``--csv-rows`` applies). Cells that
    contain a tab, newline or quote are quoted as in CSV, so every row stays on one logical line."""

    name = "tsv"
    extension = ".tsv"
    delimiter = "\t"
