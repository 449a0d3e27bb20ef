"""The native boilerplate reasons (one ``Boilerplate.reasons`` call per text) give the reference's
(``python_boilerplate_reason``) for every unit, on generated text (ASCII, beyond ASCII, and the
patterns' own trigger words) and on every sentence of the seeds and of the shared corpora."""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from articlediff import kernels, prepare
from articlediff.segment import split
from articlediff.signals import boilerplate
from articlediff.signals.boilerplate import native_reasons, python_boilerplate_reason
from articlediff.signals.facts import TextFacts

from .conftest import SEEDS, SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# The patterns' trigger words (promo, credit line, date, dateline, chrome, byline), plain story words,
# and characters beyond ASCII: letters, digits (Arabic-Indic, superscript), a combining accent, a
# connector and a joiner (\w in the regex crate, not in re), and those that re.I or str.lower() read
# as ASCII letters ("ı", "İ", "ſ", the Kelvin sign), which the kernel declines.
_TRIGGERS = (
    "download the app our Subscribe newsletter sign up follow us click here read more also read stay updated "
    "tuned informed on top discover the latest find the best of curated for you don't dont miss watch: listen: "
    "Advertisement sponsored share this be first to comment comments (12) comment all rights reserved copyright © "
    "with agency inputs input reporting by writing by editing by additional reporting compiled by source: ( "
    "Mon, Tuesday 12 March 2024 Jan. 5, 2024 03/12/2024 12.3.24 2024-03-12 10:30 am , "
    "LONDON WASHINGTON (Reuters) (AP) — – - ’ ' . world home news business sport sports opinion tech technology "
    "markets latest trending menu search share print email article image photo video related more top stories "
    "live » › | : By Jane Doe O’Neil Mary-Ann J. R. McDonald"
).split()
_STORY = "Putin met Trump in Alaska on Friday and talks lasted three hours . , ; ! ?".split()
_BEYOND = (
    "Zoë Élysée Жуков МОСКВА 東京 straße ΣΟΦΙΑ İstanbul ıread ſubscribe \u212aremlin Kyïv ٣ ² e\u0301 x\u203fy "
    "a\u200db ﬁ ǅ ⅷ ㊿ ǈ µ ﹏"
).split()
_GAPS = [" "] * 10 + ["  ", "\xa0", "\u3000", "\t", "\x1c", "\u200b", "\n", "\u2028", "\x85", "", ", "]


@st.composite
def units(draw) -> str:
    words = draw(st.lists(st.sampled_from(_TRIGGERS * 3 + _STORY * 2 + _BEYOND), max_size=12))
    gaps = [draw(st.sampled_from(_GAPS)) for _ in words]
    lead = draw(st.sampled_from(["", "", " ", "\n", "\xa0"]))
    return lead + "".join(w + g for w, g in zip(words, gaps, strict=True))


@st.composite
def texts(draw) -> tuple[str, list[tuple[int, int]], list[bool]]:
    """A text of units, its spans (each unit's, and now and then one past the end or empty) and headings."""
    parts = draw(st.lists(st.one_of(units(), units(), st.text(max_size=30)), max_size=8))
    spans, at = [], 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part) + 1
    text = " ".join(parts)
    spans += draw(st.lists(st.tuples(st.integers(0, len(text) + 3), st.integers(0, len(text) + 3)), max_size=2))
    return text, spans, draw(st.lists(st.booleans(), min_size=len(spans), max_size=len(spans)))


def reference(text: str, spans, headings) -> list[str | None]:
    return [python_boilerplate_reason(text[a:b], h) for (a, b), h in zip(spans, headings, strict=True)]


def assert_same(text: str, spans, headings) -> list:
    """The kernel's reasons (False where it declines) after checking them against the reference."""
    want = reference(text, spans, headings)
    with kernels.forced("native"):
        got = native_reasons(text, spans, headings)
        assert boilerplate.boilerplate_reasons(text, spans, headings) == want
    with kernels.forced("python"):
        assert boilerplate.boilerplate_reasons(text, spans, headings) == want
    if got is None:  # no UTF-8 form
        return []
    for n, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g is False or g == w, (text[spans[n][0] : spans[n][1]], headings[n], g, w)
    return got


@needs_native
@settings(max_examples=1000, deadline=None)
@given(texts())
def test_native_reasons_equal_the_reference(case):
    got = assert_same(*case)
    for reason in got:
        event("declined" if reason is False else f"kernel: {reason}")


@needs_native
@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TRIGGERS + _STORY), max_size=10), st.booleans())
def test_ascii_units_are_never_declined(words, heading):
    unit = " ".join(words)
    (got,) = assert_same(unit, [(0, len(unit))], [heading])
    assert got is not False


def _probes(c: str) -> list[tuple[str, bool]]:
    """Units where a character next to or inside a trigger decides the reason (heading or not)."""
    return [
        (f"{c}subscribe now", False),
        (f"read{c}more", False),
        (f"subscribe{c}", False),
        (f"comments ({c})", False),
        (f"12 {c}arch 2024", False),
        (f"{c}2 March 2024", False),
        (f"LONDON{c}—", False),
        (f"{c}ideo", False),
        (f"Reporting by{c}", False),
        (f"By Jane {c}oe", True),
        (f"Jane D{c}e", True),
    ]


