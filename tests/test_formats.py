"""Readers behind the registry: XLIFF 1.2/2.0, TMX, datasets, format detection, hostile and malformed XML."""
import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from mtqa.cli import main
from mtqa.io import EXTENSIONS, READERS, InputError, guess_format, read_document
from mtqa.io.xliff import read_xliff_document

FMT = ROOT / "tests" / "fixtures" / "formats"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_registry_lists_every_format():
    assert READERS.names() == ["text", "jsonl", "tsv", "csv", "xliff", "tmx", "dataset"]
    assert EXTENSIONS[".xlf"] == EXTENSIONS[".sdlxliff"] == "xliff" and EXTENSIONS[".tmx"] == "tmx"


def test_xliff12_ids_languages_inline_codes():
    segs = read_document(FMT / "sample12.xlf")
    assert [s.seg_id for s in segs] == ["intro", "btn.save", "two/1", "two/2", "todo"]   # translate="no" skipped
    assert {(s.src_lang, s.tgt_lang) for s in segs} == {("en-US", "de-DE")}
    assert segs[0].source == 'Welcome to <g id="1">mtqa</g>.'
    assert segs[0].target == 'Willkommen bei <g id="1">mtqa</g>.'
    assert segs[1].source == 'Click <x id="2"/> to save %s files.'
    assert segs[2].target == "Erster Satz." and segs[3].target == "This is the second sentence."
    assert segs[4].target == "" and segs[0].line == 5


def test_xliff12_document_keeps_tree_for_writers():
    doc = read_xliff_document(FMT / "sample12.xlf")
    assert doc.version == "1.2"
    unit = doc.find("btn.save")
    assert unit.unit.get("id") == "btn.save" and unit.target_el is not None
    assert unit.source_codes['<x id="2"/>'].get("id") == "2"
    assert any(el is unit.unit for el in doc.tree.getroot().iter())


def test_xliff20_units_segments_and_code_points():
    segs = read_document(FMT / "sample20.xlf")
    assert [s.seg_id for s in segs] == ["u1/s1", "u1/s2", "u2"]
    assert segs[0].source == '这部电影的累计票房超过了<pc id="1">80亿</pc>元。'
    assert segs[1].source == '请点击<ph id="2"/>保存™。'
    assert (segs[0].src_lang, segs[0].tgt_lang) == ("zh", "en")


def test_tmx_pair_ids_and_inline_codes():
    segs = read_document(FMT / "sample.tmx")
    assert [s.seg_id for s in segs] == ["greet", "2"]
    assert segs[0].source == 'Hello, <bpt id="1"/>world<ept id="1"/>!'
    assert segs[0].target == '你好，<bpt id="1"/>世界<ept id="1"/>！'
    assert (segs[1].src_lang, segs[1].tgt_lang) == ("en", "zh")
    with pytest.raises(InputError, match="no <tuv> in 'fr'"):
        read_document(FMT / "sample.tmx", tgt_lang="fr")


@pytest.mark.parametrize("body,line,col", [
    ('<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>\n<target>b</source>'
     '</trans-unit></body></file></xliff>', 2, 19),
    ("<xliff version='1.2'>\n  <file>\n    <body>\n      <trans-unit id=1>", 4, 22),
])
def test_malformed_xliff_names_line_and_column(tmp_path, body, line, col):
    p = tmp_path / "bad.xlf"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_document(p)
    assert (err.value.line, err.value.column) == (line, col)
    res = invoke("score", p)
    assert res.exit_code == 1 and f"{p}:{line}:{col}: malformed XML" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',   # billion laughs
    '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',                                # XXE
])
def test_entities_are_refused(tmp_path, doctype):
    p = tmp_path / "evil.xlf"
    p.write_text(f'<?xml version="1.0"?>{doctype}<xliff version="1.2"><file source-language="en" '
                 'target-language="de"><body><trans-unit id="1"><source>&b;&xxe;</source><target>x</target>'
                 '</trans-unit></body></file></xliff>', encoding="utf-8")
    with pytest.raises(InputError, match="declares entities"):
        read_document(p)


def test_not_xliff_and_empty_xliff(tmp_path):
    p = tmp_path / "x.xlf"
    p.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(InputError, match="root element is <html>"):
        read_document(p)
    p.write_text('<xliff version="2.0" srcLang="en" trgLang="de"><file id="f"/></xliff>', encoding="utf-8")
    with pytest.raises(InputError, match="no translatable units"):
        read_document(p)


def test_format_from_content(tmp_path):
    xml = tmp_path / "export.xml"
    xml.write_bytes((FMT / "sample20.xlf").read_bytes())
    tmx = tmp_path / "memory.dat"
    tmx.write_bytes((FMT / "sample.tmx").read_bytes())
    jl = tmp_path / "segments"
    jl.write_text('{"id": "a", "source": "你好", "target": "Hello"}\n', encoding="utf-8")
    assert (guess_format(xml), guess_format(tmx), guess_format(jl)) == ("xliff", "tmx", "jsonl")
    assert guess_format(tmp_path / "missing.txt") == "text"


