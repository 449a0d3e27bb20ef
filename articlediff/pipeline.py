"""``compare()``: runs the stages (segment → normalize → align → classify → diff → summarize)."""

from __future__ import annotations

from .align import align
from .classify import label_of, summarize
from .errors import InputError
from .model import Comparison, Label, Pair, Sentence
from .normalize import keys, normalize, spans, word_bounds
from .options import Options, resolve
from .order import out_of_order
from .segment import split
from .signals import annotate, credits
from .similarity import Profile, profile
from .worddiff import DiffOp, diff

__all__ = ["compare"]


def _check(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"compare() argument {name!r} must be str (the article text), not {type(value).__name__}; "
            "read files with articlediff.load() or open(...).read() first"
        )
    return value


# A unit is a heading (headline, subhead, byline, date) when it is short and has no sentence end.
_HEADING_MAX_WORDS = 15
_SENTENCE_END = ".?!:;\"'\u201d\u2019)\u2026"


def _prepare(text: str) -> tuple[list[Sentence], list[Profile], list[bool]]:
    spans = split(text)
    sentences, profiles, headings = [], [], []
    for index, ((start, end), ks) in enumerate(zip(spans, keys(text, spans), strict=True)):
        n = len(ks)
        headings.append(n <= _HEADING_MAX_WORDS and text[end - 1] not in _SENTENCE_END)
        # A unit without words ("***", "—") is compared by its normalized characters instead.
        ks = ks or [normalize(text[start:end])]
        profiles.append(profile(ks))
        sentences.append(Sentence(index, start, end, profiles[-1].text, n))
    return sentences, profiles, headings


def _words(text: str, sents: list[Sentence], profs: list[Profile]) -> tuple[list[str], list[tuple[int, int]]]:
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
        if len(text) > opts.max_chars:
            raise InputError(
                f"compare() argument {name!r} has {len(text):,} characters, over the limit of {opts.max_chars:,}; "
                f"pass max_chars={len(text)} (CLI: --set max_chars={len(text)}) if it really is one article"
            )
    lsent, lprof, lhead = _prepare(left)
    rsent, rprof, rhead = _prepare(right)
    groups, best_left, best_right = align(lprof, rprof, opts, (lhead, rhead))

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
    )
    pairs = []
    for (_, li, ri, score), pair_flags, is_moved in zip(order, flags, moved, strict=True):
        ls = [lsent[i] for i in li]
        rs = [rsent[j] for j in ri]
        label = label_of(ls, rs)
        boiler = None
        if label is Label.VERBATIM:  # same words: one "equal" op, no need to diff word by word
            lb, rb = _bounds(left, ls), _bounds(right, rs)
            ops = [DiffOp("equal", lb, rb)] if lb and rb else []
        elif ls and rs:
            ops = diff(*_words(left, ls, lprof), *_words(right, rs, rprof))
        else:
            ops = []
            boiler = left_boiler[li[0]] if li else right_boiler[ri[0]]
        pairs.append(Pair(label, li, ri, score, tuple(ops), tuple(pair_flags), boiler, is_moved))
    ordered = tuple(pairs)
    summary = summarize(ordered, lsent, rsent, opts)
    left_credits, right_credits = credits(left, opts.agencies_dict), credits(right, opts.agencies_dict)
    summary["credits"] = {
        "left": left_credits,
        "right": right_credits,
        # the copy takes from an original that credits an agency, and credits none itself
        "uncredited": bool(summary["verdict"] != "not_derived" and left_credits and not right_credits),
    }
    return Comparison(
        left_text=left,
        right_text=right,
        left=tuple(lsent),
        right=tuple(rsent),
        pairs=ordered,
        summary=summary,
        signature=opts.signature,
    )
