"""Quotations: where they are (:func:`quotations`) and which of the copy's are changed or unsourced
(:func:`unsourced_quotes`, document-wide: a copy may move a quote anywhere)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any, cast

from ..kernels import active, encodable
from ..lexicon import FUNCTION_WORDS
from ..model import Flag, FlagKind
from ..normalize import char_info, token_key
from ..normalize import keys as span_keys

__all__ = ["Span", "python_quotations", "python_unsourced_quotes", "quotations", "unsourced_quotes"]

Span = tuple[int, int]


# Quotations, each kind of mark closed by its own partner (“…”, "…", „…“, «…», ”…”), so a missing
# closing mark in the source cannot pair one quote's opening with the next quote's. Single curly
# quotes count only at a word boundary ("‘peace’"), since ’ is also the apostrophe.
_QUOTE = re.compile(
    r"(?=[\u201c\"\u201e\u00ab\u2018\u201d])(?:"  # a quote mark first: the scan skips everything else fast
    r"\u201c(?P<a>[^\u201c\u201d\n]{2,}?)\u201d"
    r"|\"(?P<b>[^\"\n]{2,}?)\""
    r"|\u201e(?P<c>[^\u201e\u201c\u201d\n]{2,}?)[\u201c\u201d]"
    r"|\u00ab\s?(?P<e>[^\u00ab\u00bb\n]{2,}?)\s?\u00bb"
    r"|(?<![\w])\u2018(?P<s>[^\u2018\u2019\n]{2,}?)\u2019(?![\w])"
    # ”…”: a closing mark typed for the opening one (some sites' software does it); no “ inside,
    # so a closing mark cannot pair with the next quote's
    r"|\u201d\s?(?P<r>[^\u201c\u201d\n]{2,}?)\u201d(?![\w]))"
)
# A paragraph that opens with a quotation mark and never closes it: a quote running on to the next
# paragraph, as news style has it. Only at the start of a line: elsewhere it is more likely a typo.
_OPEN_QUOTE = re.compile(r"^[ \t]*[\u201c\u201e\u00ab\"](?P<d>[^\"\u201c\u201d\u201e\u201f\u00ab\u00bb\n]{8,})$", re.M)


def quotations(text: str) -> list[Span]:
    """Return the spans of the words inside quotation marks (quote marks excluded), in text order:
    :func:`python_quotations`'s, by the active backend (natively ``articlediff_native.FlagText``,
    ``native/src/quotemarks.rs``, which declines text it cannot read as the reference does).

    >>> text = 'He said “we cannot do that” and left.'
    >>> [text[a:b] for a, b in quotations(text)]
    ['we cannot do that']
    """
    native = active()
    if native is not None:
        try:
            found = native.FlagText(text).quotations
        except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
            found = None
        if found is not None:
            return cast("list[Span]", found)
    return python_quotations(text)


def python_quotations(text: str) -> list[Span]:
    """The reference for :func:`quotations`."""
    spans = []
    for m in _QUOTE.finditer(text):
        group = m.lastgroup or "a"
        spans.append(m.span(group))
    for m in _OPEN_QUOTE.finditer(text):  # “Putin wants peace and compromise. (never closed)
        if not any(a <= m.start("d") < b for a, b in spans):
            spans.append(m.span("d"))
    return sorted(spans)


def _content(keys: Iterable[str]) -> set[str]:
    return {k for k in keys if k not in FUNCTION_WORDS}


def _short(text: str, span: Span, width: int = 60) -> str:
    s = " ".join(text[span[0] : span[1]].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _native_counts(originals: list, left: str, right: str) -> Callable[[list[str]], tuple[int, list[int]]] | None:
    """The native count of shared content words (``QuotePostings.best``: the most any original
    holds and those holding that many), or None for the reference's ``Counter``. The same integers
    either way; natively a long text's common words cost a few nanoseconds an original, not a
    Python object each (10 MB pair: 0.8 s of counting)."""
    native = active()
    if native is None or not originals or not (encodable(left) and encodable(right)):
        return None
    return cast(
        "Callable[[list[str]], tuple[int, list[int]]]", native.QuotePostings([list(o[2]) for o in originals]).best
    )


@functools.lru_cache(maxsize=2)
def _quote_flagger(native: Any) -> Any:
    """The kernel's quotation flagger (``articlediff_native.QuoteFlagger``, ``native/src/quotes.rs``),
    built once with the reference's function words and its word-key callbacks."""
    return native.QuoteFlagger(sorted(FUNCTION_WORDS), token_key, char_info)


_KINDS = {kind.value: kind for kind in (FlagKind.QUOTE_CHANGED, FlagKind.QUOTE_UNSOURCED)}