def test_cli_xliff_report_keeps_unit_ids_and_checks_against_source():
    res = invoke("score", FMT / "sample12.xlf", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.output.splitlines()]
    segs = {r["seg_id"]: r for r in recs if r["type"] == "segment"}
    assert list(segs) == ["intro", "btn.save", "two/1", "two/2", "todo"]
    assert segs["intro"]["verdict"] == "ok"
    assert {i["detector"] for i in segs["btn.save"]["issues"]} >= {"placeholders"}   # <x id="2"/> dropped
    assert any(i["detector"] == "untranslated" for i in segs["two/2"]["issues"])
    assert any(i["detector"] == "omission" for i in segs["todo"]["issues"])
    res = invoke("score", FMT / "sample20.xlf", "--format", "jsonl")
    segs = {r["seg_id"]: r for r in map(json.loads, res.output.splitlines()) if r["type"] == "segment"}
    assert [i["detector"] for i in segs["u1/s1"]["issues"]] == ["numbers"]   # 80亿 = 8 billion


def test_datasets_parquet_and_saved_folder(tmp_path):
    datasets = pytest.importorskip("datasets", reason="the dataset reader needs the 'datasets' extra")
    ds = datasets.Dataset.from_dict({"uid": ["a", "b"], "zh": ["你好。", "80亿"], "en": ["Hello.", "80 billion"]})
    pq = tmp_path / "corpus.parquet"
    ds.to_parquet(str(pq))
    folder = tmp_path / "saved"
    ds.save_to_disk(str(folder))
    for path in (pq, folder):
        segs = read_document(path, source_col="zh", target_col="en", id_col="uid", src_lang="zh")
        got = [(s.seg_id, s.source, s.target) for s in segs]
        assert got == [("a", "你好。", "Hello."), ("b", "80亿", "80 billion")]
    assert guess_format(folder) == "dataset"
    with pytest.raises(InputError, match="no target column"):
        read_document(pq)


# --- the dataset reader shares mtqa.io.tables.read_rows with the benchmark tables ---

def test_datasets_tsv_cells_stay_strings(tmp_path):
    pytest.importorskip("datasets")
    tsv = tmp_path / "corpus.tsv"
    tsv.write_text("id\tsource\ttarget\n1\tN/A\tNA\n2\tsieben\t007\n3\t\tnull\n", encoding="utf-8")
    segs = read_document(tsv, fmt="dataset", src_lang="de")
    assert [(s.seg_id, s.source, s.target) for s in segs] == [("1", "N/A", "NA"), ("2", "sieben", "007"),
                                                           ("3", "", "null")]


