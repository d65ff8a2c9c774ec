#!/usr/bin/env python
"""Train mtqa's default QE model (frozen e5-small features + MLP head) on MLQE-PE.

    python scripts/train_qe.py encode --data ../shared/data/mlqe-pe --cache /work/qe-cache
    python scripts/train_qe.py train  --data ../shared/data/mlqe-pe --cache /work/qe-cache

``encode`` runs the frozen encoder once over a seeded sample of train, all of dev
and test20, and synthetic negatives (mtqa.qe.negatives), storing token states in
``--cache``; ``train`` builds features, fits the head (model selection on dev only)
and writes it to mtqa/qe/models/e5-small-qe/. Seeded: same data, same output.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.qe import negatives  # noqa: E402
from mtqa.qe.mlqe import PAIRS, read_da  # noqa: E402

NEG_ENCODED = ("untranslated", "truncated", "numbers")  # kinds whose text must be encoded


def build_items(rows, n_sample: int | None, n_neg: int, seed: int):
    """Texts to encode and the examples built from them.

    Returns (texts, examples); an example is a dict with src/tgt text indices, the real
    row index ``row``, ``kind`` ("real" or a negatives.KINDS entry) and ``z`` for real rows.
    """
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    if n_sample is not None and n_sample < len(rows):
        idx = sorted(rng.sample(idx, n_sample))
    texts: list[str] = []
    pos: dict[str, int] = {}

    def tid(t: str) -> int:
        if t not in pos:
            pos[t] = len(texts)
            texts.append(t)
        return pos[t]

    ex = []
    for i in idx:
        r = rows[i]
        ex.append(dict(kind="real", row=i, src=tid(r.source), tgt=tid(r.target), z=r.z_mean))
    neg_rows = rng.sample(idx, min(n_neg, len(idx)))
    perm = neg_rows[1:] + neg_rows[:1]
    for i, j in zip(neg_rows, perm):
        r = rows[i]
        for kind in negatives.KINDS:
            t = negatives.make(kind, r.source, r.target, rows[j].target, rng)
            if t is None or t == r.target:
                continue
            ex.append(dict(kind=kind, row=i, src=tid(r.source), tgt=tid(t), z=None))
    return texts, ex


def cmd_encode(args) -> None:
    import numpy as np
    import torch
    torch.set_num_threads(1)
    from mtqa.qe.e5 import E5Encoder
    enc = E5Encoder(layers=tuple(args.layers))
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    plan = [("dev", None, args.neg_eval), ("train", args.train_sample, args.neg_train), ("test20", None, args.neg_eval)]
    for split, n_sample, n_neg in plan:
        for pi, pair in enumerate(PAIRS):
            out = cache / f"{pair}.{split}.npz"
            if out.exists():
                continue
            t0 = time.time()
            rows = read_da(args.data, pair, split)
            texts, ex = build_items(rows, n_sample, n_neg, seed=args.seed * 1000 + pi)
            res = enc.encode(texts, batch_size=32)
            lens = np.array([len(i) for i, _ in res], dtype=np.int64)
            offs = np.concatenate([[0], np.cumsum(lens)])
            ids = np.concatenate([i for i, _ in res]).astype(np.int32)
            states = np.concatenate([s.transpose(1, 0, 2) for _, s in res]).astype(np.float16)  # (Ntok, L, H)
            tmp = cache / f"{pair}.{split}.tmp.npz"
            np.savez(tmp, ids=ids, offs=offs, states=states, layers=np.array(args.layers),
                     texts=np.array(json.dumps(texts)), examples=np.array(json.dumps(ex)))
            tmp.rename(out)
            print(f"{pair} {split}: {len(texts)} texts, {len(ex)} examples, {time.time() - t0:.0f}s", flush=True)


def load_features(cache: Path, pair: str, split: str):
    """Features of every example of a cached (pair, split), computed once and stored beside it."""
    import numpy as np
    from mtqa.qe.features import pair_features
    fpath = cache / f"{pair}.{split}.feat.npz"
    src = cache / f"{pair}.{split}.npz"
    if not fpath.exists():
        d = np.load(src)
        ids, offs, states = d["ids"], d["offs"], d["states"]
        texts = json.loads(str(d["texts"]))
        ex = json.loads(str(d["examples"]))

        def get(i):
            return ids[offs[i]:offs[i + 1]], states[offs[i]:offs[i + 1]].transpose(1, 0, 2)
        dense, scal = zip(*(pair_features(get(e["src"]), get(e["tgt"]), texts[e["src"]], texts[e["tgt"]], 3)
                            for e in ex))
        np.savez(fpath, dense=np.stack(dense).astype(np.float16), scal=np.stack(scal),
                 examples=np.array(json.dumps(ex)))
    f = np.load(fpath)
    return f["dense"].astype(np.float32), f["scal"], json.loads(str(f["examples"]))


#: Training targets for negatives, relative to the pair's real train scores: kinds that are
#: not translations at all get the 1st percentile; truncated / wrong numbers lose 1.5 / 1.0 z.
NEG_TARGET = {"copy": None, "unrelated": None, "untranslated": None, "truncated": 1.5, "numbers": 1.0}


def targets(ex, low: float):
    """z for real rows; synthetic targets for negatives (see NEG_TARGET)."""
    import numpy as np
    real = {e["row"]: e["z"] for e in ex if e["kind"] == "real"}
    out = []
    for e in ex:
        if e["kind"] == "real":
            out.append(e["z"])
        elif NEG_TARGET[e["kind"]] is None:
            out.append(low)
        else:
            out.append(max(low, real[e["row"]] - NEG_TARGET[e["kind"]]))
    return np.asarray(out, dtype=np.float32)


def pearson(a, b) -> float:
    import numpy as np
    return float(np.corrcoef(a, b)[0, 1])


def spearman(a, b) -> float:
    import numpy as np

    def rank(x):
        o = np.argsort(x, kind="stable")
        r = np.empty(len(x))
        r[o] = np.arange(len(x))
        # average ties
        _, inv, cnt = np.unique(x, return_inverse=True, return_counts=True)
        sums = np.bincount(inv, weights=r)
        return (sums / cnt)[inv]
    return pearson(rank(np.asarray(a)), rank(np.asarray(b)))


def neg_rates(pred, ex) -> dict[str, tuple[int, int]]:
    """Per kind: (negatives scored strictly below their real translation, total)."""
    real = {e["row"]: p for p, e in zip(pred, ex) if e["kind"] == "real"}
    out: dict[str, list[int]] = {}
    for p, e in zip(pred, ex):
        if e["kind"] != "real" and e["row"] in real:
            c = out.setdefault(e["kind"], [0, 0])
            c[0] += p < real[e["row"]]
            c[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def cmd_train(args) -> None:
    import numpy as np
    import torch
    torch.set_num_threads(1)
    from mtqa.qe.e5_qe import Head
    cache = Path(args.cache)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    tr, dv = [], {}
    for pair in PAIRS:
        d, s, ex = load_features(cache, pair, "train")
        zs = np.array([e["z"] for e in ex if e["kind"] == "real"])
        low = float(np.percentile(zs, 1))
        y = targets(ex, low)
        keep = np.array([e["kind"] == "real" or args.negatives for e in ex])
        tr.append((d[keep], s[keep], y[keep]))
        dd, ds, dex = load_features(cache, pair, "dev")
        dv[pair] = (dd, ds, dex)
        print(f"{pair}: train {keep.sum()} dev {len(dex)}", flush=True)
    Xd = torch.from_numpy(np.concatenate([t[0] for t in tr]))
    Xs = np.concatenate([t[1] for t in tr])
    mu, sd = Xs.mean(0), Xs.std(0) + 1e-6
    Xs = torch.from_numpy((Xs - mu) / sd)
    Y = torch.from_numpy(np.concatenate([t[2] for t in tr]))
    head = Head(hidden=args.hidden, dropout=args.dropout)
    head.set_norm(mu, sd)
    opt = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    n = len(Y)
    best, best_state, best_ep = -1.0, None, -1
    g = torch.Generator().manual_seed(args.seed)

    def evaluate():
        head.eval()
        res = {}
        with torch.no_grad():
            for pair, (dd, ds, dex) in dv.items():
                p = head(torch.from_numpy(dd), torch.from_numpy(ds), normalise=True).numpy()
                real = np.array([e["kind"] == "real" for e in dex])
                z = np.array([e["z"] for e in dex if e["kind"] == "real"])
                res[pair] = (pearson(p[real], z), spearman(p[real], z), neg_rates(p, dex), p[real])
        head.train()
        return res

    for ep in range(args.epochs):
        perm = torch.randperm(n, generator=g)
        tot = 0.0
        for b in range(0, n, args.batch_size):
            i = perm[b:b + args.batch_size]
            pred = head(Xd[i], Xs[i], normalise=False)
            loss = torch.nn.functional.mse_loss(pred, Y[i])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss) * len(i)
        res = evaluate()
        mean_r = float(np.mean([r[0] for r in res.values()]))
        print(f"epoch {ep + 1}: loss {tot / n:.4f} dev mean r {mean_r:.4f} "
              + " ".join(f"{p}={r[0]:.3f}" for p, r in res.items()), flush=True)
        if mean_r > best:
            best, best_ep = mean_r, ep + 1
            best_state = {k: v.clone() for k, v in head.state_dict().items()}
    head.load_state_dict(best_state)
    res = evaluate()
    allp = np.concatenate([r[3] for r in res.values()])
    lo, hi = float(np.percentile(allp, 1)), float(np.percentile(allp, 99))
    dev_table = {p: {"pearson": round(r[0], 4), "spearman": round(r[1], 4),
                     "negatives_below_real": {k: [a, b] for k, (a, b) in r[2].items()}} for p, r in res.items()}
    for p, r in dev_table.items():
        print(p, r)
    if args.out:
        from mtqa.qe.e5_qe import save_head
        cfg = {"hidden": args.hidden, "dropout": args.dropout, "score_range": [round(lo, 4), round(hi, 4)],
               "best_epoch": best_ep, "seed": args.seed, "negatives": args.negatives,
               "train_sample_per_pair": args.train_sample, "dev": dev_table}
        save_head(head, cfg, Path(args.out))
        print("saved", args.out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("encode")
    e.add_argument("--data", required=True)
    e.add_argument("--cache", required=True)
    e.add_argument("--seed", type=int, default=13)
    e.add_argument("--train-sample", type=int, default=3000)
    e.add_argument("--neg-train", type=int, default=600)
    e.add_argument("--neg-eval", type=int, default=300)
    e.add_argument("--layers", type=int, nargs="+", default=[6, 9, 12])
    t = sub.add_parser("train")
    t.add_argument("--data", required=True)
    t.add_argument("--cache", required=True)
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--hidden", type=int, default=256)
    t.add_argument("--dropout", type=float, default=0.2)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--weight-decay", type=float, default=1e-2)
    t.add_argument("--epochs", type=int, default=20)
    t.add_argument("--batch-size", type=int, default=64)
    t.add_argument("--train-sample", type=int, default=3000, help="recorded in the model card")
    t.add_argument("--no-negatives", dest="negatives", action="store_false")
    t.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "mtqa/qe/models/e5-small-qe"))
    args = ap.parse_args(argv)
    {"encode": cmd_encode, "train": cmd_train}[args.cmd](args)


if __name__ == "__main__":
    main()
