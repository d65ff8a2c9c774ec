"""QE with a local COMET checkpoint (e.g. a CometKiwi ``model.ckpt``) through ``unbabel-comet``.

Not a declared extra: unbabel-comet 2.2 pins ``transformers<5``, ``huggingface-hub<1`` and
``numpy<2``, which conflict with mtqa's ``qe`` extra (transformers 5) and with numpy 2
used elsewhere; install it in a separate environment (``pip install unbabel-comet``
then ``pip install -e .``) to use this backend. CometKiwi weights are CC BY-NC-SA 4.0
(non-commercial). Score: the checkpoint's segment score, higher = better, about [0, 1].
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Sequence

from ..registry import MissingDependency
from ..types import QEResult, Segment
from .base import QEModel


class CometQE(QEModel):
    """Reference-free COMET checkpoint (``comet:/path/to/checkpoints/model.ckpt``).

    Raises MissingDependency when unbabel-comet is not installed, FileNotFoundError
    when the checkpoint does not exist.
    """

    name: ClassVar[str] = "comet"
    higher_is_better: ClassVar[bool] = True
    score_range: ClassVar[tuple[float, float]] = (0.0, 1.0)

    def __init__(self, checkpoint: str | Path) -> None:
        path = Path(checkpoint)
        try:
            from comet import load_from_checkpoint
        except ImportError as exc:
            raise MissingDependency(
                "QE model 'comet' needs unbabel-comet, which pins transformers<5 and numpy<2 and so is not an "
                "mtqa extra: install it in a separate environment (pip install unbabel-comet)") from exc
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such COMET checkpoint")
        self.model = load_from_checkpoint(str(path), reload_hparams=False, local_files_only=True)
        self.name = f"comet:{path.parent.parent.name or path.stem}"  # type: ignore[misc]

    def predict_batch(self, segments: Sequence[Segment]) -> list[QEResult]:
        data = [{"src": s.source or "", "mt": s.target} for s in segments]
        out = self.model.predict(data, batch_size=len(data) or 1, gpus=0, progress_bar=False)
        return [QEResult(score=float(x), quality=self.quality(float(x)), model=self.name) for x in out.scores]
