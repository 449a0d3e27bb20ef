"""The alignment with sentence-embedding evidence (the ``semantic`` preset) in one native call
gives exactly what the Python passes give.

As in ``test_native_align.py``, each alignment is made three ways (the kernel, the Python passes on
the native scorer, the Python passes on the Python scorer), here with both sides' vectors: on
generated profiles with generated vectors (cosines spread across the evidence thresholds, zero
rows included) and on the seeds with WordLlama's own vectors.
"""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff.align as amod
from articlediff import kernels
from articlediff.align import align
from articlediff.align import candidates as cmod
from articlediff.options import resolve
from articlediff.prepared import prepare
from articlediff.profile import profile

from .test_native_align import _three, dispatches, sides

np = pytest.importorskip("numpy")
needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

SEMANTIC = [
    resolve("semantic"),
    resolve("semantic", embedding_evidence=0.5),
    resolve("semantic", embedding_evidence=0.2, fusion_evidence=0.0),
    resolve("default", embedder="wordllama", embedding_evidence=0.9),
]


def _vectors(seed: int, n: int, dim: int = 8) -> np.ndarray:
    """``n`` L2-normalised float32 rows drawn around a few shared directions, some rows zero."""
    rng = np.random.default_rng(seed)
    bases = rng.standard_normal((3, dim))
    rows = bases[rng.integers(0, 3, n)] * rng.uniform(0.0, 3.0, (n, 1)) + rng.standard_normal((n, dim))
    rows[rng.random(n) < 0.1] = 0.0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.where(norms > 0, rows / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


@needs_native
@settings(max_examples=400, deadline=None)
@given(sides(), st.integers(0, 2**32 - 1), st.sampled_from(SEMANTIC))
def test_native_semantic_alignment_is_the_passes(drawn, seed, opts):
    left_keys, right_keys, heads_l, heads_r = drawn
    left = [profile(keys) for keys in left_keys]
    right = [profile(keys) for keys in right_keys]
    vecs = (_vectors(seed, len(left)), _vectors(seed + 1, len(right)))
    with pytest.MonkeyPatch.context() as monkeypatch:
        whole, passes, python = _three(left, right, opts, (heads_l, heads_r), None, monkeypatch, vecs)
    assert whole == passes
    assert whole == python


@needs_native
@pytest.mark.skipif(importlib.util.find_spec("wordllama") is None, reason="WordLlama is not installed")
def test_seed_semantic_alignments_are_the_passes(seeds, monkeypatch):
    """Every ordered seed pair with WordLlama's vectors, at the preset's evidence and at looser ones."""
    from articlediff.embed import wordllama

    model = wordllama()
    prepared = [prepare(seeds[name]) for name in sorted(seeds)]
    runs = 0
    for opts in SEMANTIC:
        for pa in prepared:
            for pb in prepared:
                heads, postings = (pa.headings, pb.headings), (pa.postings, pb.postings)
                vecs = (pa.vectors(model), pb.vectors(model))
                whole, passes, python = _three(pa.profiles, pb.profiles, opts, heads, postings, monkeypatch, vecs)
                assert whole == passes, (opts.embedding_evidence, len(pa.profiles), len(pb.profiles))
                assert whole == python
                runs += 1
    assert runs == len(SEMANTIC) * len(prepared) ** 2


@needs_native
def test_the_kernel_leaves_embedding_neighbours_to_the_passes(monkeypatch):
    """With vectors the kernel aligns, unless embedding neighbours are asked for (it proposes none)."""
    a, b, calls = dispatches(monkeypatch)
    vecs = (_vectors(1, len(a.profiles)), _vectors(2, len(b.profiles)))
    with kernels.forced("native"):
        indexes = (a.native_index(), b.native_index())
        align(a.profiles, b.profiles, resolve("semantic"), None, None, vecs, indexes)
        align(a.profiles, b.profiles, resolve("semantic", embedding_candidates=2), None, None, vecs, indexes)
    assert calls == [True, False]


@needs_native
def test_the_kernel_checks_the_vectors():
    """Vectors that do not fit the texts are refused with what was wrong."""
    a = prepare("Putin met Trump in Alaska on Friday. Talks lasted three hours.")
    b = prepare("Talks lasted three hours.")
    with kernels.forced("native"):
        scorer = cmod.native_scorer(3, (a.native_index(), b.native_index()))
    heads = ([False] * len(a.profiles), [False] * len(b.profiles))
    rows = _vectors(3, 1)
    settings_ = amod.lexical.settings(resolve("semantic"))
    with pytest.raises(ValueError, match="sentence vectors"):
        scorer.align(*heads, settings_, (rows.tobytes(), 8, rows.tobytes(), 8, 0.8))


@needs_native
def test_a_gap_pair_the_embeddings_vouch_for_is_paired_as_by_the_passes(monkeypatch):
    """A pair in a gap that shares too little is paired on the embeddings' word (found by turning
    the kernel's vouching in gaps off, which made it differ from the passes here)."""
    left_keys = [["putin", "trump"], [], [], [], [], ["met"], ["putin"]]
    right_keys = [["putin", "putin", "putin", "putin", "trump"], [], [], [], [], ["putin", "met"]]
    heads = ([False] * 6 + [True], [False] * 5 + [True])
    left = [profile(k) for k in left_keys]
    right = [profile(k) for k in right_keys]
    same = (np.full((7, 4), 0.5, np.float32), np.full((6, 4), 0.5, np.float32))
    apart = (np.eye(7, 4, dtype=np.float32), np.eye(6, 4, k=0, dtype=np.float32)[:, ::-1].copy())
    opts = resolve("semantic")
    with kernels.forced("python"):
        vouched = align(left, right, opts, heads, None, same)
        not_vouched = align(left, right, opts, heads, None, apart)
    assert vouched.groups != not_vouched.groups
    for vecs in (same, apart):
        whole, passes, python = _three(left, right, opts, heads, None, monkeypatch, vecs)
        assert whole == passes == python
