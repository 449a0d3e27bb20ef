"""What the alignment passes may ask of a pair of texts, computed once: :class:`Candidates`.

:func:`candidates_of` takes the :class:`~articlediff.profile.Profile` of every sentence of both
sides, which units are headings, each side's inverted index (:func:`postings_of`) and the exact
links, and returns the frozen :class:`Candidates`: the document-pair IDF of content stems, the few
likely counterparts of each sentence (*blocking*: an inverted index over each sentence's rarest
content stems proposes them, so cost grows with article length, not with the square of it), their
calibrated similarity and shared evidence, and every sentence's best similarity. It also scores
any group of sentences the passes build (memoized: groups are scored again as they grow).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..kernels import active
from ..profile import Profile, has_digit, joined, score, score_model
from .links import Links
from .semantic import Semantic

__all__ = [
    "Candidates",
    "MAX_POSTINGS",
    "MOSTLY",
    "PROBES",
    "SHORT_EVIDENCE",
    "candidates_of",
    "native_index",
    "native_scorer",
    "pair_scorer",
    "postings_of",
]

#: Postings longer than this are not scanned when proposing candidates: a stem that common in the
# article pair says little about which sentence matches which, and skipping it keeps cost linear.
MAX_POSTINGS = 32
#: How many of a sentence's rarest content stems probe the index.
PROBES = 6
#: Share of the heavier sentence's (IDF-weighted) content two sentences must share to count as
# "mostly the same words": how headings are linked, and short pairs let through on less evidence.
MOSTLY = 0.5
#: Least shared evidence of a short pair let through on ``MOSTLY`` (a single rare shared word).
SHORT_EVIDENCE = 1.0

Postings = dict[str, list[int]]


def postings_of(profiles: Sequence[Profile]) -> dict[str, list[int]]:
    """One side's half of the aligner's inverted index: which sentences hold each content stem."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(profiles):
        for stem in p.content:
            index[stem].append(n)
    return dict(index)


def _filled(
    sides: tuple[Sequence[Profile], Sequence[Profile]], given: tuple[Postings | None, Postings | None]
) -> tuple[Postings, Postings]:
    """Both sides' :func:`postings_of`: ``given`` where it has them, made here where not."""
    return (
        given[0] if given[0] is not None else postings_of(sides[0]),
        given[1] if given[1] is not None else postings_of(sides[1]),
    )


