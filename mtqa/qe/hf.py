"""QE from a local Hugging Face sequence-classification/regression checkpoint (TransQuest style).

The folder holds a transformers ``*ForSequenceClassification`` model and its tokenizer;
the input is the (source, target) pair encoded as one sequence (``<s> src </s></s> tgt
</s>`` for XLM-R, ``[CLS] src [SEP] tgt [SEP]`` for BERT), as MonoTransQuest does
(Ranasinghe et al. 2020, COLING). Nothing is downloaded: loading uses
``local_files_only=True``.

Score: with one output (regression) the raw output, higher = better, range from the
checkpoint's ``config.json`` key ``mtqa_score_range`` (default [0, 1], TransQuest's
normalised DA); with several labels the probability of the last label (taken as "good").
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Sequence

from ..types import QEResult, Segment
from .base import QEModel

_SPECIAL = ("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token")


def load_tokenizer(folder: Path):
    """The checkpoint's tokenizer; a fast ``tokenizer.json`` is loaded as is.

    transformers 5's ``AutoTokenizer`` can swap in a slow normaliser for XLM-R
    folders (NFKC lost); reading ``tokenizer.json`` directly keeps the saved pipeline.
    """
    from transformers import AutoTokenizer, PreTrainedTokenizerFast
    auto = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    if not (folder / "tokenizer.json").is_file():
        return auto
    special = {k: getattr(auto, k) for k in _SPECIAL if getattr(auto, k, None) is not None}
    return PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"),
                                   model_max_length=auto.model_max_length, **special)


class HFPairQE(QEModel):
    """A local transformers sequence-classification QE checkpoint over (source, target) pairs.

    ``HFPairQE("/path/to/folder")`` or ``mtqa score ... --qe hf:/path/to/folder``.
    Raises FileNotFoundError when the folder has no ``config.json``.
    """

    name: ClassVar[str] = "hf"
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (0.0, 1.0)

    def __init__(self, folder: str | Path, max_length: int = 256) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification
        path = Path(folder)
        if not (path / "config.json").is_file():
            raise FileNotFoundError(f"{path}: not a Hugging Face model folder (no config.json)")
        self.tokenizer = load_tokenizer(path)
        self.model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
        self.model.eval()
        self.max_length = max_length
        cfg = self.model.config
        self.regression = cfg.num_labels == 1
        rng = getattr(cfg, "mtqa_score_range", None)
        if rng is not None:
            self.score_range = (float(rng[0]), float(rng[1]))  # type: ignore[misc]
        self.name = f"hf:{path.name}"  # type: ignore[misc]
        self._torch = torch

    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        torch = self._torch
        for s in segments:
            if s.source is None:
                raise ValueError(f"QE model {self.name!r} needs a source; segment {s.seg_id!r} has none")
        enc = self.tokenizer([s.source or "" for s in segments], [s.target for s in segments], padding=True,
                             truncation=True, max_length=self.max_length, return_tensors="pt")
        with torch.inference_mode():
            logits = self.model(**enc).logits
        scores = logits[:, 0] if self.regression else torch.softmax(logits, -1)[:, -1]
        return [QEResult(score=float(x), quality=self.quality(float(x)), model=self.name) for x in scores]
