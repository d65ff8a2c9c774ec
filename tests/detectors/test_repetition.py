import pytest

from detectors.helpers import run


def test_doubled_word():
    t = "build outstanding project for poverty alleviation and relocation relocation, build 20 centers"
    assert run("repetition", t) == [("relocation relocation", "minor", "relocation")]


def test_doubled_phrase():
    assert run("repetition", "We visited the county the county twice.") == [
        ("the county the county", "minor", "the county")]


def test_phrase_repeated_in_sentence():
    t = ("On the afternoon of December 10, the press conference series of the Luoshan chapter of the press "
         "conference series was held.")
    assert [f for f, _, _ in run("repetition", t)] == ["press conference series"]


@pytest.mark.parametrize("target", [
    "He had had enough, and he said that that was all.",
    "The population grew from 1,000 1,000 to more.".replace("1,000 1,000", "1,000 to 2,000"),
    "250,000 mu of planting area for rice, 120,000 mu of planting area for peanuts",
    "Bye bye, very very good.",
])
def test_legitimate_repeats_are_left_alone(target):
    assert run("repetition", target) == []


@pytest.mark.parametrize("target", [
    "The pianist Han Han played.",
    "Prices rose faster and faster and faster.",
    "He studied at the University of Macau and taught at the University of Macau later.",
])
def test_names_and_comparative_chains_are_not_duplicates(target):
    assert run("repetition", target) == []


def test_case_differing_double_is_reported():
    assert run("repetition", "Could could you help?") == [("Could could", "minor", "Could")]
