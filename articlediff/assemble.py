"""From aligned groups to the result's pairs: reading order, labels, moves and word diffs.

The aligner says which sentences go together; this stage makes the list a reader sees. Every
sentence ends up in exactly one unit: the aligned groups, then a unit for each sentence left alone
(``added`` on the copy's side, ``dropped`` on the original's), in the copy's reading order, a dropped
sentence after the group of the original sentence before it (:func:`reading_order`). Each unit then
gets its label (:func:`articlediff.classify.label_of`), whether the copy moved it
(:mod:`articlediff.order`), and its word diff (:func:`word_diff`).

>>> from articlediff.align import Group
>>> [(u.left, u.right) for u in reading_order([Group((1,), (0,), 0.9)], [0.2, 1.0], [1.0, 0.1])]
[((0,), ()), ((1,), (0,)), ((), (1,))]
"""

from __future__ import annotations

import dataclasses
import functools
import weakref
from collections.abc import Sequence
from typing import Any, NamedTuple

from .align import Group
from .classify import label_of
from .kernels import active, encodable
from .model import Flag, Label, Pair, Sentence
from .normalize import spans, word_bounds
from .order import out_of_order
from .prepared import Prepared
from .worddiff import TAG_OPS, DiffOp, OpCode, diff

__all__ = ["Unit", "assemble", "python_assemble", "python_reading_order", "reading_order", "word_diff"]


class Unit(NamedTuple):
    """Sentence indices of one pair-to-be on each side (one side empty for added and dropped) and its
    score: the group's similarity, or for a lone sentence the best any counterpart reached."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float


def reading_order(groups: Sequence[Group], best_left: Sequence[float], best_right: Sequence[float]) -> list[Unit]:
    """Every sentence in exactly one :class:`Unit`, in the copy's reading order.

    ``groups`` are the aligner's; ``best_left`` and
    ``best_right`` give each sentence's best score against the other side (one entry a sentence).
    A group sits at its first copy sentence, an added sentence at its own place, a dropped one right
    after the group of the original sentence before it (at the start if none is aligned). The native
    backend orders them in one call (:func:`python_reading_order` is the reference).
    """
    native = active()
    if native is not None:
        return native.reading_order(Unit, groups, best_left, best_right)  # type: ignore[no-any-return]
    return python_reading_order(groups, best_left, best_right)


def python_reading_order(
    groups: Sequence[Group], best_left: Sequence[float], best_right: Sequence[float]
) -> list[Unit]:
    """The reference for :func:`reading_order`."""
    keyed: list[tuple[tuple[int, int, int], Unit]] = []
    anchor: dict[int, int] = {}
    for g in groups:
        keyed.append(((g.right[0], 0, g.left[0]), Unit(g.left, g.right, g.score)))
        for i in g.left:
            anchor[i] = g.right[0]
    in_right = {j for g in groups for j in g.right}
    keyed.extend(((j, 0, -1), Unit((), (j,), best_right[j])) for j in range(len(best_right)) if j not in in_right)
    last = -1
    for i in range(len(best_left)):
        if i in anchor:
            last = anchor[i]
        else:
            keyed.append(((last, 1, i), Unit((i,), (), best_left[i])))
    keyed.sort(key=lambda item: item[0])
    return [unit for _, unit in keyed]


def _words(text: str, sents: list[Sentence], prepared: Prepared) -> tuple[list[str], list[tuple[int, int]]]:
    """Word keys and offsets of a group's sentences, for the word diff."""
    ks: list[str] = []
    offsets: list[tuple[int, int]] = []
    profs = prepared.profiles
    for s in sents:
        if s.words:  # a wordless unit has a stand-in key and no word offsets: nothing to diff
            ks.extend(profs[s.index].keys)
            offsets.extend(spans(text, s.start, s.end))
    return ks, offsets


def _bounds(text: str, sents: list[Sentence]) -> tuple[int, int] | None:
    """Start of the first word and end of the last word of a group's sentences (None if wordless)."""
    with_words = [s for s in sents if s.words]
    if not with_words:
        return None
    first = word_bounds(text, with_words[0].start, with_words[0].end)
    last = word_bounds(text, with_words[-1].start, with_words[-1].end)
    return (first[0], last[1]) if first and last else None


def word_diff(original: Prepared, copy: Prepared, unit: Unit, label: Label) -> list[DiffOp]:
    """The word diff of an aligned unit: one ``equal`` op over the words of a verbatim unit (same
    words: no need to diff word by word), difflib's opcodes over word keys otherwise."""
    ls = [original.sentences[i] for i in unit.left]
    rs = [copy.sentences[j] for j in unit.right]
    if label is Label.VERBATIM:
        lb, rb = _bounds(original.text, ls), _bounds(copy.text, rs)
        return [DiffOp(OpCode.EQUAL, lb, rb)] if lb and rb else []
    return diff(*_words(original.text, ls, original), *_words(copy.text, rs, copy))


