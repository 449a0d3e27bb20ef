"""Labels for aligned groups and the document summary.

A group is ``verbatim`` when both sides read as the same word sequence after normalization (case,
punctuation and typography ignored), otherwise ``paraphrase``; a sentence in no group is ``added``
(right only) or ``dropped`` (left only). The verdict uses the METER corpus' classes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .kernels import active
from .model import Counts, Credits, Label, Pair, Sentence, Shares, Sides, Summary, Verdict
from .options import Options

__all__ = ["label_of", "python_summarize", "summarize", "verdict"]

#: The labels in the order of :class:`~articlediff.model.Counts`' fields.
_LABELS = (Label.VERBATIM, Label.PARAPHRASE, Label.ADDED, Label.DROPPED)
_INDEX = {label: k for k, label in enumerate(_LABELS)}


def label_of(left: Sequence[Sentence], right: Sequence[Sentence]) -> Label:
    """Return the label of a group given its sentences on each side."""
    if not left:
        return Label.ADDED
    if not right:
        return Label.DROPPED
    same = " ".join(s.key for s in left) == " ".join(s.key for s in right)
    return Label.VERBATIM if same else Label.PARAPHRASE


def verdict(reuse: float, options: Options) -> Verdict:
    """Return the :class:`~articlediff.model.Verdict` for a copy's ``reuse`` under ``options``' thresholds."""
    if reuse >= options.wholly_derived:
        return Verdict.WHOLLY_DERIVED
    if reuse >= options.partially_derived:
        return Verdict.PARTIALLY_DERIVED
    return Verdict.NOT_DERIVED


def summarize(
    pairs: Sequence[Pair],
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    options: Options,
    credits: tuple[Sequence[str], Sequence[str]] = ((), ()),
) -> Summary:
    """Return the :class:`~articlediff.model.Summary` of a comparison.

    ``reuse`` is the share of the right text's words in verbatim or paraphrase pairs, ``coverage``
    the share of the left text's words that were reused, ``verbatim_share`` the share of the right
    text's words in verbatim pairs. Shares of an empty side are 0. ``without_boilerplate`` gives the
    same shares with page furniture (promos, bylines, chrome) left out of both texts; the
    ``verdict`` is read from that reuse, so a copy is not judged by the promos a site bolts on.
    ``credits`` are the agencies the left and right text credit (see
    :func:`articlediff.signals.credits`); a derived copy of an original that credits one, crediting
    none itself, is ``uncredited``.
    """
    if active() is None:
        return python_summarize(pairs, left, right, options, credits)
    lwords, rwords = [s.words for s in left], [s.words for s in right]
    # per label, in _LABELS' order: pairs, left words, right words
    counts, lws, rws = [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]
    flags: dict[str, int] = {}
    furniture = [0, 0]  # words of boilerplate units: left, right
    boiler_units = [0, 0]
    verbatim, paraphrase, added = _LABELS[:3]
    for p in pairs:
        label, pl, pr = p.label, p.left, p.right
        k = 0 if label is verbatim else 1 if label is paraphrase else 2 if label is added else _INDEX[label]
        counts[k] += 1
        lw = (lwords[pl[0]] if len(pl) == 1 else sum([lwords[i] for i in pl])) if pl else 0
        rw = (rwords[pr[0]] if len(pr) == 1 else sum([rwords[j] for j in pr])) if pr else 0
        lws[k] += lw
        rws[k] += rw
        if p.boilerplate:
            side = 0 if pl else 1
            furniture[side] += lw + rw
            boiler_units[side] += 1
        for f in p.flags:
            kind = str(f.kind)
            flags[kind] = flags.get(kind, 0) + 1
    left_total, right_total = sum(lws), sum(rws)

    def share(n: int, total: int) -> float:
        return round(n / total, 4) if total else 0.0

    def figures(drop_left: int, drop_right: int) -> Shares:
        lt = left_total - drop_left
        rt = right_total - drop_right
        return Shares(
            reuse=share(rws[0] + rws[1], rt),
            coverage=share(lws[0] + lws[1], lt),
            verbatim_share=share(rws[0], rt),
        )

    everything = figures(0, 0)
    content = figures(furniture[0], furniture[1])
    found = verdict(content.reuse, options)
    left_credits, right_credits = credits
    return Summary(
        counts=Counts(*counts),
        sentences=Sides(len(left), len(right)),
        words=Sides(left_total, right_total),
        reuse=everything.reuse,
        coverage=everything.coverage,
        verbatim_share=everything.verbatim_share,
        verdict=found,
        without_boilerplate=content,
        boilerplate=Sides(boiler_units[0], boiler_units[1]),
        flags=tuple(sorted(flags.items())),
        credits=Credits(
            tuple(left_credits),
            tuple(right_credits),
            bool(found is not Verdict.NOT_DERIVED and left_credits and not right_credits),
        ),
    )


def python_summarize(
    pairs: Sequence[Pair],
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    options: Options,
    credits: tuple[Sequence[str], Sequence[str]] = ((), ()),
) -> Summary:
    """The reference for :func:`summarize`: the same figures, read pair by pair."""
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
            kind = str(f.kind)
            flags[kind] = flags.get(kind, 0) + 1

    def share(n: int, total: int) -> float:
        return round(n / total, 4) if total else 0.0

    def figures(drop_left: int, drop_right: int) -> Shares:
        lt = sum(words["left"].values()) - drop_left
        rt = sum(words["right"].values()) - drop_right
        return Shares(
            reuse=share(words["right"]["verbatim"] + words["right"]["paraphrase"], rt),
            coverage=share(words["left"]["verbatim"] + words["left"]["paraphrase"], lt),
            verbatim_share=share(words["right"]["verbatim"], rt),
        )

    everything = figures(0, 0)
    content = figures(furniture["left"], furniture["right"])
    found = verdict(content.reuse, options)
    left_credits, right_credits = credits
    return Summary(
        counts=Counts(**counts),
        sentences=Sides(len(left), len(right)),
        words=Sides(sum(words["left"].values()), sum(words["right"].values())),
        reuse=everything.reuse,
        coverage=everything.coverage,
        verbatim_share=everything.verbatim_share,
        verdict=found,
        without_boilerplate=content,
        boilerplate=Sides(boiler_units["left"], boiler_units["right"]),
        flags=tuple(sorted(flags.items())),
        credits=Credits(
            tuple(left_credits),
            tuple(right_credits),
            bool(found is not Verdict.NOT_DERIVED and left_credits and not right_credits),
        ),
    )
