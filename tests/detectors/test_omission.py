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