def assemble(
    original: Prepared,
    copy: Prepared,
    units: Sequence[Unit],
    flags: Sequence[Sequence[Flag]],
    boilerplate: tuple[Sequence[str | None], Sequence[str | None]],
    *,
    details: bool = True,
) -> tuple[Pair, ...]:
    """The result's pairs, one per unit: label, score, word diff (when ``details``), the unit's
    change ``flags``, the boilerplate reason of an added or dropped unit (``boilerplate`` gives one
    per sentence of each side) and whether the copy moved it.

    The native backend makes them all in one call (:func:`python_assemble` is the reference); it
    hands back to the reference the word diff of a unit touching a sentence that is not plain text,
    and the whole stage for text with a lone surrogate."""
    native = active()
    if native is not None:
        tables = _table(native, original), _table(native, copy)
        if tables[0] is not None and tables[1] is not None:
            return _native_assemble(native, tables, original, copy, units, flags, boilerplate, details)
    return python_assemble(original, copy, units, flags, boilerplate, details=details)


def python_assemble(
    original: Prepared,
    copy: Prepared,
    units: Sequence[Unit],
    flags: Sequence[Sequence[Flag]],
    boilerplate: tuple[Sequence[str | None], Sequence[str | None]],
    *,
    details: bool = True,
) -> tuple[Pair, ...]:
    """The reference for :func:`assemble`."""
    moved = out_of_order([u.left[0] if u.left and u.right else None for u in units])
    left_boiler, right_boiler = boilerplate
    pairs = []
    for unit, pair_flags, is_moved in zip(units, flags, moved, strict=True):
        label = label_of([original.sentences[i] for i in unit.left], [copy.sentences[j] for j in unit.right])
        boiler = None
        if unit.left and unit.right:
            ops = word_diff(original, copy, unit, label) if details else []
        else:
            ops = []
            boiler = left_boiler[unit.left[0]] if unit.left else right_boiler[unit.right[0]]
        pairs.append(Pair(label, unit.left, unit.right, unit.score, tuple(ops), tuple(pair_flags), boiler, is_moved))
    return tuple(pairs)


#: The native word tables of the prepared texts alive (``id(prepared)`` -> a weak reference to the
#: text and its table): each text's words are found once however many texts it is compared with.
#: Kept here, not on the :class:`Prepared`, so that pickling a prepared text is not affected.
_TABLES: dict[int, tuple[weakref.ref[Prepared], Any]] = {}
_ASSEMBLERS: dict[int, Any] = {}


def _table(native: Any, prepared: Prepared) -> Any | None:
    """The ``articlediff_native.WordTable`` of ``prepared`` (None for text with a lone surrogate)."""
    key = id(prepared)
    got = _TABLES.get(key)
    if got is not None and got[0]() is prepared:
        return got[1]
    if not encodable(prepared.text):
        return None
    table = native.WordTable(prepared.text, prepared.sentences)
    _TABLES[key] = (weakref.ref(prepared, functools.partial(_forget, key)), table)
    return table


def _forget(key: int, _: object) -> None:
    _TABLES.pop(key, None)


def _assembler(native: Any) -> Any:
    got = _ASSEMBLERS.get(id(native))
    if got is None:
        fields = [f.name for f in dataclasses.fields(Pair)]
        labels = [Label.VERBATIM, Label.PARAPHRASE, Label.ADDED, Label.DROPPED]
        got = _ASSEMBLERS[id(native)] = native.Assembler(Pair, fields, labels, DiffOp, list(TAG_OPS))
    return got


def _native_assemble(
    native: Any,
    tables: tuple[Any, Any],
    original: Prepared,
    copy: Prepared,
    units: Sequence[Unit],
    flags: Sequence[Sequence[Flag]],
    boilerplate: tuple[Sequence[str | None], Sequence[str | None]],
    details: bool,
) -> tuple[Pair, ...]:
    """:func:`assemble` by the native ``Assembler.pairs`` (which finds the moved pairs as :func:`out_of_order`)."""

    def fallback(k: int, verbatim: bool) -> list[DiffOp]:
        return word_diff(original, copy, units[k], Label.VERBATIM if verbatim else Label.PARAPHRASE)

    profiles = (original.profiles, copy.profiles)
    indexes = (original.native_index(), copy.native_index())  # the words, read without the profiles
    return _assembler(native).pairs(tables, indexes, profiles, units, flags, boilerplate, details, fallback)  # type: ignore[no-any-return]
