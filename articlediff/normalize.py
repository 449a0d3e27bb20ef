"""Normalization for comparison only: the user's text and its offsets are never changed.

Two things live here: :func:`normalize`, the typography-free, case-free form of a string (Unicode
NFKC, curly quotes to straight, dashes to ``-``, all space runs to one space, ellipses to ``...``,
casefolded), and :func:`words`, the word tokens of a span of text, each carrying its comparison key
and its ``start``/``end`` offsets into the original string.

>>> normalize("“Don’t”\u00a0— he said…")
'"don\\'t" - he said...'
>>> [w.key for w in words("The U.S. sent 1,000 troops’ gear.")]
['the', 'us', 'sent', '1000', 'troops', 'gear']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import NamedTuple, cast

from .kernels import active

__all__ = [
    "Word",
    "char_info",
    "keys",
    "keys_within",
    "normalize",
    "plain_spans",
    "python_keys",
    "python_spans",
    "spans",
    "token_key",
    "word_bounds",
    "word_key",
    "words",
]

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
        "\u2026": "...",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")

# A word is a run of letters/digits; apostrophes and dots *inside* a word join it ("don't", "U.S"),
# digits keep their separators ("1,000", "3.5"). Hyphens split ("open-source" == "open source").
# Chinese and Japanese are written without spaces: each ideograph or kana is a word of its own.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# The lookahead only lets the engine skip quickly over positions where no branch can start.
_WORD = re.compile(rf"(?=[^\W_]|[{_CJK}])(?:\d+(?:[.,]\d+)+|[{_CJK}]|[^\W_{_CJK}]+(?:['\u2019.][^\W_{_CJK}]+)*)")
_JOINERS = str.maketrans("", "", "'\u2019.")


class Word(NamedTuple):
    """One word of the text: its comparison ``key`` and its ``start``/``end`` in the original string."""

    key: str
    start: int
    end: int


def normalize(text: str) -> str:
    """Return the comparison form of ``text``: NFKC, plain quotes and dashes, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip().casefold()