@dataclass(frozen=True, eq=False)
class Candidates:
    """The likely counterparts of every sentence, scored once, and the texts they were read from.

    Sides are indexed 0 (left) and 1 (right); a pair is ``(left id, right id)``. The mappings are
    never changed after :func:`candidates_of` built them. The ``_memo`` fields only cache the pure
    scoring methods below.
    """

    #: each side's sentence profiles
    sides: tuple[Sequence[Profile], Sequence[Profile]]
    #: for each side, which units are headings (headlines, subheads, bylines)
    headings: tuple[Sequence[bool], Sequence[bool]]
    #: each side's inverted index (see :func:`postings_of`) when the caller had it, else None
    postings: tuple[Postings | None, Postings | None]
    #: :func:`idf`'s weight of a stem by the number of sentences of both sides holding it (see :func:`_by_count`)
    by_count: Sequence[float]
    #: calibrated similarity of every candidate pair, in the order the pairs were scored
    scores: Mapping[tuple[int, int], float]
    #: shared evidence (summed IDF of shared content stems) of every candidate pair; a short pair counts as
    #: just enough (``min_evidence``)
    evidence: Mapping[tuple[int, int], float]
    #: pairs of short sentences let through on less evidence, because most of their words are shared
    short: frozenset[tuple[int, int]]
    #: for each side, every sentence's best similarity to any counterpart (1.0 for an exact match)
    best: tuple[tuple[float, ...], tuple[float, ...]]
    #: shared evidence a link needs (``min_evidence``)
    need: float = 0.0
    #: least shared evidence for a lone sentence to join a group as a fused clause (``fusion_evidence``; 0: off)
    fusion: float = 0.0
    #: sentence-embedding evidence (the ``semantic`` preset), or None for lexical evidence only
    semantic: Semantic | None = None
    #: with ``semantic``: the candidates lexical evidence alone gives (what the default preset sees),
    #: on which whether the texts are versions of one story is judged
    lexical: Candidates | None = None
    #: the native kernel's scorer of this pair of texts (``articlediff_native.PairScorer``: the
    #: scoring methods below without embeddings, same results), or None to score in Python
    scorer: Any = None
    _joined_memo: dict[tuple[int, tuple[int, ...]], Profile] = field(default_factory=dict, init=False, repr=False)
    _score_memo: dict[tuple[int, tuple[int, ...], str], float] = field(default_factory=dict, init=False, repr=False)
    _gain_memo: dict[tuple, float | None] = field(default_factory=dict, init=False, repr=False)

    @functools.cached_property
    def idf(self) -> dict[str, float]:
        """Document-pair IDF of every content stem (see :func:`idf`), made when first asked for: the
        native scorer weighs the stems itself."""
        return idf(_filled(self.sides, self.postings), len(self.by_count) - 1, list(self.by_count))

    def joined(self, s: int, ids: Sequence[int]) -> Profile:
        """The profile of sentences ``ids`` of side ``s`` read as one, in reading order."""
        key = (s, tuple(sorted(ids)))
        got = self._joined_memo.get(key)
        if got is None:
            side = self.sides[s]
            got = self._joined_memo[key] = joined([side[i] for i in key[1]])
        return got

    def content(self, s: int, ids: Sequence[int]) -> frozenset[str]:
        """The content stems of sentences ``ids`` of side ``s``."""
        side = self.sides[s]
        if len(ids) == 1:
            return side[ids[0]].content
        return frozenset().union(*(side[i].content for i in ids))

    def pair_score(self, i: int, j: int) -> float:
        """The similarity of left sentence ``i`` and right sentence ``j``, scored now if not a candidate."""
        got = self.scores.get((i, j))
        if got is None:
            got = self.scorer.score(i, j) if self.scorer is not None else score(self.sides[0][i], self.sides[1][j])
        return got

    def weight(self, s: int, n: int) -> float:
        """The summed IDF of the content stems of sentence ``n`` of side ``s``."""
        if self.scorer is not None:
            return float(self.scorer.weight(s, n))
        idf = self.idf
        return math.fsum([idf[c] for c in self.sides[s][n].content])

    def pair_evidence(self, i: int, j: int) -> float:
        """Shared evidence of left sentence ``i`` and right sentence ``j``: their summed shared IDF, or
        ``need`` where the embeddings vouch for them (see :class:`~articlediff.align.semantic.Semantic`)."""
        if self.scorer is not None:
            got = self.scorer.evidence(i, j)
        else:
            idf = self.idf
            got = math.fsum([idf[c] for c in self.sides[0][i].content & self.sides[1][j].content])
        sem = self.semantic
        if sem is not None and got < self.need and sem.cosine(i, j) >= sem.evidence:
            got = self.need
        return got

    def groups_score(self, lids: Sequence[int], rids: Sequence[int]) -> float:
        """Similarity of left sentences ``lids`` and right sentences ``rids``, each side read as one."""
        if self.scorer is not None:
            return float(self.scorer.groups_score(lids, rids))
        return score(self.joined(0, lids), self.joined(1, rids))

    def group_score(self, s: int, ids: list[int], other: Profile) -> float:
        """Similarity of sentences ``ids`` (sorted) of side ``s``, read as one, to ``other``."""
        key = (s, tuple(ids), other.text)
        got = self._score_memo.get(key)
        if got is None:
            got = self._score_memo[key] = score(self.joined(s, ids), other)
        return got

    def join_gain(
        self, s: int, n: int, members: tuple[list[int], list[int]], need: float, share: float
    ) -> float | None:
        """Similarity a group of ``members`` gains when sentence ``n`` of side ``s`` joins it, or None.

        None when the sentence has less than ``need`` shared evidence with the other side of the
        group, or less than ``share`` of its (IDF-weighted) content there, or the score would not rise.
        Two exceptions let it join anyway: with ``fusion`` set, a *fused clause*, sharing that much rare
        content with what the other side says beyond this side's members (a copy sentence that fuses
        clauses of three or four sentences carries only part of each); with embeddings, a sentence
        whose cosine with the other side reaches their ``evidence``.
        """
        key = (s, n, tuple(members[0]), tuple(members[1]), need, share)
        memo = self._gain_memo
        if key in memo:
            return memo[key]
        sem = self.semantic
        if self.scorer is not None:
            got = self.scorer.join_gain(s, n, members[0], members[1], need, share, self.fusion)
            # The embeddings are asked only where the lexical evidence fell short, as below: a
            # sentence they vouch for gains what it would with enough shared content.
            if got is None and sem is not None and self.sides[s][n].content and self._vouched(s, n, members):
                got = self.scorer.join_gain(s, n, members[0], members[1], need, share, self.fusion, True)
            memo[key] = got
            return got
        there = self.content(1 - s, members[1 - s])
        content = self.sides[s][n].content
        idf = self.idf
        total = math.fsum([idf[c] for c in content])
        shared = math.fsum([idf[c] for c in content & there])
        gain = None
        ok = total and shared >= need and shared / total >= share
        if not ok and total and self.fusion:
            # a fused clause: the sentence shares enough rare content with what the group's other side
            # says beyond this side's members (a copy sentence that fuses clauses of several)
            rest = there - self.content(s, members[s])
            ok = math.fsum([idf[c] for c in content & rest]) >= self.fusion
        if not ok and sem is not None and total:
            # the embeddings may vouch for a sentence that shares too few rare words with the group
            ok = self._vouched(s, n, members)
        if ok:
            here = sorted(members[s])
            other = self.joined(1 - s, members[1 - s])
            before = self.group_score(s, here, other)
            after = score(self.joined(s, sorted(here + [n])), other)
            gain = after - before if after > before else None
        memo[key] = gain
        return gain

    def _vouched(self, s: int, n: int, members: tuple[list[int], list[int]]) -> bool:
        """Whether the embeddings vouch for sentence ``n`` of side ``s`` joining ``members``: its
        cosine with the group's other side, read as one, reaches their ``evidence``."""
        sem = self.semantic
        assert sem is not None
        there_ids = sorted(members[1 - s])
        cos = sem.group_cosine([n], there_ids) if s == 0 else sem.group_cosine(there_ids, [n])
        return cos >= sem.evidence


