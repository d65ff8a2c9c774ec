"""Sample `numbers` flags on WMT22 zh-en system outputs for hand-checking (precision).

Runs the ``numbers`` detector on every (source, system output) pair of
``../shared/data/wmt22-general`` (12 zh-en systems x 1875 segments), then draws a
random sample of flags with a fixed seed and prints source, target and the flag,
for a person to judge true/false. Also prints counts per flag kind.

    python scripts/numbers_sample.py [--data ../shared/data] [--pair zh-en] [-n 50] [--seed 13]
"""
from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from mtqa.detectors.numbers import Numbers
from mtqa.languages import get_profile
from mtqa.types import Segment


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--pair", default="zh-en")
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--systems", help="comma-separated subset of systems")
    args = ap.parse_args()
    sl, tl = args.pair.split("-")
    root = Path(args.data) / "wmt22-general"
    sources = (root / "sources" / f"generaltest2022.{args.pair}.src.{sl}").read_text(encoding="utf-8").splitlines()
    det, profile = Numbers(), get_profile(tl)
    flags = []
    outputs = sorted((root / "system-outputs").glob(f"generaltest2022.{args.pair}.hyp.*.{tl}"))
    pairs = 0
    for path in outputs:
        system = path.name.split(".hyp.")[1].rsplit(".", 1)[0]
        if args.systems and system not in args.systems.split(","):
            continue
        hyps = path.read_text(encoding="utf-8").splitlines()
        for k, (src, hyp) in enumerate(zip(sources, hyps), start=1):
            pairs += 1
            seg = Segment(seg_id=f"{system}:{k}", source=src, target=hyp, src_lang=sl, tgt_lang=tl)
            for issue in det.detect(seg, profile):
                flags.append((seg, issue))
    kinds = Counter(i.category for _, i in flags)
    print(f"{len(flags)} flags on {pairs} segment pairs ({len(outputs)} systems); by category: {dict(kinds)}")
    rng = random.Random(args.seed)
    sample = rng.sample(flags, min(args.n, len(flags)))
    for n, (seg, issue) in enumerate(sample, start=1):
        text = seg.target if issue.side == "target" else seg.source
        frag = text[issue.span.start:issue.span.end] if issue.span else ""
        print(f"\n#{n} {seg.seg_id} [{issue.category} {issue.severity}] {issue.side}: {frag!r}\n"
              f"   {issue.message}\n   SRC: {seg.source}\n   TGT: {seg.target}")


if __name__ == "__main__":
    main()