def word_key(token: str) -> str:
    """Return the comparison key of one word token (``"U.S"`` -> ``"us"``, ``"1,000"`` -> ``"1000"``)."""
    if token.isascii() and token.isalnum():
        return token.lower()
    # lower() first makes the key the same whether or not the token was lowercased already (keys()).
    key = unicodedata.normalize("NFKC", token.lower()).casefold()
    if any(c.isdigit() for c in key) and not any(c.isalpha() for c in key):
        return key.replace(",", "")
    return key.translate(_JOINERS)


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Return the words of ``text[start:end]`` with offsets into ``text`` itself."""
    return [
        Word(word_key(m.group()), m.start(), m.end())
        for m in _WORD.finditer(text, start, len(text) if end is None else end)
    ]


class _KeyCache(dict):
    """token -> :func:`word_key` of a lowercased token, filled on first sight (news reuses its words:
    after a few articles nearly every token is a hit, looked up in C by ``map``)."""

    def __missing__(self, token: str) -> str:
        if len(self) >= _KEY_CACHE_MAX:
            self.clear()  # bounded: a long batch over many languages cannot grow it without end
        key = self[token] = token if token.isascii() and token.isalnum() else word_key(token)
        return key


_KEY_CACHE_MAX = 200_000
_KEYS = _KeyCache()


def keys(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """Return the word keys of each ``(start, end)`` span of ``text``: ``[w.key for w in words(text, a, b)]``,
    computed faster for a whole document (one lowercasing, no offsets). The native backend's
    tokenizer gives the same (:func:`python_keys` is the reference); it leaves to the reference
    text it cannot read as UTF-8 and spans holding a character whose lowercase is not one
    character or depends on its neighbours (``"İ"``, ``"Σ"``).
    """
    native = active()
    if native is not None:
        try:
            got = native.keys(text, spans, _KEYS.__getitem__, _char_info)
        except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
            got = None
        if got is not None:
            return cast("list[list[str]]", got)
    return python_keys(text, spans)


#: Classes of a lowercase character for the native tokenizer (``words.rs``): alphanumeric
#: (``[^\W_]``), decimal digit (``\d``), kana or ideograph (``_CJK``).
_ALNUM, _DECIMAL, _CJK_CLASS = 1, 2, 4
_IS_CJK = re.compile(f"[{_CJK}]").fullmatch


def _char_info(char: str) -> tuple[str, int] | None:
    """What the reference makes of the non-ASCII character ``char``: its lowercase and the classes
    of that (the bits above), or None when lowercasing does not map it to one character alone
    (``"İ"`` becomes two; a capital sigma's lowercase depends on the next character)."""
    low = char.lower()
    if len(low) != 1 or char == "\u03a3":
        return None
    flags = (_ALNUM if low.isalnum() else 0) | (_DECIMAL if low.isdecimal() else 0)
    return low, flags | (_CJK_CLASS if _IS_CJK(low) else 0)


#: :func:`_char_info`, for the native per-text kernel (``articlediff.prepared``).
char_info = _char_info


def token_key(token: str) -> str:
    """The comparison key of a lowercased token (:func:`word_key`, cached as :func:`keys` caches it)."""
    return _KEYS[token]


def python_keys(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """The reference for :func:`keys`."""
    find = _WORD.findall
    key = _KEYS.__getitem__

    if 2 * sum(b - a for a, b in spans) > len(text):
        # Most of the text (a whole document): lowercase it once.
        lowered = text.lower()
        if len(lowered) == len(text):  # else a character whose lowercase is longer ("İ") shifts offsets
            return [list(map(key, find(lowered, a, b))) for a, b in spans]
    out = []
    # A few spans (quotations, say): each lowercased on its own, so the cost follows the spans asked
    # for, not the length of the text.
    for a, b in spans:
        piece = text[a:b]
        low = piece.lower()
        if len(low) != len(piece):
            out.append([w.key for w in words(text, a, b)])
        else:
            out.append(list(map(key, find(low))))
    return out


def spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the words of ``text[start:end]``, in the order of :func:`keys`.

    The native backend finds them in plain text (ASCII, ``’ ‘ “ ” – — …``, ``£ €`` and the
    byte-order mark) and leaves any other to the reference, :func:`python_spans`."""
    end = len(text) if end is None else end
    native = active()
    if native is not None and 0 <= start <= end:
        got = native.word_spans(text[start:end], start)
        if got is not None:
            return cast("list[tuple[int, int]]", got)
    return [m.span() for m in _WORD.finditer(text, start, end)]  # python_spans, without its call


def plain_spans(text: str) -> list[tuple[int, int]] | None:
    """:func:`spans` of the whole of ``text`` when the native kernel reads it as plain text (ASCII,
    ``’ ‘ “ ” – — …``, ``£ €`` and the byte-order mark: there a character's classes are those of
    its lowercase, so these are also the words :func:`keys` finds), else None."""
    native = active()
    return None if native is None else cast("list[tuple[int, int]] | None", native.word_spans(text, 0))


def keys_within(
    whole: list[str], offsets: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[list[str]] | None:
    """:func:`keys` of each span of a text, read off the keys of the whole text (``whole``) and their
    word offsets (``offsets``, from :func:`plain_spans`): the words inside each span. None when a
    word crosses a span's start or end (the span's own words would differ) or the two do not match
    in length; the caller then runs :func:`keys`. With no word crossing, the word pattern finds
    the same words in a span as in the whole text: it looks neither behind a word's start nor
    past its end."""
    if len(whole) != len(offsets):
        return None
    starts = [a for a, _ in offsets]
    out = []
    for a, b in spans:
        i0, i1 = bisect_left(starts, a), bisect_left(starts, b)
        if (i0 and offsets[i0 - 1][1] > a) or (i1 > i0 and offsets[i1 - 1][1] > b):
            return None
        out.append(whole[i0:i1])
    return out


def python_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The reference for :func:`spans`."""
    return [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def word_bounds(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Return the start of the first word and the end of the last word of ``text[start:end]``, or None."""
    end = len(text) if end is None else end
    first = _WORD.search(text, start, end)
    if first is None:
        return None
    while not text[end - 1].isalnum():  # every word ends with a letter or digit...
        end -= 1
        if end <= first.start():  # ...but a CJK one, "・" or an unassigned one (U+FAFA), need not
            return first.span()
    return first.start(), end
