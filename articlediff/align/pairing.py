"""One-to-one passes over the candidates: sure pairs, mutual best pairs, pairs in context.

Each takes the :class:`~articlediff.align.candidates.Candidates`, the current
:class:`~articlediff.align.links.Links` and its thresholds, and returns new links with the pairs it
decided added. Only :func:`pair_sure` runs between texts that are not versions of one story; the
other two are the weaker evidence that only versions of one story are trusted with (see
:func:`articlediff.align.story.same_story`).
"""

from __future__ import annotations

import heapq

from .candidates import Candidates
from .links import Links

__all__ = ["pair_in_context", "pair_mutual", "pair_sure"]


def pair_sure(cands: Candidates, links: Links, threshold: float, need: float, *, short_ok: bool = True) -> Links:
    """Pair the surest candidates first, greedily: similarity ``threshold`` (``link_threshold``) or more.

    Best first (ties by position), each sentence once. A pair also needs ``need`` shared evidence:
    ``min_evidence`` between versions of one story; between other texts ``unrelated_evidence``, since
    different stories share background facts (names, numbers), not their subject's vocabulary. Pairs
    of short sentences mostly made of shared words pass on less evidence only when ``short_ok``.
    """
    out = links.copy()
    linked_l, linked_r = out.partner
    evidence, short = cands.evidence, cands.short
    for (i, j), s in sorted(cands.scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        ij = (i, j)
        if i not in linked_l and j not in linked_r and evidence[ij] >= need and (short_ok or ij not in short):
            out.link(i, j)
    return out


def pair_mutual(cands: Candidates, links: Links, threshold: float, need: float) -> Links:
    """Pair weaker candidates that are each other's best still-unpaired counterpart (a heavily reworded sentence).

    ``threshold`` is ``mutual_threshold`` less the relief of versions of one story; a pair needs
    ``need`` (``min_evidence``) shared evidence. Best first; ties between counterparts of equal
    similarity go to the earlier sentence.
    """
    out = links.copy()
    linked_l, linked_r = out.partner
    best: tuple[dict[int, tuple[float, int]], dict[int, tuple[float, int]]] = ({}, {})
    free = {ij: s for ij, s in cands.scores.items() if ij[0] not in linked_l and ij[1] not in linked_r}
    for (i, j), s in free.items():
        if best[0].get(i, (-1.0, 0)) < (s, -j):
            best[0][i] = (s, -j)
        if best[1].get(j, (-1.0, 0)) < (s, -i):
            best[1][j] = (s, -i)
    evidence = cands.evidence
    for (i, j), s in sorted(free.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        if (
            best[0][i][1] == -j
            and best[1][j][1] == -i
            and i not in linked_l
            and j not in linked_r
            and evidence[(i, j)] >= need
        ):
            out.link(i, j)
    return out


def pair_in_context(cands: Candidates, links: Links, threshold: float, need: float) -> Links:
    """Pair weaker candidates whose neighbours are aligned to each other (a rewritten passage).

    ``threshold`` is ``context_threshold`` less the relief; a pair needs ``need`` (``min_evidence``)
    shared evidence. Best first among the pairs next to an aligned pair (``(i - 1, j - 1)`` or
    ``(i + 1, j + 1)`` linked); each new link makes its own neighbours eligible, so a rewritten
    passage is followed along in one sweep (linear, not quadratic).
    """
    out = links.copy()
    linked_l, linked_r = out.partner
    evidence = cands.evidence
    weak = {ij: s for ij, s in cands.scores.items() if threshold <= s and evidence[ij] >= need}
    heap = [(-s, i, j) for (i, j), s in weak.items() if out.next_to_link(i, j)]
    heapq.heapify(heap)
    while heap:
        _, i, j = heapq.heappop(heap)
        if i in linked_l or j in linked_r or not out.next_to_link(i, j):
            continue
        out.link(i, j)
        for ij in ((i - 1, j - 1), (i + 1, j + 1)):
            if ij in weak:
                heapq.heappush(heap, (-weak[ij], *ij))
    return out
