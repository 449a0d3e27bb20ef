"""Mentions of people, places and organisations with their titles (:func:`_mentions`)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ..lexicon import FUNCTION_WORDS, TITLE_NOUNS
from ..normalize import word_key
from .quotes import Span

_TITLES = frozenset("former then late acting deputy interim incoming outgoing ex vice chief senior".split())
_TITLE_NOUNS = TITLE_NOUNS
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


def _odd_case(low: str) -> bool:
    """Whether lowercased ``low`` holds a character that defeats a substring test (see ``_ODD_CASE``)."""
    return not low.isascii() and _ODD_CASE.search(low) is not None


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
                if lower in FUNCTION_WORDS or lower in _OPENERS or (start == a and lower.endswith(("ing", "ly"))):
                    continue
                mentions.append(((_fold(word.rstrip(".,;:")),), (start, m.end())))
                continue
            # "His", "The", "This" are never part of a name, nor a sentence's first word when it is
            # a common opener ("According", "Speaking", "Currently"): they split or trim the run.
            parts: list[list[re.Match[str]]] = [[]]
            for t in _WORD_TOKEN.finditer(text, start, m.end()):
                lower = t.group().lower()
                if lower in FUNCTION_WORDS or lower in _OPENERS or (t.start() == a and lower.endswith(("ing", "ly"))):
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
