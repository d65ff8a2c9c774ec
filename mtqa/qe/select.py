"""Choosing the QE model for ``mtqa score --qe none|auto|NAME[:PATH]``."""
from __future__ import annotations

from functools import lru_cache

from . import DEFAULT_MODEL, QEModel, deps_available, load_qe


@lru_cache(maxsize=4)
def _load(spec: str) -> QEModel:
    """Models are loaded once per process (the e5 encoder takes seconds to build)."""
    return load_qe(spec)


def choose_qe(spec: str, has_source: bool) -> tuple[QEModel | None, str | None]:
    """Return ``(model or None, note for the report or None)``.

    ``none``: no QE. ``auto``: the default model when the input has a source and the
    ``qe`` extra is installed, else no QE with a note saying why. A name (``e5-small-qe``,
    ``hf:FOLDER``, ``comet:CKPT``) loads that model; source-based QE on input without a
    source raises ValueError. Unknown names raise KeyError; missing extras MissingDependency.
    """
    spec = spec.strip()
    if spec == "none":
        return None, None
    if spec == "auto":
        if not has_source:
            return None, "no QE score: source-based QE needs a source (--source or a source column)"
        if not deps_available(DEFAULT_MODEL):
            return None, f"no QE score: the {DEFAULT_MODEL} model needs pip install 'mtqa[qe]'"
        return _load(DEFAULT_MODEL), None
    model = _load(spec)
    if model.needs_source and not has_source:
        raise ValueError(f"QE model {model.name} needs a source (--source or a source column); "
                         "this input is target-only")
    return model, None
