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
