"""Readers for documents and segment tables, behind a registry keyed by format and extension.

:func:`read_document` picks a reader from ``fmt``, else from the file
extension (:data:`EXTENSIONS`), else from the content (:func:`sniff_format`).
Every reader returns segments in input order with stable ids and raises
:class:`InputError` (file, line, column) on bad input. :func:`open_input` (the
CLI's entry point) checks a whole input first and then streams plain text,
line-aligned text, JSONL and TSV/CSV segment by segment in bounded memory.

=========  ====================================  =====================================
format     extensions                            reader
=========  ====================================  =====================================
text       .txt, anything unrecognised           plain text; with ``source``: both
                                                 documents split into sentences and
                                                 aligned (``aligned=True``: line by line)
jsonl      .jsonl .ndjson                        one JSON object per line
tsv, csv   .tsv .tab / .csv                      header names the columns
xliff      .xlf .xliff .sdlxliff .mqxliff        XLIFF 1.2 / 2.x, unit ids kept
           .mxliff
tmx        .tmx                                  TMX 1.4
dataset    .parquet .pq, a save_to_disk folder   Hugging Face datasets (extra)
=========  ====================================  =====================================
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..registry import Registry
from ..types import Segment
from .errors import InputError
from .decode import TextEncoding, read_text, sniff_encoding
from .readers import (UNKNOWN, Document, SegmentList, Skipped, check_line_counts, open_document, read_jsonl,
                      read_line_aligned, read_parallel_lines, read_table, read_text_document)

READERS: Registry = Registry("reader")
for _name, _target, _extra in [
    ("text", "mtqa.io.readers:read_text_input", None),
    ("jsonl", "mtqa.io.readers:read_jsonl", None),
    ("tsv", "mtqa.io.readers:read_tsv", None),
    ("csv", "mtqa.io.readers:read_csv", None),
    ("xliff", "mtqa.io.xliff:read_xliff", None),
    ("tmx", "mtqa.io.tmx:read_tmx", None),
    ("dataset", "mtqa.io.corpus:read_dataset", "datasets"),
]:
    READERS.add(_name, _target, _extra)

FORMATS = tuple(READERS.names())
#: File extension -> format.
EXTENSIONS = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv",
              ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff", ".mxliff": "xliff",
              ".tmx": "tmx", ".parquet": "dataset", ".pq": "dataset"}
#: Formats whose files name their own source (``--source`` is refused for them).
SELF_CONTAINED = frozenset({"jsonl", "tsv", "csv", "xliff", "tmx", "dataset"})
_EXT = EXTENSIONS  # backwards-compatible name


def sniff_format(path: str | Path) -> str:
    """Format from the first bytes: ``<xliff``/``<tmx`` roots, a JSON object per line, tabs; else text."""
    p = Path(path)
    from .corpus import is_saved_dataset
    if is_saved_dataset(p):
        return "dataset"
    if not p.is_file():
        return "text"  # a pipe can be read only once: the reader copies it (name --input-format for others)
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "text"
    text = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip()
    low = text[:4096].lower()
    if low.startswith("<"):
        if "<xliff" in low:
            return "xliff"
        if "<tmx" in low:
            return "tmx"
    first = text.splitlines()[0] if text else ""
    if first.startswith("{") and first.rstrip().endswith("}"):
        return "jsonl"
    return "text"


def guess_format(path: str | Path) -> str:
    """Format from the extension (:data:`EXTENSIONS`), else from the content (:func:`sniff_format`)."""
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is not None and fmt != "text":
        return fmt
    return sniff_format(path) if Path(path).exists() else (fmt or "text")


def read_document(path: str | Path, fmt: str | None = None, source: str | Path | None = None,
                  src_lang: str | None = None, tgt_lang: str | None = None, encoding: str | None = None,
                  *, aligned: bool = False, align_method: str = "auto", detect_languages: bool = False,
                  **columns) -> list[Segment]:
    """Read ``path`` into segments, in file order.

    ``fmt``: one of :data:`FORMATS` (guessed when None). Plain text without
    ``source`` is target-only and split into sentences; with a ``source`` file
    both are split into sentences and aligned (``mtqa.align``; ``align_method``
    auto | embedding | length), or paired line by line with ``aligned=True``.
    ``detect_languages``: fill a missing source/target language from the text
    (``mtqa.langdetect``) instead of assuming English for the target.
    ``columns``: ``source_col``, ``target_col``, ``id_col`` (tables, JSONL,
    datasets), ``split`` (datasets). Raises InputError on bad input and
    :class:`mtqa.registry.MissingDependency` when a format's extra is missing.
    """
    fmt = fmt or guess_format(path)
    if fmt not in READERS:
        raise InputError(str(path), f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if source is not None and fmt in SELF_CONTAINED:
        raise InputError(str(source), f"--source goes with plain-text documents; a {fmt} file carries its own source")
    reader = READERS.get(fmt)
    want_tgt = tgt_lang if tgt_lang or not detect_languages else UNKNOWN
    kwargs = dict(src_lang=src_lang, tgt_lang=want_tgt, encoding=encoding, **columns)
    if fmt == "text":
        kwargs.update(source=source, aligned=aligned, align_method=align_method, detect_languages=detect_languages)
    segments = reader(path, **kwargs)
    meta = getattr(segments, "meta", {})
    return SegmentList(_fill_languages(list(segments), detect_languages), meta)




def open_input(path: str | Path, fmt: str | None = None, source: str | Path | None = None,
               src_lang: str | None = None, tgt_lang: str | None = None, encoding: str | None = None,
               *, aligned: bool = False, align_method: str = "auto", detect_languages: bool = False,
               skip_bad: bool = False, **columns) -> Document:
    """Check ``path`` end to end and return a :class:`Document` that yields its segments in order.

    Arguments as :func:`read_document`; ``skip_bad`` leaves out bad JSONL lines and
    table rows (listed in ``Document.skipped``). Plain text (target-only, or with
    ``source`` and ``aligned``), JSONL and TSV/CSV are streamed in bounded memory
    (see :func:`mtqa.io.readers.open_document`); XLIFF, TMX, datasets and two
    documents to align sentence by sentence are read whole by :func:`read_document`.
    Raises InputError on bad input, before any segment is handed out.
    """
    fmt = fmt or guess_format(path)
    if fmt not in READERS:
        raise InputError(str(path), f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if source is not None and fmt in SELF_CONTAINED:
        raise InputError(str(source), f"--source goes with plain-text documents; a {fmt} file carries its own source")
    if fmt in ("jsonl", "tsv", "csv") or (fmt == "text" and (source is None or aligned)):
        return open_document(path, fmt, source, src_lang, tgt_lang, encoding, skip_bad,
                             detect_languages=detect_languages, **columns)
    segs = read_document(path, fmt, source, src_lang, tgt_lang, encoding, aligned=aligned, align_method=align_method,
                         detect_languages=detect_languages, **columns)
    enc = sniff_encoding(path, encoding) if fmt == "text" else None
    senc = sniff_encoding(source, encoding) if source is not None else None
    return Document(str(path), fmt, enc, None if source is None else str(source), senc, segments=len(segs),
                    has_source=any(s.source is not None for s in segs),
                    tgt_lang=segs[0].tgt_lang if segs else None,
                    src_lang=next((s.src_lang for s in segs if s.src_lang), None),
                    extra=dict(getattr(segs, "meta", {})), _read=lambda: iter(segs))


def _fill_languages(segments: list[Segment], detect: bool) -> list[Segment]:
    tgt_unknown = [s for s in segments if s.tgt_lang == UNKNOWN]
    src_unknown = [s for s in segments if s.src_lang is None and s.source]
    if not tgt_unknown and not (detect and src_unknown):
        return segments
    from ..langdetect import detect_language
    src = detect_language(s.source for s in src_unknown) if detect and src_unknown else None
    known_src = src or next((s.src_lang for s in segments if s.src_lang), None)
    tgt = (detect_language((s.target for s in tgt_unknown), exclude=known_src) if detect and tgt_unknown
           else None) or "en"
    return [replace(s, tgt_lang=tgt if s.tgt_lang == UNKNOWN else s.tgt_lang,
                    src_lang=src if s.src_lang is None and s.source else s.src_lang) for s in segments]


__all__ = ["EXTENSIONS", "FORMATS", "READERS", "Document", "InputError", "Skipped", "TextEncoding",
           "check_line_counts", "guess_format", "open_input", "read_document", "read_jsonl", "read_line_aligned",
           "read_table", "read_text", "read_text_document", "read_parallel_lines", "sniff_encoding", "sniff_format"]
