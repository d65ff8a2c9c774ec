"""JSONL against its shipped JSON Schema; TSV; the writer registry."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import ARTICLE, ROOT
from mtqa.cli import main
from mtqa.report import WRITERS
from mtqa.report.schema import SCHEMA_VERSION, load_schema

jsonschema = pytest.importorskip("jsonschema")
CASE001 = ROOT / "tests" / "fixtures" / "cases" / "001-untranslated-copy-zh-en" / "segments.jsonl"


def _validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _records(*args):
    res = CliRunner().invoke(main, ["score", *map(str, args), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.output.splitlines()]


@pytest.mark.parametrize("args", [(ARTICLE,), (CASE001,)], ids=["article-target-only", "case001-bilingual"])
def test_every_jsonl_line_validates(args):
    v = _validator()
    recs = _records(*args)
    for rec in recs:
        errors = sorted(v.iter_errors(rec), key=str)
        assert errors == [], (rec.get("type"), rec.get("seg_id"), [e.message for e in errors[:3]])
    assert recs[0]["schema_version"] == SCHEMA_VERSION == load_schema()["$defs"]["meta"]["properties"][
        "schema_version"]["const"]
    segs = [r for r in recs if r["type"] == "segment"]
    assert sum(recs[-1]["by_band"].values()) == len(segs) == recs[-1]["segments"]


def test_schema_rejects_what_it_should():
    v = _validator()
    seg = next(r for r in _records(CASE001) if r["type"] == "segment" and r["issues"])
    bad = [
        {k: val for k, val in seg.items() if k != "seg_id"},                      # required field missing
        {**seg, "priority": 1.5},                                                 # out of range
        {**seg, "band": "maybe"},                                                 # unknown band
        {**seg, "extra": 1},                                                      # undocumented field
        {**seg, "issues": [{**seg["issues"][0], "severity": "fatal"}]},           # unknown severity
        {**seg, "issues": [{**seg["issues"][0], "start": -1}]},                   # negative offset
        {**seg, "type": "segmant"},
    ]
    for rec in bad:
        assert not v.is_valid(rec), rec
    assert v.is_valid(seg)


def test_schema_ships_in_the_package():
    from importlib import resources
    names = [p.name for p in (resources.files("mtqa.report") / "schemas").iterdir()]
    assert f"report-{SCHEMA_VERSION}.schema.json" in names
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "report/schemas/*.json" in pyproject and "report/templates/*" in pyproject


def test_tsv_rows_per_segment_and_per_issue():
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "tsv"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.output), delimiter="\t"))
    jsonl = [r for r in _records(ARTICLE) if r["type"] == "segment"]
    assert [r["seg_id"] for r in rows] == [s["seg_id"] for s in jsonl]
    assert [r["target"] for r in rows] == [s["target"] for s in jsonl]
    assert [r["band"] for r in rows] == [s["band"] for s in jsonl]  # the queue's band, as in JSONL
    assert {r["band"] for r in rows} >= {"accept", "full"}
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "tsv", "--csv-rows", "issue"])
    rows = list(csv.DictReader(io.StringIO(res.output), delimiter="\t"))
    assert len(rows) == sum(len(s["issues"]) for s in jsonl)
    assert "developmentjobsKey" in {r["text"] for r in rows}


def test_tsv_keeps_tabs_and_newlines_inside_one_cell(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"id": "a", "source": "甲\t乙", "target": "one\ttwo\nthree"}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["score", str(p), "--format", "tsv"])
    rows = list(csv.DictReader(io.StringIO(res.output), delimiter="\t"))
    assert len(rows) == 1 and rows[0]["target"] == "one\ttwo\nthree" and rows[0]["source"] == "甲\t乙"


def test_registry_lists_the_formats_and_the_cli_offers_them():
    assert {"text", "jsonl", "json", "csv", "tsv", "xliff", "xliff2", "html"} <= set(WRITERS.names())
    res = CliRunner().invoke(main, ["score", "--help"])
    for name in ("tsv", "xliff", "xliff2", "html", "--queue", "--queue-config"):
        assert name in res.output


def test_cli_import_stays_light_with_the_new_writers():
    import subprocess
    import sys
    code = ("import sys, mtqa.cli, mtqa.report, mtqa.queue; print([m for m in ('lxml', 'jinja2', 'jsonschema', "
            "'playwright', 'translate') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_report_files_get_the_usual_permissions(tmp_path):
    import os
    out = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["score", str(ARTICLE), "--format", "html", "-o", str(out)]).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
