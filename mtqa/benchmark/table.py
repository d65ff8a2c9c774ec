"""Benchmark corpora given as one table: a row per (system, segment).

Read by :func:`mtqa.io.tables.read_rows` (jsonl/json, csv, tsv, parquet through Hugging Face
``datasets``), fully offline, into a temporary cache that is removed afterwards. CSV/TSV cells
are read as strings (no type guessing, no "NA" -> missing); repeated header names are refused
and a bad JSON line is reported with its line number.

Columns (case-insensitive; first match wins):

* ``system`` (required) — the engine that produced the row's target;
* target: ``target``, ``mt``, ``translation``, ``hyp``, ``hypothesis``, ``tgt`` (required);
* source: ``source``, ``src``, ``original`` (optional);
* segment id: ``seg_id``, ``id``, ``segid``, ``index`` (optional: rows are then aligned by
  their position within each system);
* references: ``reference``/``ref`` (a string, or a list of strings = several references),
  ``references``/``refs`` (a list), or one column per stream named ``reference_<NAME>`` /
  ``ref_<NAME>``;
* language pair: ``src_lang`` + ``tgt_lang``, or ``lp``/``pair``/``langpair`` (``zh-en``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..io.errors import InputError
from ..io.readers import ID_KEYS, SOURCE_KEYS, TARGET_KEYS
from ..io.tables import read_rows
from .corpus import Corpus, parse_pair

REF_KEYS = ("reference", "ref", "references", "refs")
REF_PREFIXES = ("reference_", "ref_")
PAIR_KEYS = ("lp", "pair", "langpair", "language_pair")


def _column(columns: Sequence[str], keys: Sequence[str]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[k] for k in keys if k in lower), None)


def _ref_streams(row: dict[str, Any], ref_col: str | None, prefixed: dict[str, str], where: str,
                 ) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    if ref_col is not None:
        val = row.get(ref_col)
        if isinstance(val, str) or val is None:
            out["ref"] = val
        elif isinstance(val, (list, tuple)):
            for i, r in enumerate(val, start=1):
                if r is not None and not isinstance(r, str):
                    raise InputError(where, f"reference {i} is {type(r).__name__}, not a string")
                out[str(i)] = r
        else:
            raise InputError(where, f"reference must be a string or a list of strings, got {type(val).__name__}")
    for name, col in prefixed.items():
        val = row.get(col)
        if val is not None and not isinstance(val, str):
            raise InputError(where, f"{col} must be a string, got {type(val).__name__}")
        out[name] = val
    return out


def load_table(path: str | Path, pair: str | None = None, systems: Sequence[str] | None = None,
               references: Sequence[str] | None = None) -> Corpus:
    """Read a (system, segment) table into a validated :class:`Corpus`.

    Every system must cover the same segments (by id, or by position when there is no
    id column) and agree on each segment's source and references. Raises InputError
    naming the file and the row (1-based, data rows only) at fault.
    """
    path = Path(path)
    p = str(path)
    rows = read_rows(path, hint="or use a WMT-layout folder")
    if not rows:
        raise InputError(p, "empty table: the corpus has no segments")
    columns = list(rows[0].keys())
    sys_col = _column(columns, ("system", "sys", "engine"))
    tgt_col = _column(columns, TARGET_KEYS)
    if sys_col is None or tgt_col is None:
        missing = [n for n, c in (("system", sys_col), ("target", tgt_col)) if c is None]
        raise InputError(p, f"no {' or '.join(missing)} column (columns: {', '.join(columns)})")
    src_col = _column(columns, SOURCE_KEYS)
    id_col = _column(columns, ID_KEYS)
    ref_col = _column(columns, REF_KEYS)
    prefixed = {c[len(pre):]: c for c in columns for pre in REF_PREFIXES if c.lower().startswith(pre)}

    sl, tl = _languages(rows, columns, pair, p)
    seg_order: list[str] = []
    seen_seg: set[str] = set()
    per_system: dict[str, dict[str, str]] = {}
    sources: dict[str, str | None] = {}
    refs: dict[str, dict[str, str | None]] = {}
    first_row: dict[str, int] = {}
    for i, row in enumerate(rows, start=1):
        where = f"{p}: row {i}"
        system = row.get(sys_col)
        if system is None or str(system) == "":
            raise InputError(p, f"row {i}: empty system name")
        system = str(system)
        target = row.get(tgt_col)
        if not isinstance(target, str):
            raise InputError(p, f"row {i}: target must be a string, got {type(target).__name__}")
        outputs = per_system.setdefault(system, {})
        if id_col is not None and row.get(id_col) not in (None, ""):
            seg = str(row[id_col])
        elif id_col is not None:
            raise InputError(p, f"row {i}: empty {id_col}")
        else:
            seg = str(len(outputs) + 1)
        if seg in outputs:
            raise InputError(p, f"row {i}: system {system!r} has segment {seg!r} twice "
                             f"(first at row {first_row[system + chr(0) + seg]})")
        outputs[seg] = target
        first_row[system + "\0" + seg] = i
        if seg not in seen_seg:
            seen_seg.add(seg)
            seg_order.append(seg)
        if src_col is not None:
            src = row.get(src_col)
            if src is not None and not isinstance(src, str):
                raise InputError(p, f"row {i}: source must be a string, got {type(src).__name__}")
            if sources.get(seg) is None:
                sources[seg] = src
            elif src is not None and src != sources[seg]:
                raise InputError(p, f"row {i}: source of segment {seg!r} differs from an earlier row's; rows are "
                                 f"misaligned{'' if id_col else ' (add a seg_id column)'}")
        for name, ref in _ref_streams(row, ref_col, prefixed, where).items():
            stream = refs.setdefault(name, {})
            if stream.get(seg) is None:
                stream[seg] = ref
            elif ref is not None and ref != stream[seg]:
                raise InputError(p, f"row {i}: reference {name!r} of segment {seg!r} differs from an earlier row's")

    for system, outputs in per_system.items():
        if len(outputs) != len(seg_order):
            missing = [s for s in seg_order if s not in outputs]
            raise InputError(p, f"system {system!r} has {len(outputs)} segments of {len(seg_order)}; missing "
                             f"{', '.join(map(repr, missing[:5]))}{' ...' if len(missing) > 5 else ''}")
    corpus = Corpus(
        name=path.name, src_lang=sl, tgt_lang=tl, seg_ids=seg_order,
        sources=[sources.get(s) or "" for s in seg_order] if src_col is not None else None,
        references={name: [stream.get(s) for s in seg_order] for name, stream in refs.items()},
        systems={name: [outputs[s] for s in seg_order] for name, outputs in per_system.items()},
        files={"source": p, **{f"ref:{n}": p for n in refs}, **{f"sys:{n}": p for n in per_system}},
    )
    return corpus.select(systems, references).validate()


def _languages(rows: list[dict], columns: list[str], pair: str | None, p: str) -> tuple[str | None, str]:
    if pair:
        return parse_pair(pair)
    pair_col = _column(columns, PAIR_KEYS)
    s_col, t_col = _column(columns, ("src_lang",)), _column(columns, ("tgt_lang",))
    if pair_col:
        found = {str(r.get(pair_col)) for r in rows}
    elif t_col:
        found = {f"{r.get(s_col) if s_col else '?'}-{r.get(t_col)}" for r in rows}
    else:
        raise InputError(p, "no language columns (lp, or src_lang + tgt_lang); pass --pair sl-tl")
    if len(found) != 1:
        raise InputError(p, f"several language pairs ({', '.join(sorted(found))}); one pair per table, or pass --pair")
    sl, tl = parse_pair(found.pop(), p)
    return (None if sl == "?" else sl), tl
