"""How alike two sentences are, in [0, 1], from lexical evidence only: :func:`similarity`.

:func:`similarity` reads the wide lexical features of :func:`pair_features` (word and stem n-gram
precision and recall, character n-grams, the longest common run, unmatched runs, numbers, names,
negation, fuzzy word alignment; :data:`PAIR_FEATURES` names them) through a logistic model over the
features and their pairwise products, fitted by ``scripts/calibrate.py`` with soft targets on STS-B
train+dev without its MSRpar rows (shipped in ``data/similarity.json``, ``"graded"``). It costs
about half a millisecond per pair; the aligner uses the cheaper :func:`articlediff.profile.score`
(a hundred times less; STS-B test Pearson on the news genre 0.73 against 0.77 for this one).
Every feature is symmetric, so ``similarity(a, b) == similarity(b, a)``.

>>> similarity("Putin met Trump in Alaska.", "Putin met Trump in Alaska.")
1.0
>>> similarity("Putin met Trump in Alaska.", "Trump and Putin met in Alaska on Friday.") > 0.6
True
>>> similarity("Putin met Trump in Alaska.", "Oil prices fell sharply on Monday.") < 0.2
True
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import Indel
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extractOne

from .embed import combined, cosine
from .lexicon import stopwords
from .normalize import words
from .profile import FEATURES, features, profile, shipped_weights, stem

__all__ = ["PAIR_FEATURES", "QuadraticModel", "pair_features", "similarity"]

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
        self.stems = [stem(k) for k in self.keys]
        self.names = frozenset(w.key for w in ws[1:] if text[w.start].isupper())
        self.negated = any(k in _NEGATIONS for k in self.keys)
        self.profile = profile(self.keys)
        stop = stopwords()
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
    stop = stopwords()
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
    return QuadraticModel(shipped_weights()["graded"])


def similarity(a: str, b: str, embedder: object = None) -> float:
    """Return how alike two sentences are, from 0 (nothing in common) to 1 (same words, same order).

    Case, punctuation and typography are ignored; two identical word sequences score exactly 1.0,
    and a sentence without words scores 0.0 against any other. The value is calibrated against
    graded human judgements (STS-B): 0.5 is roughly "the same topic with some shared details", 0.8
    and above "the same statement reworded". The aligner uses the cheaper :func:`score`, so a pair's
    ``score`` in a comparison can differ from this value by a few hundredths.

    With ``embedder`` (``"wordllama"`` or any object with ``encode(list[str])``, see
    :mod:`articlediff.embed`), the value combines this lexical similarity with the cosine of the two
    sentences' vectors, by a model fitted on STS-B train+dev (``scripts/fit_semantic.py``): it credits
    rewordings that share few words. Identical and empty sentences keep 1.0 and 0.0.

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
    lexical = _graded().probability(_features(sa, sb))
    if embedder is None:
        return lexical
    return combined("similarity", lexical, cosine(embedder, a, b))
