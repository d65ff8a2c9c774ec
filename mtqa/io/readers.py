"""Readers: plain-text documents, JSONL and TSV/CSV segment tables."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..segment import split_document
from ..types import Segment
from .decode import read_text
from .errors import InputError

#: Language code readers give a segment whose file and caller name none; ``read_document`` replaces it
#: by the detected language (or "en").
UNKNOWN = "und"

SOURCE_KEYS = ("source", "src", "original")
TARGET_KEYS = ("target", "mt", "translation", "hyp", "hypothesis", "tgt")
ID_KEYS = ("id", "seg_id", "segid", "index")


def doc_id_for(path: str | Path) -> str:
    """Document id from a file name: ``corpora/luoshan-county.en.txt`` -> ``luoshan-county.en``."""
    name = Path(path).name
    return name[:-4] if name.endswith(".txt") else name


def read_text_document(path: str | Path, tgt_lang: str = "en", encoding: str | None = None) -> list[Segment]:
    """A plain-text document in target-only mode: split into sentence and heading segments.

    Raises InputError for an unreadable, undecodable or empty file.
    """
    text = read_text(path, encoding)
    if not text.strip():
        raise InputError(str(path), "the file is empty (no text to check)")
    return split_document(text, tgt_lang, doc_id_for(path))


def _pick(row: dict, keys: tuple[str, ...], explicit: str | None) -> str | None:
    if explicit:
        return explicit if explicit in row else None
    lower = {k.lower(): k for k in row}
    return next((lower[k] for k in keys if k in lower), None)


def _segment(row: dict, path: str, line: int, n: int, src_lang, tgt_lang, source_col, target_col, id_col,
             doc_id: str) -> Segment:
    tcol = _pick(row, TARGET_KEYS, target_col)
    if tcol is None:
        raise InputError(path, f"no target column (looked for {target_col or ', '.join(TARGET_KEYS)}); "
                         "name it with --target-col", line=line)
    scol = _pick(row, SOURCE_KEYS, source_col)
    icol = _pick(row, ID_KEYS, id_col)
    target = row[tcol]
    source = row[scol] if scol else None
    for name, val in (("target", target), ("source", source)):
        if val is not None and not isinstance(val, str):
            raise InputError(path, f"{name} must be a string, got {type(val).__name__}", line=line)
    seg_id = str(row[icol]) if icol and row[icol] not in (None, "") else str(n)
    return Segment(seg_id=seg_id, target=target, source=source,
                   src_lang=(row.get("src_lang") or src_lang), tgt_lang=(row.get("tgt_lang") or tgt_lang or "en"),
                   doc_id=row.get("doc_id") or doc_id, system=row.get("system"), reference=row.get("reference"),
                   line=line)


def read_jsonl(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None, source_col: str | None = None, target_col: str | None = None,
               id_col: str | None = None, **_: object) -> list[Segment]:
    """One JSON object per line (``id``, ``source``, ``target``, optional ``src_lang``/``tgt_lang``).

    Blank lines are skipped; a line that is not a JSON object raises InputError with its number.
    """
    p = str(path)
    text = read_text(path, encoding)
    segments: list[Segment] = []
    for line_no, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(p, f"not valid JSON: {exc.msg}", line=line_no, column=exc.colno) from None
        if not isinstance(row, dict):
            raise InputError(p, f"expected a JSON object, got {type(row).__name__}", line=line_no)
        segments.append(_segment(row, p, line_no, len(segments) + 1, src_lang, tgt_lang, source_col, target_col,
                                 id_col, doc_id_for(path)))
    if not segments:
        raise InputError(p, "the file has no segments")
    return segments


def read_table(path: str | Path, delimiter: str = "\t", src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None, source_col: str | None = None, target_col: str | None = None,
               id_col: str | None = None, **_: object) -> list[Segment]:
    """TSV/CSV with a header naming the columns; without a header, 2 columns are source, target.

    Raises InputError for rows whose cell count differs from the header's.
    """
    p = str(path)
    text = read_text(path, encoding)
    rows_with_line: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        rows_with_line.append((reader.line_num, row))
    rows_with_line = [(ln, r) for ln, r in rows_with_line if any(c.strip() for c in r)]
    if not rows_with_line:
        raise InputError(p, "the file has no rows")
    header = [c.strip() for c in rows_with_line[0][1]]
    known = {k for k in SOURCE_KEYS + TARGET_KEYS + ID_KEYS} | {source_col, target_col, id_col}
    if any(h.lower() in known or h in known for h in header):
        body = rows_with_line[1:]
    else:
        width = len(header)
        if width not in (1, 2):
            raise InputError(p, f"no header and {width} columns; add a header row naming the source and target "
                             "columns", line=rows_with_line[0][0])
        header = ["target"] if width == 1 else ["source", "target"]
        body = rows_with_line
    segments = []
    for line_no, row in body:
        if len(row) != len(header):
            raise InputError(p, f"{len(row)} cells where the header has {len(header)}", line=line_no)
        segments.append(_segment(dict(zip(header, row)), p, line_no, len(segments) + 1, src_lang, tgt_lang,
                                 source_col, target_col, id_col, doc_id_for(path)))
    if not segments:
        raise InputError(p, "the file has a header but no segments")
    return segments


def read_parallel_lines(target_path: str | Path, source_path: str | Path, src_lang: str | None = None,
                        tgt_lang: str | None = None, encoding: str | None = None) -> list[Segment]:
    """Two line-aligned plain-text files: line i of the source pairs with line i of the target.

    Raises InputError naming both counts when the files have different numbers of lines.
    """
    tgt_lines = read_text(target_path, encoding).splitlines()
    src_lines = read_text(source_path, encoding).splitlines()
    if len(tgt_lines) != len(src_lines):
        raise InputError(str(target_path), f"line counts differ: {len(src_lines)} source ({source_path}) vs "
                         f"{len(tgt_lines)} target; line-aligned files (--aligned) must have the same number of "
                         "lines; leave out --aligned to align sentences")
    if not tgt_lines:
        raise InputError(str(target_path), "the file is empty (no text to check)")
    doc = doc_id_for(target_path)
    return [Segment(seg_id=f"{doc}:{i}", target=t, source=s, src_lang=src_lang, tgt_lang=tgt_lang or "en",
                    doc_id=doc, line=i) for i, (s, t) in enumerate(zip(src_lines, tgt_lines), start=1)]


class SegmentList(list):
    """A list of segments with ``meta``: how they were read (alignment method, detected languages)."""

    def __init__(self, items=(), meta: dict | None = None) -> None:
        super().__init__(items)
        self.meta: dict = dict(meta or {})


def read_tsv(path: str | Path, **kw) -> list[Segment]:
    """TSV with a header (see :func:`read_table`)."""
    return read_table(path, "\t", **kw)


def read_csv(path: str | Path, **kw) -> list[Segment]:
    """CSV with a header (see :func:`read_table`)."""
    return read_table(path, ",", **kw)


def read_text_input(path: str | Path, source: str | Path | None = None, src_lang: str | None = None,
                    tgt_lang: str | None = None, encoding: str | None = None, aligned: bool = False,
                    align_method: str = "auto", detect_languages: bool = False, **_: object) -> list[Segment]:
    """Plain text: target-only (split into sentences), or a source document and its translation.

    With ``source``: both documents are split into sentences and aligned
    (``mtqa.align.align_documents``; unmatched sentences become 1-0 / 0-1
    segments), or paired line by line when ``aligned`` (InputError when the
    line counts differ). ``tgt_lang`` ``"und"`` / ``src_lang`` None with
    ``detect_languages``: detected from the text. Returns a :class:`SegmentList`
    whose ``meta`` names the alignment method used.
    """
    target_text = read_text(path, encoding)
    if not target_text.strip():
        raise InputError(str(path), "the file is empty (no text to check)")
    meta: dict = {}
    source_text = None
    if source is not None:
        source_text = read_text(source, encoding)
        if not source_text.strip():
            raise InputError(str(source), "the source file is empty (no text to compare with)")
        if src_lang is None and detect_languages:
            from ..langdetect import detect_language
            src_lang = detect_language([source_text])
            meta["src_lang_detected"] = src_lang
    if tgt_lang == UNKNOWN:
        from ..langdetect import detect_language
        tgt_lang = detect_language([target_text], exclude=src_lang) or "en"
        meta["tgt_lang_detected"] = tgt_lang
    if source is None:
        segs = split_document(target_text, tgt_lang or "en", doc_id_for(path))
        if src_lang:
            from dataclasses import replace
            segs = [replace(s, src_lang=src_lang) for s in segs]
        return SegmentList(segs, meta)
    if aligned:
        return SegmentList(read_parallel_lines(path, source, src_lang, tgt_lang, encoding), meta | {
            "alignment": "lines"})
    from ..align import align_documents
    segs, al = align_documents(source_text, target_text, src_lang, tgt_lang or "en", doc_id_for(path),
                               method=align_method)
    kinds: dict[str, int] = {}
    for b in al.beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    return SegmentList(segs, meta | {"alignment": al.method, "beads": kinds})