def test_datasets_bad_json_line_names_file_and_line(tmp_path):
    pytest.importorskip("datasets")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"target": "a"}\n\n{"target": "b"}\n{"target": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:4:\d+: not valid JSON") as err:
        read_document(bad, fmt="dataset")
    assert err.value.line == 4
    arr = tmp_path / "arr.jsonl"
    arr.write_text('{"target": "a"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"arr\.jsonl:2: expected a JSON object, got list"):
        read_document(arr, fmt="dataset")


def test_datasets_repeated_header_is_refused(tmp_path):
    pytest.importorskip("datasets")
    csv_ = tmp_path / "dup.csv"
    csv_.write_text("id,target,target\n1,a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup\.csv:1: repeated column names in the header: target"):
        read_document(csv_, fmt="dataset")


def test_datasets_cache_removed_and_offline(tmp_path, monkeypatch):
    pytest.importorskip("datasets")
    import os
    import tempfile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    tsv = tmp_path / "c.tsv"
    tsv.write_text("target\nHallo\n", encoding="utf-8")
    assert [s.target for s in read_document(tsv, fmt="dataset")] == ["Hallo"]
    with pytest.raises(InputError, match="no split 'test'; the dataset has train"):
        read_document(tsv, fmt="dataset", split="test")
    assert list(scratch.iterdir()) == []
    assert os.environ.get("HF_DATASETS_OFFLINE") == "1"


def test_datasets_missing_package_is_an_input_error(tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "datasets", None)  # import datasets -> ImportError
    tsv = tmp_path / "c.tsv"
    tsv.write_text("target\nHallo\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.tsv: reading a table needs the datasets package: "
                                         r"pip install 'mtqa\[datasets\]'$"):
        read_document(tsv, fmt="dataset")


def test_languages_detected_when_not_given(tmp_path):
    t = tmp_path / "t.txt"
    t.write_text("Die Bibliothek verlängert diese Woche ihre Öffnungszeiten. Sie ist bis 22 Uhr geöffnet.\n",
                 encoding="utf-8")
    s = tmp_path / "s.txt"
    s.write_text("本周图书馆将延长开放时间。开放至晚上十点。\n", encoding="utf-8")
    segs = read_document(t, source=s, detect_languages=True, align_method="length")
    assert {(x.src_lang, x.tgt_lang) for x in segs} == {("zh", "de")}
    assert segs.meta["alignment"] == "length" and segs.meta["src_lang_detected"] == "zh"


def test_cli_two_documents_are_aligned(tmp_path):
    case = ROOT / "tests" / "fixtures" / "cases" / "015-alignment-omission-merge"
    res = invoke("score", case / "target.txt", "--source", case / "source.txt", "--format", "jsonl",
                 "--align", "length")
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.output.splitlines()]
    assert recs[0]["alignment"] == "length" and recs[0]["src_lang"] == "zh" and recs[0]["tgt_lang"] == "en"
    segs = [r for r in recs if r["type"] == "segment"]
    assert [s["alignment"] for s in segs] == ["1-1", "1-1", "1-0", "1-1", "1-1", "1-1", "1-1"]
    assert segs[2]["seg_id"] == "target:src-3.1" and segs[2]["source_line"] == 3
    assert [i["category"] for s in segs for i in s["issues"] if i["severity"] != "neutral"] == ["Accuracy/Omission"]


def test_cli_tmx_inline_codes_are_not_text():
    res = invoke("score", FMT / "sample.tmx", "--format", "jsonl")
    segs = {r["seg_id"]: r for r in map(json.loads, res.output.splitlines()) if r["type"] == "segment"}
    assert segs["greet"]["verdict"] == "ok", segs["greet"]["issues"]   # <bpt id="1"/> is neither Latin text nor length
    assert [i["text"] for i in segs["2"]["issues"]] == ["8亿"]           # 8 billion is 80亿, not 8亿


_MIXED = ("source\ttarget\n"
          "The heavy rain delayed all trains this morning.\t今天早上的大雨使所有火车都晚点了。\n"
          "The heavy rain delayed all trains this morning.\tThe heavy rain delayed all trains this morning.\n"
          "因为大雨，所有火车都晚点了。\tBecause of the heavy rain, all trains were late.\n"
          "因为大雨，所有火车都晚点了。\t因为大雨，所有火车都晚点了。\n"
          "She bought three apples at the market.\t她在市场买了三个苹果。\n"
          "他把伞忘在公共汽车上了。\tHe forgot his umbrella on the bus.\n")


def test_table_mixing_directions_gets_each_rows_direction_from_its_source(tmp_path):
    """A TSV without language columns holding en→zh and zh→en rows: zh→en rows are read as such,
    so their good translations are not 'untranslated' and their copy still is; stderr says so."""
    path = tmp_path / "mixed.tsv"
    path.write_text(_MIXED, encoding="utf-8")
    res = CliRunner().invoke(main, ["score", str(path), "--format", "jsonl", "--qe", "none"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    meta, segs = recs[0], [r for r in recs if r["type"] == "segment"]
    assert meta["directions"] == ["en-zh", "zh-en"] and "rows run both" in meta["note"]
    assert [(s["src_lang"], s["tgt_lang"]) for s in segs] == [("en", "zh"), ("en", "zh"), ("zh", "en"), ("zh", "en"),
                                                               ("en", "zh"), ("zh", "en")]
    found = {s["seg_id"]: {i["detector"] for i in s["issues"]} for s in segs}
    assert found["3"] == found["6"] == set() and "untranslated" in found["4"] and "untranslated" in found["2"]
    assert "rows run both en-zh and zh-en" in res.stderr


def test_table_of_one_direction_with_copies_is_not_mixed(tmp_path):
    """Copies of the source in the target column keep their source's language: no second direction."""
    rows = ["The heavy rain delayed all trains this morning.\t今天早上的大雨使所有火车都晚点了。",
            "She bought three apples at the market.\tShe bought three apples at the market.",
            "The museum opens at nine every day.\tThe museum opens at nine every day.",
            "He forgot his umbrella on the bus.\t他把伞忘在公共汽车上了。"]
    path = tmp_path / "one.tsv"
    path.write_text("source\ttarget\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["score", str(path), "--format", "jsonl", "--qe", "none"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert "directions" not in recs[0] and "rows run both" not in res.stderr
    segs = [r for r in recs if r["type"] == "segment"]
    assert {(s["src_lang"], s["tgt_lang"]) for s in segs} == {("en", "zh")}
    assert [s["seg_id"] for s in segs if any(i["detector"] == "untranslated" for i in s["issues"])] == ["2", "3"]
