"""Report writers behind a registry; :func:`open_output` writes atomically."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

from ..registry import Registry
from .base import Writer

WRITERS: Registry[Writer] = Registry("report format")
WRITERS.add("text", "mtqa.report.text:TextWriter")
WRITERS.add("jsonl", "mtqa.report.jsonl:JsonlWriter")
WRITERS.add("json", "mtqa.report.json_:JsonWriter")
WRITERS.add("csv", "mtqa.report.csv_:CsvWriter")
WRITERS.add("tsv", "mtqa.report.csv_:TsvWriter")
WRITERS.add("xliff", "mtqa.report.xliff:Xliff12Writer")
WRITERS.add("xliff2", "mtqa.report.xliff:Xliff21Writer")
WRITERS.add("html", "mtqa.report.html:HtmlWriter")


@contextmanager
def open_output(path: str | Path | None, stdout: TextIO) -> Iterator[TextIO]:
    """Yield a stream for the report: ``stdout`` when path is None or "-", else a temporary
    file beside ``path`` that is renamed onto it only when the block finishes without an
    exception — an interrupted or failed run leaves no partial report behind.
    """
    if path is None or str(path) == "-":
        yield stdout
        return
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as exc:  # name the report, not the temporary file
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        _usual_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _usual_mode(path: str) -> None:
    """Give a temporary file (created 0600) the mode a plain ``open()`` would have: 0666 minus the umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


__all__ = ["WRITERS", "Writer", "open_output"]
