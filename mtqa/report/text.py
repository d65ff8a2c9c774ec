"""Terminal report for people: worst segments first, spans highlighted, counts by category."""
from __future__ import annotations

import re
import tempfile
from array import array
from typing import Any

import click

from ..queue import BAND_LABELS, DEFAULT_QUEUE, band
from ..types import SegmentReport, severity_rank
from .base import Writer

_COLOURS = {"critical": "red", "major": "red", "minor": "yellow", "neutral": "blue"}
#: Characters that would act on a terminal instead of showing: C0/C1 controls (ESC starts
#: colour, cursor and title sequences), DEL, bidirectional overrides and line separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with terminal-unsafe characters shown as ``‹U+001B›`` (tabs and newlines kept)."""
    return _UNSAFE.sub(lambda m: f"‹U+{ord(m.group(0)):04X}›", text)


class TextWriter(Writer):
    """Human-readable report, worst segments first.

    Sorting needs every segment before the first line is printed, so each listed
    segment is rendered as it comes into a temporary file (in memory up to 8 MB,
    then on disk) and only its sort key (24 bytes) stays in memory. Spans are
    coloured on a terminal and bracketed ``⟦like this⟧`` otherwise; control and
    bidi characters of the input are shown as ``‹U+001B›``, never sent to the
    terminal. Options: ``color`` (bool), ``show_ok`` (list segments without issues too;
    a segment that QE alone sends to post-editing is always listed), ``queue_config``.
    """

    name = "text"
    extension = ".txt"

    def begin(self, meta: dict[str, Any]) -> None:
        self.meta = meta
        self._spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+b")
        self._priority, self._penalty, self._line = array("d"), array("d"), array("q")
        self._start, self._size = array("q"), array("q")
        self._pos = 0
        self._queue = self.options.get("queue_config") or DEFAULT_QUEUE

    def write(self, report: SegmentReport) -> None:
        qe_band = "accept" if report.issues or report.qe is None else band(report, self._queue)
        if not (report.issues or self.options.get("show_ok") or qe_band != "accept"):
            return
        block = self._render(report, qe_band).encode("utf-8", "surrogatepass")
        self._priority.append(report.priority)
        self._penalty.append(report.mqm_penalty)
        self._line.append(report.segment.line or 0)
        self._start.append(self._pos)
        self._size.append(len(block))
        self._spool.write(block)
        self._pos += len(block)

    def _mark(self, text: str, report: SegmentReport, side: str = "target") -> str:
        color = self.options.get("color", False)
        spans = sorted({(i.span.start, i.span.end, i.severity) for i in report.issues
                        if i.span is not None and i.side == side})
        out, pos = [], 0
        for start, end, sev in spans:
            if start < pos:
                continue
            out.append(visible(text[pos:start]))
            frag = visible(text[start:end]) or "∅"
            out.append(click.style(frag, fg=_COLOURS[sev], bold=True, underline=True) if color
                       else f"⟦{frag}⟧")
            pos = end
        out.append(visible(text[pos:]))
        return "".join(out)

    def _render(self, r: SegmentReport, qe_band: str = "accept") -> str:
        """One segment's block; ``qe_band``: the band a low QE score alone gives a segment without issues."""
        color = self.options.get("color", False)
        out: list[str] = []
        w = out.append
        s = r.segment
        where = f"line {s.line}" if s.line else (f"source line {s.source_line}" if s.source_line else "")
        qe = f"  QE score {r.qe.score:.3f} (quality {r.qe.quality:.2f})" if r.qe else ""
        head = f"[{visible(s.seg_id)}] {where}  penalty {round(r.mqm_penalty, 2):g}  priority {r.priority:.2f}{qe}"
        w((click.style(head, bold=True) if color else head) + "\n")
        w("  " + self._mark(s.target, r).replace("\n", "\n  ") + "\n")
        if s.source and any(i.side == "source" for i in r.issues):
            w("  source: " + self._mark(s.source, r, "source").replace("\n", "\n  ") + "\n")
        for i in r.issues:
            sev = click.style(i.severity, fg=_COLOURS[i.severity]) if color else i.severity
            at = f"{i.span.start}-{i.span.end}" if i.span else "whole"
            if 0 < i.confidence < 1:
                at += f", confidence {i.confidence:g}"
            sug = f"  -> {i.suggestion!r}" if i.suggestion is not None and repr(i.suggestion) not in i.message else ""
            w(f"    {sev:<8} {i.category} [{i.detector} @{at}] {visible(i.message)}{sug}\n")
        if qe_band != "accept" and r.qe is not None:  # a low QE score alone sends it to post-editing
            w(f"    no detector issue; QE quality {r.qe.quality:.2f} ({r.qe.model}) puts it in {BAND_LABELS[qe_band]}\n")
        w("\n")
        return "".join(out)

    def end(self, summary: dict[str, Any]) -> None:
        w = self.out.write
        color = self.options.get("color", False)
        p, pen, line = self._priority, self._penalty, self._line
        order = sorted(range(len(p)), key=lambda k: (-p[k], -pen[k], line[k]))
        title = f"mtqa report: {visible(str(self.meta.get('input', '')))}"
        w(click.style(title, bold=True) + "\n" if color else title + "\n")
        if self.meta.get("note"):
            w(f"note: {self.meta['note']}\n")
        for key in ("encoding", "source_encoding"):
            if "(detected)" in str(self.meta.get(key, "")):
                w(f"{key.replace('_', ' ')}: {self.meta[key]}\n")
        w("\n")
        for k in order:
            self._spool.seek(self._start[k])
            w(self._spool.read(self._size[k]).decode("utf-8", "surrogatepass"))
        self._spool.close()
        w("Summary\n")
        w(f"  segments: {summary['segments']}, with errors: {summary['segments_with_errors']}, "
          f"issues: {summary['issues']}, MQM penalty: {round(summary['mqm_penalty'], 2):g} "
          f"({round(summary['mqm_penalty_per_segment'], 2):g} per segment)\n")
        if summary.get("qe_mean") is not None:
            w(f"  mean QE score: {summary['qe_mean']:.3f} (the model's scale, higher is better)\n")
        sev = ", ".join(f"{k} {v}" for k, v in sorted(summary["by_severity"].items(),
                                                       key=lambda kv: -severity_rank(kv[0])))
        w(f"  by severity: {sev or 'none'}\n")
        w("  by category:\n")
        for cat, n in summary["by_category"].items():
            w(f"    {n:>4}  {cat}\n")
        w(f"  signature: {self.meta.get('signature', '')}\n")
