"""The one error type readers raise for bad input."""
from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the file and, where known, the line (and column).

    ``str(err)`` is a one-line message fit for a CLI: ``file:line: what is wrong; what to do``.
    """

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path, self.line, self.column, self.reason = path, line, column, message
        where = path + (f":{line}" if line is not None else "") + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {message}")
