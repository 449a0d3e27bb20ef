"""The native segmenter gives exactly :func:`python_split`'s spans (skipped when not built)."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
from importlib import resources

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from articlediff import kernels, segment
from articlediff.segment import python_split, split

from .conftest import ROOT, SEEDS, SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")
DATA = SHARED / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="the shared data folder (../shared/data) is absent")

PLAIN = frozenset(
    "\t\n\r" + "".join(map(chr, range(0x20, 0x7F))) + "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a3\u20ac\ufeff"
)


def native_split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    with kernels.forced("native"):
        return split(text, start, end)


def assert_same(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    got = native_split(text, start, end)
    want = python_split(text, start, end)
    assert got == want, (text, start, end, [text[a:b] for a, b in got], [text[a:b] for a, b in want])
    return got


def decided_natively(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the kernel (not the reference) splits ``text[start:end]``."""
    size = len(text)
    lo = min(max(start, 0), size)
    hi = size if end is None else min(max(end, 0), size)
    try:
        return segment._segmenter(kernels.NATIVE).split(text, lo, max(lo, hi)) is not None
    except UnicodeEncodeError:
        return False


def _params() -> dict:
    return json.loads(resources.files("articlediff").joinpath("data/punkt_news.json").read_text("utf-8"))


_ABBREVS = sorted(_params()["abbrev_types"])
_NAME_ENDS = sorted(_params()["name_final_abbrevs"])
_STARTERS = sorted(_params()["sent_starters"])

# What each rule turns on: the shipped abbreviations (in three cases), name-ending abbreviations,
# initials and titles, numbers, sentence starters and capitalised words that go on naming,
# quotations with and without an attribution, spaced ellipses, datelines, and the characters at
# the kernel's edges (’ “ ” … are one code point but three bytes) or beyond them (not plain).
_WORDS = st.one_of(
    st.sampled_from(_ABBREVS).map(lambda a: a + "."),
    st.sampled_from(_ABBREVS).map(lambda a: a.upper() + "."),
    st.sampled_from(_ABBREVS).map(lambda a: a.capitalize() + "."),
    st.sampled_from(_NAME_ENDS).map(lambda a: a.capitalize() + "."),
    st.sampled_from(_STARTERS).map(str.capitalize),
    st.sampled_from(
        "J. A. J.D. E.J. U.S. U.N. Brig. Gen. Lt. Col. Gov. Mr. Dr. St. Nov. 7. No. 1 11th. 3.5 1,000. 75%. "
        "£36,200. €5 1990s. 9/11? J&K. a.m. etc. Inc. Co. Corp. N.Y. Hewlett-Packard Co. Ltd. JCP.N IBM It’s "
        "It's Russia-U.S. long-term x. X. 7 2018 The the he He she They said says told asked according Kyiv "
        "Putin reporters Republicans Chairman Chief Thursday Monday that whether would on to of in a".split()
    ),
)
_QUOTED = st.sampled_from(
    [
        '"We agreed," Kyiv told reporters.',
        '"We agreed." Kyiv told reporters on Thursday.',
        "\u201cNo.\u201d He left.",
        "\u201cWhy?\u201d he asked.",
        '"…peace or safety." He said the consequences would be grave.',
        '"It is over," said the minister, who asked not to be named in line with policy, on Friday.',
        '"Yes!" According to the report, the talks failed.',
        '"Go." Police said they will return.',
        "\u2018Fine,\u2019 she wrote: \u2018no more.\u2019",
        'shouted "Takbir!", or so',
        '("Sent1.") Sent2.',
        "He said \u201cno.\u201d-- Then.",
        '"Really?" "Yes."',
    ]
)
# a quotation, a speaker and a speech verb, then a tail of words about as long as the limit
_ATTRIBUTION = st.builds(
    lambda quote, who, verb, tail, end: f"{quote} {who} {verb} {' '.join(tail)}{end}",
    st.sampled_from(['"We agreed."', "\u201cNo!\u201d", '"Go,"', "\u2018Why?\u2019", '"Fine." "Yes."']),
    st.sampled_from(["Kyiv", "he", "the minister", "Putin, 70,", "It"]),
    st.sampled_from(["said", "told", "says", "Said", "according", "asked:", "added,", "noted"]),
    st.lists(st.sampled_from("reporters on Thursday in Kyiv the U.S. at a news conference that them,".split()),
             min_size=segment.MAX_ATTRIBUTION_TAIL - 2, max_size=segment.MAX_ATTRIBUTION_TAIL + 2),
    st.sampled_from([".", "", ". Then.", "\u2026"]),
)  # fmt: skip
_ELLIPSES = st.sampled_from(
    [
        ". . .",
        " . . . ",
        ". . . .",
        "word. . . .",
        "investigation. . . . Gary",
        "...",
        "\u2026",
        ". .",
        ".\t.\t.",
        ". . . It",
    ]
)
_DATELINES = st.sampled_from(
    [
        "MOSCOW \u2014 ",
        "WASHINGTON, Nov 7 (Reuters) - ",
        "KYIV (AP) \u2014 ",
        "NEW YORK -- ",
        "O'HARE\u2019S \u2013 ",
        "U.S.-",
        "LONDON, Sept. 12 (Reuters) -",
        "PARIS \u2014",
        "ABC-DEF GHI-JKL MNO - x",
    ]
)
_MARKS = st.sampled_from(
    list(".?!,;:-\u2014\u2013\u2026\"'\u2019\u2018\u201c\u201d()[]{}*@&#") + ["?!", "!!!", ".)", ".]", "--"]
)
_GAPS = st.sampled_from([" "] * 10 + ["  ", "\t", "\n", "\r\n", "\r", "\n\n", "\n \n", ", ", "; ", " -- ", "\r\r"])
NOT_PLAIN = ["\u00e9", "\xa0", "\x1c", "\x1f", "\u2028", "\x0b", "\x0c", "\x85", "\u3002", "\u0964", "\ufffd", "\u00ab"]
_PIECE = st.one_of(_WORDS, _WORDS, _WORDS, _QUOTED, _ATTRIBUTION, _ELLIPSES, _DATELINES, _MARKS)
_LINE = st.lists(st.tuples(_PIECE, _GAPS), min_size=1, max_size=25).map(lambda parts: "".join(p + g for p, g in parts))