def _by_count(total: int) -> list[float]:
    """:func:`idf`'s weight of a stem found in ``count`` of ``total`` sentences, for every count."""
    log, norm = math.log, math.log(1.0 + total) or 1.0
    return [0.0] + [log(1.0 + total / count) / norm for count in range(1, total + 1)]


def idf(postings: tuple[Postings, Postings], total: int, by_count: list[float] | None = None) -> dict[str, float]:
    """Document-pair IDF of content stems: topic words shared by every sentence weigh little.

    Normalized so a stem found in one sentence weighs 1 and one found everywhere about 0.2,
    whatever the article length: "evidence" then reads as a count of rare shared words.
    ``by_count`` is :func:`_by_count` of ``total`` when the caller has it already.
    """
    # A stem is in at most every sentence once: its weight depends only on that count.
    if by_count is None:
        by_count = _by_count(total)
    there, here = postings
    weights = {stem: by_count[len(hits)] for stem, hits in here.items()}
    get = here.get
    for stem, hits in there.items():
        also = get(stem)
        weights[stem] = by_count[len(hits) + len(also)] if also else by_count[len(hits)]
    return weights


Row = tuple[int, int, float, float, float]


def rows_of(
    sides: tuple[Sequence[Profile], Sequence[Profile]], weights: Mapping[str, float], pairs: Iterable[tuple[int, int]]
) -> list[Row]:
    """Each pair ``(i, j)`` as ``(i, j, shared, mass_i, mass_j)``: the summed weight of the stems the
    two sentences share, and of each one's stems (exactly rounded sums: the order of a set never
    matters, so both backends give the same floats)."""
    left, right = sides
    weigh, fsum = weights.__getitem__, math.fsum
    mass: tuple[dict[int, float], dict[int, float]] = ({}, {})
    out = []
    for i, j in pairs:
        a, b = left[i].content, right[j].content
        mi = mass[0].get(i)
        if mi is None:
            mi = mass[0][i] = fsum(map(weigh, a))
        mj = mass[1].get(j)
        if mj is None:
            mj = mass[1][j] = fsum(map(weigh, b))
        out.append((i, j, fsum(map(weigh, a & b)), mi, mj))
    return out


