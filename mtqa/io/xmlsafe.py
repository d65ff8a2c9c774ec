"""Parsing untrusted XML (XLIFF, TMX) safely with lxml.

The parser never expands entities, never loads a DTD and never touches the
network (``resolve_entities=False, load_dtd=False, no_network=True``,
``huge_tree=False``); a document that declares entities in its DTD is refused
outright, as defusedxml's ``forbid_entities`` does, since entity declarations
have no business in translation files and are the vehicle of billion-laughs and
external-entity (XXE) attacks. Syntax errors become :class:`InputError` with
the line and column.
"""
from __future__ import annotations

from pathlib import Path

from .errors import InputError


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
        raise InputError(p, f"cannot read: {exc.strerror}") from None


def parse_xml(path: str | Path, data: bytes | None = None):
    """Parse ``data`` (or the file at ``path``) into an lxml ElementTree.

    Raises InputError ``path:line:column: malformed XML: <reason>`` on a syntax
    error, and InputError when the document declares entities or is empty.
    """
    from lxml import etree
    p = str(path)
    raw = read_bytes(path) if data is None else data
    if not raw.strip():
        raise InputError(p, "the file is empty (no XML)")
    decl = raw.find(b"<!ENTITY")
    if decl < 0 and b"\x00" in raw[:4]:  # UTF-16/32: look for the declaration in decoded form
        decl = raw.find("<!ENTITY".encode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"))
    if decl >= 0:
        raise InputError(p, "the XML declares entities (<!ENTITY ...>), which mtqa refuses to expand "
                         "(entity-expansion and external-entity attacks); remove the DOCTYPE",
                         line=raw.count(b"\n", 0, decl) + 1)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        msg = str(exc.msg or exc).split(", line ")[0].strip()
        raise InputError(p, f"malformed XML: {msg}", line=line, column=column) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(p, "the XML declares entities (<!ENTITY ...>), which mtqa refuses to expand "
                         "(entity-expansion and external-entity attacks); remove the DOCTYPE", line=1)
    return tree


def local(el) -> str:
    """Element name without its namespace (``{urn:...}trans-unit`` -> ``trans-unit``); "" for comments/PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
