"""Time and peak memory of mtqa on very large inputs: a million short lines, a 10 MB line, hostile shapes.

Each scenario runs in its own process (``--one NAME``) and reports its wall time and peak
resident memory (``ru_maxrss``); the table compares each with a peer measured in the same
run, so that the ratios show how cost grows:

* ``score-lines-1M`` vs ``score-lines-10k``: time should grow x100 (linear), memory stay flat
  (streaming: reader, pipeline and JSONL writer hold one segment at a time);
* ``*-line-10MB`` vs ``*-lines-10MB`` (the same text with a line break after each sentence):
  one huge line must cost about what the same text in lines costs;
* ``shape-*-10MB`` vs ``shape-*-1MB``: time x10 means linear (these shapes were quadratic);
* ``text-report-100k`` vs ``score-lines-100k``: the text report must sort without holding reports.

Inputs are generated (invented sentences, no corpus text) under a temporary directory::

    python scripts/bench_large_inputs.py                 # everything (about 30 minutes on one core)
    python scripts/bench_large_inputs.py --quick         # 100k lines and 1 MB lines (a few minutes)
    python scripts/bench_large_inputs.py --only score-line-10MB
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("the county government announced new measures on monday to support farmers and workers in poor "
         "villages while schools clinics and roads were built with funds from the province").split()
PROSE = ("The county opened 12 new schools (and 3 clinics) in 2020, e.g. in Luoshan. Mr. Wang said the plan "
         "\"works well\" for 6,690 families. Visit www.example.com or write to info@example.org for details. ")
SHAPES = {
    "parens": lambda n: "(" * (n // 2) + "]" * (n - n // 2),
    "abbreviations": lambda n: ("Mr. no. etc. " * (n // 13 + 1))[:n],
    "dotted": lambda n: ("a." * (n // 2 + 1))[:n],
    "commas": lambda n: (",, " * (n // 3 + 1))[:n],
    "closers": lambda n: ("x) " * (n // 3 + 1))[:n],
    "letters": lambda n: "a" * n,
}


def short_lines(path: Path, n: int) -> None:
    rnd = random.Random(0)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 12))).capitalize() + f" {i}.\n")


def prose(n: int) -> str:
    return (PROSE * (n // len(PROSE) + 1))[:n]


def make_input(name: str, work: Path) -> tuple[Path, list[str]]:
    """The input file for a scenario and extra CLI arguments."""
    kind, _, size = name.rpartition("-")
    count = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000, "1MB": 1 << 20, "10MB": 10 << 20}[size]
    p = work / f"{name}.txt"
    if kind in ("read-lines", "score-lines", "text-report"):
        short_lines(p, count)
    elif kind == "score-pairs":  # line-aligned bilingual: the checks that need a source run too
        src = work / f"{name}.src.txt"
        with open(src, "w", encoding="utf-8") as fh:
            for i in range(count):
                fh.write(f"第{i}号村的道路和学校已经建成，共投资{i % 97 + 3}万元。\n")
        short_lines(p, count)
        return p, ["--format", "jsonl", "--source", str(src), "--aligned", "--src-lang", "zh"]
    elif kind in ("read-line", "score-line"):
        p.write_text(prose(count) + "\n", encoding="utf-8")
    elif kind in ("read-lines-of", "score-lines-of"):
        p.write_text(prose(count).replace(". ", ".\n") + "\n", encoding="utf-8")
    elif kind.startswith("shape-"):
        p.write_text(SHAPES[kind[6:]](count) + "\n", encoding="utf-8")
    else:
        raise SystemExit(f"unknown scenario {name}")
    return p, (["--format", "text"] if kind == "text-report" else ["--format", "jsonl"])


def run_one(name: str, work: Path) -> dict:
    """In this process: read (or score) the input, report seconds and peak RSS."""
    path, args = make_input(name, work)
    size = path.stat().st_size
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    if name.startswith("read-"):
        from mtqa.io import open_input
        doc = open_input(path)
        n = sum(1 for _ in doc)
    else:
        from click.testing import CliRunner

        from mtqa.cli import main
        out = work / f"{name}.report"
        res = CliRunner().invoke(main, ["score", str(path), "-o", str(out), *args])
        if res.exit_code != 0:
            raise SystemExit(f"{name}: exit {res.exit_code}: {res.output[-500:]}")
        if args[1] == "jsonl":
            with open(out, encoding="utf-8") as fh:
                n = json.loads(fh.readline())["segments"]
        else:
            n = None
        out.unlink()
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for f in work.glob(f"{name}*"):
        f.unlink()
    return {"scenario": name, "bytes": size, "segments": n, "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak / 1024, 1), "rss_before_mb": round(base / 1024, 1)}


PAIRS = [  # (scenario, peer): the ratio shows how cost grows
    ("score-lines-1M", "score-lines-10k"),
    ("score-pairs-100k", "score-pairs-1k"),
    ("read-lines-1M", "read-lines-10k"),
    ("text-report-100k", "score-lines-100k"),
    ("score-line-10MB", "score-lines-of-10MB"),
    ("read-line-10MB", "read-lines-of-10MB"),
    *[(f"shape-{s}-10MB", f"shape-{s}-1MB") for s in SHAPES],
]
QUICK = [
    ("score-lines-100k", "score-lines-10k"),
    ("read-lines-100k", "read-lines-10k"),
    ("score-line-1MB", "score-lines-of-1MB"),
    *[(f"shape-{s}-1MB", f"shape-{s}-1MB") for s in ("parens", "commas")],
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--only", nargs="*", help="run only these scenarios (and no peers)")
    ap.add_argument("--quick", action="store_true", help="smaller inputs: a few minutes")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per scenario")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mtqa-bench-"))
    if args.one:
        print(json.dumps(run_one(args.one, work)))
        work.rmdir()
        return
    pairs = [(s, None) for s in args.only] if args.only else (QUICK if args.quick else PAIRS)
    results: dict[str, dict] = {}
    env = dict(os.environ, OMP_NUM_THREADS="1")
    for pair in pairs:
        for name in pair:
            if name is None or name in results:
                continue
            try:
                proc = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True,
                                      env=env, timeout=args.timeout, cwd=ROOT)
                results[name] = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else \
                    {"scenario": name, "error": proc.stderr.strip()[-300:]}
            except subprocess.TimeoutExpired:
                results[name] = {"scenario": name, "error": f"over {args.timeout:.0f} s"}
            r = results[name]
            print(f"{name:<24} " + (f"{r['bytes'] / 1e6:8.1f} MB {str(r['segments']):>9} segs "
                                     f"{r['seconds']:9.2f} s  peak RSS {r['peak_rss_mb']:8.1f} MB"
                                     if "error" not in r else f"ERROR {r['error']}"), flush=True)
    print("\nratios (scenario / peer): time, peak RSS")
    for a, b in pairs:
        if b is None or a == b or "error" in results.get(a, {"error": 1}) or "error" in results.get(b, {"error": 1}):
            continue
        ra, rb = results[a], results[b]
        print(f"  {a:<22} / {b:<22} time x{ra['seconds'] / max(rb['seconds'], 1e-3):6.1f}   "
              f"peak RSS x{ra['peak_rss_mb'] / rb['peak_rss_mb']:5.2f}   (input x{ra['bytes'] / rb['bytes']:.0f})")
    print(json.dumps(list(results.values())))
    for f in work.iterdir():
        f.unlink()
    work.rmdir()


if __name__ == "__main__":
    main()
