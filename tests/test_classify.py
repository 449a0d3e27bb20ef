"""Labels, verdicts and the summary, on hand-built pairs (no alignment involved)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.classify import label_of, python_summarize, summarize, verdict
from articlediff.model import Flag, FlagKind, Label, Pair, Sentence, Verdict
from articlediff.options import Options, resolve


def sent(index: int, key: str, start: int = 0) -> Sentence:
    return Sentence(index, start, start + len(key), key, len(key.split()))


def test_labels():
    a, b, c = sent(0, "putin met trump"), sent(1, "putin met trump"), sent(2, "putin and trump met")
    assert label_of([a], [b]) is Label.VERBATIM
    assert label_of([a], [c]) is Label.PARAPHRASE
    assert label_of([], [c]) is Label.ADDED
    assert label_of([a], []) is Label.DROPPED
    # a split that keeps every word in order is verbatim
    assert (
        label_of([sent(0, "talks ended and he left")], [sent(0, "talks ended"), sent(1, "and he left")])
        is Label.VERBATIM
    )


@pytest.mark.parametrize(
    ("reuse", "expected"),
    [(0.0, Verdict.NOT_DERIVED), (0.1499, Verdict.NOT_DERIVED), (0.15, Verdict.PARTIALLY_DERIVED),
     (0.7499, Verdict.PARTIALLY_DERIVED), (0.75, Verdict.WHOLLY_DERIVED), (1.0, Verdict.WHOLLY_DERIVED)],
)  # fmt: skip
def test_verdict_thresholds(reuse, expected):
    assert verdict(reuse, Options()) is expected


def test_verdict_reads_the_options():
    assert verdict(0.5, Options(wholly_derived=0.4)) is Verdict.WHOLLY_DERIVED


def corpus():
    left = [sent(0, "one two three four"), sent(1, "five six"), sent(2, "seven eight nine ten")]
    right = [sent(0, "one two three four"), sent(1, "five and six"), sent(2, "subscribe to our newsletter now")]
    flag = Flag(FlagKind.NUMBER_CHANGED, "number changed: 5 → 6", (0, 1), (0, 1))
    pairs = [
        Pair(Label.VERBATIM, (0,), (0,), 1.0),
        Pair(Label.PARAPHRASE, (1,), (1,), 0.8, flags=(flag, flag)),
        Pair(Label.DROPPED, (2,), (), 0.0),
        Pair(Label.ADDED, (), (2,), 0.0, boilerplate="promo"),
    ]
    return pairs, left, right


def test_summary_counts_and_shares():
    pairs, left, right = corpus()
    s = summarize(pairs, left, right, Options())
    assert (s.counts.verbatim, s.counts.paraphrase, s.counts.added, s.counts.dropped) == (1, 1, 1, 1)
    assert (s.sentences.left, s.sentences.right) == (3, 3)
    assert (s.words.left, s.words.right) == (10, 12)
    assert s.reuse == round(7 / 12, 4)  # verbatim and paraphrase words of the copy
    assert s.coverage == round(6 / 10, 4)
    assert s.verbatim_share == round(4 / 12, 4)
    # without the promo the copy is all reuse
    assert s.without_boilerplate.reuse == 1.0
    assert s.verdict is Verdict.WHOLLY_DERIVED
    assert (s.boilerplate.left, s.boilerplate.right) == (0, 1)
    assert s.flags == (("number_changed", 2),)
    assert s["flags"] == {"number_changed": 2} and s["verdict"] == "wholly_derived"


def test_summary_of_empty_sides_is_zero():
    s = summarize([], [], [], Options())
    assert (s.reuse, s.coverage, s.verbatim_share) == (0.0, 0.0, 0.0)
    assert s.verdict is Verdict.NOT_DERIVED


def test_a_derived_copy_dropping_the_originals_credit_is_uncredited():
    pairs, left, right = corpus()
    assert summarize(pairs, left, right, Options(), (["Reuters"], [])).credits.uncredited
    assert not summarize(pairs, left, right, Options(), (["Reuters"], ["AP"])).credits.uncredited
    assert not summarize(pairs, left, right, Options(), ([], [])).credits.uncredited
    not_derived = [Pair(Label.DROPPED, (n,), (), 0.0) for n in range(3)] + [
        Pair(Label.ADDED, (), (n,), 0.0) for n in range(3)
    ]
    assert not summarize(not_derived, left, right, Options(), (["Reuters"], [])).credits.uncredited


_KINDS = list(FlagKind)


@st.composite
def _comparisons(draw):
    """Sentences of two sides and pairs over them, every sentence in one pair or several."""
    left = [Sentence(i, 0, 1, "k", draw(st.integers(0, 40))) for i in range(draw(st.integers(0, 8)))]
    right = [Sentence(j, 0, 1, "k", draw(st.integers(0, 40))) for j in range(draw(st.integers(0, 8)))]
    pairs = []
    for _ in range(draw(st.integers(0, 14))):
        label = draw(st.sampled_from(list(Label)))
        ls = (
            tuple(draw(st.lists(st.integers(0, len(left) - 1), max_size=3)))
            if left and label is not Label.ADDED
            else ()
        )
        rs = (
            tuple(draw(st.lists(st.integers(0, len(right) - 1), max_size=3)))
            if right and label is not Label.DROPPED
            else ()
        )
        flags = tuple(Flag(k, "m", None, None) for k in draw(st.lists(st.sampled_from(_KINDS), max_size=3)))
        boiler = draw(st.sampled_from([None, "", "promo", "byline"]))
        pairs.append(Pair(label, ls, rs, 0.5, (), flags, boiler, draw(st.booleans())))
    return pairs, left, right


@settings(max_examples=300, deadline=None)
@given(
    _comparisons(),
    st.sampled_from(["default", "strict", "lenient"]),
    st.sampled_from([((), ()), (["AP"], []), (["AP"], ["AFP"])]),
)
def test_summarize_is_the_reference(case, preset, credits):
    pairs, left, right = case
    opts = resolve(preset)
    want = python_summarize(pairs, left, right, opts, credits)
    for backend in ("python", "native") if kernels.NATIVE is not None else ("python",):
        with kernels.forced(backend):
            got = summarize(pairs, left, right, opts, credits)
        assert got == want and got.to_dict() == want.to_dict()
        assert [type(v) for v in got.to_dict().values()] == [type(v) for v in want.to_dict().values()]
