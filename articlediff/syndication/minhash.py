"""MinHash signatures and LSH band tables: the pure-Python reference of the native ``Hasher`` and ``Bands``.

The scheme is datasketch's ``MinHash(scheme="affine32", hashfunc=zlib.crc32)`` and the banding its
``MinHashLSH``: the same permutations from the same seed, the same signatures, the same bands
and rows for a threshold, the same originals proposed (``tests/test_minhash.py`` checks each
against datasketch when it is installed). It is restated here because datasketch needs SciPy
(for the band parameters' integrals), and NLTK imports ``scipy.stats`` whenever SciPy is
installed: 0.7 s more start-up for every process that segments text.

A signature is, for each of ``num_perm`` affine maps ``h -> a*h + b mod 2^32`` (``a`` odd), the
least image of a shingle's hash (CRC-32 of its UTF-8 bytes, mixed by MurmurHash3's finalizer).
Two sets agree on a signature value with probability equal to their Jaccard similarity.

>>> perms = permutations(8, seed=1)
>>> sig = signature({"putin met", "met trump"}, perms)
>>> int(agreeing(sig, signature({"met trump", "putin met"}, perms)))
8
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from typing import Any

from ..errors import InputError

__all__ = ["Bands", "agreeing", "band_shape", "permutations", "require_numpy", "signature"]


def require_numpy() -> Any:
    """The numpy module, or InputError saying how to install it (batch checking needs it; it is an
    optional dependency)."""
    try:
        import numpy
    except ImportError:
        raise InputError("batch checking needs numpy: pip install 'articlediff[batch]'") from None
    return numpy


@functools.lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> Any:
    """The ``(2, num_perm)`` uint32 array of ``a`` (odd) and ``b``, drawn as datasketch's
    ``MinHash._init_permutations`` draws them for ``affine32`` (once per process)."""
    np = require_numpy()
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    out = np.array([a, b])
    out.flags.writeable = False
    return out


def _fmix32(h: Any) -> Any:
    """MurmurHash3's 32-bit finalizer on a uint32 array (a bijection that spreads CRC-32's structure)."""
    np = require_numpy()
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(shingles: Iterable[str], perms: Any) -> Any:
    """The uint32 MinHash signature of a set of shingles under ``perms`` (:func:`permutations`);
    all ``2^32 - 1`` for no shingles. A lone surrogate is hashed by its ``surrogatepass`` bytes."""
    np = require_numpy()
    a, b = perms
    hashes = [zlib.crc32(s.encode("utf-8", "surrogatepass")) for s in shingles]
    if not hashes:
        return np.full(len(a), 0xFFFFFFFF, dtype=np.uint32)
    hv = _fmix32(np.array(hashes, dtype=np.uint32)).reshape(-1, 1)
    return (hv * a + b).min(axis=0)  # uint32 arithmetic wraps: the modulo 2^32


def agreeing(one: Any, other: Any) -> int:
    """How many values two signatures share (``num_perm`` times their estimated Jaccard similarity)."""
    return int((one == other).sum())


# Composite Gauss-Legendre, 16 panels of 16 nodes on each side of the threshold: the band
# probabilities' integrals agree with 64 panels' to 6e-15 (SciPy's quad, which datasketch uses,
# stops at 1.5e-8); 26 ms for the default settings, once a process.
_PANELS = 16


@functools.lru_cache(maxsize=8)
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` minimizing the false positive plus the false
    negative probability mass around ``threshold``, as datasketch's ``MinHashLSH`` chooses them
    (``_optimal_param`` with equal weights): a pair of Jaccard similarity ``s`` is proposed with
    probability ``1 - (1 - s**rows)**bands``."""
    np = require_numpy()
    x, w = np.polynomial.legendre.leggauss(16)
    edges = np.linspace(0.0, 1.0, _PANELS + 1)

    def nodes(lo: float, hi: float) -> tuple[Any, Any]:
        cuts = lo + (hi - lo) * edges
        half = (cuts[1:] - cuts[:-1]) / 2
        mid = (cuts[1:] + cuts[:-1]) / 2
        return (mid[:, None] + half[:, None] * x).ravel(), (half[:, None] * w).ravel()

    s_lo, w_lo = nodes(0.0, threshold)
    s_hi, w_hi = nodes(threshold, 1.0)
    error: dict[tuple[int, int], float] = {}
    for rows in range(1, num_perm + 1):
        bands = np.arange(1, num_perm // rows + 1, dtype=float)[:, None]
        fp = ((1 - (1 - s_lo**rows) ** bands) * w_lo).sum(axis=1)
        fn = (((1 - s_hi**rows) ** bands) * w_hi).sum(axis=1)
        for k, e in enumerate((fp * 0.5 + fn * 0.5).tolist()):
            error[(k + 1, rows)] = e
    # datasketch walks bands outermost, rows inside, keeping the first strict improvement; exact ties
    # (threshold 0.5: one row against two) are decided by rounding there, by the first one here
    best, shape = float("inf"), (0, 0)
    for key in sorted(error):
        if error[key] < best - 1e-12:
            best, shape = error[key], key
    return shape


class Bands:
    """Band tables of signatures: :meth:`query` proposes every signature agreeing with one on all
    ``rows`` values of at least one of ``bands`` bands (``MinHashLSH.query``), with how many values
    they agree on. The native kernel's ``Bands`` is the same; this is its reference."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        self._tables: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
        self._signatures: list[Any] = []

    def insert(self, sig: Any) -> None:
        """Add the next signature (its number is the count inserted before it)."""
        n = len(self._signatures)
        self._signatures.append(sig)
        for k, table in enumerate(self._tables):
            table.setdefault(sig[k * self.rows : (k + 1) * self.rows].tobytes(), []).append(n)

    def query(self, sig: Any) -> list[tuple[int, int]]:
        """``[(signature number, agreeing values)]`` of those sharing a band with ``sig``, by number."""
        found: set[int] = set()
        for k, table in enumerate(self._tables):
            found.update(table.get(sig[k * self.rows : (k + 1) * self.rows].tobytes(), ()))
        return [(n, agreeing(self._signatures[n], sig)) for n in sorted(found)]
