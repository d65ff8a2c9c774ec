from mtqa.detectors import DETECTORS
from mtqa.languages import get_profile
from mtqa.types import Segment


def run(detector: str, target: str, source: str | None = None, src_lang: str | None = None, tgt_lang: str = "en"):
    """Issues of one detector on one segment, as (text of span, severity, suggestion) triples."""
    seg = Segment(seg_id="t", target=target, source=source, src_lang=src_lang, tgt_lang=tgt_lang)
    det = DETECTORS.get(detector)()
    out = []
    for i in det.detect(seg, get_profile(tgt_lang)):
        assert i.detector == detector
        frag = target[i.span.start:i.span.end] if i.span else None
        out.append((frag, i.severity, i.suggestion))
    return out


def spans(detector: str, target: str, **kw) -> list[str | None]:
    return [frag for frag, _, _ in run(detector, target, **kw)]


def found(detector: str, target: str, source: str | None = None, src_lang: str | None = None, tgt_lang: str = "en"):
    """Issues of one detector as (side, text of span on that side, category, severity) tuples."""
    seg = Segment(seg_id="t", target=target, source=source, src_lang=src_lang, tgt_lang=tgt_lang)
    out = []
    for i in DETECTORS.get(detector)().detect(seg, get_profile(tgt_lang)):
        text = target if i.side == "target" else (source or "")
        out.append((i.side, text[i.span.start:i.span.end] if i.span else None, i.category, i.severity))
    return out
