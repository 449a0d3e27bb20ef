"""Page furniture rather than story (:func:`boilerplate_reason`): promos, credit lines, dates,
datelines, page chrome, bylines.

:func:`python_boilerplate_reason` is the reference. :func:`boilerplate_reasons` gives it for every
unit of a text by the active backend: natively in one call (``articlediff_native.Boilerplate``,
``native/src/boilerplate.rs``, built from the patterns and lists below), which leaves to the
reference each unit holding a character that Python's ``re`` and the ``regex`` crate read apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from ..kernels import active

__all__ = ["boilerplate_reason", "boilerplate_reasons", "python_boilerplate_reason"]

_PROMO = re.compile(
    r"\b(?:download (?:the|our)\b[^.!?]{0,60}\bapp|subscribe|newsletter|sign up|follow us|click here|"
    r"read more|also read|"
    r"stay (?:updated|on top|tuned|informed)|discover the latest|find the best of|curated for you|"
    r"don'?t miss|watch:|listen:|advertisement|sponsored|share this|be first to comment|comments?\b\s*\(\d+\)|"
    r"all rights reserved|copyright|©)",
    re.I,
)
# Words every promo pattern contains: a cheap test before the regular expression.
_PROMO_HINTS = (
    "download", "subscribe", "newsletter", "sign up", "follow us", "click here", "read more", "also read",
    "stay ", "discover the latest", "find the best of", "curated for you", "miss", "watch:", "listen:",
    "advertisement", "sponsored", "share this", "first to comment", "comment", "rights reserved", "copyright", "\u00a9",
)  # fmt: skip
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:with (?:agency )?inputs?|reporting by|writing by|editing by|additional reporting|"
    r"compiled by|with inputs from|source:)\b",
    re.I,
)
_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})(?:[\s,]+\d{1,2}:\d{2}.*)?$",
    re.I,
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]+(?:\([A-Za-z .]+\))?\s*[\u2014\u2013-]+$")
_CHROME = re.compile(
    r"^(?:world|home|news|business|politics|sports?|opinion|tech(?:nology)?|markets?|latest|trending|menu|"
    r"search|share|print|email|advertisement|article image|image|photo|video|related|more|top stories|live)$",
    re.I,
)
_CHROME_STRIP = " .:|»›"  # around a page-chrome word
_BYLINE = re.compile(r"^(?:by\s+)?(?:[A-Z][\w'’.-]+\s?){2,4}$", re.I)
_BYLINE_WORDS = (2, 4)  # the words of a byline heading, at least and at most
_PROMO_MAX_WORDS = 40  # a longer unit is story, whatever it mentions
#: What the kernel's patterns give, in its order (credit line, date, dateline, chrome, byline, promo).
_REASONS = ("credit line", "date", "dateline", "page chrome", "byline", "promo")
# How Python's re reads a character beyond ASCII, for the kernel's stand-in of it: \w, \d, \s, and
# whether it matches an ASCII character case-insensitively ("ı", "İ", "ſ", the Kelvin sign)
_CLASSES = tuple(re.compile(c) for c in (r"\w", r"\d", r"\s", r"(?i)[\x00-\x7f]"))
# The kernel's stand-ins of a word character, a digit and any other character beyond ASCII the
# patterns do not name (none names these), and the control bytes for those they name.
_STAND_INS = ("_", "0", "\x7f")
_CONTROL = [chr(b) for b in (*range(0x01, 0x09), *range(0x0E, 0x1C))]


def boilerplate_reason(unit: str, heading: bool = False) -> str | None:
    """Return why a unit is page furniture rather than story (see :func:`python_boilerplate_reason`),
    by the active backend.

    >>> boilerplate_reason("Reporting by Jane Doe; Editing by John Roe")
    'credit line'
    """
    return boilerplate_reasons(unit, [(0, len(unit))], [heading])[0]


def python_boilerplate_reason(unit: str, heading: bool = False) -> str | None:
    """The reference: return why a unit is page furniture rather than story (``"promo"``, ``"credit line"``,
    ``"date"``, ``"dateline"``, ``"page chrome"``, ``"byline"``), or None.

    >>> python_boilerplate_reason("Stay on top of the latest tech trends and biggest startup news.")
    'promo'
    >>> python_boilerplate_reason("Putin met Trump in Alaska.") is None
    True
    """
    if len(unit) <= 1_000:  # sites repeat their furniture, and a batch repeats its originals
        return _cached_boilerplate(unit, heading)
    return _boilerplate(unit, heading)


@functools.lru_cache(maxsize=8192)
def _cached_boilerplate(unit: str, heading: bool) -> str | None:
    return _boilerplate(unit, heading)


def _boilerplate(unit: str, heading: bool) -> str | None:
    text = " ".join(unit.split())
    if not text:
        return None
    if _CREDIT_LINE.match(text):
        return "credit line"
    if _DATE.match(text):
        return "date"
    if _DATELINE.match(text):
        return "dateline"
    if _CHROME.match(text.strip(_CHROME_STRIP)):
        return "page chrome"
    words = text.split()
    least, most = _BYLINE_WORDS
    if heading and least <= len(words) <= most and _BYLINE.match(text):
        if text.lower().startswith("by ") or all(w[:1].isupper() for w in words):
            return "byline"
    if len(words) <= _PROMO_MAX_WORDS:
        low = text.lower()
        if any(map(low.__contains__, _PROMO_HINTS)) and _PROMO.search(text):
            return "promo"
    return None


def boilerplate_reasons(text: str, spans: Sequence[tuple[int, int]], headings: Sequence[bool]) -> list[str | None]:
    """:func:`python_boilerplate_reason` of each ``(start, end)`` unit of ``text`` (``headings[n]``:
    whether unit ``n`` is a heading), by the active backend.

    >>> boilerplate_reasons("Putin met Trump. Read more:", [(0, 16), (17, 27)], [False, False])
    [None, 'promo']
    """
    got = native_reasons(text, spans, headings)
    if got is None:
        return [python_boilerplate_reason(text[a:b], h) for (a, b), h in zip(spans, headings, strict=True)]
    return [
        python_boilerplate_reason(text[a:b], h) if r is False else r
        for r, (a, b), h in zip(got, spans, headings, strict=True)
    ]


def native_reasons(text: str, spans: Sequence[tuple[int, int]], headings: Sequence[bool]) -> list[Any] | None:
    """The kernel's reason for each unit (a ``str`` or None), ``False`` for a unit it leaves to the reference; None
    under the pure-Python backend or for text without a UTF-8 form (a lone surrogate)."""
    native = active()
    if native is None:
        return None
    try:
        return _kernel(native).reasons(text, spans, headings)  # type: ignore[no-any-return]
    except UnicodeEncodeError:
        return None


@functools.lru_cache(maxsize=2)
def _kernel(native: Any) -> Any:
    """The native boilerplate finder, built once from the reference's patterns and lists, each
    character beyond ASCII they name written as a control byte (see ``native/src/boilerplate.rs``)."""
    compiled = (_CREDIT_LINE, _DATE, _DATELINE, _CHROME, _BYLINE, _PROMO)
    # the kernel's patterns read re.I as (?i); no other flag has a translation here
    assert not any(p.flags & ~(re.I | re.U) for p in compiled), "only re.I translates"
    patterns = [("(?i)" if p.flags & re.I else "") + _unescaped(p.pattern) for p in compiled]
    named = sorted({c for text in (*patterns, _CHROME_STRIP, *_PROMO_HINTS) for c in text if not c.isascii()})
    code = dict(zip(named, _CONTROL, strict=False))
    assert len(code) == len(named), "more characters named than control bytes"

    def ascii_only(text: str, escape: bool) -> str:
        return "".join((f"\\x{ord(code[c]):02x}" if escape else code[c]) if c in code else c for c in text)

    return native.Boilerplate(
        [ascii_only(p, True) for p in patterns],
        ascii_only(_CHROME_STRIP, False),
        _BYLINE_WORDS,
        [ascii_only(h, False) for h in _PROMO_HINTS],
        _PROMO_MAX_WORDS,
        list(_REASONS),
        list(code.items()),
        _STAND_INS,
        _classes,
    )


def _unescaped(pattern: str) -> str:
    """``pattern`` with its ``\\uXXXX`` escapes of characters beyond ASCII written as the characters."""
    assert "\\\\" not in pattern, "an escaped backslash: not read here"
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)) if int(m[1], 16) > 0x7F else m[0], pattern)


def _classes(char: str) -> tuple[bool, bool, bool, bool]:
    """How Python's ``re`` reads ``char`` (see :data:`_CLASSES`), which the kernel's stand-in of it follows."""
    w, d, s, fold = (p.fullmatch(char) is not None for p in _CLASSES)
    return (w, d, s, fold)
