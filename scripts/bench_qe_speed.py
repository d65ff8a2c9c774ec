#!/usr/bin/env python
"""Speed of the default QE model on CPU beside a CometKiwi-sized encoder, same segments, same run.

    python scripts/bench_qe_speed.py --data ../shared/data/mlqe-pe --pair en-zh -n 200

Prints segment pairs per second for (a) mtqa's ``e5-small-qe`` end to end (tokenise,
encode the pair jointly, fine-tuned top layers, head) and (b) an XLM-R-large-sized encoder
(CometKiwi's: 24 layers, hidden 1024, 16 heads, FFN 4096, 250k vocabulary; Rei et al.
2022), randomly initialised, encoding each pair jointly as CometKiwi does
(``<s> target </s></s> source </s>``), and the ratio. Threads: ``--threads`` (default 1).
Without ``--data`` the pairs come from corpora/ (the line-aligned example documents).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_pairs(data: str | None, pair: str, n: int) -> list[tuple[str, str]]:
    if data:
        from mtqa.qe.mlqe import read_da
        rows = read_da(data, pair, "dev")[:n]
        return [(r.source, r.target) for r in rows]
    src = (ROOT / "corpora").glob("*.src.*")
    for s in src:
        t = Path(str(s).replace(".src.", ".tgt."))
        if t.exists():
            a, b = s.read_text().splitlines(), t.read_text().splitlines()
            return [(x, y) for x, y in zip(a, b) if x.strip() and y.strip()][:n]
    raise SystemExit("no line-aligned pairs found: pass --data ../shared/data/mlqe-pe")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="mlqe-pe folder (pairs from <pair>/dev)")
    ap.add_argument("--pair", default="en-zh")
    ap.add_argument("-n", type=int, default=200, help="segment pairs for the default model")
    ap.add_argument("--n-large", type=int, default=48, help="segment pairs for the large encoder (slow)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import torch
    torch.set_num_threads(args.threads)
    from mtqa.qe import load_qe
    from mtqa.types import Segment

    pairs = load_pairs(args.data, args.pair, args.n)
    segs = [Segment(str(i), t, source=s) for i, (s, t) in enumerate(pairs)]
    t0 = time.time()
    qe = load_qe("e5-small-qe")
    load_s = time.time() - t0
    qe.predict(segs[:8], batch_size=args.batch_size)  # warm-up
    t0 = time.time()
    qe.predict(segs, batch_size=args.batch_size)
    small = len(segs) / (time.time() - t0)
    print(f"e5-small-qe: {small:.1f} segment pairs/s ({len(segs)} pairs, {args.threads} thread(s), "
          f"load {load_s:.1f}s)", flush=True)

    from transformers import XLMRobertaConfig, XLMRobertaModel
    cfg = XLMRobertaConfig(vocab_size=250002, hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                           intermediate_size=4096, max_position_embeddings=514, type_vocab_size=1)
    t0 = time.time()
    torch.manual_seed(0)
    big = XLMRobertaModel(cfg, add_pooling_layer=False).eval()
    n_params = sum(p.numel() for p in big.parameters())
    print(f"XLM-R-large-sized encoder: {n_params / 1e6:.0f}M parameters, built in {time.time() - t0:.1f}s",
          flush=True)
    tok = qe.tokenizer
    sub = pairs[: args.n_large]
    enc = [tok.encode(t, s) for s, t in sub]  # <s> target </s></s> source </s>, as CometKiwi orders them
    ids = [[min(i, cfg.vocab_size - 1) for i in e.ids] for e in enc]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))

    def run_big(idx_list):
        with torch.inference_mode():
            for b in range(0, len(idx_list), args.batch_size):
                idx = idx_list[b:b + args.batch_size]
                T = max(len(ids[i]) for i in idx)
                inp = torch.ones((len(idx), T), dtype=torch.long)
                mask = torch.zeros((len(idx), T), dtype=torch.long)
                for r, i in enumerate(idx):
                    inp[r, :len(ids[i])] = torch.tensor(ids[i])
                    mask[r, :len(ids[i])] = 1
                big(input_ids=inp, attention_mask=mask)

    run_big(order[:2])  # warm-up
    t0 = time.time()
    run_big(order)
    large = len(sub) / (time.time() - t0)
    # the default model on exactly the same subset, for a like-for-like ratio
    t0 = time.time()
    qe.predict(segs[: len(sub)], batch_size=args.batch_size)
    small_sub = len(sub) / (time.time() - t0)
    print(f"XLM-R-large-sized encoder (CometKiwi size): {large:.2f} segment pairs/s ({len(sub)} pairs)")
    print(f"e5-small-qe on the same {len(sub)} pairs: {small_sub:.1f} segment pairs/s")
    print(f"ratio e5-small-qe / CometKiwi-sized: {small_sub / large:.1f}x")


if __name__ == "__main__":
    main()
