"""Local corpora through Hugging Face ``datasets``: jsonl, csv/tsv, parquet files or a ``save_to_disk`` folder.

Nothing is downloaded: the rows are read by :func:`mtqa.io.tables.read_rows`
(offline, into a throw-away cache directory; the user's HF cache is left
alone; CSV/TSV cells kept as strings, repeated header names refused, a bad
JSON line reported with its line number). Column names are found as for
JSONL/TSV (``source``/``src``, ``target``/``mt``/``translation``, ``id``) or
given explicitly. Needs the ``datasets`` extra.
"""
from __future__ import annotations

from pathlib import Path

from ..types import Segment
from .errors import InputError
from .readers import _segment, doc_id_for
from .tables import is_saved_dataset, read_rows

__all__ = ["is_saved_dataset", "read_dataset"]


def read_dataset(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None,
                 source_col: str | None = None, target_col: str | None = None, id_col: str | None = None,
                 split: str | None = None, **_: object) -> list[Segment]:
    """Rows of a local dataset as segments, in order.

    ``split`` picks one split of a saved ``DatasetDict`` (needed when it has several).
    Raises InputError for a file ``datasets`` cannot read (see :func:`mtqa.io.tables.read_rows`),
    a missing target column or no rows.
    """
    rows = read_rows(path, split)
    segments = [_segment(dict(row), str(path), None, n, src_lang, tgt_lang, source_col, target_col, id_col,
                         doc_id_for(path)) for n, row in enumerate(rows, start=1)]
    if not segments:
        raise InputError(str(path), "the dataset has no rows")
    return segments
