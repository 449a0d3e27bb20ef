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
    text's words in verbatim pairs. Shares of an empty side are 0. ``without_boilerplate`` gives the
    same shares with page furniture (promos, bylines, chrome) left out of both texts; the
    ``verdict`` is read from that reuse, so a copy is not judged by the promos a site bolts on.
    """
    counts = {label.value: 0 for label in Label}
    flags: dict[str, int] = {}
    words = {"left": {label.value: 0 for label in Label}, "right": {label.value: 0 for label in Label}}
    furniture = {"left": 0, "right": 0}
    boiler_units = {"left": 0, "right": 0}
    for p in pairs:
        counts[p.label.value] += 1
        lw = sum(left[i].words for i in p.left)
        rw = sum(right[j].words for j in p.right)
        words["left"][p.label.value] += lw
        words["right"][p.label.value] += rw
        if p.boilerplate:
            side = "left" if p.left else "right"
            furniture[side] += lw + rw
            boiler_units[side] += 1
        for f in p.flags:
            flags[f.kind] = flags.get(f.kind, 0) + 1

    def share(n: int, total: int) -> float:
        return round(n / total, 4) if total else 0.0

    def figures(drop_left: int, drop_right: int) -> dict[str, float]:
        lt = sum(words["left"].values()) - drop_left
        rt = sum(words["right"].values()) - drop_right
        return {
            "reuse": share(words["right"]["verbatim"] + words["right"]["paraphrase"], rt),
            "coverage": share(words["left"]["verbatim"] + words["left"]["paraphrase"], lt),
            "verbatim_share": share(words["right"]["verbatim"], rt),
        }

    everything = figures(0, 0)
    content = figures(furniture["left"], furniture["right"])
    return {
        "counts": counts,
        "sentences": {"left": len(left), "right": len(right)},
        "words": {"left": sum(words["left"].values()), "right": sum(words["right"].values())},
        **everything,
        "verdict": verdict(content["reuse"], options),
        "without_boilerplate": content,
        "boilerplate": boiler_units,
        "flags": dict(sorted(flags.items())),
    }
