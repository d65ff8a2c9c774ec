"""QEModel batching/order, the registry, --qe selection and the synthetic negatives (no torch needed)."""
import random

import pytest

from mtqa.qe import QE_MODELS, QEModel, load_qe
from mtqa.qe import negatives
from mtqa.qe.select import choose_qe
from mtqa.registry import MissingDependency
from mtqa.types import QEResult, Segment


class LengthQE(QEModel):
    """Score = number of target characters; records the batches it was given."""

    name = "length"
    score_range = (0.0, 100.0)

    def __init__(self):
        self.batches = []

    def predict_batch(self, segments):
        self.batches.append([s.seg_id for s in segments])
        return [QEResult(float(len(s.target)), self.quality(len(s.target)), self.name) for s in segments]


def test_predict_restores_input_order_and_batches_by_length():
    targets = ["a" * n for n in (9, 1, 5, 3, 7, 2)]
    segs = [Segment(str(i), t, source="s") for i, t in enumerate(targets)]
    m = LengthQE()
    res = m.predict(segs, batch_size=2)
    assert [r.score for r in res] == [9, 1, 5, 3, 7, 2]
    assert m.batches == [["1", "5"], ["3", "2"], ["4", "0"]]  # shortest first, 2 per batch
    assert res[0].quality == pytest.approx(0.09)


def test_segments_without_source_get_no_score():
    segs = [Segment("a", "xx", source="s"), Segment("b", "yyy"), Segment("c", "z", source="t")]
    res = LengthQE().predict(segs)
    assert res[1] is None and res[0].score == 2 and res[2].score == 1


def test_quality_maps_direction_and_clips():
    class Lower(LengthQE):
        higher_is_better = False
    assert Lower().quality(25.0) == pytest.approx(0.75)
    assert LengthQE().quality(250.0) == 1.0 and LengthQE().quality(-5.0) == 0.0


def test_registry_names_and_unknown_model():
    assert QE_MODELS.names()[:2] == ["e5-small-qe", "hf"]
    with pytest.raises(KeyError, match="unknown QE model 'nope'"):
        load_qe("nope")


def test_comet_backend_explains_why_it_is_not_an_extra():
    pytest.importorskip("torch")  # the registry import path is the same either way
    try:
        import comet  # noqa: F401
        pytest.skip("unbabel-comet is installed here")
    except ImportError:
        pass
    with pytest.raises(MissingDependency, match="transformers<5"):
        load_qe("comet:/nonexistent/model.ckpt")


def test_choose_qe_none_and_auto_without_source():
    assert choose_qe("none", True) == (None, None)
    model, note = choose_qe("auto", False)
    assert model is None and "needs a source" in note


# --- synthetic negatives (hand-checked) ---

def test_negative_copy_unrelated_and_unknown_kind():
    rng = random.Random(0)
    assert negatives.make("copy", "Hello world.", "Hallo Welt.", "Anders.", rng) == "Hello world."
    assert negatives.make("unrelated", "Hello world.", "Hallo Welt.", "Anders.", rng) == "Anders."
    assert negatives.make("unrelated", "a", "same", "same", rng) is None
    with pytest.raises(ValueError):
        negatives.make("shuffled", "a", "b", "c", rng)


def test_negative_untranslated_keeps_target_head_and_source_tail():
    src = "one two three four five six seven eight nine ten"
    tgt = "eins zwei drei vier fünf sechs sieben acht neun zehn"
    out = negatives.untranslated(src, tgt, random.Random(1))
    head, tail = out.split(" ")[:3], out.split(" ")[-3:]
    assert head == ["eins", "zwei", "drei"] and tail == ["eight", "nine", "ten"]
    assert 8 <= len(out.split()) <= 12


def test_negative_truncated_and_cjk_characters():
    rng = random.Random(2)
    out = negatives.truncated("a b c d e f g h i j", rng)
    assert 3 <= len(out.split()) <= 6 and "a b c d e f g h i j".startswith(out)
    assert negatives.truncated("a b", rng) is None
    zh = "今天天气很好我们去公园散步吧"
    cut = negatives.truncated(zh, rng)
    assert zh.startswith(cut) and 4 <= len(cut) <= 9


def test_negative_numbers_changes_every_number():
    rng = random.Random(3)
    out = negatives.numbers("In 1998 there were 12 boats and 0 cars.", rng)
    import re
    old, new = ["1998", "12", "0"], re.findall(r"\d+", out)
    assert len(new) == 3 and all(a != b for a, b in zip(old, new))
    assert [len(x) for x in new[:2]] == [4, 2]
    assert negatives.numbers("no digits here", rng) is None


def test_empty_or_blank_sides_get_no_score():
    segs = [Segment("a", "xx", source="s"), Segment("b", "  \n", source="s"), Segment("c", "zz", source=" "),
            Segment("d", "", source="s")]
    res = LengthQE().predict(segs)
    assert [r is None for r in res] == [False, True, True, True]
