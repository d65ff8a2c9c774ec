"""Text length and the expected target/source length ratio per language pair.

Used by the ``length_ratio`` detector and by the sentence aligner's length
term. The model is Gale & Church (1993, "A program for aligning sentences in
bilingual corpora", Computational Linguistics 19(1)): target length ~ c x
source length, with variance s2 x source length, lengths in non-space
characters.
"""
from __future__ import annotations

import math

#: Fitted by ``python scripts/length_stats.py`` (see its docstring for the method):
#: zh-en / en-zh on WMT22 generaltest2022 sources with human references A and B
#: (../shared/data/wmt22-general); en-de on MLQE-PE post-editing train (source +
#: human post-edit). ``c``: target chars per source char; ``s2``: robust variance
#: per source char; ``z_q01``/``z_q99``: observed 1st/99th percentiles of z.
LENGTH_MODELS: dict[str, dict] = {
    "zh-en": {"c": 3.3749, "s2": 18.3217, "n": 3672, "z_q01": -2.75, "z_q99": 3.14,
              "source": "wmt22-general generaltest2022 src + ref A,B"},
    "en-zh": {"c": 0.3818, "s2": 0.4335, "n": 4074, "z_q01": -2.13, "z_q99": 3.14,
              "source": "wmt22-general generaltest2022 src + ref A,B"},
    "en-de": {"c": 1.1257, "s2": 1.1146, "n": 7000, "z_q01": -2.24, "z_q99": 2.98,
              "source": "mlqe-pe-postedit en-de train src + pe"},
}


def text_length(text: str) -> int:
    """Length in non-whitespace characters (Unicode code points)."""
    return sum(1 for ch in text if not ch.isspace())


def content_length(text: str) -> int:
    """:func:`text_length` without URLs, e-mail addresses, tags and placeholders (``mtqa.text.protected_spans``)."""
    from .text import protected_spans
    n = text_length(text)
    for sp in protected_spans(text):
        n -= text_length(text[sp.start:sp.end])
    return max(n, 0)


def length_model(src_lang: str | None, tgt_lang: str | None) -> dict | None:
    """The fitted model for a pair (``{"c": .., "s2": ..}``), or None when the pair was not fitted."""
    if not src_lang or not tgt_lang:
        return None
    from .languages import base_code
    return LENGTH_MODELS.get(f"{base_code(src_lang)}-{base_code(tgt_lang)}")


def gale_church_z(ls: float, lt: float, c: float, s2: float) -> float:
    """z = (lt - c*ls) / sqrt(s2 * ls): how many standard deviations the target length is off.

    Negative = target shorter than expected. ``ls`` must be > 0.
    """
    return (lt - c * ls) / math.sqrt(s2 * max(ls, 1.0))
