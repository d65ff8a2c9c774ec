"""Readers: plain-text documents (target-only, line-aligned or sentence-aligned), JSONL and TSV/CSV tables.

Every reader streams: ``iter_*`` functions yield segments as they read, holding
one line (or one paragraph) at a time. :func:`open_document` checks a whole input
first — encoding, line counts, every JSON line or table row — so that bad input
is reported before any report is written; iterating the :class:`Document` it
returns then reads the file again. The ``read_*`` functions return lists, for
callers that want everything in memory.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from ..segment import iter_segments
from ..types import Segment
from .decode import TextEncoding, iter_lines, open_text, read_text, sniff_encoding
from .errors import InputError

#: Language code readers give a segment whose file and caller name none; ``read_document`` replaces it
#: by the detected language (or "en").
UNKNOWN = "und"
#: Characters of text sampled to detect a language (``mtqa.langdetect`` reads no more).
LANGUAGE_SAMPLE = 4000

SOURCE_KEYS = ("source", "src", "original")
TARGET_KEYS = ("target", "mt", "translation", "hyp", "hypothesis", "tgt")
ID_KEYS = ("id", "seg_id", "segid", "index")
#: Optional string fields of a segment record, besides source and target.
_TEXT_FIELDS = ("src_lang", "tgt_lang", "doc_id", "system", "reference")
#: Skipped records listed one by one in report metadata; more are only counted.
MAX_LISTED_SKIPS = 1000


@dataclass(frozen=True)
class Skipped:
    """A record left out under ``skip_bad``: its 1-based line in the file and why."""

    line: int
    reason: str

    def to_dict(self) -> dict:
        return {"line": self.line, "reason": self.reason}


@dataclass
class Document:
    """An input checked end to end and ready to stream (see :func:`open_document`).

    Iterating yields the segments in file order, reading the file again each time.
    ``segments`` is their number; ``tgt_lang``/``src_lang`` the first ones given (by the
    caller or the records); ``skipped`` lists records left out under ``skip_bad``.
    """

    path: str
    fmt: str
    encoding: TextEncoding | None
    source_path: str | None = None
    source_encoding: TextEncoding | None = None
    segments: int | None = None
    has_source: bool = False
    tgt_lang: str | None = None
    src_lang: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # how it was read: alignment, detected languages
    _read: Callable[[], Iterator[Segment]] | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[Segment]:
        assert self._read is not None
        return self._read()

    def meta(self) -> dict:
        """Report metadata about the input: encodings used, lines, skipped records, alignment, languages."""
        d: dict = {}
        if self.encoding is not None:
            d["encoding"] = self.encoding.describe()
            d["lines"] = self.encoding.lines
        if self.source_encoding is not None:
            d["source_encoding"] = self.source_encoding.describe()
        d.update(self.extra)
        if self.skipped:
            d["skipped"] = len(self.skipped)
            d["skipped_records"] = [s.to_dict() for s in self.skipped[:MAX_LISTED_SKIPS]]
        return d


def doc_id_for(path: str | Path) -> str:
    """Document id from a file name: ``corpora/luoshan-county.en.txt`` -> ``luoshan-county.en``.

    Bytes of a file name that are not UTF-8 (kept by Python as lone surrogates) become U+FFFD.
    """
    name = no_surrogates(Path(path).name)
    return name[:-4] if name.endswith(".txt") else name


#: A language code as mtqa accepts it: ISO 639 (2-3 letters), optionally with BCP 47 subtags.
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, one for one (offsets are kept).

    JSON may escape them (``"\\udffc"``) and Python keeps undecodable file-name bytes
    as them, but no UTF-8 output can hold them: the report could not be written.
    The ``encoding`` detector then reports the U+FFFD as a lost character.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


# --- opening and checking ---------------------------------------------------------------------------------------

def open_document(path: str | Path, fmt: str, source: str | Path | None = None, src_lang: str | None = None,
                  tgt_lang: str | None = None, encoding: str | None = None, skip_bad: bool = False,
                  detect_languages: bool = False, **columns) -> Document:
    """Check ``path`` (and ``source``) end to end and return a streaming :class:`Document`.

    ``fmt``: text | jsonl | tsv | csv; a plain-text ``source`` is paired line by line
    (sentence alignment, which needs both documents whole, is :func:`read_text_input`'s).
    Memory stays bounded whatever the file size. Raises InputError, naming the file and
    line, for anything that would stop the read half-way: undecodable bytes, an empty
    file, unequal line counts of line-aligned files, a bad JSON line or table row
    (unless ``skip_bad``: then the record is left out and listed in ``Document.skipped``).
    ``detect_languages``: a target language neither given nor in the records is detected
    from the first ``LANGUAGE_SAMPLE`` characters (``mtqa.langdetect``), as is a missing
    source language; otherwise the target language defaults to English.
    """
    p = str(path)
    enc = sniff_encoding(p, encoding)
    if fmt == "text":
        if source is None and enc.blank:
            raise InputError(p, "the file is empty (no text to check)")
        senc = None
        if source is not None:
            s = str(source)
            senc = sniff_encoding(s, encoding)
            check_line_counts([(s, senc.lines), (p, enc.lines)], roles=("source", "target"), blame=p,
                              hint="leave out --aligned to align sentences instead")
            if enc.lines == 0:
                raise InputError(p, "the file is empty (no text to check)")
        extra: dict = {}
        if detect_languages and src_lang is None and senc is not None:
            from ..langdetect import detect_language
            src_lang = detect_language([_text_sample(senc, s)])
            extra["src_lang_detected"] = src_lang
        if detect_languages and not tgt_lang:
            from ..langdetect import detect_language
            tgt_lang = detect_language([_text_sample(enc, p)], exclude=src_lang) or "en"
            extra["tgt_lang_detected"] = tgt_lang
        lang = tgt_lang or "en"
        if senc is not None:
            extra["alignment"] = "lines"
            return Document(p, fmt, enc, s, senc, segments=enc.lines, has_source=True, tgt_lang=lang,
                            src_lang=src_lang, extra=extra,
                            _read=lambda: _iter_parallel(p, enc, s, senc, src_lang, lang))

        def split() -> Iterator[Segment]:
            return iter_segments(iter_lines(enc, p), lang, doc_id_for(p), src_lang)
        count = sum(1 for _ in split())  # the sentence splitter is about 3% of the scoring time
        return Document(p, fmt, enc, segments=count, tgt_lang=lang, src_lang=src_lang, extra=extra, _read=split)
    want = tgt_lang or (UNKNOWN if detect_languages else None)
    if fmt == "jsonl":
        def read(skipped: list[Skipped] | None) -> Iterator[Segment]:
            return _iter_jsonl(p, enc, src_lang, want, skipped, **_columns(columns))
    elif fmt in ("tsv", "csv"):
        delimiter = "\t" if fmt == "tsv" else ","

        def read(skipped: list[Skipped] | None) -> Iterator[Segment]:
            return _iter_table(p, enc, delimiter, src_lang, want, skipped, **_columns(columns))
    else:
        raise InputError(p, f"unknown format {fmt!r}; choose from text, jsonl, tsv, csv")
    skipped: list[Skipped] = []
    count, has_source, first_lang, first_src = 0, False, None, None
    unknown_tgt: list[str] = []  # samples for language detection
    unknown_src: list[str] = []
    unknown_pairs: list[tuple[str, str]] = []  # rows that give neither language (to find mixed directions)
    sizes = [0, 0]
    for seg in read(skipped if skip_bad else None):  # the checking pass: nothing is kept but samples
        count += 1
        has_source = has_source or seg.source is not None
        first_lang = first_lang or (seg.tgt_lang if seg.tgt_lang != UNKNOWN else None)
        first_src = first_src or seg.src_lang
        if seg.tgt_lang == UNKNOWN and sizes[0] < LANGUAGE_SAMPLE and seg.target:
            unknown_tgt.append(seg.target)
            sizes[0] += len(seg.target)
        if detect_languages and seg.src_lang is None and seg.source and sizes[1] < LANGUAGE_SAMPLE:
            unknown_src.append(seg.source)
            sizes[1] += len(seg.source)
            if seg.tgt_lang == UNKNOWN and seg.target:
                unknown_pairs.append((seg.source, seg.target))
    if count == 0:
        what = "segments" if fmt == "jsonl" else "rows"
        raise InputError(p, f"the file has no {what}" + (f" ({len(skipped)} bad ones skipped)" if skipped else ""))
    extra = {}
    fill_tgt = fill_src = None
    if detect_languages:
        from ..langdetect import detect_language
        if unknown_src:
            fill_src = detect_language(unknown_src)
            extra["src_lang_detected"] = fill_src
        known_src = fill_src or first_src
        fill_tgt = (detect_language(unknown_tgt, exclude=known_src) if unknown_tgt else None) or "en"
        if unknown_tgt:
            extra["tgt_lang_detected"] = fill_tgt
        first_lang = first_lang or fill_tgt
        first_src = first_src or fill_src
    mixed = bool(fill_src and fill_src != fill_tgt and _mixes_directions(unknown_pairs, fill_tgt))
    if mixed:
        extra["directions"] = [f"{fill_src}-{fill_tgt}", f"{fill_tgt}-{fill_src}"]

    def stream() -> Iterator[Segment]:
        from ..langdetect import detect_language
        for seg in read([]):
            if mixed and seg.tgt_lang == UNKNOWN and seg.src_lang is None and seg.source \
                    and detect_language([seg.source]) == fill_tgt:
                seg = replace(seg, src_lang=fill_tgt, tgt_lang=fill_src)  # a row of the other direction
            if fill_tgt is not None and seg.tgt_lang == UNKNOWN:
                seg = replace(seg, tgt_lang=fill_tgt)
            if fill_src is not None and seg.src_lang is None and seg.source:
                seg = replace(seg, src_lang=fill_src)
            yield seg
    return Document(p, fmt, enc, segments=count, has_source=has_source, tgt_lang=first_lang, src_lang=first_src,
                    skipped=skipped, extra=extra, _read=stream)


def _mixes_directions(pairs: list[tuple[str, str]], tgt: str) -> bool:
    """Whether rows of a file detected as running into ``tgt`` also run out of it.

    ``pairs``: sampled (source, target) of rows that give neither language. True when at
    least 2 of them, and 10 % or more, have their source detected as ``tgt`` and their target
    not: a copy of the source in the target column is no reversal, nor is a short source that
    the detector mistakes for the target language beside a target in that language. (The
    target need not be detected as ``src``: lingua's trigram mode, used for speed, takes
    some short English sentences for Spanish.)"""
    from ..langdetect import detect_language
    back = sum(detect_language([s]) == tgt and detect_language([t]) != tgt for s, t in pairs)
    return back >= 2 and back >= 0.1 * len(pairs)


def _columns(columns: dict) -> dict:
    """The column options a table or JSONL reader takes (others, such as a dataset ``split``, are ignored)."""
    return {k: v for k, v in columns.items() if k in ("source_col", "target_col", "id_col")}


def _text_sample(enc: TextEncoding, path: str) -> str:
    with open_text(enc, path) as fh:
        return fh.read(LANGUAGE_SAMPLE)


def check_line_counts(files: Sequence[tuple[str, int]], roles: Sequence[str] | None = None,
                      blame: str | None = None, hint: str | None = None) -> None:
    """Raise InputError unless every (path, line count) pair has the same count.

    The error is on ``blame`` (default: the first file); the message names every file with
    its count and role, e.g. ``line counts differ: 3 hypothesis (hyp.txt) vs 4 reference
    (ref.txt)``, says where to look, and adds ``hint``. Lines are counted as
    :func:`mtqa.io.decode.sniff_encoding` does: a final line break or its absence does not
    change the count.
    """
    counts = {n for _, n in files}
    if len(counts) <= 1:
        return
    parts = [f"{n} {roles[i]} ({path})" if roles else f"{n} ({path})" for i, (path, n) in enumerate(files)]
    short = min(files, key=lambda f: f[1])
    raise InputError(blame or files[0][0], f"line counts differ: {' vs '.join(parts)}; line-aligned files need "
                     f"exactly one line per segment — check {short[0]} for a missing line (at the end?) and the "
                     "others for extra line breaks; nothing was scored" + (f"; {hint}" if hint else ""))


def read_line_aligned(paths: Sequence[str | Path], encoding: str | None = None,
                      roles: Sequence[str] | None = None) -> list[list[str]]:
    """Read line-aligned plain-text files (target/hypothesis, references, source): one list of lines per file.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (not at U+2028 or form feeds), breaks
    removed; a final line break does not add a line. Raises InputError before
    reading any text when the files' line counts differ (see :func:`check_line_counts`)
    or a file is unreadable or undecodable.
    """
    encs = [sniff_encoding(str(p), encoding) for p in paths]
    check_line_counts([(str(p), e.lines) for p, e in zip(paths, encs)], roles)
    return [[line.rstrip("\r\n") for line in iter_lines(e, str(p))] for p, e in zip(paths, encs)]


# --- the readers --------------------------------------------------------------------------------------------------

def _iter_parallel(target_path: str, tenc: TextEncoding, source_path: str, senc: TextEncoding,
                   src_lang: str | None, tgt_lang: str | None) -> Iterator[Segment]:
    doc = doc_id_for(target_path)
    n = 0
    for n, (t, s) in enumerate(zip(iter_lines(tenc, target_path), iter_lines(senc, source_path)), start=1):
        yield Segment(seg_id=f"{doc}:{n}", target=t.rstrip("\r\n"), source=s.rstrip("\r\n"), src_lang=src_lang,
                      tgt_lang=tgt_lang or "en", doc_id=doc, line=n)
    if n != tenc.lines:  # pragma: no cover - only if a file changed between the passes
        raise InputError(target_path, "the file changed while mtqa was reading it; run again")


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
    if target is None:
        raise InputError(path, "target is null; give an empty string for an empty translation", line=line)
    target = no_surrogates(target)
    source = None if source is None else no_surrogates(source)
    extra = {}
    for key in _TEXT_FIELDS:
        val = row.get(key)
        if val is not None and not isinstance(val, str):
            raise InputError(path, f"{key} must be a string, got {type(val).__name__}", line=line)
        extra[key] = no_surrogates(val) if val else None
    for key in ("src_lang", "tgt_lang"):
        if extra[key] is not None and not LANGUAGE_CODE.match(extra[key]):
            raise InputError(path, f"{key} {extra[key][:20]!r} is not a language code (zh, en, pt-BR...)", line=line)
    seg_id = no_surrogates(str(row[icol])) if icol and row[icol] not in (None, "") else str(n)
    return Segment(seg_id=seg_id, target=target, source=source,
                   src_lang=extra["src_lang"] or src_lang, tgt_lang=extra["tgt_lang"] or tgt_lang or "en",
                   doc_id=extra["doc_id"] or doc_id, system=extra["system"], reference=extra["reference"],
                   line=line)


def _iter_jsonl(p: str, enc: TextEncoding, src_lang: str | None, tgt_lang: str | None,
                skipped: list[Skipped] | None, source_col: str | None = None, target_col: str | None = None,
                id_col: str | None = None) -> Iterator[Segment]:
    """Yield a segment per non-blank line; a bad line raises InputError, or is recorded in ``skipped``."""
    doc = doc_id_for(p)
    n = 0  # records so far, skipped ones included: ids of later records do not shift
    for line_no, line in enumerate(iter_lines(enc, p), start=1):
        if not line.strip():
            continue
        n += 1
        try:
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(p, f"not valid JSON: {exc.msg}", line=line_no, column=exc.colno) from None
            except (ValueError, RecursionError) as exc:  # 5,000-digit numbers, 100,000 nested brackets
                raise InputError(p, f"not valid JSON: {type(exc).__name__}: {str(exc)[:100]}", line=line_no) from None
            if not isinstance(row, dict):
                raise InputError(p, f"expected a JSON object, got {type(row).__name__}", line=line_no)
            seg = _segment(row, p, line_no, n, src_lang, tgt_lang, source_col, target_col, id_col, doc)
        except InputError as exc:
            if skipped is None:
                raise InputError(p, exc.reason + "; fix the line or pass --skip-bad to leave such lines out",
                                 line=exc.line, column=exc.column) from None
            skipped.append(Skipped(line_no, exc.reason))
            continue
        yield seg


def _iter_table(p: str, enc: TextEncoding, delimiter: str, src_lang: str | None, tgt_lang: str | None,
                skipped: list[Skipped] | None, source_col: str | None = None, target_col: str | None = None,
                id_col: str | None = None) -> Iterator[Segment]:
    """Yield a segment per data row; a bad row raises InputError, or is recorded in ``skipped``."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)  # the default, 131,072 characters, is too small for long segments
    doc = doc_id_for(p)
    with open_text(enc, p) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header: list[str] | None = None
        n = 0
        last_line = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(p, f"not valid {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}",
                                 line=reader.line_num) from None
            start_line, last_line = last_line + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                cells = [c.strip() for c in row]
                known = set(SOURCE_KEYS + TARGET_KEYS + ID_KEYS) | {source_col, target_col, id_col}
                if any(h.lower() in known or h in known for h in cells):
                    header = cells
                    continue
                if len(cells) not in (1, 2):
                    raise InputError(p, f"no header and {len(cells)} columns; add a header row naming the source "
                                     "and target columns", line=start_line)
                header = ["target"] if len(cells) == 1 else ["source", "target"]
            n += 1
            try:
                if len(row) != len(header):
                    raise InputError(p, f"{len(row)} cells where the header has {len(header)}", line=start_line)
                seg = _segment(dict(zip(header, row)), p, start_line, n, src_lang, tgt_lang, source_col,
                               target_col, id_col, doc)
            except InputError as exc:
                if skipped is None:
                    raise InputError(p, exc.reason + "; fix the row or pass --skip-bad to leave such rows out",
                                     line=exc.line) from None
                skipped.append(Skipped(start_line, exc.reason))
                continue
            yield seg


_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


# --- list-returning readers (the whole input in memory) ----------------------------------------------------------

def read_text_document(path: str | Path, tgt_lang: str = "en", encoding: str | None = None) -> list[Segment]:
    """A plain-text document in target-only mode: split into sentence and heading segments.

    Raises InputError for an unreadable, undecodable or empty file.
    """
    return list(open_document(path, "text", tgt_lang=tgt_lang, encoding=encoding))


def read_jsonl(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None, source_col: str | None = None, target_col: str | None = None,
               id_col: str | None = None, skip_bad: bool = False, **_: object) -> list[Segment]:
    """One JSON object per line (``id``, ``source``, ``target``, optional ``src_lang``/``tgt_lang``).

    Blank lines are skipped; a line that is not a JSON object with a string
    target raises InputError with its number (or is left out with ``skip_bad``).
    """
    return list(open_document(path, "jsonl", src_lang=src_lang, tgt_lang=tgt_lang, encoding=encoding,
                              skip_bad=skip_bad, source_col=source_col, target_col=target_col, id_col=id_col))


def read_table(path: str | Path, delimiter: str = "\t", src_lang: str | None = None, tgt_lang: str | None = None,
               encoding: str | None = None, source_col: str | None = None, target_col: str | None = None,
               id_col: str | None = None, skip_bad: bool = False, **_: object) -> list[Segment]:
    """TSV/CSV with a header naming the columns; without a header, 2 columns are source, target.

    Raises InputError for rows whose cell count differs from the header's (or
    leaves them out with ``skip_bad``).
    """
    return list(open_document(path, "tsv" if delimiter == "\t" else "csv", src_lang=src_lang, tgt_lang=tgt_lang,
                              encoding=encoding, skip_bad=skip_bad, source_col=source_col, target_col=target_col,
                              id_col=id_col))


def read_parallel_lines(target_path: str | Path, source_path: str | Path, src_lang: str | None = None,
                        tgt_lang: str | None = None, encoding: str | None = None) -> list[Segment]:
    """Two line-aligned plain-text files: line i of the source pairs with line i of the target.

    Raises InputError naming both files and counts when their numbers of lines differ.
    """
    return list(open_document(target_path, "text", source=source_path, src_lang=src_lang, tgt_lang=tgt_lang,
                              encoding=encoding))


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
    detect = detect_languages or tgt_lang == UNKNOWN
    want = None if tgt_lang == UNKNOWN else tgt_lang
    if source is None or aligned:  # streamed, then listed
        doc = open_document(path, "text", source, src_lang, want, encoding, detect_languages=detect)
        return SegmentList(doc, doc.extra)
    target_text = read_text(path, encoding)
    if not target_text.strip():
        raise InputError(str(path), "the file is empty (no text to check)")
    meta: dict = {}
    source_text = read_text(source, encoding)
    if not source_text.strip():
        raise InputError(str(source), "the source file is empty (no text to compare with)")
    if src_lang is None and detect:
        from ..langdetect import detect_language
        src_lang = detect_language([source_text])
        meta["src_lang_detected"] = src_lang
    if want is None and detect:
        from ..langdetect import detect_language
        want = detect_language([target_text], exclude=src_lang) or "en"
        meta["tgt_lang_detected"] = want
    from ..align import align_documents
    segs, al = align_documents(source_text, target_text, src_lang, want or "en", doc_id_for(path),
                               method=align_method)
    kinds: dict[str, int] = {}
    for b in al.beads:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    return SegmentList(segs, meta | {"alignment": al.method, "beads": kinds})


__all__ = ["UNKNOWN", "Document", "SegmentList", "Skipped", "check_line_counts", "doc_id_for", "open_document",
           "read_csv", "read_jsonl", "read_line_aligned", "read_parallel_lines", "read_table", "read_text_document",
           "read_text_input", "read_tsv"]
