#!/usr/bin/env python
"""Average the weights of e5-small-qe runs into one model ("model soup", Wortsman et al. 2022).

The shipped model is the equal-weight soup of two runs of scripts/train_qe.py from the same
e5 weights, seed and data order (CPU, one thread; ~45 and ~90 minutes)::

    python scripts/train_qe.py --data ../shared/data/mlqe-pe --cache /tmp/qe-cache --out runs/top6
    python scripts/train_qe.py --data ../shared/data/mlqe-pe --cache /tmp/qe-cache \\
        --frozen-layers 0 --out runs/all12
    python scripts/soup_qe.py runs/all12 runs/top6 --data ../shared/data/mlqe-pe \\
        --cache /tmp/qe-cache --out mtqa/qe/models/e5-small-qe

The soup reads all 12 layers (a run that froze layers 1..K counts e5's own for them), is
stored with int8 layer matrices (mtqa.qe.e5_qe.quantise_rows; 12 float16 layers would not fit
the package's 30 MB), and is scored on dev (all 1000 rows per pair, 30 % negatives, seed 7)
exactly as stored; the dev table and score ranges (pooled and per pair) go to its
config.json. Test20 is never read.

``--rescore FOLDER`` averages nothing: it scores an existing model folder on dev as stored
and rewrites only its config's dev table and score ranges (how the shipped model's
``score_range_by_pair`` was added)::

    python scripts/soup_qe.py --rescore mtqa/qe/models/e5-small-qe --data ../shared/data/mlqe-pe \\
        --cache /tmp/qe-cache
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="*", help="model folders written by train_qe.py")
    ap.add_argument("--rescore", help="a model folder to score on dev as stored (nothing is averaged)")
    ap.add_argument("--weights", nargs="+", type=float, help="one per run (default: equal)")
    ap.add_argument("--data", required=True, help="the mlqe-pe folder (dev split)")
    ap.add_argument("--cache", required=True, help="folder for cached dev states (as train_qe.py)")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    if bool(args.rescore) == bool(args.runs) or bool(args.runs) != bool(args.out):
        ap.error("give RUNS and --out to average, or --rescore FOLDER alone")

    import torch

    import train_qe
    from mtqa.qe.e5_qe import average_heads, load_head
    torch.set_num_threads(1)
    frozen = train_qe.Frozen(0, Path(args.cache))
    dev = train_qe.dev_sets(frozen, args.data, train_qe.PAIRS)
    if args.rescore:
        train_qe.score_folder(Path(args.rescore), frozen, dev)
        return
    weights = args.weights or [1 / len(args.runs)] * len(args.runs)
    heads, cfgs = zip(*(load_head(Path(r), frozen.bert) for r in args.runs))
    soup = average_heads(heads, frozen.bert, weights)
    cfg = {"arch": "pair", "frozen_layers": 0, "hidden": soup.net[0].out_features,
           "train": {"recipe": "model soup (Wortsman et al. 2022) of scripts/train_qe.py runs",
                     "weights": weights, "runs": [c["train"] | {"frozen_layers": c["frozen_layers"]} for c in cfgs],
                     "storage": "e5 layer matrices int8 per row, other tensors float16"}}
    train_qe.save_scored(soup, cfg, Path(args.out), True, frozen, dev)


if __name__ == "__main__":
    main()
