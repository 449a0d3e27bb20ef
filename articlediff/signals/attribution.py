"""Who said it and how sure it is: speakers of quotations (:func:`_speakers`) and hedges
("reportedly", "according to sources": :func:`_hedges`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import SPEECH_VERBS
from ..normalize import normalize, word_key
from .names import _odd_case
from .quotes import Span

_SPEECH = "|".join(SPEECH_VERBS)
_SPEAKER_BEFORE = re.compile(rf"(?P<who>(?:[\w'’.-]+\s+){{0,3}}?[\w'’.-]+)\s+(?:{_SPEECH})\b", re.I)
_SPEAKER_AFTER = re.compile(rf"\b(?:{_SPEECH})\s+(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})")
_HEDGES = re.compile(
    r"(?=[rapsi])\b(?:reportedly|allegedly|purportedly|apparently|according to (?:sources|reports|people)|"
    r"sources said|is said to|are said to|rumou?red)\b",
    re.I,
)
_PRONOUNS = frozenset("he she they it we i".split())
_SPEECH_VERBS = tuple(sorted(SPEECH_VERBS))


def _may_hold(piece: str, words: tuple[str, ...]) -> bool:
    """False only if no case-insensitive match of any of ``words`` (lowercase ASCII) can be in ``piece``."""
    low = piece.lower()
    return any(map(low.__contains__, words)) or _odd_case(low)


def _outside_quotes(text: str, span: Span, quotes: Sequence[Span]) -> list[Span]:
    a, b = span
    pieces, pos = [], a
    for qa, qb in quotes:
        if qb <= a or qa >= b:
            continue
        if qa > pos:
            pieces.append((pos, qa - 1))
        pos = max(pos, qb + 1)
    if pos < b:
        pieces.append((pos, b))
    return pieces


def _speakers(text: str, spans: Sequence[Span], quotes: Sequence[Span]) -> list[tuple[str, Span]]:
    """The speaker of each quoted statement: the words before or after a speech verb, outside quotes."""
    found = []
    for span in spans:
        if not any(span[0] <= qa < span[1] for qa, _ in quotes):
            continue  # only statements with a quotation have a speaker worth comparing
        for a, b in _outside_quotes(text, span, quotes):
            found.extend(_speakers_in(text, a, b))
    return found


def _speakers_in(text: str, a: int, b: int) -> list[tuple[str, Span]]:
    """The speakers named in ``text[a:b]``, a piece of a sentence outside its quotations: the words
    before a speech verb ("Kyiv told"), then those after one ("said the Kremlin")."""
    found: list[tuple[str, Span]] = []
    if not _may_hold(text[a:b], _SPEECH_VERBS):
        return found  # both patterns need a speech verb: most pieces have none
    for m in _SPEAKER_BEFORE.finditer(text, a, b):
        who = m.group("who").split()
        head = who[-1]
        if head.lower() in _PRONOUNS or head[:1].isupper():
            found.append((word_key(head), m.span("who")))
    for m in _SPEAKER_AFTER.finditer(text, a, b):
        found.append((word_key(m.group("who").split()[-1]), m.span("who")))
    return found


_HEDGE_HINTS = ("report", "alleg", "purport", "apparent", "according", "said to", "sources said", "rumo")


def _outside_text(text: str, spans: Sequence[Span], quotes: Sequence[Span]) -> set[str]:
    """The word keys of a group's text outside quotation marks."""
    return {
        word_key(w)
        for a, b in spans
        for qa, qb in _outside_quotes(text, (a, b), quotes)
        for w in re.findall(r"\w+", text[qa:qb])
    }


def _speaker_changed(left: set[str], right: set[str], left_words: set[str], right_words: set[str]) -> bool:
    """Different speakers, except a pronoun standing for the same name ("Pittman says" → "he says"):
    a name replaced by a pronoun counts only when the name is still there in another role
    ("Kyiv told reporters" → "he told reporters in comments released by Kyiv")."""
    if left == right:
        return False
    names_l, names_r = left - _PRONOUNS, right - _PRONOUNS
    if not names_r and names_l:  # the copy says "he": a change only if the name moved elsewhere
        return bool(names_l & right_words)
    if not names_l and names_r:  # the copy names who "he" was: a change only if that name was elsewhere
        return bool(names_r & left_words)
    return True


def _hedges(text: str, spans: Sequence[Span]) -> dict[str, Span]:
    out: dict[str, Span] = {}
    for a, b in spans:
        low = text[a:b].lower()
        if not any(map(low.__contains__, _HEDGE_HINTS)):
            continue
        for m in _HEDGES.finditer(text, a, b):
            out.setdefault(normalize(m.group()), m.span())
    return out
