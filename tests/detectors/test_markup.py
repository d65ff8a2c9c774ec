import pytest

from detectors.helpers import run


@pytest.mark.parametrize("target,frag", [
    ("[ad_1]", "[ad_1]"), ("Text [ad_2] more", "[ad_2]"), ("Bold <b>text</b> here", "<b>"),
    ("Fish &amp; chips", "&amp;"), ("Say &lt;b&gt;hi&lt;/b&gt;", "&lt;b&gt;"),
])
def test_leftover_markup(target, frag):
    found = run("markup", target)
    assert found and found[0][0] == frag and found[0][1] == "minor"


def test_tags_present_in_source_are_not_markup_errors():
    assert run("markup", "Click <b>Save</b>.", source="点击<b>保存</b>。", src_lang="zh") == []


@pytest.mark.parametrize("target", [
    "(Source: Oriental Jinbao)", "(Responsible editor: DF524)",
    "I solemnly declare: The purpose of this information is to spread more information, "
    "and it has nothing to do with this booth.",
])
def test_page_furniture_is_neutral(target):
    assert [s for _, s, _ in run("markup", target)] == ["neutral"]


def test_plain_sentence_is_clean():
    assert run("markup", "The county built 121 demonstration projects and 20 workshops.") == []
