"""Is one sentence a paraphrase of another? A small lexical classifier trained on MSRP.

:func:`paraphrase_probability` feeds lexical features of a sentence pair (those of
:func:`articlediff.similarity.features` plus word n-gram precision and recall, the longest common
run of words, the longest run of unmatched words, numbers, names and negations found on one side
only) to a logistic model over the chosen features and their pairwise products. The model, the
feature choice and the decision threshold of :func:`is_paraphrase` are fitted by
``scripts/fit_paraphrase.py`` on the MSRP training split only and shipped in ``data/paraphrase.json``.
Inference is pure Python. Every feature is symmetric, so the answer does not depend on the order.

MSRP's pairs are sentences of different outlets about one event that already share many words;
the model learns what separates "the same statement" from "related but not equivalent" (mostly: one
side adds or drops a clause), not whether two sentences share a topic. MSRP teaches it little about
a single changed number or an added "not" in otherwise identical sentences: such pairs still score
high, so check numbers and negations yourself where they matter.

>>> is_paraphrase("Putin met Trump in Alaska on Friday.", "On Friday Putin met Trump in Alaska.")
True
>>> is_paraphrase("Revenue rose to $616.5 million from $610.6 million.",
...               "Revenue rose to $616.5 million from $610.6 million, beating forecasts as demand in China surged.")
False
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .normalize import words
from .similarity import FEATURES as SIMILARITY_FEATURES
from .similarity import _stem, _stems, _stopwords, profile
from .similarity import features as similarity_features

__all__ = ["FEATURES", "features", "is_paraphrase", "paraphrase_probability"]

#: Names of the candidate features, in the order :func:`features` returns them. The shipped model
#: uses the subset named in ``data/paraphrase.json``.
FEATURES = SIMILARITY_FEATURES + (
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
)

_NEGATIONS = frozenset(
    "no not never nor none nothing nobody neither without cannot cant dont doesnt didnt isnt arent wasnt werent "
    "wont wouldnt couldnt shouldnt hasnt havent hadnt mustnt aint".split()
)


class _Sentence:
    """The views of one sentence the features need, computed once."""

    __slots__ = ("keys", "names", "negated", "profile", "stems")

    def __init__(self, text: str) -> None:
        ws = words(text)
        self.keys = [w.key for w in ws]
        get = _stems().get
        self.stems = [get(k) or _stem(k) for k in self.keys]
        self.names = frozenset(w.key for w in ws[1:] if text[w.start].isupper())
        self.negated = any(k in _NEGATIONS for k in self.keys)
        self.profile = profile(self.keys)


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


def _features(a: _Sentence, b: _Sentence) -> tuple[float, ...]:
    out = list(similarity_features(a.profile, b.profile))
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
    return tuple(out)


def features(a: str, b: str) -> tuple[float, ...]:
    """Return the candidate features of a sentence pair, in the order of :data:`FEATURES`.

    >>> dict(zip(FEATURES, features("Sales rose 5%.", "Sales rose 7%.")))["numbers_apart"] > 0
    True
    """
    return _features(_Sentence(a), _Sentence(b))


class _Model(NamedTuple):
    inputs: list[tuple[int, float, float, float, float]]  # feature index, low, high, mean, scale
    pairs: list[tuple[int, int]]  # the products, as indices into the chosen features
    bias: float
    weights: list[float]  # the chosen features' weights, then the products'
    threshold: float


@functools.lru_cache(maxsize=1)
def _model() -> _Model:
    raw = json.loads(resources.files("articlediff").joinpath("data/paraphrase.json").read_text("utf-8"))
    chosen = list(raw["features"])
    pairs = [(i, j) for i in range(len(chosen)) for j in range(i, len(chosen))]
    weights = [raw["weights"][name] for name in chosen]
    weights += [raw["weights"][f"{chosen[i]}*{chosen[j]}"] for i, j in pairs]
    inputs = [
        (FEATURES.index(name), *bounds)
        for name, *bounds in zip(chosen, raw["low"], raw["high"], raw["mean"], raw["scale"], strict=True)
    ]
    return _Model(inputs, pairs, float(raw["bias"]), weights, float(raw["threshold"]))


def _probability(values: Sequence[float]) -> float:
    """Return the model's probability for a vector of :data:`FEATURES` values (see :func:`features`)."""
    m = _model()
    # Values beyond those seen in training are clipped: products of two extrapolated features run wild.
    z = [(min(max(values[k], low), high) - mean) / scale for k, low, high, mean, scale in m.inputs]
    terms = z + [z[i] * z[j] for i, j in m.pairs]
    t = m.bias + sum(w * v for w, v in zip(m.weights, terms, strict=True))
    return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0


def _check(a: object, b: object, caller: str) -> None:
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"{caller}() argument {name!r} must be str, not {type(value).__name__}")


def paraphrase_probability(a: str, b: str) -> float:
    """Return the probability that two sentences say the same thing (MSRP's "semantically equivalent").

    >>> paraphrase_probability("The talks lasted three hours.", "The talks lasted three hours, an aide said.") > 0.5
    True

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    _check(a, b, "paraphrase_probability")
    return _probability(features(a, b))


def is_paraphrase(a: str, b: str) -> bool:
    """Return whether two sentences are paraphrases: :func:`paraphrase_probability` at or above the
    threshold fitted on MSRP train (shipped in ``data/paraphrase.json``).

    >>> is_paraphrase("Shares fell 5% on Monday.", "On Monday, shares fell 5%.")
    True

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    _check(a, b, "is_paraphrase")
    return _probability(features(a, b)) >= _model().threshold
