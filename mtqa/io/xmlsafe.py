"""Parsing untrusted XML (XLIFF, TMX) without reading, fetching or expanding anything else.

:func:`parse_xml` is the one way mtqa parses XML input:

1. A document whose bytes declare an entity (``<!ENTITY``, in ASCII-compatible
   encodings or UTF-16) is refused before any parser sees it: entity declarations
   have no business in translation files and are the vehicle of billion laughs
   (exponential expansion) and XXE (``<!ENTITY x SYSTEM "file:///etc/passwd">``,
   ``http://`` URLs).
2. lxml builds the tree with ``resolve_entities=False, no_network=True,
   load_dtd=False, huge_tree=False`` (libxml2's limits on depth and text size stay
   on), so it expands, opens and fetches nothing; a tree that still holds an entity
   declaration or reference is refused. Syntax errors become :class:`InputError`
   with libxml2's line and column.
3. defusedxml's expat reader (a streaming SAX pass, no tree) then refuses any entity
   declaration or external reference that step 1 could not see (another encoding).

A ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line without an internal subset is allowed
(real TMX files carry one) but never loaded.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from .errors import InputError

#: Encodings expat decodes itself; others are transcoded to UTF-8 for the checking pass.
_EXPAT_NATIVE = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_REFUSAL = ("which mtqa refuses to expand (entity-expansion and external-entity attacks: billion laughs, XXE); "
            "remove the DOCTYPE's internal subset")
_ENTITY_DECL = [b"<!ENTITY", "<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be")]


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; InputError for a missing file, a directory or an unreadable file."""
    p = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from None


def parse_xml(source: str | Path | bytes, data: bytes | None = None, *, path_for_errors: str | None = None) -> Any:
    """Parse untrusted XML into an lxml ``ElementTree``; nothing outside the document is read.

    ``parse_xml(path)`` reads the file; ``parse_xml(path, data)`` parses ``data`` and
    names ``path`` in messages; ``parse_xml(data_bytes, path_for_errors=...)`` likewise.
    Comments, processing instructions and CDATA are kept. Raises InputError (with line
    and column where known) for an unreadable or empty file, malformed XML (``malformed
    XML: ...``), an entity declaration (``declares entities``) or reference, an external
    reference, or input beyond libxml2's default limits (depth 256, 10 MB text nodes).
    """
    if data is not None:
        raw, where = bytes(data), path_for_errors or str(source)
    elif isinstance(source, (bytes, bytearray)):
        raw, where = bytes(source), path_for_errors or "<bytes>"
    else:
        where = path_for_errors or str(source)
        try:
            raw = read_bytes(source)
        except InputError as exc:
            raise InputError(where, exc.reason) from None
    if not raw.strip():
        raise InputError(where, "the file is empty (no XML)")
    for pattern in _ENTITY_DECL:
        at = raw.find(pattern)
        if at >= 0:
            nl = b"\n" if pattern == b"<!ENTITY" else ("\n".encode("utf-16-le") if pattern[1:2] == b"\x00"
                                                      else "\n".encode("utf-16-be"))
            raise InputError(where, f"the XML declares entities (<!ENTITY ...>), {_REFUSAL}",
                             line=raw.count(nl, 0, at) + 1)
    tree = _build_with_lxml(raw, where)
    _check_with_expat(raw, where)
    return tree


