"""The JSON Schema of the JSONL report (shipped in the package: ``mtqa/report/schemas/``).

Versioning: ``SCHEMA_VERSION`` is MAJOR.MINOR and appears in the meta record. A new MINOR only
adds optional keys to the meta or summary records; anything else (a changed or removed field, a
new field in segment or issue records) is a new MAJOR and a new schema file.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"
SCHEMA_FILE = f"report-{SCHEMA_VERSION}.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every line of ``--format jsonl`` output validates against."""
    return json.loads((resources.files("mtqa.report") / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
