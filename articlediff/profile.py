"""The aligner's view of a sentence (:class:`Profile`) and its fast similarity :func:`score`, in [0, 1].

:func:`score` reads four cheap features of two profiles (:data:`MODEL_FEATURES`: a rapidfuzz score
over the sorted normalized word keys, Dice and containment of stemmed content words, agreement of
numbers) through a plain logistic model fitted by ``scripts/calibrate.py`` on STS-B train+dev
without its MSRpar rows (``data/similarity.json``). Alignment scores thousands of candidate pairs
per article and joins sentences into groups as it goes, so it needs a scorer of a few microseconds
a pair; :func:`articlediff.similarity` (module :mod:`articlediff.graded`) is the slower, closer
model of the same scale. :func:`features` gives the eight profile features (word order, token
sets, bigrams, length) that :func:`articlediff.graded.pair_features` starts with. Every feature is
symmetric, so ``score(a, b) == score(b, a)``.

>>> score(profile(["putin", "met", "trump"]), profile(["putin", "met", "trump"]))
1.0
>>> score(profile(["putin", "met", "trump"]), profile(["oil", "prices", "fell"])) < 0.2
True
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import token_set_ratio

from .kernels import active
from .lexicon import stopwords

__all__ = [
    "FEATURES",
    "MODEL_FEATURES",
    "NLTK_ONLY_PATTERN",
    "Profile",
    "UnitProfile",
    "features",
    "has_digit",
    "joined",
    "key_facts",
    "model_features",
    "profile",
    "score",
    "score_model",
    "shipped_weights",
    "stem",
]

#: Names of the features, in the order :func:`features` returns them.
FEATURES = ("seq", "sorted", "token_set", "dice", "containment", "bigrams", "numbers", "length")
#: The features the shipped similarity model uses, in the order of its weights.
MODEL_FEATURES = ("sorted", "dice", "containment", "numbers")


#: Whether a text holds a decimal digit (``\d``): what :attr:`Profile.numbers` looks for first.
has_digit = re.compile(r"\d").search
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def shipped_weights() -> dict[str, Any]:
    """The shipped calibration (``data/similarity.json``): :func:`score`'s weights and, under ``"graded"``,
    :func:`articlediff.similarity`'s model."""
    raw: dict[str, Any] = json.loads(resources.files("articlediff").joinpath("data/similarity.json").read_text("utf-8"))
    return raw


@functools.lru_cache(maxsize=1)
def score_model() -> tuple[tuple[float, ...], float]:
    """:func:`score`'s logistic model: its weights, in the order of :data:`MODEL_FEATURES`, and its bias."""
    raw = shipped_weights()
    return tuple(raw["weights"][name] for name in MODEL_FEATURES), float(raw["bias"])


