"""Deferred imports for modules the window does not need before it is on screen.

``google.genai`` takes about 0.35 s to import (its ``types`` module alone is a large pydantic
model set), which is a third of the start-to-window budget. Core modules refer to it through
:func:`lazy_module`, which imports on the first attribute read; the app warms the import on a
worker thread once the window is visible, so the first Connect does not pay for it either.

Type checkers see the real modules: callers write::

    if TYPE_CHECKING:
        from google.genai import types
    else:
        types = lazy_module("google.genai.types")
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule:
    __slots__ = ("__dict__", "_name")

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self._name)
        value = getattr(module, attr)
        # Cached on the instance, so the next read is a plain attribute read (hot paths such
        # as types.Blob in the send loop pay the import machinery once).
        self.__dict__[attr] = value
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """A stand-in for module ``name`` that imports it when an attribute is first read."""
    return _LazyModule(name)


def warm(*names: str) -> list[ModuleType]:
    """Import ``names`` now (call from a worker thread to take the cost off the UI thread)."""
    return [importlib.import_module(name) for name in names]
