"""Is one sentence a paraphrase of another? A small lexical classifier trained on MSRP.

:func:`paraphrase_probability` feeds lexical features of a sentence pair (those of
:func:`articlediff.graded.pair_features`: word n-gram precision and recall, the longest common
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
from collections.abc import Sequence
from importlib import resources
from typing import NamedTuple

from .embed import combined, cosine, paraphrase_threshold
from .graded import QuadraticModel, pair_features

__all__ = ["is_paraphrase", "paraphrase_probability"]


class _Model(NamedTuple):
    model: QuadraticModel
    threshold: float


@functools.lru_cache(maxsize=1)
def _model() -> _Model:
    raw = json.loads(resources.files("articlediff").joinpath("data/paraphrase.json").read_text("utf-8"))
    return _Model(QuadraticModel(raw), float(raw["threshold"]))


def _probability(values: Sequence[float]) -> float:
    """Return the model's probability for a vector of :data:`~articlediff.graded.PAIR_FEATURES` values
    (see :func:`~articlediff.graded.pair_features`)."""
    return _model().model.probability(values)


def _check(a: object, b: object, caller: str) -> None:
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            raise TypeError(f"{caller}() argument {name!r} must be str, not {type(value).__name__}")


def paraphrase_probability(a: str, b: str, embedder: object = None) -> float:
    """Return the probability that two sentences say the same thing (MSRP's "semantically equivalent").

    With ``embedder`` (``"wordllama"`` or any object with ``encode(list[str])``), the lexical
    probability is combined with the cosine of the sentences' vectors by a model fitted on MSRP
    train (``scripts/fit_semantic.py``).

    >>> paraphrase_probability("The talks lasted three hours.", "The talks lasted three hours, an aide said.") > 0.5
    True

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    _check(a, b, "paraphrase_probability")
    lexical = _probability(pair_features(a, b))
    return lexical if embedder is None else combined("paraphrase", lexical, cosine(embedder, a, b))


def is_paraphrase(a: str, b: str, embedder: object = None) -> bool:
    """Return whether two sentences are paraphrases: :func:`paraphrase_probability` at or above the
    threshold fitted on MSRP train (shipped in ``data/paraphrase.json``; with ``embedder``, the one
    of the combined model in ``data/semantic.json``).

    >>> is_paraphrase("Shares fell 5% on Monday.", "On Monday, shares fell 5%.")
    True

    Raises:
        TypeError: if either argument is not a ``str``.
    """
    _check(a, b, "is_paraphrase")
    if embedder is None:
        return _probability(pair_features(a, b)) >= _model().threshold
    return paraphrase_probability(a, b, embedder) >= paraphrase_threshold()
