"""Rule-based detectors, one per module, behind a lazy registry.

``mtqa detectors`` lists them with the first line of each docstring.
"""
from __future__ import annotations

from ..registry import Registry
from .base import Detector

DETECTORS: Registry[Detector] = Registry("detector")
for _name, _cls in [
    ("untranslated", "Untranslated"),
    ("wrong_language", "WrongLanguage"),
    ("glued_words", "GluedWords"),
    ("run_on_sentences", "RunOnSentences"),
    ("garbled_words", "GarbledWords"),
    ("markup", "Markup"),
    ("punctuation", "Punctuation"),
    ("repetition", "Repetition"),
    ("encoding", "Encoding"),
    ("omission", "Omission"),
    ("numbers", "Numbers"),
    ("placeholders", "Placeholders"),
    ("length_ratio", "LengthRatio"),
    ("alignment", "Alignment"),
]:
    DETECTORS.add(_name, f"mtqa.detectors.{_name}:{_cls}")

__all__ = ["DETECTORS", "Detector"]
