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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FULL_MATRIX_PAIRS", "Semantic"]

#: Up to this many sentence pairs (left x right) every pair's cosine is computed; beyond, a band.
FULL_MATRIX_PAIRS = 250_000
# Half-width of the band (in sentences) around a sentence's proportional place on the other side.
_BAND = 64
# Neighbours below this cosine are not proposed: nothing that dissimilar is ever linked.
_FLOOR = 0.5


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
        """Cosine of left sentence ``i`` and right sentence ``j``."""
        return float(self.vectors[0][i] @ self.vectors[1][j])

    def group_cosine(self, lids: Sequence[int], rids: Sequence[int]) -> float:
        """Cosine of the summed vectors of left sentences ``lids`` and right sentences ``rids``."""
        import numpy as np

        # A single sentence's row is its own sum, and ``np.linalg.norm`` of a real vector is
        # ``sqrt(x @ x)``: the same floats as summing and calling it, without their overhead (most
        # groups asked about hold one sentence a side).
        left, right = self.vectors
        a = left[lids[0]] if len(lids) == 1 else left[list(lids)].sum(0)
        b = right[rids[0]] if len(rids) == 1 else right[list(rids)].sum(0)
        na, nb = float(np.sqrt(a.dot(a))), float(np.sqrt(b.dot(b)))
        return float(a @ b) / (na * nb) if na and nb else 0.0

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
