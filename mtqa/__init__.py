"""mtqa: tells post-editors which machine-translated sentences are wrong, where, and how badly.

The public API is imported lazily so that ``import mtqa`` stays light::

    from mtqa import read_document, score_segments
    for report in score_segments(read_document("doc.en.txt")):
        print(report.segment.seg_id, report.mqm_penalty, [i.message for i in report.issues])
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "Segment": "mtqa.types", "Span": "mtqa.types", "Issue": "mtqa.types", "QEResult": "mtqa.types",
    "SegmentReport": "mtqa.types", "score_segments": "mtqa.pipeline", "load_detectors": "mtqa.pipeline",
    "read_document": "mtqa.io", "split_document": "mtqa.segment", "sentence_spans": "mtqa.segment",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mtqa' has no attribute {name!r}")
