"""Groups grow: a lone sentence joins the group holding most of its content (:func:`grow`).

This forms splits (1:N), merges (N:1) and N:M groups. :func:`grow` takes the
:class:`~articlediff.align.candidates.Candidates` and the current links and returns the links
after every join it found; :func:`join_gain` and :func:`join_best` are its two steps, shared with
the gap pass (:func:`articlediff.align.gaps.grow_in_gaps`).
"""

from __future__ import annotations

from collections import defaultdict

from .candidates import Candidates
from .links import Links
from .shared_order import MAX_GAP, placed

__all__ = ["grow", "join_best", "join_gain"]

#: Most sentences on one side of a group: a rewrite fuses a paragraph, not a page. This also bounds
# the rounds of group growth, each of which is linear in the number of lone sentences.
MAX_GROUP = 6

#: A join to make: ``(-gain, side, sentence, group id)`` (sorted, the best comes first).
Move = tuple[float, int, int, int]


def join_gain(cands: Candidates, links: Links, s: int, n: int, gid: int, need: float, share: float) -> float | None:
    """Similarity gained by adding sentence ``n`` of side ``s`` to group ``gid``, or None if it may not join.

    It needs ``need`` shared evidence and ``share`` of its content in the group (see
    :meth:`Candidates.join_gain <articlediff.align.candidates.Candidates.join_gain>`), and the group
    must have fewer than ``MAX_GROUP`` sentences on that side.
    """
    members = links.groups[gid]
    if len(members[s]) >= MAX_GROUP:
        return None
    return cands.join_gain(s, n, members, need, share)


def join_best(links: Links, moves: list[Move]) -> bool:
    """Apply the best moves first to ``links`` (a pass's own copy), one per group, and say whether any was made.

    A group's score changes when it grows, so its other moves are evaluated again next round.
    """
    touched: set[int] = set()
    for _, s, n, gid in sorted(moves):
        if gid in touched:
            continue
        links.join(s, n, gid)
        touched.add(gid)
    return bool(touched)


def grow(cands: Candidates, links: Links, *, need: float, share: float, against: float | None = None) -> Links:
    """Let lone sentences join the group holding most of their (document-weighted) content, if that
    raises the group's similarity: splits, merges, N:M.

    A sentence may join a group holding a candidate of it, with ``need`` (``min_evidence``) shared
    evidence and ``share`` of its content there (``join_containment`` less the relief). Rounds repeat
    until nothing joins; each round makes the best join of each group.

    With ``against`` (versions of one story: the order both texts share is evidence too), a sentence
    that sits in a gap of the shared order (see :func:`~articlediff.align.shared_order.gaps_of`) and
    would join a group of that order elsewhere goes against it: that asks ``against`` of its content
    (``join_containment`` raised by the relief), where a join along the order asks it lowered.
    """
    out = links.copy()
    if cands.scorer is not None and cands.semantic is None:  # the native kernel: the same joins
        joins = cands.scorer.grow(
            list(cands.scores), out.groups, need, share, against, cands.fusion, MAX_GROUP, MAX_GAP
        )
        for s, n, gid in joins:
            out.join(s, n, gid)
        return out
    by_sentence: tuple[dict[int, list[int]], dict[int, list[int]]] = (defaultdict(list), defaultdict(list))
    for i, j in cands.scores:
        by_sentence[0][i].append(j)
        by_sentence[1][j].append(i)
    against_share = share if against is None else against  # only read when the order is followed
    changed = True
    while changed:
        best_moves = []
        where, in_run = placed(cands, out) if against is not None else ({}, set())
        for s in (0, 1):
            other = 1 - s
            mine, theirs = out.partner[s], out.partner[other]
            for n in sorted(by_sentence[s]):
                if n in mine:
                    continue
                best = None
                bounds = where.get((s, n))
                for gid in sorted({theirs[m] for m in by_sentence[s][n] if m in theirs}):
                    go_against = bounds is not None and gid in in_run and gid not in bounds
                    gain = join_gain(cands, out, s, n, gid, need, against_share if go_against else share)
                    if gain is not None and (best is None or gain > best[0]):
                        best = (gain, gid)
                if best is not None:
                    best_moves.append((-best[0], s, n, best[1]))
        changed = join_best(out, best_moves)
    return out
