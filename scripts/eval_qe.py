#!/usr/bin/env python
"""Evaluate a QE model on MLQE-PE: Pearson/Spearman per pair beside the WMT20 anchors,
and how often synthetic bad translations score below their real translation.

    python scripts/eval_qe.py --data ../shared/data/mlqe-pe --limit 200 --neg 50   # dev
    python scripts/eval_qe.py --data ../shared/data/mlqe-pe --split test20         # final table

Runs the shipped model end to end from raw text (mtqa.qe.load_qe). Anchors (test20
Pearson): WMT20 baseline = OpenKiwi predictor-estimator, MonoTransQuest (Ranasinghe
et al. 2020). Select models on dev; report test20 once.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.qe import negatives  # noqa: E402
from mtqa.qe.mlqe import MONOTRANSQUEST, PAIRS, WMT20_BASELINE, read_da  # noqa: E402
from mtqa.types import Segment  # noqa: E402


def pearson(a, b) -> float:
    import numpy as np
    return float(np.corrcoef(a, b)[0, 1])


def spearman(a, b) -> float:
    import numpy as np

    def rank(x):
        x = np.asarray(x)
        _, inv, cnt = np.unique(x, return_inverse=True, return_counts=True)
        first = np.concatenate([[0], np.cumsum(cnt)[:-1]])
        return (first + (cnt - 1) / 2)[inv]
    return pearson(rank(a), rank(b))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="the mlqe-pe folder")
    ap.add_argument("--split", default="dev", choices=["dev", "test20"],
                    help="dev (default; for choosing models) or test20 (the final table, once)")
    ap.add_argument("--model", default="e5-small-qe", help="QE model spec (see mtqa.qe.load_qe)")
    ap.add_argument("--pairs", nargs="+", default=list(PAIRS), help="language pairs to score (default all 7)")
    ap.add_argument("--limit", type=int, default=None, help="first N segments per pair (default all)")
    ap.add_argument("--neg", type=int, default=200, help="segments per pair that get synthetic negatives")
    ap.add_argument("--seed", type=int, default=7, help="seeds which segments get negatives and their kinds")
    args = ap.parse_args(argv)

    import torch
    torch.set_num_threads(1)
    from mtqa.qe import load_qe
    t0 = time.time()
    model = load_qe(args.model)
    print(f"model {model.name} loaded in {time.time() - t0:.1f}s; {args.split}", flush=True)
    table, neg_tot = [], {}
    for pair in args.pairs:
        rows = read_da(args.data, pair, args.split)[: args.limit]
        segs = [Segment(str(i), r.target, source=r.source) for i, r in enumerate(rows)]
        rng = random.Random(args.seed)
        picks = rng.sample(range(len(rows)), min(args.neg, len(rows)))
        negs = []
        for k, i in enumerate(picks):
            other = rows[picks[(k + 1) % len(picks)]].target
            for kind in negatives.KINDS:
                t = negatives.make(kind, rows[i].source, rows[i].target, other, rng)
                if t is not None and t != rows[i].target:
                    negs.append((kind, i, Segment(f"{i}:{kind}", t, source=rows[i].source)))
        t1 = time.time()
        res = model.predict(segs + [n[2] for n in negs], batch_size=64)
        dt = time.time() - t1
        pred = [r.score for r in res[: len(segs)]]
        sign = 1 if model.higher_is_better else -1
        z = [r.z_mean for r in rows]
        r_p, r_s = sign * pearson(pred, z), sign * spearman(pred, z)
        counts = {}
        for (kind, i, _), r in zip(negs, res[len(segs):]):
            c = counts.setdefault(kind, [0, 0])
            c[0] += sign * r.score < sign * pred[i]
            c[1] += 1
            t = neg_tot.setdefault(kind, [0, 0])
            t[0] += sign * r.score < sign * pred[i]
            t[1] += 1
        table.append((pair, r_p, r_s, counts))
        rates = " ".join(f"{k}={a / b:.3f}" for k, (a, b) in counts.items())
        print(f"{pair}: pearson {r_p:.4f} spearman {r_s:.4f} on {len(segs)} segments ({len(negs)} negatives "
              f"besides; {(len(segs) + len(negs)) / dt:.1f} scored/s) negatives below real: {rates}", flush=True)

    test = args.split == "test20"  # the anchors are test20 figures: a verdict only on test20
    print(f"\n## MLQE-PE {args.split}, model {model.name}\n")
    if not test:
        print("(anchors are their published test20 Pearson, shown for scale; no verdict on dev)\n")
    print("| pair | Pearson | Spearman | WMT20 baseline (test20) | MonoTransQuest (test20) | beats baseline |")
    print("|---|---:|---:|---:|---:|---|")
    for pair, r_p, r_s, _ in table:
        verdict = ("yes" if r_p > WMT20_BASELINE[pair] else "NO") if test else "–"
        print(f"| {pair} | {r_p:.3f} | {r_s:.3f} | {WMT20_BASELINE[pair]:.3f} | {MONOTRANSQUEST[pair]:.3f} | "
              f"{verdict} |")
    import numpy as np
    print(f"| mean | {np.mean([t[1] for t in table]):.3f} | {np.mean([t[2] for t in table]):.3f} | "
          f"{np.mean([WMT20_BASELINE[t[0]] for t in table]):.3f} | "
          f"{np.mean([MONOTRANSQUEST[t[0]] for t in table]):.3f} | |")
    print("\n## Synthetic negatives scored below their real translation (all pairs)\n")
    print("| kind | below real | total | rate |")
    print("|---|---:|---:|---:|")
    for kind in negatives.KINDS:
        if kind in neg_tot:
            a, b = neg_tot[kind]
            print(f"| {kind} | {a} | {b} | {a / b:.3f} |")


if __name__ == "__main__":
    main()