class _StemCache(dict):
    """word -> its Snowball stem, filled on first sight (stemming is the costly part of a profile);
    bounded like the token-key cache, so a long batch over many vocabularies cannot grow it without end."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _STEM_CACHE_MAX:
            self.clear()
        got = self[word] = _snowball(word) if word.isalpha() and len(word) > 3 else word
        return got


_STEM_CACHE_MAX = 200_000
_STEMS = _StemCache()

# Where the native kernel's Snowball (rust-stemmers) and NLTK's may differ: after step 1b adds an e
# (``-ated``, ``-bling``, ``-izing``), ``eed``, and the suffixes steps 2 and 3 replace (``-ization`` ->
# ``-ize``, ``-ational`` -> ``-ate``...), NLTK carries its R1/R2 regions over by its own rule, so a
# later step can read them otherwise ("sensationalism": NLTK "sensate", rust-stemmers "sensat").
# On the corpora's 29,758 words and 1.3 million generated ones every difference has one of these.
_NLTK_ONLY_RE = re.compile(
    r"(?:at|bl|iz)(?:ed|edly|ing|ingly)$|eed|tional|enci|anci|abli|entli|izer|ization|ation|ator|alism|aliti|alli"
    r"|fulness|ousli|ousness|iveness|iviti|biliti|bli|ogi|fulli|lessli|alize|icate|iciti|ical"
)
_NLTK_ONLY = _NLTK_ONLY_RE.search
#: The pattern of the words NLTK stems (see :func:`stem`), for the native per-text kernel.
NLTK_ONLY_PATTERN = _NLTK_ONLY_RE.pattern


def _snowball(word: str) -> str:
    """NLTK's Snowball English stem of ``word``; the native kernel's for lowercase ASCII words
    outside :data:`_NLTK_ONLY` (the same stem, 5× sooner: the corpora's 29,758 words in 0.05 s, not 0.23 s)."""
    native = active()
    if native is not None and word.isascii() and word.islower() and not _NLTK_ONLY(word):
        return str(native.snowball(word))
    return _stemmer_instance()(word)


def stem(word: str) -> str:
    """Return the stem the profiles use for ``word`` (Snowball English; short or non-alphabetic words as they are)."""
    return _STEMS[word]


def key_facts(key: str) -> tuple[str | None, bool, bool]:
    """What a profile reads of one word key: its :func:`stem` (None for a stopword, which is no
    content), whether its first character is a digit (a number key, :attr:`Profile.numbers`) and
    whether it holds a decimal digit (:data:`has_digit`)."""
    return (None if key in stopwords() else _STEMS[key]), key[:1].isdigit(), has_digit(key) is not None


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
            self._numbers = frozenset(k for k in self.keys if k[:1].isdigit()) if has_digit(self.text) else _NONE
        return self._numbers


class UnitProfile(Profile):
    """A :class:`Profile` of one unit of a text the native per-text kernel prepared
    (``articlediff_native.PreparedText``): its text now, its keys and stems read from the kernel
    on first use (most units of a text compared natively never need them in Python). It pickles
    as the plain :class:`Profile` it equals."""

    __slots__ = ("_n", "_source")

    def __init__(self, text: str, source: Any, n: int) -> None:  # noqa: D107
        self.text = text
        self._source = source
        self._n = n
        self._sorted_text = None
        self._bigrams = None
        self._numbers = None

    def __getattr__(self, name: str) -> Any:
        # reached only while a slot is unset: the keys come from the kernel, the stems and content together
        if name == "keys":
            got = self.keys = self._source.keys(self._n)
            return got
        if name in ("content", "_stems"):
            self._stems = self._source.stems(self._n)
            self.content = frozenset(self._stems)
            return getattr(self, name)
        raise AttributeError(name)

    def __reduce__(self) -> tuple[Any, ...]:
        return Profile, (self.keys, self._stems)


def profile(keys: tuple[str, ...] | list[str]) -> Profile:
    """Build the :class:`Profile` of a sentence from its word keys (see :func:`articlediff.normalize.words`)."""
    stop = stopwords()
    return Profile(tuple(keys), [_STEMS[k] for k in keys if k not in stop])


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
    sorted_, dice, containment, numbers = model_features(a, b)
    bigrams, _ = _overlap(a.bigrams, b.bigrams)
    la, lb = len(a.keys), len(b.keys)
    return (
        Indel.normalized_similarity(a.text, b.text),
        sorted_,
        token_set_ratio(a.text, b.text) / 100.0,
        dice,
        containment,
        bigrams,
        numbers,
        min(la, lb) / max(la, lb) if la and lb else float(la == lb),
    )


def model_features(a: Profile, b: Profile) -> tuple[float, float, float, float]:
    """Return the features of :data:`MODEL_FEATURES`, the ones :func:`score` reads (also part of :func:`features`)."""
    ca, cb = a.content, b.content
    if ca and cb:  # _overlap() written out: this runs for every candidate pair the aligner scores
        shared = len(ca & cb)
        dice, containment = 2 * shared / (len(ca) + len(cb)), shared / min(len(ca), len(cb))
    else:
        dice = containment = 1.0 if ca == cb else 0.0
    na, nb = a.numbers, b.numbers
    numbers = len(na & nb) / len(na | nb) if (na or nb) else 1.0
    return Indel.normalized_similarity(a.sorted_text, b.sorted_text), dice, containment, numbers


def score(a: Profile, b: Profile) -> float:
    """Return the calibrated similarity of two profiles, in [0, 1] (1.0 for the same key, 0.0 without words)."""
    if a.text == b.text:
        return 1.0 if a.text else 0.0
    if not (a.keys and b.keys):
        return 0.0
    (w1, w2, w3, w4), bias = score_model()
    f1, f2, f3, f4 = model_features(a, b)
    return 1.0 / (1.0 + math.exp(-(bias + w1 * f1 + w2 * f2 + w3 * f3 + w4 * f4)))
