"""Readers for documents and segment tables; :func:`read_document` picks one by format.

:func:`open_document` is the streaming entry point (the CLI's): it checks the
whole input first, then reads it again segment by segment in bounded memory.
"""
from __future__ import annotations

from pathlib import Path

from ..types import Segment
from .decode import TextEncoding, read_text, sniff_encoding
from .errors import InputError
from .readers import (Document, Skipped, check_line_counts, open_document, read_jsonl, read_line_aligned,
                      read_parallel_lines, read_table, read_text_document)

FORMATS = ("text", "jsonl", "tsv", "csv")
_EXT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv"}


def guess_format(path: str | Path) -> str:
    """Format from the extension; plain text for anything else."""
    return _EXT.get(Path(path).suffix.lower(), "text")


def open_input(path: str | Path, fmt: str | None = None, source: str | Path | None = None,
               src_lang: str | None = None, tgt_lang: str | None = None, encoding: str | None = None,
               skip_bad: bool = False, **columns) -> Document:
    """Check ``path`` end to end and return a :class:`Document` that streams its segments.

    ``fmt``: text | jsonl | tsv | csv (guessed from the extension when None).
    Plain text without ``source`` is target-only and split into sentences; with a
    ``source`` file the two are paired line by line. Raises InputError on bad input
    (see :func:`open_document`).
    """
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise InputError(str(path), f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if source is not None and fmt != "text":
        raise InputError(str(source), f"--source goes with plain-text documents; a {fmt} file carries its own source")
    return open_document(path, fmt, source, src_lang, tgt_lang, encoding, skip_bad, **columns)


def read_document(path: str | Path, fmt: str | None = None, source: str | Path | None = None,
                  src_lang: str | None = None, tgt_lang: str | None = None, encoding: str | None = None,
                  **columns) -> list[Segment]:
    """Read ``path`` into segments, in file order (all in memory; see :func:`open_input` to stream).

    ``fmt``: text | jsonl | tsv | csv (guessed from the extension when None).
    Plain text without ``source`` is target-only and split into sentences; with a
    ``source`` file the two are paired line by line. Raises InputError on bad input.
    """
    return list(open_input(path, fmt, source, src_lang, tgt_lang, encoding, **columns))


__all__ = ["FORMATS", "Document", "InputError", "Skipped", "TextEncoding", "check_line_counts", "guess_format",
           "open_input", "read_document", "read_jsonl", "read_line_aligned", "read_table", "read_text",
           "read_text_document", "read_parallel_lines", "sniff_encoding"]
