"""`mtqa benchmark` from the command line: formats, plot, errors, QE notes, light imports."""
import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from benchmark.helpers import make_wmt_folder, sentences, toy_corpus
from mtqa.cli import main


def invoke(*args):
    return CliRunner().invoke(main, ["benchmark", *[str(a) for a in args]])


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return toy_corpus(tmp_path_factory.mktemp("toy"))


def test_table_output(toy):
    res = invoke(toy, "--samples", "100", "-q")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "de-en, 40 segments, 3 systems, references: A" in lines[0]
    body = [ln for ln in lines if ln[:3].strip().isdigit()]
    assert [ln.split()[1] for ln in body] == ["good", "mid", "bad"]
    assert "BLEU: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" in res.output
    assert "chrF: nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" in res.output
    assert "QE not run" in res.output


def test_json_csv_markdown(toy, tmp_path):
    res = invoke(toy, "--format", "json", "--samples", "100", "--ter", "--chrf-plus")
    doc = json.loads(res.output)
    assert [r["system"] for r in doc["ranking"]] == ["good", "mid", "bad"]
    assert [s["key"] for s in doc["statistics"]] == ["bleu", "chrf", "ter", "issues", "penalty"]
    assert doc["statistics"][1]["name"] == "chrF++" and "nw:2" in doc["statistics"][1]["signature"]
    assert doc["ranking"][2]["ter"]["score"] > doc["ranking"][0]["ter"]["score"]  # TER: lower is better
    out = tmp_path / "r.csv"
    res = invoke(toy, "--format", "csv", "--samples", "100", "-o", out)
    assert res.exit_code == 0 and res.output == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3 * 4 and rows[0]["system"] == "good" and rows[0]["baseline"] == "True"
    assert {r["statistic"] for r in rows} == {"bleu", "chrf", "issues", "penalty"}
    md = invoke(toy, "--format", "markdown", "--samples", "100", "--systems", "mid,bad").output
    assert md.count("\n| ") == 3 and "| 1 | mid (baseline) |" in md


def test_plot_png(toy, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "p.png"
    res = invoke(toy, "--samples", "100", "--plot", png, "-q")
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


@pytest.mark.parametrize("args,needle", [
    (["--systems", "good,ghost"], "toytest.de-en.hyp.ghost.en: no such file"),
    (["--reference", "Z"], "toytest.de-en.ref.Z.en: no such file"),
    (["--baseline", "ghost"], "baseline 'ghost'"),
    (["--metrics", "bleu,meteor"], "unknown metric 'meteor'"),
    (["--pair", "fr-en"], "no files for fr-en"),
])
def test_errors_are_one_clear_line(toy, args, needle):
    res = invoke(toy, *args)
    assert res.exit_code == 1 and needle in res.output and "Traceback" not in res.output


def test_unequal_lines_and_empty_corpus_name_the_file(tmp_path):
    ref = sentences(5, 1)
    root = make_wmt_folder(tmp_path / "c", {"a": ref, "b": ref[:4]}, {"A": ref}, None)
    res = invoke(root)
    assert res.exit_code == 1 and "toytest.de-en.hyp.b.en: 4 lines, but" in res.output
    assert "ref.A.en has 5" in res.output
    root = make_wmt_folder(tmp_path / "e", {"a": []}, {"A": []}, [])
    res = invoke(root)
    assert res.exit_code == 1 and "toytest.de-en.src.de: empty" in res.output


def test_qe_auto_without_mtqa_qe_notes_and_skips(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "mtqa.qe", None)
    src = [f"这是第{i}个句子。" for i in range(8)]
    root = make_wmt_folder(tmp_path / "c", {"a": sentences(8, 1), "b": sentences(8, 2)}, None, src, pair="zh-en")
    res = invoke(root, "--samples", "50", "-q")  # no references: --qe defaults to auto
    assert res.exit_code == 0, res.output
    assert "note: QE skipped: this installation has no QE models" in res.output
    assert "note: no references" in res.output and "MQM penalty/seg" in res.output
    res = invoke(root, "--qe", "somemodel")
    assert res.exit_code == 1 and "QE model 'somemodel' unavailable" in res.output


def test_help_and_import_stay_light():
    code = ("import sys, mtqa.cli; from click.testing import CliRunner; "
            "r = CliRunner().invoke(mtqa.cli.main, ['benchmark', '--help']); assert r.exit_code == 0; "
            "print([m for m in ('numpy', 'sacrebleu', 'datasets', 'matplotlib', 'tqdm', 'torch', 'pyarrow') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
