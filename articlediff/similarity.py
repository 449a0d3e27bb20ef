"""How alike two sentences are, in [0, 1], from lexical evidence only.

:func:`similarity` combines a rapidfuzz score over the sorted normalized word keys with overlaps of
stemmed content words (Snowball stemmer, a shipped stopword list) and of numbers, through a logistic
model whose weights are fitted by ``scripts/calibrate.py`` on the training splits of STS-B (without
its MSRpar rows) and shipped in ``data/similarity.json``. Every feature is symmetric, so
``similarity(a, b) == similarity(b, a)``. :func:`features` gives a wider set (word order, token
sets, bigrams, length) for research and for fitting other models; the shipped model keeps the four
that carry nearly all the signal (STS-B train+dev Pearson 0.755 against 0.760 with all eight) at a
third of the cost, since alignment scores thousands of pairs per article.

>>> similarity("Putin met Trump in Alaska.", "Putin met Trump in Alaska.")
1.0
>>> similarity("Putin met Trump in Alaska.", "Trump and Putin met in Alaska on Friday.") > 0.6
True
>>> similarity("Putin met Trump in Alaska.", "Oil prices fell sharply on Monday.") < 0.2
True
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from importlib import resources

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import token_set_ratio

from .normalize import words

__all__ = [
    "FEATURES",
    "MODEL_FEATURES",
    "Profile",
    "features",
    "joined",
    "model_features",
    "profile",
    "score",
    "similarity",
]

#: Names of the features, in the order :func:`features` returns them.
FEATURES = ("seq", "sorted", "token_set", "dice", "containment", "bigrams", "numbers", "length")
#: The features the shipped similarity model uses, in the order of its weights.
MODEL_FEATURES = ("sorted", "dice", "containment", "numbers")


_DIGIT = re.compile(r"\d").search
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("articlediff").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, ...], float]:
    raw = json.loads(resources.files("articlediff").joinpath("data/similarity.json").read_text("utf-8"))
    return tuple(raw["weights"][name] for name in MODEL_FEATURES), float(raw["bias"])


@functools.lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """The stem of every content word seen so far (filled on demand; stemming is the costly part).

    It grows with the vocabulary, which is bounded (a few hundred thousand words for news)."""
    return {}


def _stem(word: str) -> str:
    got = _stems()[word] = _stemmer_instance()(word) if word.isalpha() and len(word) > 3 else word
    return got


@functools.lru_cache(maxsize=1)
def _stemmer_instance() -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english").stem


class Profile:
    """What the scorer needs of one sentence (or of several sentences read as one).

    The parts only the fuzzy scorer needs are computed on first use: most sentences never meet a
    candidate worth scoring.
    """

    __slots__ = ("_bigrams", "_numbers", "_sorted_text", "_stems", "content", "keys", "text")

    def __init__(self, keys: tuple[str, ...], stems: list[str]) -> None:
        self.keys = keys
        self.text = " ".join(keys)  #: the comparison key: word keys joined by single spaces
        self.content = frozenset(stems)  #: stemmed content words
        self._stems = stems
        self._sorted_text: str | None = None
        self._bigrams: frozenset[tuple[str, str]] | None = None
        self._numbers: frozenset[str] | None = None

    @property
    def sorted_text(self) -> str:
        """The word keys in sorted order, joined by spaces."""
        if self._sorted_text is None:
            self._sorted_text = " ".join(sorted(self.keys))
        return self._sorted_text

    @property
    def bigrams(self) -> frozenset[tuple[str, str]]:
        """Consecutive stemmed content words."""
        if self._bigrams is None:
            self._bigrams = frozenset(zip(self._stems, self._stems[1:], strict=False))
        return self._bigrams

    @property
    def numbers(self) -> frozenset[str]:
        """The number keys."""
        if self._numbers is None:
            # Most sentences have no digit at all: one scan of the joined text settles that.
            self._numbers = frozenset(k for k in self.keys if k[:1].isdigit()) if _DIGIT(self.text) else _NONE
        return self._numbers


def profile(keys: tuple[str, ...] | list[str]) -> Profile:
    """Build the :class:`Profile` of a sentence from its word keys (see :func:`articlediff.normalize.words`)."""
    stop = _stopwords()
    get = _stems().get
    return Profile(tuple(keys), [get(k) or _stem(k) for k in keys if k not in stop])


def joined(parts: Sequence[Profile]) -> Profile:
    """The profile of several sentences read as one: ``profile`` of their keys, without stemming again."""
    if len(parts) == 1:
        return parts[0]
    return Profile(tuple(k for p in parts for k in p.keys), [stem for p in parts for stem in p._stems])


def _overlap(a: frozenset, b: frozenset) -> tuple[float, float]:
    """Dice coefficient and containment (overlap over the smaller set) of two sets."""
    if not a or not b:
        return (1.0, 1.0) if a == b else (0.0, 0.0)
    shared = len(a & b)
    return 2 * shared / (len(a) + len(b)), shared / min(len(a), len(b))


def features(a: Profile, b: Profile) -> tuple[float, ...]:
    """Return the feature vector of a sentence pair, in the order of :data:`FEATURES`."""
    dice, containment = _overlap(a.content, b.content)
    bigrams, _ = _overlap(a.bigrams, b.bigrams)
    if a.numbers or b.numbers:
        numbers = len(a.numbers & b.numbers) / len(a.numbers | b.numbers)
    else:
        numbers = 1.0
    la, lb = len(a.keys), len(b.keys)
    return (
        Indel.normalized_similarity(a.text, b.text),
        Indel.normalized_similarity(a.sorted_text, b.sorted_text),
        token_set_ratio(a.text, b.text) / 100.0,
        dice,
        containment,
        bigrams,
        numbers,
        min(la, lb) / max(la, lb) if la and lb else float(la == lb),
    )


def model_features(a: Profile, b: Profile) -> tuple[float, float, float, float]:
    """Return the features of :data:`MODEL_FEATURES` (the same values :func:`features` gives)."""
    ca, cb = a.content, b.content
    if ca and cb:
        shared = len(ca & cb)
        dice, containment = 2 * shared / (len(ca) + len(cb)), shared / min(len(ca), len(cb))
    else:
        dice = containment = 1.0 if ca == cb else 0.0
    na, nb = a.numbers, b.numbers
    numbers = len(na & nb) / len(na | nb) if (na or nb) else 1.0
    return Indel.normalized_similarity(a.sorted_text, b.sorted_text), dice, containment, numbers


def score(a: Profile, b: Profile) -> float:
    """Return the calibrated similarity of two profiles (see :func:`similarity`)."""
    if a.text == b.text:
        return 1.0 if a.text else 0.0
    if not (a.keys and b.keys):
        return 0.0
    (w1, w2, w3, w4), bias = _model()
    f1, f2, f3, f4 = model_features(a, b)
    return 1.0 / (1.0 + math.exp(-(bias + w1 * f1 + w2 * f2 + w3 * f3 + w4 * f4)))


def similarity(a: str, b: str) -> float:
    """Return how alike two sentences are, from 0 (nothing in common) to 1 (same words, same order).

    Case, punctuation and typography are ignored; two identical word sequences score exactly 1.0.
    The value is calibrated against graded human judgements (STS-B): 0.5 is roughly "the same
    topic with some shared details", 0.8 and above "the same statement reworded".

    >>> similarity("The U.S. said “no”.", "the US said 'No'")
    1.0

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"similarity() argument {name!r} must be str, not {type(value).__name__}")
    return score(profile([w.key for w in words(a)]), profile([w.key for w in words(b)]))
