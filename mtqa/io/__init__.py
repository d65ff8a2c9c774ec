"""Readers for documents and segment tables; :func:`read_document` picks one by format."""
from __future__ import annotations

from pathlib import Path

from ..types import Segment
from .errors import InputError
from .readers import read_jsonl, read_parallel_lines, read_table, read_text_document

FORMATS = ("text", "jsonl", "tsv", "csv")
_EXT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv"}


def guess_format(path: str | Path) -> str:
    """Format from the extension; plain text for anything else."""
    return _EXT.get(Path(path).suffix.lower(), "text")


def read_document(path: str | Path, fmt: str | None = None, source: str | Path | None = None,
                  src_lang: str | None = None, tgt_lang: str | None = None, encoding: str | None = None,
                  **columns) -> list[Segment]:
    """Read ``path`` into segments, in file order.

    ``fmt``: text | jsonl | tsv | csv (guessed from the extension when None).
    Plain text without ``source`` is target-only and split into sentences; with a
    ``source`` file the two are paired line by line. Raises InputError on bad input.
    """
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise InputError(str(path), f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "text":
        if source is not None:
            return read_parallel_lines(path, source, src_lang, tgt_lang, encoding)
        segs = read_text_document(path, tgt_lang or "en", encoding)
        if src_lang:
            from dataclasses import replace
            segs = [replace(s, src_lang=src_lang) for s in segs]
        return segs
    if source is not None:
        raise InputError(str(source), f"--source goes with plain-text documents; a {fmt} file carries its own source")
    if fmt == "jsonl":
        return read_jsonl(path, src_lang, tgt_lang, encoding, **columns)
    return read_table(path, "\t" if fmt == "tsv" else ",", src_lang, tgt_lang, encoding, **columns)


__all__ = ["FORMATS", "InputError", "guess_format", "read_document", "read_jsonl", "read_table",
           "read_text_document", "read_parallel_lines"]
