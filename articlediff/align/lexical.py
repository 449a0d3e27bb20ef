"""The whole alignment in one native call (:func:`native_align`), when the native backend runs.

Every pass of :func:`articlediff.align._align` (exact links, blocking, the one-to-one passes, the
story verdict, undoing weak moves, groups, gaps) reads only the two texts' native indexes and, with
the ``semantic`` preset, their sentence vectors (the embeddings' evidence, ``native/src/semantic.rs``;
not their neighbours), so the kernel runs them all at once (``PairScorer.align``,
``native/src/align.rs``) and Python builds the :class:`~articlediff.align.result.Alignment`. The
Python passes stay the reference: the kernel gives the same groups, scores and best similarities,
and reads every threshold and constant from :func:`settings`, so each stays defined once, in its
module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..kernels import active
from ..options import Options
from ..profile import Profile
from .candidates import MAX_POSTINGS, MOSTLY, PROBES, SHORT_EVIDENCE, native_scorer
from .gaps import EVEN_GAP, EVEN_GAP_SHARE, GAP_EVIDENCE
from .joins import MAX_GROUP
from .result import Alignment, Group
from .shared_order import MAX_GAP
from .story import FAIR_COUNTERPART

__all__ = ["native_align", "settings"]


def settings(options: Options) -> dict[str, float | int]:
    """What the kernel reads of ``options`` and of the passes' modules, by the names it knows them by."""
    return {
        "candidates": options.candidates,
        "probes": PROBES,
        "max_postings": MAX_POSTINGS,
        "mostly": MOSTLY,
        "short_evidence": SHORT_EVIDENCE,
        "min_evidence": options.min_evidence,
        "link_threshold": options.link_threshold,
        "unrelated_evidence": options.unrelated_evidence,
        "story_threshold": options.story_threshold,
        "mutual_threshold": options.mutual_threshold,
        "context_threshold": options.context_threshold,
        "related_relief": options.related_relief,
        "join_containment": options.join_containment,
        "fusion_evidence": options.fusion_evidence,
        "fair_counterpart": FAIR_COUNTERPART,
        "max_group": MAX_GROUP,
        "max_gap": MAX_GAP,
        "gap_evidence": GAP_EVIDENCE,
        "even_gap_share": EVEN_GAP_SHARE,
        "even_gap": EVEN_GAP,
    }


def native_align(
    left: Sequence[Profile],
    right: Sequence[Profile],
    options: Options,
    headings: tuple[Sequence[bool], Sequence[bool]],
    indexes: tuple[Any, Any],
    vectors: tuple[Any, Any] | None = None,
) -> Alignment | None:
    """The alignment of two sides in canonical order by the native kernel, or None when the
    pure-Python backend runs or either side has no native index (the passes run in Python then).

    ``vectors`` (both sides' sentence vectors, as :func:`articlediff.align.align` takes them) adds the
    embeddings' evidence as :class:`~articlediff.align.semantic.Semantic` gives it; the kernel
    proposes no embedding neighbours, so with ``Options.embedding_candidates`` set it returns None.
    """
    if active() is None or (vectors is not None and options.embedding_candidates):
        return None
    scorer = native_scorer(len(left) + len(right), indexes)
    if scorer is None:
        return None
    semantic = None
    if vectors is not None:
        import numpy as np

        rows = [np.ascontiguousarray(v, dtype=np.float32) for v in vectors]
        dims = (rows[0].shape[1], rows[1].shape[1])
        semantic = (rows[0].tobytes(), dims[0], rows[1].tobytes(), dims[1], options.embedding_evidence)
    groups, best_l, best_r, related = scorer.align(list(headings[0]), list(headings[1]), settings(options), semantic)
    return Alignment(
        tuple(Group(tuple(lids), tuple(rids), s) for lids, rids, s in groups), tuple(best_l), tuple(best_r), related
    )