@st.composite
def _wrapped(draw) -> str:
    """A paragraph hard-wrapped at a width the wrap test accepts (or just outside it), between other lines."""
    words = draw(st.lists(st.one_of(_WORDS, st.sampled_from(["and", "the", "of", "to", "by", "with"])), min_size=10))
    width = draw(st.sampled_from([35, 40, 41, 60, 80, 119, 120, 125]))
    lines = textwrap.wrap(" ".join(words), width) or [""]
    if draw(st.booleans()) and len(lines) > 2:  # a short line in the middle ends a stretch
        lines.insert(draw(st.integers(1, len(lines) - 1)), draw(st.sampled_from(["Short.", "short", "By A. Writer"])))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return draw(_LINE) + "\n" + sep.join(lines) + draw(st.sampled_from(["\n", "\n\n", ""])) + draw(_LINE)


@st.composite
def _long(draw) -> str:
    """A run past MAX_UNIT_CHARS: repeated words with or without spaces and sentence ends."""
    run = draw(st.lists(st.one_of(_WORDS, _MARKS, st.sampled_from(["x", "word", "-", "\u2019", "\u2014"])), min_size=1))
    glue = draw(st.sampled_from([" ", "", "", "\t", ". "]))
    return glue.join(run) * draw(st.integers(2, 400))


@st.composite
def texts(draw) -> tuple[str, int, int | None]:
    text = draw(st.one_of(_LINE, _LINE, _LINE, _wrapped(), _long(), st.text(max_size=20)))
    if draw(st.integers(0, 4)) == 0:  # a fifth hold a character the kernel leaves to the reference
        i = draw(st.integers(0, len(text)))
        text = text[:i] + draw(st.sampled_from(NOT_PLAIN)) + text[i:]
    n = len(text)
    start = draw(st.one_of(st.just(0), st.just(0), st.integers(0, n), st.integers(-3, n + 3)))
    end = draw(st.one_of(st.none(), st.none(), st.integers(0, n), st.integers(-3, n + 3)))
    return text, start, end


@needs_native
def test_native_split_equals_the_reference_on_generated_text():
    seen = {"examples": 0, "native": 0, "sentences": 0}

    @settings(
        max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )
    @given(texts())
    @example(
        ("MOSCOW \u2014 Gen. Smith met U.S. envoys on Nov. 7. \u201cWe agreed.\u201d he said.\nMore soon", 0, None)
    )
    @example(("x. . . . It was. \u2019Yes,\u2019 he said.", 0, None))
    @example(("One. Two.\u00e9", 0, 9))  # the character that is not plain lies outside the part read
    @example(("a" * 1500, 0, None))
    @example(("word " * 300, 2, 1400))
    def check(case):
        text, start, end = case
        got = assert_same(text, start, end)
        native = decided_natively(text, start, end)
        seen["examples"] += 1
        seen["native"] += native
        seen["sentences"] += len(got)
        event("native" if native else "reference")

    check()
    assert seen["native"] >= seen["examples"] * 0.6, seen
    assert seen["sentences"] >= seen["examples"] * 2, seen
    print(seen)


