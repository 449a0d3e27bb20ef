"""Sentence alignment that lets a copy move, split, merge and rewrite sentences.

:func:`align` takes the :class:`~articlediff.profile.Profile` of every sentence of both sides and
returns groups of sentences that carry the same content: one to one, splits (1:N), merges (N:1) and
N:M groups. It works in five passes:

1. *exact*: sentences whose normalized word sequences are identical are paired first (by hash);
2. *blocking*: an inverted index over each sentence's rarest content stems proposes a few candidate
   counterparts per sentence, so cost grows with article length, not with the square of it;
3. *one to one*: candidates are paired greedily by calibrated similarity above ``link_threshold``;
   if the texts then read as versions of one story (a sure link, and either sure links over a share
   of both texts or fair counterparts in the rest of one), weaker pairs follow: mutual best ones and
   those whose neighbours on both sides are aligned; a weak pair that goes against the order both
   texts share, with no aligned neighbour, is undone (a move is believed on a sure link only).
   Otherwise the one-to-one links are redone asking for ``unrelated_evidence`` of rare shared
   content: different stories share background facts (names, numbers), not their subject's vocabulary;
4. *groups*: each sentence still alone joins the group on the other side that contains most of its
   (document-weighted) content, if that raises the group's similarity; this forms splits and merges.
   Between versions of one story, a join against the shared order asks for more of that content;
5. *gaps* (versions of one story only): between two groups that keep their order, the few
   sentences left on each side are what the copy made of that stretch, so their place counts as
   evidence: they are paired in order on half the shared evidence, a quarter in a gap of one or two
   sentences a side between two groups (a small dynamic programme per gap, as sentence aligners
   such as hunalign fill the gaps between anchors), groups grow again,
   and a sentence still alone may join a group bounding its gap. Gaps are bounded, so cost stays
   linear.

The result does not depend on which text is called left: the two sides are put in a canonical order
before aligning and the result mirrored back, so ``align(b, a)`` is exactly ``align(a, b)`` mirrored.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .options import Options
from .order import longest_increasing
from .profile import Profile, joined, score

__all__ = ["Group", "align", "postings_of"]

# Postings longer than this are not scanned when proposing candidates: a stem that common in the
# article pair says little about which sentence matches which, and skipping it keeps cost linear.
_MAX_POSTINGS = 32
# Most sentences on one side of a group: a rewrite fuses a paragraph, not a page. This also bounds
# the rounds of group growth, each of which is linear in the number of lone sentences.
_MAX_GROUP = 6
# Similarity of a "fair counterpart" when judging whether two texts are versions of one story.
_FAIR_COUNTERPART = 0.4
# How many of a sentence's rarest content stems probe the index.
_PROBES = 6
# Most unlinked sentences on either side of a gap between two aligned pairs for the gap to be
# filled: a rewritten passage, not a rewritten article (this also bounds the cost of each gap).
_MAX_GAP = 8
# Share of ``min_evidence`` a pair needs in a gap between two aligned groups that holds the same
# number of sentences on each side, at most _EVEN_GAP (on OneStopEnglish, gaps of 3-4 a side added
# one wrong link of two).
_EVEN_GAP_SHARE = 0.25
_EVEN_GAP = 2


@dataclass(frozen=True)
class Group:
    """Sentences of the left and right text that carry the same content, and their similarity."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float


def _mirror(groups: list[Group]) -> list[Group]:
    return sorted((Group(g.right, g.left, g.score) for g in groups), key=lambda g: g.left)


