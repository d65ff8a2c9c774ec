"""The Hugging Face pair-QE backend, on tiny checkpoints built here (nothing downloaded)."""
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mtqa.qe import load_qe  # noqa: E402
from mtqa.types import Segment  # noqa: E402

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "die", "katze", "saß", "."]


def tiny_checkpoint(folder, num_labels):
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(VOCAB)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, num_labels=num_labels)
    model = BertForSequenceClassification(cfg)
    model.config.mtqa_score_range = [-1.0, 1.0]
    model.save_pretrained(folder)
    fast.save_pretrained(folder)
    return model


SEGS = [Segment("1", "die katze saß .", source="the cat sat ."), Segment("2", "katze", source="the cat")]


def test_regression_checkpoint_scores_the_pair(tmp_path):
    model = tiny_checkpoint(tmp_path, 1)
    qe = load_qe(f"hf:{tmp_path}")
    res = qe.predict(SEGS)
    # expected: the same model run on hand-built ids [CLS] src [SEP] tgt [SEP] with segment ids 0/1
    ids = torch.tensor([[2, 5, 6, 7, 11, 3, 8, 9, 10, 11, 3]])
    types = torch.tensor([[0] * 6 + [1] * 5])
    model.eval()
    with torch.no_grad():
        want = model(input_ids=ids, token_type_ids=types).logits[0, 0].item()
    assert res[0].score == pytest.approx(want, abs=1e-5)
    assert qe.score_range == (-1.0, 1.0) and res[0].quality == pytest.approx((want + 1) / 2, abs=1e-5)
    assert res[0].model == f"hf:{tmp_path.name}" and res[1].score != res[0].score


def test_classification_checkpoint_gives_probability_of_last_label(tmp_path):
    tiny_checkpoint(tmp_path, 2)
    res = load_qe(f"hf:{tmp_path}").predict(SEGS)
    assert all(0.0 <= r.score <= 1.0 for r in res)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no config.json"):
        load_qe(f"hf:{tmp_path / 'nothing'}")
