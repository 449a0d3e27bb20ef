"""Figures (numbers, percentages, amounts, dates, durations) and which of them a copy replaced
(:func:`_figures`, :func:`_number_swaps`).

:func:`python_figures` is the reference; under the native backend :func:`_figures` hands each
sentence of plain text to the Rust kernel (``articlediff_native.figures``), which must find exactly
the same figures (``tests/test_native_figures.py``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..kernels import active
from ..lexicon import FUNCTION_WORDS
from .quotes import Span

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIXES = {"bn": 1e9, "m": 1e6, "k": 1e3, "tn": 1e12}
_NUMBER_WORD = "|".join(sorted([*_UNITS_WORDS, *_SCALES], key=len, reverse=True))
_UNIT_WORDS = (
    "years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilometres?|kilometers?|miles?|metres?|meters?|"
    "ft|feet|kg|tonnes?|tons?|people|%|percent|per cent"
)
# "and" joins number words only after a scale ("two hundred and fifty"): "lots six and seven" is two.
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
_NUMBER = re.compile(
    r"(?=[\dhaotfsendmb])"  # the first characters of every alternative below: most positions fail here
    rf"(?<![\w.])(?<!\d-)(?:(?P<digits>\d++(?:[.,]\d++)*+)(?:(?P<suffix>bn|tn|m|k)|(?P<attached>ft|km|kg|cm|mm))?(?![\w])"
    rf"|(?P<words>(?:(?:half\s+)?an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|{_AND})(?:{_NUMBER_WORD}))*)(?![\w]))"
    rf"(?:[\s-]*(?P<scale>million|billion|trillion|thousand|dozen)\b)?"
    rf"(?:[\s-]*(?P<unit>{_UNIT_WORDS})(?![\w]))?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_HINTS = tuple([*_UNITS_WORDS, *_SCALES])


class _Figure:
    """A figure of a sentence. Its slot (the words around it) is read only when asked for: most
    figures are found again on the other side and never need one."""

    __slots__ = ("value", "unit", "kind", "span", "_text", "_sentence", "_slot")

    def __init__(self, value: float, unit: str, kind: str, span: Span, text: str, sentence: Span) -> None:
        self.value = value
        self.unit = unit  # "" for a bare number
        self.kind = kind  # "percent", "year", "duration", "amount" or "count"
        self.span = span
        self._text, self._sentence = text, sentence
        self._slot: tuple[frozenset[str], str | None, frozenset[str]] | None = None

    def _words(self) -> tuple[frozenset[str], str | None, frozenset[str]]:
        if self._slot is None:
            (a, b), (start, end) = self._sentence, self.span
            before = _context(self._text, max(a, start - 80), start)
            after = _context(self._text, end, min(b, end + 60))
            self._slot = frozenset(before[-2:]), after[0] if after else None, frozenset(before[-4:] + after[:4])
        return self._slot

    @property
    def before(self) -> frozenset[str]:
        """The two content words before it ..."""
        return self._words()[0]

    @property
    def after(self) -> str | None:
        """... and the first after it: which slot it fills."""
        return self._words()[1]

    @property
    def context(self) -> frozenset[str]:
        """Up to four content words on each side: which fact it belongs to."""
        return self._words()[2]


def _words_value(words: str) -> float:
    """ "thirty-five" → 35, "two dozen" → 24, "half a dozen" → 6, "nine hundred" → 900."""
    total, current = 0.0, 0.0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = current or 1.0
        elif w == "half":
            current = 0.5
        elif w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in ("hundred", "dozen"):
            current = (current or 1.0) * _SCALES[w]
        elif w in _SCALES:
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
    return total + current


_DURATIONS = ("year", "month", "week", "day", "hour", "minute", "second")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][a-z]*)\s$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words around a figure that say nothing about what it counts.
_VAGUE = frozenset("about around more than less fewer nearly almost some over under least roughly".split())
# ... nor do other figures' words ("two or *three* jobs": the slot is "jobs").
_NOISE = FUNCTION_WORDS | _VAGUE | frozenset([*_UNITS_WORDS, *_SCALES])
# Capitalized words before a number that do not make it part of a name ("In 2019", "About 30").
_NOT_NAMES = _MONTHS | FUNCTION_WORDS | _VAGUE | frozenset("since until after before between among only just".split())
_CONTEXT_WORD = re.compile(r"[^\W\d_]{3,}")


def _context(text: str, start: int, end: int) -> list[str]:
    """The content words of ``text[start:end]``, plural -s dropped ("notes" and "note" agree)."""
    words = (w.lower() for w in _CONTEXT_WORD.findall(text, start, end))
    return [w.rstrip("s") for w in words if w not in _NOISE]


def _figures(text: str, spans: Sequence[Span]) -> list[_Figure]:
    """The figures of each span of ``text``, in order: :func:`python_figures`'s, by the active backend."""
    native = active()
    if native is None:
        return python_figures(text, spans)
    out: list[_Figure] = []
    size = len(text)
    for a, b in spans:
        # the kernel reads the sentence and the two characters before it, which the look-behinds of
        # _NUMBER and _NAME_BEFORE see; it answers None for text that is not plain (see
        # native/src/flags.rs is_plain)
        lo = max(0, a - 2)
        try:
            found = native.figures(text[lo:b], a - lo) if 0 <= a < b <= size else None
        except UnicodeEncodeError:  # a lone surrogate ("\udce9") has no UTF-8 form for the kernel
            found = None
        if found is None:
            out += python_figures(text, ((a, b),))
            continue
        for value, unit, kind, start, end, name in found:
            if name is None or name in _NOT_NAMES:  # else part of a name: "Boeing 747"
                out.append(_Figure(value, unit, kind, (lo + start, lo + end), text, (a, b)))
    return out


