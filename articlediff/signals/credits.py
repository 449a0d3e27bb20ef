"""Which agencies and outlets a text credits (:func:`credits`), from the shipped, extendable
``data/agencies.json``."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ..kernels import active

__all__ = ["credits", "python_shipped_credits", "shipped_credits"]


@functools.lru_cache(maxsize=1)
def _agencies() -> dict[str, list[str]]:
    raw = json.loads(resources.files("articlediff").joinpath("data/agencies.json").read_text("utf-8"))
    return {name: list(phrases) for name, phrases in raw["agencies"].items()}


def _has_phrase(text: str, lowered: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (in any case if written in lowercase)."""
    haystack = lowered if phrase.islower() else text
    start = haystack.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (phrase[0].isalnum() and before.isalnum()) and not (phrase[-1].isalnum() and after.isalnum()):
            return True
        start = haystack.find(phrase, start + 1)
    return False


def credits(text: str, extra: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Return the agencies and outlets ``text`` credits, in the order of the shipped list.

    ``extra`` adds or replaces entries: ``{"Kyodo": ["Kyodo News"]}``: words or phrases, matched as
    whole words, in any case when written in lowercase.

    >>> credits("MOSCOW (Reuters) - Talks began, the Associated Press reported. (With agency inputs)")
    ['Reuters', 'AP', 'agency inputs']
    """
    if not extra:
        return list(shipped_credits(text))
    table = dict(_agencies())
    table.update({name: list(phrases) for name, phrases in (extra or {}).items()})
    lowered = text.lower()
    return [name for name, phrases in table.items() if any(_has_phrase(text, lowered, p) for p in phrases)]


@functools.lru_cache(maxsize=2)
def _native_table(native: Any) -> Any:
    """The shipped table as the kernel's ``CreditTable`` (each phrase's case and edges as Python
    reads them) and the agencies' names by number, or None if the kernel cannot take it (a phrase
    that is not ASCII)."""
    rows = [[(p, p.islower(), p[0].isalnum(), p[-1].isalnum()) for p in phrases] for phrases in _agencies().values()]
    try:
        return native.CreditTable(rows), tuple(_agencies())
    except ValueError:
        return None


def shipped_credits(text: str) -> tuple[str, ...]:
    """Credits from the shipped list (a :class:`~articlediff.signals.TextFacts` keeps a text's).

    The native backend finds every phrase in one pass over plain text (ASCII, ``’ ‘ “ ” – — …``,
    ``£ €`` and the byte-order mark, where ``lower()`` and ``isalnum()`` mean what they do in ASCII);
    :func:`python_shipped_credits` is the reference and reads any other text."""
    native = active()
    if native is not None:
        built = _native_table(native)
        found = built[0].find(text) if built is not None else None
        if found is not None:
            return tuple(built[1][k] for k in found)
    return python_shipped_credits(text)


def python_shipped_credits(text: str) -> tuple[str, ...]:
    """The reference for :func:`shipped_credits`."""
    lowered = text.lower()
    return tuple(name for name, phrases in _agencies().items() if any(_has_phrase(text, lowered, p) for p in phrases))