def python_propose(
    sides: tuple[Sequence[Profile], Sequence[Profile]],
    index: tuple[Postings, Postings],
    weights: Mapping[str, float],
    skip: tuple[Sequence[bool], Sequence[bool]],
    k: int,
) -> list[Row]:
    """The reference of *blocking*: each sentence's ``k`` likely counterparts, as sorted :data:`Row` s.

    Each sentence not in ``skip`` probes the other side's postings with its :data:`PROBES` rarest
    stems found there (rarest: fewest sentences of both sides; ties by spelling, so the order never
    depends on hashing), skipping postings longer than :data:`MAX_POSTINGS`; a counterpart gains
    the weight of every probe that finds it, and the ``k`` heaviest are proposed (ties in order of
    discovery, which only depends on the texts). The native kernel gives the same rows.
    """
    left, right = sides
    both = sorted([(len(index[0][s]) + len(index[1][s]), s) for s in index[0].keys() & index[1]])
    rank = {stem: n for n, (_, stem) in enumerate(both)}
    by_rank = rank.__getitem__
    proposed: set[tuple[int, int]] = set()
    for side, (mine, theirs) in enumerate(((left, index[1]), (right, index[0]))):
        done = skip[side]
        for n, p in enumerate(mine):
            if done[n]:
                continue  # an exact match needs no candidates
            # Probe with the rarest stems the other side has at all (others would find nothing).
            common = theirs.keys() & p.content
            if not common:
                continue
            weight: dict[int, float] = {}
            for stem in sorted(common, key=by_rank)[:PROBES]:
                hits = theirs[stem]
                if len(hits) <= MAX_POSTINGS:
                    w = weights[stem]
                    for m in hits:
                        weight[m] = weight.get(m, 0.0) + w
            found = sorted(weight, key=weight.__getitem__, reverse=True)[:k]
            proposed.update([(n, m) for m in found] if side == 0 else [(m, n) for m in found])
    return rows_of(sides, weights, sorted(proposed))


def propose(
    sides: tuple[Sequence[Profile], Sequence[Profile]],
    postings: tuple[Postings | None, Postings | None],
    by_count: list[float],
    skip: tuple[Sequence[bool], Sequence[bool]],
    k: int,
    indexes: tuple[Any, Any] = (None, None),
) -> list[Row]:
    """:func:`python_propose` by the active backend (see :mod:`articlediff.kernels`), each stem
    weighed by ``by_count`` (:func:`idf`'s weight by sentence count, see :func:`_by_count`); the native
    kernel reads each side's stems from its ``indexes`` entry when given (a ``TextIndex``, built once
    per text)."""
    native = active()
    if native is None:
        index = _filled(sides, postings)
        return python_propose(sides, index, idf(index, len(by_count) - 1, by_count), skip, k)
    if indexes[0] is not None and indexes[1] is not None:
        return native.propose_indexed(indexes[0], indexes[1], by_count, skip[0], skip[1], k, PROBES, MAX_POSTINGS)
    try:
        return native.propose(
            [p.content for p in sides[0]],
            [p.content for p in sides[1]],
            by_count,
            skip[0],
            skip[1],
            k,
            PROBES,
            MAX_POSTINGS,
        )
    except UnicodeEncodeError:  # a stem with a lone surrogate has no UTF-8 form for the kernel
        index = _filled(sides, postings)
        return python_propose(sides, index, idf(index, len(by_count) - 1, by_count), skip, k)


