"""XLIFF 1.2 and 2.x (2.0, 2.1, 2.2) reader.

Each translatable segment becomes a :class:`~mtqa.types.Segment` whose
``seg_id`` is the file's own id: the ``trans-unit``/``unit`` id, or
``unit/segment`` (XLIFF 2 ``segment@id`` or the position, XLIFF 1.2
``mrk@mid`` of ``seg-source``) when a unit holds several segments. When two
``<file>`` elements reuse an id, ids are prefixed ``file#``. Inline codes are
kept as placeholders (``mtqa.io.inline``). Units marked ``translate="no"`` are
skipped; a unit without a target has an empty target (an omission).

For writers that re-emit the file (XLIFF output with ITS annotations),
:func:`read_xliff_document` returns the parsed tree and, per segment, the
lxml elements of the unit, source and target and the placeholder -> element
maps; ``XliffDocument.find(seg_id)`` looks one up.

Parsing is safe against hostile XML (``mtqa.io.xmlsafe``). Malformed XML is
an InputError with line and column; a file that is not XLIFF, a unit without
an id and a file without any unit are InputErrors too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..types import Segment
from .errors import InputError
from .inline import inline_text
from .readers import UNKNOWN
from .xmlsafe import local, parse_xml

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


@dataclass
class XliffUnit:
    """One segment of the file with the elements it came from (lxml elements)."""

    seg_id: str
    unit_id: str
    segment_id: str | None
    unit: object            # <trans-unit> (1.2) or <unit> (2.x)
    source_el: object       # <source>, or the <mrk mtype="seg"> inside <seg-source>
    target_el: object | None
    source: str
    target: str
    line: int | None
    file_id: str | None
    source_codes: dict[str, object] = field(default_factory=dict)
    target_codes: dict[str, object] = field(default_factory=dict)


@dataclass
class XliffDocument:
    """A parsed XLIFF file: ``tree`` (lxml ElementTree), ``version`` ("1.2", "2.0"...), languages, units."""

    path: str
    tree: object
    version: str
    src_lang: str | None
    tgt_lang: str | None
    units: list[XliffUnit]

    def find(self, seg_id: str) -> XliffUnit:
        """The unit a segment id came from; KeyError when unknown."""
        if not hasattr(self, "_index"):
            self._index = {u.seg_id: u for u in self.units}
        return self._index[seg_id]

    def segments(self, src_lang: str | None = None, tgt_lang: str | None = None) -> list[Segment]:
        """Segments in file order; explicit languages override the file's."""
        given = tgt_lang if tgt_lang != UNKNOWN else None
        sl, tl = src_lang or self.src_lang, given or self.tgt_lang or tgt_lang or "en"
        return [Segment(seg_id=u.seg_id, target=u.target, source=u.source, src_lang=sl, tgt_lang=tl,
                        doc_id=u.file_id, line=u.line) for u in self.units]


def _children(el, name: str):
    return [c for c in el if local(c) == name]


