"""The flags' per-sentence scans by the active backend: :func:`mentions`, :func:`hedges` and
:func:`speakers` give what :func:`~articlediff.signals.names._mentions`,
:func:`~articlediff.signals.attribution._hedges` and
:func:`~articlediff.signals.attribution._speakers` (the reference) give.

The native scanner (``articlediff_native.FlagScanner``, ``native/src/flags.rs``) reads one
sentence (or one piece of it outside quotations) at a time, from a slice that starts two
characters early, since the reference's ``\\b`` looks one character before a sentence. It decides
only plain text (ASCII, the typographic ``’ ‘ “ ” – — …``, ``£ €`` and the byte-order mark) and
returns None for anything else, which the reference then scans: a sentence's result never
depends on the backend.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from ..kernels import active
from ..lexicon import FUNCTION_WORDS
from .attribution import (
    _HEDGES,
    _PRONOUNS,
    _SPEAKER_AFTER,
    _SPEAKER_BEFORE,
    _hedges,
    _outside_quotes,
    _speakers,
    _speakers_in,
)
from .names import _OPENERS, _TITLE_NOUNS, _TITLES, _mentions
from .numbers import _figures, python_figures
from .quotes import Span

__all__ = ["finders", "hedges", "mentions", "speakers"]

# the reference's \b looks one character before a sentence; the kernel gets two
_BEFORE = 2


def _scanner_lists() -> tuple[Any, ...]:
    """The reference's own word lists and patterns, as the kernel's scanners take them."""
    return (
        sorted(FUNCTION_WORDS),
        sorted(_OPENERS),
        sorted(_TITLES),
        sorted(_TITLE_NOUNS),
        sorted(_PRONOUNS),
        "(?i)" + _HEDGES.pattern.removeprefix("(?=[rapsi])"),  # a look-ahead that only skips positions
        "(?i)" + _SPEAKER_BEFORE.pattern,
        _SPEAKER_AFTER.pattern,
    )


@functools.lru_cache(maxsize=2)
def _scanner(native: Any) -> Any:
    """The kernel's scanner, built once from the reference's own word lists and patterns."""
    return native.FlagScanner(*_scanner_lists())


def mentions(text: str, spans: Sequence[Span]) -> list[tuple[tuple[str, ...], Span]]:
    """:func:`~articlediff.signals.names._mentions` by the active backend."""
    native = active()
    if native is None:
        return _mentions(text, spans)
    scan = _scanner(native).mentions
    out: list[tuple[tuple[str, ...], Span]] = []
    for a, b in spans:
        lo = max(0, a - _BEFORE)
        got = scan(text[lo:b], a - lo, lo)
        out.extend(_mentions(text, [(a, b)]) if got is None else got)
    return out


def hedges(text: str, spans: Sequence[Span]) -> dict[str, Span]:
    """:func:`~articlediff.signals.attribution._hedges` by the active backend."""
    native = active()
    if native is None:
        return _hedges(text, spans)
    scan = _scanner(native).hedges
    out: dict[str, Span] = {}
    for a, b in spans:
        lo = max(0, a - _BEFORE)
        got = scan(text[lo:b], a - lo, lo)
        for hedge, where in _hedges(text, [(a, b)]).items() if got is None else got:
            out.setdefault(hedge, where)
    return out


def speakers(text: str, spans: Sequence[Span], quotes: Sequence[Span]) -> list[tuple[str, Span]]:
    """:func:`~articlediff.signals.attribution._speakers` by the active backend."""
    native = active()
    if native is None:
        return _speakers(text, spans, quotes)
    scan = _scanner(native).speakers
    found: list[tuple[str, Span]] = []
    for span in spans:
        if not any(span[0] <= qa < span[1] for qa, _ in quotes):
            continue  # as the reference: only statements with a quotation have a speaker
        for a, b in _outside_quotes(text, span, quotes):
            lo = max(0, a - _BEFORE)
            got = scan(text[lo:b], a - lo, lo)
            found.extend(_speakers_in(text, a, b) if got is None else got)
    return found


def finders() -> tuple[Any, Any, Any, Any]:
    """``(mentions, hedges, speakers, figures)`` for the active backend: the functions above and
    :func:`~articlediff.signals.numbers._figures`, or under the pure backend the references
    themselves, so that a flag's scans cost the pure backend no call more than they did."""
    if active() is None:
        return _mentions, _hedges, _speakers, python_figures
    return mentions, hedges, speakers, _figures
