"""The native change-flag stage (``FlagText`` quotations, one ``StageFlagger.flags`` call per
comparison) gives the reference's quotations and flags."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels
from articlediff.pipeline import forget_recent
from articlediff.segment import split
from articlediff.signals import annotate, quotes, stage
from articlediff.signals.facts import TextFacts

from .conftest import SEEDS, SHARED
from .test_native_flag_pair import _story, groups, stories

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Quote marks of every kind, the spaces \s reads (and some it does not), words, letters that are
# not ASCII (which the kernel's \w declines next to a single quote or a closing ”) and newlines.
_PIECES = list('“”„«»‘’"‟ \n\t\xa0\u2009\u3000\x1c\x85\u200bé9_-.,') + ["ab", "word", "Kyiv said", "é", "Ж", "²"]
_QUOTY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _native_quotations(text: str):
    try:
        return kernels.NATIVE.FlagText(text).quotations
    except UnicodeEncodeError:
        return None


@needs_native
@settings(max_examples=3000, deadline=None)
@given(st.one_of(_QUOTY, _QUOTY, st.text(max_size=40)))
def test_native_quotations_equal_the_reference(text):
    got = _native_quotations(text)
    event("kernel" if got is not None else "declined")
    want = quotes.python_quotations(text)
    if got is not None:
        assert got == want, text
    with kernels.forced("native"):
        assert quotes.quotations(text) == want
        assert TextFacts(text).quotations == tuple(want)


def _corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    data = SHARED / "data"
    if data.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(data.rglob("*.txt"))[::7][:400]]
    return texts


@needs_native
def test_native_quotations_on_corpus_text():
    decided = 0
    for text in _corpus():
        got = _native_quotations(text)
        decided += got is not None
        assert got is None or got == quotes.python_quotations(text)
    assert decided > 0


@st.composite
def _groups(draw, n_left: int, n_right: int):
    """Groups over the sentences in order, as an alignment makes them: one or two a side, or none."""
    out, i, j = [], 0, 0
    while i < n_left or j < n_right:
        a = draw(st.integers(0 if j < n_right else 1, min(2, n_left - i)))
        b = draw(st.integers(0 if a else 1, min(2, n_right - j))) if j < n_right else 0
        if a == 0 and b == 0:
            a = 1
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


@st.composite
def comparisons(draw):
    """Two texts (generated stories or edited word soups), their sentences and groups over them."""
    if draw(st.booleans()):
        ltext, _, rtext, _, _, _ = draw(stories())
    else:
        ltext, _, rtext, _, _, _ = draw(groups())
    if draw(st.integers(0, 3)) == 0:
        rtext = " ".join(draw(_story())) + " " + rtext
    ls, rs = split(ltext), split(rtext)
    if not ls or not rs:
        ls, rs = ls or [(0, len(ltext))], rs or [(0, len(rtext))]
    grouped = draw(_groups(len(ls), len(rs)))
    heads = ([False] * len(ls), [draw(st.booleans()) for _ in rs])
    return ltext, rtext, ls, rs, grouped, heads


def assert_same_stage(ltext, rtext, ls, rs, grouped, heads) -> None:
    with kernels.forced("python"):
        want = annotate(ltext, rtext, ls, rs, grouped, heads)
    with kernels.forced("native"):
        lf, rf = TextFacts(ltext), TextFacts(rtext)
        assert annotate(lf, rf, ls, rs, grouped, heads) == want, (ltext, rtext, grouped)
        # warm facts (an original compared again) give what fresh ones give
        assert annotate(lf, rf, ls, rs, grouped, heads) == want
        assert annotate(lf, TextFacts(rtext), ls, rs, grouped, heads) == want


@needs_native
@settings(max_examples=1500, deadline=None)
@given(comparisons())
def test_native_stage_equals_the_reference_on_generated_comparisons(case):
    ltext, rtext, ls, rs, grouped, _ = case
    with kernels.forced("native"):
        rows = stage.flag_rows(
            kernels.NATIVE, TextFacts(ltext).flag_text(), TextFacts(rtext).flag_text(), ls, rs, grouped
        )
    event("declined" if rows is None else f"groups left to the reference: {min(2, sum(r is None for r in rows))}")
    assert_same_stage(*case)


def _recorded_comparisons(pairs) -> list[tuple]:
    """What ``stage.annotate`` is called with while ``compare`` runs on ``pairs``."""
    calls: list[tuple] = []
    real = stage._flags

    def record(lf, rf, ls, rs, grouped):
        calls.append((lf.text, rf.text, list(ls), list(rs), list(grouped)))
        return real(lf, rf, ls, rs, grouped)

    stage._flags = record
    try:
        with kernels.forced("native"):
            for a, b in pairs:
                forget_recent()
                articlediff.compare(a, b)
    finally:
        stage._flags = real
    return calls


@needs_native
def test_every_ordered_seed_pair():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    calls = _recorded_comparisons(itertools.permutations(texts, 2))
    assert len(calls) > 10
    for ltext, rtext, ls, rs, grouped in calls:
        assert_same_stage(ltext, rtext, ls, rs, grouped, ([False] * len(ls), [False] * len(rs)))


ONESTOP = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"


@needs_native
@pytest.mark.skipif(not ONESTOP.is_dir(), reason="the shared data folder (../shared/data) is absent")
def test_onestopenglish_pairs():
    titles = sorted(p.name.rsplit("-", 1)[0] for p in (ONESTOP / "Adv-Txt").glob("*.txt"))[::4]
    pairs = []
    for t in titles:
        adv, ele = (articlediff.load(ONESTOP / f"{n}-Txt" / f"{t}-{n.lower()}.txt") for n in ("Adv", "Ele"))
        pairs += [(adv, ele), (ele, adv)]
    calls = _recorded_comparisons(pairs)
    assert calls
    for ltext, rtext, ls, rs, grouped in calls:
        assert_same_stage(ltext, rtext, ls, rs, grouped, ([False] * len(ls), [False] * len(rs)))


@needs_native
def test_text_the_kernel_declines_goes_to_the_reference():
    lone = "Putin \udce9 said “we will 5 go” today."
    right = "Putin said “we will 7 go” today. ‘Élysée’s’ word"
    ls, rs = [(0, len(lone))], split(right)
    grouped = [((0,), (0,))] + [((), (j,)) for j in range(1, len(rs))]
    with kernels.forced("native"):
        assert TextFacts(lone).flag_text() is None
        assert TextFacts(right).flag_text() is not None
    assert _native_quotations("x ‘Élysée’s’ é‘ab’") is None  # a \w test on "é": declined
    assert_same_stage(lone, right, ls, rs, grouped, ([False], [False] * len(rs)))
    assert_same_stage(right, "Élysée said 5 people died.", rs, [(0, 26)], [((0,), (0,))], ([False] * len(rs), [False]))


@needs_native
def test_a_quotation_running_into_the_group_from_before_counts():
    """A quotation opened in the sentence before the group and closed in it (``_touching`` keeps
    the quotation starting before the group): its words are not the speaker's sentence's own."""
    left, right = "“We go. Kyiv stays,” he said “we win.”", "Kyiv said “we win.”"
    ls, rs = [(0, 7), (8, len(left))], [(0, len(right))]
    grouped = [((0,), ()), ((1,), (0,))]
    assert_same_stage(left, right, ls, rs, grouped, ([False, False], [False]))
    with kernels.forced("python"):
        assert annotate(left, right, ls, rs, grouped, ([False, False], [False]))[0][1] == []


def test_facts_pickle_without_the_kernels_text(seeds):
    import pickle

    facts = TextFacts(seeds["000"])
    assert facts.quotations
    facts.flag_text()
    again = pickle.loads(pickle.dumps(facts))
    assert again.text == facts.text and again.quotations == facts.quotations and again.memo == facts.memo
    assert (again.flag_text() is None) == (facts.flag_text() is None)
