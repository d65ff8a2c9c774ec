"""Local corpora through Hugging Face ``datasets``: jsonl, csv/tsv, parquet files or a ``save_to_disk`` folder.

Nothing is downloaded: files are read with the ``json``/``csv``/``parquet``
builders into a throw-away cache directory (the user's HF cache is left
alone) and ``load_from_disk`` reads a saved folder. Column names are found as
for JSONL/TSV (``source``/``src``, ``target``/``mt``/``translation``, ``id``)
or given explicitly. Needs the ``datasets`` extra.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..types import Segment
from .errors import InputError
from .readers import _segment, doc_id_for

_BUILDERS = {".jsonl": "json", ".json": "json", ".ndjson": "json", ".csv": "csv", ".tsv": "csv", ".tab": "csv",
             ".parquet": "parquet", ".pq": "parquet"}


def is_saved_dataset(path: str | Path) -> bool:
    """True for a folder written by ``Dataset.save_to_disk`` / ``DatasetDict.save_to_disk``."""
    p = Path(path)
    return p.is_dir() and ((p / "state.json").is_file() or (p / "dataset_dict.json").is_file())


def _rows(path: Path, split: str | None):
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    import datasets
    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    if path.is_dir():
        if not is_saved_dataset(path):
            raise InputError(str(path), "a folder, but not one written by datasets' save_to_disk "
                             "(no state.json or dataset_dict.json)")
        ds = datasets.load_from_disk(str(path))
        return _pick_split(ds, split, str(path))
    builder = _BUILDERS.get(path.suffix.lower())
    if builder is None:
        raise InputError(str(path), f"datasets cannot read {path.suffix!r} files; use jsonl, csv, tsv or parquet")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    kwargs = {"delimiter": "\t"} if path.suffix.lower() in (".tsv", ".tab") else {}
    with tempfile.TemporaryDirectory(prefix="mtqa-datasets-") as cache:
        ds = datasets.load_dataset(builder, data_files=str(path), cache_dir=cache, **kwargs)
        return list(_pick_split(ds, split, str(path)))


def _pick_split(ds, split: str | None, where: str):
    import datasets
    if isinstance(ds, datasets.DatasetDict):
        if split is None:
            if len(ds) != 1:
                raise InputError(where, f"the dataset has splits {', '.join(ds)}; choose one with --split")
            split = next(iter(ds))
        if split not in ds:
            raise InputError(where, f"no split {split!r}; the dataset has {', '.join(ds)}")
        ds = ds[split]
    return ds


def read_dataset(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None,
                 source_col: str | None = None, target_col: str | None = None, id_col: str | None = None,
                 split: str | None = None, **_: object) -> list[Segment]:
    """Rows of a local dataset as segments, in order; InputError for a missing target column or no rows."""
    p = Path(path)
    try:
        rows = _rows(p, split)
    except InputError:
        raise
    except (ValueError, OSError) as exc:  # pyarrow/datasets parse errors
        raise InputError(str(path), f"datasets could not read it: {str(exc).splitlines()[0]}") from None
    segments = [_segment(dict(row), str(path), None, n, src_lang, tgt_lang, source_col, target_col, id_col,
                         doc_id_for(path)) for n, row in enumerate(rows, start=1)]
    if not segments:
        raise InputError(str(path), "the dataset has no rows")
    return segments
