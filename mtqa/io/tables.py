"""Local tables read through Hugging Face ``datasets``, one way for every caller.

:func:`read_rows` reads

* JSON lines (``.jsonl``, ``.ndjson``) and JSON (``.json``) with the ``json`` builder;
* CSV (``.csv``) and TSV (``.tsv``, ``.tab``) with the ``csv`` builder: the first row must name
  the columns, once each, and every cell is read as a string (``"NA"`` stays ``"NA"``,
  ``"007"`` stays ``"007"``, an empty cell is ``""``: no type guessing, no missing values);
* Parquet (``.parquet``, ``.pq``) with the ``parquet`` builder;
* a folder written by ``Dataset.save_to_disk`` / ``DatasetDict.save_to_disk`` (``load_from_disk``).

Nothing is downloaded: ``HF_DATASETS_OFFLINE=1`` is set (unless already set) before ``datasets``
is imported, which happens on first use only, so ``import mtqa`` stays light. Files are read
into a throw-away Arrow cache that is removed afterwards; the user's HF cache is left alone.

Every failure is an :class:`~mtqa.io.errors.InputError` naming the path: no such file, an
empty file, an extension ``datasets`` cannot read, a folder not written by ``save_to_disk``,
a missing or repeated CSV/TSV header, the first bad JSON line (with its line number), an
unknown or ambiguous split, a parse error of the builder, or ``datasets`` not installed
(with the hint ``pip install 'mtqa[datasets]'``).
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .errors import InputError

#: File extension -> (``datasets`` builder, builder options).
BUILDERS: dict[str, tuple[str, dict[str, Any]]] = {
    ".jsonl": ("json", {}), ".ndjson": ("json", {}), ".json": ("json", {}),
    ".csv": ("csv", {}), ".tsv": ("csv", {"delimiter": "\t"}), ".tab": ("csv", {"delimiter": "\t"}),
    ".parquet": ("parquet", {}), ".pq": ("parquet", {}),
}
INSTALL_HINT = "pip install 'mtqa[datasets]'"


def is_saved_dataset(path: str | Path) -> bool:
    """True for a folder written by ``Dataset.save_to_disk`` / ``DatasetDict.save_to_disk``."""
    p = Path(path)
    return p.is_dir() and ((p / "state.json").is_file() or (p / "dataset_dict.json").is_file())


def read_rows(path: str | Path, split: str | None = None, *, hint: str | None = None) -> list[dict[str, Any]]:
    """All rows of a local table or ``save_to_disk`` folder as dicts, in order.

    ``split``: the split to read when there are several (a file has one, ``train``);
    ``None`` takes the only one. ``hint``: an alternative named in the message when
    ``datasets`` is not installed. Raises InputError (see the module docstring).
    """
    path = Path(path)
    p = str(path)
    if path.is_dir():
        if not is_saved_dataset(path):
            raise InputError(p, "a folder, but not one written by datasets' save_to_disk "
                             "(no state.json or dataset_dict.json)")
        builder, kwargs = "", {}
    else:
        if path.suffix.lower() not in BUILDERS:
            raise InputError(p, f"datasets cannot read {path.suffix!r} files; use jsonl, csv, tsv or parquet")
        builder, kwargs = BUILDERS[path.suffix.lower()]
        kwargs = dict(kwargs)
        if not path.is_file():
            raise InputError(p, "no such file")
        if path.stat().st_size == 0:
            raise InputError(p, "empty file: the corpus has no segments")
        if builder == "csv":  # checked before importing datasets: a bad header fails fast
            header = _csv_header(path, kwargs.get("delimiter", ","))
    datasets = _import_datasets(p, hint)
    if builder == "csv":  # every cell a string: no "2020" -> int, no "NA" -> missing
        kwargs["keep_default_na"] = False
        kwargs["features"] = datasets.Features({c: datasets.Value("string") for c in header})
    cache = tempfile.mkdtemp(prefix="mtqa-datasets-")
    try:
        if not builder:
            ds = datasets.load_from_disk(p)
        else:
            ds = datasets.load_dataset(builder, data_files=p, cache_dir=cache, keep_in_memory=True, **kwargs)
        return _pick_split(ds, split, p, datasets).to_list()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - datasets wraps parser errors in its own types
        if builder == "json" and path.suffix.lower() != ".json":
            _raise_bad_json_line(path)
        cause = exc.__cause__ or exc
        msg = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        raise InputError(p, f"cannot read as {builder or 'a saved dataset'}: {msg}") from None
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _import_datasets(where: str, hint: str | None):
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # before the import: datasets reads it once
    try:
        import datasets  # heavy: imported on first use only
    except ImportError:
        raise InputError(where, f"reading a table needs the datasets package: {INSTALL_HINT}"
                         + (f" ({hint})" if hint else "")) from None
    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    return datasets


def _pick_split(ds, split: str | None, where: str, datasets):
    if isinstance(ds, datasets.DatasetDict):
        if split is None:
            if len(ds) != 1:
                raise InputError(where, f"the dataset has splits {', '.join(ds)}; choose one with --split")
            split = next(iter(ds))
        if split not in ds:
            raise InputError(where, f"no split {split!r}; the dataset has {', '.join(ds)}")
        ds = ds[split]
    return ds


def _csv_header(path: Path, delimiter: str) -> list[str]:
    """The header row; InputError when there is none or a name is repeated."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh, delimiter=delimiter), [])
    if not header:
        raise InputError(str(path), "no header row naming the columns")
    if len(set(header)) != len(header):
        repeated = sorted({c for c in header if header.count(c) > 1})
        raise InputError(str(path), f"repeated column names in the header: {', '.join(repeated)} "
                         f"(columns: {', '.join(header)})", line=1)
    return header


def _raise_bad_json_line(path: Path) -> None:
    """Find the first line that is not a JSON object and raise InputError naming it."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not valid JSON: {exc.msg}", line=line_no, column=exc.colno) from None
            if not isinstance(obj, dict):
                raise InputError(str(path), f"expected a JSON object, got {type(obj).__name__}", line=line_no)
