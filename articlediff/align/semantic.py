"""Sentence-embedding evidence for the aligner (the ``semantic`` preset): :class:`Semantic`.

Lexical evidence misses a sentence retold in new words ("Russian forces control a fifth of
Ukraine" / "Moscow holds 18% of Ukrainian territory"): it shares one rare stem at most, so blocking
never proposes the pair and the evidence gate would refuse it anyway. With the two texts' sentence
vectors (:mod:`articlediff.embed`, L2-normalised), :class:`Semantic` gives the aligner two things
(the pairs are still scored lexically: a score with the cosine as one more feature, fitted on STS-B
train+dev, linked worse on the gold sets than the lexical score did):

* *neighbours*: each sentence's most similar sentences on the other side by cosine, proposed as
  candidates beside the lexical ones (the whole matrix for articles of usual length; beyond
  :data:`FULL_MATRIX_PAIRS` a band around each sentence's proportional place, so cost stays linear);
* *evidence*: a pair (or a sentence and a group) whose cosine reaches ``Options.embedding_evidence``
  counts as having the shared evidence a link or a join needs even when it shares few rare words;
  topic-only neighbours stay below it. A group's vector is the sum of its members'.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FULL_MATRIX_PAIRS", "Semantic", "dot", "summed"]

#: Up to this many sentence pairs (left x right) every pair's cosine is computed; beyond, a band.
FULL_MATRIX_PAIRS = 250_000
# Half-width of the band (in sentences) around a sentence's proportional place on the other side.
_BAND = 64
# Neighbours below this cosine are not proposed: nothing that dissimilar is ever linked.
_FLOOR = 0.5


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """The dot product of two vectors in float64, summed in order of dimension.

    Each product of two float32 values is exact in float64 and the running sum (``cumsum``, which
    adds one term after another) has a fixed order, unlike a BLAS dot whose order depends on the
    machine, so the native kernel (``native/src/align.rs``) computes the very same float.
    """
    import numpy as np

    terms = np.multiply(a, b, dtype=np.float64)
    return float(np.cumsum(terms)[-1]) if len(terms) else 0.0


def summed(rows: np.ndarray, ids: Sequence[int]) -> np.ndarray:
    """Rows ``ids`` of ``rows`` summed in float64, one after another in the order given."""
    import numpy as np

    if len(ids) == 1:
        return rows[ids[0]].astype(np.float64)
    return np.cumsum(rows[list(ids)], axis=0, dtype=np.float64)[-1]


@dataclass(frozen=True, eq=False)
class Semantic:
    """Both texts' sentence vectors and how the aligner reads them (see the module docstring)."""

    #: each side's sentence vectors, one L2-normalised row per sentence
    vectors: tuple[np.ndarray, np.ndarray]
    #: neighbours each sentence proposes (``Options.embedding_candidates``)
    neighbours: int
    #: cosine at which a pair counts as having the evidence a link needs (``Options.embedding_evidence``)
    evidence: float

    def cosine(self, i: int, j: int) -> float:
        """Cosine of left sentence ``i`` and right sentence ``j``: the :func:`dot` of their rows."""
        return dot(self.vectors[0][i], self.vectors[1][j])

    def group_cosine(self, lids: Sequence[int], rids: Sequence[int]) -> float:
        """Cosine of the summed vectors of left sentences ``lids`` and right sentences ``rids``.

        The rows are summed in float64 in the order given and every product and sum is taken in
        float64 in a fixed order (:func:`dot`), so the native kernel gives the same floats.
        """
        left, right = self.vectors
        a, b = summed(left, lids), summed(right, rids)
        na, nb = math.sqrt(dot(a, a)), math.sqrt(dot(b, b))
        return dot(a, b) / (na * nb) if na and nb else 0.0

    def nearest(self, skip: tuple[Sequence[bool], Sequence[bool]]) -> set[tuple[int, int]]:
        """Each sentence's ``neighbours`` most similar counterparts (cosine at least 0.5), as (left, right) pairs.

        ``skip`` marks the sentences of each side that need none (exact matches). Ties go to the
        earlier sentence.
        """
        import numpy as np

        left, right = self.vectors
        n, m, k = len(left), len(right), self.neighbours
        out: set[tuple[int, int]] = set()
        if not (n and m and k):
            return out
        for side, (mine, theirs, done) in enumerate(((left, right, skip[0]), (right, left, skip[1]))):
            size, other = len(mine), len(theirs)
            step = 256
            for lo in range(0, size, step):
                rows = list(range(lo, min(size, lo + step)))
                if n * m <= FULL_MATRIX_PAIRS:
                    first, last = 0, other
                else:  # a band around the rows' proportional place
                    first = max(0, rows[0] * other // size - _BAND)
                    last = min(other, rows[-1] * other // size + _BAND + 1)
                block = mine[lo : lo + len(rows)] @ theirs[first:last].T
                top = min(k, last - first)
                # stable: ties keep the earlier counterpart
                order = np.argsort(-block, axis=1, kind="stable")[:, :top]
                values = np.take_along_axis(block, order, axis=1)
                keep = (values >= _FLOOR) & ~np.asarray(done[lo : lo + len(rows)], dtype=bool)[:, None]
                r_idx, c_idx = np.nonzero(keep)
                for r, c in zip((r_idx + lo).tolist(), (order[r_idx, c_idx] + first).tolist(), strict=True):
                    out.add((r, c) if side == 0 else (c, r))
        return out
