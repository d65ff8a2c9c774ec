"""Post-editing queue: route each segment to a band and write the work list worst-first.

Bands, from best to worst: ``accept`` (no edit), ``light`` (light post-edit), ``full`` (full
post-edit), ``retranslate``. A segment's band is the worst band any of three rules gives it:

* **severity** of its worst issue: minor -> light, major -> full, critical -> retranslate.
  MQM defines a minor error as one that does not impede understanding, a major one as one that
  changes or obscures the meaning, and a critical one as one that makes the content unfit for
  purpose (MQM core typology; Freitag et al. 2021, "Experts, Errors, and Context", TACL, §3).
* **MQM penalty** (``SegmentReport.mqm_penalty``) reaching a threshold, so that many small errors
  add up: 0.1 -> light (the smallest non-zero default weight, a minor punctuation error), 5 -> full
  (one major error, or five minor ones, at the WMT weights), 25 -> retranslate (the WMT weight of
  ``Non-translation!``, the label WMT annotators give a segment too broken to annotate; also five
  major errors).
* **QE quality** (``QEResult.quality`` in [0, 1], higher = better), when a QE model ran:
  below 0.25 -> light, below 0.05 -> full, never retranslate on QE alone (0.0). The default
  model's quality maps its score linearly from the 1st (0) to the 99th (1) percentile of
  MLQE-PE dev predictions, so only clearly low scores move a segment. Segments
  shorter than three words on either side are banded by detectors only
  (:func:`mtqa.mqm.qe_reliable`). Heuristic starting points, not fitted to post-editing data:
  calibrate them on your own.

Neutral issues (page furniture, notes) never move a segment out of ``accept``. All thresholds
are settable in a TOML file (``[queue]`` table, see :meth:`QueueConfig.from_toml`).
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping, TextIO

from .mqm import qe_reliable
from .types import SegmentReport, severity_rank

BANDS: tuple[str, ...] = ("accept", "light", "full", "retranslate")
BAND_LABELS: dict[str, str] = {"accept": "accept", "light": "light post-edit", "full": "full post-edit",
                               "retranslate": "retranslate"}


def band_rank(band: str) -> int:
    """0 (accept) .. 3 (retranslate); ValueError for unknown bands."""
    try:
        return BANDS.index(band)
    except ValueError:
        raise ValueError(f"unknown band {band!r}; expected one of {', '.join(BANDS)}") from None


@dataclass(frozen=True)
class QueueConfig:
    """Routing thresholds (defaults and their sources in the module docstring).

    Severities are mtqa severities (minor | major | critical); penalties are MQM penalties (>= 0,
    ``>=`` threshold triggers); qualities are QE qualities in [0, 1] (``<`` threshold triggers).
    ``include_accept`` keeps accepted segments in the queue file (at the end).
    """

    light_severity: str = "minor"
    full_severity: str = "major"
    retranslate_severity: str = "critical"
    light_penalty: float = 0.1
    full_penalty: float = 5.0
    retranslate_penalty: float = 25.0
    light_quality: float = 0.25
    full_quality: float = 0.05
    retranslate_quality: float = 0.0
    include_accept: bool = False

    def __post_init__(self) -> None:
        sev = [self.light_severity, self.full_severity, self.retranslate_severity]
        ranks = [severity_rank(s) for s in sev]
        if min(ranks) < 1 or ranks != sorted(ranks):
            raise ValueError("queue severities must be minor/major/critical and ordered light <= full <= retranslate "
                             f"(got {', '.join(sev)})")
        pen = [self.light_penalty, self.full_penalty, self.retranslate_penalty]
        if min(pen) <= 0 or pen != sorted(pen):
            raise ValueError(f"queue penalties must be > 0 and ordered light <= full <= retranslate (got {pen})")
        q = [self.light_quality, self.full_quality, self.retranslate_quality]
        if not all(0.0 <= x <= 1.0 for x in q) or q != sorted(q, reverse=True):
            raise ValueError(f"queue qualities must be in [0, 1] and ordered light >= full >= retranslate (got {q})")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "config") -> "QueueConfig":
        """Build from a dict (the ``[queue]`` table); ValueError naming ``where`` for unknown keys or bad values."""
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"{where}: unknown [queue] key(s) {', '.join(unknown)}; known: {', '.join(known)}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            default = getattr(cls, key)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, float):
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
                value = float(value) if ok else value
            else:
                ok = isinstance(value, str)
            if not ok:
                raise ValueError(f"{where}: [queue] {key} must be a {type(default).__name__}, got {value!r}")
            kwargs[key] = value
        try:
            return replace(cls(), **kwargs)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None

    @classmethod
    def from_toml(cls, path: str | Path) -> "QueueConfig":
        """Read the ``[queue]`` table of a TOML file (other tables are ignored).

        Raises ValueError naming the file for unreadable TOML, unknown keys or bad values.
        """
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        p = str(path)
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ValueError(f"{p}: no such file") from None
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{p}: not valid TOML: {exc}") from None
        table = data.get("queue", {})
        if not isinstance(table, dict):
            raise ValueError(f"{p}: [queue] must be a table")
        return cls.from_mapping(table, p)


DEFAULT_QUEUE = QueueConfig()


def band(report: SegmentReport, config: QueueConfig = DEFAULT_QUEUE) -> str:
    """The band of one segment: the worst of the severity, penalty and QE rules (module docstring)."""
    worst = max((severity_rank(i.severity) for i in report.issues), default=0)
    rank = 0
    for b, sev, pen, qual in ((3, config.retranslate_severity, config.retranslate_penalty, config.retranslate_quality),
                              (2, config.full_severity, config.full_penalty, config.full_quality),
                              (1, config.light_severity, config.light_penalty, config.light_quality)):
        if worst >= severity_rank(sev) or report.mqm_penalty >= pen or (
                report.qe is not None and report.qe.quality < qual
                and qe_reliable(report.segment.source, report.segment.target)):
            rank = b
            break
    return BANDS[rank]


def task_id(report: SegmentReport) -> str:
    """A tracker id that stays the same across runs: ``mtqa-`` + 12 hex digits of SHA-1(doc_id, seg_id)."""
    s = report.segment
    return "mtqa-" + hashlib.sha1(f"{s.doc_id or ''}\x1f{s.seg_id}".encode("utf-8")).hexdigest()[:12]


QUEUE_COLUMNS = ["rank", "task_id", "band", "band_label", "priority", "mqm_penalty", "qe_quality", "worst_severity",
                 "n_issues", "seg_id", "doc_id", "line", "title", "categories", "issues", "target", "source"]


def queue_record(report: SegmentReport, band_name: str) -> dict[str, Any]:
    """One work item (without ``rank``): the fields of :data:`QUEUE_COLUMNS`."""
    s = report.segment
    cats: dict[str, int] = {}
    for i in report.issues:
        if i.severity != "neutral":
            cats[i.category] = cats.get(i.category, 0) + 1
    top = ", ".join(f"{c} x{n}" if n > 1 else c for c, n in sorted(cats.items(), key=lambda kv: (-kv[1], kv[0])))
    n = sum(cats.values())
    title = f"[{BAND_LABELS[band_name]}] {s.seg_id}: " + (f"{n} issue{'s' if n != 1 else ''} ({top})" if n else
                                                           "low QE score" if band_name != "accept" else "no issues")
    items = []
    for i in report.issues:
        text = s.target if i.side == "target" else (s.source or "")
        at = f"{i.span.start}-{i.span.end} {text[i.span.start:i.span.end]!r}" if i.span else "whole segment"
        sug = f" -> {i.suggestion!r}" if i.suggestion is not None and repr(i.suggestion) not in i.message else ""
        items.append(f"{i.severity} {i.category} [{i.detector}] @{at}: {i.message}{sug}")
    return {"task_id": task_id(report), "band": band_name, "band_label": BAND_LABELS[band_name],
            "priority": round(report.priority, 4), "mqm_penalty": round(report.mqm_penalty, 4),
            "qe_quality": None if report.qe is None else round(report.qe.quality, 4),
            "worst_severity": report.worst_severity, "n_issues": len(report.issues), "seg_id": s.seg_id,
            "doc_id": s.doc_id, "line": s.line, "title": title, "categories": "; ".join(sorted(cats)),
            "issues": items, "target": s.target, "source": s.source}


class QueueWriter:
    """Collects reports and writes the work list worst-first on :meth:`end`.

    Order: band (retranslate first), then priority, then MQM penalty (both descending), then
    input order. Formats: JSONL (``fmt="jsonl"``: one object per item, ``issues`` as a list),
    CSV or TSV (one row per item, ``issues`` joined with `` | ``). Accepted segments are left out
    unless ``config.include_accept``. Same streaming interface as the report writers.
    """

    def __init__(self, out: TextIO, fmt: str = "csv", config: QueueConfig = DEFAULT_QUEUE) -> None:
        if fmt not in ("csv", "tsv", "jsonl"):
            raise ValueError(f"unknown queue format {fmt!r}; choose csv, tsv or jsonl")
        self.out, self.fmt, self.config = out, fmt, config
        self._items: list[tuple[tuple, dict[str, Any]]] = []

    @staticmethod
    def format_for(path: str | Path) -> str:
        """Queue format from a file name: .jsonl/.ndjson -> jsonl, .tsv/.tab -> tsv, else csv."""
        suffix = Path(path).suffix.lower()
        return "jsonl" if suffix in (".jsonl", ".ndjson") else "tsv" if suffix in (".tsv", ".tab") else "csv"

    def begin(self, meta: dict[str, Any]) -> None:
        self.meta = meta

    def write(self, report: SegmentReport) -> None:
        b = band(report, self.config)
        if b == "accept" and not self.config.include_accept:
            return
        key = (-band_rank(b), -round(report.priority, 6), -round(report.mqm_penalty, 6), len(self._items))
        self._items.append((key, queue_record(report, b)))

    def end(self, summary: dict[str, Any] | None = None) -> None:
        items = [rec for _, rec in sorted(self._items, key=lambda kv: kv[0])]
        if self.fmt == "jsonl":
            for rank, rec in enumerate(items, start=1):
                self.out.write(json.dumps({"rank": rank, **rec}, ensure_ascii=False) + "\n")
            return
        w = csv.writer(self.out, delimiter="\t" if self.fmt == "tsv" else ",", lineterminator="\n")
        w.writerow(QUEUE_COLUMNS)
        for rank, rec in enumerate(items, start=1):
            row = {"rank": rank, **rec, "issues": " | ".join(rec["issues"])}
            w.writerow(["" if row[c] is None else row[c] for c in QUEUE_COLUMNS])


__all__ = ["BANDS", "BAND_LABELS", "DEFAULT_QUEUE", "QUEUE_COLUMNS", "QueueConfig", "QueueWriter", "band",
           "band_rank", "queue_record", "task_id"]
