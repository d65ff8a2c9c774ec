"""How well does sentence alignment recover the line pairing of a parallel corpus?

The WMT22 source file and one reference are each read as one plain-text
document (one line = one paragraph, as a user's two files would be), split into
sentences and aligned with ``mtqa.align`` exactly as ``mtqa score TARGET
--source SOURCE`` does. A line counts as recovered when the beads holding its
source sentences contain target sentences of the same line only, and the
beads holding that line's target sentences contain source sentences of the
same line only. Prints the share of recovered lines, the bead types and speed.

    python scripts/align_recovery.py [--pair zh-en] [--ref A] [--limit N] [--method auto|length]
        [--drop K]   # also delete every K-th target line (omissions) and score the rest
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from mtqa.align import line_pairing_recovery


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--pair", default="zh-en")
    ap.add_argument("--ref", default="A")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--method", default="auto")
    ap.add_argument("--drop", type=int, default=0, help="delete every K-th target line")
    args = ap.parse_args()
    sl, tl = args.pair.split("-")
    root = Path(args.data) / "wmt22-general"
    src = (root / "sources" / f"generaltest2022.{args.pair}.src.{sl}").read_text(encoding="utf-8").splitlines()
    tgt = (root / "references" / f"generaltest2022.{args.pair}.ref.{args.ref}.{tl}").read_text(
        encoding="utf-8").splitlines()
    end = args.start + args.limit if args.limit else len(src)
    src, tgt = src[args.start:end], tgt[args.start:end]
    ids = list(range(1, len(tgt) + 1))
    if args.drop:
        keep = [k for k in range(len(tgt)) if (k + 1) % args.drop]
        tgt, ids = [tgt[k] for k in keep], [ids[k] for k in keep]
    t0 = time.time()
    ok, total, al = line_pairing_recovery(src, tgt, sl, tl, args.method, ids)
    dt = time.time() - t0
    kinds = Counter(b.kind for b in al.beads)
    print(f"{args.pair} ref {args.ref} lines {args.start + 1}-{args.start + total}"
          f"{f' (every {args.drop}th target line dropped)' if args.drop else ''}: "
          f"recovered {ok}/{total} = {100 * ok / total:.2f}%  method={al.method} band={al.band} "
          f"beads={dict(kinds)} time={dt:.1f}s")


if __name__ == "__main__":
    main()
