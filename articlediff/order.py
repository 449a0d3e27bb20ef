"""Which aligned pairs the copy moved: those outside a longest run of the original's order.

Read the pairs in the copy's order and look at where each came from in the original (its first
left sentence). The longest strictly increasing subsequence of those positions is the largest set
of pairs that kept their relative order; every other pair was moved. This is the fewest moves that
explain the copy's order, as a diff tool explains a file with the fewest edits.

>>> longest_increasing([0, 1, 2, 3, 4, 6, 7, 8, 9, 5, 10])
[0, 1, 2, 3, 4, 5, 6, 7, 8, 10]
>>> out_of_order([2, None, 0, 1])
(True, False, False, False)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

__all__ = ["longest_increasing", "out_of_order"]


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Return the positions of one longest strictly increasing subsequence of ``values``.

    Patience sorting, O(n log n). Among several longest subsequences it returns the one whose
    values are smallest at every step from the end (deterministic for a given input): for
    ``[1, 0]`` it keeps ``0``, so the pair that jumped ahead is the one called moved.
    """
    tails: list[int] = []  # tails[k]: value ending the best increasing run of length k + 1
    tail_pos: list[int] = []  # position of that value in ``values``
    before: list[int] = []  # before[i]: position preceding i in its run, or -1
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        before.append(tail_pos[k - 1] if k else -1)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
    out: list[int] = []
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        out.append(i)
        i = before[i]
    return out[::-1]


def out_of_order(origins: Sequence[int | None]) -> tuple[bool, ...]:
    """Return, for each item, whether it is outside a longest increasing run of ``origins``.

    ``origins`` holds each pair's position in the original, in the copy's order, or None for pairs
    that have no side in one of the texts (added or dropped sentences are never moved).
    """
    where: list[int] = []
    values: list[int] = []
    for i, o in enumerate(origins):
        if o is not None:
            where.append(i)
            values.append(o)
    kept = {where[k] for k in longest_increasing(values)}
    return tuple(o is not None and i not in kept for i, o in enumerate(origins))
