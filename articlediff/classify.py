"""Labels for aligned groups and the document summary.

A group is ``verbatim`` when both sides read as the same word sequence after normalization (case,
punctuation and typography ignored), otherwise ``paraphrase``; a sentence in no group is ``added``
(right only) or ``dropped`` (left only). The verdict uses the METER corpus' classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Label, Pair, Sentence
from .options import Options

__all__ = ["label_of", "summarize", "verdict"]


def label_of(left: Sequence[Sentence], right: Sequence[Sentence]) -> Label:
    """Return the label of a group given its sentences on each side."""
    if not left:
        return Label.ADDED
    if not right:
        return Label.DROPPED
    same = " ".join(s.key for s in left) == " ".join(s.key for s in right)
    return Label.VERBATIM if same else Label.PARAPHRASE


def verdict(reuse: float, options: Options) -> str:
    """Return ``wholly_derived``, ``partially_derived`` or ``not_derived`` for a copy's ``reuse``."""
    if reuse >= options.wholly_derived:
        return "wholly_derived"
    if reuse >= options.partially_derived:
        return "partially_derived"
    return "not_derived"


def summarize(
    pairs: Sequence[Pair], left: Sequence[Sentence], right: Sequence[Sentence], options: Options
) -> dict[str, Any]:
    """Return the summary of a comparison.

    ``reuse`` is the share of the right text's words in verbatim or paraphrase pairs, ``coverage``
    the share of the left text's words that were reused, ``verbatim_share`` the share of the right
    text's words in verbatim pairs. Shares of an empty side are 0.
    """
    counts = {label.value: 0 for label in Label}
    words = {"left": {label.value: 0 for label in Label}, "right": {label.value: 0 for label in Label}}
    for p in pairs:
        counts[p.label.value] += 1
        words["left"][p.label.value] += sum(left[i].words for i in p.left)
        words["right"][p.label.value] += sum(right[j].words for j in p.right)
    left_total = sum(words["left"].values())
    right_total = sum(words["right"].values())

    def share(n: int, total: int) -> float:
        return round(n / total, 4) if total else 0.0

    reuse = share(words["right"]["verbatim"] + words["right"]["paraphrase"], right_total)
    return {
        "counts": counts,
        "sentences": {"left": len(left), "right": len(right)},
        "words": {"left": left_total, "right": right_total},
        "reuse": reuse,
        "coverage": share(words["left"]["verbatim"] + words["left"]["paraphrase"], left_total),
        "verbatim_share": share(words["right"]["verbatim"], right_total),
        "verdict": verdict(reuse, options),
    }
