"""Progress bars on stderr (tqdm, when it is installed) for the two long loops of a batch.

Takes whether bars are wanted and what is counted; returns a bar (or a silent stand-in) that the
caller updates. Nothing here changes what a batch computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = ["Bar", "bar", "progress"]

T = TypeVar("T")


class Bar:
    """A progress bar that shows nothing: what :func:`bar` returns when none is wanted or tqdm is missing."""

    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def bar(enabled: bool, total: int | None, initial: int) -> Any:
    """A bar counting copies, starting at ``initial`` (copies done by an earlier run) of ``total``."""
    if not enabled:
        return Bar()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return Bar()
    return tqdm(total=total, initial=min(initial, total or 0), unit="copy", desc="copies", dynamic_ncols=True)


def progress(items: Iterable[T], enabled: bool, desc: str) -> Iterable[T]:
    """``items`` as they are, or wrapped in a bar counting documents (its total from ``items.total``)."""
    if not enabled:
        return items
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return items
    return tqdm(items, total=getattr(items, "total", None), unit="doc", desc=desc, dynamic_ncols=True)
