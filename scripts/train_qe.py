#!/usr/bin/env python
"""Train mtqa's default QE model (e5-small + trained top layers and head) on MLQE-PE.

The shipped model was made with (CPU, one thread; ~6 + 2 + 17 minutes)::

    python scripts/train_qe.py encode --data ../shared/data/mlqe-pe --cache /work/qe-cache
    python scripts/train_qe.py finetune --data ../shared/data/mlqe-pe --cache /work/qe-cache \
        --epochs 2 --lr-body 5e-5 --neg-share 0.3 --use-dense --minutes 19

``encode`` runs the frozen encoder once over a seeded sample of train (3000 per pair),
all of dev, and synthetic negatives (mtqa.qe.negatives), storing token states of layers
6/9/12 in ``--cache`` (test20 is not needed: scripts/eval_qe.py runs the model end to end;
``encode`` caches it last and may be stopped before). ``train`` fits the frozen-feature MLP
(arch ``mlp``/``cross``); ``finetune`` fine-tunes e5 layers 11-12 as a cross-encoder over
cached layer-10 states (arch ``late``, the shipped one). Both select on dev only and write
to mtqa/qe/models/e5-small-qe/. Seeded; ``--minutes`` caps wall time (the shipped run
finished its 2 epochs within it).
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


def build_items(rows, n_sample: int | None, n_neg: int, seed: int, rest: bool = False):
    """Texts to encode and the examples built from them.

    Returns (texts, examples); an example is a dict with src/tgt text indices, the real
    row index ``row``, ``kind`` ("real" or a negatives.KINDS entry) and ``z`` for real rows.
    """
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    if n_sample is not None and n_sample < len(rows):
        sample = sorted(rng.sample(idx, n_sample))
        idx = sorted(set(idx) - set(sample)) if rest else sample
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
    if args.rest:  # the train rows left out of the sample, with as many negatives again
        plan = [("train-rest", args.train_sample, args.neg_train)]
    for split, n_sample, n_neg in plan:
        for pi, pair in enumerate(PAIRS):
            out = cache / f"{pair}.{split}.npz"
            if out.exists():
                continue
            t0 = time.time()
            rows = read_da(args.data, pair, split.replace("-rest", ""))
            texts, ex = build_items(rows, n_sample, n_neg, seed=args.seed * 1000 + pi, rest=split.endswith("-rest"))
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


def load_tokens(cache: Path, pair: str, split: str):
    """Final-layer content-token states of every example: list of (src (S, 384), tgt (T, 384)) fp16 views."""
    import numpy as np
    d = np.load(cache / f"{pair}.{split}.npz")
    tok = np.ascontiguousarray(d["states"][:, -1, :])
    offs = d["offs"]
    ex = json.loads(str(d["examples"]))
    a = 4  # <s> + the three pieces of "query:"

    def get(i):
        return tok[offs[i] + a: offs[i + 1] - 1]
    return [(get(e["src"]), get(e["tgt"])) for e in ex]


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
            c[0] += int(p < real[e["row"]])
            c[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def cmd_train(args) -> None:
    import numpy as np
    import torch
    torch.set_num_threads(1)
    from mtqa.qe.e5_qe import CrossHead, Head, token_batch
    cache = Path(args.cache)
    cross = args.arch == "cross"
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    tr, dv = [], {}
    for pair in args.pairs:
        d, s, ex = load_features(cache, pair, "train")
        zs = np.array([e["z"] for e in ex if e["kind"] == "real"])
        low = float(np.percentile(zs, 1))
        y = targets(ex, low)
        keep = np.array([e["kind"] == "real" or args.negatives for e in ex])
        toks = [t for t, k in zip(load_tokens(cache, pair, "train"), keep) if k] if cross else None
        tr.append((d[keep], s[keep], y[keep], toks))
        for extra in args.extra_train:
            d2, s2, ex2 = load_features(cache, pair, extra)
            y2 = targets(ex2, low)
            keep2 = np.array([e["kind"] == "real" or args.negatives for e in ex2])
            toks2 = [t for t, k in zip(load_tokens(cache, pair, extra), keep2) if k] if cross else None
            tr.append((d2[keep2], s2[keep2], y2[keep2], toks2))
        dd, ds, dex = load_features(cache, pair, "dev")
        dv[pair] = (dd, ds, dex, load_tokens(cache, pair, "dev") if cross else None)
        print(f"{pair}: train {keep.sum()} dev {len(dex)}", flush=True)
    Xd = torch.from_numpy(np.concatenate([t[0] for t in tr]))
    Xs = np.concatenate([t[1] for t in tr])
    mu, sd = Xs.mean(0), Xs.std(0) + 1e-6
    Xs = torch.from_numpy((Xs - mu) / sd)
    Y = torch.from_numpy(np.concatenate([t[2] for t in tr]))
    TOK = [x for t in tr for x in t[3]] if cross else None
    head = (CrossHead if cross else Head)(hidden=args.hidden, dropout=args.dropout)
    head.set_norm(mu, sd)
    opt = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    n = len(Y)
    best, best_state, best_ep = -1.0, None, -1
    g = torch.Generator().manual_seed(args.seed)

    def evaluate():
        head.eval()
        res = {}
        with torch.no_grad():
            for pair, (dd, ds, dex, dtok) in dv.items():
                p = np.concatenate([
                    head(torch.from_numpy(dd[b:b + 256]), torch.from_numpy(ds[b:b + 256]),
                         *(token_batch(dtok[b:b + 256]) if cross else ()), normalise=True).numpy()
                    for b in range(0, len(dd), 256)])
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
            extra = token_batch([TOK[k] for k in i.tolist()]) if cross else ()
            pred = head(Xd[i], Xs[i], *extra, normalise=False)
            loss = torch.nn.functional.mse_loss(pred, Y[i])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss.detach()) * len(i)
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
        cfg = {"arch": args.arch, "hidden": args.hidden, "dropout": args.dropout,
               "score_range": [round(lo, 4), round(hi, 4)],
               "best_epoch": best_ep, "seed": args.seed, "negatives": args.negatives,
               "train_splits": ["train", *args.extra_train], "train_sample_per_pair": args.train_sample,
               "dev": dev_table}
        save_head(head, cfg, Path(args.out))
        print("saved", args.out)


def load_states(cache: Path, pair: str, split: str, layer: int):
    """Full-sequence states of one layer per example: list of (src (S, 384), tgt (T, 384)) fp16.

    Layers not in the cache are computed once from the highest cached layer below them
    with the frozen e5 layers, and stored as ``<pair>.<split>.l<layer>.npy``.
    """
    import numpy as np
    d = np.load(cache / f"{pair}.{split}.npz")
    offs = d["offs"]
    cached = [int(x) for x in d["layers"]]
    if layer in cached:
        st = np.ascontiguousarray(d["states"][:, cached.index(layer), :])
    else:
        path = cache / f"{pair}.{split}.l{layer}.npy"
        if not path.exists():
            import torch
            from mtqa.qe.e5 import build_bert, read_e5_file
            base = max(c for c in cached if c < layer)
            bert = build_bert(read_e5_file(), n_layers=layer)
            src = d["states"][:, cached.index(base), :]
            out = np.zeros_like(src)
            lens = np.diff(offs)
            order = np.argsort(lens)
            with torch.inference_mode():
                for b in range(0, len(order), 64):
                    ii = order[b:b + 64]
                    T = int(lens[ii].max())
                    h = torch.zeros(len(ii), T, src.shape[1])
                    mask = torch.zeros(len(ii), T, dtype=torch.bool)
                    for r, i in enumerate(ii):
                        h[r, :lens[i]] = torch.from_numpy(src[offs[i]:offs[i + 1]].astype(np.float32))
                        mask[r, :lens[i]] = True
                    ext = torch.zeros(len(ii), 1, 1, T).masked_fill(~mask[:, None, None, :],
                                                                    torch.finfo(torch.float32).min)
                    for lay in bert.encoder.layer[base:layer]:
                        h = lay(h, attention_mask=ext)
                        h = h[0] if isinstance(h, tuple) else h
                    for r, i in enumerate(ii):
                        out[offs[i]:offs[i + 1]] = h[r, :lens[i]].numpy().astype(np.float16)
            np.save(path, out)
        st = np.load(path)
    ex = json.loads(str(d["examples"]))
    return [(st[offs[e["src"]]:offs[e["src"] + 1]], st[offs[e["tgt"]]:offs[e["tgt"] + 1]]) for e in ex]


def cmd_finetune(args) -> None:
    """LateCross: fine-tune e5 layers 10-12 as a cross-encoder on cached layer-9 states, for a time budget."""
    import numpy as np
    import torch
    torch.set_num_threads(1)
    from mtqa.qe.e5 import build_bert, read_e5_file
    from mtqa.qe.e5_qe import LATE_FROM, late_batch, late_cross_from_e5
    cache = Path(args.cache)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    H, S, D, Y, dv = [], [], [], [], {}
    for pair in args.pairs:
        dn, s, ex = load_features(cache, pair, "train")
        zs = np.array([e["z"] for e in ex if e["kind"] == "real"])
        y = targets(ex, float(np.percentile(zs, 1)))
        st = load_states(cache, pair, "train", LATE_FROM)
        keep = [i for i, e in enumerate(ex) if e["kind"] == "real" or rng.random() < args.neg_share]
        H += [st[i] for i in keep]
        S.append(s[keep])
        D.append(dn[keep])
        Y.append(y[keep])
        dd, ds, dex = load_features(cache, pair, "dev")
        dv[pair] = (ds, dex, load_states(cache, pair, "dev", LATE_FROM), dd)
        print(f"{pair}: train {len(keep)}", flush=True)
    S = np.concatenate(S)
    mu, sd = S.mean(0), S.std(0) + 1e-6
    S = torch.from_numpy((S - mu) / sd)
    Y = torch.from_numpy(np.concatenate(Y))
    D = torch.from_numpy(np.concatenate(D))
    model = late_cross_from_e5(build_bert(read_e5_file()), hidden=args.hidden, dropout=args.dropout,
                               use_dense=args.use_dense)
    model.set_norm(mu, sd)
    body = [p for n, p in model.named_parameters() if n.startswith("layers.")]
    rest = [p for n, p in model.named_parameters() if not n.startswith("layers.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr_body}, {"params": rest, "lr": args.lr}],
                            weight_decay=args.weight_decay)
    n = len(Y)
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(args.seed)).tolist()
    # length-bucketed batches (shuffled order of buckets) to pad little
    chunks = [perm[i:i + args.batch_size * 50] for i in range(0, n, args.batch_size * 50)]
    batches = []
    for c in chunks:
        c = sorted(c, key=lambda i: len(H[i][0]) + len(H[i][1]))
        batches += [c[i:i + args.batch_size] for i in range(0, len(c), args.batch_size)]
    gen = torch.Generator().manual_seed(args.seed + 1)
    order = [b for _ in range(args.epochs) for b in torch.randperm(len(batches), generator=gen).tolist()]
    t0 = time.time()
    model.train()
    step, tot = 0, 0.0
    for step, bi in enumerate(order, 1):
        idx = batches[bi]
        h, side, mask = late_batch([H[i] for i in idx])
        # linear warm-up, then linear decay to 10 % over the planned steps
        sched = min(step / args.warmup, max(0.1, 1.0 - (step - args.warmup) / max(1, len(order) - args.warmup)))
        for g, base in zip(opt.param_groups, (args.lr_body, args.lr)):
            g["lr"] = base * sched
        pred = model(h, side, mask, S[idx], D[idx], normalise=False)
        loss = torch.nn.functional.mse_loss(pred, Y[idx])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        tot += float(loss.detach())
        if step % 50 == 0:
            el = time.time() - t0
            print(f"step {step}/{len(order)} loss {tot / 50:.4f} {el:.0f}s ({step * args.batch_size / el:.1f} ex/s)",
                  flush=True)
            tot = 0.0
        if time.time() - t0 > args.minutes * 60:
            break
    print(f"trained {step} steps ({step * args.batch_size} examples) in {time.time() - t0:.0f}s", flush=True)
    model.eval()
    res = {}
    with torch.inference_mode():
        for pair, (ds, dex, dst, dd) in dv.items():
            o = sorted(range(len(dex)), key=lambda i: len(dst[i][0]) + len(dst[i][1]))
            p = np.zeros(len(dex), dtype=np.float32)
            for b in range(0, len(o), 64):
                ii = o[b:b + 64]
                p[ii] = model(*late_batch([dst[i] for i in ii]), torch.from_numpy(ds[ii]),
                              torch.from_numpy(dd[ii])).numpy()
            real = np.array([e["kind"] == "real" for e in dex])
            z = np.array([e["z"] for e in dex if e["kind"] == "real"])
            res[pair] = (pearson(p[real], z), spearman(p[real], z), neg_rates(p, dex), p[real])
            print(f"dev {pair}: pearson {res[pair][0]:.4f} spearman {res[pair][1]:.4f} {res[pair][2]}", flush=True)
    print(f"dev mean r {np.mean([r[0] for r in res.values()]):.4f}")
    allp = np.concatenate([r[3] for r in res.values()])
    lo, hi = float(np.percentile(allp, 1)), float(np.percentile(allp, 99))
    dev_table = {p: {"pearson": round(r[0], 4), "spearman": round(r[1], 4),
                     "negatives_below_real": {k: [a, b] for k, (a, b) in r[2].items()}} for p, r in res.items()}
    if args.out:
        from mtqa.qe.e5_qe import save_head
        cfg = {"arch": "late", "use_dense": args.use_dense, "hidden": args.hidden, "dropout": args.dropout,
               "score_range": [round(lo, 4), round(hi, 4)], "steps": step, "epochs": args.epochs,
               "batch_size": args.batch_size,
               "lr_body": args.lr_body, "lr": args.lr, "seed": args.seed, "neg_share": args.neg_share,
               "train_splits": ["train"], "train_sample_per_pair": args.train_sample, "dev": dev_table}
        save_head(model, cfg, Path(args.out))
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
    e.add_argument("--rest", action="store_true", help="encode the train rows not in the sample (train-rest)")
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
    t.add_argument("--pairs", nargs="+", default=list(PAIRS))
    t.add_argument("--arch", choices=["mlp", "cross"], default="mlp")
    t.add_argument("--extra-train", nargs="*", default=[], help="more cached train splits, e.g. train-rest")
    t.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "mtqa/qe/models/e5-small-qe"))
    f = sub.add_parser("finetune")
    f.add_argument("--data", required=True)
    f.add_argument("--cache", required=True)
    f.add_argument("--seed", type=int, default=13)
    f.add_argument("--hidden", type=int, default=256)
    f.add_argument("--dropout", type=float, default=0.1)
    f.add_argument("--lr-body", type=float, default=3e-5)
    f.add_argument("--lr", type=float, default=5e-4)
    f.add_argument("--weight-decay", type=float, default=1e-2)
    f.add_argument("--batch-size", type=int, default=16)
    f.add_argument("--warmup", type=int, default=100)
    f.add_argument("--minutes", type=float, default=25, help="training time budget (then evaluate on dev)")
    f.add_argument("--epochs", type=int, default=1)
    f.add_argument("--use-dense", action="store_true", help="also feed the frozen features' dense part to the MLP")
    f.add_argument("--neg-share", type=float, default=0.5, help="share of the cached negatives used")
    f.add_argument("--train-sample", type=int, default=3000, help="recorded in the model card")
    f.add_argument("--pairs", nargs="+", default=list(PAIRS))
    f.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "mtqa/qe/models/e5-small-qe"))
    args = ap.parse_args(argv)
    {"encode": cmd_encode, "train": cmd_train, "finetune": cmd_finetune}[args.cmd](args)


if __name__ == "__main__":
    main()
