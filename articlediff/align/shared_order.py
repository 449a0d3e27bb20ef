"""The order both texts share, read off the links: its groups (:func:`run`) and the gaps between them.

Versions of one story keep most of their order; a copy moves a few sentences. These functions take
the current :class:`~articlediff.align.links.Links` (and the side lengths, from the
:class:`~articlediff.align.candidates.Candidates`) and return where the shared order puts things;
the passes that trust that order (undoing weak moves, joins, gap filling) read it from here.
The native backend reads both off the groups in one call each (``native/src/order.rs``).
"""

from __future__ import annotations

from typing import cast

from ..kernels import active
from ..order import longest_increasing
from .candidates import Candidates
from .links import Links

__all__ = ["Gap", "gaps_of", "placed", "run"]

#: Most unlinked sentences on either side of a gap between two aligned pairs for the gap to be
# filled: a rewritten passage, not a rewritten article (this also bounds the cost of each gap).
MAX_GAP = 8

#: One gap: ``(left ids, right ids, ids of the groups bounding it)`` (one id at a text's start or end).
Gap = tuple[list[int], list[int], tuple[int, ...]]


def run(links: Links) -> list[tuple[int, int, int, int, int]]:
    """The groups in the order both texts share, as ``(first left, first right, last left, last right, group id)``.

    Groups are read in the order of their first left sentence; a longest run of them whose first
    right sentences increase too is that order (the groups outside it were moved).
    """
    native = active()
    if native is not None:
        return cast("list[tuple[int, int, int, int, int]]", native.shared_run(links.groups))
    spans = sorted((min(ls), min(rs), max(ls), max(rs), gid) for gid, (ls, rs) in enumerate(links.groups))
    return [spans[k] for k in longest_increasing([span[1] for span in spans])]


def gaps_of(cands: Candidates, links: Links, order: list[tuple[int, int, int, int, int]] | None = None) -> list[Gap]:
    """The gaps between groups that keep their order.

    A gap holds the unlinked sentences of each side between two consecutive groups of :func:`run`
    (or a text's start or end); gaps with more than ``MAX_GAP`` sentences on a side are left out.
    ``order`` is ``run(links)`` when the caller has it already.
    """
    n_left, n_right = len(cands.sides[0]), len(cands.sides[1])
    native = active()
    if native is not None:
        return cast("list[Gap]", native.shared_gaps(links.groups, n_left, n_right, MAX_GAP, order))
    ends = [(-1, -1, -1, -1, -1), *(run(links) if order is None else order), (n_left, n_right, n_left, n_right, -1)]
    linked_l, linked_r = links.partner
    out = []
    for (_, _, i0, j0, before), (i1, j1, _, _, after) in zip(ends, ends[1:], strict=False):
        gap_l = [i for i in range(i0 + 1, i1) if i not in linked_l]
        gap_r = [j for j in range(j0 + 1, j1) if j not in linked_r]
        if (gap_l or gap_r) and len(gap_l) <= MAX_GAP and len(gap_r) <= MAX_GAP:
            out.append((gap_l, gap_r, tuple(gid for gid in (before, after) if gid >= 0)))
    return out


def placed(cands: Candidates, links: Links) -> tuple[dict[tuple[int, int], tuple[int, ...]], set[int]]:
    """Where the shared order puts each lone sentence: ``{(side, sentence): bounding group ids}``
    for those in a gap, and the ids of the groups in the order."""
    order = run(links)
    where = {}
    for gap_l, gap_r, bounds in gaps_of(cands, links, order):
        for n in gap_l:
            where[(0, n)] = bounds
        for n in gap_r:
            where[(1, n)] = bounds
    return where, {span[4] for span in order}
