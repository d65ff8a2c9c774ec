#!/usr/bin/env python
"""Train one run of mtqa's default QE model (e5-small cross-encoder, layers K+1..12 fine-tuned) on MLQE-PE.

The shipped model is the weight average (scripts/soup_qe.py) of two runs (CPU, one thread;
~45 and ~90 minutes)::

    python scripts/train_qe.py --data ../shared/data/mlqe-pe --cache /tmp/qe-cache --out runs/top6
    python scripts/train_qe.py --data ../shared/data/mlqe-pe --cache /tmp/qe-cache \\
        --frozen-layers 0 --out runs/all12

Each (source, target) pair is read jointly, ``<s> query: source </s></s> target </s>``
(≤ 200 pieces). The frozen e5 layers 1..K (``--frozen-layers``, default 6) run once over every
example and their states are cached in ``--cache`` (float16); copies of layers K+1..12 and an
MLP (mtqa.qe.e5_qe.PairHead) are then fine-tuned with MSE on ``z_mean`` (AdamW, linear warm-up 100 steps then linear
decay, batch 16 in length buckets). Train rows: a seeded sample per pair (all 7000 of
en-zh, the hardest pair), plus synthetic negatives (mtqa.qe.negatives) for a share of
them: copy of the source, unrelated, partly untranslated → the pair's 1st-percentile
z; truncated → z − 1.5; numbers changed → z − 1.0. Dev (all 1000 rows per pair, 30 %
negatives, seed 7) is scored between epochs; test20 is never read here (see
scripts/eval_qe.py). The model of the last epoch is written to ``--out``, read back and
scored on dev as stored; its dev table and score ranges (1st–99th percentile of dev
predictions on real rows, pooled and per pair) go to its config.json.

``--init FOLDER`` trains a saved model further instead of starting from e5 (same frozen
layers; its MLP size is kept); the config records the folder and its own training::

    python scripts/train_qe.py --data ../shared/data/mlqe-pe --cache /tmp/qe-cache \\
        --frozen-layers 0 --init mtqa/qe/models/e5-small-qe --per-pair 1000 --data-seed 15 \\
        --lr-body 2e-5 --lr 2e-4 --int8 --out runs/further
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

from mtqa.qe import negatives
from mtqa.qe.mlqe import PAIRS, read_da

class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """The module docstring as written, and every option's default (where it has one)."""

    def _get_help_string(self, action):
        if action.default is None or action.required:
            return action.help
        return super()._get_help_string(action)


def examples(data, pair: str, split: str, n: int, neg_share: float, seed: int):
    """(source, target, label, kind) tuples: a seeded sample of ``n`` real rows, then negatives.

    ``kind`` is "real" or one of negatives.KINDS (one random kind per sampled row)."""
    import numpy as np
    rows = read_da(data, pair, split)
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    if n < len(rows):
        idx = sorted(rng.sample(idx, n))
    ex = [(rows[i].source, rows[i].target, rows[i].z_mean, "real") for i in idx]
    low = float(np.percentile([r.z_mean for r in rows], 1))
    picks = rng.sample(idx, int(len(idx) * neg_share))
    for a, b in zip(picks, picks[1:] + picks[:1]):
        r = rows[a]
        kind = negatives.KINDS[rng.randrange(len(negatives.KINDS))]
        t = negatives.make(kind, r.source, r.target, rows[b].target, rng)
        if t is None or t == r.target:
            continue
        y = low if kind in ("copy", "unrelated", "untranslated") else r.z_mean - (1.5 if kind == "truncated" else 1.0)
        ex.append((r.source, t, y, kind))
    return ex


