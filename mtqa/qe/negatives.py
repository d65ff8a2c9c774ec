"""Synthetic bad translations for training and testing QE robustness.

Each maker takes the real pair and returns a corrupted target (or None when the
corruption does not apply, e.g. no number to change). Kinds, after the hallucination
and untranslated-output checks in Guerreiro et al. 2023 (arXiv:2208.05309) and
Sun et al. 2020 (arXiv:2010.13685):

- ``copy``: the target is the source, verbatim.
- ``unrelated``: the target belongs to another segment.
- ``untranslated``: about half of the target (a contiguous part) is replaced by the
  matching part of the source, left untranslated.
- ``truncated``: only the first 30–60 % of the target is kept.
- ``numbers``: every number in the target is changed to a different one.
"""
from __future__ import annotations

import random

import regex

KINDS = ("copy", "unrelated", "untranslated", "truncated", "numbers")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_NUM = regex.compile(r"\d+")


def _units(text: str) -> tuple[list[str], str]:
    """Words, or characters for CJK text (no spaces between words)."""
    if _CJK.search(text) and text.count(" ") < len(text) / 10:
        return list(text), ""
    return text.split(), " "


def untranslated(source: str, target: str, rng: random.Random) -> str:
    """Keep the first 40–60 % of the target and continue with the rest of the source."""
    t, tj = _units(target)
    s, sj = _units(source)
    frac = rng.uniform(0.4, 0.6)
    head = tj.join(t[: max(1, round(len(t) * (1 - frac)))])
    tail = sj.join(s[round(len(s) * (1 - frac)):])
    return (head + " " + tail).strip()


def truncated(target: str, rng: random.Random) -> str | None:
    """The first 30–60 % of the target's words (characters for CJK); None if too short."""
    t, j = _units(target)
    if len(t) < 4:
        return None
    return j.join(t[: max(1, round(len(t) * rng.uniform(0.3, 0.6)))])


def numbers(target: str, rng: random.Random) -> str | None:
    """Every digit run replaced by a different number of similar size; None without digits."""
    if not _NUM.search(target):
        return None

    def repl(m: regex.Match) -> str:
        old = m.group(0)
        while True:
            new = str(rng.randint(10 ** (len(old) - 1) if len(old) > 1 else 0, 10 ** len(old) - 1))
            if new != old:
                return new
    return _NUM.sub(repl, target)


def make(kind: str, source: str, target: str, other_target: str, rng: random.Random) -> str | None:
    """One corrupted target of ``kind`` (see KINDS); ``other_target`` is used by ``unrelated``."""
    if kind == "copy":
        return source
    if kind == "unrelated":
        return other_target if other_target != target else None
    if kind == "untranslated":
        return untranslated(source, target, rng)
    if kind == "truncated":
        return truncated(target, rng)
    if kind == "numbers":
        return numbers(target, rng)
    raise ValueError(f"unknown negative kind {kind!r}; choose from {', '.join(KINDS)}")
