"""The number, name and attribution flags of one aligned group: :func:`flag_pair`.

:func:`python_flag_pair` is the reference; under the native backend :func:`flag_pair` hands a
group whose sentences are all plain text (``native/src/flags.rs`` ``is_plain``) to the kernel
(``articlediff_native.PairFlagger``, ``native/src/pair.rs``) in one call, which must give exactly
the reference's flags (``tests/test_native_flag_pair.py``); any other group goes to the reference.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from ..kernels import active
from ..model import Flag, FlagKind
from .attribution import _HEDGE_HINTS, _SPEECH_VERBS, _outside_text, _speaker_changed
from .names import _TITLE_NOUNS, _TITLES
from .numbers import _NOISE, _NOT_NAMES, _number_swaps
from .quotes import Span
from .scan import _scanner_lists, finders

__all__ = ["flag_pair", "flag_rows", "flags_of", "python_flag_pair"]

_KINDS = {kind.value: kind for kind in FlagKind}


def _found_in(find, text: str, span: Span, memo: dict, *more: object):
    """``find(text, [span], *more)``, kept in ``memo``."""
    key = (find, span)
    found = memo.get(key)
    if found is None:
        found = memo[key] = find(text, [span], *more)
    return found


def _per_span(find, text: str, spans: Sequence[Span], memo: dict | None, *more: object) -> list:
    """``find(text, spans, *more)``, one span at a time through ``memo``: the finders above treat
    each span on its own and list what they find in span order."""
    if memo is None:
        return find(text, spans, *more)
    return [item for span in spans for item in _found_in(find, text, span, memo, *more)]


def _left_hedges(hedges, text: str, spans: Sequence[Span], memo: dict | None) -> dict[str, Span]:
    """``hedges`` (:func:`~.scan.hedges` or its reference) through ``memo`` (the first span holding a
    hedge gives its place)."""
    if memo is None:
        return hedges(text, spans)
    out: dict[str, Span] = {}
    for span in spans:
        for hedge, where in _found_in(hedges, text, span, memo).items():
            out.setdefault(hedge, where)
    return out


@functools.lru_cache(maxsize=2)
def _flagger(native: Any) -> Any:
    """The kernel's group flagger, built once from the reference's own word lists and patterns."""
    return native.PairFlagger(
        *_scanner_lists(), sorted(_NOT_NAMES), sorted(_NOISE), list(_HEDGE_HINTS), list(_SPEECH_VERBS)
    )


@functools.lru_cache(maxsize=2)
def _stage_flagger(native: Any) -> Any:
    """The kernel's flagger of a whole comparison (``articlediff_native.StageFlagger``,
    ``native/src/stage.rs``), built once over :func:`_flagger`'s group flagger."""
    return native.StageFlagger(_flagger(native))


def flag_rows(native: Any, left: Any, right: Any, left_spans: Any, right_spans: Any, groups: Any) -> Any:
    """Every group's flags as ``(kind, message, left span, right span)`` rows in one kernel call,
    ``left`` and ``right`` being the texts' ``FlagText`` (:meth:`TextFacts.flag_text
    <articlediff.signals.TextFacts.flag_text>`): a list with None for a group the kernel leaves to
    :func:`flag_pair`, or None for all. The rows of a group are those of :func:`python_flag_pair`."""
    return _stage_flagger(native).flags(left, right, left_spans, right_spans, groups)


def flags_of(rows: Sequence[tuple[str, str, Span | None, Span | None]]) -> list[Flag]:
    """The flags of a group's rows (see :func:`flag_rows`)."""
    kinds = _KINDS
    return [Flag(kinds[kind], message, lspan, rspan) for kind, message, lspan, rspan in rows]


def flag_pair(
    left: str,
    left_spans: Sequence[Span],
    right: str,
    right_spans: Sequence[Span],
    left_quotes: Sequence[Span] = (),
    right_quotes: Sequence[Span] = (),
    left_memo: dict | None = None,
) -> list[Flag]:
    """Return the number, name and attribution flags of one aligned group (its sentence spans):
    :func:`python_flag_pair`'s, by the active backend.

    ``left_memo`` (a dict kept with the left text: :attr:`TextFacts.memo
    <articlediff.signals.TextFacts.memo>`) holds what was found in each of its sentences, for a
    text compared with many others; the kernel, which finds a group's flags in one call, needs none.
    """
    native = active()
    if native is not None and left_spans and right_spans:
        got = None
        if all(0 <= a < b <= len(left) for a, b in left_spans) and all(
            0 <= a < b <= len(right) for a, b in right_spans
        ):
            try:
                got = _flagger(native).flag_pair(
                    [left[max(0, a - 2) : b] for a, b in left_spans],
                    list(left_spans),
                    [right[max(0, a - 2) : b] for a, b in right_spans],
                    list(right_spans),
                    list(left_quotes),
                    list(right_quotes),
                )
            except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
                got = None
        if got is not None:
            return flags_of(got)
    return python_flag_pair(left, left_spans, right, right_spans, left_quotes, right_quotes, left_memo)