def _units_12(path: str, root) -> tuple[list[XliffUnit], str | None, str | None]:
    out: list[XliffUnit] = []
    src_lang = tgt_lang = None
    for file_el in (e for e in root.iter() if local(e) == "file"):
        src_lang = src_lang or file_el.get("source-language")
        tgt_lang = tgt_lang or file_el.get("target-language")
        fid = file_el.get("original") or file_el.get("id")
        for tu in (e for e in file_el.iter() if local(e) == "trans-unit"):
            uid = tu.get("id")
            if not uid:
                raise InputError(path, "<trans-unit> without an id attribute", line=tu.sourceline)
            if tu.get("translate") == "no":
                continue
            src_el = next(iter(_children(tu, "source")), None)
            if src_el is None:
                raise InputError(path, f"trans-unit {uid!r} has no <source>", line=tu.sourceline)
            tgt_el = next(iter(_children(tu, "target")), None)
            seg_src = next(iter(_children(tu, "seg-source")), None)
            mrks = [m for m in seg_src.iter() if local(m) == "mrk" and m.get("mtype") == "seg"] if seg_src is not None \
                else []
            if mrks:
                tmrk = {m.get("mid"): m for m in tgt_el.iter() if local(m) == "mrk" and m.get("mtype") == "seg"} \
                    if tgt_el is not None else {}
                for k, m in enumerate(mrks, start=1):
                    mid = m.get("mid") or str(k)
                    t_el = tmrk.get(mid)
                    sc, tc = {}, {}
                    out.append(XliffUnit(f"{uid}/{mid}", uid, mid, tu, m, t_el, inline_text(m, sc),
                                         inline_text(t_el, tc) if t_el is not None else "", m.sourceline, fid,
                                         sc, tc))
                continue
            sc, tc = {}, {}
            out.append(XliffUnit(uid, uid, None, tu, src_el, tgt_el, inline_text(src_el, sc),
                                 inline_text(tgt_el, tc) if tgt_el is not None else "", tu.sourceline, fid, sc, tc))
    return out, src_lang, tgt_lang


def _units_2(path: str, root) -> tuple[list[XliffUnit], str | None, str | None]:
    out: list[XliffUnit] = []
    for file_el in (e for e in root.iter() if local(e) == "file"):
        fid = file_el.get("id") or file_el.get("original")
        for unit in (e for e in file_el.iter() if local(e) == "unit"):
            uid = unit.get("id")
            if not uid:
                raise InputError(path, "<unit> without an id attribute", line=unit.sourceline)
            if unit.get("translate") == "no":
                continue
            segs = _children(unit, "segment")
            for k, seg in enumerate(segs, start=1):
                src_el = next(iter(_children(seg, "source")), None)
                if src_el is None:
                    raise InputError(path, f"unit {uid!r} has a <segment> without <source>", line=seg.sourceline)
                tgt_el = next(iter(_children(seg, "target")), None)
                sid = seg.get("id")
                seg_id = uid if len(segs) == 1 else f"{uid}/{sid or k}"
                sc, tc = {}, {}
                out.append(XliffUnit(seg_id, uid, sid, unit, src_el, tgt_el, inline_text(src_el, sc),
                                     inline_text(tgt_el, tc) if tgt_el is not None else "", seg.sourceline, fid,
                                     sc, tc))
    return out, root.get("srcLang"), root.get("trgLang")


def read_xliff_document(path: str | Path, data: bytes | None = None) -> XliffDocument:
    """Parse an XLIFF 1.2 or 2.x file (see the module docstring); raises InputError on bad input."""
    p = str(path)
    tree = parse_xml(path, data)
    root = tree.getroot()
    if local(root) != "xliff":
        raise InputError(p, f"not an XLIFF file: the root element is <{local(root)}>, expected <xliff>",
                         line=root.sourceline)
    version = root.get("version") or ("2.0" if root.tag.startswith("{" + NS20) else "1.2")
    if version.startswith("1"):
        units, sl, tl = _units_12(p, root)
    elif version.startswith("2"):
        units, sl, tl = _units_2(p, root)
    else:
        raise InputError(p, f"unsupported XLIFF version {version!r} (1.2 and 2.x are read)", line=root.sourceline)
    if not units:
        raise InputError(p, "the XLIFF file has no translatable units")
    ids = [u.seg_id for u in units]
    if len(set(ids)) != len(ids):  # ids are unique per <file> only
        for u in units:
            u.seg_id = f"{u.file_id}#{u.seg_id}"
        seen: set[str] = set()
        for u in units:
            if u.seg_id in seen:
                raise InputError(p, f"duplicate unit id {u.seg_id!r}", line=u.line)
            seen.add(u.seg_id)
    return XliffDocument(p, tree, version, sl, tl, units)


def read_xliff(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None, **_: object
               ) -> list[Segment]:
    """Segments of an XLIFF file, in file order, ids from the file."""
    return read_xliff_document(path).segments(src_lang, tgt_lang)
