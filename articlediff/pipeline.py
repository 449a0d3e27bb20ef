"""``compare()``: runs the stages (prepare → align → assemble → signals → summarize), nothing else.

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

from .align import align
from .assemble import assemble, reading_order
from .classify import summarize
from .embed import resolve_embedder
from .kernels import gc_paused
from .model import Comparison
from .options import Options, resolve
from .prepared import Prepared, build, check_length
from .signals import annotate

__all__ = ["RECENT", "RECENT_MAX_CHARS", "compare", "compare_prepared", "forget_recent"]


def _check(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"compare() argument {name!r} must be str (the article text), not {type(value).__name__}; "
            "read files with articlediff.load() or open(...).read() first"
        )
    return value


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
    with gc_paused(len(left) + len(right)):
        return compare_prepared(_prepared(left), _prepared(right), opts)


#: compare() keeps the last texts it prepared (up to this many, each up to :data:`RECENT_MAX_CHARS`),
#: so a notebook re-running a comparison, or one original compared with several copies in turn,
#: prepares each text once. A :class:`Prepared` never changes once built, so a kept one gives
#: exactly the result a fresh one would.
RECENT = 16
RECENT_MAX_CHARS = 200_000


@functools.lru_cache(maxsize=RECENT)
def _recent(text: str) -> Prepared:
    return build(text)


def forget_recent() -> None:
    """Drop the prepared texts :func:`compare` keeps (see :data:`RECENT`): to free their memory, or
    to time a comparison of texts it has not seen."""
    _recent.cache_clear()


def _prepared(text: str) -> Prepared:
    return _recent(text) if len(text) <= RECENT_MAX_CHARS else build(text)


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
    with gc_paused(len(original.text) + len(copy.text)):
        return _compare_prepared(original, copy, resolve(options), details)


def _compare_prepared(original: Prepared, copy: Prepared, opts: Options, details: bool | None) -> Comparison:
    """:func:`compare_prepared` after its checks."""
    if details is not None and details != opts.details:
        opts = _with_details(opts, details)
    details = opts.details
    left, right = original.text, copy.text
    lsent, lprof, lhead = original.sentences, original.profiles, original.headings
    rsent, rprof, rhead = copy.sentences, copy.profiles, copy.headings
    vecs = None
    if opts.embedder is not None:
        embedder = resolve_embedder(opts.embedder)
        vecs = (original.vectors(embedder), copy.vectors(embedder))
    indexes = (original.native_index(), copy.native_index())
    # the native kernel reads the indexes; the Python passes (and embedding neighbours) the postings
    native = None not in indexes and not (vecs is not None and opts.embedding_candidates)
    postings = None if native else (original.postings, copy.postings)
    aligned = align(lprof, rprof, opts, (lhead, rhead), postings, vecs, indexes)
    groups, best_left, best_right = aligned.groups, aligned.best_left, aligned.best_right

    units = reading_order(groups, best_left, best_right)
    flags, left_boiler, right_boiler = annotate(
        original.facts,
        copy.facts,
        [(s.start, s.end) for s in lsent],
        [(s.start, s.end) for s in rsent],
        [(u.left, u.right) for u in units],
        (lhead, rhead),
        flags=details and opts.signals,
    )
    ordered = assemble(original, copy, units, flags, (left_boiler, right_boiler), details=details)
    agencies = opts.agencies_dict
    credited = (list(original.facts.credits(agencies)), list(copy.facts.credits(agencies)))
    summary = summarize(ordered, lsent, rsent, opts, credited)
    return Comparison(
        left_text=left,
        right_text=right,
        left=tuple(lsent),
        right=tuple(rsent),
        pairs=ordered,
        summary=summary,
        signature=opts.signature,
    )
