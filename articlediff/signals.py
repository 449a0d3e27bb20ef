"""What changed that matters: quotes, numbers, names, attribution, credits and boilerplate.

A word diff says *that* a sentence changed; these signals say whether the change matters to an
editor. Every flag carries the exact character spans on both sides and a short message:

- ``quote_changed``: the words inside quotation marks differ from the original's quotation they
  come from (typography ignored); ``quote_unsourced``: a quotation in the copy whose words appear
  in no quotation of the original.
- ``number_changed``: numbers, percentages, amounts, dates and durations replaced by others in an
  aligned pair ("more than four years" → "since 2018").
- ``name_changed``: a name or title of a person, place or organisation changed around a shared
  name ("Donald Trump" → "former U.S. President Donald Trump").
- ``attribution_changed``: the speaker of a statement changed ("Kyiv told reporters" → "he told
  reporters in comments released by Kyiv"), or a hedge ("reportedly", "allegedly", "according to
  sources") was added or removed.

Also here: :func:`credits` (which agencies and outlets a text credits, from the shipped, extendable
``data/agencies.json``) and :func:`boilerplate_reason` (page chrome, promos, bylines, datelines,
newsletter prompts, "(With agency inputs)").

>>> [f.message for f in flag_pair("Putin met Trump in four years.", [(0, 30)], "Putin met Trump in 2018.", [(0, 24)])]
['number changed: four years → 2018']
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import NamedTuple

from .normalize import keys as span_keys
from .normalize import normalize, word_key

__all__ = [
    "Flag",
    "annotate",
    "boilerplate_reason",
    "credits",
    "flag_pair",
    "quotations",
    "unsourced_quotes",
]

Span = tuple[int, int]


class Flag(NamedTuple):
    """A change that matters: its ``kind``, a human-readable ``message`` and the spans it concerns
    on each side (``None`` where a side has nothing to point at)."""

    kind: str
    message: str
    left: Span | None
    right: Span | None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "left": list(self.left) if self.left else None,
            "right": list(self.right) if self.right else None,
        }


# -- quotations -------------------------------------------------------------------------------

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
    """Return the spans of the words inside quotation marks (quote marks excluded)."""
    if len(text) <= _CACHED_TEXT_MAX:
        return list(_cached_quotations(text))
    return _quotations(text)


# Texts up to this length have their quotations (and an original's sentence features) cached:
# batch checking compares one original with many copies. Bounded caches of news-sized texts.
_CACHED_TEXT_MAX = 200_000


@functools.lru_cache(maxsize=64)
def _cached_quotations(text: str) -> tuple[Span, ...]:
    return tuple(_quotations(text))


def _quotations(text: str) -> list[Span]:
    spans = []
    for m in _QUOTE.finditer(text):
        group = m.lastgroup or "a"
        spans.append(m.span(group))
    for m in _OPEN_QUOTE.finditer(text):  # “Putin wants peace and compromise. (never closed)
        if not any(a <= m.start("d") < b for a, b in spans):
            spans.append(m.span("d"))
    return sorted(spans)


_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been it its this that these those "
    "we you he she they i our your his her their not no if then there here so do does did will would can could "
    "has have had".split()
)


def _content(keys: Iterable[str]) -> set[str]:
    return {k for k in keys if k not in _STOP}


def _short(text: str, span: Span, width: int = 60) -> str:
    s = " ".join(text[span[0] : span[1]].split())
    return s if len(s) <= width else s[: width - 1] + "…"


def unsourced_quotes(
    left: str, left_quotes: Sequence[Span], right: str, right_quotes: Sequence[Span]
) -> dict[Span, Flag]:
    """Flag each quotation of the copy against the original's quotations (document-wide, since a
    copy may move a quote anywhere): ``quote_changed`` when its words come from an original quote
    but differ, ``quote_unsourced`` when no original quote holds most of its words. A quotation that
    is an unbroken excerpt of an original one (the copy quotes less, word for word) is not a change."""
    # one keys() call per side: it lowercases the whole text each time
    lquote_keys = span_keys(left, list(left_quotes)) if left_quotes else []
    originals = [
        (span, keys, _content(keys), f" {' '.join(keys)} ") for span, keys in zip(left_quotes, lquote_keys, strict=True)
    ]
    # Only originals sharing a content word can hold the quote or most of its words: look them up
    # by word, so a long text with many quotations is not quotes x quotes.
    holding: dict[str, list[int]] = {}
    for n, (_, _, lcontent, _) in enumerate(originals):
        for word in lcontent:
            holding.setdefault(word, []).append(n)
    flags: dict[Span, Flag] = {}
    rkeys = span_keys(right, list(right_quotes)) if right_quotes else []
    for span, keys in zip(right_quotes, rkeys, strict=True):
        content = _content(keys)
        if len(keys) < 3 or not content:
            continue  # scare quotes around a word or two ("peacemaker president")
        best, best_share = None, 0.0
        joined = f" {' '.join(keys)} "
        near = sorted({n for word in content for n in holding.get(word, ())})  # in order: ties go first
        for lspan, lkeys, lcontent, ljoined in (originals[n] for n in near):
            if joined in ljoined:
                best, best_share = None, -1.0  # quoted exactly, or an excerpt of it: nothing to flag
                break
            share = len(content & lcontent) / len(content)
            if share > best_share:
                best, best_share = (lspan, lkeys), share
        if best_share < 0:
            continue
        if best is not None and best_share >= 0.5:
            flags[span] = Flag(
                "quote_changed",
                f"quote changed: “{_short(left, best[0])}” → “{_short(right, span)}”",
                best[0],
                span,
            )
        else:
            flags[span] = Flag(
                "quote_unsourced", f"quote not found in the original: “{_short(right, span)}”", None, span
            )
    return flags


# -- numbers ----------------------------------------------------------------------------------

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
_NOISE = _STOP | _VAGUE | frozenset([*_UNITS_WORDS, *_SCALES])
# Capitalized words before a number that do not make it part of a name ("In 2019", "About 30").
_NOT_NAMES = _MONTHS | _STOP | _VAGUE | frozenset("since until after before between among only just".split())
_CONTEXT_WORD = re.compile(r"[^\W\d_]{3,}")


def _context(text: str, start: int, end: int) -> list[str]:
    """The content words of ``text[start:end]``, plural -s dropped ("notes" and "note" agree)."""
    words = (w.lower() for w in _CONTEXT_WORD.findall(text, start, end))
    return [w.rstrip("s") for w in words if w not in _NOISE]


def _figures(text: str, spans: Sequence[Span]) -> list[_Figure]:
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
                value = (
                    float(m.group("digits").replace(",", ""))
                    if m.group("digits").count(",") != 1 or len(m.group("digits").split(",")[1]) == 3
                    else float(m.group("digits").replace(",", "."))
                )
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


# -- names ------------------------------------------------------------------------------------

_TITLES = frozenset("former then late acting deputy interim incoming outgoing ex vice chief senior".split())


_TITLE_NOUNS = frozenset(
    "president minister secretary chancellor spokesman spokeswoman spokesperson envoy ambassador general "
    "governor senator mayor chairman chair director aide premier king queen prince".split()
)
# Capitalized only because they start a sentence: not names.
_OPENERS = frozenset(
    "according regarding following speaking however meanwhile currently previously despite though although "
    "while after before during since until unless because when where what which who why how in on at for as "
    "with without by from into over under about also still yet but and or so if then there here this that these "
    "those it its his her their our my your".split()
)


_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f"
_NAME_RUN = re.compile(
    rf"[{_UPPER}][\w'’.-]*(?:\s+(?:[{_UPPER}][\w'’.-]*|(?:" + "|".join(sorted(_TITLE_NOUNS)) + r")\b))*"
)
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_TITLES)) + r")\s+$", re.I)
_TITLE_ENDS = tuple(sorted(_TITLES))
# Characters that a case-insensitive pattern matches to an ASCII letter but whose lower() is not
# that letter ("ſ" ~ "s", "ı" ~ "i", "İ".lower() == "i̇"): a substring test cannot rule them out.
_ODD_CASE = re.compile("[\u017f\u0131\u0307]")
_WORD_TOKEN = re.compile(r"\S+")


_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "æ": "ae", "œ": "oe", "ß": "ss"})


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """A name's key without accents: "Soljačić" and "Soljacic", "Mysłajek" and "Myslajek" are one name."""
    decomposed = unicodedata.normalize("NFKD", word_key(word).translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _mentions(text: str, spans: Sequence[Span]) -> list[tuple[tuple[str, ...], Span]]:
    """Runs of capitalized words, with title words around them ("former", "president")."""
    mentions: list[tuple[tuple[str, ...], Span]] = []
    for a, b in spans:
        for m in _NAME_RUN.finditer(text, a, b):
            start = m.start()
            before = None
            if text[start - 1].isspace():
                lo = max(a, start - 12)
                window = text[lo:start].rstrip().lower()
                # the pattern needs a title word just before the spaces: test that cheaply first
                if window.endswith(_TITLE_ENDS) or _odd_case(window):
                    before = _TITLE_BEFORE.search(text, lo, start)
            if before:  # "former U.S. President …": the marker belongs to the name
                start = before.start()
            if start == m.end() - len(m.group()) and " " not in m.group():
                # one word: the common case, kept cheap
                word = m.group()
                lower = word.lower()
                if lower in _STOP or lower in _OPENERS or (start == a and lower.endswith(("ing", "ly"))):
                    continue
                mentions.append(((_fold(word.rstrip(".,;:")),), (start, m.end())))
                continue
            # "His", "The", "This" are never part of a name, nor a sentence's first word when it is
            # a common opener ("According", "Speaking", "Currently"): they split or trim the run.
            parts: list[list[re.Match[str]]] = [[]]
            for t in _WORD_TOKEN.finditer(text, start, m.end()):
                lower = t.group().lower()
                if lower in _STOP or lower in _OPENERS or (t.start() == a and lower.endswith(("ing", "ly"))):
                    parts.append([])
                else:
                    parts[-1].append(t)
            for run in parts:
                while run and run[-1].group().lower() in _TITLES:
                    run.pop()
                if run and any(t.group()[:1].isupper() for t in run):
                    keys = tuple(_fold(t.group().rstrip(".,;:")) for t in run)
                    mentions.append((keys, (run[0].start(), run[-1].end())))
    return mentions


# -- attribution ------------------------------------------------------------------------------

_SPEECH = (
    r"said|says|told|tells|stated|states|added|says|declared|claimed|claims|insisted|warned|argued|"
    r"remarked|noted|wrote|explained|announced|concluded|confirmed|reported"
)
_SPEAKER_BEFORE = re.compile(rf"(?P<who>(?:[\w'’.-]+\s+){{0,3}}?[\w'’.-]+)\s+(?:{_SPEECH})\b", re.I)
_SPEAKER_AFTER = re.compile(rf"\b(?:{_SPEECH})\s+(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})")
_HEDGES = re.compile(
    r"(?=[rapsi])\b(?:reportedly|allegedly|purportedly|apparently|according to (?:sources|reports|people)|"
    r"sources said|is said to|are said to|rumou?red)\b",
    re.I,
)
_PRONOUNS = frozenset("he she they it we i".split())
_SPEECH_VERBS = tuple(sorted(set(_SPEECH.split("|"))))


def _odd_case(low: str) -> bool:
    """Whether lowercased ``low`` holds a character that defeats a substring test (see ``_ODD_CASE``)."""
    return not low.isascii() and _ODD_CASE.search(low) is not None


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
            if not _may_hold(text[a:b], _SPEECH_VERBS):
                continue  # both patterns need a speech verb: most pieces have none
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


# -- flags on one aligned pair ----------------------------------------------------------------


def _found_in(find, text: str, span: Span, memo: dict, *more: object):
    """``find(text, [span], *more)``, kept in ``memo``."""
    key = (find, span)
    found = memo.get(key)
    if found is None:
        found = memo[key] = find(text, [span], *more)
    return found


def _per_span(find, text: str, spans: Sequence[Span], memo: dict | None, *more: object) -> list:
    """``find(text, spans, *more)``, one span at a time through ``memo``: the finders above treat
    each span on its own and list what they find in span order."""
    if memo is None:
        return find(text, spans, *more)
    return [item for span in spans for item in _found_in(find, text, span, memo, *more)]


def _left_hedges(text: str, spans: Sequence[Span], memo: dict | None) -> dict[str, Span]:
    """:func:`_hedges` through ``memo`` (the first span holding a hedge gives its place)."""
    if memo is None:
        return _hedges(text, spans)
    out: dict[str, Span] = {}
    for span in spans:
        for hedge, where in _found_in(_hedges, text, span, memo).items():
            out.setdefault(hedge, where)
    return out


@functools.lru_cache(maxsize=64)
def _memo_of(text: str) -> dict:
    """What the flags found in each sentence of an original, kept while it is compared with copies."""
    return {}


def flag_pair(
    left: str,
    left_spans: Sequence[Span],
    right: str,
    right_spans: Sequence[Span],
    left_quotes: Sequence[Span] = (),
    right_quotes: Sequence[Span] = (),
    left_memo: dict | None = None,
) -> list[Flag]:
    """Return the number, name and attribution flags of one aligned group (its sentence spans).

    ``left_memo`` (a dict kept with the left text) holds what was found in each of its sentences,
    for a text compared with many others.
    """
    flags: list[Flag] = []
    # numbers: a figure replaced by another in the same slot
    lfigures = _per_span(_figures, left, left_spans, left_memo)
    swaps = _number_swaps(lfigures, _figures(right, right_spans)) if lfigures else []
    if swaps:
        olds = sorted({g.span for g, _ in swaps})
        news = sorted({n.span for _, n in swaps})
        flags.append(
            Flag(
                "number_changed",
                "number changed: "
                + ", ".join(left[a:b] for a, b in olds)
                + " → "
                + ", ".join(right[a:b] for a, b in news),
                (olds[0][0], olds[-1][1]),
                (news[0][0], news[-1][1]),
            )
        )
    # names: a mention of the copy that adds words (a title, a different first name) to a mention
    # of the original it shares a name with; shortening a name ("Vladimir Putin" → "Putin") is not
    # a change worth an editor's time, unless a marker such as "former" goes or comes.
    lm = _per_span(_mentions, left, left_spans, left_memo)
    lkeys = {k for k, _ in lm}
    for keys, span in _mentions(right, right_spans):
        if keys in lkeys:
            continue
        partners = [(k, sp) for k, sp in lm if set(k) & set(keys)]
        if not partners:
            continue
        k, sp = max(partners, key=lambda ks: (len(set(ks[0]) & set(keys)), -len(set(ks[0]) ^ set(keys)), -ks[1][0]))
        added, removed = set(keys) - set(k), set(k) - set(keys)
        titles = _TITLES | _TITLE_NOUNS
        if not removed and not added & titles:
            continue  # the copy spelled out the name ("Russian president" → "… Vladimir Putin")
        if not added and not removed & _TITLES:
            continue  # the copy shortened the name
        flags.append(
            Flag("name_changed", f"name changed: “{left[sp[0] : sp[1]]}” → “{right[span[0] : span[1]]}”", sp, span)
        )
    # attribution: the speaker of a quotation, and hedges
    ls, rs = _per_span(_speakers, left, left_spans, left_memo, left_quotes), _speakers(right, right_spans, right_quotes)
    if (
        ls
        and rs
        and _speaker_changed(
            {k for k, _ in ls},
            {k for k, _ in rs},
            _outside_text(left, left_spans, left_quotes),
            _outside_text(right, right_spans, right_quotes),
        )
    ):
        flags.append(
            Flag(
                "attribution_changed",
                f"speaker changed: {', '.join(dict.fromkeys(left[s[0] : s[1]] for _, s in ls))} → "
                f"{', '.join(dict.fromkeys(right[s[0] : s[1]] for _, s in rs))}",
                ls[0][1],
                rs[0][1],
            )
        )
    lh, rh = _left_hedges(left, left_spans, left_memo), _hedges(right, right_spans)
    for hedge in sorted(set(lh) ^ set(rh)):
        if hedge in lh:
            flags.append(Flag("attribution_changed", f"hedge removed: “{hedge}”", lh[hedge], None))
        else:
            flags.append(Flag("attribution_changed", f"hedge added: “{hedge}”", None, rh[hedge]))
    return flags


# -- credits and boilerplate ------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _agencies() -> dict[str, list[str]]:
    raw = json.loads(resources.files("articlediff").joinpath("data/agencies.json").read_text("utf-8"))
    return {name: list(phrases) for name, phrases in raw["agencies"].items()}


def _has_phrase(text: str, lowered: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (in any case if written in lowercase)."""
    haystack = lowered if phrase.islower() else text
    start = haystack.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (phrase[0].isalnum() and before.isalnum()) and not (phrase[-1].isalnum() and after.isalnum()):
            return True
        start = haystack.find(phrase, start + 1)
    return False


def credits(text: str, extra: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Return the agencies and outlets ``text`` credits, in the order of the shipped list.

    ``extra`` adds or replaces entries: ``{"Kyodo": ["Kyodo News"]}``: words or phrases, matched as
    whole words, in any case when written in lowercase.

    >>> credits("MOSCOW (Reuters) - Talks began, the Associated Press reported. (With agency inputs)")
    ['Reuters', 'AP', 'agency inputs']
    """
    if not extra and len(text) <= 200_000:  # the cache keeps texts: only news-sized ones
        return list(_shipped_credits(text))
    table = dict(_agencies())
    table.update({name: list(phrases) for name, phrases in (extra or {}).items()})
    lowered = text.lower()
    return [name for name, phrases in table.items() if any(_has_phrase(text, lowered, p) for p in phrases)]


@functools.lru_cache(maxsize=256)
def _shipped_credits(text: str) -> tuple[str, ...]:
    """Credits from the shipped list, cached: batch checking asks for an original's many times."""
    lowered = text.lower()
    return tuple(name for name, phrases in _agencies().items() if any(_has_phrase(text, lowered, p) for p in phrases))


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


# -- the stage --------------------------------------------------------------------------------


def annotate(
    left: str,
    right: str,
    left_spans: Sequence[Span],
    right_spans: Sequence[Span],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    headings: tuple[Sequence[bool], Sequence[bool]],
    *,
    flags: bool = True,
) -> tuple[list[list[Flag]], list[str | None], list[str | None]]:
    """Flags for each group (sentence indices per side) and a boilerplate reason for every sentence.

    Quotation flags go to the group holding the sentence where the copy's quotation starts (which
    may be an added sentence: a quote the copy made up has no counterpart). ``flags=False`` skips
    the flags (each group gets none) and only finds the boilerplate.
    """
    found = [[] for _ in groups] if not flags else _flags(left, right, left_spans, right_spans, groups)
    paired = ({i for li, ri in groups if ri for i in li}, {j for li, ri in groups if li for j in ri})
    boiler = tuple(
        [None if n in done else boilerplate_reason(text[a:b], heads[n]) for n, (a, b) in enumerate(spans)]
        for text, spans, heads, done in (
            (left, left_spans, headings[0], paired[0]),
            (right, right_spans, headings[1], paired[1]),
        )
    )
    return found, boiler[0], boiler[1]


def _touching(quotes: Sequence[Span], starts: Sequence[int], spans: Sequence[Span]) -> list[Span]:
    """The quotations (sorted, not overlapping; ``starts`` their starts) that overlap any of ``spans``."""
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    first = max(0, bisect.bisect_left(starts, lo) - 1)
    return [q for q in quotes[first : bisect.bisect_left(starts, hi)] if q[1] > lo]


def _flags(
    left: str,
    right: str,
    left_spans: Sequence[Span],
    right_spans: Sequence[Span],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[list[Flag]]:
    lq, rq = quotations(left), quotations(right)
    lstarts, rstarts = [a for a, _ in lq], [a for a, _ in rq]
    memo = _memo_of(left) if len(left) <= _CACHED_TEXT_MAX else None
    flags: list[list[Flag]] = []
    for li, ri in groups:
        same = [left[left_spans[i][0] : left_spans[i][1]] for i in li] == [
            right[right_spans[j][0] : right_spans[j][1]] for j in ri
        ]
        if li and ri and not same:
            ls, rs = [left_spans[i] for i in li], [right_spans[j] for j in ri]
            # only the quotations that touch the group: linear in the number of sentences overall
            flags.append(flag_pair(left, ls, right, rs, _touching(lq, lstarts, ls), _touching(rq, rstarts, rs), memo))
        else:
            flags.append([])
    owner = {j: g for g, (_, ri) in enumerate(groups) for j in ri}
    sentence_starts = [a for a, _ in right_spans]
    for (qa, _), flag in sorted(unsourced_quotes(left, lq, right, rq).items()):
        # the sentence holding the quote's first word (a quote mark may sit just before a sentence)
        j = bisect.bisect_right(sentence_starts, qa + 1) - 1
        if j < 0 or right_spans[j][1] <= qa:
            j += 1
        if 0 <= j < len(right_spans) and j in owner:
            flags[owner[j]].insert(0, flag)
    return flags
