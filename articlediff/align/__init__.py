"""Sentence alignment that lets a copy move, split, merge and rewrite sentences.

:func:`align` takes the :class:`~articlediff.profile.Profile` of every sentence of both sides and
returns an :class:`Alignment`: groups of sentences that carry the same content (one to one, splits
1:N, merges N:1 and N:M groups), every sentence's best similarity, and whether the texts read as
versions of one story. The likely counterparts are found and scored once
(:mod:`~articlediff.align.candidates`); then passes, each a function from the current
:class:`~articlediff.align.links.Links` to new ones, decide the links, in this order:

1. *exact* (:mod:`~articlediff.align.exact`): sentences whose normalized word sequences are
   identical are paired first (by hash);
2. *blocking* (:mod:`~articlediff.align.candidates`): an inverted index over each sentence's rarest
   content stems proposes a few candidate counterparts per sentence, so cost grows with article
   length, not with the square of it;
3. *one to one* (:mod:`~articlediff.align.pairing`): candidates are paired greedily by calibrated
   similarity above ``link_threshold``; if the texts then read as versions of one story
   (:mod:`~articlediff.align.story`: a sure link, and either sure links over a share of both texts
   or fair counterparts in the rest of one), weaker pairs follow: mutual best ones and those whose
   neighbours on both sides are aligned; a weak pair that goes against the order both texts share,
   with no aligned neighbour, is undone (:mod:`~articlediff.align.moves`: a move is believed on a
   sure link only). Otherwise the one-to-one links are redone asking for ``unrelated_evidence`` of
   rare shared content: different stories share background facts (names, numbers), not their
   subject's vocabulary;
4. *groups* (:mod:`~articlediff.align.joins`): each sentence still alone joins the group on the
   other side that contains most of its (document-weighted) content, if that raises the group's
   similarity; this forms splits and merges. Between versions of one story, a join against the
   shared order asks for more of that content;
5. *gaps* (:mod:`~articlediff.align.gaps`, versions of one story only): between two groups that
   keep their order, the few sentences left on each side are what the copy made of that stretch,
   so their place counts as evidence: they are paired in order on half the shared evidence, a
   quarter in a gap of one or two sentences a side between two groups (a small dynamic programme
   per gap, as sentence aligners such as hunalign fill the gaps between anchors), groups grow
   again, and a sentence still alone may join a group bounding its gap. Gaps are bounded, so cost
   stays linear.

When the native backend runs and both texts' native indexes are given, the kernel runs all these
passes in one call (:mod:`~articlediff.align.lexical`), with the embeddings' evidence when there are
vectors (not their neighbours: with ``Options.embedding_candidates`` set the passes run in Python);
the Python passes stay the reference and give the same result.

The result does not depend on which text is called left: the two sides are put in a canonical order
before aligning and the result mirrored back, so ``align(b, a)`` is exactly ``align(a, b)`` mirrored.

>>> from articlediff.options import Options
>>> from articlediff.prepared import prepare
>>> a = prepare("Putin met Trump in Alaska on Friday. Talks lasted three hours.")
>>> b = prepare("Talks lasted three hours. Putin and Trump met in Alaska on Friday.")
>>> [(g.left, g.right) for g in align(a.profiles, b.profiles, Options()).groups]
[((0,), (1,)), ((1,), (0,))]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..options import Options
from ..profile import Profile
from .candidates import Candidates, candidates_of, postings_of
from .exact import exact_links
from .gaps import GAP_EVIDENCE, grow_in_gaps, pair_gaps
from .joins import grow
from .lexical import native_align
from .links import Links
from .moves import undo_weak_moves
from .pairing import pair_in_context, pair_mutual, pair_sure
from .result import Alignment, Group
from .semantic import Semantic
from .story import same_story

__all__ = ["Alignment", "Candidates", "Group", "Links", "align", "postings_of"]

Postings = dict[str, list[int]]


def align(
    left: Sequence[Profile],
    right: Sequence[Profile],
    options: Options,
    headings: tuple[Sequence[bool], Sequence[bool]] | None = None,
    postings: tuple[Postings | None, Postings | None] | None = None,
    vectors: tuple[Any, Any] | None = None,
    indexes: tuple[Any, Any] | None = None,
) -> Alignment:
    """Align two lists of sentence profiles.

    ``headings`` marks the units of each side that are headings rather than sentences (headlines,
    subheads, bylines): a heading is only linked to a heading, unless the two are identical, since a
    headline restates the story without carrying any one sentence's content.

    ``postings`` may give either side's :func:`postings_of` (a text aligned with many others
    builds it once); None builds it here.

    ``vectors`` gives both sides' sentence vectors (L2-normalised rows, see
    :func:`articlediff.embed.vectors`) when ``options`` has an embedder: embedding evidence joins
    the lexical (see :mod:`~articlediff.align.semantic`). None aligns on lexical evidence only.

    ``indexes`` may give both sides' native blocking indexes (:meth:`articlediff.Prepared.native_index`,
    built once per text); None, or the pure-Python backend, reads the profiles instead. The result
    is the same either way.

    Returns:
        the :class:`Alignment`: its groups sorted by their first left sentence, and for every
        sentence the best similarity seen to any counterpart (1.0 for exact matches).
    """
    lt = [p.text for p in left]
    rt = [p.text for p in right]
    heads = headings or ([False] * len(left), [False] * len(right))
    given = postings or (None, None)
    vecs = vectors or (None, None)
    native = indexes or (None, None)
    if (len(rt), rt) < (len(lt), lt):
        swapped = (heads[1], heads[0]), (given[1], given[0]), (vecs[1], vecs[0]), (native[1], native[0])
        return _align(right, left, options, *swapped).mirrored()
    return _align(left, right, options, heads, given, vecs, native)


def _align(
    left: Sequence[Profile],
    right: Sequence[Profile],
    options: Options,
    headings: tuple[Sequence[bool], Sequence[bool]],
    postings: tuple[Postings | None, Postings | None],
    vectors: tuple[Any, Any],
    indexes: tuple[Any, Any],
) -> Alignment:
    """Run the passes in order on sides already in canonical order."""
    given = None if vectors[0] is None or vectors[1] is None else vectors
    got = native_align(left, right, options, headings, indexes, given)  # every pass, when it can
    if got is not None:
        return got
    exact = exact_links(left, right)
    semantic = None
    if vectors[0] is not None and vectors[1] is not None:
        semantic = Semantic((vectors[0], vectors[1]), options.embedding_candidates, options.embedding_evidence)
    cands = candidates_of(
        left,
        right,
        headings,
        postings,
        exact,
        options.candidates,
        options.min_evidence,
        semantic,
        options.fusion_evidence,
        indexes,
    )
    need = options.min_evidence
    sure = pair_sure(cands, exact, options.link_threshold, need)
    # whether the texts are versions of one story is judged on lexical evidence, as by default
    story, story_sure = cands, sure
    if cands.lexical is not None:
        story, story_sure = cands.lexical, pair_sure(cands.lexical, exact, options.link_threshold, need)
    rare = options.unrelated_evidence
    related = same_story(story, story_sure, need=need, rare=rare, threshold=options.story_threshold)
    if related:
        relief = options.related_relief
        links = pair_mutual(cands, sure, options.mutual_threshold - relief, need)
        links = pair_in_context(cands, links, options.context_threshold - relief, need)
        links = undo_weak_moves(cands, links, options.link_threshold)
    else:
        relief = 0.0
        # between different stories the sure links are redone on rare shared content only
        links = pair_sure(cands, exact, options.link_threshold, options.unrelated_evidence, short_ok=False)
    share = options.join_containment - relief
    against = min(1.0, options.join_containment + options.related_relief) if related else None
    links = grow(cands, links, need=need, share=share, against=against)
    if related:  # versions of one story: the order they share is evidence too
        links = pair_gaps(cands, links, threshold=options.context_threshold - relief, need=need)
        links = grow(cands, links, need=need, share=share, against=against)
        links = grow_in_gaps(cands, links, need=need * GAP_EVIDENCE, share=share)
    return Alignment(_groups(cands, links), cands.best[0], cands.best[1], related)


def _groups(cands: Candidates, links: Links) -> tuple[Group, ...]:
    """The final groups, each scored as a whole, sorted by their first left sentence."""
    left, right = cands.sides
    out = []
    for lids, rids in links.groups:
        lids, rids = sorted(lids), sorted(rids)
        if len(lids) == 1 and len(rids) == 1:
            s = cands.pair_score(lids[0], rids[0])
        else:
            s = cands.groups_score(lids, rids)
        out.append(Group(tuple(lids), tuple(rids), s))
    out.sort(key=lambda g: g.left)
    return tuple(out)
