"""Acceptance on WMT22 general zh-en / en-zh (../shared/data): sacrebleu CLI and organisers' figures."""
import csv
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mtqa.cli import main

pytestmark = pytest.mark.slow
TWO = ("JDExploreAcademy", "Online-W")


def bench(data, *args):
    res = CliRunner().invoke(main, ["benchmark", str(data), "--no-detectors", "--format", "json", "-q", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def sacrebleu_cli(refs, hyp, *extra):
    out = subprocess.run([sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf",
                          "-b", "-w", "4", *extra], capture_output=True, text=True, check=True).stdout
    return json.loads(out)  # [BLEU, chrF]


def organisers(data):
    out = {}
    with open(data / "automatic-scores.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[(row["pair"], row["system"], row["metric"])] = float(row["score"])
    return out


@pytest.fixture(scope="module")
def wmt(shared_data):
    return shared_data / "wmt22-general"


@pytest.fixture(scope="module")
def zhen_all(wmt):
    # References in the order B, A: multi-reference chrF keeps the first of equally good references per
    # segment, and the organisers' chrf-all equals sacrebleu's with B first (with A first, 11 of 12 systems
    # agree to two decimals; Online-W differs by 0.009). BLEU does not depend on the order.
    return bench(wmt, "--pair", "zh-en", "--reference", "B,A", "--samples", "200")


def test_ranks_the_twelve_zh_en_systems(zhen_all, wmt):
    doc = zhen_all
    assert doc["segments"] == 1875 and doc["systems"] == 12 and doc["references"] == ["B", "A"]
    chrf = [r["chrf"]["score"] for r in doc["ranking"]]
    assert chrf == sorted(chrf, reverse=True)
    clusters = [r["chrf"]["cluster"] for r in doc["ranking"]]
    assert clusters[0] == 1 and clusters == sorted(clusters) and clusters[-1] > 3
    # the organisers' chrF over both references orders the systems the same way
    org = organisers(wmt)
    theirs = sorted((r["system"] for r in doc["ranking"]), key=lambda s: -org[("zh-en", s, "chrf-all")])
    assert [r["system"] for r in doc["ranking"]] == theirs


def test_equal_to_sacrebleu_cli_and_organisers_multi_reference(zhen_all, wmt):
    org = organisers(wmt)
    refs = [wmt / "references" / f"generaltest2022.zh-en.ref.{r}.en" for r in "BA"]
    by_sys = {r["system"]: r for r in zhen_all["ranking"]}
    for s in TWO:
        bleu, chrf = sacrebleu_cli(refs, wmt / "system-outputs" / f"generaltest2022.zh-en.hyp.{s}.en")
        assert round(by_sys[s]["bleu"]["score"], 2) == round(bleu, 2)
        assert round(by_sys[s]["chrf"]["score"], 2) == round(chrf, 2)
    for s, row in by_sys.items():  # all 12 against the organisers' bleu-all / chrf-all
        assert round(row["bleu"]["score"], 2) == round(org[("zh-en", s, "bleu-all")], 2), s
        assert round(row["chrf"]["score"], 2) == round(org[("zh-en", s, "chrf-all")], 2), s


def test_single_reference_and_zh_target(wmt):
    org = organisers(wmt)
    doc = bench(wmt, "--pair", "zh-en", "--systems", ",".join(TWO), "--reference", "A", "--samples", "50")
    ref_a = wmt / "references" / "generaltest2022.zh-en.ref.A.en"
    for row in doc["ranking"]:
        s = row["system"]
        bleu, chrf = sacrebleu_cli([ref_a], wmt / "system-outputs" / f"generaltest2022.zh-en.hyp.{s}.en")
        assert round(row["bleu"]["score"], 2) == round(bleu, 2) == round(org[("zh-en", s, "bleu-A")], 2)
        assert round(row["chrf"]["score"], 2) == round(chrf, 2) == round(org[("zh-en", s, "chrf-A")], 2)
    # en-zh: tok:zh chosen from the target language, as sacrebleu -l en-zh and the organisers
    doc = bench(wmt, "--pair", "en-zh", "--systems", "Lan-Bridge", "--reference", "A", "--samples", "50")
    row = doc["ranking"][0]
    bleu, chrf = sacrebleu_cli([wmt / "references" / "generaltest2022.en-zh.ref.A.zh"],
                               wmt / "system-outputs" / "generaltest2022.en-zh.hyp.Lan-Bridge.zh", "-l", "en-zh")
    assert "tok:zh" in doc["statistics"][0]["signature"]
    assert round(row["bleu"]["score"], 2) == round(bleu, 2) == round(org[("en-zh", "Lan-Bridge", "bleu-A")], 2)
    assert round(row["chrf"]["score"], 2) == round(chrf, 2) == round(org[("en-zh", "Lan-Bridge", "chrf-A")], 2)
