"""Synthetic benchmark corpora (invented sentences) for the benchmark tests."""
from __future__ import annotations

import random
from pathlib import Path

WORDS = ("the council approved a new plan for river roads schools and clinics in the county after long "
         "debate farmers said water prices rose while teachers asked for more books and safer buses").split()


def sentences(n: int, seed: int, length: tuple[int, int] = (6, 14)) -> list[str]:
    """n invented English sentences, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(*length))).capitalize() + "." for _ in range(n)]


def degrade(lines: list[str], rate: float, seed: int) -> list[str]:
    """Copy of ``lines`` with about ``rate`` of the words replaced: a worse "system"."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.rstrip(".").split()
        words = [rng.choice(WORDS) if rng.random() < rate else w for w in words]
        out.append(" ".join(words) + ".")
    return out


def write_lines(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def make_wmt_folder(root: Path, systems: dict[str, list[str]], refs: dict[str, list[str]] | None = None,
                    sources: list[str] | None = None, pair: str = "de-en", test: str = "toytest") -> Path:
    """A WMT-layout folder: sources/, references/, system-outputs/."""
    sl, tl = pair.split("-")
    if sources is not None:
        write_lines(root / "sources" / f"{test}.{pair}.src.{sl}", sources)
    for name, lines in (refs or {}).items():
        write_lines(root / "references" / f"{test}.{pair}.ref.{name}.{tl}", lines)
    for name, lines in systems.items():
        write_lines(root / "system-outputs" / f"{test}.{pair}.hyp.{name}.{tl}", lines)
    return root


def toy_corpus(root: Path, n: int = 40) -> Path:
    """Three systems of decreasing quality against one reference, with German-ish sources."""
    ref = sentences(n, 1)
    src = [f"Quelle Satz {i} über den Rat." for i in range(n)]
    return make_wmt_folder(root, {"good": degrade(ref, 0.05, 2), "mid": degrade(ref, 0.3, 3),
                                  "bad": degrade(ref, 0.7, 4)}, {"A": ref}, src)