def _check_characters(chars: list[str]) -> None:
    declined = 0
    for start in range(0, len(chars), 4000):
        batch = [p for c in chars[start : start + 4000] for p in _probes(c)]
        text = "\n".join(u for u, _ in batch)
        spans, at = [], 0
        for u, _ in batch:
            spans.append((at, at + len(u)))
            at += len(u) + 1
        got = assert_same(text, spans, [h for _, h in batch])
        declined += sum(r is False for r in got)
    assert declined < len(chars) * len(_probes("x")) // 2  # most characters beyond ASCII are read natively


@needs_native
def test_characters_beyond_ascii_are_read_as_the_reference_reads_them():
    """Latin, Greek, Cyrillic, the punctuation and letterlike blocks whole, one in 11 beyond."""
    _check_characters([chr(c) for c in [*range(0x80, 0x600), *range(0x2000, 0x2200), *range(0x600, 0x20000, 11)]])


@needs_native
@pytest.mark.slow
def test_every_character_beyond_ascii_is_read_as_the_reference_reads_it():
    """Every code point of the first two planes (one in 7 beyond them)."""
    chars = [*range(0x80, 0xD800), *range(0xE000, 0x20000), *range(0x20000, 0x110000, 7)]
    _check_characters([chr(c) for c in chars])


@needs_native
@pytest.mark.parametrize(
    ("unit", "heading", "want"),
    [
        ("\u017fubscribe now", False, None),  # re.I reads "ſ" as "s", the promo hints do not
        ("Read \u212aremlin news: subscribe", False, "promo"),
        ("\u0131ead more", False, None),
        ("By J\u0131m Doe", True, "byline"),  # "ı" is \w
        ("Reporting by İlker", False, "credit line"),
    ],
)
def test_what_re_i_reads_as_ascii_goes_to_the_reference(unit, heading, want):
    with kernels.forced("native"):
        (got,) = native_reasons(unit, [(0, len(unit))], [heading])
    assert got is False
    assert assert_same(unit, [(0, len(unit))], [heading]) == [False]
    assert python_boilerplate_reason(unit, heading) == want


@needs_native
def test_a_text_without_a_utf8_form_goes_to_the_reference():
    text = "Subscribe \udce9 now. Read more"
    spans = [(0, 15), (16, len(text))]
    with kernels.forced("native"):
        assert native_reasons(text, spans, [False, False]) is None
    assert_same(text, spans, [False, False])


@needs_native
def test_reasons_are_found_once_per_text(monkeypatch):
    """An original compared with many copies: its facts ask the kernel once for each unit, only
    about units not asked about before, and give the reference's reasons under either backend."""
    text = "Putin met Trump. Read more: the talks. LONDON (Reuters) —"
    spans = split(text)
    heads = [False] * len(spans)
    calls = []
    facts = TextFacts(text)
    real = boilerplate.native_reasons
    monkeypatch.setattr(boilerplate, "native_reasons", lambda *a: calls.append(a) or real(*a))
    with kernels.forced("native"):
        first = facts.boilerplate(spans[1:], heads[1:])
        assert facts.boilerplate(list(spans[1:]), list(heads[1:])) == first
        whole = facts.boilerplate(spans, heads)
        assert facts.boilerplate(spans, [True] * len(spans)) == reference(text, spans, [True] * len(spans))
    assert [c[1] for c in calls] == [spans[1:], spans[:1], spans]
    assert whole == reference(text, spans, heads)
    assert whole[1:] == first
    with kernels.forced("python"):
        assert TextFacts(text).boilerplate(spans, heads) == whole
    assert len(calls) == 4  # the pure backend's facts asked too, and got None back


def _check_texts(texts: list[str]) -> tuple[int, int]:
    """Each text as the pipeline splits it, every unit read as a heading and as not: the units the
    kernel decides and those it declines."""
    decided = declined = 0
    for text in texts:
        spans = split(text)
        for heads in ([False] * len(spans), [True] * len(spans)):
            got = assert_same(text, spans, heads)
            declined += sum(r is False for r in got)
            decided += sum(r is not False for r in got)
    return decided, declined


@needs_native
def test_every_sentence_of_the_seeds():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:  # the headings as prepared
        prepared = prepare(text)
        assert_same(text, [(s.start, s.end) for s in prepared.sentences], list(prepared.headings))
    decided, declined = _check_texts(texts)
    assert decided > 0 and declined == 0


@needs_native
def test_every_sentence_of_the_corpora():
    """Every text file of the shared corpora; those of one record a line read line by line (as a
    batch reads them)."""
    data = SHARED / "data"
    paths = sorted([*data.rglob("*.txt"), *data.rglob("*.csv")]) if data.is_dir() else []
    if not paths:
        pytest.skip(f"no corpora under {data}")
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        texts += text.splitlines() if len(text) > 100_000 else [text]
    decided, declined = _check_texts(texts)
    assert decided > 100 * declined
