"""Word lists and patterns that more than one stage reads, in one place.

>>> "the" in stopwords() and "Ukraine" not in stopwords()
True
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["FUNCTION_WORDS", "SENTENCE_END", "SPEECH_VERBS", "TITLE_NOUNS", "stopwords"]

#: Characters that may end a sentence as written (a unit ending in none of them, and short, is a heading).
SENTENCE_END = ".?!:;\"'\u201d\u2019)\u2026"

#: The commonest function words (a subset of :func:`stopwords`): what the change flags leave out
#: when they compare the content of quotations and the words around figures and names. Kept short
#: on purpose: "said", "new" or "first" may be the change an editor needs to see.
FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been it its this that these those "
    "we you he she they i our your his her their not no if then there here so do does did will would can could "
    "has have had".split()
)

#: Verbs that introduce a speaker ("Kyiv told reporters", "said Peskov"): the attribution flags read
#: who is speaking next to them. (Segmentation keeps a wider set of its own, with "according", "asked"
#: and "replied", for a different question: whether the words after a closed quotation continue its
#: sentence; see ``articlediff.segment``.)
SPEECH_VERBS = (
    "said", "says", "told", "tells", "stated", "states", "added", "declared", "claimed", "claims", "insisted",
    "warned", "argued", "remarked", "noted", "wrote", "explained", "announced", "concluded", "confirmed", "reported",
)  # fmt: skip

#: Titles that run on into a name ("President Vladimir Putin", "Microsoft Corp. Chairman Bill Gates"): the
#: name flags read them as part of a name; segmentation reads one after a company or a state as the name
#: going on, not a new sentence.
TITLE_NOUNS = frozenset(
    "president minister secretary chancellor spokesman spokeswoman spokesperson envoy ambassador general "
    "governor senator mayor chairman chair director aide premier king queen prince".split()
)


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The English function words (``data/stopwords_en.txt``) left out of content-word comparisons."""
    text = resources.files("articlediff").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
