"""Word lists and patterns that more than one stage reads, in one place.

>>> "the" in stopwords() and "Ukraine" not in stopwords()
True
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["SENTENCE_END", "stopwords"]

#: Characters that may end a sentence as written (a unit ending in none of them, and short, is a heading).
SENTENCE_END = ".?!:;\"'\u201d\u2019)\u2026"


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The English function words (``data/stopwords_en.txt``) left out of content-word comparisons."""
    text = resources.files("articlediff").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
