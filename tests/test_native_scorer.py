"""The native pair scorer (``articlediff_native.PairScorer``) gives exactly what ``Candidates`` scores in Python."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.align import align
from articlediff.align import candidates as cmod
from articlediff.align.exact import exact_links
from articlediff.align.gaps import grow_in_gaps
from articlediff.align.joins import grow
from articlediff.align.links import Links
from articlediff.options import resolve
from articlediff.prepared import prepare
from articlediff.profile import joined, profile, score

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Keys as the profiles hold them: words, stopwords, numbers, a superscript that is a digit to
# str.isdigit but not to \d, a key with a space (a unit without words keeps its normalized text)
# and the empty key.
_KEYS = ["putin", "trump", "met", "the", "talks", "lasted", "hours", "kyiv", "é", "7", "2026", "1.5", "²", "* *", ""]
sentence = st.lists(st.sampled_from(_KEYS), max_size=9)
side = st.lists(sentence, min_size=1, max_size=7)


def _both(left_keys, right_keys, fusion=0.0, semantic=None):
    """The same candidates scored in Python and by the native scorer, for two sides of key lists."""
    left = [profile(keys) for keys in left_keys]
    right = [profile(keys) for keys in right_keys]
    heads = ([False] * len(left), [False] * len(right))
    exact = exact_links(left, right)
    with kernels.forced("python"):
        python = cmod.candidates_of(left, right, heads, (None, None), exact, 5, 1.0, semantic, fusion)
    with kernels.forced("native"):
        indexes = (cmod.native_index(left), cmod.native_index(right))
        native = cmod.candidates_of(left, right, heads, (None, None), exact, 5, 1.0, semantic, fusion, indexes)
    assert python.scorer is None and native.scorer is not None
    return python, native


@needs_native
@settings(max_examples=300, deadline=None)
@given(side, side, st.data())
def test_native_scores_and_evidence_are_the_references(left_keys, right_keys, data):
    python, native = _both(left_keys, right_keys)
    assert native.scores == python.scores
    assert native.evidence == python.evidence
    assert native.best == python.best
    left, right = python.sides
    for s, side_ in enumerate(python.sides):
        for n in range(len(side_)):
            assert native.weight(s, n) == python.weight(s, n), (s, n)
    for i in range(len(left)):
        for j in range(len(right)):
            assert native.scorer.score(i, j) == score(left[i], right[j]), (i, j)
            assert native.pair_evidence(i, j) == python.pair_evidence(i, j), (i, j)
    lids = data.draw(st.lists(st.integers(0, len(left) - 1), min_size=1, max_size=4, unique=True))
    rids = data.draw(st.lists(st.integers(0, len(right) - 1), min_size=1, max_size=4, unique=True))
    assert native.groups_score(lids, rids) == python.groups_score(lids, rids)
    assert native.groups_score(lids, rids) == score(
        joined([left[i] for i in sorted(lids)]), joined([right[j] for j in sorted(rids)])
    )


@needs_native
@settings(max_examples=600, deadline=None)
@given(side, side, st.data(), st.sampled_from([0.0, 0.5, 1.0, 3.0]))
def test_native_join_gain_is_the_references(left_keys, right_keys, data, fusion):
    python, native = _both(left_keys, right_keys, fusion)
    sizes = (len(left_keys), len(right_keys))
    s = data.draw(st.integers(0, 1))
    if sizes[s] < 2:
        return  # a group holds a sentence on each side, and the joiner is not one of them
    n = data.draw(st.integers(0, sizes[s] - 1))
    here = data.draw(
        st.lists(st.sampled_from([m for m in range(sizes[s]) if m != n]), min_size=1, max_size=4, unique=True)
    )
    there = data.draw(st.lists(st.integers(0, sizes[1 - s] - 1), min_size=1, max_size=4, unique=True))
    members = (here, there) if s == 0 else (there, here)
    need = data.draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 9.0]))  # 9: only a fused clause may join
    share = data.draw(st.sampled_from([0.0, 0.3, 0.5, 0.9]))
    assert native.join_gain(s, n, members, need, share) == python.join_gain(s, n, members, need, share)


@needs_native
@settings(max_examples=400, deadline=None)
@given(side, side, st.data(), st.sampled_from([0.0, 3.0]), st.sampled_from([-1.0, 0.0, 0.3, 2.0]))
def test_native_join_gain_with_embeddings_is_the_references(left_keys, right_keys, data, fusion, evidence):
    """With embeddings, the native scorer decides the lexical part and the cosine vouches where it
    fell short (``Candidates._vouched``): the gains are those of the Python scoring."""
    np = pytest.importorskip("numpy")
    from articlediff.align.semantic import Semantic

    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    vectors = tuple(rng.standard_normal((len(keys), 4)).astype("float32") for keys in (left_keys, right_keys))
    python, native = _both(left_keys, right_keys, fusion, Semantic(vectors, 0, evidence))
    sizes = (len(left_keys), len(right_keys))
    s = data.draw(st.integers(0, 1))
    if sizes[s] < 2:
        return
    n = data.draw(st.integers(0, sizes[s] - 1))
    here = data.draw(
        st.lists(st.sampled_from([m for m in range(sizes[s]) if m != n]), min_size=1, max_size=4, unique=True)
    )
    there = data.draw(st.lists(st.integers(0, sizes[1 - s] - 1), min_size=1, max_size=4, unique=True))
    members = (here, there) if s == 0 else (there, here)
    need = data.draw(st.sampled_from([0.0, 1.0, 9.0]))
    share = data.draw(st.sampled_from([0.0, 0.5, 0.9]))
    assert native.join_gain(s, n, members, need, share) == python.join_gain(s, n, members, need, share)


def _pairs(seeds):
    texts = [seeds[name] for name in sorted(seeds)]
    return [(a, b) for a in texts for b in texts]


@needs_native
def test_alignments_with_the_native_scorer_are_the_references(seeds, monkeypatch):
    """Every ordered seed pair and shuffled, trimmed versions of them, in every preset's aligner:
    the native scorer changes no group, score or best similarity."""
    rng = random.Random(5)
    pairs = _pairs(seeds)
    for a, _ in list(pairs[:5]):
        lines = a.split("\n")
        rng.shuffle(lines)
        pairs.append((a, "\n".join(lines[: len(lines) * 2 // 3])))
    for opts in (resolve("default"), resolve("strict"), resolve("lenient"), resolve("default", fusion_evidence=3.0)):
        for a, b in pairs:
            pa, pb = prepare(a), prepare(b)
            heads = (pa.headings, pb.headings)
            with kernels.forced("native"):
                indexes = (pa.native_index(), pb.native_index())
                native = align(pa.profiles, pb.profiles, opts, heads, (pa.postings, pb.postings), None, indexes)
                monkeypatch.setattr(cmod, "pair_scorer", lambda *args: None)
                python = align(pa.profiles, pb.profiles, opts, heads, (pa.postings, pb.postings), None, indexes)
                monkeypatch.undo()
            assert native == python


@needs_native
def test_the_scorer_checks_its_arguments():
    native = kernels.NATIVE
    left = [profile(["putin", "met", "trump"])]
    bare = native.TextIndex([p.content for p in left])
    with pytest.raises(ValueError, match="keys"):
        native.PairScorer(bare, bare, [0.0, 1.0, 0.5], (1.0, 1.0, 1.0, 1.0, 0.0))
    with pytest.raises(ValueError, match="go together"):
        native.TextIndex([p.content for p in left], [p.keys for p in left], None, [False])
    with kernels.forced("native"):
        index = cmod.native_index(left)
    scorer = native.PairScorer(index, index, [0.0, 1.0, 0.5], (1.0, 1.0, 1.0, 1.0, 0.0))
    with pytest.raises(IndexError, match="sentence 1 of side 1"):
        scorer.score(0, 1)
    with pytest.raises(ValueError, match="both sides"):
        scorer.groups_score([0], [])
    with pytest.raises(ValueError, match="weights"):
        native.PairScorer(index, index, [0.0], (1.0, 1.0, 1.0, 1.0, 0.0))


@needs_native
@settings(max_examples=300, deadline=None)
@given(side, side, st.data(), st.sampled_from([0.0, 1.0, 3.0]))
def test_native_group_passes_are_the_references(left_keys, right_keys, data, fusion):
    """``grow`` (with and without the shared order) and ``grow_in_gaps`` make the same joins."""
    python, native = _both(left_keys, right_keys, fusion)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(left_keys) - 1), st.integers(0, len(right_keys) - 1))))
    used: tuple[set[int], set[int]] = (set(), set())
    start = Links()
    for i, j in pairs:
        if i not in used[0] and j not in used[1]:
            start.link(i, j)
            used[0].add(i)
            used[1].add(j)
    need = data.draw(st.sampled_from([0.0, 0.5, 1.0]))
    share = data.draw(st.sampled_from([0.0, 0.3, 0.6]))
    against = data.draw(st.sampled_from([None, 0.5, 0.9]))
    got = grow(native, start, need=need, share=share, against=against)
    assert got.groups == grow(python, start, need=need, share=share, against=against).groups
    assert got.partner == grow(python, start, need=need, share=share, against=against).partner
    if start.groups:
        assert (
            grow_in_gaps(native, got, need=need, share=share).groups
            == grow_in_gaps(python, got, need=need, share=share).groups
        )


@needs_native
def test_a_tie_between_two_groups_goes_to_the_first():
    """A lone sentence that gains as much in two groups joins the one made first, under both scorers."""
    left_keys = [["talks", "lasted", "three", "hours"], ["putin", "met", "trump"], ["putin", "met", "trump"]]
    right_keys = [["putin", "met", "trump", "talks", "lasted"], ["putin", "met", "trump", "talks", "lasted"]]
    python, native = _both(left_keys, right_keys)
    start = Links.of([(1, 0), (2, 1)])
    for cands in (python, native):
        assert cands.join_gain(0, 0, start.groups[0], 0.5, 0.3) == cands.join_gain(0, 0, start.groups[1], 0.5, 0.3)
        assert grow(cands, start, need=0.5, share=0.3).groups == [([1, 0], [0]), ([2], [1])]