def local(el) -> str:
    """Element name without its namespace (``{urn:...}trans-unit`` -> ``trans-unit``); "" for comments/PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _check_with_expat(data: bytes, where: str) -> None:
    from xml.sax import SAXParseException
    from xml.sax.handler import ContentHandler

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    class Reader(DefusedExpatParser):
        def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
            if context is None:
                return 1  # the DOCTYPE's external subset (tmx14.dtd): skipped, never opened
            return super().defused_external_entity_ref_handler(context, base, sysid, pubid)

    data = _expat_readable(data, where)
    reader = Reader(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    reader.setContentHandler(ContentHandler())
    try:
        reader.parse(io.BytesIO(data))
    except SAXParseException as exc:
        raise InputError(where, f"malformed XML: {exc.getMessage()}", line=exc.getLineNumber(),
                         column=(exc.getColumnNumber() or 0) + 1) from None
    except DefusedXmlException as exc:
        line = _safe(reader.getLineNumber)
        column = _safe(reader.getColumnNumber)
        raise InputError(where, f"the XML declares entities or external references ({_describe(exc)}), "
                         f"{_REFUSAL}", line=line,
                         column=None if column is None else column + 1) from None


def _safe(getter) -> int | None:
    try:
        value = getter()
    except Exception:  # noqa: BLE001 - a position is a nicety
        return None
    return value if isinstance(value, int) and value >= 0 else None


def _describe(exc: Exception) -> str:
    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden
    if isinstance(exc, EntitiesForbidden):
        target = exc.sysid or exc.pubid
        kind = f"an external entity ({target})" if target else "an entity declaration"
        return f"{kind} <!ENTITY {exc.name} ...>"
    if isinstance(exc, ExternalReferenceForbidden):
        return f"an external reference to {exc.sysid or exc.pubid}"
    return str(exc)


def _expat_readable(data: bytes, where: str) -> bytes:
    """Expat knows few encodings: transcode others (GB2312, Big5, Shift_JIS, UTF-32...) to UTF-8 for the check."""
    import codecs
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            head = data.decode("utf-32").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(where, "malformed XML: not valid UTF-32 after a UTF-32 byte-order mark") from None
        return _DECLARED.sub(lambda mm: mm.group(0).replace(mm.group(1), b"UTF-8"), head[:512], count=1) + head[512:]
    m = _DECLARED.match(data[:512])
    if not m:
        return data
    declared = m.group(1).decode("ascii").lower()
    if declared in _EXPAT_NATIVE:
        return data
    try:
        text = data.decode(declared)
    except LookupError:
        raise InputError(where, f"the XML declaration names an unknown encoding {declared!r}", line=1) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(where, f"cannot decode byte 0x{data[exc.start]:02x} at byte offset {exc.start} as "
                         f"{declared} (the encoding its XML declaration names)", line=line) from None
    head = text.encode("utf-8")
    return _DECLARED.sub(lambda mm: mm.group(0).replace(mm.group(1), b"UTF-8"), head[:512], count=1) + head[512:]


def _build_with_lxml(data: bytes, where: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_blank_text=False, remove_comments=False, remove_pis=False,
                             strip_cdata=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        msg = str(exc.msg or exc).split(", line ")[0].strip()
        raise InputError(where, f"malformed XML: {msg}", line=line, column=column) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(where, f"the XML declares entities (<!ENTITY ...>), {_REFUSAL}", line=1)
    for node in root.iter(etree.Entity):
        raise InputError(where, f"the XML uses an entity it does not define (&{node.name};), {_REFUSAL}",
                         line=node.sourceline)
    return tree


#: Characters XML 1.0 cannot carry even as character references (C0 controls but tab, LF, CR;
#: lone surrogates; U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe_text(text: str) -> str:
    """``text`` with characters XML 1.0 cannot hold replaced by U+FFFD, one for one.

    The length is unchanged, so character offsets (issue spans) stay valid. Writers
    use it for segment text, messages and suggestions; the ``encoding`` detector has
    already reported such characters as issues.
    """
    return _NOT_XML.sub("\ufffd", text)


def xml_safe_report(report: Any) -> Any:
    """A :class:`~mtqa.types.SegmentReport` whose strings XML can hold (see :func:`xml_safe_text`).

    Returns ``report`` itself when nothing needs replacing (the usual case).
    """
    from dataclasses import replace

    seg = report.segment
    texts = [seg.seg_id, seg.target, seg.source, seg.doc_id, seg.system, seg.reference, seg.src_lang, seg.tgt_lang]
    texts += [t for i in report.issues for t in (i.message, i.suggestion)]
    if not any(t and _NOT_XML.search(t) for t in texts):
        return report

    def fix(t):
        return None if t is None else xml_safe_text(t)

    seg = replace(seg, seg_id=fix(seg.seg_id), target=fix(seg.target), source=fix(seg.source),
                  doc_id=fix(seg.doc_id), system=fix(seg.system), reference=fix(seg.reference),
                  src_lang=fix(seg.src_lang), tgt_lang=fix(seg.tgt_lang))
    issues = tuple(replace(i, message=fix(i.message), suggestion=fix(i.suggestion)) for i in report.issues)
    return replace(report, segment=seg, issues=issues)
