"""QE models in a benchmark: loading on demand, and the per-source cache protocol.

``--qe none|auto|NAME``. ``mtqa.qe`` is imported only here, lazily; the benchmark
needs from it either

* ``load_model(name: str | None) -> QEModel`` (None = the default model), or
* ``load_qe(spec: str) -> QEModel`` with ``DEFAULT_MODEL`` (``name`` or ``name:path``), or
* a :class:`mtqa.registry.Registry` named ``QE_MODELS`` (the default is
  ``DEFAULT_MODEL`` when defined, else the first registered name),

and from the model ``predict(list[Segment]) -> list[QEResult]`` (same length and order)
plus, optionally, ``name`` and ``higher_is_better`` (default True).

With ``auto`` a missing ``mtqa.qe`` (or a model that cannot load: missing extra,
missing weights) skips QE with a note in the output; with an explicit NAME it is an
error (:class:`QEUnavailable`).

Per-source cache protocol
-------------------------
All systems of a benchmark translate the same sources. Before scoring the first
system, the benchmark calls ``model.prepare_sources(sources)`` when the model has that
method, with the distinct source strings of the corpus (in corpus order), once. A
model that encodes sources separately from targets (embedding cosine, COMET-style
estimators) should compute the per-source work there — e.g. embeddings keyed by the
source string — and reuse it in every later ``predict`` call, so that 12 systems cost
1 source pass + 12 target passes instead of 12 + 12. After the last system the
benchmark calls ``model.release_sources()`` when present, so the cache does not
outlive the run. Models without these methods simply recompute.
"""
from __future__ import annotations

import importlib
from typing import Any, Sequence


class QEUnavailable(RuntimeError):
    """A QE model was asked for by name but cannot be loaded; the message says why."""


def _skip_or_raise(spec: str, reason: str) -> tuple[None, str]:
    if spec == "auto":
        return None, f"QE skipped: {reason}"
    raise QEUnavailable(f"QE model {spec!r} unavailable: {reason}")


def resolve_qe(spec: str | None) -> tuple[Any | None, str | None]:
    """Load the QE model for ``--qe``; returns (model or None, note or None).

    ``spec``: "none"/None -> (None, None); "auto" -> the default model, or (None, note)
    when there is none; a name -> that model, or QEUnavailable.
    """
    if spec in (None, "", "none"):
        return None, None
    try:
        qe_mod = importlib.import_module("mtqa.qe")
    except ImportError as exc:
        if exc.name == "mtqa.qe":
            return _skip_or_raise(spec, "this installation has no QE models (mtqa.qe is not importable); "
                                  "reporting metrics and detector rates only")
        return _skip_or_raise(spec, f"mtqa.qe needs {exc.name or exc} (not installed)")
    name = None if spec == "auto" else spec
    try:
        loader = getattr(qe_mod, "load_model", None)
        load_qe = getattr(qe_mod, "load_qe", None)
        if callable(loader):
            model = loader(name)
        elif callable(load_qe):
            model = load_qe(name or getattr(qe_mod, "DEFAULT_MODEL", ""))
        else:
            registry = getattr(qe_mod, "QE_MODELS", None)
            if registry is None or not registry.names():
                return _skip_or_raise(spec, "mtqa.qe registers no QE models")
            name = name or getattr(qe_mod, "DEFAULT_MODEL", None) or registry.names()[0]
            model = registry.get(name)()
    except QEUnavailable:
        raise
    except (ImportError, OSError, KeyError, ValueError, RuntimeError) as exc:
        return _skip_or_raise(spec, str(exc).strip("'\"") or type(exc).__name__)
    if model is None:
        return _skip_or_raise(spec, "no default QE model")
    return model, None


def model_name(model: Any) -> str:
    """The model's ``name`` (class name when it has none)."""
    return str(getattr(model, "name", None) or type(model).__name__)


def prepare_sources(model: Any, sources: Sequence[str] | None) -> bool:
    """Call ``model.prepare_sources(distinct sources)`` once if the model supports it; True if called."""
    prep = getattr(model, "prepare_sources", None)
    if sources is None or not callable(prep):
        return False
    prep(list(dict.fromkeys(sources)))
    return True


def release_sources(model: Any) -> None:
    """Call ``model.release_sources()`` if the model has it."""
    rel = getattr(model, "release_sources", None)
    if callable(rel):
        rel()
