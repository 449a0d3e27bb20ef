"""Passes for versions of one story: what is left between groups that keep their order is aligned.

Between two groups that are consecutive in the order both texts share, the unlinked sentences of
each side are what the copy made of that stretch of the original: their place is evidence the
lexical score cannot see. So inside such a gap (``MAX_GAP`` sentences a side at most, see
:mod:`articlediff.align.shared_order`) a link needs half of ``min_evidence``: first the gap's
sentences are paired in order (:func:`pair_gaps`), then the groups grow as usual
(:func:`articlediff.align.joins.grow`), then a sentence still alone may join a group bounding its
gap (:func:`grow_in_gaps`). Each takes the :class:`~articlediff.align.candidates.Candidates` and
the current links and returns new links. Gaps are bounded, so cost stays linear.
"""

from __future__ import annotations

from .candidates import Candidates
from .joins import MAX_GROUP, Move, join_best, join_gain
from .links import Links
from .shared_order import MAX_GAP, gaps_of

__all__ = ["EVEN_GAP", "EVEN_GAP_SHARE", "GAP_EVIDENCE", "gap_pairs", "grow_in_gaps", "pair_gaps"]

#: Share of ``min_evidence`` a link needs inside a gap of the shared order (its place is evidence).
GAP_EVIDENCE = 0.5
#: Share of ``min_evidence`` a pair needs in a gap between two aligned groups that holds the same
# number of sentences on each side, at most ``EVEN_GAP`` (on OneStopEnglish, gaps of 3-4 a side
# added one wrong link of two).
EVEN_GAP_SHARE = 0.25
EVEN_GAP = 2


def pair_gaps(cands: Candidates, links: Links, *, threshold: float, need: float) -> Links:
    """Pair the sentences of every gap in order (see :func:`gap_pairs`), on half of ``need`` (``min_evidence``).

    In a gap of one or two sentences a side between two aligned groups the copy's sentences stand in
    the original's place, as a line diff would pair them: there a quarter of ``need`` will do.
    ``threshold`` is ``context_threshold`` less the relief.
    """
    out = links.copy()
    for gap_l, gap_r, bounds in gaps_of(cands, links):
        if gap_l and gap_r:
            even = len(gap_l) == len(gap_r) <= EVEN_GAP and len(bounds) == 2
            for i, j in gap_pairs(cands, gap_l, gap_r, threshold, need * (EVEN_GAP_SHARE if even else GAP_EVIDENCE)):
                out.link(i, j)
    return out


def gap_pairs(
    cands: Candidates, gap_l: list[int], gap_r: list[int], threshold: float, need: float
) -> list[tuple[int, int]]:
    """Pair the sentences of one gap in order, one to one.

    The monotone alignment of most summed similarity above ``threshold``, over pairs with ``need``
    shared evidence and headings only with headings: a small dynamic programme per gap, as sentence
    aligners such as hunalign and Bleualign fill the gaps between anchors. Pairs outside the
    candidates are scored here.
    """
    left, right = cands.sides
    heads_l, heads_r = cands.headings
    gain: dict[tuple[int, int], float] = {}  # (position in gap_l, position in gap_r) -> gain
    for a, i in enumerate(gap_l):
        for b, j in enumerate(gap_r):
            if heads_l[i] != heads_r[j] or cands.pair_evidence(i, j) < need:
                continue
            s = cands.pair_score(i, j)
            if s >= threshold:
                gain[(a, b)] = s - threshold
    if not gain:
        return []
    # most[a][b]: most summed gain aligning the first a sentences of gap_l with the first b of gap_r
    n, m = len(gap_l), len(gap_r)
    most = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            g = gain.get((a - 1, b - 1))
            most[a][b] = max(most[a - 1][b], most[a][b - 1], most[a - 1][b - 1] + g if g is not None else 0.0)
    out = []
    a, b = n, m
    while a and b:  # read the alignment back; ties prefer the pair, then skipping a left sentence
        g = gain.get((a - 1, b - 1))
        if g is not None and most[a][b] == most[a - 1][b - 1] + g:
            out.append((gap_l[a - 1], gap_r[b - 1]))
            a, b = a - 1, b - 1
        elif most[a][b] == most[a - 1][b]:
            a -= 1
        else:
            b -= 1
    return out[::-1]


def grow_in_gaps(cands: Candidates, links: Links, *, need: float, share: float) -> Links:
    """Let each sentence still alone in a gap join a group bounding the gap, as
    :func:`~articlediff.align.joins.grow` does but on ``need`` (half of ``min_evidence``): the rest
    of a split or merge sits next to its sibling. ``share`` is ``join_containment`` less the relief.

    Only splits and merges form here (a group with several sentences on the other side is not
    joined): an N:M group claims every pair in it, more than this weaker evidence supports.
    """
    out = links.copy()
    if cands.scorer is not None and cands.semantic is None:  # the native kernel: the same joins
        for s, n, gid in cands.scorer.grow_in_gaps(out.groups, need, share, cands.fusion, MAX_GROUP, MAX_GAP):
            out.join(s, n, gid)
        return out
    changed = True
    while changed:
        moves: list[Move] = []
        for gap_l, gap_r, bounds in gaps_of(cands, out):
            for s, gap in ((0, gap_l), (1, gap_r)):
                for n in gap:
                    best = None
                    for gid in bounds:
                        if len(out.groups[gid][1 - s]) > 1:
                            continue
                        gain = join_gain(cands, out, s, n, gid, need, share)
                        if gain is not None and (best is None or gain > best[0]):
                            best = (gain, gid)
                    if best is not None:
                        moves.append((-best[0], s, n, best[1]))
        changed = join_best(out, moves)
    return out
