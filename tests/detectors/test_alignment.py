"""alignment: beads the aligner left unpaired become one omission or addition each."""
from mtqa.detectors.alignment import Alignment
from mtqa.languages import get_profile
from mtqa.types import Segment


def _issues(**kw):
    seg = Segment(seg_id="d:1", **kw)
    return [(i.side, i.category, i.severity, i.span) for i in Alignment().detect(seg, get_profile("en"))]


def test_source_sentence_without_translation_is_one_major_omission():
    got = _issues(target="", source="周末开放时间不变。", src_lang="zh", alignment="1-0", source_line=3)
    assert len(got) == 1 and got[0][:3] == ("source", "Accuracy/Omission", "major")
    assert (got[0][3].start, got[0][3].end) == (0, 9)


def test_target_sentence_without_source_is_an_addition():
    got = _issues(target="This sentence was invented.", alignment="0-1")
    assert [g[:3] for g in got] == [("target", "Accuracy/Addition", "major")]


def test_paired_and_merged_beads_are_not_reported():
    assert _issues(target="A. B.", source="甲乙。", alignment="1-2") == []
    assert _issues(target="A.", source="甲。", alignment="1-1") == []
    assert _issues(target="A.", source="甲。") == []
