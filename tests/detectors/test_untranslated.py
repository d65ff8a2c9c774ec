import pytest

from detectors.helpers import run


def test_han_left_in_english_title_target_only():
    t = "Luoshan County: Using the method to compose new poems_ 东方 Fortune.com"
    assert run("untranslated", t) == [("东方", "major", None)]


def test_copy_of_source_is_critical():
    assert run("untranslated", "这个方案行不通。", source="这个方案行不通。", src_lang="zh") == [
        ("这个方案行不通。", "critical", None)]


def test_partial_run_includes_its_fullwidth_stop():
    t = "Li Ming said the new library will open next spring, 届时市民可以免费借阅。"
    assert run("untranslated", t, source="…", src_lang="zh") == [("届时市民可以免费借阅。", "major", None)]


def test_whole_foreign_sentence_is_critical():
    assert run("untranslated", "会议改在周五下午举行。") == [("会议改在周五下午举行。", "critical", None)]


@pytest.mark.parametrize("source,target", [
    ("WiFi", "WiFi"), ("OK", "OK"), ("型号：XR-200", "Model: XR-200"),
    ("请访问 https://example.org/help 获取更多信息。", "Please visit https://example.org/help for more information."),
])
def test_identical_terms_codes_and_urls_are_fine(source, target):
    assert run("untranslated", target, source=source, src_lang="zh") == []


def test_gloss_in_parentheses_is_neutral():
    assert run("untranslated", "The Spring Festival (春节) is important.", source="春节很重要。", src_lang="zh") == [
        ("春节", "neutral", None)]
    from mtqa.detectors.untranslated import Untranslated
    from mtqa.languages import get_profile
    from mtqa.types import Segment
    seg = Segment("1", "The Spring Festival (春节) is important.", source="春节很重要。", src_lang="zh")
    assert [i.category for i in Untranslated().detect(seg, get_profile("en"))] == ["Style/Awkward"]


def test_latin_brands_in_chinese_are_fine():
    assert run("untranslated", "我们的AI助手支持iOS和Android。", source="x", src_lang="en", tgt_lang="zh") == []


def test_english_words_left_in_chinese_are_flagged():
    found = run("untranslated", "请点击 save the draft 按钮。", source="Click save the draft.", src_lang="en", tgt_lang="zh")
    assert [f for f, _, _ in found] == ["save the draft"]


def test_other_script_goes_to_wrong_language_when_source_is_known():
    assert run("untranslated", "The museum is 关闭 on Mondays.", source="Bảo tàng đóng cửa.", src_lang="vi") == []


def test_separator_lookalike_is_not_han_text():
    assert run("untranslated", "News 丨 Sports 丨 Weather") == []


@pytest.mark.parametrize("source,target,sl,tl,expected", [
    # Latin-script source copied into a Latin-script target
    ("The meeting has been moved to Friday afternoon.", "The meeting has been moved to Friday afternoon.",
     "en", "de", [("The meeting has been moved to Friday afternoon.", "critical")]),
    # near-copies: punctuation, case or a character changed
    ("The meeting has been moved to Friday afternoon.", "The meeting has been moved to friday afternoon!",
     "en", "de", [("The meeting has been moved to friday afternoon!", "critical")]),
    ("这个方案行不通，我们需要再想想。", "这个方案行不通,我们需要再想想", "zh", "en",
     [("这个方案行不通,我们需要再想想", "critical")]),
    # a run of source words left in the target
    ("The committee will review the proposal and publish its findings next month.",
     "Der Ausschuss wird den Vorschlag prüfen and publish its findings next month.", "en", "de",
     [("and publish its findings next month", "major")]),
    # kept on purpose: titles and names, short terms, real translations
    ("He read The Lord of the Rings last year.", "Er las letztes Jahr The Lord of the Rings.", "en", "de", []),
    ("Model XR-200 ready.", "Modell XR-200 bereit.", "en", "de", []),
    ("WiFi", "WiFi", "zh", "en", []),
    ("The meeting has been moved.", "La réunion a été déplacée.", "en", "fr", []),
])
def test_copies_with_the_source(source, target, sl, tl, expected):
    got = [(frag, sev) for frag, sev, _ in run("untranslated", target, source=source, src_lang=sl, tgt_lang=tl)
           if sev != "neutral"]
    assert got == expected