def python_flag_pair(
    left: str,
    left_spans: Sequence[Span],
    right: str,
    right_spans: Sequence[Span],
    left_quotes: Sequence[Span] = (),
    right_quotes: Sequence[Span] = (),
    left_memo: dict | None = None,
) -> list[Flag]:
    """The reference: the number, name and attribution flags of one aligned group (its sentence spans).

    ``left_memo`` (a dict kept with the left text: :attr:`TextFacts.memo
    <articlediff.signals.TextFacts.memo>`) holds what was found in each of its sentences, for a
    text compared with many others.
    """
    flags: list[Flag] = []
    mentions, hedges, speakers, figures = finders()
    # numbers: a figure replaced by another in the same slot
    lfigures = _per_span(figures, left, left_spans, left_memo)
    swaps = _number_swaps(lfigures, figures(right, right_spans)) if lfigures else []
    if swaps:
        olds = sorted({g.span for g, _ in swaps})
        news = sorted({n.span for _, n in swaps})
        flags.append(
            Flag(
                FlagKind.NUMBER_CHANGED,
                "number changed: "
                + ", ".join(left[a:b] for a, b in olds)
                + " → "
                + ", ".join(right[a:b] for a, b in news),
                (olds[0][0], olds[-1][1]),
                (news[0][0], news[-1][1]),
            )
        )
    # names: a mention of the copy that adds words (a title, a different first name) to a mention
    # of the original it shares a name with; shortening a name ("Vladimir Putin" → "Putin") is not
    # a change worth an editor's time, unless a marker such as "former" goes or comes.
    lm = _per_span(mentions, left, left_spans, left_memo)
    lkeys = {k for k, _ in lm}
    for keys, span in mentions(right, right_spans):
        if keys in lkeys:
            continue
        partners = [(k, sp) for k, sp in lm if set(k) & set(keys)]
        if not partners:
            continue
        k, sp = max(partners, key=lambda ks: (len(set(ks[0]) & set(keys)), -len(set(ks[0]) ^ set(keys)), -ks[1][0]))
        added, removed = set(keys) - set(k), set(k) - set(keys)
        titles = _TITLES | _TITLE_NOUNS
        if not removed and not added & titles:
            continue  # the copy spelled out the name ("Russian president" → "… Vladimir Putin")
        if not added and not removed & _TITLES:
            continue  # the copy shortened the name
        flags.append(
            Flag(
                FlagKind.NAME_CHANGED, f"name changed: “{left[sp[0] : sp[1]]}” → “{right[span[0] : span[1]]}”", sp, span
            )
        )
    # attribution: the speaker of a quotation, and hedges
    ls, rs = _per_span(speakers, left, left_spans, left_memo, left_quotes), speakers(right, right_spans, right_quotes)
    if (
        ls
        and rs
        and _speaker_changed(
            {k for k, _ in ls},
            {k for k, _ in rs},
            _outside_text(left, left_spans, left_quotes),
            _outside_text(right, right_spans, right_quotes),
        )
    ):
        flags.append(
            Flag(
                FlagKind.ATTRIBUTION_CHANGED,
                f"speaker changed: {', '.join(dict.fromkeys(left[s[0] : s[1]] for _, s in ls))} → "
                f"{', '.join(dict.fromkeys(right[s[0] : s[1]] for _, s in rs))}",
                ls[0][1],
                rs[0][1],
            )
        )
    lh, rh = _left_hedges(hedges, left, left_spans, left_memo), hedges(right, right_spans)
    for hedge in sorted(set(lh) ^ set(rh)):
        if hedge in lh:
            flags.append(Flag(FlagKind.ATTRIBUTION_CHANGED, f"hedge removed: “{hedge}”", lh[hedge], None))
        else:
            flags.append(Flag(FlagKind.ATTRIBUTION_CHANGED, f"hedge added: “{hedge}”", None, rh[hedge]))
    return flags
