"""The native figure finder gives exactly :func:`python_figures`'s figures (skipped when not built)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.segment import split
from articlediff.signals.numbers import _figures, python_figures

from .conftest import SEEDS, SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")


def found(backend: str, text: str, spans) -> list[tuple] | tuple[str, str]:
    """What ``_figures`` gives on ``backend``: each figure's value (as hex: bit for bit), unit, kind
    and span, or the exception it raises (none should: "1,23.4" and "7.12.2026" have values too)."""
    with kernels.forced(backend):
        try:
            return [(f.value.hex(), f.unit, f.kind, f.span) for f in _figures(text, spans)]
        except ValueError as e:
            return (type(e).__name__, str(e))


def assert_same(text: str, spans) -> list[tuple] | tuple[str, str]:
    native = found("native", text, spans)
    assert native == found("python", text, spans), (text, spans)
    return native


# What the grammar turns on, glued by what separates it (or by nothing: "5" "km" is "5km"), and
# now and then a character that is not plain: Unicode word and space characters, the KELVIN SIGN
# and long s that re.IGNORECASE folds to k and s, a lone surrogate (and, plain though not ASCII,
# £, € and the byte-order mark).
FIGURES = [
    *"0123456789", "1,000", "3.5", "12,5", "2019", "1999", "747", "007", "1.2.3",
    "one", "two", "ten", "twenty", "thirty", "five", "fourteen", "hundred", "thousand", "million",
    "billion", "trillion", "dozen", "half", "a", "an", "and", "One", "HUNDRED", "Two", "AND", "Half",
    "km", "kg", "ft", "cm", "mm", "years", "year", "Days", "percent", "per cent", "people", "tonnes", "miles",
    "bn", "m", "k", "tn", "M", "K", "%",
]  # fmt: skip
WORDS = [
    "x", "A", "An", "In", "Boeing", "No", "The", "He", "Foot", "Jan", "since", "About", "$", "_", "(", "'s",
    "th", "s", "teen", "ty",
    ".", "?", "!", '"', "'", ")", "\u201d", "\u2019", "\u2018", "\u201c", "\u2013", "\u2014", "\u2026",
]  # fmt: skip
GLUE = [" ", " ", " ", " ", "", "", "-", "\n", "\t", "\r", "  ", ", ", ". ", ".", ","]
NOT_PLAIN = ["\u00e9", "\xa0", "\x1c", "\u212a", "\u017f", "\x0b", "\udce9", "\u00a3", "\u20ac", "\ufeff"]
PLAIN = frozenset(
    "\t\n\r" + "".join(map(chr, range(0x20, 0x7F))) + "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a3\u20ac\ufeff"
)
words = st.one_of(st.sampled_from(FIGURES), st.sampled_from(FIGURES), st.sampled_from(WORDS))
pieces = st.tuples(words, st.sampled_from(GLUE)).map("".join)


@st.composite
def texts_and_spans(draw):
    text = "".join(draw(st.lists(pieces, min_size=2, max_size=30)))
    if draw(st.integers(0, 3)) == 0:  # a quarter of the texts hold a character that is not plain
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(st.sampled_from(NOT_PLAIN)) + text[i:]
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(1, 3))):
        a = draw(st.sampled_from([0, 0, None, None, None]))
        a = draw(st.integers(0, n)) if a is None else a
        b = draw(st.sampled_from([n, n, None, None, None, a]))  # now and then an empty span
        spans.append((a, draw(st.integers(a, n)) if b is None else b))
    return text, spans


@needs_native
def test_native_figures_equal_the_reference_on_generated_text():
    seen = {"examples": 0, "with figures": 0, "plain": 0}

    @settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts_and_spans())
    def check(case):
        got = assert_same(*case)
        figures = bool(got) and not isinstance(got, tuple)
        seen["examples"] += 1
        seen["with figures"] += figures
        seen["plain"] += figures and set(case[0]) <= PLAIN
        event("figures" if figures else "none")

    check()
    # the alphabet is meant to exercise the kernel's grammar, not to give empty or fallback answers
    assert seen["with figures"] >= seen["examples"] * 0.3, seen
    assert seen["plain"] >= seen["examples"] * 0.2, seen
    print(seen)


def _texts(folder: Path) -> list[tuple[str, str]]:
    """Every ``*.txt`` under ``folder``; a file not in UTF-8 is read with its bad bytes as lone surrogates."""
    return [(p.name, p.read_bytes().decode("utf-8", "surrogateescape")) for p in sorted(folder.rglob("*.txt"))]


def _every_sentence(texts: list[tuple[str, str]]) -> int:
    figures = 0
    for name, text in texts:
        spans = split(text)
        for span in spans:
            got = found("native", text, [span])
            assert got == found("python", text, [span]), (name, span, text[span[0] : span[1]])
            figures += len(got)
        assert found("native", text, spans) == found("python", text, spans), name  # all spans in one call
    return figures


@needs_native
def test_native_figures_equal_the_reference_on_every_seed_sentence():
    assert _every_sentence(_texts(SEEDS)) > 50


@needs_native
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="the shared data folder (../shared/data) is absent")
def test_native_figures_equal_the_reference_on_every_shared_data_sentence():
    assert _every_sentence(_texts(SHARED / "data")) > 1000


# One example of each rule of the grammar, with the figures the reference finds: (text, value, unit, kind, figure).
PINNED = [
    ("It cost 1,000x more.", []),  # possessive digits: not "1" then ",000x"
    ("It weighs 5kg.", [(5.0, "kg", "amount", "5kg")]),  # "k" is a suffix, but "kg" follows it
    ("It is 5km away.", [(5.0, "km", "amount", "5km")]),
    ("They paid two hundred and fifty.", [(250.0, "", "count", "two hundred and fifty")]),
    ("Lots six and seven went.", [(6.0, "", "count", "six"), (7.0, "", "count", "seven")]),
    ("She bought half a dozen.", [(6.0, "", "count", "half a dozen")]),
    ("He turned thirty-five.", [(35.0, "", "count", "thirty-five")]),
    ("It was the tenth.", []),  # "ten" is no whole word here
    ("He flew a Boeing 747 jet.", []),  # part of a name
    ("In 2019 it rose.", [(2019.0, "", "year", "2019")]),  # "In" is no name
    ("8 You can't cure jet lag", []),  # a heading's leading number: a label
    ("8 You can't cure jet lag.", [(8.0, "", "count", "8")]),
    ("Profits hit 3.5bn.", [(3.5e9, "", "count", "3.5bn")]),
    ("It grew 1,5 points.", [(1.5, "", "count", "1,5")]),  # a decimal comma
    ("It grew 1,500 points.", [(1500.0, "", "count", "1,500")]),
    ("It grew 50%.", [(50.0, "%", "percent", "50%")]),
    ("It grew 50 per cent.", [(50.0, "%", "percent", "50 per cent")]),
    ("It affects millions of people.", []),  # scales alone
    ("One person said so.", []),  # a pronoun
    ("It took one year.", [(1.0, "year", "duration", "one year")]),
    ("It was 5-6 hours.", [(5.0, "", "count", "5")]),  # a range's second figure is not one
    ("It cost $2 million in 2019\u2019s budget.", [(2e6, "", "count", "2 million"), (2019.0, "", "year", "2019")]),
]


@needs_native
@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_pinned_rules(text, expected):
    assert_same(text, [(0, len(text))])
    with kernels.forced("native"):
        got = [(f.value, f.unit, f.kind, text[f.span[0] : f.span[1]]) for f in _figures(text, [(0, len(text))])]
    assert got == expected


def test_pinned_rules_hold_for_the_reference():
    for text, expected in PINNED:
        got = [(f.value, f.unit, f.kind, text[f.span[0] : f.span[1]]) for f in python_figures(text, [(0, len(text))])]
        assert got == expected, text


@needs_native
def test_look_behinds_see_before_the_span():
    text = "Item 3.5kg and 7-8 more."
    # the span starting at "5" (after "3."), at "8" (after "7-") and at "kg" (after "5")
    for a in (7, 16, 8, 0):
        assert_same(text, [(a, len(text))])


@needs_native
@pytest.mark.parametrize(
    "text",
    [
        "It is 5 \u212am.",  # the KELVIN SIGN matches "k" under re.IGNORECASE
        "Caf\u00e9 5 km.",  # a Unicode word character
        "It is 5\xa0km.",  # a Unicode space
    ],
)
def test_what_the_kernel_leaves_to_the_reference(text):
    assert kernels.NATIVE.figures(text, 0) is None
    assert_same(text, [(0, len(text))])


@needs_native
def test_a_lone_surrogate_goes_to_the_reference():
    text = "It is \udce9 5 km."
    with pytest.raises(UnicodeEncodeError):
        kernels.NATIVE.figures(text, 0)
    assert assert_same(text, [(0, len(text))]) == [((5.0).hex(), "km", "amount", (8, 12))]
