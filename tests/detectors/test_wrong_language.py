import pytest

from detectors.helpers import run, spans


def test_spanish_word_in_english():
    found = run("wrong_language", "217 first secretaries were selected in Nombre village, adhere to it.")
    assert [f for f, _, _ in found] == ["Nombre"]
    assert found[0][1] == "major"


def test_german_word_in_english():
    assert spans("wrong_language", "Bitte submit the report before Friday.", source="请在周五之前提交报告。",
                 src_lang="zh") == ["Bitte"]


def test_cjk_in_vietnamese_output():
    assert spans("wrong_language", "Bảo tàng 关闭 vào thứ Hai.", source="The museum is closed on Mondays.",
                 src_lang="en", tgt_lang="vi") == ["关闭"]


@pytest.mark.parametrize("target", [
    "The café serves croissants and espresso.",
    "County Mayor Wang Mingjun presented the county's poverty alleviation work in Luoshan.",
    "Over the past five years, the county has grown in accordance with local conditions.",
    "The per capita income via the new road rose, con artists aside.",
])
def test_loanwords_names_and_english_words_are_left_alone(target):
    assert spans("wrong_language", target) == []


def test_phrase_quoted_from_source_is_kept():
    assert spans("wrong_language", 'His motto is "carpe diem".', source="他的座右铭是“carpe diem”。", src_lang="zh") == []


@pytest.mark.parametrize("target", ["My must-order dish is Mala cake.", "said Tien Feiyu.", "Our KANS team won."])
def test_pinyin_names_and_acronyms_are_not_foreign_words(target):
    assert spans("wrong_language", target, source="麻辣蛋糕", src_lang="zh") == []
