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