def align(
    left: Sequence[Profile],
    right: Sequence[Profile],
    options: Options,
    headings: tuple[Sequence[bool], Sequence[bool]] | None = None,
    postings: tuple[dict[str, list[int]] | None, dict[str, list[int]] | None] | None = None,
) -> tuple[list[Group], list[float], list[float]]:
    """Align two lists of sentence profiles.

    ``headings`` marks the units of each side that are headings rather than sentences (headlines,
    subheads, bylines): a heading is only linked to a heading, unless the two are identical, since a
    headline restates the story without carrying any one sentence's content.

    Returns:
        ``(groups, best_left, best_right)``: the groups sorted by their first left sentence, and for
        every sentence the best similarity seen to any counterpart (1.0 for exact matches).

    ``postings`` may give either side's :func:`postings_of` (a text aligned with many others
    builds it once); None builds it here.
    """
    lt = [p.text for p in left]
    rt = [p.text for p in right]
    heads = headings or ([False] * len(left), [False] * len(right))
    given = postings or (None, None)
    if (len(rt), rt) < (len(lt), lt):
        groups, best_r, best_l = _Aligner(right, left, options, (heads[1], heads[0]), (given[1], given[0])).run()
        return _mirror(groups), best_l, best_r
    return _Aligner(left, right, options, heads, given).run()


