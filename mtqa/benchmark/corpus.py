"""A benchmark corpus: sources, reference streams and system outputs, one line per segment.

Two inputs are read (see :func:`load_corpus`):

* a folder in the WMT layout (as in wmt-conference/wmt22-news-systems ``txt/``)::

      sources/<test>.<sl>-<tl>.src.<sl>
      references/<test>.<sl>-<tl>.ref.<NAME>.<tl>
      system-outputs/<test>.<sl>-<tl>.hyp.<SYSTEM>.<tl>

* a table (jsonl / json / csv / tsv / parquet) with one row per (system, segment), read by
  :mod:`mtqa.benchmark.table`.

Lines are read the way the sacrebleu CLI reads them (split on ``\\n`` only, trailing
whitespace stripped) so that scores equal ``python -m sacrebleu`` on the same files.
Every file is checked for its line count against the source (or the first file); a
mismatch, a missing file or an empty corpus raises :class:`mtqa.io.InputError` naming
the file, before anything is scored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..io.decode import read_text
from ..io.errors import InputError

SOURCES, REFERENCES, SYSTEMS = "sources", "references", "system-outputs"
TABLE_EXTENSIONS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")


@dataclass
class Corpus:
    """Line-aligned test data for ranking systems.

    ``sources`` (or None), every list in ``references`` (stream name -> one reference per
    segment, None where a segment lacks that reference) and ``systems`` (system name -> one
    target per segment) have ``len(seg_ids)`` entries. ``files`` maps ``"source"``,
    ``"ref:NAME"`` and ``"sys:NAME"`` to the file each came from, for error messages.
    """

    name: str
    src_lang: str | None
    tgt_lang: str
    seg_ids: list[str]
    sources: list[str] | None
    references: dict[str, list[str | None]]
    systems: dict[str, list[str]]
    files: dict[str, str] = field(default_factory=dict)

    @property
    def pair(self) -> str:
        """``sl-tl`` (``?-tl`` when the source language is unknown)."""
        return f"{self.src_lang or '?'}-{self.tgt_lang}"

    def __len__(self) -> int:
        return len(self.seg_ids)

    def validate(self) -> "Corpus":
        """Check shapes; raises InputError naming the offending file. Returns self."""
        where = self.files.get("source") or self.name
        n = len(self.seg_ids)
        if n == 0:
            raise InputError(where, "empty corpus: no segments to score")
        if not self.systems:
            raise InputError(self.name, "no system outputs to rank")
        if self.sources is not None and len(self.sources) != n:
            raise InputError(where, f"{len(self.sources)} sources for {n} segments")
        for kind, table in (("ref", self.references), ("sys", self.systems)):
            for name, lines in table.items():
                if len(lines) != n:
                    raise InputError(self.files.get(f"{kind}:{name}", self.name),
                                     f"{len(lines)} lines, but {where} has {n}: every file needs one line per segment")
        for name, lines in self.references.items():
            if all(x is None for x in lines):
                raise InputError(self.files.get(f"ref:{name}", self.name), f"reference {name!r} is empty")
        return self

    def select(self, systems: Sequence[str] | None = None, references: Sequence[str] | None = None) -> "Corpus":
        """A copy restricted to the named systems / reference streams (in the order given).

        Raises InputError for a name that is not in the corpus.
        """
        def pick(table: dict, names, label: str) -> dict:
            if not names:
                return dict(table)
            missing = [x for x in names if x not in table]
            if missing:
                raise InputError(self.name, f"no {label} named {', '.join(map(repr, missing))} "
                                 f"(available: {', '.join(table) or 'none'})")
            return {x: table[x] for x in names}
        return Corpus(self.name, self.src_lang, self.tgt_lang, self.seg_ids, self.sources,
                      pick(self.references, references, "reference"),
                      pick(self.systems, systems, "system"), dict(self.files))


def read_lines(path: str | Path, encoding: str | None = None) -> list[str]:
    """Lines of a text file as sacrebleu's CLI reads them: split on ``\\n``, ``rstrip()`` each.

    A final newline does not start an extra line. Raises InputError (no such file,
    undecodable bytes).
    """
    text = read_text(path, encoding)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def parse_pair(pair: str, where: str = "--pair") -> tuple[str, str]:
    """``"zh-en"`` -> ``("zh", "en")``; InputError for anything else."""
    parts = pair.split("-")
    if len(parts) != 2 or not all(parts):
        raise InputError(where, f"language pair {pair!r} is not of the form sl-tl (e.g. zh-en)")
    return parts[0], parts[1]


def load_corpus(path: str | Path, pair: str | None = None, systems: Sequence[str] | None = None,
                references: Sequence[str] | None = None, encoding: str | None = None) -> Corpus:
    """Read a WMT-layout folder or a table file into a validated :class:`Corpus`.

    ``pair`` (``zh-en``) is needed only when the folder holds several pairs or the table
    has no language columns; ``systems`` / ``references`` restrict to those names (a name
    with no file is an error naming the expected file). Raises InputError.
    """
    p = Path(path)
    if p.is_dir():
        return load_wmt_folder(p, pair, systems, references, encoding)
    if not p.exists():
        raise InputError(str(p), "no such file or folder")
    if p.suffix.lower() in TABLE_EXTENSIONS:
        from .table import load_table
        return load_table(p, pair, systems, references)
    raise InputError(str(p), f"not a corpus: expected a folder with {SOURCES}/, {REFERENCES}/, {SYSTEMS}/ "
                     f"or a table ({', '.join(TABLE_EXTENSIONS)})")


def _wmt_files(folder: Path, kind: str) -> list[tuple[str, str, list[str], Path]]:
    """(test set, pair, middle name parts, path) for each ``<test>.<pair>.<kind>.<...>.<lang>`` file."""
    out = []
    sub = folder / {"src": SOURCES, "ref": REFERENCES, "hyp": SYSTEMS}[kind]
    if not sub.is_dir():
        return out
    for f in sorted(sub.iterdir()):
        if not f.is_file() or f.name.startswith("."):
            continue
        parts = f.name.split(".")
        for i in range(1, len(parts) - 1):
            if parts[i] == kind and "-" in parts[i - 1] and i >= 2:
                out.append((".".join(parts[:i - 1]), parts[i - 1], parts[i + 1:], f))
                break
    return out


def load_wmt_folder(folder: Path, pair: str | None = None, systems: Sequence[str] | None = None,
                    references: Sequence[str] | None = None, encoding: str | None = None) -> Corpus:
    """Read ``sources/``, ``references/`` and ``system-outputs/`` for one language pair.

    The pair is inferred when the folder holds exactly one; references are optional
    (reference-free benchmark); sources are optional (no source-based checks or QE).
    Raises InputError naming the file or folder at fault.
    """
    folder = Path(folder)
    srcs, refs, hyps = (_wmt_files(folder, k) for k in ("src", "ref", "hyp"))
    if not (folder / SYSTEMS).is_dir():
        raise InputError(str(folder / SYSTEMS), f"no such folder: a WMT-layout corpus needs {SYSTEMS}/ "
                         f"(and optionally {SOURCES}/ and {REFERENCES}/)")
    pairs = sorted({x[1] for x in srcs + refs + hyps})
    if pair is None:
        if not pairs:
            raise InputError(str(folder / SYSTEMS), "no system outputs named <test>.<sl>-<tl>.hyp.<SYSTEM>.<tl>")
        if len(pairs) > 1:
            raise InputError(str(folder), f"several language pairs ({', '.join(pairs)}); choose one with --pair")
        pair = pairs[0]
    sl, tl = parse_pair(pair)
    if pair not in pairs:
        raise InputError(str(folder), f"no files for {pair} (pairs here: {', '.join(pairs) or 'none'})")
    tests = sorted({x[0] for x in srcs + refs + hyps if x[1] == pair})
    if len(tests) > 1:
        raise InputError(str(folder), f"several test sets for {pair} ({', '.join(tests)}); keep one per folder")
    test = tests[0]
    prefix = f"{test}.{pair}"

    src_files = [f for t, pr, mid, f in srcs if pr == pair and mid == [sl]]
    src_path = src_files[0] if src_files else None
    ref_files = {".".join(mid[:-1]): f for t, pr, mid, f in refs if pr == pair and len(mid) >= 2 and mid[-1] == tl}
    hyp_files = {".".join(mid[:-1]): f for t, pr, mid, f in hyps if pr == pair and len(mid) >= 2 and mid[-1] == tl}

    def chosen(found: dict[str, Path], names, kind: str, sub: str) -> dict[str, Path]:
        if not names:
            return found
        out = {}
        for name in names:
            if name not in found:
                expected = folder / sub / f"{prefix}.{kind}.{name}.{tl}"
                raise InputError(str(expected), f"no such file: {kind} {name!r} not found for {pair} "
                                 f"(available: {', '.join(found) or 'none'})")
            out[name] = found[name]
        return out

    hyp_files = chosen(hyp_files, systems, "hyp", SYSTEMS)
    ref_files = chosen(ref_files, references, "ref", REFERENCES)
    if not hyp_files:
        raise InputError(str(folder / SYSTEMS), f"no system outputs for {pair} (expected {prefix}.hyp.<SYSTEM>.{tl})")

    files: dict[str, str] = {}
    sources = None
    anchor: tuple[str, int] | None = None
    if src_path is not None:
        sources = read_lines(src_path, encoding)
        files["source"] = str(src_path)
        if not sources:
            raise InputError(str(src_path), "empty file: the corpus has no segments")
        anchor = (str(src_path), len(sources))

    def read_checked(path: Path) -> list[str]:
        nonlocal anchor
        lines = read_lines(path, encoding)
        if not lines:
            raise InputError(str(path), "empty file: no lines" + (f" (the source has {anchor[1]})" if anchor else ""))
        if anchor is None:
            anchor = (str(path), len(lines))
        elif len(lines) != anchor[1]:
            raise InputError(str(path), f"{len(lines)} lines, but {anchor[0]} has {anchor[1]}: line counts differ; "
                             "every file needs one line per segment")
        return lines

    ref_lines: dict[str, list[str | None]] = {}
    for name, f in ref_files.items():
        ref_lines[name] = list(read_checked(f))
        files[f"ref:{name}"] = str(f)
    sys_lines: dict[str, list[str]] = {}
    for name, f in hyp_files.items():
        sys_lines[name] = read_checked(f)
        files[f"sys:{name}"] = str(f)
    n = anchor[1] if anchor else 0
    corpus = Corpus(name=f"{folder.name}:{prefix}", src_lang=sl, tgt_lang=tl,
                    seg_ids=[str(i) for i in range(1, n + 1)], sources=sources,
                    references=ref_lines, systems=sys_lines, files=files)
    return corpus.validate()
