"""``compare()``: runs the stages (segment → normalize → align → classify → diff → summarize).

The per-text stages (segment, normalize, profile) are :func:`prepare`; :func:`compare_prepared`
runs the rest on two prepared texts, so a text compared with many others is prepared once:

>>> from articlediff.prepared import prepare
>>> original = prepare("Putin met Trump. Talks lasted three hours.")
>>> [compare_prepared(original, prepare(copy)).summary["verdict"] for copy in ("Talks lasted three hours.", "Rain.")]
['wholly_derived', 'not_derived']
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from .align import align
from .classify import label_of, summarize
from .model import Comparison, Label, Pair, Sentence
from .normalize import spans, word_bounds
from .options import Options, resolve
from .order import out_of_order
from .prepared import Prepared, build, check_length
from .profile import Profile
from .signals import annotate, credits
from .worddiff import DiffOp, OpCode, diff

__all__ = ["compare", "compare_prepared"]


def _check(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"compare() argument {name!r} must be str (the article text), not {type(value).__name__}; "
            "read files with articlediff.load() or open(...).read() first"
        )
    return value


def _words(text: str, sents: list[Sentence], profs: Sequence[Profile]) -> tuple[list[str], list[tuple[int, int]]]:
    """Word keys and offsets of a group's sentences, for the word diff."""
    ks: list[str] = []
    offsets: list[tuple[int, int]] = []
    for s in sents:
        if s.words:  # a wordless unit has a stand-in key and no word offsets: nothing to diff
            ks.extend(profs[s.index].keys)
            offsets.extend(spans(text, s.start, s.end))
    return ks, offsets


def _bounds(text: str, sents: list[Sentence]) -> tuple[int, int] | None:
    """Start of the first word and end of the last word of a group's sentences (None if wordless)."""
    with_words = [s for s in sents if s.words]
    if not with_words:
        return None
    first = word_bounds(text, with_words[0].start, with_words[0].end)
    last = word_bounds(text, with_words[-1].start, with_words[-1].end)
    return (first[0], last[1]) if first and last else None


def compare(left: str, right: str, options: Options | str | None = None, **overrides: object) -> Comparison:
    """Compare two versions of a story sentence by sentence.

    ``left`` is the original (or earlier) version, ``right`` the copy. Every sentence of both texts
    ends up in exactly one :class:`~articlediff.model.Pair`, labelled ``verbatim``, ``paraphrase``,
    ``added`` (right only) or ``dropped`` (left only); sentences may be moved, split or merged.

    >>> cmp = compare("Putin met Trump. Talks lasted three hours.", "Talks lasted 3 hours. Putin met Trump.")
    >>> [(p.label.value, p.left, p.right) for p in cmp.pairs]
    [('paraphrase', (1,), (0,)), ('verbatim', (0,), (1,))]

    Args:
        left, right: the two texts. Empty or whitespace-only text is a valid empty article.
        options: an :class:`~articlediff.options.Options`, a preset name (``"default"``,
            ``"strict"``, ``"lenient"``) or None for the default.
        **overrides: option fields to change, e.g. ``link_threshold=0.5``.

    Raises:
        TypeError: if ``left`` or ``right`` is not a ``str``.
        InputError: if a text is longer than the ``max_chars`` option.
        OptionsError: for an unknown preset or option, or a value out of range.
    """
    _check("left", left)
    _check("right", right)
    opts = resolve(options, **overrides)
    for name, text in (("left", left), ("right", right)):
        check_length(name, text, opts)
    return compare_prepared(build(left), build(right), opts)


@functools.lru_cache(maxsize=64)
def _with_details(options: Options, details: bool) -> Options:
    return dataclasses.replace(options, details=details)