class Frozen:
    """Tokenizer and the frozen bottom of e5; caches layer-K states of joint sequences."""

    def __init__(self, K: int, cache: Path) -> None:
        from mtqa.qe.e5 import build_bert, build_tokenizer, read_e5_file
        from mtqa.qe.e5_qe import MAX_PAIR_TOKENS
        f = read_e5_file()
        self.tok = build_tokenizer(f)
        self.tok.enable_truncation(max_length=MAX_PAIR_TOKENS)
        self.bert = build_bert(f)
        self.pad, self.eos, self.K, self.cache = f.special["pad"], f.special["eos"], K, cache
        cache.mkdir(parents=True, exist_ok=True)

    def states(self, ex, key: str):
        """Per example: (states float16 (T, 384), side int64 (T,)); cached as ``<key>.K<K>.npz``.

        Computed as at inference (mtqa.qe.e5_qe.encode_pairs, embeddings, then the first K layers)."""
        import numpy as np
        import torch

        from mtqa.qe.e5_qe import encode_pairs, run_layers
        path = self.cache / f"{key}.K{self.K}.npz"
        if path.exists():
            d = np.load(path)
            offs, st = d["offs"], d["st"]
            H = [st[offs[i]:offs[i + 1]] for i in range(len(ex))]
            _, side, mask = encode_pairs(self.tok, [e[0] for e in ex], [e[1] for e in ex], self.pad, self.eos)
            return H, [side[i, :len(H[i])].numpy() for i in range(len(ex))]
        H, S = [None] * len(ex), [None] * len(ex)
        order = sorted(range(len(ex)), key=lambda i: len(ex[i][0]) + len(ex[i][1]))
        layers = self.bert.encoder.layer[:self.K]
        t0 = time.time()
        with torch.inference_mode():
            for b in range(0, len(order), 64):
                ii = order[b:b + 64]
                ids, side, mask = encode_pairs(self.tok, [ex[i][0] for i in ii], [ex[i][1] for i in ii],
                                               self.pad, self.eos)
                h = run_layers(layers, self.bert.embeddings(input_ids=ids), mask)
                for r, i in enumerate(ii):
                    n = int(mask[r].sum())
                    H[i], S[i] = h[r, :n].numpy().astype(np.float16), side[r, :n].numpy()
        offs = np.concatenate([[0], np.cumsum([len(o) for o in H])])
        np.savez(path, st=np.concatenate(H), offs=offs)
        print(f"encoded {key}: {len(ex)} in {time.time() - t0:.0f}s", flush=True)
        return H, S


def batch(H, S, idx):
    """Pad examples ``idx`` into (h (B, T, 384), side (B, T), mask (B, T))."""
    import numpy as np
    import torch
    T = max(len(H[i]) for i in idx)
    h = torch.zeros(len(idx), T, 384)
    s = torch.zeros(len(idx), T, dtype=torch.long)
    m = torch.zeros(len(idx), T, dtype=torch.bool)
    for r, i in enumerate(idx):
        h[r, :len(H[i])] = torch.from_numpy(H[i].astype(np.float32))
        s[r, :len(H[i])] = torch.from_numpy(S[i])
        m[r, :len(H[i])] = True
    return h, s, m


def evaluate(model, dev):
    """Dev Pearson per pair and negatives scored below their real row; returns (table, {pair: real predictions})."""
    import numpy as np
    import torch
    model.eval()
    table, preds = {}, {}
    with torch.inference_mode():
        for pair, (ex, h, s) in dev.items():
            o = sorted(range(len(ex)), key=lambda i: len(h[i]))
            p = np.zeros(len(ex), dtype=np.float32)
            for b in range(0, len(o), 64):
                ii = o[b:b + 64]
                p[ii] = model(*batch(h, s, ii)).numpy()
            real = np.array([e[3] == "real" for e in ex])
            r = float(np.corrcoef(p[real], np.array([e[2] for e in ex])[real])[0, 1])
            real_p = {e[0]: p[i] for i, e in enumerate(ex) if e[3] == "real"}
            below: dict[str, list[int]] = {}
            for i, e in enumerate(ex):
                if e[3] != "real" and e[0] in real_p:
                    c = below.setdefault(e[3], [0, 0])
                    c[0] += int(p[i] < real_p[e[0]])
                    c[1] += 1
            table[pair] = {"pearson": round(r, 4), "negatives_below_real": below}
            preds[pair] = p[real]
            print(f"  dev {pair}: r={r:.4f} {below}", flush=True)
    model.train()
    return table, preds


def dev_sets(frozen: Frozen, data, pairs) -> dict:
    """Per pair: (examples, states, sides) of dev, all 1000 rows with negatives for 30 % (seed 7)."""
    dev = {}
    for pair in pairs:
        ex = examples(data, pair, "dev", 1000, 0.3, 7)
        dev[pair] = (ex, *frozen.states(ex, f"{pair}.dev.neg0.3.s7"))
    return dev


