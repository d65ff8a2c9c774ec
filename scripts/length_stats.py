"""Estimate target/source length ratios per language pair for the `length_ratio` detector and the aligner.

Lengths are non-space characters (``mtqa.lengths.text_length``). For each pair the
script fits the Gale-Church model target ~ c * source, variance s2 * source:

* ``c`` = sum of target lengths / sum of source lengths (Gale & Church 1993, eq. 1);
* ``s2`` = robust variance of (lt - c*ls) / sqrt(ls): (1.4826 * MAD)^2, so that the
  outliers the detector looks for do not inflate it;
* ``q01``/``q99``: the 1st/99th percentile of z = (lt - c*ls)/sqrt(s2*ls) on the data,
  to check how heavy the tails are against the normal model.

Data (one segment per line, human translations only):
  zh-en, en-zh: ../shared/data/wmt22-general sources + references A and B (generaltest2022);
  en-de: ../shared/data/mlqe-pe-postedit en-de train (source + human post-edit, tokenised;
         spaces do not count, so tokenisation does not matter).

Prints a Python dict to paste into mtqa/lengths.py (LENGTH_MODELS), with the provenance.

    python scripts/length_stats.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import math
import statistics
from pathlib import Path

from mtqa.lengths import text_length


def fit(pairs: list[tuple[str, str]]) -> dict:
    pairs = [(s, t) for s, t in pairs if text_length(s) >= 5 and text_length(t) >= 1]
    ls = [text_length(s) for s, _ in pairs]
    lt = [text_length(t) for _, t in pairs]
    c = sum(lt) / sum(ls)
    resid = [(b - c * a) / math.sqrt(a) for a, b in zip(ls, lt)]
    med = statistics.median(resid)
    mad = statistics.median(abs(r - med) for r in resid)
    s2 = (1.4826 * mad) ** 2
    z = sorted((b - c * a) / math.sqrt(s2 * a) for a, b in zip(ls, lt))
    q = lambda p: z[min(len(z) - 1, int(p * len(z)))]  # noqa: E731
    return {"c": round(c, 4), "s2": round(s2, 4), "n": len(pairs), "z_q01": round(q(0.01), 2),
            "z_q99": round(q(0.99), 2), "share_abs_z_over_4": round(sum(abs(x) > 4 for x in z) / len(z), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args()
    data = Path(args.data)
    out: dict[str, dict] = {}
    wmt = data / "wmt22-general"
    for pair in ("zh-en", "en-zh"):
        sl, tl = pair.split("-")
        src = (wmt / "sources" / f"generaltest2022.{pair}.src.{sl}").read_text(encoding="utf-8").splitlines()
        pairs = []
        for ref in "AB":
            tgt = (wmt / "references" / f"generaltest2022.{pair}.ref.{ref}.{tl}").read_text(encoding="utf-8")
            pairs += list(zip(src, tgt.splitlines()))
        out[pair] = fit(pairs) | {"source": "wmt22-general generaltest2022 src + ref A,B"}
    pe = data / "mlqe-pe-postedit" / "en-de" / "train"
    srcs = sorted(pe.glob("*.src"))
    if srcs:
        src = srcs[0].read_text(encoding="utf-8").splitlines()
        tgt = srcs[0].with_suffix(".pe").read_text(encoding="utf-8").splitlines()
        out["en-de"] = fit(list(zip(src, tgt))) | {"source": "mlqe-pe-postedit en-de train src + pe"}
    print("LENGTH_MODELS = {")
    for pair, d in out.items():
        print(f"    {pair!r}: {d!r},")
    print("}")


if __name__ == "__main__":
    main()
