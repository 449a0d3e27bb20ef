"""How alike two sentences are, in [0, 1], from lexical evidence only.

Two scorers share one set of features, at two costs:

- :func:`similarity`, the public one, reads the wide lexical features of :func:`pair_features`
  (word and stem n-gram precision and recall, character n-grams, the longest common run, unmatched
  runs, numbers, names, negation, fuzzy word alignment; :data:`PAIR_FEATURES` names them) through a
  logistic model over the features and their pairwise products, fitted by ``scripts/calibrate.py``
  with soft targets on STS-B train+dev without its MSRpar rows (shipped in ``data/similarity.json``,
  ``"graded"``). It costs about half a millisecond per pair.
- :func:`score`, the aligner's, reads four cheap features of two :class:`Profile` objects
  (:data:`MODEL_FEATURES`: a rapidfuzz score over the sorted normalized word keys, Dice and
  containment of stemmed content words, agreement of numbers) through a plain logistic model fitted
  on the same rows. Alignment scores thousands of candidate pairs per article and joins sentences
  into groups as it goes, so it keeps the cheap scorer (a few microseconds per pair, a hundred
  times less); STS-B test Pearson on the news genre is 0.73 for it against 0.77 for
  :func:`similarity`.

Every feature is symmetric, so ``similarity(a, b) == similarity(b, a)`` and likewise for
:func:`score`. :func:`features` gives the eight profile features (word order, token sets, bigrams,
length) that :func:`pair_features` starts with.

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
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio, token_set_ratio
from rapidfuzz.process import extractOne

from .normalize import words

__all__ = [
    "FEATURES",
    "MODEL_FEATURES",
    "PAIR_FEATURES",
    "Profile",
    "features",
    "joined",
    "model_features",
    "pair_features",
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
def _shipped() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(resources.files("articlediff").joinpath("data/similarity.json").read_text("utf-8"))
    return raw


@functools.lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, ...], float]:
    raw = _shipped()
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


#: Names of the wide features, in the order :func:`pair_features` returns them: those of
#: :func:`features`, then these.
PAIR_FEATURES = FEATURES + (
    "words1_min",  # word n-gram overlap: the lower and the higher of precision and recall (n = 1..4)
    "words1_max",
    "words2_min",
    "words2_max",
    "words3_min",
    "words3_max",
    "words4_min",
    "words4_max",
    "stems1_min",  # the same over stems (Snowball)
    "stems1_max",
    "lcs",  # longest common subsequence of (stemmed) words over the longer sentence's length
    "run_max",  # longest run of shared consecutive (stemmed) words over the longer / the shorter length
    "run_min",
    "gap_max",  # log(1 + longest run of unmatched stemmed words), on the side where it is longer / shorter
    "gap_min",
    "unmatched_max",  # log(1 + content words found on one side only), larger / smaller side
    "unmatched_min",
    "numbers_apart",  # log(1 + numbers found on one side only)
    "names_apart",  # log(1 + capitalized words, not sentence-initial, found on one side only)
    "negation",  # 1 when one sentence is negated and the other is not
    "chars3",  # Dice of character n-grams of the comparison keys (n = 3, 4, 5): spelling and word forms
    "chars4",
    "chars5",
    "prefix5",  # Dice of the first five letters of content words ("acquire" ~ "acquisition")
    "long_words",  # Dice of content stems weighted by log(1 + length): long words are the rare ones
    "aligned_min",  # mean best fuzzy ratio of each content word to the other side's, lower / higher side
    "aligned_max",
    "content_min",  # log(1 + content words), shorter / longer side
    "content_max",
)

_NEGATIONS = frozenset(
    "no not never nor none nothing nobody neither without cannot cant dont doesnt didnt isnt arent wasnt werent "
    "wont wouldnt couldnt shouldnt hasnt havent hadnt mustnt aint".split()
)


class _Sentence:
    """The views of one sentence the wide features need, computed once."""

    __slots__ = ("content", "keys", "names", "negated", "profile", "stems")

    def __init__(self, text: str) -> None:
        ws = words(text)
        self.keys = [w.key for w in ws]
        get = _stems().get
        self.stems = [get(k) or _stem(k) for k in self.keys]
        self.names = frozenset(w.key for w in ws[1:] if text[w.start].isupper())
        self.negated = any(k in _NEGATIONS for k in self.keys)
        self.profile = profile(self.keys)
        stop = _stopwords()
        self.content = [k for k in self.keys if k not in stop]


def _ngrams(seq: Sequence[str], n: int) -> Counter:
    return Counter(zip(*(seq[i:] for i in range(n)), strict=False))


def _precision_recall(a: Sequence[str], b: Sequence[str], n: int) -> tuple[float, float]:
    """Lower and higher of the clipped n-gram precision and recall of ``a`` against ``b`` (as BLEU counts)."""
    ca, cb = _ngrams(a, n), _ngrams(b, n)
    na, nb = sum(ca.values()), sum(cb.values())
    if not na or not nb:
        same = float(na == nb)
        return same, same
    shared = sum((ca & cb).values())
    p, r = shared / na, shared / nb
    return min(p, r), max(p, r)


def _dice(ca: Counter, cb: Counter) -> float:
    na, nb = sum(ca.values()), sum(cb.values())
    if not na or not nb:
        return float(na == nb)
    return 2 * sum((ca & cb).values()) / (na + nb)


def _chars(text: str, n: int) -> Counter:
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


def _aligned(x: Sequence[str], y: Sequence[str]) -> float:
    """Mean, over the words of ``x``, of the best rapidfuzz ratio to a word of ``y`` (in [0, 1]).

    A soft word alignment, as in MT metrics: inflections, spelling variants and typos count as
    near matches where exact overlap counts them as nothing."""
    if not x or not y:
        return float(not x and not y)
    best = [extractOne(w, y, scorer=ratio) for w in x]
    return sum(got[1] for got in best if got) / (100.0 * len(x))


def _weighted_dice(a: Sequence[str], b: Sequence[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    if not ca or not cb:
        return float(ca == cb)

    def weight(c: Counter) -> float:
        return sum(n * math.log1p(len(k)) for k, n in c.items())

    return 2 * weight(ca & cb) / (weight(ca) + weight(cb))


def _features(a: _Sentence, b: _Sentence) -> tuple[float, ...]:
    out = list(features(a.profile, b.profile))
    for n in (1, 2, 3, 4):
        out.extend(_precision_recall(a.keys, b.keys, n))
    out.extend(_precision_recall(a.stems, b.stems, 1))
    la, lb = len(a.keys), len(b.keys)
    longer, shorter = max(la, lb, 1), max(min(la, lb), 1)
    # One pass of LCS opcodes over stems gives the shared runs and the unmatched runs of each side.
    run = shared = gap_a = gap_b = 0
    for op in Indel.opcodes(a.stems, b.stems):
        if op.tag == "equal":
            run = max(run, op.src_end - op.src_start)
            shared += op.src_end - op.src_start
        elif op.tag == "delete":
            gap_a = max(gap_a, op.src_end - op.src_start)
        elif op.tag == "insert":
            gap_b = max(gap_b, op.dest_end - op.dest_start)
    out += [shared / longer, run / longer, run / shorter]
    out += [math.log1p(max(gap_a, gap_b)), math.log1p(min(gap_a, gap_b))]
    stop = _stopwords()
    ca = Counter(s for k, s in zip(a.keys, a.stems, strict=True) if k not in stop)
    cb = Counter(s for k, s in zip(b.keys, b.stems, strict=True) if k not in stop)
    ua, ub = sum((ca - cb).values()), sum((cb - ca).values())
    out += [math.log1p(max(ua, ub)), math.log1p(min(ua, ub))]
    out.append(math.log1p(len(a.profile.numbers ^ b.profile.numbers)))
    out.append(math.log1p(len(a.names ^ b.names)))
    out.append(float(a.negated != b.negated))
    out += [_dice(_chars(a.profile.text, n), _chars(b.profile.text, n)) for n in (3, 4, 5)]
    out.append(_dice(Counter(k[:5] for k in a.content), Counter(k[:5] for k in b.content)))
    out.append(_weighted_dice(a.profile._stems, b.profile._stems))
    ab, ba = _aligned(a.content, b.content), _aligned(b.content, a.content)
    out += [min(ab, ba), max(ab, ba)]
    lo, hi = sorted((len(a.content), len(b.content)))
    out += [math.log1p(lo), math.log1p(hi)]
    return tuple(out)


def pair_features(a: str, b: str) -> tuple[float, ...]:
    """Return the wide lexical features of a sentence pair, in the order of :data:`PAIR_FEATURES`.

    >>> dict(zip(PAIR_FEATURES, pair_features("Sales rose 5%.", "Sales rose 7%.")))["numbers_apart"] > 0
    True
    """
    return _features(_Sentence(a), _Sentence(b))


class QuadraticModel:
    """A logistic model over standardized features and all their pairwise products, as shipped in JSON.

    ``raw`` holds ``features`` (names from :data:`PAIR_FEATURES`), their training ``low``/``high``/
    ``mean``/``scale``, a ``bias`` and ``weights`` named ``f`` and ``f*g``. Inputs beyond the training
    range are clipped first: products of two extrapolated features run wild.
    """

    __slots__ = ("bias", "inputs", "pairs", "weights")

    def __init__(self, raw: dict[str, Any]) -> None:
        chosen = list(raw["features"])
        self.pairs = [(i, j) for i in range(len(chosen)) for j in range(i, len(chosen))]
        self.weights = [float(raw["weights"][name]) for name in chosen]
        self.weights += [float(raw["weights"][f"{chosen[i]}*{chosen[j]}"]) for i, j in self.pairs]
        self.inputs = [
            (PAIR_FEATURES.index(name), *bounds)
            for name, *bounds in zip(chosen, raw["low"], raw["high"], raw["mean"], raw["scale"], strict=True)
        ]
        self.bias = float(raw["bias"])

    def probability(self, values: Sequence[float]) -> float:
        """Return the model's output for a vector of :data:`PAIR_FEATURES` values."""
        z = [(min(max(values[k], low), high) - mean) / scale for k, low, high, mean, scale in self.inputs]
        terms = z + [z[i] * z[j] for i, j in self.pairs]
        t = self.bias + sum(w * v for w, v in zip(self.weights, terms, strict=True))
        return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0


@functools.lru_cache(maxsize=1)
def _graded() -> QuadraticModel:
    return QuadraticModel(_shipped()["graded"])


def similarity(a: str, b: str) -> float:
    """Return how alike two sentences are, from 0 (nothing in common) to 1 (same words, same order).

    Case, punctuation and typography are ignored; two identical word sequences score exactly 1.0,
    and a sentence without words scores 0.0 against any other. The value is calibrated against
    graded human judgements (STS-B): 0.5 is roughly "the same topic with some shared details", 0.8
    and above "the same statement reworded". The aligner uses the cheaper :func:`score`, so a pair's
    ``score`` in a comparison can differ from this value by a few hundredths.

    >>> similarity("The U.S. said “no”.", "the US said 'No'")
    1.0

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"similarity() argument {name!r} must be str, not {type(value).__name__}")
    sa, sb = _Sentence(a), _Sentence(b)
    if sa.profile.text == sb.profile.text:
        return 1.0 if sa.keys else 0.0
    if not (sa.keys and sb.keys):
        return 0.0
    return _graded().probability(_features(sa, sb))