def compare_prepared(
    original: Prepared, copy: Prepared, options: Options | str | None = None, *, details: bool | None = None
) -> Comparison:
    """Compare two :class:`Prepared` texts: ``compare(a, b)`` is ``compare_prepared(prepare(a), prepare(b))``.

    Use it to compare one text with many (see :func:`articlediff.compare_many`): the per-text
    stages run once per text instead of once per pair. The result does not depend on which side
    was prepared first.

    Args:
        original, copy: the left and right text, from :func:`prepare`.
        options: an :class:`~articlediff.options.Options`, a preset name or None for the default.
        details: the ``details`` option, given here for convenience: False leaves out what only a
            reader of the pairs needs (each pair's word ``diff`` and change ``flags`` stay empty) and
            keeps the alignment, labels, boilerplate and summary: for ranking candidate sources, at
            about half the cost of a comparison. The result's signature says which it was.
    """
    if not (isinstance(original, Prepared) and isinstance(copy, Prepared)):
        raise TypeError("compare_prepared() takes two Prepared texts (from articlediff.prepare())")
    opts = resolve(options)
    if details is not None and details != opts.details:
        opts = _with_details(opts, details)
    details = opts.details
    left, right = original.text, copy.text
    lsent, lprof, lhead = original.sentences, original.profiles, original.headings
    rsent, rprof, rhead = copy.sentences, copy.profiles, copy.headings
    groups, best_left, best_right = align(lprof, rprof, opts, (lhead, rhead), (original._postings, copy._postings))

    # Every sentence in exactly one group: the aligned groups, then the added and dropped ones,
    # in the copy's reading order (a dropped sentence follows the group of the original sentence
    # before it).
    order: list[tuple[tuple[int, int, int], tuple[int, ...], tuple[int, ...], float]] = []
    anchor: dict[int, int] = {}
    for g in groups:
        order.append(((g.right[0], 0, g.left[0]), g.left, g.right, g.score))
        for i in g.left:
            anchor[i] = g.right[0]
    in_right = {j for g in groups for j in g.right}
    order.extend(((j, 0, -1), (), (j,), best_right[j]) for j in range(len(rsent)) if j not in in_right)
    last = -1
    for i in range(len(lsent)):
        if i in anchor:
            last = anchor[i]
        else:
            order.append(((last, 1, i), (i,), (), best_left[i]))
    order.sort(key=lambda item: item[0])
    moved = out_of_order([li[0] if li and ri else None for _, li, ri, _ in order])

    flags, left_boiler, right_boiler = annotate(
        left,
        right,
        [(s.start, s.end) for s in lsent],
        [(s.start, s.end) for s in rsent],
        [(li, ri) for _, li, ri, _ in order],
        (lhead, rhead),
        flags=details and opts.signals,
    )
    pairs = []
    for (_, li, ri, score), pair_flags, is_moved in zip(order, flags, moved, strict=True):
        ls = [lsent[i] for i in li]
        rs = [rsent[j] for j in ri]
        label = label_of(ls, rs)
        boiler = None
        if ls and rs and not details:
            ops = []
        elif label is Label.VERBATIM:  # same words: one "equal" op, no need to diff word by word
            lb, rb = _bounds(left, ls), _bounds(right, rs)
            ops = [DiffOp(OpCode.EQUAL, lb, rb)] if lb and rb else []
        elif ls and rs:
            ops = diff(*_words(left, ls, lprof), *_words(right, rs, rprof))
        else:
            ops = []
            boiler = left_boiler[li[0]] if li else right_boiler[ri[0]]
        pairs.append(Pair(label, li, ri, score, tuple(ops), tuple(pair_flags), boiler, is_moved))
    ordered = tuple(pairs)
    agencies = opts.agencies_dict
    summary = summarize(ordered, lsent, rsent, opts, (credits(left, agencies), credits(right, agencies)))
    return Comparison(
        left_text=left,
        right_text=right,
        left=tuple(lsent),
        right=tuple(rsent),
        pairs=ordered,
        summary=summary,
        signature=opts.signature,
    )
