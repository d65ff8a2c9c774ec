import pytest

from detectors.helpers import run


@pytest.mark.parametrize("target,frag,severity", [
    ("The office in MalmÃ¶ is closed today.", "MalmÃ¶", "major"),
    ("Les prix â€” taxes comprises", "â€”", "major"),
    ("姓名：锟斤拷", "锟斤拷", "critical"),
    ("Username: ï¿½ï¿½", "ï¿½ï¿½", "critical"),
    ("欢迎回\ufffd来！", "\ufffd", "major"),
    ("bad\x07bell", "\x07", "major"),
    ("zero\u200bwidth", "\u200b", "minor"),
])
def test_encoding_damage(target, frag, severity):
    found = run("encoding", target)
    assert (frag, severity) in [(f, s) for f, s, _ in found]


def test_mojibake_suggestion_is_the_repair():
    assert run("encoding", "The cafÃ© opens.") == [("cafÃ©", "major", "café")]


@pytest.mark.parametrize("target", ["BEM-VINDO A SÃO PAULO", "The idea is a little naïve.", "Ça coûte 5 €.",
                                    "\ufeffLeading BOM is fine", "Zürich — “quoted” – fine"])
def test_legitimate_characters_are_left_alone(target):
    assert run("encoding", target) == []