def _digits_value(digits: str) -> float:
    """The value of a figure written in digits: "1,000" 1000, "3.5" 3.5, "1,5" 1.5 (one comma, not
    before three digits: a decimal comma). A run that is no one number ("7.12.2026", a date;
    "1.2.3", a version; "1,23.4") is kept apart from other figures by its digits alone (7122026.0),
    so a changed date still shows and nothing raises."""
    one_comma = digits.count(",") == 1 and len(digits.split(",")[1]) != 3
    try:
        return float(digits.replace(",", ".") if one_comma else digits.replace(",", ""))
    except ValueError:
        return float("".join(c for c in digits if c.isdigit()))


def python_figures(text: str, spans: Sequence[Span]) -> list[_Figure]:
    """The reference: the figures of each span of ``text``, in order (the spans are read on their own)."""
    out = []
    for a, b in spans:
        if not _DIGIT.search(text, a, b):
            low = text[a:b].lower()
            if not any(map(low.__contains__, _HINTS)):
                continue  # cheap test first: most sentences hold no figure
        heading = text[b - 1] not in ".?!\"'\u201d\u2019)"
        for m in _NUMBER.finditer(text, a, b):
            if m.group("digits") is not None:
                if heading and m.start() == a:
                    continue  # a list item's number ("8 You can't cure jet lag"), not a figure
                name = _NAME_BEFORE.search(text, max(a, m.start() - 25), m.start())
                if name and name.group(1).lower() not in _NOT_NAMES:
                    continue  # part of a name: "Clermont Foot 63", "Boeing 747", "No 10"
                value = _digits_value(m.group("digits"))
                value *= _SUFFIXES.get((m.group("suffix") or "").lower(), 1.0)
            else:
                words = m.group("words")
                if words.lower() in ("one", "a", "an") and not m.group("unit"):
                    continue  # "one person said": a pronoun, not a figure
                if all(w in _SCALES for w in re.split(r"[\s-]+", words.lower())):
                    continue  # "millions of people": no figure
                value = _words_value(words)
            if m.group("scale"):
                value *= _SCALES[m.group("scale").lower()]
            unit = (m.group("unit") or m.group("attached") or "").lower()
            unit = unit.replace("per cent", "%").replace("percent", "%")
            unit = unit[:-1] if unit.endswith("s") and unit not in ("%",) else unit
            if unit in _DURATIONS:
                kind = "duration"
            elif unit == "%":
                kind = "percent"
            elif unit:
                kind = "amount"
            elif m.group("digits") and value.is_integer() and 1800 <= value <= 2100 and len(m.group("digits")) == 4:
                kind = "year"
            else:
                kind = "count"
            out.append(_Figure(value, unit, kind, m.span(), text, (a, b)))
    return out


# A duration and a calendar year can fill the same slot: "in more than four years" / "since 2018".
_COMPATIBLE = {("duration", "year"), ("year", "duration")}


def _number_swaps(left: Sequence[_Figure], right: Sequence[_Figure]) -> list[tuple[_Figure, _Figure]]:
    """Figures of the original replaced by different figures in the copy, in the same slot (a
    compatible kind, see :func:`_same_slot`). A figure found again in the copy is not a change:
    each one is first paired with an equal figure (same value and unit), then with one of the
    same value in another unit ("11,000 feet" / "11,000ft", "nine of their" / "nine days"), one
    for one, so a figure repeated in the copy in place of another ("in 2022 … in 2023" → "in
    2023 … in 2023") still shows."""
    gone, new = list(left), list(right)
    for same in (lambda g, n: g.value == n.value and g.unit == n.unit, lambda g, n: g.value == n.value):
        for g in list(gone):
            equal = [n for n in new if same(g, n)]
            if equal:
                gone.remove(g)
                # its partner: the first in the same slot
                new.remove(equal[0] if len(equal) == 1 else max(equal, key=lambda n: _near(g, n)))
    return [
        (g, n) for g in gone for n in new if (g.kind == n.kind or (g.kind, n.kind) in _COMPATIBLE) and _same_slot(g, n)
    ]


def _near(g: _Figure, n: _Figure) -> bool:
    """The same word after both figures, or one of the two before them."""
    return (g.after is not None and g.after == n.after) or bool(g.before & n.before)


def _same_slot(g: _Figure, n: _Figure) -> bool:
    """Whether two figures state the same fact. What is counted must match: the word after a
    count or amount ("two dozen *children*"), and, since the same noun can count different things
    ("our new £20 *notes*" / "Austen on the £10 *note*"), at least one other content word around
    them must agree ("200 *women* and two dozen children" / "200 *women* and 20 children"). A year
    or a duration often ends its clause, so for those a word before will do ("*summit* in more than
    four years" / "*summit* since 2018"), as it does for any figure that ends the sentence."""
    if g.kind in ("year", "duration") and n.kind in ("year", "duration"):
        return _near(g, n)
    if g.after is not None and g.after == n.after:
        return bool((g.context & n.context) - {g.after})
    # a figure that ends its sentence ("BMW offers one for about $3,000."): what comes before
    return g.after is None and n.after is None and bool(g.before & n.before)
