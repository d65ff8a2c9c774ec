"""The field cases (tests/fixtures/cases, from ../shared/cases) given as segment tables (JSONL)."""
import pytest

from casekit import find_match, load_case, violations
from mtqa.types import severity_rank

CASES = ["001-untranslated-copy-zh-en", "002-zh-wan-yi-magnitudes", "005-cjk-punctuation-width",
         "006-unpaired-quotes-apostrophes", "008-placeholder-mangling",
         "010-glued-and-garbled-words", "012-mojibake", "020-wrong-language-words",
         "022-empty-and-degenerate-segments"]


def _items(key):
    out = []
    for name in CASES:
        expected, _ = load_case(name)
        for k, item in enumerate(expected.get(key, [])):
            out.append(pytest.param(name, item, id=f"{name}:{key}:{item['segment']}:{k}"))
    return out


@pytest.mark.parametrize("name,item", _items("must_report"))
def test_must_report(name, item):
    _, reports = load_case(name)
    report = reports[str(item["segment"])]
    issue = find_match(report, item)
    assert issue is not None, [(i.detector, i.span, i.severity, i.message) for i in report.issues]


@pytest.mark.parametrize("name,item", _items("must_not_report"))
def test_must_not_report(name, item):
    _, reports = load_case(name)
    bad = violations(reports[str(item["segment"])], item)
    assert not bad, [(i.detector, i.span, i.severity, i.message) for i in bad]


@pytest.mark.parametrize("name,item", _items("may_report"))
def test_may_report_never_above_its_severity(name, item):
    _, reports = load_case(name)
    limit = 0 if item["severity"] == "info" else severity_rank(item["severity"])
    for issue in reports[str(item["segment"])].issues:
        if issue.span and issue.span.start == item["start"]:
            assert severity_rank(issue.severity) <= limit


@pytest.mark.parametrize("name", CASES)
def test_every_segment_reported_once_in_order(name):
    expected, reports = load_case(name)
    ids = list(reports)
    assert ids == [str(i) for i in range(1, len(ids) + 1)]


def test_copy_stays_an_error_whatever_the_qe():
    """Case 001: the copied segment's verdict is 'error' and its untranslated issue is critical."""
    _, reports = load_case("001-untranslated-copy-zh-en")
    r = reports["1"]
    assert r.verdict == "error"
    assert any(i.detector == "untranslated" and i.severity == "critical" for i in r.issues)


def test_embedded_newline_stays_one_segment():
    _, reports = load_case("022-empty-and-degenerate-segments")
    assert reports["5"].segment.target == "Line one\nLine two"
    assert len(reports) == 9