def native_index(profiles: Sequence[Profile]) -> Any | None:
    """A text's half of the native index (``articlediff_native.TextIndex``) with what the native
    scorer reads of its sentences (word keys, number keys), or None under the pure-Python backend.
    The text must have a UTF-8 form (see :func:`articlediff.kernels.encodable`)."""
    native = active()
    if native is None:
        return None
    digits = [_digits(p.text, p.keys) for p in profiles]
    return native.TextIndex(
        [p.content for p in profiles], [p.keys for p in profiles], [d for d, _ in digits], [h for _, h in digits]
    )


_NO_KEYS: list[str] = []


def _digits(text: str, keys: tuple[str, ...]) -> tuple[list[str], bool]:
    """The keys whose first character is a digit (``str.isdigit``), and whether ``text`` holds a
    digit (``\\d``, as :attr:`Profile.numbers` asks); ASCII text without a digit has neither."""
    has = bool(has_digit(text))
    if not has and text.isascii():
        return _NO_KEYS, False
    return [k for k in keys if k[:1].isdigit()], has


def pair_scorer(indexes: tuple[Any, Any], by_count: list[float]) -> Any | None:
    """The native scorer of two texts (``articlediff_native.PairScorer``, see :attr:`Candidates.scorer`)
    when the native backend runs and both indexes are given (:func:`native_index`), else None."""
    native = active()
    if native is None or indexes[0] is None or indexes[1] is None:
        return None
    weights, bias = score_model()
    return native.PairScorer(indexes[0], indexes[1], by_count, (*weights, bias))


def native_scorer(total: int, indexes: tuple[Any, Any]) -> Any | None:
    """:func:`pair_scorer` of two texts of ``total`` sentences between them, weighing stems as
    :func:`candidates_of` does, or None (see :func:`pair_scorer`)."""
    return pair_scorer(indexes, _by_count(total))


