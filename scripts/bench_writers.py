#!/usr/bin/env python3
"""Time the report writers on the same reports, against the JSONL writer measured in the same run.

    python scripts/bench_writers.py [DOC] [--copies 50]

Scores DOC once (default: the article), repeats its reports ``--copies`` times with fresh segment
ids, then writes them with every registered format (plus ``annotate_xliff`` on the XLIFF 1.2
output) and prints seconds, segments per second and the ratio to JSONL. Detection time is not
included: this measures the writers only.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtqa.io import read_document  # noqa: E402
from mtqa.pipeline import Summary, score_segments  # noqa: E402
from mtqa.report import WRITERS  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("document", nargs="?", default=str(ROOT / "corpora" / "luoshan-county.en.txt"))
    ap.add_argument("--copies", type=int, default=50)
    args = ap.parse_args()
    base = list(score_segments(read_document(args.document)))
    reports = [replace(r, segment=replace(r.segment, seg_id=f"{k}:{r.segment.seg_id}"))
               for k in range(args.copies) for r in base]
    summary = Summary()
    for r in reports:
        summary.add(r)
    meta = {"input": args.document, "tgt_lang": "en", "signature": "bench", "version": "bench",
            "segments": len(reports), "mode": "target-only"}
    rows = []
    outputs = {}
    for name in WRITERS.names():
        buf = io.StringIO()
        t0 = time.perf_counter()
        w = WRITERS.get(name)(buf, queue_config=None)
        w.begin(meta)
        for r in reports:
            w.write(r)
        w.end(summary.to_dict())
        rows.append((name, time.perf_counter() - t0, len(buf.getvalue().encode("utf-8"))))
        outputs[name] = buf.getvalue()
    from mtqa.report.xliff import annotate_xliff
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.xlf"
        # the XLIFF 1.2 output without its annotations stands in for a CAT tool's file
        empty = io.StringIO()
        w = WRITERS.get("xliff")(empty)
        w.begin(meta)
        for r in reports:
            w.write(replace(r, issues=(), mqm_penalty=0.0, priority=0.0))
        w.end({})
        plain.write_text(empty.getvalue(), encoding="utf-8")
        from mtqa.report.xliff_its import unit_id_for
        used: set[str] = set()
        keyed = {unit_id_for(r.segment.seg_id, used): r for r in reports}
        t0 = time.perf_counter()
        data, stats = annotate_xliff(plain, keyed)
        rows.append(("annotate_xliff", time.perf_counter() - t0, len(data)))
    ref = next(t for n, t, _ in rows if n == "jsonl")
    print(f"{len(reports)} segments ({args.copies} x {len(base)}), "
          f"{sum(len(r.issues) for r in reports)} issues; writers only")
    print(f"{'format':<15}{'seconds':>9}{'seg/s':>10}{'x jsonl':>9}{'MB':>8}")
    for name, t, size in rows:
        print(f"{name:<15}{t:>9.3f}{len(reports) / t:>10.0f}{t / ref:>9.2f}{size / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
