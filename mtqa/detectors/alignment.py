"""Sentences the aligner could not pair: an untranslated source sentence, a target sentence with no source."""
from __future__ import annotations

from typing import Iterable

from ..languages import LanguageProfile
from ..types import Issue, Segment, Span
from .base import Detector


class Alignment(Detector):
    """Alignment: a source sentence with no translation (omission) or a target sentence with no source (addition).

    Only for documents that mtqa aligned itself (``mtqa score TARGET --source
    SOURCE``; ``Segment.alignment`` set by ``mtqa.align``):

    * ``1-0`` — a source sentence no target sentence translates: ``major``
      Accuracy/Omission, span = the source sentence (source side).
    * ``0-1`` — a target sentence that translates nothing in the source:
      ``major`` Accuracy/Addition on the whole target sentence.

    Merges (2-1, 1-2) are normal in translation and not reported. One dropped
    sentence gives one omission: the aligner re-synchronises after it.
    """

    name = "alignment"
    category = "Accuracy/Omission"
    severity = "major"

    def detect(self, segment: Segment, profile: LanguageProfile) -> Iterable[Issue]:
        kind = segment.alignment
        if kind == "1-0" and segment.source and segment.source.strip():
            src = segment.source
            a = len(src) - len(src.lstrip())
            where = f" (source line {segment.source_line})" if segment.source_line else ""
            yield self.issue(segment, f"source sentence{where} has no translation in the target",
                             Span(a, len(src.rstrip())), side="source")
        elif kind == "0-1" and segment.target.strip():
            tgt = segment.target
            a = len(tgt) - len(tgt.lstrip())
            yield self.issue(segment, "target sentence has no counterpart in the source (added, or its source "
                             "sentence was not found)", Span(a, len(tgt.rstrip())), category="Accuracy/Addition")
