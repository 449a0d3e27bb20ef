"""Whether two texts read as versions of one story, judged on the sure links (:func:`same_story`).

It takes the :class:`~articlediff.align.candidates.Candidates` and the links after the exact and
sure passes and returns a bool. Two versions of one story share many links; different stories that
reuse background share few. Only for the former are weaker links (rewrites) worth the risk, and
only there does the order both texts share count as evidence; between the latter, a link needs
rare content in common (names, numbers, uncommon words), not the topic's vocabulary, and the
short-sentence allowance of the blocking does not apply.
"""

from __future__ import annotations

from .candidates import Candidates
from .links import Links

__all__ = ["FAIR_COUNTERPART", "same_story"]

#: Similarity of a "fair counterpart" when judging whether two texts are versions of one story.
FAIR_COUNTERPART = 0.4


def same_story(cands: Candidates, sure: Links, *, need: float, rare: float, threshold: float) -> bool:
    """Whether the two texts read as versions of one story, judged after the sure links.

    Versions share at least one sure link with real content (not a list marker: ``need``, that is
    ``min_evidence``, of content), or a fair counterpart with ``rare`` (``unrelated_evidence``) of
    rare content in common; one of them has ``threshold`` (``story_threshold``) of its words in
    sentences with a fair counterpart (similarity 0.4 or more); and either the sure links carry
    that share of both texts' words, or the rest of one text (its sentences without a sure link) has
    half that share in sentences with a fair counterpart: a rewrite. A different story that reuses
    a background passage has sure links there only, and elsewhere fair counterparts for 0.1 of its
    words or less; two texts on one subject have fair counterparts everywhere but no sure link.
    """
    evidence = cands.evidence
    if not any(
        (lids[0], rids[0]) in evidence or cands.weight(0, lids[0]) >= need for lids, rids in sure.groups
    ) and not any(
        # or a fair counterpart with as much rare content in common as a link between
        # unrelated texts needs (a one-sentence rewrite just under the link threshold)
        s >= FAIR_COUNTERPART and evidence[ij] >= rare
        for ij, s in cands.scores.items()
    ):
        return False
    fair, held, rest = [], [], []
    for side in (0, 1):
        profiles, linked, best = cands.sides[side], sure.partner[side], cands.best[side]
        total = sum(len(p.keys) for p in profiles) or 1
        on_links = sum(len(profiles[n].keys) for n in linked)
        others = sum(len(p.keys) for n, p in enumerate(profiles) if n not in linked and best[n] >= FAIR_COUNTERPART)
        fair.append((on_links + others) / total)
        held.append(on_links / total)
        rest.append(others / (total - on_links) if total > on_links else 0.0)
    return max(fair) >= threshold and (min(held) >= threshold or max(rest) >= threshold / 2)
