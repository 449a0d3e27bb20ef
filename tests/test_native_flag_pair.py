"""The native ``flag_pair`` (one kernel call per group) gives the reference's flags on any group."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels
from articlediff.pipeline import forget_recent
from articlediff.segment import split
from articlediff.signals import pair, stage
from articlediff.signals.facts import TextFacts

from .conftest import SEEDS, SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Figures (digits, years, money, percentages, number words, units), names with titles, speech
# verbs, pronouns, hedges, and characters that are not plain (which send a group to the reference).
_CLASSES = [
    "5 7 12 1,000 1,5 3.5 2018 2019 2023 1999 £20 £10 $3,000 $5 €5m 40% 12% 5bn 10k 11,000ft 11,000 "
    "two three twenty thirty-five nine hundred dozen million a half one".split(),
    "years months days hours km miles people feet tonnes women children jobs notes note summit percent".split(),
    "President Donald Trump Vladimir Putin Kyiv Kremlin Peskov Boeing No former Former ex vice chief acting "
    "president minister spokesman Mr. U.S. Élysée".split(),
    "The the of and in since about more than In About His According".split(),
    "said says told reporters Said stated claims he she they It we I ſaid".split(),
    "reportedly allegedly apparently according to sources reports people rumoured is are said to sources said".split(),
]
_WORDS = [w for words in _CLASSES for w in words]
_GAPS = [" "] * 12 + [", ", ". ", "\n", " “", "” ", ",” ", '"', " – ", "’s ", "…", "\xa0", "-", "(", ") "]


def _texts(min_size: int = 0):
    return st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=min_size, max_size=30).map(
        lambda parts: "".join(w + s for w, s in parts)
    )


@st.composite
def _side(draw, text=None):
    if text is None:
        text = draw(st.one_of(_texts(3), _texts(3), _texts(3), st.text(max_size=30)))
    n = len(text)
    how = draw(st.integers(0, 4))
    if how == 4 and n:  # overlapping spans, as no caller makes them: the rules still agree
        ends = st.tuples(st.integers(0, n), st.integers(0, n)).filter(lambda ab: ab[0] < ab[1])
        spans = draw(st.lists(st.one_of(ends, st.tuples(st.just(0), st.integers(1, n))), min_size=1, max_size=3))
    elif how == 0 or n == 0:
        spans = [(0, n)] if n else []
    elif how == 1:
        spans = list(split(text))
    else:
        cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=4)) + [0, n]))
        spans = [(a, b) for a, b in itertools.pairwise(cuts) if a < b]
        if spans and how == 3:
            spans = draw(st.lists(st.sampled_from(spans), min_size=1, max_size=3))
    quotes = list(TextFacts(text).quotations)
    if draw(st.booleans()):
        quotes += draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple), max_size=2))
    return text, spans, quotes


_NAME = st.sampled_from(
    [
        "Trump",
        "President Donald Trump",
        "Donald Trump",
        "former President Trump",
        "Putin",
        "Vladimir Putin",
        "Russian President Vladimir Putin",
        "Kyiv",
        "he",
        "the Kremlin",
        "Peskov",
    ]
)
_FIGURE = st.sampled_from(
    [
        "5",
        "7",
        "12",
        "1,000",
        "3.5",
        "£20",
        "£10",
        "$3,000",
        "€5m",
        "two",
        "twenty",
        "thirty-five",
        "two dozen",
        "half a dozen",
        "nine hundred",
        "5bn",
        "11,000",
    ]
)
_UNIT = st.sampled_from(["people", "per cent", "%", "years", "km", "children", "jobs", "notes", ""])
_YEAR = st.sampled_from(["2018", "2019", "2023", "more than four years", "three months"])
_TEMPLATES = [
    "{name} said {figure} {unit} died in {year}.",
    "“We will not go,” {name} told reporters.",
    "“We will not go,” {name} told reporters in comments released by {name2}.",
    "{name} {hedge} met {name2} after {figure} {unit} of talks.",
    "The summit, the first since {year}, cost {figure} {unit}, {hedge}.",
    "“No deal,” said {name}, who {hedge} offered {figure} {unit}.",
    "About {figure} {unit} joined {name} in {year}",
]
_HEDGE = st.sampled_from(["reportedly", "allegedly", "according to sources", "is said to have", "", "apparently"])


@st.composite
def _story(draw):
    out = []
    for template in draw(st.lists(st.sampled_from(_TEMPLATES), min_size=1, max_size=3)):
        out.append(
            template.format(
                name=draw(_NAME),
                name2=draw(_NAME),
                figure=draw(_FIGURE),
                unit=draw(_UNIT),
                year=draw(_YEAR),
                hedge=draw(_HEDGE),
            )
        )
    return out


@st.composite
def stories(draw):
    """Template sentences dense in figures, names, speakers and hedges, and an edit of them."""
    left = draw(_story())
    right = list(left)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(right) - 1))
        right[i] = draw(_story())[0] if draw(st.booleans()) else right[i]
    mine = draw(st.sampled_from(left))
    if draw(st.booleans()):
        right[0] = mine.replace("said", "told reporters").replace("Putin", "President Vladimir Putin")
    ltext, rtext = " ".join(left), " ".join(right)
    lspans, rspans = split(ltext), split(rtext)
    return ltext, lspans, rtext, rspans, list(TextFacts(ltext).quotations), list(TextFacts(rtext).quotations)


@needs_native
@settings(max_examples=3000, deadline=None)
@given(stories())
def test_native_flag_pair_equals_the_reference_on_generated_stories(group):
    assert _kernel_answers(*group)
    event("flags: " + (",".join(sorted({str(f.kind) for f in _reference(*group)})) or "none"))
    assert_same(*group)


@st.composite
def groups(draw):
    """A left side and a right side: mostly the right an edit of the left (words replaced by words
    of the same class, words inserted)."""
    ltext, lspans, lq = draw(_side())
    if draw(st.integers(0, 4)) and ltext:
        words = ltext.split(" ")
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(words) - 1))
            same = [c for c in _CLASSES if words[i] in c]
            words[i] = draw(st.sampled_from(same[0] if same and draw(st.integers(0, 3)) else _WORDS))
            if draw(st.integers(0, 3)) == 0:
                words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(_WORDS)))
        rtext, rspans, rq = draw(_side(" ".join(words)))
    else:
        rtext, rspans, rq = draw(_side())
    return ltext, lspans, rtext, rspans, lq, rq


def _reference(*args):
    with kernels.forced("python"):
        return pair.python_flag_pair(*args)


def _native(*args):
    with kernels.forced("native"):
        return pair.flag_pair(*args)


def _kernel_answers(*args) -> bool:
    with kernels.forced("native"):
        ltext, lspans, rtext, rspans, lq, rq = args[:6]
        try:
            got = pair._flagger(kernels.NATIVE).flag_pair(
                [ltext[max(0, a - 2) : b] for a, b in lspans],
                list(lspans),
                [rtext[max(0, a - 2) : b] for a, b in rspans],
                list(rspans),
                list(lq),
                list(rq),
            )
        except UnicodeEncodeError:
            return False
        return got is not None


def assert_same(*args) -> None:
    want = _reference(*args)
    assert _native(*args) == want, args
    # and through a memo, as a prepared original is compared
    memo: dict = {}
    with kernels.forced("native"):
        assert pair.flag_pair(*args, memo) == want
        assert pair.python_flag_pair(*args, memo) == want


@needs_native
@settings(max_examples=3000, deadline=None)
@given(groups())
def test_native_flag_pair_equals_the_reference_on_generated_groups(group):
    answered = _kernel_answers(*group)
    event("kernel" if answered else "reference")
    if answered:
        event("flags: " + (",".join(sorted({str(f.kind) for f in _reference(*group)})) or "none"))
    assert_same(*group)


PINNED = [
    # numbers, money, percentages, number words, years
    ("Prices rose 5% in 2019.", "Prices rose 7% in 2019.", "number changed: 5% → 7%"),
    ("The £20 note shows Austen.", "The £10 note shows Austen.", "number changed: 20 → 10"),
    ("It was the first summit in more than four years.", "It was the first summit since 2018.", "number changed"),
    ("Police said thirty-five people died.", "Police said twenty people died.", "number changed: thirty-five people"),
    # names and titles
    ("Trump met Putin.", "President Donald Trump met Putin.", "name changed: “Trump” → “President Donald Trump”"),
    ("Former minister Ivanov spoke.", "Minister Ivanov spoke.", "name changed"),
    # speakers
    ("“We will not go,” Kyiv told reporters.", "“We will not go,” he told reporters.", None),
    (
        "“We will not go,” Kyiv told reporters.",
        "“We will not go,” he told reporters in comments released by Kyiv.",
        "speaker changed: Kyiv → he",
    ),
    ("“No,” said Peskov.", "“No,” said the Kremlin.", "speaker changed: Peskov. → the Kremlin."),
    # hedges
    ("The army reportedly left.", "The army left, according to sources.", "hedge"),
]


@needs_native
@pytest.mark.parametrize(("left", "right", "expected"), PINNED)
def test_pinned_groups(left, right, expected):
    lq, rq = TextFacts(left).quotations, TextFacts(right).quotations
    args = (left, [(0, len(left))], right, [(0, len(right))], lq, rq)
    assert _kernel_answers(*args)
    got = _native(*args)
    assert got == _reference(*args)
    messages = [f.message for f in got]
    if expected is None:
        assert not messages
    else:
        assert any(m.startswith(expected) for m in messages), messages


def _recorded(pairs) -> list[tuple]:
    """Every group ``stage._flags`` hands ``flag_pair`` while ``compare`` runs on ``pairs``."""
    calls: list[tuple] = []
    real = stage.flag_pair

    def record(*args):
        calls.append(args[:6])
        return real(*args)

    stage.flag_pair = record
    rows = stage.flag_rows
    stage.flag_rows = lambda *args: None  # every group through flag_pair, as before the stage kernel
    try:
        with kernels.forced("native"):
            for a, b in pairs:
                forget_recent()
                articlediff.compare(a, b)
    finally:
        stage.flag_pair = real
        stage.flag_rows = rows
    return calls


def _check_every_group(pairs) -> tuple[int, int]:
    calls = _recorded(pairs)
    native = 0
    for args in calls:
        native += _kernel_answers(*args)
        assert_same(*args)
    return len(calls), native


@needs_native
def test_every_changed_group_of_every_ordered_seed_pair():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    groups, native = _check_every_group(itertools.permutations(texts, 2))
    assert groups > 100 and native > groups // 2, (groups, native)


ONESTOP = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"


@needs_native
@pytest.mark.skipif(not ONESTOP.is_dir(), reason="the shared data folder (../shared/data) is absent")
def test_every_changed_group_of_onestopenglish_pairs():
    """Every other title: advanced against elementary and intermediate, both ways."""
    titles = sorted(p.name.rsplit("-", 1)[0] for p in (ONESTOP / "Adv-Txt").glob("*.txt"))[::2]
    pairs = []
    for t in titles:
        adv, ele, int_ = (
            articlediff.load(ONESTOP / f"{name}-Txt" / f"{t}-{name.lower()}.txt") for name in ("Adv", "Ele", "Int")
        )
        pairs += [(adv, ele), (ele, adv), (adv, int_), (int_, adv)]
    groups, native = _check_every_group(pairs)
    assert groups > 100 and native > 0, (groups, native)


@needs_native
def test_a_group_that_is_not_plain_goes_to_the_reference():
    left, right = "Élysée said 5 people died.", "Élysée said 7 people died."
    args = (left, [(0, len(left))], right, [(0, len(right))], (), ())
    assert not _kernel_answers(*args)
    assert _native(*args) == _reference(*args) != []
    lone = ("Putin \udce9 said 5.", [(0, 12)], "Putin said 7.", [(0, 13)], (), ())
    assert not _kernel_answers(*lone)
    assert _native(*lone) == _reference(*lone)
