"""The MinHash reference (articlediff.syndication.minhash) against datasketch, whose scheme it restates.

datasketch is a development dependency only (it pulls in SciPy); these tests skip without it.
"""

from __future__ import annotations

import random
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
datasketch = pytest.importorskip("datasketch")

from datasketch.lsh import _optimal_param  # noqa: E402

from articlediff.syndication import Blocking, index_originals  # noqa: E402
from articlediff.syndication import minhash as mh  # noqa: E402
from articlediff.syndication.blocking import minhash, shingles, words  # noqa: E402

shingle_sets = st.sets(st.text(max_size=12), max_size=40)


def _theirs(found: set[str], num_perm: int, seed: int):
    m = datasketch.MinHash(num_perm, seed=seed, scheme="affine32", hashfunc=zlib.crc32)
    m.update_batch([s.encode("utf-8", "surrogatepass") for s in found])
    return m


@settings(max_examples=200, deadline=None)
@given(shingle_sets, st.integers(1, 64), st.integers(0, 9))
def test_signatures_and_permutations_are_datasketchs(found, num_perm, seed):
    theirs = _theirs(found, num_perm, seed)
    assert np.array_equal(mh.permutations(num_perm, seed), theirs.permutations)
    ours = mh.signature(found, mh.permutations(num_perm, seed))
    assert ours.dtype == np.uint32 and np.array_equal(ours, theirs.hashvalues)


def test_lone_surrogates_hash_as_their_surrogatepass_bytes():
    found = {"caf\udce9 talks", "\ud800"}
    assert np.array_equal(mh.signature(found, mh.permutations(16, 1)), _theirs(found, 16, 1).hashvalues)


def test_band_shapes_are_datasketchs():
    rng = random.Random(0)
    grid = [(t, n) for n in (2, 3, 5, 16, 100, 128, 512) for t in (0.01, 0.05, 0.06, 0.1, 0.3, 0.5, 0.9, 0.99)]
    grid += [(round(rng.uniform(0.005, 0.995), 3), rng.randint(2, 300)) for _ in range(40)]
    for threshold, num_perm in grid:
        assert mh.band_shape(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5), (
            threshold,
            num_perm,
        )


def test_the_index_proposes_what_minhash_lsh_proposes(corpus, seeds):
    originals, copies = corpus
    originals = {**originals, **{f"seed-{k}": v for k, v in seeds.items()}}
    for blocking in (Blocking(), Blocking(threshold=0.02, num_perm=128), Blocking(threshold=0.3, num_perm=64, seed=3)):
        index = index_originals(originals, blocking=blocking)
        lsh = datasketch.MinHashLSH(threshold=blocking.threshold, num_perm=blocking.num_perm)
        assert index.shape == (lsh.b, lsh.r)
        theirs = {}
        for n, text in enumerate(originals.values()):
            theirs[n] = _theirs(shingles(words(text), blocking.shingle), blocking.num_perm, blocking.seed)
            lsh.insert(n, theirs[n])
        for name, text in {**copies, **originals}.items():
            found = shingles(words(text), blocking.shingle)
            mine, copy = minhash(found, blocking), _theirs(found, blocking.num_perm, blocking.seed)
            ranked = sorted(lsh.query(copy), key=lambda n: (-theirs[n].jaccard(copy), index.ids[n]))
            assert index.candidates(mine) == ranked[: blocking.max_candidates], name


def test_bands_report_agreeing_values():
    perms = mh.permutations(8, 1)
    bands = mh.Bands(4, 2)
    sigs = [mh.signature(s, perms) for s in ({"a b", "b c"}, {"a b", "b c", "c d"}, {"x y"})]
    for sig in sigs:
        bands.insert(sig)
    got = dict(bands.query(sigs[0]))
    assert got[0] == 8 and all(0 <= v <= 8 for v in got.values())
    assert all(v == mh.agreeing(sigs[n], sigs[0]) for n, v in got.items())
