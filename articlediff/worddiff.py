"""Word-level diff inside an aligned pair: difflib opcodes over word keys, as character offsets.

>>> from articlediff.normalize import words
>>> a, b = "Putin met Trump in Alaska.", "Putin met former President Trump in Alaska."
>>> wa, wb = words(a), words(b)
>>> ops = diff([w.key for w in wa], [w[1:] for w in wa], [w.key for w in wb], [w[1:] for w in wb])
>>> [(str(op.op), b[op.right[0]:op.right[1]]) for op in ops if op.op != "equal"]
[('insert', 'former President')]
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from .kernels import TAGS, active, opcodes

__all__ = ["TAG_OPS", "DiffOp", "OpCode", "diff", "python_diff"]


class OpCode(str, Enum):
    """difflib's opcode tags; serialised as the plain strings."""

    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"
    DELETE = "delete"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


_OPCODES = {op.value: op for op in OpCode}
#: The :class:`OpCode` of each tag number of the native kernel.
TAG_OPS = tuple(_OPCODES[tag] for tag in TAGS)


class DiffOp(NamedTuple):
    """One opcode: ``op`` is an :class:`OpCode` (``equal``, ``replace``, ``insert`` or ``delete``);
    ``left``/``right`` are half-open ``(start, end)`` character ranges in the left and right texts
    (empty for the side an insert or delete does not touch, placed where the change happens)."""

    op: OpCode
    left: tuple[int, int]
    right: tuple[int, int]


def _span(offsets: Sequence[tuple[int, int]], lo: int, hi: int) -> tuple[int, int]:
    if lo < hi:
        return offsets[lo][0], offsets[hi - 1][1]
    if lo < len(offsets):
        return offsets[lo][0], offsets[lo][0]
    end = offsets[-1][1] if offsets else 0
    return end, end


def diff(
    left_keys: Sequence[str],
    left_offsets: Sequence[tuple[int, int]],
    right_keys: Sequence[str],
    right_offsets: Sequence[tuple[int, int]],
) -> list[DiffOp]:
    """Return the opcodes that turn the left words into the right words.

    Words are given as their normalized keys (so case and typography are not changes) and their
    ``(start, end)`` offsets. A range runs from the start of its first word to the end of its last;
    an empty range sits before the word where the change happens (or after the last word).
    """
    native = active()
    if native is not None:
        try:
            got = native.diff_spans(left_keys, left_offsets, right_keys, right_offsets)
        except (UnicodeEncodeError, TypeError):  # a lone surrogate; keys that are not a list of str
            got = None
        if got is not None:  # None: keys and offsets that do not pair up, left to the reference
            new, tags = tuple.__new__, TAG_OPS
            return [new(DiffOp, (tags[t], a, b)) for t, a, b in got]
    return python_diff(left_keys, left_offsets, right_keys, right_offsets)


def python_diff(
    left_keys: Sequence[str],
    left_offsets: Sequence[tuple[int, int]],
    right_keys: Sequence[str],
    right_offsets: Sequence[tuple[int, int]],
) -> list[DiffOp]:
    """The reference for :func:`diff` (difflib's opcodes by the active backend, ranges in Python)."""
    return [
        DiffOp(_OPCODES[tag], _span(left_offsets, i1, i2), _span(right_offsets, j1, j2))
        for tag, i1, i2, j1, j2 in opcodes(left_keys, right_keys)
    ]
