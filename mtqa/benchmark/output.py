"""Benchmark output: terminal table, markdown, csv (one row per system and statistic), json."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from .run import BenchmarkResult

FORMATS = ("table", "markdown", "csv", "json")


def _cell_text(result: BenchmarkResult, key: str, system: str) -> str:
    st, c = result.stat(key), result.cells[key][system]
    d = st.digits
    mark = "" if c.significant is None else ("*" if c.significant else " ")
    return f"{c.score:.{d}f} ±{0.5 * (c.high - c.low):.{d}f} [{c.cluster}]{mark}"


def _header(result: BenchmarkResult) -> list[str]:
    refs = ", ".join(result.references) if result.references else "none"
    return [
        (f"mtqa benchmark: {result.corpus} ({result.pair}, {result.n_segments} segments, "
         f"{len(result.ranking)} systems, references: {refs})"),
        f"ranked by {result.stat(result.rank_by).name}; baseline {result.baseline}; {result.test_description}",
    ]


def _legend(result: BenchmarkResult) -> list[str]:
    return [
        ("score ±half-width of the 95% bootstrap interval; [n] = cluster: a new cluster starts at the first "
         "system significantly different from the best of the current one"),
        (f"* = significantly different from the baseline {result.baseline} (p < {result.alpha}); "
         "↑ higher is better, ↓ lower is better"),
    ]


def _rows(result: BenchmarkResult) -> tuple[list[str], list[list[str]]]:
    head = ["#", "system"] + [f"{s.name} {'↑' if s.higher_is_better else '↓'}" for s in result.stats]
    rows = []
    for i, sys_ in enumerate(result.ranking, start=1):
        name = sys_ + (" (baseline)" if sys_ == result.baseline else "")
        rows.append([str(i), name] + [_cell_text(result, s.key, sys_) for s in result.stats])
    return head, rows


def write_table(result: BenchmarkResult, out: TextIO) -> None:
    """Aligned plain-text table with header, legend, signatures and notes."""
    head, rows = _rows(result)
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    for line in _header(result):
        out.write(line + "\n")
    out.write("\n")
    for r in [head] + rows:
        cells = [r[0].rjust(widths[0]), r[1].ljust(widths[1])] + [c.ljust(w) for c, w in zip(r[2:], widths[2:])]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write("\n")
    for line in _legend(result):
        out.write(line + "\n")
    out.write("\nsignatures:\n")
    for s in result.stats:
        out.write(f"  {s.name}: {s.signature}\n")
    for note in result.notes:
        out.write(f"note: {note}\n")


def write_markdown(result: BenchmarkResult, out: TextIO) -> None:
    """GitHub markdown: header lines, one table, legend, signatures and notes."""
    head, rows = _rows(result)
    esc = lambda x: x.replace("|", "\\|")  # noqa: E731
    for line in _header(result):
        out.write(line + "\n\n")
    out.write("| " + " | ".join(map(esc, head)) + " |\n")
    out.write("|" + "|".join("---:" if i == 0 else "---" for i in range(len(head))) + "|\n")
    for r in rows:
        out.write("| " + " | ".join(map(esc, r)) + " |\n")
    out.write("\n")
    for line in _legend(result):
        out.write(line + "\n\n")
    out.write("Signatures:\n\n")
    for s in result.stats:
        out.write(f"- {s.name}: `{s.signature}`\n")
    if result.notes:
        out.write("\nNotes:\n\n" + "".join(f"- {n}\n" for n in result.notes))


CSV_COLUMNS = ["rank", "system", "statistic", "name", "higher_is_better", "score", "mean", "ci_low", "ci_high",
               "p_value", "significant", "stat_rank", "cluster", "baseline", "signature"]


def write_csv(result: BenchmarkResult, out: TextIO) -> None:
    """One row per (system, statistic), systems in ranking order."""
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for i, sys_ in enumerate(result.ranking, start=1):
        for s in result.stats:
            c = result.cells[s.key][sys_].to_dict(6)
            w.writerow({"rank": i, "system": sys_, "statistic": s.key, "name": s.name,
                        "higher_is_better": s.higher_is_better, "score": c["score"], "mean": c["mean"],
                        "ci_low": c["ci_low"], "ci_high": c["ci_high"],
                        "p_value": "" if c["p_value"] is None else c["p_value"],
                        "significant": "" if c["significant"] is None else c["significant"],
                        "stat_rank": c["rank"], "cluster": c["cluster"], "baseline": sys_ == result.baseline,
                        "signature": s.signature})


def write_json(result: BenchmarkResult, out: TextIO) -> None:
    """The whole result as one JSON document (:meth:`BenchmarkResult.to_dict`)."""
    json.dump(result.to_dict(), out, ensure_ascii=False, indent=1)
    out.write("\n")


WRITERS = {"table": write_table, "markdown": write_markdown, "csv": write_csv, "json": write_json}


def write(result: BenchmarkResult, fmt: str, out: TextIO) -> None:
    """Write ``result`` in ``fmt`` (one of FORMATS); ValueError for an unknown format."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    WRITERS[fmt](result, out)
