"""Properties over arbitrary Unicode (hypothesis): every segment exactly once, in order, spans in range,
the same output twice. scripts/fuzz_inputs.py runs the same checks for minutes on hostile files."""
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.io import InputError, open_input
from mtqa.io.readers import no_surrogates
from mtqa.pipeline import Summary, load_detectors, score_segments
from mtqa.report import WRITERS
from mtqa.segment import raw_lines, split_document
from mtqa.types import Segment

DETECTORS = load_detectors()
PIECES = ["。", "“", "”", '"', "(", ")", "《", "》", ".", "…", "!", "?", " ", "\n", "\r\n", "\r", "\u2028", "\x85",
          "\x00", "\x1b", "\u202e", "\ufeff", "Mr.", "e.g.", "http://x.com/a.", "a@b.org", "<b>", "&amp;",
          "锟斤拷", "Ã©", "relocation relocation", "developmentjobsKey", "会议将于下午三点开始", "x" * 70]
unicode_text = st.lists(st.one_of(st.text(st.characters(blacklist_categories=()), max_size=20),
                                  st.sampled_from(PIECES)), max_size=25).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _check_reports(segments):
    reports = list(score_segments(segments, DETECTORS))
    assert [r.segment for r in reports] == segments  # each input segment once, in order
    for r in reports:
        for i in r.issues:
            text = r.segment.target if i.side == "target" else r.segment.source
            assert text is not None
            assert i.span is None or 0 <= i.span.start <= i.span.end <= len(text)
    return reports


def _jsonl(reports) -> str:
    buf = io.StringIO()
    w = WRITERS.get("jsonl")(buf)
    w.begin({"input": "x"})
    s = Summary()
    for r in reports:
        w.write(r)
        s.add(r)
    w.end(s.to_dict())
    return buf.getvalue()


@SETTINGS
@given(unicode_text, st.sampled_from(["en", "zh", "fr", "ja", "xx"]))
def test_document_split_covers_every_character_once(text, lang):
    segs = split_document(text, lang, "d")
    seen = bytearray(len(text))
    last = -1
    for s in segs:
        assert s.offset.start > last and text[s.offset.start:s.offset.end] == s.target
        assert s.target == s.target.strip() and s.target
        for k in range(s.offset.start, s.offset.end):
            seen[k] = 1
        last = s.offset.end - 1
    assert all(seen[k] or text[k].isspace() for k in range(len(text)))
    assert len({s.seg_id for s in segs}) == len(segs)
    assert "".join(raw_lines(text)) == text


@SETTINGS
@given(unicode_text, st.sampled_from(["en", "zh", "de"]))
def test_pipeline_on_a_document_is_complete_ordered_and_deterministic(text, lang):
    segs = split_document(text, lang, "d")
    first = _jsonl(_check_reports(segs))
    assert _jsonl(_check_reports(split_document(text, lang, "d"))) == first
    records = [json.loads(x) for x in first.splitlines()]  # one record per line whatever the text holds
    assert [r["seg_id"] for r in records if r["type"] == "segment"] == [s.seg_id for s in segs]


@SETTINGS
@given(st.lists(st.tuples(unicode_text, st.one_of(st.none(), unicode_text)), min_size=1, max_size=8))
def test_jsonl_round_trip_keeps_every_segment(tmp_path_factory, rows):
    p = tmp_path_factory.mktemp("j") / "d.jsonl"
    lines = []
    for k, (target, source) in enumerate(rows, start=1):
        rec = {"id": f"s{k}", "target": target}
        if source is not None:
            rec["source"] = source
        lines.append(json.dumps(rec))  # ASCII escapes: lone surrogates survive into the file
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    segs = list(open_input(p, src_lang="zh"))
    assert [s.seg_id for s in segs] == [f"s{k}" for k in range(1, len(rows) + 1)]
    assert [s.target for s in segs] == [no_surrogates(t) for t, _ in rows]
    assert all(len(s.target) == len(t) for s, (t, _) in zip(segs, rows))  # offsets unchanged
    _check_reports(segs)


@SETTINGS
@given(st.binary(max_size=200), st.sampled_from(["text", "jsonl", "tsv", "csv"]))
def test_arbitrary_bytes_are_read_or_refused_never_crash(tmp_path_factory, data, fmt):
    p = tmp_path_factory.mktemp("b") / "d.in"
    p.write_bytes(data)
    try:
        doc = open_input(p, fmt)
    except InputError as e:
        assert str(p) in str(e)
        return
    segs = list(doc)
    assert len(segs) == doc.segments
    _check_reports(segs)


@SETTINGS
@given(st.lists(unicode_text, min_size=1, max_size=6))
def test_segments_given_directly_come_back_once_in_order(targets):
    segs = [Segment(seg_id=str(k), target=t, source=t[::-1], src_lang="zh") for k, t in enumerate(targets)]
    _check_reports(segs)
