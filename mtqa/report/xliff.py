"""XLIFF 1.2 and 2.1 reports with W3C ITS 2.0 quality annotations.

Two uses:

* ``mtqa score DOC --format xliff`` (1.2) / ``--format xliff2`` (2.1) on any input builds a fresh
  XLIFF document, one unit per segment (:class:`Xliff12Writer`, :class:`Xliff21Writer`; streaming).
  Unit ids are the segment ids made XML-safe; the original id is kept in ``resname`` (1.2) /
  ``name`` (2.1). Target-only input has no source text: ``<source>`` is empty and the source
  language is ``und`` (BCP 47 "undetermined") unless ``--src-lang`` names it.
* :func:`annotate_xliff` takes an existing XLIFF file and the reports keyed by unit id and writes
  the same file with the annotations added and nothing else changed.

The annotations themselves are described in :mod:`mtqa.report.xliff_its`.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import IO, Any, Mapping

from lxml import etree

from .. import __version__
from ..io.errors import InputError
from ..io.xmlsafe import xml_safe_report
from ..queue import DEFAULT_QUEUE, QueueConfig, band
from ..types import SegmentReport
from . import _usual_mode
from .base import Writer
from .its import ITS_NS, ITS_VERSION
from .xliff_its import (DIALECT_2, DIALECT_12, XML_NS, AnnotateStats, Annotator, Dialect, Segmentation,
                        annotate_tree, dialect_of, safe_parser, unit_id_for)

_STATE_12 = {"accept": "translated", "light": "needs-review-translation", "full": "needs-review-translation",
             "retranslate": "needs-translation"}
_XMLNS_ATTRS = re.compile(r'^(<[^\s>/]+)((?:\s+xmlns(?::[\w.\-]+)?="[^"]*")+)')


def _attr(value: str) -> str:
    """Escape a value for a double-quoted XML attribute."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\t", "&#9;").replace("\r", "&#13;"))


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _XliffWriter(Writer):
    """Shared streaming machinery: header on ``begin``, one unit per ``write``, footer on ``end``.

    Options: ``queue_config`` (:class:`mtqa.queue.QueueConfig`) for the band in notes and states.
    """

    dialect: Dialect
    extension = ".xlf"

    def begin(self, meta: dict[str, Any]) -> None:
        self.meta = meta
        self.queue: QueueConfig = self.options.get("queue_config") or DEFAULT_QUEUE
        self.src_lang = meta.get("src_lang") or "und"
        self.tgt_lang = meta.get("tgt_lang") or "en"
        self.ann = Annotator(self.dialect, (), self.queue)
        self._ctx = etree.Element(self.dialect.q("xliff"), nsmap={None: self.dialect.ns, "its": ITS_NS})
        self._doc: str | None = None
        self._file_open = False
        self._file_ids: set[str] = set()
        self._unit_ids: set[str] = set()
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(self._root_start() + "\n")

    def _root_start(self) -> str:
        raise NotImplementedError

    def _open_file(self, doc: str) -> None:
        raise NotImplementedError

    def _close_file(self) -> None:
        raise NotImplementedError

    def _unit(self, report: SegmentReport, uid: str) -> tuple[etree._Element, etree._Element, etree._Element]:
        raise NotImplementedError

    def write(self, report: SegmentReport) -> None:
        report = xml_safe_report(report)  # NUL and other controls XML 1.0 cannot hold become U+FFFD
        doc = report.segment.doc_id or str(self.meta.get("input") or "document")
        if not self._file_open or doc != self._doc:
            if self._file_open:
                self._close_file()
            self._doc = doc
            self._unit_ids = set()
            self._open_file(doc)
            self._file_open = True
        uid = unit_id_for(report.segment.seg_id, self._unit_ids)
        unit, src, tgt = self._unit(report, uid)
        self._ctx.append(unit)
        self.ann.annotate_unit(unit, [(Segmentation(uid, src, tgt), report)])
        xml = etree.tostring(unit, encoding="unicode")
        self._ctx.remove(unit)
        # the namespaces are declared once, on <xliff>: drop the copies lxml puts on a detached unit
        xml = _XMLNS_ATTRS.sub(r"\1", xml, count=1)
        self.out.write(self._indent + xml + "\n")

    def end(self, summary: dict[str, Any]) -> None:
        if not self._file_open:
            self._open_file(str(self.meta.get("input") or "document"))
            self._file_open = True
        self._close_file()
        self.out.write("</xliff>\n")

    @property
    def stats(self) -> AnnotateStats:
        """Counts of what was annotated (after ``end``)."""
        return self.ann.stats

    def _file_id(self, doc: str) -> str:
        return unit_id_for(Path(doc).name or "f", self._file_ids)

    def _meta_note(self) -> str:
        note = f"mtqa {__version__} report; {self.meta.get('signature', '')}"
        if self.meta.get("note"):
            note += f"; {self.meta['note']}"
        return note