def save_scored(model, cfg: dict, out: Path, int8: bool, frozen: Frozen, dev: dict) -> dict:
    """Write the model folder (``int8``: layer matrices int8 per row), then :func:`score_folder`
    it. Returns the dev table."""
    from mtqa.qe.e5_qe import save_head
    save_head(model, cfg, out, int8=int8)
    return score_folder(out, frozen, dev)


def score_folder(out: Path, frozen: Frozen, dev: dict) -> dict:
    """Read the model folder ``out`` back, score dev with its weights as stored, and write the
    dev table and score ranges (1st–99th percentile of dev predictions on real rows: all pairs
    pooled, ``score_range``, and per pair, ``score_range_by_pair``) into its config.json;
    the weights are not touched. Returns the dev table."""
    import json

    import numpy as np

    from mtqa.qe.e5_qe import load_head
    stored, cfg = load_head(out, frozen.bert)
    table, real_pred = evaluate(stored, dev)
    print(f"dev mean r {np.mean([t['pearson'] for t in table.values()]):.4f}")

    def pct(x):
        return [round(float(np.percentile(x, q)), 4) for q in (1, 99)]
    cfg = cfg | {"score_range": pct(np.concatenate(list(real_pred.values()))),
                 "score_range_by_pair": {pair: pct(x) for pair, x in real_pred.items()}, "dev": table}
    (out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")
    print("saved", out)
    return table


def train(args) -> None:
    """Fine-tune layers K+1..12 and the MLP on all pairs; write the model folder to ``args.out``."""
    assert set(args.pairs) <= set(PAIRS), args.pairs

    import torch

    from mtqa.qe.e5_qe import pair_head_from_e5
    torch.set_num_threads(1)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    frozen = Frozen(args.frozen_layers, Path(args.cache))
    H, S, Y = [], [], []
    for pair in args.pairs:
        n = args.en_zh if pair == "en-zh" else args.per_pair
        ex = examples(args.data, pair, "train", n, args.neg_share, args.data_seed)
        h, s = frozen.states(ex, f"{pair}.train.n{n}.neg{args.neg_share}.s{args.data_seed}")
        H += h
        S += s
        Y += [e[2] for e in ex]
    dev = dev_sets(frozen, args.data, args.pairs)
    if args.init:
        model, init_cfg = initial_head(Path(args.init), frozen.bert, args.frozen_layers)
        args.hidden = init_cfg["hidden"]
    else:
        model = pair_head_from_e5(frozen.bert, args.frozen_layers, hidden=args.hidden, dropout=0.1)
    step = fit(model, H, S, Y, dev, args)
    cfg = {"arch": "pair", "frozen_layers": args.frozen_layers, "hidden": args.hidden,
           "train": {"data": "MLQE-PE train", "per_pair": args.per_pair, "en-zh": args.en_zh,
                     "neg_share": args.neg_share, "epochs": args.epochs, "batch_size": args.batch_size,
                     "lr_body": args.lr_body, "lr": args.lr, "seed": args.seed,
                     "data_seed": args.data_seed, "steps": step,
                     "int8_layers": args.int8}}
    if args.init:
        cfg["train"]["init"] = {"folder": args.init, "train": init_cfg["train"]}
    save_scored(model, cfg, Path(args.out), args.int8, frozen, dev)


def initial_head(folder: Path, bert, frozen_layers: int):
    """A saved model (``folder``, as :func:`mtqa.qe.e5_qe.load_head` reads it) to train further
    ("continued fine-tuning"), with dropout 0.1 as a fresh head; returns (head, its config).

    Raises ValueError when its frozen layers differ from ``frozen_layers`` (the cached states
    would not be the inputs its first layer was trained on)."""
    from mtqa.qe.e5_qe import load_head
    model, cfg = load_head(folder, bert)
    if cfg["frozen_layers"] != frozen_layers:
        raise ValueError(f"{folder}: trained above {cfg['frozen_layers']} frozen layers, "
                         f"not --frozen-layers {frozen_layers}")
    model.net[2].p = 0.1
    return model.train(), cfg


def fit(model, H, S, Y, dev, args):
    """Train ``model`` (a PairHead) on states H/sides S/labels Y; dev between epochs.

    Returns the number of steps (the final dev table is :func:`save_scored`'s)."""
    import torch
    from torch import nn
    Yt = torch.tensor(Y, dtype=torch.float32)
    body = [p for n, p in model.named_parameters() if n.startswith("layers.")]
    rest = [p for n, p in model.named_parameters() if not n.startswith("layers.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr_body}, {"params": rest, "lr": args.lr}],
                            weight_decay=0.01)
    n = len(Yt)
    t0 = time.time()
    model.train()
    gen = torch.Generator().manual_seed(args.data_seed)
    step = 0
    for ep in range(args.epochs):
        perm = torch.randperm(n, generator=gen).tolist()
        batches = []
        for c in (perm[i:i + args.batch_size * 50] for i in range(0, n, args.batch_size * 50)):
            c = sorted(c, key=lambda i: len(H[i]))
            batches += [c[i:i + args.batch_size] for i in range(0, len(c), args.batch_size)]
        random.Random(args.data_seed + ep).shuffle(batches)
        total = args.epochs * len(batches)
        tot = 0.0
        for idx in batches:
            step += 1
            sched = min(step / 100, max(0.05, 1.0 - (step - 100) / max(1, total - 100)))
            for g, base in zip(opt.param_groups, (args.lr_body, args.lr)):
                g["lr"] = base * sched
            loss = nn.functional.mse_loss(model(*batch(H, S, idx)), Yt[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            tot += float(loss.detach())
            if step % 100 == 0:
                el = time.time() - t0
                print(f"ep {ep} step {step}/{total} loss {tot / 100:.4f} {el:.0f}s "
                      f"{step * args.batch_size / el:.1f} ex/s", flush=True)
                tot = 0.0
        print(f"epoch {ep} done {time.time() - t0:.0f}s", flush=True)
        if ep + 1 < args.epochs:
            evaluate(model, dev)
    return step


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=HelpFormatter)
    ap.add_argument("--data", required=True, help="the mlqe-pe folder")
    ap.add_argument("--cache", required=True, help="folder for cached frozen states (GBs)")
    ap.add_argument("--pairs", nargs="+", default=["en-zh", "en-de", "et-en", "ne-en", "ro-en", "ru-en", "si-en"],
                    help="language pairs to train and score on dev")
    ap.add_argument("--frozen-layers", type=int, default=6,
                    help="e5 layers 1..K kept frozen and cached; 0 fine-tunes all 12")
    ap.add_argument("--per-pair", type=int, default=3000, help="train rows sampled per pair")
    ap.add_argument("--en-zh", type=int, default=7000, help="train rows of en-zh (the hardest pair)")
    ap.add_argument("--neg-share", type=float, default=0.15, help="share of train rows given a synthetic negative")
    ap.add_argument("--epochs", type=int, default=2, help="passes over the train rows")
    ap.add_argument("--batch-size", type=int, default=16, help="examples per step")
    ap.add_argument("--lr-body", type=float, default=4e-5, help="peak learning rate of the e5 layers")
    ap.add_argument("--lr", type=float, default=5e-4, help="peak learning rate of the MLP")
    ap.add_argument("--hidden", type=int, default=256, help="hidden units of the MLP")
    ap.add_argument("--seed", type=int, default=13, help="seeds the MLP's initial weights and dropout")
    ap.add_argument("--data-seed", type=int, default=None,
                    help="seeds the train rows, their negatives and the batch order (default: --seed); "
                         "soup ingredients share --seed and may differ here")
    ap.add_argument("--int8", action=argparse.BooleanOptionalAction, default=False,
                    help="store the fine-tuned layers' matrices as int8 per row (dev is scored so)")
    ap.add_argument("--init", help="a model folder to train further instead of e5's layers and a new MLP "
                                   "(its frozen layers must equal --frozen-layers; --hidden is taken from it)")
    ap.add_argument("--out", required=True,
                    help="model folder to write (the shipped one is mtqa/qe/models/e5-small-qe: overwriting it is deliberate)")
    args = ap.parse_args(argv)
    if args.data_seed is None:
        args.data_seed = args.seed
    train(args)


if __name__ == "__main__":
    main()
