import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLE, ROOT
from mtqa.segment import sentence_spans, split_document

CASE13 = ROOT / "tests" / "fixtures" / "cases" / "013-zh-sentence-split-quotes-titles"


def _split(text, lang):
    return [text[s.start:s.end] for s in sentence_spans(text, lang)]


@pytest.mark.parametrize("lang,file", [("zh", "source.txt"), ("en", "target.txt")])
def test_case_013_quotes_titles_decimals(lang, file):
    text = (CASE13 / file).read_text(encoding="utf-8").strip()
    expected = json.loads((CASE13 / "expected.json").read_text(encoding="utf-8"))
    want = expected["expected_source_sentences" if lang == "zh" else "expected_target_sentences"]
    assert _split(text, lang) == want


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith went to Washington. He said hi.", ["Mr. Smith went to Washington.", "He said hi."]),
    ("It costs 5.99 dollars. Really?", ["It costs 5.99 dollars.", "Really?"]),
    ("He said (see Fig. 3) that it works. Then he left.", ["He said (see Fig. 3) that it works.", "Then he left."]),
    ("Visit Fortune.com today. It helps.", ["Visit Fortune.com today.", "It helps."]),
    ("local conditions.Poverty stays glued.", ["local conditions.Poverty stays glued."]),
    ("“Stop!” she said. Then he left.", ["“Stop!” she said.", "Then he left."]),
    ("", []), ("   ", []),
])
def test_english_sentences(text, expected):
    assert _split(text, "en") == expected


def test_article_segments_cover_every_character():
    text = ARTICLE.read_text(encoding="utf-8")
    segs = split_document(text, "en", "luoshan")
    covered = [False] * len(text)
    last = -1
    for s in segs:
        assert s.offset.start > last, "segments out of order or overlapping"
        assert text[s.offset.start:s.offset.end] == s.target
        for k in range(s.offset.start, s.offset.end):
            covered[k] = True
        last = s.offset.end - 1
    assert all(covered[k] or text[k].isspace() for k in range(len(text)))
    assert len({s.seg_id for s in segs}) == len(segs)


def test_article_headings_are_their_own_segments():
    segs = split_document(ARTICLE.read_text(encoding="utf-8"), "en", "luoshan")
    headings = {s.target for s in segs if s.kind == "heading"}
    assert {"Have a responsibility", "Strengthen the battle", "[ad_1]", "Focus on two precision"} <= headings
    assert segs[0].kind == "heading" and segs[0].line == 1


def test_crlf_and_hard_wrapped_paragraphs():
    text = "Title line\r\n\r\nThis paragraph is wrapped by hand at forty\r\ncharacters and continues here. Next one.\r\n"
    segs = split_document(text, "en", "d")
    assert [s.target for s in segs] == [
        "Title line", "This paragraph is wrapped by hand at forty\r\ncharacters and continues here.", "Next one."]
    assert segs[1].line == 3


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?。！？“”\"()《》 \n中C1")), max_size=80))
def test_split_document_keeps_every_character(text):
    segs = split_document(text, "en", "d")
    pos = 0
    for s in segs:
        assert text[s.offset.start:s.offset.end] == s.target
        assert s.offset.start >= pos
        pos = s.offset.end
    non_space_in_segments = sum(1 for s in segs for c in s.target if not c.isspace())
    assert non_space_in_segments == sum(1 for c in text if not c.isspace())


@pytest.mark.parametrize("text,expected", [
    ("1. Check the water level.\n2. Record the reading.\n", ["1. Check the water level.", "2. Record the reading."]),
    # long unpunctuated items would be joined as a hard-wrapped paragraph without the marker rule
    ("1. Check the water level in the tank every morning before the pumps are started\n"
     "2) Record the reading in the logbook and sign it with your full name and date\n"
     "- A third item that is also long enough to be joined to the line after it\n(4) Fourth\n",
     ["1. Check the water level in the tank every morning before the pumps are started",
      "2) Record the reading in the logbook and sign it with your full name and date",
      "- A third item that is also long enough to be joined to the line after it", "(4) Fourth"]),
    ("IV. Results\nHe scored 3. The rest lost. In 2020. He left.\n",
     ["IV. Results", "He scored 3.", "The rest lost.", "In 2020.", "He left."]),
])
def test_list_items_keep_their_markers(text, expected):
    assert [s.target for s in split_document(text, "en")] == expected


def test_a_quoted_sentence_ending_in_its_full_stop_is_no_heading():
    segs = split_document("He said the county had met “all its targets for the year.”\n\nTargets met in full\n", "en")
    assert [s.kind for s in segs] == ["sentence", "heading"]
