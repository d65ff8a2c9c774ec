"""Name -> class registries with lazy imports (sacrebleu/COMET style).

Entries are ``"module:Class"`` strings so that listing names imports nothing;
the class is imported on first use. A missing optional dependency surfaces as
:class:`MissingDependency` with the install hint.
"""
from __future__ import annotations

import importlib
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class MissingDependency(ImportError):
    """An optional extra is needed: the message says which ``pip install`` fixes it."""


class Registry(Generic[T]):
    """Ordered mapping of names to lazily imported classes."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, tuple[str, str | None]] = {}

    def add(self, name: str, target: str, extra: str | None = None) -> None:
        """Register ``name`` -> ``"package.module:Class"``; ``extra`` names the pip extra it needs."""
        self._entries[name] = (target, extra)

    def names(self) -> list[str]:
        """Registered names in registration order."""
        return list(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def get(self, name: str) -> type[T]:
        """Import and return the class; KeyError for unknown names, MissingDependency for extras."""
        if name not in self._entries:
            raise KeyError(f"unknown {self.kind} {name!r}; choose from: {', '.join(self._entries)}")
        target, extra = self._entries[name]
        module, _, attr = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            hint = f" (pip install 'mtqa[{extra}]')" if extra else ""
            raise MissingDependency(f"{self.kind} {name!r} needs {exc.name or exc}{hint}") from exc
        cls: Any = getattr(mod, attr)
        return cls
