"""Reading bytes into text: BOMs, UTF-8, an explicit encoding, or detection."""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding used).

    Order: a byte-order mark wins; then ``encoding`` if given; then strict UTF-8;
    then charset-normalizer's best guess. Raises InputError naming the byte offset
    and line of the first undecodable byte when nothing fits. Line ends are kept
    as they are (offsets refer to the decoded text).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], name, path), name
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        return _strict(data, encoding, path), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return str(best), best.encoding
    raise _decode_error(data, first_error, "utf-8", path)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, encoding, path) from None


def _decode_error(data: bytes, exc: UnicodeDecodeError, encoding: str, path: str) -> InputError:
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(path, f"cannot decode byte 0x{data[exc.start]:02x} at byte offset {exc.start} as {encoding}; "
                      "pass --encoding (e.g. gb18030, big5, latin-1)", line=line)


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Read and decode a whole file (see :func:`decode_bytes`); InputError when unreadable."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror}") from None
    return decode_bytes(data, p, encoding)[0]
