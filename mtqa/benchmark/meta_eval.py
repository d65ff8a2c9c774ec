"""Agreement of automatic system scores with human ones: pairwise accuracy and Kendall tau.

Used by ``scripts/meta_eval.py`` on ``mtqa benchmark --format json`` output and a
``system<TAB>score`` file of human judgements (e.g. WMT DA or MQM system scores).
"""
from __future__ import annotations

import json
import math
from itertools import combinations
from pathlib import Path
from typing import Mapping

from ..io.errors import InputError


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def pairwise_accuracy(metric: Mapping[str, float], human: Mapping[str, float]) -> float:
    """Share of system pairs the metric orders as the humans do (Kocmi et al. 2021, "To Ship or Not
    to Ship", WMT), over the systems in both mappings.

    Both mappings must be oriented higher = better. Pairs the humans score equally are
    left out; a metric tie on a pair the humans separate counts as a disagreement.
    Returns a value in [0, 1]; ValueError when no pair remains.
    """
    systems = sorted(set(metric) & set(human))
    agree = total = 0
    for a, b in combinations(systems, 2):
        h = _sign(human[a] - human[b])
        if h == 0:
            continue
        total += 1
        agree += _sign(metric[a] - metric[b]) == h
    if total == 0:
        raise ValueError("no pair of systems with different human scores")
    return agree / total


def kendall_tau(metric: Mapping[str, float], human: Mapping[str, float]) -> float:
    """Kendall's tau-b between metric and human system scores (ties in either count as in
    scipy.stats.kendalltau's default): (C - D) / sqrt((C + D + Tm)(C + D + Th)), in [-1, 1].

    ValueError with fewer than two shared systems or when one side is all ties.
    """
    systems = sorted(set(metric) & set(human))
    if len(systems) < 2:
        raise ValueError("need at least two systems scored by both")
    c = d = tm = th = 0
    for a, b in combinations(systems, 2):
        sm, sh = _sign(metric[a] - metric[b]), _sign(human[a] - human[b])
        if sm == 0 and sh == 0:
            continue
        if sm == 0:
            tm += 1
        elif sh == 0:
            th += 1
        elif sm == sh:
            c += 1
        else:
            d += 1
    denom = math.sqrt((c + d + tm) * (c + d + th))
    if denom == 0:
        raise ValueError("all scores tied: tau undefined")
    return (c - d) / denom


def read_human_scores(path: str | Path) -> dict[str, float]:
    """``system<TAB>score`` lines (a header line and ``#`` comments are skipped); InputError with the line."""
    out: dict[str, float] = {}
    p = str(path)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror}") from None
    for i, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            raise InputError(p, f"expected system<TAB>score, got {len(parts)} fields", line=i)
        try:
            out[parts[0].strip()] = float(parts[1])
        except ValueError:
            if not out:  # header line
                continue
            raise InputError(p, f"score {parts[1]!r} is not a number", line=i) from None
    if len(out) < 2:
        raise InputError(p, "needs scores for at least two systems")
    return out


def read_benchmark(path: str | Path) -> tuple[dict[str, dict[str, float]], dict[str, bool]]:
    """From ``mtqa benchmark --format json`` output: ({statistic name: {system: score}}, {name: higher_is_better})."""
    p = str(path)
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        stats = doc["statistics"]
        scores = {s["name"]: {r["system"]: r[s["key"]]["score"] for r in doc["ranking"]} for s in stats}
        return scores, {s["name"]: bool(s["higher_is_better"]) for s in stats}
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(p, f"not `mtqa benchmark --format json` output ({exc})") from None


def meta_evaluate(scores: Mapping[str, Mapping[str, float]], higher: Mapping[str, bool],
                  human: Mapping[str, float], human_higher_is_better: bool = True) -> list[dict]:
    """One row per statistic: systems compared, pairwise accuracy, Kendall tau-b (both oriented
    so that higher = better on each side)."""
    h = {s: (v if human_higher_is_better else -v) for s, v in human.items()}
    rows = []
    for name, sys_scores in scores.items():
        m = {s: (v if higher[name] else -v) for s, v in sys_scores.items()}
        shared = set(m) & set(h)
        row = {"statistic": name, "systems": len(shared), "pairwise_accuracy": None, "kendall_tau": None}
        try:
            row["pairwise_accuracy"] = pairwise_accuracy(m, h)
            row["kendall_tau"] = kendall_tau(m, h)
        except ValueError as exc:
            row["note"] = str(exc)
        rows.append(row)
    return rows
