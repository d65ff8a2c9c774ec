"""Pairwise accuracy and Kendall tau-b, hand-checked; the script end to end."""
import json
import subprocess
import sys

import pytest
from conftest import ROOT

from mtqa.benchmark.meta_eval import kendall_tau, meta_evaluate, pairwise_accuracy, read_human_scores
from mtqa.io import InputError


def d(*vals):
    return {k: v for k, v in zip("abcdef", vals)}


@pytest.mark.parametrize("metric,human,acc,tau", [
    (d(1, 2, 3, 4), d(10, 20, 30, 40), 1.0, 1.0),
    (d(4, 3, 2, 1), d(10, 20, 30, 40), 0.0, -1.0),
    # one swapped pair (b, c) out of 6: 5/6 agree, tau = (5 - 1) / 6
    (d(1, 3, 2, 4), d(1, 2, 3, 4), 5 / 6, 4 / 6),
    # ties: metric ties b=c, human ties c=d -> C=4, D=0, Tm=1, Th=1 -> tau_b = 4 / sqrt(5 * 5);
    # accuracy over the 5 pairs humans separate: the metric tie (b, c) is a miss -> 4/5
    (d(1, 2, 2, 3), d(1, 2, 3, 3), 4 / 5, 0.8),
])
def test_hand_checked(metric, human, acc, tau):
    assert pairwise_accuracy(metric, human) == pytest.approx(acc)
    assert kendall_tau(metric, human) == pytest.approx(tau)


def test_only_shared_systems_and_direction():
    rows = meta_evaluate({"TER": {"a": 10, "b": 20, "c": 30, "x": 1}}, {"TER": False}, d(3, 2, 1))
    assert rows[0]["systems"] == 3 and rows[0]["kendall_tau"] == pytest.approx(1.0)
    rows = meta_evaluate({"MQM": d(0.1, 0.2, 0.3)}, {"MQM": False}, d(1, 2, 3), human_higher_is_better=False)
    assert rows[0]["pairwise_accuracy"] == 1.0
    with pytest.raises(ValueError):
        kendall_tau({"a": 1}, {"a": 2})


def test_human_file(tmp_path):
    p = tmp_path / "h.tsv"
    p.write_text("system\tscore\n# comment\nA\t0.5\nB\t-0.25\n", encoding="utf-8")
    assert read_human_scores(p) == {"A": 0.5, "B": -0.25}
    p.write_text("A\t0.5\nB\tzero\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"h.tsv:2: score 'zero'"):
        read_human_scores(p)


def test_script_end_to_end(tmp_path):
    bench = {"statistics": [{"key": "chrf", "name": "chrF", "higher_is_better": True, "signature": ""},
                            {"key": "ter", "name": "TER", "higher_is_better": False, "signature": ""}],
             "ranking": [{"system": s, "chrf": {"score": c}, "ter": {"score": t}}
                         for s, c, t in (("a", 60, 40), ("b", 58, 45), ("c", 59, 50))]}
    (tmp_path / "b.json").write_text(json.dumps(bench), encoding="utf-8")
    (tmp_path / "h.tsv").write_text("a\t3\nb\t2\nc\t1\nz\t0\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "meta_eval.py"), tmp_path / "b.json",
                          tmp_path / "h.tsv"], capture_output=True, text=True, check=True)
    lines = {ln.split()[0]: ln.split() for ln in out.stdout.splitlines()[1:]}
    assert lines["TER"][1:] == ["3", "1.000", "+1.000"]
    assert lines["chrF"][1:] == ["3", "0.667", "+0.333"]  # (b, c) swapped
    assert "not in the benchmark: z" in out.stderr
