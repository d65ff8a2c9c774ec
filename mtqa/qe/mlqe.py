"""Reader for the MLQE-PE direct-assessment data (Fomicheva et al. 2020, arXiv:2010.04480; CC0).

Layout: ``<root>/<pair>/<split>/<split>.<sl><tl>.df.short.tsv`` with split in
train | dev | test20 (folder ``test``); the target is ``z_mean`` (z-normalised DA,
higher = better). Columns are read by name (ru-en names the first one ``segid``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

PAIRS = ("en-de", "en-zh", "et-en", "ne-en", "ro-en", "ru-en", "si-en")

#: WMT20 QE Task 1 test20 Pearson r: the official baseline (OpenKiwi predictor-estimator) and
#: MonoTransQuest (Ranasinghe et al. 2020, COLING; TransQuest paper Table 2).
WMT20_BASELINE = {"en-de": 0.146, "en-zh": 0.168, "et-en": 0.477, "ne-en": 0.386,
                  "ro-en": 0.685, "ru-en": 0.548, "si-en": 0.374}
MONOTRANSQUEST = {"en-de": 0.467, "en-zh": 0.478, "et-en": 0.775, "ne-en": 0.791,
                  "ro-en": 0.898, "ru-en": 0.773, "si-en": 0.653}


@dataclass(frozen=True)
class DARow:
    """One MLQE-PE segment: source, machine translation and its z-normalised DA score."""

    source: str
    target: str
    z_mean: float


def tsv_path(root: str | Path, pair: str, split: str) -> Path:
    """Path of the TSV for ``pair`` (``en-zh``) and ``split`` (train, dev, test20)."""
    sl, tl = pair.split("-")
    folder = "test" if split.startswith("test") else split
    return Path(root) / pair / folder / f"{split}.{sl}{tl}.df.short.tsv"


def read_da(root: str | Path, pair: str, split: str) -> list[DARow]:
    """All rows of one pair and split, in file order. Raises FileNotFoundError / KeyError."""
    path = tsv_path(root, pair, split)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [DARow(r["original"], r["translation"], float(r["z_mean"])) for r in reader]
