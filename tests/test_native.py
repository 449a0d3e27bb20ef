"""The native backend gives exactly the pure-Python reference's results (skipped when not built)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels

from .conftest import ROOT

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

tokens = st.lists(st.sampled_from(["a", "b", "c", "d", "the", "Putin", "7", "é", ""]), max_size=40)


@needs_native
@settings(max_examples=400, deadline=None)
@given(tokens, tokens)
def test_native_opcodes_are_difflibs(a, b):
    with kernels.forced("native"):
        native = kernels.opcodes(a, b)
    assert native == kernels.python_opcodes(a, b)


@needs_native
def test_native_opcodes_on_corpus_sentences(seeds):
    words = {name: re.findall(r"\w+|[^\w\s]", text) for name, text in seeds.items()}
    names = sorted(words)
    with kernels.forced("native"):
        for x in names:
            for y in names:
                a, b = words[x], words[y]
                assert kernels.opcodes(a, b) == kernels.python_opcodes(a, b), (x, y)


def _blocking_inputs(left, right):
    """What candidates_of hands to the blocking kernel, for two sides of content-stem sets."""
    from articlediff.align.candidates import _by_count, idf, postings_of
    from articlediff.profile import Profile

    sides = tuple([Profile(tuple(sorted(c)), sorted(c)) for c in side] for side in (left, right))
    index = (postings_of(sides[0]), postings_of(sides[1]))
    by_count = _by_count(len(left) + len(right))
    return sides, index, idf(index, len(left) + len(right), by_count), by_count


stems = st.frozensets(st.sampled_from(["putin", "trump", "kyiv", "oil", "7", "é", "ab", "b", "zz", "q"]), max_size=6)


@needs_native
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(stems, st.booleans()), max_size=14),
    st.lists(st.tuples(stems, st.booleans()), max_size=14),
    st.integers(1, 5),
    st.integers(1, 7),
    st.integers(1, 6),
)
def test_native_blocking_is_the_references(left, right, k, probes, max_postings):
    from articlediff.align import candidates

    sides, index, weights, by_count = _blocking_inputs([c for c, _ in left], [c for c, _ in right])
    skip = ([s for _, s in left], [s for _, s in right])
    old = candidates.PROBES, candidates.MAX_POSTINGS
    candidates.PROBES, candidates.MAX_POSTINGS = probes, max_postings
    try:
        want = candidates.python_propose(sides, index, weights, skip, k)
    finally:
        candidates.PROBES, candidates.MAX_POSTINGS = old
    got = kernels.NATIVE.propose(
        [p.content for p in sides[0]], [p.content for p in sides[1]], by_count, *skip, k, probes, max_postings
    )
    assert got == want
    indexes = [kernels.NATIVE.TextIndex([p.content for p in side]) for side in sides]
    assert kernels.NATIVE.propose_indexed(*indexes, by_count, *skip, k, probes, max_postings) == want


@needs_native
def test_native_blocking_on_corpus_sentences(seeds):
    from articlediff.align import candidates
    from articlediff.prepared import prepare

    prepared = {name: prepare(text) for name, text in seeds.items()}
    for x in sorted(prepared):
        for y in sorted(prepared):
            a, b = prepared[x], prepared[y]
            index = (a.postings, b.postings)
            by_count = candidates._by_count(len(a.profiles) + len(b.profiles))
            weights = candidates.idf(index, len(a.profiles) + len(b.profiles), by_count)
            skip = ([n % 5 == 0 for n in range(len(a.profiles))], [False] * len(b.profiles))
            want = candidates.python_propose((a.profiles, b.profiles), index, weights, skip, 4)
            with kernels.forced("native"):
                got = candidates.propose((a.profiles, b.profiles), index, by_count, skip, 4)
                indexed = candidates.propose(
                    (a.profiles, b.profiles), index, by_count, skip, 4, (a.native_index(), b.native_index())
                )
            assert got == want, (x, y)
            assert indexed == want, (x, y)


@needs_native
def test_a_prepared_text_keeps_its_native_index_but_never_pickles_it():
    import pickle

    from articlediff.prepared import prepare

    text = "Putin met Trump in Alaska. Talks lasted three hours. Oil prices fell."
    with kernels.forced("native"):
        a = prepare(text)
        index = a.native_index()
        assert index is a.native_index() and len(index) == 3
        b = pickle.loads(pickle.dumps(a))
        assert "_native_index" not in b.__dict__ and len(b.native_index()) == 3
    with kernels.forced("python"):
        assert b.native_index() is None


@needs_native
def test_native_blocking_refuses_too_few_weights():
    with pytest.raises(ValueError, match="by_count has 2 weights"):
        kernels.NATIVE.propose([frozenset({"a"})], [frozenset({"a"})], [0.0, 1.0], [False], [False], 3, 6, 32)


@needs_native
def test_comparisons_are_the_same_under_both_backends(seeds):
    names = sorted(seeds)
    for x in names:
        for y in names:
            with kernels.forced("python"):
                pure = articlediff.compare(seeds[x], seeds[y] + "\n\nA line for the python run.").to_dict()
            with kernels.forced("native"):
                native = articlediff.compare(seeds[x], seeds[y] + "\n\nA line for the python run.").to_dict()
            assert pure == native, (x, y)


def test_pure_environment_variable_forces_python():
    env = {**os.environ, "ARTICLEDIFF_PURE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", "import articlediff; print(articlediff.backend)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "python", out.stderr


def test_backend_names_what_runs():
    assert articlediff.backend == ("native" if kernels.NATIVE is not None else "python")
    with pytest.raises(ValueError):
        with kernels.forced("fortran"):
            pass


def test_crate_version_is_the_package_version():
    cargo = (ROOT / "native" / "Cargo.toml").read_text(encoding="utf-8")
    assert re.search(r'^version = "([^"]+)"', cargo, re.M).group(1) == articlediff.__version__
    if kernels.NATIVE is not None:
        assert kernels.NATIVE.__version__ == articlediff.__version__


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("\udce9", "\udce9"),
        ("\udce9 \udcea.", "Hello there. \udce9 \udcea."),
        ("Putin \udce9met Trump. Talks lasted.", "Putin \udce9met Trump. Talks went on."),
        ("A caf\udce9 opened. B c.", "A caf\udce9 opened. B d."),
    ],
)
def test_text_with_lone_surrogates_is_compared_alike_under_both_backends(a, b):
    # surrogateescape decoding leaves them; the kernels read UTF-8, so such text goes to the reference
    with kernels.forced("python"):
        pure = articlediff.compare(a, b).to_dict()
    if kernels.NATIVE is None:
        return
    with kernels.forced("native"):
        assert articlediff.compare(a, b).to_dict() == pure
