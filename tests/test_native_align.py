"""The whole lexical alignment in one native call (``PairScorer.align``) gives exactly what the Python passes give.

Each alignment is made three ways: by the kernel (the default under the native backend), by the
Python passes on the native scorer (``lexical.native_align`` off) and by the Python passes on the
Python scorer (``candidates.pair_scorer`` off, which turns both native paths off): the whole
``Alignment`` (groups, their scores, every best similarity, the story verdict) must be equal.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff.align as amod
from articlediff import kernels
from articlediff.align import align, lexical
from articlediff.align import candidates as cmod
from articlediff.options import resolve
from articlediff.prepared import prepare
from articlediff.profile import profile

from .conftest import SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

PRESETS = [
    resolve("default"),
    resolve("strict"),
    resolve("lenient"),
    resolve("default", fusion_evidence=3.0),
]

# Keys as the profiles hold them: content words (a small vocabulary, so sentences repeat and share),
# stopwords, numbers, a superscript that is a digit to str.isdigit but not to \d, a non-ASCII word,
# a key with a space (a unit without words keeps its normalized text) and the empty key.
_WORDS = ["putin", "trump", "met", "alaska", "talks", "lasted", "hours", "kyiv", "oil", "price", "fell", "summit"]
_OTHER = ["the", "a", "of", "said", "7", "2026", "1.5", "²", "é", "* *", ""]
sentence = st.lists(st.sampled_from(_WORDS + _WORDS + _OTHER), max_size=8)


@st.composite
def sides(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]], list[bool], list[bool]]:
    """Two sides of key lists: unrelated, or the right a copy of the left that keeps, edits,
    splits, merges, drops, adds and moves sentences; a few units marked headings."""
    left = draw(st.lists(sentence, min_size=1, max_size=12))
    if draw(st.integers(0, 3)) == 0:
        right = draw(st.lists(sentence, min_size=1, max_size=12))
    else:
        right = []
        for n, keys in enumerate(left):
            op = draw(st.sampled_from(["keep", "keep", "keep", "edit", "split", "merge", "drop", "add"]))
            if op == "keep":
                right.append(list(keys))
            elif op == "edit":
                edited = list(keys)
                for _ in range(draw(st.integers(1, 3))):
                    word = draw(st.sampled_from(_WORDS + _OTHER))
                    at = draw(st.integers(0, len(edited)))
                    if edited and draw(st.booleans()):
                        edited[min(at, len(edited) - 1)] = word
                    else:
                        edited.insert(at, word)
                right.append(edited)
            elif op == "split":
                cut = draw(st.integers(0, len(keys)))
                right += [list(keys[:cut]), list(keys[cut:])]
            elif op == "merge" and n + 1 < len(left):
                right.append(list(keys) + list(left[n + 1]))
            elif op == "add":
                right += [list(keys), draw(sentence)]
        if not right:
            right = [draw(sentence)]
        for _ in range(draw(st.integers(0, 2))):  # moves
            a, b = draw(st.integers(0, len(right) - 1)), draw(st.integers(0, len(right) - 1))
            right.insert(b, right.pop(a))
    marks = st.sampled_from([False, False, False, False, True])
    heads_l = draw(st.lists(marks, min_size=len(left), max_size=len(left)))
    heads_r = draw(st.lists(marks, min_size=len(right), max_size=len(right)))
    return left, right, heads_l, heads_r


_RARE = [f"r{n}" for n in range(30)]
_ANCHORS = [
    ["putin", "met", "trump", "in", "alaska", "on", "friday"],
    ["talks", "lasted", "three", "hours", "in", "the", "capital"],
    ["oil", "price", "fell", "7", "per", "cent"],
    ["kyiv", "said", "the", "summit", "failed"],
    ["markets", "rose", "after", "the", "news"],
    ["a", "ceasefire", "began", "in", "2026"],
]


@st.composite
def tied(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    """Sides where ties decide: identical anchors between rewrites of rare words that repeat on
    either side (equal similarities, so the passes' tie rules choose the pairs)."""
    left: list[list[str]] = []
    right: list[list[str]] = []
    anchors = iter(_ANCHORS)
    for _ in range(draw(st.integers(2, 6))):
        anchor = next(anchors) if draw(st.booleans()) else None
        if anchor is not None:
            left.append(anchor)
            right.append(anchor)
            continue
        shared = draw(st.lists(st.sampled_from(_RARE), min_size=1, max_size=5))
        p = draw(st.permutations(shared + draw(st.lists(st.sampled_from(_RARE), max_size=10))))
        q = draw(st.permutations(shared + draw(st.lists(st.sampled_from(_RARE), max_size=10))))
        left += [list(p)] * draw(st.integers(1, 2))
        right += [list(q)] * draw(st.integers(1, 2))
    return left, right


@st.composite
def crossed(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    """Two rewrites that swap places between identical anchors, each the other with its words
    renamed (so both pairs are exactly as similar): which one the gap's programme pairs is its tie rule."""
    n = draw(st.integers(2, 7))
    base = [f"a{k}" for k in range(n)]
    edited = draw(st.permutations([w if draw(st.booleans()) else f"b{k}" for k, w in enumerate(base)]))
    renamed = {**{f"a{k}": f"c{k}" for k in range(n)}, **{f"b{k}": f"d{k}" for k in range(n)}}
    p, p2 = base, list(edited)
    q, q2 = [renamed[w] for w in p], [renamed[w] for w in p2]
    a, b = _ANCHORS[0], _ANCHORS[1]
    return [a, p, q, b], [a, q2, p2, b]


def _three(left, right, opts, heads, postings, monkeypatch, vecs=None):
    """The alignment by the kernel, by the Python passes on the native scorer, and in pure Python
    (``vecs``: both sides' sentence vectors, or None)."""
    with kernels.forced("native"):
        indexes = (cmod.native_index(left), cmod.native_index(right))
        whole = align(left, right, opts, heads, postings, vecs, indexes)
        monkeypatch.setattr(amod, "native_align", lambda *args: None)
        passes = align(left, right, opts, heads, postings, vecs, indexes)
        monkeypatch.setattr(cmod, "pair_scorer", lambda *args: None)
        python = align(left, right, opts, heads, postings, vecs, indexes)
        monkeypatch.undo()
    return whole, passes, python


@needs_native
@settings(max_examples=400, deadline=None)
@given(sides(), st.sampled_from(PRESETS))
def test_native_alignment_is_the_passes(drawn, opts):
    left_keys, right_keys, heads_l, heads_r = drawn
    left = [profile(keys) for keys in left_keys]
    right = [profile(keys) for keys in right_keys]
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole, passes, python = _three(left, right, opts, (heads_l, heads_r), None, monkeypatch)
    assert whole == passes
    assert whole == python


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.one_of(tied(), crossed()), st.sampled_from(PRESETS))
def test_ties_are_broken_as_the_passes_break_them(drawn, opts):
    left_keys, right_keys = drawn
    left = [profile(keys) for keys in left_keys]
    right = [profile(keys) for keys in right_keys]
    heads = ([False] * len(left), [False] * len(right))
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole, passes, python = _three(left, right, opts, heads, None, monkeypatch)
    assert whole == passes
    assert whole == python


def test_a_tie_in_context_goes_to_the_earlier_pair(monkeypatch):
    """Two rewrites of one sentence (the right one repeated) between identical sentences: both
    pairs are next to an aligned one and equally similar, below the mutual threshold; the pass in
    context takes the earlier (found by mutating the reference's heap order to the later)."""
    anchors = _ANCHORS[:2]
    p = "w16 w14 w30 w50 w21 w58 w45 w1 w39 w15 w16 w42".split()
    q = "w50 w25 w17 w16 w12 w30 w50 w48 w20 w27 w15 w4".split()
    left = [profile(k) for k in (anchors[0], p, anchors[1])]
    right = [profile(k) for k in (anchors[0], q, q, anchors[1])]
    heads = ([False] * 3, [False] * 4)
    with kernels.forced("python"):
        python = align(left, right, resolve("strict"), heads)
    assert [(g.left, g.right) for g in python.groups][:2] == [((0,), (0,)), ((1,), (1,))]
    if kernels.NATIVE is not None:
        whole, passes, _ = _three(left, right, resolve("strict"), heads, None, monkeypatch)
        assert whole == passes == python


def _prepared_pairs(texts: list[str]) -> list[tuple[object, object]]:
    prepared = [prepare(t) for t in texts]
    return [(a, b) for a in prepared for b in prepared]


def _check_prepared(pairs, monkeypatch) -> int:
    runs = 0
    for opts in PRESETS:
        for pa, pb in pairs:
            heads, postings = (pa.headings, pb.headings), (pa.postings, pb.postings)
            whole, passes, python = _three(pa.profiles, pb.profiles, opts, heads, postings, monkeypatch)
            assert whole == passes, (opts.preset, len(pa.profiles), len(pb.profiles))
            assert whole == python
            runs += 1
    return runs


@needs_native
def test_seed_alignments_are_the_passes(seeds, monkeypatch):
    """Every ordered seed pair and shuffled, trimmed versions of a few, in every preset's aligner."""
    rng = random.Random(7)
    texts = [seeds[name] for name in sorted(seeds)]
    pairs = _prepared_pairs(texts)
    for text in texts[:3]:
        lines = text.split("\n")
        rng.shuffle(lines)
        pairs.append((prepare(text), prepare("\n".join(lines[: len(lines) * 2 // 3]))))
    assert _check_prepared(pairs, monkeypatch) == len(PRESETS) * (len(texts) ** 2 + 3)


ONESTOP = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"


@needs_native
@pytest.mark.skipif(not ONESTOP.is_dir(), reason="the shared data folder (../shared/data) is absent")
def test_onestopenglish_alignments_are_the_passes(monkeypatch):
    """Each of 12 titles' advanced version against its elementary and intermediate versions (in
    both orders) and against another title's advanced version."""
    import articlediff

    titles = sorted(p.name.rsplit("-", 1)[0] for p in (ONESTOP / "Adv-Txt").glob("*.txt"))[::16]
    assert len(titles) >= 10
    level = {
        name: {t: articlediff.load(ONESTOP / f"{name}-Txt" / f"{t}-{name.lower()}.txt") for t in titles}
        for name in ("Adv", "Ele", "Int")
    }
    pairs = []
    for n, t in enumerate(titles):
        adv, ele, int_ = prepare(level["Adv"][t]), prepare(level["Ele"][t]), prepare(level["Int"][t])
        other = prepare(level["Adv"][titles[(n + 1) % len(titles)]])
        pairs += [(adv, ele), (ele, adv), (adv, int_), (int_, ele), (adv, other)]
    _check_prepared(pairs, monkeypatch)


def dispatches(monkeypatch):
    """Two prepared texts, and the list to which every dispatch to the kernel from now on adds
    whether the kernel aligned (True) or left the passes to Python (False)."""
    a = prepare("Putin met Trump in Alaska on Friday. Talks lasted three hours.")
    b = prepare("Talks lasted three hours. Putin and Trump met in Alaska on Friday.")
    calls = []
    real = lexical.native_align

    def spy(*args):
        got = real(*args)
        calls.append(got is not None)
        return got

    monkeypatch.setattr(amod, "native_align", spy)
    return a, b, calls


@needs_native
def test_the_kernel_runs_when_both_indexes_are_given(monkeypatch):
    """The dispatch: the kernel aligns when both native indexes are given; without an index, or
    under the pure-Python backend, the passes run in Python (with vectors: test_native_semantic_align)."""
    a, b, calls = dispatches(monkeypatch)
    opts = resolve("default")
    with kernels.forced("native"):
        indexes = (a.native_index(), b.native_index())
        align(a.profiles, b.profiles, opts, None, None, None, indexes)
        align(a.profiles, b.profiles, opts, None, None, None, (indexes[0], None))
    with kernels.forced("python"):
        align(a.profiles, b.profiles, opts)
    assert calls == [True, False, False]


@needs_native
def test_the_kernel_checks_its_headings():
    a = prepare("Putin met Trump in Alaska on Friday. Talks lasted three hours.")
    with kernels.forced("native"):
        scorer = cmod.native_scorer(4, (a.native_index(), a.native_index()))
    with pytest.raises(ValueError, match="headings"):
        scorer.align([False], [False, False], lexical.settings(resolve("default")))
    with pytest.raises(KeyError):
        scorer.align([False, False], [False, False], {"candidates": 4})
