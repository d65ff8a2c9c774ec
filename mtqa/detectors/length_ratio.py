"""Target much shorter or longer than a translation of this source usually is, for the language pair."""
from __future__ import annotations

from typing import Iterable

from ..languages import LanguageProfile
from ..lengths import content_length, gale_church_z, length_model
from ..types import Issue, Segment, Span
from .base import Detector

#: |z| at or above which a length is an outlier. On the human references the
#: constants were fitted on, |z| > 4 occurs in 0.33% (zh-en), 0.39% (en-zh) and
#: 0.14% (en-de) of segments (scripts/length_stats.py).
Z_THRESHOLD = 4.0
#: Sources shorter than this (non-space characters) are too short to judge.
MIN_SOURCE = 8
#: Below this share of the expected length the ``omission`` check reports the collapse.
COLLAPSED = 0.2


class LengthRatio(Detector):
    """Length ratio: target length far outside what translations of this source length measure, for the pair.

    The Gale-Church model (target ~ c x source, variance s2 x source, in
    non-space characters) with c and s2 fitted per language pair on human
    translations (``mtqa.lengths.LENGTH_MODELS``: WMT22 zh-en/en-zh sources
    and references; MLQE-PE en-de post-edits; made by scripts/length_stats.py).
    z = (lt - c*ls) / sqrt(s2*ls), lengths without tags, URLs and placeholders;
    |z| >= 4 is an outlier: ``minor``
    Accuracy/Omission when the target is too short (part of the source
    dropped), Accuracy/Addition when too long (hallucinated or repeated
    text). Confidence grows with |z| (1.0 at |z| >= 8). Pairs without fitted
    constants are not checked; neither are sources under 8 characters nor
    targets the ``omission`` check reports as collapsed (under 20%).
    """

    name = "length_ratio"
    category = "Accuracy/Omission"
    severity = "minor"
    needs_source = True

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        src, tgt = segment.source or "", segment.target
        model = length_model(segment.src_lang, segment.tgt_lang)
        if model is None or not tgt.strip():
            return
        ls, lt = content_length(src), content_length(tgt)  # tags, URLs and placeholders do not count
        if ls < MIN_SOURCE:
            return
        c, s2 = model["c"], model["s2"]
        if lt < COLLAPSED * c * ls:
            return
        z = gale_church_z(ls, lt, c, s2)
        if abs(z) < Z_THRESHOLD:
            return
        expected = c * ls
        a = len(tgt) - len(tgt.lstrip())
        span = Span(a, len(tgt.rstrip()))
        conf = min(1.0, abs(z) / 8.0)
        if z < 0:
            yield self.issue(segment, f"target is short for its source: {lt} characters where about "
                             f"{expected:.0f} are usual ({segment.src_lang}-{segment.tgt_lang}, z={z:.1f}); "
                             "part of the source may be missing", span, confidence=conf)
        else:
            yield self.issue(segment, f"target is long for its source: {lt} characters where about "
                             f"{expected:.0f} are usual ({segment.src_lang}-{segment.tgt_lang}, z={z:.1f}); "
                             "text may have been added or repeated", span, category="Accuracy/Addition",
                             confidence=conf)
