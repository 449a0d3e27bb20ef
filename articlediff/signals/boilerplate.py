"""Page furniture rather than story (:func:`boilerplate_reason`): promos, credit lines, dates,
datelines, page chrome, bylines."""

from __future__ import annotations

import functools
import re

__all__ = ["boilerplate_reason"]

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


def boilerplate_reason(unit: str, heading: bool = False) -> str | None:
    """Return why a unit is page furniture rather than story (``"promo"``, ``"credit line"``,
    ``"date"``, ``"dateline"``, ``"page chrome"``, ``"byline"``), or None.

    >>> boilerplate_reason("Stay on top of the latest tech trends and biggest startup news.")
    'promo'
    >>> boilerplate_reason("Putin met Trump in Alaska.") is None
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
    if _CHROME.match(text.strip(" .:|»›")):
        return "page chrome"
    words = text.split()
    if heading and 2 <= len(words) <= 4 and re.match(r"^(?:by\s+)?(?:[A-Z][\w'’.-]+\s?){2,4}$", text, re.I):
        if text.lower().startswith("by ") or all(w[:1].isupper() for w in words):
            return "byline"
    if len(words) <= 40:
        low = text.lower()
        if any(map(low.__contains__, _PROMO_HINTS)) and _PROMO.search(text):
            return "promo"
    return None
