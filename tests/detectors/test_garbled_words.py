import pytest

from detectors.helpers import spans


def test_non_word_is_flagged():
    assert spans("garbled_words", "The new app improves stabiliterance.") == ["stabiliterance"]


@pytest.mark.parametrize("target", [
    "These counterintuitive recommendations were nevertheless uncontroversial.",
    "The county has issued microcredits to outposted secretaries.",
    "Luoshan Hejiachong Mangzhang Pengxin are names.",  # capitalised: names
    "facilityinsurance is glued, not garbled",  # the glued_words detector's
    "see https://example.org/abcdefghijkl",
])
def test_words_names_and_urls_are_left_alone(target):
    assert spans("garbled_words", target) == []


# Rare real words (hand-made examples) that no frequent stem explains.
@pytest.mark.parametrize("target", [
    "A mycoplasm was found in the culture.",  # learned ending -plasm
    "The patient had a cardiopathy.",  # learned ending -pathy
    "The author orientalizes the scene.",  # -izes on a known stem
    "The cathedral ruled a large bishopdom.",  # -dom
    "Seeds of Ziziphus jujubaformis were sown.",  # a Latin epithet after a rare genus
])
def test_rare_real_words_are_left_alone(target):
    assert spans("garbled_words", target) == []


def test_term_in_the_source_in_another_case_is_not_flagged():
    assert spans("garbled_words", "Add the kelpoxane extract.", source="加入 Kelpoxane 提取物。") == []


@pytest.mark.parametrize("target,word", [
    # learned shapes (-ella, -scope) one edit from a frequent word: misspellings all the same
    ("She forgot her umbrrella.", "umbrrella"),
    ("He read his horroscope.", "horroscope"),
    ("Take the hypertention pills.", "hypertention"),
])
def test_near_misses_of_frequent_words_stay_flagged(target, word):
    assert spans("garbled_words", target) == [word]
