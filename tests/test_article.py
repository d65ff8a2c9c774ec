"""End to end on the user's article (corpora/luoshan-county.en.txt), target-only mode."""
import json
import re

import pytest
from click.testing import CliRunner

from conftest import ARTICLE
from mtqa.cli import main
from mtqa.io import read_document
from mtqa.pipeline import score_segments

GLUED = ["developmentjobsKey", "counties,Share97", "accuratelyPositioning", "organizedteam663",
         "approval,adPublicize", "alleviationindustryBigger", "conditions.Poverty", "workshops,PVThere", "1Road",
         "transferjobKeep", "povertyworkMore", "county.trafficMore", "PerfectTo", "businesswarrantyEmployment",
         "veterans,unemploymentEmployment", "staffSecured", "loan23.7", "alleviationCreditPolicy",
         "simplifyCreditApproval", "facilityinsurance", "illnessinsurance", "illnessesinsurance",
         "accumulatedRefundMedical", "ofto", "acceptMassive", "perfectionRural", "allowanceSolidarity"]

#: Lost sentence breaks (run_on_sentences), each checked by hand: a new sentence or clause starts
#: with a capital after a lower-case word with no full stop ("garden Vigorously") or after a comma.
RUN_ON = ["villagers The", "industry, Built", "garden Vigorously", "construction, To", "insurance In"]

NEVER_FLAGGED = ["Wang Mingjun", "Luoshan County", "Dabie Mountains", "Dongzhai-Lingshan-Hejiachong", "Pengxin",
                 "Mangzhang", "Oriental Jinbao", "20,816", "71,402", "99.62%", "5.838", "15132", "1,409", "mu",
                 "Undersecretary", "Fortune.com"]


@pytest.fixture(scope="module")
def reports():
    return list(score_segments(read_document(ARTICLE)))


def _flagged(reports, detector=None):
    out = []
    for r in reports:
        for i in r.issues:
            if i.span is not None and (detector is None or i.detector == detector) and i.severity != "neutral":
                out.append((r, i, r.segment.target[i.span.start:i.span.end]))
    return out


def test_all_glued_terms_flagged_with_suggestions(reports):
    found = {frag: i for _, i, frag in _flagged(reports, "glued_words")}
    assert sorted(found) == sorted(GLUED)
    for frag, issue in found.items():
        assert issue.suggestion and re.sub(r"[ .]", "", issue.suggestion) == re.sub(r"[ .]", "", frag)
    # a full stop where the capitalised word opens the next sentence ("More than 10,000 people were ...")
    assert found["povertyworkMore"].suggestion == "poverty work. More"
    assert found["county.trafficMore"].suggestion == "county. traffic More"  # not a one-word sentence "traffic."
    assert found["developmentjobsKey"].suggestion == "development jobs Key"  # "Key counties": no clause opener


def test_lost_sentence_breaks_flagged(reports):
    found = {frag: i for _, i, frag in _flagged(reports, "run_on_sentences")}
    assert sorted(found) == sorted(RUN_ON)
    assert found["garden Vigorously"].suggestion == "garden. Vigorously"
    assert all(i.severity == "minor" and i.category == "Fluency/Punctuation" for i in found.values())


def test_the_other_faults_are_flagged(reports):
    flagged = {(i.detector, frag) for _, i, frag in _flagged(reports)}
    assert ("untranslated", "东方") in flagged
    assert ("markup", "[ad_1]") in flagged and ("markup", "[ad_2]") in flagged
    assert ("wrong_language", "Nombre") in flagged
    assert ("repetition", "relocation relocation") in flagged
    assert ("punctuation", "%.") in flagged
    assert ("punctuation", "accuratelyPositioning") in flagged  # the paragraph's last sentence lost its stop


def test_no_name_number_or_plain_word_is_flagged(reports):
    for r, issue, frag in _flagged(reports):
        for safe in NEVER_FLAGGED:
            for m in re.finditer(r"(?<!\w)" + re.escape(safe) + r"(?!\w)", r.segment.target):
                assert not (issue.span.start < m.end() and m.start() < issue.span.end) or issue.detector in (
                    "repetition",), (safe, issue)


def test_spans_map_back_to_the_file(reports):
    text = ARTICLE.read_text(encoding="utf-8")
    for r, issue, frag in _flagged(reports):
        start = r.segment.offset.start + issue.span.start
        assert text[start:start + len(frag)] == frag


def test_page_furniture_is_neutral(reports):
    neutral = [r.segment.target for r in reports for i in r.issues if i.category == "Other/Non-content"]
    assert "(Source: Oriental Jinbao)" in neutral and "(Responsible editor: DF524)" in neutral
    assert all(i.severity == "neutral" for r in reports for i in r.issues if i.category == "Other/Non-content")


def test_cli_jsonl_is_complete_ordered_and_deterministic(tmp_path):
    runner = CliRunner()
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (out1, out2):
        res = runner.invoke(main, ["score", str(ARTICLE), "--format", "jsonl", "-o", str(out)])
        assert res.exit_code == 0, res.output
    assert out1.read_bytes() == out2.read_bytes()
    records = [json.loads(line) for line in out1.read_text(encoding="utf-8").splitlines()]
    assert records[0]["type"] == "meta" and records[-1]["type"] == "summary"
    segs = [r for r in records if r["type"] == "segment"]
    text = ARTICLE.read_text(encoding="utf-8")
    assert [s["start"] for s in segs] == sorted(s["start"] for s in segs)
    for s in segs:
        assert text[s["start"]:s["end"]] == s["target"]
    assert records[-1]["segments"] == len(segs) == len(read_document(ARTICLE))


def test_cli_text_report_lists_worst_first_with_marked_spans():
    res = CliRunner().invoke(main, ["score", str(ARTICLE), "--no-color"])
    assert res.exit_code == 0
    assert "⟦developmentjobsKey⟧" in res.output and "by category:" in res.output
    priorities = [float(m) for m in re.findall(r"priority (\d\.\d\d)", res.output)]
    assert priorities == sorted(priorities, reverse=True) and priorities[0] > 0.5
