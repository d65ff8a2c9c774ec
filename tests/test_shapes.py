"""Odd shapes of input: line ends, NUL and control characters, empty files, long lines, pipes."""
import json
import os
import threading

import pytest
from click.testing import CliRunner

from mtqa.cli import main
from mtqa.io import InputError, open_input
from mtqa.pipeline import load_detectors, score_segments
from mtqa.segment import sentence_spans, split_document
from mtqa.types import Segment


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _segments_jsonl(output: str) -> list[dict]:
    return [r for r in map(json.loads, output.splitlines()) if r["type"] == "segment"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_ends_give_the_same_segments_and_line_numbers(tmp_path, eol):
    text = eol.join(["Title line", "", "First sentence here. Second one.", "Third paragraph."]) + eol
    p = tmp_path / "d.txt"
    p.write_bytes(text.encode())
    segs = list(open_input(p))
    assert [(s.target, s.line) for s in segs] == [("Title line", 1), ("First sentence here.", 3),
                                                  ("Second one.", 3), ("Third paragraph.", 4)]
    for s in segs:  # offsets index the text as it is, line breaks included
        assert text[s.offset.start:s.offset.end] == s.target


def test_hard_wrapped_lines_with_cr_only_keep_line_numbers():
    long = "This line is long enough to be a hard-wrapped line of a paragraph without an end"
    text = f"{long}\rcontinues here. And a second sentence.\r"
    segs = split_document(text, "en", "d")
    assert [(s.target, s.line) for s in segs] == [(f"{long}\rcontinues here.", 1), ("And a second sentence.", 2)]


def test_only_cr_lf_and_crlf_end_lines(tmp_path):
    """U+2028, NEL, form feed and vertical tab stay inside their line (str.splitlines would split there)."""
    t, s = tmp_path / "t.txt", tmp_path / "s.txt"
    t.write_text("one\u2028still one\x85and\x0cmore\x0bhere\ntwo\n", encoding="utf-8")
    s.write_text("一\n二\n", encoding="utf-8")
    segs = list(open_input(t, source=s, aligned=True))
    assert [x.target for x in segs] == ["one\u2028still one\x85and\x0cmore\x0bhere", "two"]


def test_nul_and_control_characters_are_reported_in_every_format(tmp_path):
    p = tmp_path / "ctrl.txt"
    p.write_bytes(b"Hello\x00 world. Bad \x1b[2J escape.\nA bell \x07 and an override \xe2\x80\xae here.\n")
    for fmt in ("text", "jsonl", "json", "csv", "tsv", "xliff", "xliff2", "html"):
        out = tmp_path / f"r.{fmt}"
        res = invoke("score", p, "--format", fmt, "-o", out)
        assert res.exit_code == 0, (fmt, res.output)
        assert out.stat().st_size > 0
    recs = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    found = {i["message"] for r in recs if r["type"] == "segment" for i in r["issues"]}
    assert {"control character U+0000", "control character U+001B", "control character U+0007",
            "invisible character U+202E"} <= found
    report = (tmp_path / "r.text").read_text(encoding="utf-8")
    assert "\x1b" not in report and "\x00" not in report and "\u202e" not in report
    assert "‹U+001B›" in report and "‹U+0000›" in report
    from lxml import etree
    for fmt in ("xliff", "xliff2"):
        etree.parse(str(tmp_path / f"r.{fmt}"))  # well-formed: NUL became U+FFFD


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf", b"\r\n\r\n", "\u3000\n".encode()])
def test_empty_and_blank_files_are_clear_errors(tmp_path, content):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    res = invoke("score", p)
    assert res.exit_code == 1 and "empty" in res.output and str(p) in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("name,content,needle", [
    ("e.jsonl", b"", "no segments"), ("e.jsonl", b"\n\n  \n", "no segments"),
    ("e.tsv", b"", "no rows"), ("h.tsv", b"id\tsource\ttarget\n", "no rows"),
])
def test_empty_tables(tmp_path, name, content, needle):
    p = tmp_path / name
    p.write_bytes(content)
    res = invoke("score", p)
    assert res.exit_code == 1 and needle in res.output and str(p) in res.output


def test_directory_and_unreadable_file(tmp_path):
    res = invoke("score", tmp_path / "missing.txt")
    assert res.exit_code == 1 and "no such file" in res.output
    p = tmp_path / "locked.txt"
    p.write_text("Hello.", encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        res = invoke("score", p)
        assert res.exit_code == 1 and "permission denied" in res.output
    finally:
        p.chmod(0o644)


def test_a_long_single_line_is_split_and_covered(tmp_path):
    sentence = "The county opened 12 new schools (and 3 clinics) in 2020, e.g. in Luoshan. "
    text = sentence * 2000  # ~150 kB on one line; the 10 MB figures are in scripts/bench_large_inputs.py
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    doc = open_input(p)
    segs = list(doc)
    assert len(segs) == doc.segments == 2000
    assert all(s.line == 1 and text[s.offset.start:s.offset.end] == s.target for s in segs)
    assert [s.seg_id for s in segs[:2]] == ["long:1.1", "long:1.2"]


@pytest.mark.parametrize("shape", [
    "(" * 5000 + "]" * 5000,              # every closer searched the whole stack
    "Mr. no. etc. " * 2000,               # abbreviation test scanned from the start
    "a." * 10000 + "@x",                  # URL/e-mail patterns backtracked per label
    ",, " * 5000,                          # findings checked against every earlier one
    "x) " * 5000,                          # a prefix copy per unmatched closer
    "word，中 " * 3000,                    # full-width marks tested against every script run
    "http://." * 3000,
    "stabiliterance " * 1000,
])
def test_pathological_long_segments_finish(shape):
    """Shapes that were quadratic (minutes at 200 kB); here they must simply finish, all spans in range."""
    seg = Segment("x", shape, source=shape[:100], src_lang="zh")
    assert sentence_spans(shape, "en") is not None
    for r in score_segments([seg], load_detectors()):
        assert all(i.span is None or 0 <= i.span.start <= i.span.end <= len(shape) for i in r.issues)


def test_many_short_lines_stream(tmp_path):
    p = tmp_path / "many.txt"
    p.write_text("".join(f"Line number {i}.\n" for i in range(20000)), encoding="utf-8")
    doc = open_input(p)
    assert doc.segments == 20000
    it = iter(doc)
    first = next(it)  # a generator: the first segment comes before the rest is read
    assert first.target == "Line number 0." and first.line == 1
    assert sum(1 for _ in it) == 19999


def test_a_pipe_is_read_once_and_spooled(tmp_path):
    """A pipe (``mtqa score <(zcat doc.gz)``) cannot be read twice: it is copied to a temporary file once."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    data = "Read from a pipe. Twice over.\n".encode()

    def feed():
        with open(fifo, "wb") as fh:
            fh.write(data)
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    doc = open_input(fifo)  # opening the pipe a second time would block for ever
    t.join(10)
    spool = doc.encoding.path
    assert spool != str(fifo) and doc.segments == 2
    assert [s.target for s in doc] == ["Read from a pipe.", "Twice over."] == [s.target for s in doc]
    del doc
    import gc
    gc.collect()
    assert not os.path.exists(spool)  # the copy goes with the document


def test_file_changed_between_passes_is_detected(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("One sentence.\n", encoding="utf-8")
    doc = open_input(p)
    p.write_text("One sentence.\nAnd another one added later.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while mtqa was reading"):
        list(doc)


_PROSE = "The county opened new schools and clinics in the villages this year, the report said today. "


@pytest.mark.parametrize("target,source,src_lang", [
    ("12 345 6.7 " * 1000, "一百二十三 四十五 " * 1000, "zh"),          # numbers compared pair by pair
    ("{0} %s {name} <b> " * 2000, "{1} %d {x} <i> " * 2000, "en"),      # placeholders searched per missing one
    (_PROSE * 300, _PROSE.replace("county", "city") * 300, "fr"),        # difflib over whole sides
])
def test_pathological_bilingual_segments_finish(target, source, src_lang):
    """Long segments with a source that made numbers, placeholders and untranslated quadratic."""
    seg = Segment("x", target, source=source, src_lang=src_lang, tgt_lang="en")
    for r in score_segments([seg], load_detectors()):
        for i in r.issues:
            text = target if i.side == "target" else source
            assert i.span is None or 0 <= i.span.start <= i.span.end <= len(text)


@pytest.mark.parametrize("lang,text", [("ko", "안녕하세요 안녕하세요 오늘 날씨가 좋네요."), ("ja", "今日は今日は良い天気です。"),
                                       ("zh", "今天今天天气很好。"), ("xx", "blah blah blah.")])
def test_languages_without_word_lists_or_tokenizers_do_not_crash(lang, text):
    """wordfreq needs MeCab for Korean and Japanese and jieba for Chinese; without them a lookup is 'unknown'."""
    reports = list(score_segments([Segment("1", text, tgt_lang=lang)], load_detectors()))
    assert len(reports) == 1


def test_grouped_number_without_decimals_in_a_decimal_comma_language():
    """"0.000.000" in German raised ValueError in the numbers detector (found by the fuzz)."""
    seg = Segment("1", "Es kostet 0.000.000 Euro und 1.500 Euro.", source="它花费0欧元和1500欧元。",
                  src_lang="zh", tgt_lang="de")
    [report] = score_segments([seg], load_detectors())
    assert report.segment is seg


def test_digits_newer_than_the_interpreter_are_not_numbers():
    """regex knows Kirat Rai digits (Unicode 16) that Python 3.11's float() does not (found by the fuzz)."""
    seg = Segment("1", "Le prix est \U00016d70,5 et 12:\U00011bf0 ici, ٣٤ euros.", source="价格是34欧元。",
                  src_lang="zh", tgt_lang="fr")
    [report] = score_segments([seg], load_detectors())
    assert report.segment is seg


def test_a_detector_out_of_memory_is_noted_not_fatal():
    """The regex module raises MemoryError past millions of repeats of a group: one detector's
    failure on a hostile segment is noted on the segment, and the other detectors still run."""
    from mtqa.detectors.base import Detector
    from mtqa.pipeline import detect

    class Hungry(Detector):
        name, category, severity = "hungry", "Other/Non-content", "minor"

        def detect(self, segment, profile):
            yield self.issue(segment, "found before running out")
            raise MemoryError

    issues = detect(Segment("1", "Some text , here."), [Hungry(), *load_detectors(["punctuation"])])
    assert [(i.detector, i.severity) for i in issues][:2] == [("hungry", "minor"), ("hungry", "neutral")]
    assert any(i.detector == "punctuation" for i in issues)
    assert "out of memory" in issues[1].message
