"""Meta-evaluate mtqa benchmark statistics against human system scores.

    mtqa benchmark ../shared/data/wmt22-general --pair zh-en --format json -o bench.json
    python scripts/meta_eval.py bench.json human.tsv            # human.tsv: system<TAB>score
    python scripts/meta_eval.py bench.json mqm.tsv --human-lower-is-better

Prints, per statistic (BLEU, chrF, QE, issues/100, MQM penalty ...), the number of
systems scored by both, pairwise accuracy (Kocmi et al. 2021) and Kendall tau-b.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.benchmark.meta_eval import meta_evaluate, read_benchmark, read_human_scores  # noqa: E402
from mtqa.io import InputError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("benchmark", help="JSON written by `mtqa benchmark --format json`")
    ap.add_argument("human", help="human system scores: system<TAB>score per line")
    ap.add_argument("--human-lower-is-better", action="store_true", help="human scores are penalties (MQM)")
    args = ap.parse_args(argv)
    try:
        scores, higher = read_benchmark(args.benchmark)
        human = read_human_scores(args.human)
    except InputError as exc:
        print(f"meta_eval: {exc}", file=sys.stderr)
        return 1
    rows = meta_evaluate(scores, higher, human, not args.human_lower_is_better)
    missing = sorted(set(human) - set(next(iter(scores.values()), {})))
    width = max(len(r["statistic"]) for r in rows)
    print(f"{'statistic':<{width}}  systems  pairwise_acc  kendall_tau")
    for r in rows:
        acc = "-" if r["pairwise_accuracy"] is None else f"{r['pairwise_accuracy']:.3f}"
        tau = "-" if r["kendall_tau"] is None else f"{r['kendall_tau']:+.3f}"
        print(f"{r['statistic']:<{width}}  {r['systems']:>7}  {acc:>12}  {tau:>11}" + (f"  ({r['note']})"
                                                                                      if "note" in r else ""))
    if missing:
        print(f"human scores for systems not in the benchmark: {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
