"""Terminal report for people: worst segments first, spans highlighted, counts by category."""
from __future__ import annotations

from typing import Any

import click

from ..types import SegmentReport, severity_rank
from .base import Writer

_COLOURS = {"critical": "red", "major": "red", "minor": "yellow", "neutral": "blue"}


class TextWriter(Writer):
    """Human-readable report. Buffers segments to sort them by priority (worst first).

    Spans are coloured on a terminal and bracketed ``⟦like this⟧`` otherwise.
    Options: ``color`` (bool), ``show_ok`` (list segments without issues too).
    """

    name = "text"
    extension = ".txt"

    def begin(self, meta: dict[str, Any]) -> None:
        self.meta = meta
        self.reports: list[SegmentReport] = []

    def write(self, report: SegmentReport) -> None:
        if report.issues or self.options.get("show_ok"):
            self.reports.append(report)

    def _mark(self, text: str, report: SegmentReport, side: str = "target") -> str:
        color = self.options.get("color", False)
        spans = sorted({(i.span.start, i.span.end, i.severity) for i in report.issues
                        if i.span is not None and i.side == side})
        out, pos = [], 0
        for start, end, sev in spans:
            if start < pos:
                continue
            out.append(text[pos:start])
            frag = text[start:end] or "∅"
            out.append(click.style(frag, fg=_COLOURS[sev], bold=True, underline=True) if color
                       else f"⟦{frag}⟧")
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def end(self, summary: dict[str, Any]) -> None:
        w = self.out.write
        color = self.options.get("color", False)
        order = sorted(self.reports, key=lambda r: (-r.priority, -r.mqm_penalty, r.segment.line or 0))
        title = f"mtqa report: {self.meta.get('input', '')}"
        w(click.style(title, bold=True) + "\n" if color else title + "\n")
        if self.meta.get("note"):
            w(f"note: {self.meta['note']}\n")
        w("\n")
        for r in order:
            s = r.segment
            where = f"line {s.line}" if s.line else (f"source line {s.source_line}" if s.source_line else "")
            qe = f"  QE {r.qe.score:.3f}" if r.qe else ""
            head = f"[{s.seg_id}] {where}  penalty {r.mqm_penalty:g}  priority {r.priority:.2f}{qe}"
            w((click.style(head, bold=True) if color else head) + "\n")
            w("  " + self._mark(s.target, r).replace("\n", "\n  ") + "\n")
            if s.source and any(i.side == "source" for i in r.issues):
                w("  source: " + self._mark(s.source, r, "source").replace("\n", "\n  ") + "\n")
            for i in r.issues:
                sev = click.style(i.severity, fg=_COLOURS[i.severity]) if color else i.severity
                at = f"{i.span.start}-{i.span.end}" if i.span else "whole"
                sug = f"  -> {i.suggestion!r}" if i.suggestion is not None and repr(i.suggestion) not in i.message else ""
                w(f"    {sev:<8} {i.category} [{i.detector} @{at}] {i.message}{sug}\n")
            w("\n")
        w("Summary\n")
        w(f"  segments: {summary['segments']}, with errors: {summary['segments_with_errors']}, "
          f"issues: {summary['issues']}, MQM penalty: {summary['mqm_penalty']:g} "
          f"({summary['mqm_penalty_per_segment']:g} per segment)\n")
        if summary.get("qe_mean") is not None:
            w(f"  mean QE: {summary['qe_mean']}\n")
        sev = ", ".join(f"{k} {v}" for k, v in sorted(summary["by_severity"].items(),
                                                       key=lambda kv: -severity_rank(kv[0])))
        w(f"  by severity: {sev or 'none'}\n")
        w("  by category:\n")
        for cat, n in summary["by_category"].items():
            w(f"    {n:>4}  {cat}\n")
        w(f"  signature: {self.meta.get('signature', '')}\n")