def _shared_texts() -> list[tuple[str, str]]:
    """Every ``*.txt`` under the shared data (OneStopEnglish, Clough–Stevenson), bad bytes as lone surrogates."""
    return [(p.name, p.read_bytes().decode("utf-8", "surrogateescape")) for p in sorted(DATA.rglob("*.txt"))]


def _eval_segment():
    if "eval_segment" not in sys.modules:
        spec = importlib.util.spec_from_file_location("eval_segment", ROOT / "benchmarks" / "eval_segment.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["eval_segment"] = module
        spec.loader.exec_module(module)
    return sys.modules["eval_segment"]


def _every(named: list[tuple[str, str]], cuts: bool = True) -> int:
    native = 0
    for name, text in named:
        got = native_split(text)
        assert got == python_split(text), name
        native += decided_natively(text)
        if cuts:  # and from a third of the way in to two thirds, as a caller's slice
            n = len(text)
            assert native_split(text, n // 3, 2 * n // 3) == python_split(text, n // 3, 2 * n // 3), name
    return native


@needs_native
def test_native_split_equals_the_reference_on_the_seeds():
    named = [(p.name, p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    assert _every(named) == len(named) == 5


@needs_native
@needs_data
def test_native_split_equals_the_reference_on_every_shared_text():
    named = _shared_texts()
    assert len(named) > 600
    assert _every(named) > 500


@needs_native
@needs_data
def test_native_split_equals_the_reference_on_msrp_paragraphs():
    ev = _eval_segment()
    parts = ev.read_sentences(DATA)
    named = [(f"{part} {n}", " ".join(p)) for part in ev.PARTS for n, p in enumerate(ev.paragraphs(parts[part]))]
    assert _every(named, cuts=False) > 2000


@needs_native
@needs_data
def test_native_split_equals_the_reference_on_sts_sentences():
    rows = []
    for path in sorted((DATA / "stsbenchmark").glob("*.csv")):
        for line in path.read_text("utf-8", "surrogateescape").splitlines():
            cols = line.split("\t")
            rows += cols[5:7]
    paras = [rows[i : i + 5] for i in range(0, len(rows), 5)]
    named = [(f"sts {n}", sep.join(p)) for n, p in enumerate(paras) for sep in (" ", "\n")]
    assert _every(named, cuts=False) > 5000


# Each rule with the sentences the reference makes: (text, sentences).
PINNED = [
    (
        'MOSCOW \u2014 Gen. Smith met U.S. envoys on Nov. 7. "We agreed." he said.\nMore soon',
        ["MOSCOW \u2014", "Gen. Smith met U.S. envoys on Nov. 7.", '"We agreed." he said.', "More soon"],
    ),
    ('"We agreed," Kyiv told reporters. Then.', ['"We agreed," Kyiv told reporters.', "Then."]),
    ('"We agreed." Kyiv told reporters on Thursday.', ['"We agreed." Kyiv told reporters on Thursday.']),
    (
        '"Peace or safety." He said the consequences would be grave.',
        ['"Peace or safety."', "He said the consequences would be grave."],
    ),
    # the attribution tail: ten words after the verb stay, eleven do not
    ('"We agreed." Kyiv said one two three four five six seven eight nine ten', None),
    ('"We agreed." Kyiv said one two three four five six seven eight nine ten eleven', None),
    ("\u201cNo.\u201d He left. It\u2019s over\u2026 Really.", None),
    ("They waited . . . It was dark. They were just listening . . . there could be more.", None),
    ("It ended the investigation. . . . Gary Nicklaus spoke.", None),
    ("Talks with J.D. Power went on. Brig. Gen. Smith came. He met G.M. In Virginia it rained.", None),
    (
        "It sold Hewlett-Packard Co. Republicans had objected. Microsoft Corp. Chief Executive Steve Ballmer spoke.",
        None,
    ),
    ("WASHINGTON, Nov 7 (Reuters) - Talks began.\r\nKYIV (AP) \u2014 More.\rLONDON -- End.", None),
    (
        "HEADLINE\nthe first line of a paragraph that was hard\nwrapped at a fixed width by the mail\n"
        "client of the writer. It goes on.\nBy A. Writer",
        None,
    ),
    ("\u00a3 5 rose 7. Then \u20ac3.\ufeff Next.", None),
    ("word " * 260 + "end", None),
    ("x" * 2500, None),
]


@needs_native
@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_pinned_rules(text, expected):
    got = assert_same(text)
    assert decided_natively(text)
    if expected is not None:
        assert [text[a:b] for a, b in got] == expected


def test_the_attribution_tail_is_the_limit():
    text = '"We agreed." Kyiv said ' + " ".join(["w"] * segment.MAX_ATTRIBUTION_TAIL)
    assert len(python_split(text)) == 1
    assert len(python_split(text + " w")) == 2


@needs_native
@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00e9. Two.",  # a Unicode letter
        "One.\xa0Two.",  # a Unicode space
        "One.\x1cTwo.",  # a line separator for re, a word character for Punkt
        "One\u3002Two",  # a sentence end of another script
        "\u00abNo.\u00bb He left.",  # guillemets: not plain
    ],
)
def test_what_the_kernel_leaves_to_the_reference(text):
    assert not decided_natively(text)
    assert_same(text)


@needs_native
def test_only_the_part_read_must_be_plain():
    text = "\u00e9t\u00e9. One. Two. \u00e9"
    assert decided_natively(text, 5, len(text) - 2)
    assert native_split(text, 5, len(text) - 2) == python_split(text, 5, len(text) - 2) == [(5, 9), (10, 14)]


@needs_native
def test_a_lone_surrogate_goes_to_the_reference():
    text = "One. \udce9 Two."
    assert not decided_natively(text)
    assert assert_same(text) == [(0, 4), (5, 11)]


def _segmenter(**changes):
    """A Segmenter with the shipped rules, some changed: the tests of the tests."""
    return kernels.NATIVE.Segmenter(**{**segment.segmenter_settings(), **changes})


@needs_native
@pytest.mark.parametrize(
    ("changes", "text"),
    [
        (
            {"max_tail": segment.MAX_ATTRIBUTION_TAIL - 1},
            '"We agreed." Kyiv said ' + "w " * segment.MAX_ATTRIBUTION_TAIL,
        ),
        ({"abbrevs": [a for a in _ABBREVS if a != "gen"]}, "Brig. Gen. Smith came."),
        ({"starters": []}, "He went to the U.S. His envoy came."),
        ({"clause": []}, '"Peace." He said the consequences would be grave.'),
        ({"max_unit": 500}, "word " * 260),
        ({"wrap_widths": (50, 120)}, PINNED[12][0]),
    ],
)
def test_each_word_list_and_limit_is_read(changes, text):
    # the shipped rules give the reference's spans; one changed gives others (so the comparisons
    # above would see a rule the kernel got wrong)
    assert _segmenter().split(text, 0, len(text)) == python_split(text)
    assert _segmenter(**changes).split(text, 0, len(text)) != python_split(text)


@needs_native
def test_punkt_is_asked_only_what_the_shortcut_leaves_and_its_errors_propagate():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    asked = []
    tok = segment._tokenizer()

    def punkt(context):
        asked.append(context)
        return PunktSentenceTokenizer.text_contains_sentbreak(tok, context)

    text = "He met J. Smith. It's Mr. It's late. He left. The U.S. It rose 7. Then . . . it ended."
    assert _segmenter(punkt=punkt).split(text, 0, len(text)) == python_split(text)
    assert asked and all(tok.contains_sentbreak(c, 0, len(c)) == bool(punkt(c)) for c in list(asked))
    assert "left. The" not in asked  # the shortcut decides a plain word before a capital

    def broken(context):
        raise RuntimeError(f"no Punkt for {context!r}")

    with pytest.raises(RuntimeError, match="no Punkt"):
        _segmenter(punkt=broken).split(text, 0, len(text))


@needs_native
def test_lines_of_text_that_is_not_all_plain_are_split_alike():
    """Text with a character the kernel leaves to the reference in some lines: the kernel splits the
    plain lines (``Segmenter.split_lines``), the reference the others, with the same spans as the
    reference on the whole text."""
    seen = {"examples": 0, "plain lines": 0}

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(texts(), st.booleans(), st.sampled_from(["\n", "\n\n", "\r\n", "\u2028", "\x0b"]))))
    def check(parts):
        pieces = []
        for (line, _, _), spoil, sep in parts:
            pieces.append((line + " \u00e9t\u00e9." if spoil else line) + sep)
        text = "".join(pieces)
        assert_same(text)
        lines = segment.logical_lines(text)
        found = segment._segmenter(kernels.NATIVE).split_lines(text, lines)
        seen["examples"] += 1
        seen["plain lines"] += sum(f is not None for f in found)

    check()
    assert seen["plain lines"] >= seen["examples"], seen
