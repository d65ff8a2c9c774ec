"""Mismatched and broken records: unequal line counts, bad JSONL lines, ragged tables, --skip-bad."""
import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from mtqa.cli import main
from mtqa.io import InputError, check_line_counts, open_input, read_line_aligned, sniff_encoding

CASE16 = ROOT / "tests" / "fixtures" / "cases" / "016-sacrebleu-line-count-and-ref-nesting"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_case_016_missing_last_line_is_refused_naming_both_files_and_counts():
    hyp, ref = CASE16 / "hyp_missing_last_line.txt", CASE16 / "ref.txt"
    with pytest.raises(InputError) as err:
        read_line_aligned([hyp, ref], roles=("hypothesis", "reference"))
    msg = str(err.value)
    assert msg.startswith(f"{hyp}: line counts differ: 3 hypothesis ({hyp}) vs 4 reference ({ref})")
    assert "missing line" in msg and "nothing was scored" in msg


def test_case_016_equal_files_are_read_line_for_line():
    hyp, ref = read_line_aligned([CASE16 / "hyp.txt", CASE16 / "ref.txt"])
    assert len(hyp) == len(ref) == 4
    assert hyp[0] == ref[0] == "The museum opens at nine in the morning on weekdays."
    assert ref[1] == "Visitors under twelve must be accompanied by an adult."


@pytest.mark.parametrize("body,lines", [
    ("a\nb\nc", 3), ("a\nb\nc\n", 3), ("a\r\nb\r\nc\r\n", 3), ("a\rb\rc", 3), ("a\nb\nc\n\n", 4),
    ("", 0), ("\n", 1), ("a", 1), ("a\r\n", 1), ("a\n\rb", 3),
])
def test_a_final_line_break_does_not_change_the_count(tmp_path, body, lines):
    p = tmp_path / "x.txt"
    p.write_bytes(body.encode())
    assert sniff_encoding(p).lines == lines
    if lines:
        assert len(read_line_aligned([p])[0]) == lines


def test_crlf_split_across_read_chunks_counts_once(tmp_path, monkeypatch):
    import mtqa.io.decode as decode
    monkeypatch.setattr(decode, "CHUNK", 4)
    p = tmp_path / "x.txt"
    p.write_bytes(b"abc\r\ndef\r\nxy\r\n")  # the first \r ends chunk 1, its \n starts chunk 2
    assert sniff_encoding(p).lines == 3


def test_three_files_name_every_count():
    with pytest.raises(InputError, match=r"^a: line counts differ: 3 target \(a\) vs 4 reference \(b\) vs 4 "):
        check_line_counts([("a", 3), ("b", 4), ("c", 4)], roles=("target", "reference", "reference"))
    check_line_counts([("a", 2), ("b", 2)])  # equal: nothing raised


def test_parallel_text_with_unequal_counts_is_a_clear_cli_error(tmp_path):
    s, t = tmp_path / "s.txt", tmp_path / "t.txt"
    s.write_text("一\n二\n三\n", encoding="utf-8")
    t.write_text("one\ntwo", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    res = invoke("score", t, "--source", s, "--aligned", "--format", "jsonl", "-o", out)
    assert res.exit_code == 1
    assert f"Error: {t}: line counts differ: 3 source ({s}) vs 2 target ({t})" in res.output
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_parallel_text_keeps_empty_lines_as_segments(tmp_path):
    s, t = tmp_path / "s.txt", tmp_path / "t.txt"
    s.write_text("一\n\n三\n", encoding="utf-8")
    t.write_text("one\n\nthree\n", encoding="utf-8")
    segs = list(open_input(t, source=s, aligned=True))
    assert [(x.seg_id, x.source, x.target, x.line) for x in segs] == [
        ("t:1", "一", "one", 1), ("t:2", "", "", 2), ("t:3", "三", "three", 3)]


BAD_LINES = [
    ('{"id": 2, "target": ', "not valid JSON"),
    ('[1, 2]', "expected a JSON object, got list"),
    ('{"id": 2, "source": "x"}', "no target column"),
    ('{"id": 2, "target": 5}', "target must be a string, got int"),
    ('{"id": 2, "target": null}', "target is null"),
    ('{"id": 2, "target": "b", "tgt_lang": ["en"]}', "tgt_lang must be a string"),
    ('{"id": 2, "target": "b", "src_lang": "\\u001b[2J"}', "is not a language code"),
    ('{"a": ' * 100000 + "1" + "}" * 100000, "not valid JSON"),
    ('{"id": 2, "target": "b", "n": ' + "9" * 5000 + "}", "not valid JSON"),
]


@pytest.mark.parametrize("bad,needle", BAD_LINES)
def test_a_bad_jsonl_line_names_its_line_and_the_fix(tmp_path, bad, needle):
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": 1, "target": "a"}\n' + bad + '\n{"id": 3, "target": "c"}\n', encoding="utf-8")
    res = invoke("score", p)
    assert res.exit_code == 1, res.output
    assert f"{p}:2" in res.output and needle in res.output and "--skip-bad" in res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1


def test_skip_bad_reports_what_it_skipped_and_keeps_ids(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text('{"target": "First."}\n{"target": \n\n{"target": 7}\n{"target": "Fourth."}\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["score", str(p), "--skip-bad", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert f"mtqa: {p}:2: skipped: not valid JSON" in res.output
    assert f"mtqa: {p}:4: skipped: target must be a string, got int" in res.output
    recs = [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]
    meta, summary = recs[0], recs[-1]
    assert meta["skipped"] == 2 and [s["line"] for s in meta["skipped_records"]] == [2, 4]
    assert summary["skipped"] == 2 and summary["segments"] == 2
    segs = [r for r in recs if r["type"] == "segment"]
    assert [(s["seg_id"], s["line"]) for s in segs] == [("1", 1), ("4", 5)]  # record 4 keeps its number


def test_skip_bad_with_nothing_left_is_an_error(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text("not json\nnor this\n", encoding="utf-8")
    res = invoke("score", p, "--skip-bad")
    assert res.exit_code == 1 and "no segments (2 bad ones skipped)" in res.output


def test_ragged_table_row_is_an_error_or_skipped(tmp_path):
    p = tmp_path / "d.tsv"
    p.write_text("id\tsource\ttarget\na\t你好。\tHello.\nb\tonly two\nc\t再见。\tGoodbye.\n", encoding="utf-8")
    res = invoke("score", p)
    assert res.exit_code == 1 and f"{p}:3: 2 cells where the header has 3" in res.output
    res = CliRunner().invoke(main, ["score", str(p), "--skip-bad", "--format", "jsonl", "--src-lang", "zh"])
    assert res.exit_code == 0, res.output
    segs = [json.loads(x) for x in res.output.splitlines() if x.startswith('{"type": "segment"')]
    assert [s["seg_id"] for s in segs] == ["a", "c"]


def test_table_with_a_huge_cell_and_a_quoted_newline(tmp_path):
    p = tmp_path / "d.csv"
    big = "word " * 40000  # 200 kB: over csv's default field limit of 131,072 characters
    p.write_text(f'id,target\n1,"{big}"\n2,"two\nlines"\n', encoding="utf-8")
    segs = list(open_input(p))
    assert [s.seg_id for s in segs] == ["1", "2"] and segs[1].target == "two\nlines"
    assert (segs[0].line, segs[1].line) == (2, 3)


def test_bad_language_code_on_the_command_line_is_a_usage_error(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Hello.", encoding="utf-8")
    res = invoke("score", p, "--tgt-lang", "en;rm -rf")
    assert res.exit_code == 2 and "not a language code" in res.output
