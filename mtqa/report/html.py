"""Self-contained HTML report for reviewers (one file, no network assets, no external JS).

Segments are listed worst first (priority, then MQM penalty, then input order; a control switches
to document order); every flagged span is highlighted with a tooltip giving category, severity,
detector, message and suggestion; check boxes filter by band, category, severity and detector; a
summary shows counts as CSS bars. All text goes through Jinja2 autoescaping, and a
Content-Security-Policy allows only the page's own script (by SHA-256 hash) and no network
fetches, so a segment containing ``<script>`` is shown, never run.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from importlib import resources
from typing import Any

from ..queue import BAND_LABELS, BANDS, DEFAULT_QUEUE, QueueConfig, band, band_rank
from ..types import SEVERITIES, Issue, SegmentReport, severity_rank
from .base import Writer


def _pieces(text: str, issues: list[tuple[int, Issue]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary: ``[{"text", "issues": [index...], "point": bool}]``.

    Overlapping spans give pieces covered by several issues; an empty span gives a zero-width
    "point" piece (shown as a caret) at its offset.
    """
    n = len(text)
    spans = [(min(i.span.start, n), min(i.span.end, n), k) for k, i in issues if i.span is not None]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    points: dict[int, list[int]] = {}
    for s, e, k in spans:
        if s == e:
            points.setdefault(s, []).append(k)
    out: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        if a in points:
            out.append({"text": "", "issues": points[a], "point": True})
        if b is None or a == b:
            continue
        cover = [k for s, e, k in spans if s <= a and b <= e and s < e]
        out.append({"text": text[a:b], "issues": cover, "point": False})
    return out


def _worst(issues: list[Issue]) -> str:
    return max((i.severity for i in issues), key=severity_rank) if issues else "neutral"


class HtmlWriter(Writer):
    """HTML report (``--format html``). Buffers compact per-segment records to sort them on ``end``.

    Options: ``queue_config`` (:class:`mtqa.queue.QueueConfig`) for the band shown per segment.
    """

    name = "html"
    extension = ".html"

    def begin(self, meta: dict[str, Any]) -> None:
        self.meta = meta
        self.queue: QueueConfig = self.options.get("queue_config") or DEFAULT_QUEUE
        self.items: list[dict[str, Any]] = []
        self.bands: Counter = Counter()

    def write(self, report: SegmentReport) -> None:
        s = report.segment
        b = band(report, self.queue)
        self.bands[b] += 1
        issues = []
        for k, i in enumerate(report.issues):
            text = s.target if i.side == "target" else (s.source or "")
            issues.append({
                "k": k, "category": i.category, "severity": i.severity, "detector": i.detector, "side": i.side,
                "message": i.message, "suggestion": i.suggestion,
                "where": f"{i.span.start}–{i.span.end}" if i.span else "whole segment",
                "text": text[i.span.start:i.span.end] if i.span else None,
                "tip": _tip(i),
            })
        idx = list(enumerate(report.issues))

        def render(text: str | None, side: str) -> list[dict[str, Any]] | None:
            if text is None:
                return None
            on_side = [(k, i) for k, i in idx if i.side == side]
            pieces = _pieces(text, on_side)
            for p in pieces:
                covering = [report.issues[k] for k in p["issues"]]
                p["severity"] = _worst(covering)
                p["tip"] = "\n".join(_tip(i) for i in covering)
                p["ids"] = " ".join(str(k) for k in p["issues"])
            return pieces

        self.items.append({
            "order": len(self.items), "seg_id": s.seg_id, "line": s.line, "kind": s.kind, "band": b,
            "band_label": BAND_LABELS[b], "priority": report.priority, "penalty": report.mqm_penalty,
            "qe": None if report.qe is None else report.qe.quality, "issues": issues,
            "whole": {side: _worst([i for i in report.issues if i.span is None and i.side == side])
                      if any(i.span is None and i.side == side for i in report.issues) else None
                      for side in ("target", "source")},
            "worst": report.worst_severity,
            "target": render(s.target, "target"), "source": render(s.source, "source") if s.source else None,
        })

    def end(self, summary: dict[str, Any]) -> None:
        import jinja2

        pkg = resources.files("mtqa.report") / "templates"
        script = (pkg / "report.js").read_text(encoding="utf-8")
        style = (pkg / "report.css").read_text(encoding="utf-8")
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                 lstrip_blocks=True)
        template = env.from_string((pkg / "report.html.j2").read_text(encoding="utf-8"))
        items = sorted(self.items, key=lambda it: (-it["priority"], -it["penalty"], it["order"]))
        sha = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")

        def bars(counts: dict[str, int], order: list[str] | None = None) -> list[dict[str, Any]]:
            keys = order if order is not None else list(counts)
            top = max(counts.values(), default=0) or 1
            return [{"label": k, "n": counts.get(k, 0), "pct": round(100 * counts.get(k, 0) / top, 1)} for k in keys]

        categories = sorted({x["category"] for it in self.items for x in it["issues"]})
        detectors = sorted({x["detector"] for it in self.items for x in it["issues"]})
        severities = [s for s in reversed(SEVERITIES) if any(x["severity"] == s for it in self.items
                                                            for x in it["issues"])]
        page = template.render(
            meta=self.meta, summary=summary, items=items, script=script, style=style, script_hash=sha,
            bands=[{"key": b, "label": BAND_LABELS[b], "n": self.bands.get(b, 0)} for b in reversed(BANDS)],
            band_bars=bars({BAND_LABELS[b]: self.bands.get(b, 0) for b in reversed(BANDS)}),
            severity_bars=bars(summary.get("by_severity", {}), [s for s in reversed(SEVERITIES)]),
            category_bars=bars(summary.get("by_category", {})),
            detector_bars=bars(summary.get("by_detector", {})),
            categories=categories, detectors=detectors, severities=severities,
            band_rank=band_rank,
        )
        self.out.write(page)


def _tip(i: Issue) -> str:
    """Tooltip text of one issue: category · severity · detector, message, suggestion."""
    tip = f"{i.category} · {i.severity} · {i.detector}\n{i.message}"
    if i.suggestion is not None:
        tip += "\nsuggestion: " + ("delete" if i.suggestion == "" else i.suggestion)
    return tip


__all__ = ["HtmlWriter"]