class Xliff12Writer(_XliffWriter):
    """XLIFF 1.2 (OASIS Standard, 1 February 2008): one ``<file>`` per document, one ``<trans-unit>``
    per segment, ITS 2.0 annotations as described in :mod:`mtqa.report.xliff_its`.

    ``<target state>`` follows the band: accept -> translated, light/full post-edit ->
    needs-review-translation, retranslate -> needs-translation.
    """

    name = "xliff"
    dialect = DIALECT_12
    _indent = "      "

    def _root_start(self) -> str:
        return (f'<xliff xmlns="{DIALECT_12.ns}" xmlns:its="{ITS_NS}" version="1.2" its:version="{ITS_VERSION}">')

    def _open_file(self, doc: str) -> None:
        self.out.write(f'  <file original="{_attr(doc)}" source-language="{_attr(self.src_lang)}" '
                       f'target-language="{_attr(self.tgt_lang)}" datatype="plaintext">\n'
                       f'    <header>\n'
                       f'      <tool tool-id="mtqa" tool-name="mtqa" tool-version="{_attr(__version__)}"/>\n'
                       f'      <note from="mtqa">{_text(self._meta_note())}</note>\n'
                       f'    </header>\n    <body>\n')

    def _close_file(self) -> None:
        self.out.write("    </body>\n  </file>\n")

    def _unit(self, report: SegmentReport, uid: str):
        d, s = self.dialect, report.segment
        unit = etree.Element(d.q("trans-unit"))
        unit.set("id", uid)
        unit.set("resname", s.seg_id)
        unit.set(f"{{{XML_NS}}}space", "preserve")
        unit.text = "\n        "
        src = etree.SubElement(unit, d.q("source"))
        src.set(f"{{{XML_NS}}}lang", s.src_lang or self.src_lang)
        src.text = s.source or ""
        src.tail = "\n        "
        tgt = etree.SubElement(unit, d.q("target"))
        tgt.set(f"{{{XML_NS}}}lang", s.tgt_lang or self.tgt_lang)
        tgt.set("state", _STATE_12[band(report, self.queue)])
        tgt.text = s.target
        tgt.tail = "\n      "
        return unit, src, tgt


class Xliff21Writer(_XliffWriter):
    """XLIFF 2.1 (OASIS Standard, 13 February 2018): one ``<file>`` per document, one ``<unit>`` with
    one ``<segment>`` per segment, ITS 2.0 annotations as described in :mod:`mtqa.report.xliff_its`."""

    name = "xliff2"
    dialect = DIALECT_2
    _indent = "    "

    def _root_start(self) -> str:
        return (f'<xliff xmlns="{DIALECT_2.ns}" xmlns:its="{ITS_NS}" version="2.1" srcLang="{_attr(self.src_lang)}" '
                f'trgLang="{_attr(self.tgt_lang)}" its:version="{ITS_VERSION}">')

    def _open_file(self, doc: str) -> None:
        self.out.write(f'  <file id="{_attr(self._file_id(doc))}" original="{_attr(doc)}">\n'
                       f'    <notes>\n      <note category="mtqa">{_text(self._meta_note())}</note>\n    </notes>\n')

    def _close_file(self) -> None:
        self.out.write("  </file>\n")

    def _unit(self, report: SegmentReport, uid: str):
        d, s = self.dialect, report.segment
        unit = etree.Element(d.q("unit"))
        unit.set("id", uid)
        unit.set("name", s.seg_id)
        unit.set(f"{{{XML_NS}}}space", "preserve")
        unit.text = "\n      "
        seg = etree.SubElement(unit, d.q("segment"))
        seg.set("state", "translated")
        seg.text = "\n        "
        seg.tail = "\n    "
        src = etree.SubElement(seg, d.q("source"))
        src.text = s.source or ""
        src.tail = "\n        "
        tgt = etree.SubElement(seg, d.q("target"))
        tgt.text = s.target
        tgt.tail = "\n      "
        return unit, src, tgt


# --------------------------------------------------------------------------- annotate an existing file

_PROLOG = re.compile(r"\ufeff?(?:<\?xml.*?\?>)?"
                     r"(?:[ \t\r\n]+|<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\][ \t\r\n]*)?>)*", re.S)