def postings_of(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """One side's half of the aligner's inverted index: which sentences hold each content stem."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(profiles):
        for stem in p.content:
            index[stem].append(n)
    return dict(index)


class _Aligner:
    def __init__(
        self,
        left: Sequence[Profile],
        right: Sequence[Profile],
        options: Options,
        headings: tuple[Sequence[bool], Sequence[bool]],
        postings: tuple[dict[str, list[int]] | None, dict[str, list[int]] | None] | None = None,
    ) -> None:
        self.sides = (left, right)
        self.headings = headings
        self.options = options
        # Which sentences of each side hold each content stem (the inverted index of the blocking).
        given = postings or (None, None)
        self.postings: tuple[dict[str, list[int]], dict[str, list[int]]] = (
            given[0] if given[0] is not None else postings_of(left),
            given[1] if given[1] is not None else postings_of(right),
        )
        self.idf = _idf(self.postings, len(left) + len(right))
        self.partner: tuple[dict[int, int], dict[int, int]] = ({}, {})  # sentence -> group id
        self.groups: list[list[list[int]]] = []  # group id -> [left ids, right ids]
        self.best = ([0.0] * len(left), [0.0] * len(right))
        self.relief = 0.0
        self._gains: dict[tuple, float | None] = {}
        self._scores_cache: dict[tuple, float] = {}
        self._joined_cache: dict[tuple, Profile] = {}

    # -- passes -------------------------------------------------------------------------------
    def run(self) -> tuple[list[Group], list[float], list[float]]:
        self._exact()
        cands = self._candidates()
        exact = len(self.groups)
        self._one_to_one(cands, self.options.min_evidence)
        # Two versions of one story share many links; different stories that reuse background
        # share few. Only for the former are weaker links (rewrites) worth the risk; between the
        # latter, a link needs rare content in common (names, numbers, uncommon words), not the
        # topic's vocabulary, and the short-sentence allowance of the blocking does not apply.
        related = self._related()
        if related:
            self.relief = self.options.related_relief
            self._mutual(cands)
            self._context(cands)
            self._unlink_weak_moves()
        else:
            self._unlink(exact)
            self._one_to_one(cands, self.options.unrelated_evidence, short_ok=False)
        self._grow(cands, order=related)
        if related:  # versions of one story: the order they share is evidence too
            self._follow_order(cands)
        left, right = self.sides
        out = []
        for lids, rids in self.groups:
            lids.sort()
            rids.sort()
            if len(lids) == 1 and len(rids) == 1:
                s = self.scores.get((lids[0], rids[0]))
                if s is None:
                    s = score(left[lids[0]], right[rids[0]])
            else:
                s = score(self._joined(0, lids), self._joined(1, rids))
            out.append(Group(tuple(lids), tuple(rids), s))
        out.sort(key=lambda g: g.left)
        return out, self.best[0], self.best[1]

    def _related(self) -> bool:
        """Whether the two texts read as versions of one story, judged after the sure links.

        Versions share at least one sure link with real content (not a list marker), or a fair
        counterpart with ``unrelated_evidence`` of rare content in common; one of them
        has ``story_threshold`` of its words in sentences with a fair counterpart (similarity 0.4
        or more); and either the sure links carry that share of both texts' words, or the rest of
        one text (its sentences without a sure link) has half that share in sentences with a fair
        counterpart: a rewrite. A different story that reuses a background passage has sure links
        there only, and elsewhere fair counterparts for 0.1 of its words or less; two texts on one
        subject have fair counterparts everywhere but no sure link.
        """
        idf, need, rare = self.idf, self.options.min_evidence, self.options.unrelated_evidence
        left = self.sides[0]
        if not any(
            (lids[0], rids[0]) in self.evidence or sum(idf[c] for c in left[lids[0]].content) >= need
            for lids, rids in self.groups
        ) and not any(
            # or a fair counterpart with as much rare content in common as a link between
            # unrelated texts needs (a one-sentence rewrite just under the link threshold)
            s >= _FAIR_COUNTERPART and self.evidence[ij] >= rare
            for ij, s in self.scores.items()
        ):
            return False
        threshold = self.options.story_threshold
        fair, held, rest = [], [], []
        for side in (0, 1):
            profiles, sure, best = self.sides[side], self.partner[side], self.best[side]
            total = sum(len(p.keys) for p in profiles) or 1
            linked = sum(len(profiles[n].keys) for n in sure)
            others = sum(len(p.keys) for n, p in enumerate(profiles) if n not in sure and best[n] >= _FAIR_COUNTERPART)
            fair.append((linked + others) / total)
            held.append(linked / total)
            rest.append(others / (total - linked) if total > linked else 0.0)
        return max(fair) >= threshold and (min(held) >= threshold or max(rest) >= threshold / 2)

    def _unlink(self, keep: int) -> None:
        """Undo every link made after the first ``keep`` groups (before any group grew)."""
        for lids, rids in self.groups[keep:]:
            del self.partner[0][lids[0]], self.partner[1][rids[0]]
        del self.groups[keep:]

    def _link(self, i: int, j: int) -> None:
        gid = len(self.groups)
        self.groups.append([[i], [j]])
        self.partner[0][i] = gid
        self.partner[1][j] = gid

    def _exact(self) -> None:
        left, right = self.sides
        waiting: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(left):
            if p.keys:
                waiting[p.text].append(i)
        for i_list in waiting.values():
            i_list.reverse()
        for j, p in enumerate(right):
            queue = waiting.get(p.text)
            if queue:
                i = queue.pop()
                self._link(i, j)
                self.best[0][i] = self.best[1][j] = 1.0

    def _candidates(self) -> dict[tuple[int, int], float]:
        """Score a few likely counterparts per sentence; returns {(i, j): similarity}."""
        left, right = self.sides
        postings = self.postings
        k = self.options.candidates
        idf = self.idf
        # Rarest stems first (ties by spelling, so the order never depends on hashing); only stems
        # on both sides can propose a candidate.
        both = sorted([(len(postings[0][s]) + len(postings[1][s]), s) for s in postings[0].keys() & postings[1]])
        rank = {stem: n for n, (_, stem) in enumerate(both)}
        by_rank = rank.__getitem__
        proposed: set[tuple[int, int]] = set()
        for side, (mine, theirs) in enumerate(((left, postings[1]), (right, postings[0]))):
            exact = self.best[side]
            for n, p in enumerate(mine):
                if exact[n] == 1.0:
                    continue  # an exact match needs no candidates
                # Probe with the rarest stems the other side has at all (others would find nothing).
                common = theirs.keys() & p.content
                if not common:
                    continue
                weight: dict[int, float] = {}
                for stem in sorted(common, key=by_rank)[:_PROBES]:
                    hits = theirs[stem]
                    if len(hits) <= _MAX_POSTINGS:
                        w = idf[stem]
                        for m in hits:
                            weight[m] = weight.get(m, 0.0) + w
                # Ties keep the order of discovery, which only depends on the texts.
                found = sorted(weight, key=weight.__getitem__, reverse=True)[:k]
                proposed.update([(n, m) for m in found] if side == 0 else [(m, n) for m in found])
        scores: dict[tuple[int, int], float] = {}
        evidence: dict[tuple[int, int], float] = {}
        short: set[tuple[int, int]] = set()  # pairs of short sentences let through with less evidence
        need = self.options.min_evidence
        weigh = idf.__getitem__
        mass: tuple[dict[int, float], dict[int, float]] = ({}, {})  # content weight, on demand

        def mass_of(s: int, n: int) -> float:
            got = mass[s].get(n)
            if got is None:
                got = mass[s][n] = sum(map(weigh, self.sides[s][n].content))
            return got

        heads_l, heads_r = self.headings
        best_l, best_r = self.best
        for i, j in sorted(proposed):
            head = heads_l[i]
            if head != heads_r[j]:
                continue  # a heading and a sentence
            shared = sum(map(weigh, left[i].content & right[j].content))
            if head and shared < 0.5 * max(mass_of(0, i), mass_of(1, j)):
                continue  # headings are linked only when most of their words are the same
            if shared < need:
                # Short sentences that mostly consist of shared words count as enough evidence.
                if shared < 1.0 or shared < 0.5 * max(mass_of(0, i), mass_of(1, j)):
                    continue  # too little in common to ever be linked: not worth scoring
                short.add((i, j))
            sim = score(left[i], right[j])
            scores[(i, j)] = sim
            evidence[(i, j)] = shared
            if sim > best_l[i]:
                best_l[i] = sim
            if sim > best_r[j]:
                best_r[j] = sim
        self.scores = scores
        # Shared evidence as the link passes read it: a short pair counts as just enough.
        for ij in short:
            evidence[ij] = max(evidence[ij], need)
        self.evidence = evidence
        self.short = short
        return scores

    def _one_to_one(self, cands: dict[tuple[int, int], float], need: float, *, short_ok: bool = True) -> None:
        """Pair the surest candidates first: similarity above the link threshold, enough shared evidence
        (``need``; pairs of short sentences mostly made of shared words pass only when ``short_ok``)."""
        threshold = self.options.link_threshold
        evidence, short = self.evidence, self.short
        for (i, j), s in sorted(cands.items(), key=lambda kv: (-kv[1], kv[0])):
            if s < threshold:
                break
            ij = (i, j)
            if (
                i not in self.partner[0]
                and j not in self.partner[1]
                and evidence[ij] >= need
                and (short_ok or ij not in short)
            ):
                self._link(i, j)

    def _mutual(self, cands: dict[tuple[int, int], float]) -> None:
        """Pair weaker candidates that are each other's best still-unpaired counterpart (a heavily
        reworded sentence)."""
        threshold, need = self.options.mutual_threshold - self.relief, self.options.min_evidence
        best: tuple[dict[int, tuple[float, int]], dict[int, tuple[float, int]]] = ({}, {})
        free = {ij: s for ij, s in cands.items() if ij[0] not in self.partner[0] and ij[1] not in self.partner[1]}
        for (i, j), s in free.items():
            if best[0].get(i, (-1.0, 0)) < (s, -j):
                best[0][i] = (s, -j)
            if best[1].get(j, (-1.0, 0)) < (s, -i):
                best[1][j] = (s, -i)
        for (i, j), s in sorted(free.items(), key=lambda kv: (-kv[1], kv[0])):
            if s < threshold:
                break
            if (
                best[0][i][1] == -j
                and best[1][j][1] == -i
                and i not in self.partner[0]
                and j not in self.partner[1]
                and self.evidence[(i, j)] >= need
            ):
                self._link(i, j)

    def _context(self, cands: dict[tuple[int, int], float]) -> None:
        """Pair weaker candidates whose neighbours are aligned to each other (a rewritten passage).

        Best first among the pairs next to an aligned pair; each new link makes its own neighbours
        eligible, so a rewritten passage is followed along in one sweep (linear, not quadratic).
        """
        threshold, need = self.options.context_threshold - self.relief, self.options.min_evidence
        weak = {ij: s for ij, s in cands.items() if threshold <= s and self.evidence[ij] >= need}
        heap = [(-s, i, j) for (i, j), s in weak.items() if self._next_to_link(i, j)]
        heapq.heapify(heap)
        while heap:
            _, i, j = heapq.heappop(heap)
            if i in self.partner[0] or j in self.partner[1] or not self._next_to_link(i, j):
                continue
            self._link(i, j)
            for ij in ((i - 1, j - 1), (i + 1, j + 1)):
                if ij in weak:
                    heapq.heappush(heap, (-weak[ij], *ij))

    def _follow_order(self, cands: dict[tuple[int, int], float]) -> None:
        """Align what is left between aligned groups that keep their order (a rewritten passage).

        Between two groups that are consecutive in the order both texts share, the unlinked
        sentences of each side are what the copy made of that stretch of the original: their
        place is evidence the lexical score cannot see. So inside such a gap (``_MAX_GAP``
        sentences a side at most) a link needs half of ``min_evidence``: first the gap's sentences
        are paired in order (:meth:`_gap_pairs`), then the groups grow as usual, then a sentence
        still alone may join a group bounding its gap (:meth:`_grow_in_gaps`).
        """
        for gap_l, gap_r, bounds in self._gaps():
            if gap_l and gap_r:
                # one or two sentences a side between two aligned groups: the copy's sentences in
                # the original's place, as a line diff would pair them; less shared content will do
                even = len(gap_l) == len(gap_r) <= _EVEN_GAP and len(bounds) == 2
                for i, j in self._gap_pairs(gap_l, gap_r, _EVEN_GAP_SHARE if even else 0.5):
                    self._link(i, j)
        self._grow(cands, order=True)
        self._grow_in_gaps()

    def _unlink_weak_moves(self) -> None:
        """Undo the weak links (below ``link_threshold``) that go against the order both texts share
        and have no aligned neighbour: a rewrite's move is believed on a sure link, not a weak one.

        Runs before any group grows, so every group is still one to one.
        """
        threshold = self.options.link_threshold
        in_run = {span[4] for span in self._run()}
        kept = []
        for gid, (lids, rids) in enumerate(self.groups):
            i, j = lids[0], rids[0]
            s = self.scores.get((i, j))  # None for an exact match
            if gid in in_run or s is None or s >= threshold or self._next_to_link(i, j):
                kept.append((i, j))
        if len(kept) < len(self.groups):
            self.groups = []
            self.partner = ({}, {})
            for i, j in kept:
                self._link(i, j)

    def _run(self) -> list[tuple[int, int, int, int, int]]:
        """The groups in the order both texts share, as ``(first left, first right, last left, last right, group id)``.

        Groups are read in the order of their first left sentence; a longest run of them whose first
        right sentences increase too is that order (the groups outside it were moved).
        """
        spans = sorted((min(ls), min(rs), max(ls), max(rs), gid) for gid, (ls, rs) in enumerate(self.groups))
        return [spans[k] for k in longest_increasing([span[1] for span in spans])]

    def _gaps(self) -> list[tuple[list[int], list[int], tuple[int, ...]]]:
        """The gaps between groups that keep their order, as ``(left ids, right ids, bounding group ids)``.

        A gap holds the unlinked sentences of each side between two consecutive groups of
        :meth:`_run` (or a text's start or end); gaps with more than ``_MAX_GAP`` sentences on a side
        are left out.
        """
        left, right = self.sides
        ends = [(-1, -1, -1, -1, -1), *self._run(), (len(left), len(right), len(left), len(right), -1)]
        linked_l, linked_r = self.partner
        out = []
        for (_, _, i0, j0, before), (i1, j1, _, _, after) in zip(ends, ends[1:], strict=False):
            gap_l = [i for i in range(i0 + 1, i1) if i not in linked_l]
            gap_r = [j for j in range(j0 + 1, j1) if j not in linked_r]
            if (gap_l or gap_r) and len(gap_l) <= _MAX_GAP and len(gap_r) <= _MAX_GAP:
                out.append((gap_l, gap_r, tuple(gid for gid in (before, after) if gid >= 0)))
        return out

    def _gap_pairs(self, gap_l: list[int], gap_r: list[int], share: float = 0.5) -> list[tuple[int, int]]:
        """Pair the sentences of one gap in order, one to one: the monotone alignment of most summed
        similarity above the context threshold (relieved), over pairs with ``share`` of
        ``min_evidence`` in common (half unless the gap is even, see ``_EVEN_GAP``) and headings only
        with headings."""
        left, right = self.sides
        heads_l, heads_r = self.headings
        threshold = self.options.context_threshold - self.relief
        need = self.options.min_evidence * share
        idf = self.idf
        gain: dict[tuple[int, int], float] = {}  # (position in gap_l, position in gap_r) -> gain
        for a, i in enumerate(gap_l):
            for b, j in enumerate(gap_r):
                if heads_l[i] != heads_r[j] or sum(idf[c] for c in left[i].content & right[j].content) < need:
                    continue
                s = self.scores.get((i, j))
                if s is None:
                    s = score(left[i], right[j])
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

    def _grow_in_gaps(self) -> None:
        """Let each sentence still alone in a gap join a group bounding the gap, as :meth:`_grow` does
        but on half of ``min_evidence``: the rest of a split or merge sits next to its sibling.

        Only splits and merges form here (a group with several sentences on the other side is not
        joined): an N:M group claims every pair in it, more than this weaker evidence supports.
        """
        need = self.options.min_evidence / 2
        changed = True
        while changed:
            changed = False
            moves = []
            for gap_l, gap_r, bounds in self._gaps():
                for s, gap in ((0, gap_l), (1, gap_r)):
                    for n in gap:
                        best = None
                        for gid in bounds:
                            if len(self.groups[gid][1 - s]) > 1:
                                continue
                            gain = self._join_gain(s, n, gid, need)
                            if gain is not None and (best is None or gain > best[0]):
                                best = (gain, gid)
                        if best is not None:
                            moves.append((-best[0], s, n, best[1]))
            changed = self._join_best(moves)

    def _next_to_link(self, i: int, j: int) -> bool:
        return self._together(i - 1, j - 1) or self._together(i + 1, j + 1)

    def _together(self, i: int, j: int) -> bool:
        gid = self.partner[0].get(i)
        return gid is not None and gid == self.partner[1].get(j)

    def _grow(self, cands: dict[tuple[int, int], float], *, order: bool = False) -> None:
        """Let lone sentences join the group holding most of their content: splits, merges, N:M.

        With ``order`` (versions of one story), a sentence that sits in a gap of the shared order
        (see :meth:`_gaps`) and would join a group of that order elsewhere goes against it: that
        asks ``join_containment`` raised by the relief, where a join along the order asks it lowered.
        """
        by_sentence: tuple[dict[int, list[int]], dict[int, list[int]]] = (defaultdict(list), defaultdict(list))
        for i, j in cands:
            by_sentence[0][i].append(j)
            by_sentence[1][j].append(i)
        against_share = min(1.0, self.options.join_containment + self.options.related_relief)
        changed = True
        while changed:
            changed = False
            best_moves = []
            placed, in_run = self._placed() if order else ({}, set())
            for s in (0, 1):
                other = 1 - s
                for n in sorted(by_sentence[s]):
                    if n in self.partner[s]:
                        continue
                    best = None
                    bounds = placed.get((s, n))
                    for gid in sorted({self.partner[other][m] for m in by_sentence[s][n] if m in self.partner[other]}):
                        against = bounds is not None and gid in in_run and gid not in bounds
                        gain = self._join_gain(s, n, gid, share=against_share if against else None)
                        if gain is not None and (best is None or gain > best[0]):
                            best = (gain, gid)
                    if best is not None:
                        best_moves.append((-best[0], s, n, best[1]))
            changed = self._join_best(best_moves)

    def _join_best(self, moves: list[tuple[float, int, int, int]]) -> bool:
        """Apply the best moves ``(-gain, side, sentence, group)`` first, one per group (a group's score
        changes when it grows: its other moves are re-evaluated next round). Returns whether any was made."""
        touched: set[int] = set()
        for _, s, n, gid in sorted(moves):
            if gid in touched:
                continue
            self.groups[gid][s].append(n)
            self.partner[s][n] = gid
            touched.add(gid)
        return bool(touched)

    def _placed(self) -> tuple[dict[tuple[int, int], tuple[int, ...]], set[int]]:
        """Where the shared order puts each lone sentence: ``{(side, sentence): bounding group ids}``
        for those in a gap, and the ids of the groups in the order."""
        placed = {}
        for gap_l, gap_r, bounds in self._gaps():
            for n in gap_l:
                placed[(0, n)] = bounds
            for n in gap_r:
                placed[(1, n)] = bounds
        return placed, {span[4] for span in self._run()}

    def _join_gain(
        self, s: int, n: int, gid: int, need: float | None = None, share: float | None = None
    ) -> float | None:
        """Similarity gained by adding sentence ``n`` of side ``s`` to group ``gid``, or None if it may not join
        (it needs ``need`` shared evidence, ``min_evidence`` by default, and ``share`` of its content in
        the group, ``join_containment`` less the relief by default)."""
        mine = self.sides[s]
        members = self.groups[gid]
        if len(members[s]) >= _MAX_GROUP:
            return None
        if need is None:
            need = self.options.min_evidence
        if share is None:
            share = self.options.join_containment - self.relief
        key = (s, n, tuple(members[0]), tuple(members[1]), need, share)
        if key in self._gains:
            return self._gains[key]
        there = self._content(1 - s, members[1 - s])
        content = mine[n].content
        total = sum(self.idf[c] for c in content)
        shared = sum(self.idf[c] for c in content & there)
        gain = None
        if total and shared >= need and shared / total >= share:
            here = sorted(members[s])
            other = self._joined(1 - s, members[1 - s])
            before = self._pair_score(s, here, other)
            after = score(self._joined(s, sorted(here + [n])), other)
            gain = after - before if after > before else None
        self._gains[key] = gain
        return gain

    def _pair_score(self, s: int, ids: list[int], other: Profile) -> float:
        key = (s, tuple(ids), other.text)
        got = self._scores_cache.get(key)
        if got is None:
            got = self._scores_cache[key] = score(self._joined(s, ids), other)
        return got

    def _content(self, s: int, ids: list[int]) -> frozenset[str]:
        side = self.sides[s]
        if len(ids) == 1:
            return side[ids[0]].content
        return frozenset().union(*(side[i].content for i in ids))

    def _joined(self, s: int, ids: list[int]) -> Profile:
        key = (s, tuple(sorted(ids)))
        got = self._joined_cache.get(key)
        if got is None:
            got = self._joined_cache[key] = _joined(self.sides[s], key[1])
        return got


def _idf(postings: tuple[dict[str, list[int]], dict[str, list[int]]], total: int) -> dict[str, float]:
    """Document-pair IDF of content stems: topic words shared by every sentence weigh little.

    Normalized so a stem found in one sentence weighs 1 and one found everywhere about 0.2,
    whatever the article length: "evidence" then reads as a count of rare shared words.
    """
    log, norm = math.log, math.log(1.0 + total) or 1.0
    # A stem is in at most every sentence once: its weight depends only on that count.
    by_count = [0.0] + [log(1.0 + total / count) / norm for count in range(1, total + 1)]
    there, here = postings
    idf = {stem: by_count[len(hits)] for stem, hits in here.items()}
    get = here.get
    for stem, hits in there.items():
        also = get(stem)
        idf[stem] = by_count[len(hits) + len(also)] if also else by_count[len(hits)]
    return idf


def _joined(side: Sequence[Profile], ids: Sequence[int]) -> Profile:
    return joined([side[i] for i in ids])
