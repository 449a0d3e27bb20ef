"""Which implementation runs the hot kernels: the Rust extension or the pure-Python reference.

The extension ``articlediff_native`` (the distribution ``articlediff-native``, built from ``native/``
by maturin: ``pip install ./native``) is used when it can be imported, unless the environment sets
``ARTICLEDIFF_PURE=1``; :data:`BACKEND` says which
(``articlediff.backend`` too). The pure-Python functions here are the reference: each native kernel
must give exactly their results (``tests/test_native.py`` checks it by property on generated and
corpus text), so a result never depends on the backend.

>>> opcodes(["a", "b", "c"], ["a", "x", "c"])
[('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from types import ModuleType
from typing import cast

__all__ = [
    "BACKEND",
    "GC_PAUSE_CHARS",
    "NATIVE",
    "TAGS",
    "active",
    "encodable",
    "forced",
    "gc_paused",
    "opcodes",
    "python_opcodes",
]


def _load() -> ModuleType | None:
    if os.environ.get("ARTICLEDIFF_PURE", "").strip() not in ("", "0"):
        return None
    try:  # by name: the extension is optional, a distribution of its own
        return importlib.import_module("articlediff_native")
    except ImportError:
        return None


#: The extension module, or None (not built, or ``ARTICLEDIFF_PURE=1``).
NATIVE = _load()
#: ``"native"`` when the Rust kernels run, ``"python"`` otherwise.
BACKEND = "native" if NATIVE is not None else "python"
_active = NATIVE
#: The opcode tags by the number the native kernel gives each (``native/src/matcher.rs``).
TAGS = ("equal", "replace", "delete", "insert")


def active() -> ModuleType | None:
    """The extension module when the native backend is in use (see :func:`forced`), else None: how a
    stage with a native kernel chooses between it and its pure-Python reference."""
    return _active


def encodable(text: str) -> bool:
    """Whether ``text`` has a UTF-8 form, which the kernels read strings as: not when it holds a lone
    surrogate (``"\udce9"``, as ``surrogateescape`` decoding leaves); the reference runs on such text."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def python_opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """The reference: ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``."""
    return cast("list[tuple[str, int, int, int, int]]", SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """The difflib opcodes that turn token list ``a`` into ``b`` (autojunk off), by the active backend."""
    if _active is None:
        return python_opcodes(a, b)
    tags = TAGS
    try:
        got = _active.opcodes(list(a), list(b))
    except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
        return python_opcodes(a, b)
    return [(tags[t], i1, i2, j1, j2) for t, i1, i2, j1, j2 in got]


@contextlib.contextmanager
def forced(backend: str) -> Iterator[None]:
    """Run the block on ``backend`` (``"python"`` or ``"native"``): for tests and benchmarks.

    Raises:
        RuntimeError: for ``"native"`` when the extension is not available.
    """
    global _active
    if backend not in ("python", "native"):
        raise ValueError(f"backend must be 'python' or 'native', not {backend!r}")
    if backend == "native" and NATIVE is None:
        raise RuntimeError("the native backend is not available (extension not built, or ARTICLEDIFF_PURE=1)")
    before, _active = _active, (NATIVE if backend == "native" else None)
    try:
        yield
    finally:
        _active = before


#: Texts (both sides together) at least this many characters long are compared with the cyclic
#: garbage collector paused (see :func:`gc_paused`); below, the pause cost 1–2% (seed pairs) and
#: saved nothing measurable.
GC_PAUSE_CHARS = 200_000


@contextlib.contextmanager
def gc_paused(size: int) -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block when ``size`` (characters of text the
    block works on) is at least :data:`GC_PAUSE_CHARS` and the collector is on; it runs as usual after.

    A comparison allocates many small containers that live until it ends; on a 100k-word pair the
    collector's full passes over them took 40% of the time (in one run, collector on against
    paused: 100k words a side 0.60x the time, 30k 0.71x), and their cost grew faster than the text.
    The pipeline makes no reference cycles (reference counting frees what it drops), so nothing
    waits on the collector. Nested blocks, and a caller who turned the collector off, are left as
    they are.
    """
    if size < GC_PAUSE_CHARS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