def _split_epilog(text: str) -> int:
    """Offset where the trailing comments, PIs and whitespace after the root element begin."""
    end = len(text)
    while True:
        stripped = text[:end].rstrip(" \t\r\n")
        if stripped.endswith("-->"):
            end = stripped.rfind("<!--")
        elif stripped.endswith("?>"):
            end = stripped.rfind("<?")
        else:
            return len(stripped)
        if end < 0:
            return len(stripped)


def annotate_xliff(path: str | Path, reports: Mapping[str, SegmentReport], out: str | Path | IO[bytes] | None = None,
                   *, queue_config: QueueConfig | None = None, notes: bool = True) -> tuple[bytes, AnnotateStats]:
    """Write ``path`` (XLIFF 1.x or 2.0/2.1) back with mtqa's ITS annotations added.

    ``reports`` maps report keys to reports: the unit id, or ``"<unit id>::<segment id>"`` for
    units with several segments (:func:`mtqa.report.xliff_its.segmentations`). Each report's
    spans index the text :func:`mtqa.report.xliff_its.inline_text` gives for that segment.
    Everything outside the annotations is kept: prolog, DOCTYPE, comments, processing
    instructions, CDATA, entity references, inline codes, attribute order and the file's
    encoding (character references may come out as the characters they stand for).

    ``out``: a path (written atomically), a binary stream, or None (only returned). Returns the
    annotated bytes and :class:`~mtqa.report.xliff_its.AnnotateStats` (report keys that matched no
    unit are in ``missing_keys``). The input is parsed without entity resolution, DTD loading or
    network access. Raises InputError for unreadable, malformed or non-XLIFF input.
    """
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as exc:
        line, col = (exc.position if exc.position else (None, None))
        raise InputError(p, f"not well-formed XML: {exc.msg}", line=line, column=col) from None
    root = tree.getroot()
    d = dialect_of(root)
    if d is None:
        raise InputError(p, f"not an XLIFF 1.x or 2.0/2.1 document (root element {root.tag!r})")
    encoding = tree.docinfo.encoding or "UTF-8"
    stats = annotate_tree(root, d, dict(reports), queue_config or DEFAULT_QUEUE, notes)
    result = _serialize_like(data, encoding, root, tree)
    if out is not None:
        _write_bytes(out, result)
    return result, stats


def _serialize_like(data: bytes, encoding: str, root: etree._Element, tree: etree._ElementTree) -> bytes:
    """Serialize ``root`` spliced between the original prolog and epilog, in the original encoding."""
    codec = encoding.lower()
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        original = data.decode("utf-8-sig" if codec in ("utf-8", "utf8") else codec)
    except (LookupError, UnicodeDecodeError):
        original = None
    body = etree.tostring(root, encoding="unicode", with_tail=False)
    if original is not None:
        start = _PROLOG.match(original).end()  # type: ignore[union-attr]
        stop = _split_epilog(original)
        if original.startswith("<", start) and start < stop:
            text = original[:start] + body + original[stop:]
            out = text.encode(codec if codec not in ("utf-8", "utf8") else "utf-8", errors="xmlcharrefreplace")
            if bom and not out.startswith(b"\xef\xbb\xbf"):
                out = b"\xef\xbb\xbf" + out
            return out
    return etree.tostring(tree, encoding=encoding, xml_declaration=True)


def _write_bytes(out: str | Path | IO[bytes], data: bytes) -> None:
    if isinstance(out, (str, Path)):
        target = Path(out)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            _usual_mode(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    else:
        out.write(data)


class XliffAnnotateWriter(Writer):
    """Streaming front of :func:`annotate_xliff` for the CLI: buffers the reports (keyed by
    ``seg_id``) and writes the annotated original on ``end``. Options: ``original`` (the XLIFF
    path, required), ``queue_config``."""

    name = "xliff-annotate"
    extension = ".xlf"

    def begin(self, meta: dict[str, Any]) -> None:
        self.reports: dict[str, SegmentReport] = {}

    def write(self, report: SegmentReport) -> None:
        self.reports[report.segment.seg_id] = report

    def end(self, summary: dict[str, Any]) -> None:
        data, self.stats = annotate_xliff(self.options["original"], self.reports,
                                          queue_config=self.options.get("queue_config"))
        buf = getattr(self.out, "buffer", None)
        if buf is not None:
            self.out.flush()
            buf.write(data)
        else:
            self.out.write(data.decode("utf-8"))


__all__ = ["Xliff12Writer", "Xliff21Writer", "XliffAnnotateWriter", "annotate_xliff"]
