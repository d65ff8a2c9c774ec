"""Corpus input: WMT-layout folders and tables; every bad input names its file."""
import json

import pytest

from benchmark.helpers import make_wmt_folder, sentences, toy_corpus, write_lines
from mtqa.benchmark.corpus import load_corpus, read_lines
from mtqa.io import InputError


def test_wmt_folder_infers_pair_and_reads_everything(tmp_path):
    root = toy_corpus(tmp_path / "c")
    c = load_corpus(root)
    assert (c.src_lang, c.tgt_lang, len(c)) == ("de", "en", 40)
    assert sorted(c.systems) == ["bad", "good", "mid"] and list(c.references) == ["A"]
    assert c.seg_ids[:3] == ["1", "2", "3"] and c.sources[0].startswith("Quelle")
    sub = load_corpus(root, systems=["mid", "good"])
    assert list(sub.systems) == ["mid", "good"]


def test_read_lines_like_sacrebleu(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes("one  \r\n\ntwo\u2028half\nthree".encode("utf-8"))
    # split on \n only (U+2028 stays inside its line), trailing whitespace stripped, no final newline needed
    assert read_lines(p) == ["one", "", "two\u2028half", "three"]


def test_missing_system_file_names_the_expected_file(tmp_path):
    root = toy_corpus(tmp_path / "c")
    with pytest.raises(InputError) as err:
        load_corpus(root, systems=["good", "nosuch"])
    assert "toytest.de-en.hyp.nosuch.en" in str(err.value) and "no such file" in str(err.value)
    with pytest.raises(InputError, match=r"ref\.B\.en"):
        load_corpus(root, references=["B"])


def test_unequal_line_counts_name_the_file_and_both_counts(tmp_path):
    root = toy_corpus(tmp_path / "c")
    short = root / "system-outputs" / "toytest.de-en.hyp.mid.en"
    write_lines(short, read_lines(short)[:-1])
    with pytest.raises(InputError) as err:
        load_corpus(root)
    msg = str(err.value)
    assert msg.startswith(str(short)) and "39 lines" in msg and "40" in msg and "toytest.de-en.src.de" in msg


def test_empty_corpus_names_the_file(tmp_path):
    root = make_wmt_folder(tmp_path / "c", {"s": []}, {"A": []}, [])
    with pytest.raises(InputError) as err:
        load_corpus(root)
    assert "toytest.de-en.src.de" in str(err.value) and "empty" in str(err.value)
    root = make_wmt_folder(tmp_path / "d", {"s": ["x"], "t": []}, None, None)
    with pytest.raises(InputError, match=r"hyp\.t\.en: empty"):
        load_corpus(root)


def test_folder_with_two_pairs_needs_pair(tmp_path):
    root = toy_corpus(tmp_path / "c")
    make_wmt_folder(root, {"x": ["a"]}, None, ["b"], pair="en-de")
    with pytest.raises(InputError, match="several language pairs.*--pair"):
        load_corpus(root)
    assert load_corpus(root, "en-de").tgt_lang == "de"
    with pytest.raises(InputError, match="no files for fr-en"):
        load_corpus(root, "fr-en")


def test_not_a_corpus(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_corpus(tmp_path / "missing")
    (tmp_path / "x.txt").write_text("a\n")
    with pytest.raises(InputError, match="not a corpus"):
        load_corpus(tmp_path / "x.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="system-outputs"):
        load_corpus(tmp_path / "empty")


# --- tables through `datasets` ---

def _rows(n=6):
    ref = sentences(n, 5)
    rows = []
    for sys_, shift in (("a", 0), ("b", 1)):
        for i in range(n):
            rows.append({"system": sys_, "seg_id": f"d1-{i}", "source": f"src {i}", "reference": ref[i],
                         "target": ref[(i + shift) % n], "lp": "de-en"})
    return rows


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_table(tmp_path):
    pytest.importorskip("datasets")
    rows = _rows()
    c = load_corpus(_jsonl(tmp_path / "t.jsonl", rows[::-1]))  # order of rows does not matter with ids
    assert c.pair == "de-en" and sorted(c.systems) == ["a", "b"] and len(c) == 6
    i = c.seg_ids.index("d1-2")
    assert c.systems["a"][i] == rows[2]["target"] and c.sources[i] == "src 2"
    assert c.references["ref"][i] == rows[2]["reference"]


def test_csv_and_parquet_tables(tmp_path):
    pytest.importorskip("datasets")
    import csv
    rows = _rows()
    rows[0]["target"] = "2020"  # stays a string: no type guessing
    p = tmp_path / "t.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    c = load_corpus(p)
    assert c.systems["a"][0] == "2020" and len(c) == 6
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa
    multi = [dict(r, reference=[r["reference"], "other"]) for r in _rows()]
    pq.write_table(pa.Table.from_pylist(multi), tmp_path / "t.parquet")
    c = load_corpus(tmp_path / "t.parquet", systems=["b"])
    assert list(c.systems) == ["b"] and list(c.references) == ["1", "2"] and c.references["2"][0] == "other"


def test_table_errors_name_file_and_row(tmp_path):
    pytest.importorskip("datasets")
    rows = _rows()
    p = _jsonl(tmp_path / "missing.jsonl", rows[:-1])
    with pytest.raises(InputError, match=r"missing.jsonl: system 'b' has 5 segments of 6; missing 'd1-5'"):
        load_corpus(p)
    bad = [dict(r) for r in rows]
    bad[7]["source"] = "something else"
    with pytest.raises(InputError, match=r"row 8: source of segment 'd1-1' differs"):
        load_corpus(_jsonl(tmp_path / "mis.jsonl", bad))
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(rows[0]) + "\n{\"system\": \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.jsonl:2:"):
        load_corpus(broken)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="empty.jsonl: empty"):
        load_corpus(empty)
    nolang = _jsonl(tmp_path / "nolang.jsonl", [{k: v for k, v in r.items() if k != "lp"} for r in rows])
    with pytest.raises(InputError, match="--pair"):
        load_corpus(nolang)
    assert load_corpus(nolang, "zh-en").tgt_lang == "en"


def test_tsv_table_cells_stay_strings_and_header_is_checked(tmp_path):
    pytest.importorskip("datasets")
    head = "system\tseg_id\tsource\treference\ttarget\tlp\n"
    p = tmp_path / "t.tsv"
    p.write_text(head + "a\t007\tNA\tnull\tNA\tde-en\nb\t007\tNA\tnull\t007\tde-en\n", encoding="utf-8")
    c = load_corpus(p)
    assert c.seg_ids == ["007"] and c.sources == ["NA"] and c.references["ref"] == ["null"]
    assert c.systems == {"a": ["NA"], "b": ["007"]}
    dup = tmp_path / "dup.tsv"
    dup.write_text("system\ttarget\ttarget\tlp\na\tx\ty\tde-en\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup\.tsv:1: repeated column names in the header: target"):
        load_corpus(dup)


def test_table_without_datasets_names_the_extra(tmp_path, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "datasets", None)
    p = _jsonl(tmp_path / "t.jsonl", _rows())
    with pytest.raises(InputError, match=r"pip install 'mtqa\[datasets\]' \(or use a WMT-layout folder\)"):
        load_corpus(p)
