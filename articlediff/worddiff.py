"""Word-level diff inside an aligned pair: difflib opcodes over word keys, as character offsets.

>>> from articlediff.normalize import words
>>> a, b = "Putin met Trump in Alaska.", "Putin met former President Trump in Alaska."
>>> [(op.op, b[op.right[0]:op.right[1]]) for op in diff(words(a), words(b)) if op.op != "equal"]
[('insert', 'former President')]
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from .normalize import Word

__all__ = ["DiffOp", "diff"]


class DiffOp(NamedTuple):
    """One opcode: ``op`` is ``equal``, ``replace``, ``insert`` or ``delete``; ``left``/``right`` are
    half-open ``(start, end)`` character ranges in the left and right texts (empty for the side an
    insert or delete does not touch, placed where the change happens)."""

    op: str
    left: tuple[int, int]
    right: tuple[int, int]


def _span(ws: Sequence[Word], lo: int, hi: int) -> tuple[int, int]:
    if lo < hi:
        return ws[lo].start, ws[hi - 1].end
    if lo < len(ws):
        return ws[lo].start, ws[lo].start
    end = ws[-1].end if ws else 0
    return end, end


def diff(left: Sequence[Word], right: Sequence[Word]) -> list[DiffOp]:
    """Return the opcodes that turn the ``left`` words into the ``right`` words.

    Words are compared by their normalized key, so case and typography are not changes. A range runs
    from the start of its first word to the end of its last; an empty range sits before the word
    where the change happens (or after the last word).
    """
    matcher = SequenceMatcher(None, [w.key for w in left], [w.key for w in right], autojunk=False)
    return [
        DiffOp(tag, _span(left, i1, i2), _span(right, j1, j2))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