def unsourced_quotes(
    left: str, left_quotes: Sequence[Span], right: str, right_quotes: Sequence[Span], flag_texts: Any = None
) -> dict[Span, Flag]:
    """Flag each quotation of the copy against the original's quotations: :func:`python_unsourced_quotes`'s
    flags, by the active backend (natively one ``QuoteFlagger.flags`` call on the two texts'
    ``FlagText``, which declines a quotation holding a character whose key the tokenizer leaves to
    the reference, as :func:`~articlediff.normalize.keys` does).

    ``flag_texts`` are the two texts' ``FlagText`` (:meth:`TextFacts.flag_text
    <articlediff.signals.TextFacts.flag_text>`) when the caller has them, holding these quotations;
    else they are made here.
    """
    native = active()
    if native is not None:
        rows = None
        try:
            if flag_texts is None:
                flag_texts = (native.FlagText(left, list(left_quotes)), native.FlagText(right, list(right_quotes)))
            rows = _quote_flagger(native).flags(*flag_texts)
        except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
            rows = None
        if rows is not None:
            kinds = _KINDS
            return {rspan: Flag(kinds[kind], message, lspan, rspan) for kind, message, lspan, rspan in rows}
    return python_unsourced_quotes(left, left_quotes, right, right_quotes)


def python_unsourced_quotes(
    left: str, left_quotes: Sequence[Span], right: str, right_quotes: Sequence[Span]
) -> dict[Span, Flag]:
    """The reference: flag each quotation of the copy against the original's quotations (document-wide, since a
    copy may move a quote anywhere): ``quote_changed`` when its words come from an original quote
    but differ, ``quote_unsourced`` when no original quote holds most of its words. A quotation that
    is an unbroken excerpt of an original one (the copy quotes less, word for word) is not a change."""
    # one keys() call per side: it lowercases the whole text each time
    lquote_keys = span_keys(left, list(left_quotes)) if left_quotes else []
    # A quotation the original repeats word for word is read once, at its first place: a later copy
    # can only tie with it, and ties go to the first. Without this a long text that repeats its
    # quotes (a live blog, a transcript) costs quotes x repeats.
    originals = []
    seen: set[str] = set()
    for span, keys in zip(left_quotes, lquote_keys, strict=True):
        ljoined = f" {' '.join(keys)} "
        if ljoined not in seen:
            seen.add(ljoined)
            originals.append((span, keys, _content(keys), ljoined))
    # Only originals sharing a content word can hold the quote or most of its words: look them up
    # by word, so a long text with many quotations is not quotes x quotes.
    best_of = _native_counts(originals, left, right)
    holding: dict[str, list[int]] = {}  # the reference's postings (QuotePostings keeps its own)
    for n, (_, _, lcontent, _) in enumerate(originals if best_of is None else ()):
        for word in lcontent:
            holding.setdefault(word, []).append(n)
    flags: dict[Span, Flag] = {}
    rkeys = span_keys(right, list(right_quotes)) if right_quotes else []
    decided: dict[str, tuple[tuple[Span, list[str]] | None, float]] = {}  # the same words, the same answer
    for span, keys in zip(right_quotes, rkeys, strict=True):
        content = _content(keys)
        if len(keys) < 3 or not content:
            continue  # scare quotes around a word or two ("peacemaker president")
        joined = f" {' '.join(keys)} "
        if joined in decided:
            best, best_share = decided[joined]
        else:
            whole = len(content)
            if best_of is not None:
                top, tied = best_of(list(content))
            else:
                # how many of its content words each original quote holding one of them has (a C-speed count)
                counts = Counter(chain.from_iterable(holding.get(word, ()) for word in content))
                top = max(counts.values(), default=0)
                tied = [n for n, c in counts.items() if c == top]  # most words in common
            if top == whole and any(joined in originals[n][3] for n in tied):
                best, best_share = None, -1.0  # quoted exactly, or an excerpt of it: nothing to flag
            elif tied:
                n = min(tied)  # ties go to the first quote
                best, best_share = (originals[n][0], originals[n][1]), top / whole
            else:
                best, best_share = None, 0.0
            decided[joined] = (best, best_share)
        if best_share < 0:
            continue
        if best is not None and best_share >= 0.5:
            flags[span] = Flag(
                FlagKind.QUOTE_CHANGED,
                f"quote changed: “{_short(left, best[0])}” → “{_short(right, span)}”",
                best[0],
                span,
            )
        else:
            flags[span] = Flag(
                FlagKind.QUOTE_UNSOURCED, f"quote not found in the original: “{_short(right, span)}”", None, span
            )
    return flags
