import pytest

from mtqa.mqm import DEFAULT, Weights, its_issue_type, penalty, priority
from mtqa.types import Issue


def _issue(sev, cat):
    return Issue(seg_id="s", detector="d", category=cat, severity=sev, message="m")


@pytest.mark.parametrize("sev,cat,weight", [
    ("major", "Accuracy/Mistranslation", 5), ("minor", "Fluency/Grammar", 1), ("minor", "Fluency/Punctuation", 0.1),
    ("major", "Fluency/Punctuation", 5), ("major", "Non-translation!", 25), ("minor", "Non-translation!", 25),
    ("critical", "Accuracy/Untranslated text", 10), ("neutral", "Other/Non-content", 0),
])
def test_wmt_weights(sev, cat, weight):
    assert DEFAULT.weight(sev, cat) == weight


def test_penalty_sums_weights():
    assert penalty([_issue("major", "Fluency/Spelling"), _issue("minor", "Fluency/Punctuation")]) == pytest.approx(5.1)


def test_custom_spec_and_errors():
    w = Weights.parse("minor:2 major:4 major/Accuracy:7")
    assert w.weight("major", "Accuracy/Omission") == 7 and w.weight("major", "Fluency/Grammar") == 4
    with pytest.raises(ValueError):
        Weights.parse("minor=1")


def test_its_types():
    assert its_issue_type("Accuracy/Untranslated text") == "untranslated"
    assert its_issue_type("Fluency/Punctuation") == "typographical"
    assert its_issue_type("Terminology/Something new") == "other"


def test_priority_ordering():
    assert priority(0) == 0
    assert priority(1) < priority(5) < priority(10) < 1
    assert priority(0, quality=0.2) == pytest.approx(0.4)      # QE alone: at most 0.5
    assert priority(0, quality=0.0) < priority(5)               # below one major error
    assert priority(5, quality=0.0) > priority(5)
