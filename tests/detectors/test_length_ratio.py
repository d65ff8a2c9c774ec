"""length_ratio: Gale-Church z against the constants fitted by scripts/length_stats.py."""
import pytest

from detectors.helpers import found
from mtqa.lengths import LENGTH_MODELS, gale_church_z, text_length

SRC = "市图书馆昨天发布通知，从下个月起周末开放时间延长两个小时，并增设三个自习室供读者预约。"


def test_constants_are_committed_with_provenance():
    for pair in ("zh-en", "en-zh"):
        m = LENGTH_MODELS[pair]
        assert m["c"] > 0 and m["s2"] > 0 and "wmt22" in m["source"]
    # a zh character becomes about three English characters, an English one about a third of a Chinese one
    assert 2.5 < LENGTH_MODELS["zh-en"]["c"] < 4.5 and 0.25 < LENGTH_MODELS["en-zh"]["c"] < 0.45


def test_z_formula():
    assert gale_church_z(100, 300, 3.0, 9.0) == 0
    assert gale_church_z(100, 240, 3.0, 9.0) == pytest.approx(-2.0)


@pytest.mark.parametrize("target,expected", [
    ("The city library announced yesterday that from next month its weekend opening hours will be two hours "
     "longer, with three new study rooms that readers can book.", []),
    ("The city library announced new hours.",
     [("target", "The city library announced new hours.", "Accuracy/Omission", "minor")]),
    ("The library.", []),  # collapsed under 20%: the omission check reports it
    ("The city library announced yesterday that from next month its weekend opening hours will be two hours "
     "longer, with three new study rooms that readers can book. " * 4, "long"),
    ("", []),
])
def test_outliers(target, expected):
    got = found("length_ratio", target, SRC, "zh", "en")
    if expected == "long":
        assert [(s, c, sev) for s, _, c, sev in got] == [("target", "Accuracy/Addition", "minor")]
    else:
        assert got == expected


def test_unfitted_pair_and_short_source_are_left_alone():
    assert found("length_ratio", "x", SRC, "zh", "fr") == []
    assert found("length_ratio", "A very long answer indeed to a short question.", "好吗？", "zh", "en") == []
    assert text_length(" a b\tc\n") == 3
