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

from mtqa.align import align_sentences, hard_wrapped
from mtqa.segment import split_document


def recovery(src_lines: list[str], tgt_lines: list[str], src_lang: str, tgt_lang: str, method: str = "auto",
             tgt_line_ids: list[int] | None = None):
    """(recovered lines, scored lines, Alignment); ``tgt_line_ids[k]`` = source line of target line k."""
    src_text, tgt_text = "\n".join(src_lines) + "\n", "\n".join(tgt_lines) + "\n"
    ss = split_document(src_text, src_lang, "s", join_wrapped=hard_wrapped(src_text))
    ts = split_document(tgt_text, tgt_lang, "t", join_wrapped=hard_wrapped(tgt_text))
    para = lambda seg: int(seg.seg_id.rsplit(":", 1)[1].split(".")[0])  # noqa: E731
    al = align_sentences([s.target for s in ss], [t.target for t in ts], src_lang, tgt_lang,
                         src_para=[para(s) for s in ss], tgt_para=[para(t) for t in ts], method=method)
    ids = tgt_line_ids or list(range(1, len(tgt_lines) + 1))
    src_beads: dict[int, list] = {}
    tgt_beads: dict[int, list] = {}
    for b in al.beads:
        s_lines = {ss[i].line for i in b.src}
        t_lines = {ids[ts[j].line - 1] for j in b.tgt}
        for ln in s_lines:
            src_beads.setdefault(ln, []).append((s_lines, t_lines))
        for ln in t_lines:
            tgt_beads.setdefault(ln, []).append((s_lines, t_lines))
    kept = set(ids)
    ok = 0
    for ln in range(1, len(src_lines) + 1):
        if ln not in kept:  # a dropped line: recovered when its sentences are all left unaligned (1-0)
            ok += all(not t for _, t in src_beads.get(ln, [])) and ln not in tgt_beads
            continue
        good = all(s == {ln} and t == {ln} for s, t in src_beads.get(ln, []) + tgt_beads.get(ln, []))
        ok += good and ln in src_beads and ln in tgt_beads
    return ok, len(src_lines), al


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
    ok, total, al = recovery(src, tgt, sl, tl, args.method, ids)
    dt = time.time() - t0
    kinds = Counter(b.kind for b in al.beads)
    print(f"{args.pair} ref {args.ref} lines {args.start + 1}-{args.start + total}"
          f"{f' (every {args.drop}th target line dropped)' if args.drop else ''}: "
          f"recovered {ok}/{total} = {100 * ok / total:.2f}%  method={al.method} band={al.band} "
          f"beads={dict(kinds)} time={dt:.1f}s")


if __name__ == "__main__":
    main()
