"""sacrebleu wrapper: cases 016 (line counts, reference nesting) and 018 (zh tokenisation, TER)."""
import json

import pytest
import sacrebleu
from conftest import ROOT

from mtqa.benchmark.corpus import read_lines
from mtqa.benchmark.metrics import MetricSettings, SacrebleuMetric, bleu_tokenizer, corpus_score, reference_streams
from mtqa.io import InputError

CASES = ROOT / "tests" / "fixtures" / "cases"
C016 = CASES / "016-sacrebleu-line-count-and-ref-nesting"
C018 = CASES / "018-sacrebleu-zh-tokenization-and-ter"
E016 = json.loads((C016 / "expected.json").read_text(encoding="utf-8"))
E018 = json.loads((C018 / "expected.json").read_text(encoding="utf-8"))


def sig(s: str) -> str:
    """An expected signature, for the installed sacrebleu version."""
    return s.replace("version:2.6.0", f"version:{sacrebleu.__version__}")


def test_016_correct_scores_and_signatures():
    hyps, refs = read_lines(C016 / "hyp.txt"), read_lines(C016 / "ref.txt")
    want = E016["correct"]["hyp.txt vs ref.txt"]
    bleu = corpus_score("bleu", hyps, [refs], "en")
    chrf = corpus_score("chrf", hyps, [refs], "en")
    assert round(bleu.score, 2) == want["BLEU"] and bleu.signature == sig(want["bleu_signature"])
    assert round(chrf.score, 2) == want["chrF"] and chrf.signature == sig(want["chrf_signature"])
    assert sig(want["bleu_signature"]) in str(bleu)  # printed with its signature


def test_016_missing_last_line_is_an_error_naming_both_counts():
    hyps, refs = read_lines(C016 / "hyp_missing_last_line.txt"), read_lines(C016 / "ref.txt")
    assert len(hyps) == 3 and len(refs) == 4
    for key in ("bleu", "chrf", "ter"):
        with pytest.raises(InputError, match=r"3 hypotheses vs 4 references"):
            corpus_score(key, hyps, [refs], "en")
    # and the other way round: more hypotheses than references
    with pytest.raises(InputError, match=r"4 hypotheses vs 3 references"):
        corpus_score("bleu", refs, [hyps], "en")


def test_016_refs_per_segment_are_transposed_not_scored_as_streams():
    hyps = read_lines(C016 / "hyp.txt")
    per_seg = json.loads((C016 / "refs_per_segment.json").read_text(encoding="utf-8"))
    assert len(per_seg) == 4 and all(len(r) == 1 for r in per_seg)
    want = E016["correct"]["hyp.txt vs ref.txt"]
    assert round(corpus_score("bleu", hyps, per_seg, "en").score, 2) == want["BLEU"]
    assert round(corpus_score("chrf", hyps, per_seg, "en").score, 2) == want["chrF"]


def test_reference_shapes():
    # two references per segment, given per segment -> two streams
    assert reference_streams([["a1", "a2"], ["b1", "b2"], ["c1", "c2"]], 3) == [["a1", "b1", "c1"],
                                                                               ["a2", "b2", "c2"]]
    # ragged per-segment lists: missing references become None
    assert reference_streams([["a1", "a2"], ["b1"], ["c1"]], 3) == [["a1", "b1", "c1"], ["a2", None, None]]
    # a bare list of strings is one stream
    assert reference_streams(["a", "b"], 2) == [["a", "b"]]
    # per-segment shape with the wrong number of segments: error, not a silent score
    with pytest.raises(InputError, match="line counts differ"):
        reference_streams([["a"], ["b"], ["c"]], 4)
    with pytest.raises(InputError, match="not a string"):
        reference_streams([["a", 3]], 2)
    with pytest.raises(InputError, match="segment 2 has no reference"):
        reference_streams([["a", None], ["b", None]], 2)
    with pytest.raises(InputError, match="nothing to score"):
        corpus_score("bleu", [], [[]], "en")


def _zh():
    return read_lines(C018 / "hyp.zh.txt"), read_lines(C018 / "ref.zh.txt")


def test_018_chinese_target_uses_tok_zh():
    hyps, refs = _zh()
    want = E018["scores"]["BLEU tok=zh"]
    s = corpus_score("bleu", hyps, [refs], "zh")
    assert round(s.score, 2) == want["score"] and s.signature == sig(want["signature"])
    for lang in ("zh-CN", "zh_TW", "ZH", "zh-Hant"):
        assert bleu_tokenizer(lang) == ("zh", None)


def test_018_forced_13a_on_chinese_gives_loud_warning():
    hyps, refs = _zh()
    m = SacrebleuMetric("bleu", MetricSettings("zh", bleu_tokenize="13a"), [refs], len(hyps))
    assert m.corpus_score(hyps).score == E018["scores"]["BLEU tok=13a"]["score"]
    assert m.notes and m.notes[0].startswith("WARNING") and "13a" in m.notes[0]


def test_018_chrf_and_ter_settings_for_chinese():
    hyps, refs = _zh()
    chrf = corpus_score("chrf", hyps, [refs], "zh")
    assert round(chrf.score, 2) == E018["scores"]["chrF"]["score"]
    ter = corpus_score("ter", hyps, [refs], "zh")
    want = E018["scores"]["TER normalized+asian_support"]
    assert round(ter.score, 2) == want["score"] and ter.signature == sig(want["signature"])
    assert ter.score != E018["scores"]["TER default"]["score"]
    # English target: sacrebleu's default TER settings
    en = corpus_score("ter", ["a b c"], [["a b d"]], "en")
    assert "norm:no" in en.signature and "asian:no" in en.signature


def test_tokenizer_for_unspaced_and_mecab_languages():
    assert bleu_tokenizer("en") == ("13a", None)
    assert bleu_tokenizer("th") == ("char", None)
    tok, note = bleu_tokenizer("ja")
    assert tok == "ja-mecab" or (tok == "char" and "sacrebleu[ja]" in note)
    # a Japanese target never silently gets the word tokenizer
    hyp, ref = ["今日は良い天気です。"], [["今日は良い天気でした。"]]
    assert corpus_score("bleu", hyp, ref, "ja").score > 0
