"""TMX 1.4 (translation memory exchange) reader.

Each ``<tu>`` becomes a segment: the source is the ``<tuv>`` in the source
language (``--src-lang``, else the header's ``srclang`` unless it is
``*all*``, else the first ``<tuv>``), the target the ``<tuv>`` in
``--tgt-lang`` (else the first other language). Languages match on the base
code (``en-US`` = ``en``). ``seg_id`` is the ``tuid`` attribute or the
1-based position. Inline codes (``bpt ept it ph hi ut``) are kept as
placeholders (``mtqa.io.inline``). Parsing is safe against hostile XML.
"""
from __future__ import annotations

from pathlib import Path

from ..languages import base_code
from ..types import Segment
from .errors import InputError
from .inline import inline_text
from .readers import UNKNOWN
from .xmlsafe import local, parse_xml

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _lang(tuv) -> str | None:
    return tuv.get(_XML_LANG) or tuv.get("lang")


def read_tmx(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None, **_: object
             ) -> list[Segment]:
    """Segments of a TMX file in file order; InputError on malformed XML or a unit without both languages."""
    p = str(path)
    root = parse_xml(path).getroot()
    if local(root) != "tmx":
        raise InputError(p, f"not a TMX file: the root element is <{local(root)}>, expected <tmx>",
                         line=root.sourceline)
    header = next((e for e in root if local(e) == "header"), None)
    header_src = header.get("srclang") if header is not None else None
    want_src = base_code(src_lang) if src_lang else (
        base_code(header_src) if header_src and header_src != "*all*" else None)
    if tgt_lang == UNKNOWN:
        tgt_lang = None  # the file names its languages
    want_tgt = base_code(tgt_lang) if tgt_lang else None
    doc_id = Path(path).name
    segments: list[Segment] = []
    for n, tu in enumerate((e for e in root.iter() if local(e) == "tu"), start=1):
        tuvs = [(base_code(_lang(t) or ""), t) for t in tu if local(t) == "tuv"]
        if not tuvs:
            continue
        if want_src is None:
            want_src = tuvs[0][0]
        src = next((t for code, t in tuvs if code == want_src), None)
        if want_tgt is None:
            want_tgt = next((code for code, _ in tuvs if code != want_src), None)
        tgt = next((t for code, t in tuvs if code == want_tgt), None)
        if src is None or tgt is None:
            missing = want_src if src is None else want_tgt
            raise InputError(p, f"translation unit {tu.get('tuid') or n} has no <tuv> in {missing!r} "
                             "(choose the pair with --src-lang/--tgt-lang)", line=tu.sourceline)
        texts = []
        for tuv in (src, tgt):
            seg = next((e for e in tuv if local(e) == "seg"), None)
            texts.append(inline_text(seg) if seg is not None else "")
        segments.append(Segment(seg_id=tu.get("tuid") or str(n), source=texts[0], target=texts[1],
                                src_lang=src_lang or want_src, tgt_lang=tgt_lang or want_tgt or "en",
                                doc_id=doc_id, line=tu.sourceline))
    if not segments:
        raise InputError(p, "the TMX file has no translation units")
    return segments
