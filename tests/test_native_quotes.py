"""The native ``unsourced_quotes`` (one ``QuoteFlagger.flags`` call per comparison) gives the
reference's flags, messages included (``python_unsourced_quotes``)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.signals import quotes
from articlediff.signals.facts import TextFacts

from .conftest import SEEDS, SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Content words, function words, keys with joiners and separators, letters that are not ASCII
# (asked of Python, "İ" and "Σ" declined), and long words for messages past 60 characters.
_WORDS = (
    "peace war talks Kyiv Kremlin ceasefire troops border sanctions winter "
    "we will not the of and a to is it that cannot do "
    "U.S. 1,000 3.5 don’t don't Élysée Жуков straße 東京 x_y ² "
    "internationally-recognised extraordinarily"
).split() * 20 + ["ΣΟΦΙΑ", "İstanbul"]
# Gaps: the spaces str.split() reads (and \u200b, which it does not), punctuation, a newline (which
# ends a quotation).
_GAPS = [" "] * 8 + ["  ", "\xa0", "\u3000", "\t", "\x1c", "\u200b", ", ", " – ", "…", "\n"]
_MARKS = [("“", "”"), ('"', '"'), ("„", "“"), ("«", "»"), ("‘", "’"), ("”", "”")]


def _phrase(draw, min_size: int = 1) -> list[str]:
    return draw(st.lists(st.sampled_from(_WORDS), min_size=min_size, max_size=14))


def _join(draw, words: list[str]) -> str:
    return "".join(w + (draw(st.sampled_from(_GAPS)) if n < len(words) - 1 else "") for n, w in enumerate(words))


def _quote(draw, words: list[str]) -> str:
    opening, closing = draw(st.sampled_from(_MARKS))
    return f"{opening}{_join(draw, words)}{closing}"


def _edit(draw, words: list[str]) -> list[str]:
    """A copy's version of a quotation: the same, an excerpt, a word changed, dropped or added."""
    how = draw(st.integers(0, 4))
    if how == 0 or not words:
        return list(words)
    if how == 1:
        a = draw(st.integers(0, len(words) - 1))
        return words[a : draw(st.integers(a + 1, len(words)))]
    n = draw(st.integers(0, len(words) - 1))
    if how == 2:
        return [*words[:n], draw(st.sampled_from(_WORDS)), *words[n + 1 :]]
    if how == 3:
        return words[:n] + words[n + 1 :]
    return [*words[:n], draw(st.sampled_from(_WORDS)), *words[n:]]


@st.composite
def quoted_pairs(draw):
    """An original with quotations (some repeated) and a copy quoting some of them, edited, and new ones."""
    phrases = [_phrase(draw) for _ in range(draw(st.integers(0, 6)))]
    left = [_join(draw, _phrase(draw))]
    for words in phrases + draw(st.lists(st.sampled_from(phrases), max_size=2) if phrases else st.just([])):
        left += [_quote(draw, words), _join(draw, _phrase(draw))]
    right = [_join(draw, _phrase(draw))]
    for _ in range(draw(st.integers(0, 7))):
        new = not phrases or draw(st.integers(0, 3)) == 0
        words = _phrase(draw) if new else _edit(draw, draw(st.sampled_from(phrases)))
        right += [_quote(draw, words), _join(draw, _phrase(draw))]
    return " ".join(left), " ".join(right)


def _flagger_rows(left: str, right: str):
    """The kernel's rows for the pair, or None when it declines."""
    lf, rf = TextFacts(left), TextFacts(right)
    with kernels.forced("native"):
        lt, rt = lf.flag_text(), rf.flag_text()
        if lt is None or rt is None:
            return None
        return quotes._quote_flagger(kernels.NATIVE).flags(lt, rt)


def assert_same_quotes(left: str, right: str) -> None:
    lq, rq = TextFacts(left).quotations, TextFacts(right).quotations
    with kernels.forced("python"):
        want = quotes.python_unsourced_quotes(left, lq, right, rq)
        assert quotes.unsourced_quotes(left, lq, right, rq) == want
    with kernels.forced("native"):
        got = quotes.unsourced_quotes(left, lq, right, rq)
        lf, rf = TextFacts(left), TextFacts(right)
        texts = (lf.flag_text(), rf.flag_text())
        texts = None if None in texts else texts  # as the stage passes them
        by_stage = quotes.unsourced_quotes(left, lf.quotations, right, rf.quotations, texts)
    # the same flags in the same (the copy's quotations') order
    assert list(got.items()) == list(want.items()), (left, right)
    assert list(by_stage.items()) == list(want.items()), (left, right)


@needs_native
@settings(max_examples=2500, deadline=None)
@given(st.one_of(quoted_pairs(), quoted_pairs(), st.tuples(st.text(max_size=60), st.text(max_size=60))))
def test_native_unsourced_quotes_equal_the_reference(pair):
    left, right = pair
    rows = _flagger_rows(left, right)
    if rows is None:
        event("declined")
    else:
        event("kernel: " + ("no flags" if not rows else ", ".join(sorted({r[0] for r in rows}))))
    assert_same_quotes(left, right)


def _corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    data = SHARED / "data"
    if data.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(data.rglob("*.txt"))[3::11][:120]]
    return texts


@needs_native
def test_every_ordered_seed_pair():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    flagged = 0
    for left, right in itertools.permutations(texts, 2):
        assert _flagger_rows(left, right) is not None
        assert_same_quotes(left, right)
        flagged += len(_flagger_rows(left, right) or ())
    assert flagged > 0


@needs_native
def test_corpus_text_and_copies_of_it():
    """Neighbouring corpus texts, and each text against itself, its first half and a copy with its
    quotations' words shuffled (every quotation changed or unsourced)."""
    texts = _corpus()
    for left, right in itertools.pairwise(texts):
        assert_same_quotes(left, right)
    for text in texts[::3]:
        half = text[: len(text) // 2]
        shuffled = " ".join(
            f"“{' '.join(sorted(text[a:b].split(), key=len))}”" for a, b in TextFacts(text).quotations[:40]
        )
        for copy in (text, half, shuffled):
            assert_same_quotes(text, copy)


@needs_native
def test_a_quotation_the_keys_leave_to_the_reference_declines():
    """A quotation holding "İ" (whose lowercase is two characters): the kernel declines, the reference flags."""
    left = "He said “we will talk to İstanbul about peace” and left."
    right = "She said “we will talk about peace in İstanbul now” and left."
    assert _flagger_rows(left, right) is None
    assert _flagger_rows(left.replace("İ", "I"), right.replace("İ", "I")) is not None
    assert_same_quotes(left, right)
    with kernels.forced("native"):
        (flag,) = quotes.unsourced_quotes(left, TextFacts(left).quotations, right, TextFacts(right).quotations).values()
    assert flag.kind.value == "quote_changed"


@needs_native
def test_text_without_a_utf8_form_goes_to_the_reference():
    left, right = "x “we will \udce9 go home now” y", "x “we will go home soon” y"
    assert_same_quotes(left, right)
