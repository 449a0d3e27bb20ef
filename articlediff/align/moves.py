"""A pass for versions of one story: weak links against the shared order are undone (:func:`undo_weak_moves`).

It takes the :class:`~articlediff.align.candidates.Candidates` and the one-to-one links (before any
group grows) and returns the links it keeps.
"""

from __future__ import annotations

from .candidates import Candidates
from .links import Links
from .shared_order import run

__all__ = ["undo_weak_moves"]


def undo_weak_moves(cands: Candidates, links: Links, threshold: float) -> Links:
    """Undo the weak links (below ``threshold``, the ``link_threshold``) that go against the order both
    texts share and have no aligned neighbour: a rewrite's move is believed on a sure link, not a weak one.

    Exact links are always kept. Runs before any group grows, so every group is still one to one;
    the kept links keep their relative order (and so their tie-breaking).
    """
    in_run = {span[4] for span in run(links)}
    kept = []
    for gid, (lids, rids) in enumerate(links.groups):
        i, j = lids[0], rids[0]
        s = cands.scores.get((i, j))  # None for an exact match
        if gid in in_run or s is None or s >= threshold or links.next_to_link(i, j):
            kept.append((i, j))
    if len(kept) < len(links.groups):
        return Links.of(kept)
    return links