def candidates_of(
    left: Sequence[Profile],
    right: Sequence[Profile],
    headings: tuple[Sequence[bool], Sequence[bool]],
    postings: tuple[Postings | None, Postings | None],
    exact: Links,
    k: int,
    need: float,
    semantic: Semantic | None = None,
    fusion: float = 0.0,
    indexes: tuple[Any, Any] = (None, None),
) -> Candidates:
    """Propose and score a few likely counterparts per sentence.

    Args:
        left, right: the sentence profiles of each side.
        headings: which units of each side are headings; a heading is only a candidate of a heading,
            and only when most of their words are the same.
        postings: either side's :func:`postings_of`, or None to build it here (a text aligned with
            many others builds it once).
        exact: the exact links (see :func:`articlediff.align.exact.exact_links`): an exact match
            needs no candidates and has best similarity 1.0.
        k: most candidates each sentence proposes (``Options.candidates``).
        need: shared evidence a candidate needs (``min_evidence``); pairs of short sentences that
            mostly consist of shared words pass on less and are marked ``short``.
        semantic: sentence-embedding evidence (see :mod:`~articlediff.align.semantic`): embedding
            neighbours join the candidates and a pair whose cosine reaches ``semantic.evidence`` counts
            as having ``need`` shared evidence (pairs are still scored lexically); the lexical-only
            candidates are kept as :attr:`Candidates.lexical`.
        fusion: ``Options.fusion_evidence`` (see :meth:`Candidates.join_gain`); 0 turns fused-clause joins off.
        indexes: either side's native blocking index (see :func:`propose`), or None.
    """
    sides = (left, right)
    total = len(left) + len(right)
    by_count = _by_count(total)
    best = ([0.0] * len(left), [0.0] * len(right))
    for s in (0, 1):
        for n in exact.partner[s]:
            best[s][n] = 1.0
    skip = ([b == 1.0 for b in best[0]], [b == 1.0 for b in best[1]])
    rows = propose(sides, postings, by_count, skip, k, indexes)
    scorer = pair_scorer(indexes, by_count)
    lexical_only = {(i, j) for i, j, *_ in rows}
    if semantic is not None:
        extra = semantic.nearest(skip) - lexical_only
        if extra:
            rows = sorted(rows + rows_of(sides, idf(_filled(sides, postings), total, by_count), extra))
    lex_scores: dict[tuple[int, int], float] = {}
    lex_short: set[tuple[int, int]] = set()
    lex_best = ([*best[0]], [*best[1]])
    scores: dict[tuple[int, int], float] = {}
    evidence: dict[tuple[int, int], float] = {}
    short: set[tuple[int, int]] = set()  # pairs of short sentences let through with less evidence
    vouched: set[tuple[int, int]] = set()  # pairs the embeddings let through with less evidence
    kept: list[tuple[int, int, float]] = []  # (i, j, shared) of the pairs worth scoring
    for i, j, shared, mass_i, mass_j in rows:
        head = headings[0][i]
        if head != headings[1][j]:
            continue  # a heading and a sentence
        if head and shared < MOSTLY * max(mass_i, mass_j):
            continue  # headings are linked only when most of their words are the same
        lexical = shared >= need or (shared >= SHORT_EVIDENCE and shared >= MOSTLY * max(mass_i, mass_j))
        if semantic is None:
            if not lexical:
                continue  # too little in common to ever be linked: not worth scoring
            if shared < need:  # short sentences that mostly consist of shared words count as enough
                short.add((i, j))
        else:
            if lexical and (i, j) in lexical_only:  # what the default preset would see
                lex_scores[(i, j)] = -1.0  # scored below
                if shared < need:
                    lex_short.add((i, j))
            if shared < need and semantic.cosine(i, j) >= semantic.evidence:
                vouched.add((i, j))  # the embeddings vouch for a pair that shares few rare words
            elif not lexical:
                continue
            elif shared < need:
                short.add((i, j))
        kept.append((i, j, shared))
    if scorer is not None:
        sims = scorer.scores([(i, j) for i, j, _ in kept])
    else:
        sims = [score(left[i], right[j]) for i, j, _ in kept]
    best_l, best_r = best
    for (i, j, shared), sim in zip(kept, sims, strict=True):
        scores[(i, j)] = sim
        evidence[(i, j)] = shared
        if sim > best_l[i]:
            best_l[i] = sim
        if sim > best_r[j]:
            best_r[j] = sim
        if (i, j) in lex_scores:
            lex_scores[(i, j)] = sim
            lex_best[0][i], lex_best[1][j] = max(lex_best[0][i], sim), max(lex_best[1][j], sim)
    # What lexical evidence alone gives (the default preset's view), its short pairs raised as below.
    lex_evidence = {ij: max(evidence[ij], need) if ij in lex_short else evidence[ij] for ij in lex_scores}
    # Shared evidence as the link passes read it: a short pair counts as just enough.
    for ij in short | vouched:
        evidence[ij] = max(evidence[ij], need)
    out = Candidates(
        scorer=scorer,
        sides=sides,
        headings=headings,
        postings=postings,
        by_count=by_count,
        scores=scores,
        evidence=evidence,
        short=frozenset(short),
        best=(tuple(best_l), tuple(best_r)),
        need=need,
        fusion=fusion,
        semantic=semantic,
    )
    if semantic is None:
        return out
    lexical_view = dataclasses.replace(
        out,
        scores=lex_scores,
        evidence=lex_evidence,
        short=frozenset(lex_short),
        best=(tuple(lex_best[0]), tuple(lex_best[1])),
        fusion=0.0,
        semantic=None,
    )
    return dataclasses.replace(out, lexical=lexical_view)
