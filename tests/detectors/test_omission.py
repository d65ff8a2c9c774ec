import pytest

from detectors.helpers import run


@pytest.mark.parametrize("source,target,frag", [
    ("会议将于下午三点开始。", "", None),
    ("谢谢大家。", ".", "."),
    ("本次调查覆盖了全省十二个城市。调查显示，居民对公共交通的满意度明显提高。", "…structure", "…structure"),
])
def test_missing_translation_is_critical(source, target, frag):
    assert run("omission", target, source=source, src_lang="zh") == [(frag, "critical", None)]


@pytest.mark.parametrize("source,target", [("", ""), ("   ", "   "), ("（掌声）", "(Applause)"), ("OK", "OK"),
                                           ("再见。", "Goodbye.")])
def test_fine_pairs(source, target):
    assert run("omission", target, source=source, src_lang="zh") == []


def test_needs_source():
    from mtqa.detectors import DETECTORS
    assert DETECTORS.get("omission").needs_source


def test_message_says_what_it_counts():
    """'…structure' is 10 characters but 9 letters; the source's 33 Han characters weigh 3 each (99)."""
    from mtqa.detectors import DETECTORS
    from mtqa.languages import get_profile
    from mtqa.types import Segment
    src = "本次调查覆盖了全省十二个城市。调查显示，居民对公共交通的满意度明显提高。"
    seg = Segment(seg_id="t", target="…structure", source=src, src_lang="zh", tgt_lang="en")
    (issue,) = DETECTORS.get("omission")().detect(seg, get_profile("en"))
    assert issue.message.startswith("target has 9 letters and digits where its source has 99 ")
