"""Segmentation on the seeds: no sentence ends inside U.S., U.N., Nov. 7 or an initial; quotations
stay with their attribution; lines are units; offsets are exact."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff.segment import split

from .conftest import SHARED, seed


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split(text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_sentence_ends_inside_abbreviations_or_initials(prefix):
    for s in sentences(seed(prefix)):
        assert not re.search(r"\b(U\.S|U\.N|Nov|Gen|Mr|Dr)\.$", s), s
        assert not re.search(r"(?:^|\s)[A-Z]\.$", s), s  # an initial such as "William J."


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_are_stripped_ordered_and_within_lines(prefix):
    text = seed(prefix)
    spans = split(text)
    assert spans == sorted(spans)
    for a, b in spans:
        piece = text[a:b]
        assert piece and piece == piece.strip()
        assert "\n" not in piece
    for (_, b), (a, _) in zip(spans, spans[1:], strict=False):
        assert b <= a


def test_named_seed_sentences_stay_whole():
    s000 = sentences(seed("000"))
    assert (
        "“If we’re talking about simply withdrawing from the east, we cannot do that,” Kyiv told reporters Thursday."
        in s000
    )
    assert any(
        s.startswith("One source claimed a three-way Russia-Ukraine-U.S. accord recognised by the U.N. Security")
        for s in s000
    )
    s003 = sentences(seed("003"))
    assert any(s.endswith("Putin told the Valdai discussion group on Nov. 7.") for s in s003)
    s004 = sentences(seed("004"))
    assert any("William J. Burns acknowledged" in s for s in s004)


def test_headlines_bylines_datelines_are_units():
    s002 = sentences(seed("002"))
    assert s002[:7] == [
        "World",
        "article image",
        "World",
        "19 Sep, 2025",
        "Putin Proposes Territorial Concessions and Security Guarantees in Ukraine Peace Talks",
        "Bonifacio Tumang",
        "MOSCOW —",
    ]
    assert s002[7].startswith("Russian President Vladimir Putin has outlined")


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We agreed." Kyiv told reporters on Thursday.', ['"We agreed." Kyiv told reporters on Thursday.']),
        ("“Why?” he asked. Nobody answered.", ["“Why?” he asked.", "Nobody answered."]),
        ("Mr. Smith met Gen. Jones. They talked.", ["Mr. Smith met Gen. Jones.", "They talked."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("WASHINGTON (Reuters) - Talks began.", ["WASHINGTON (Reuters) -", "Talks began."]),
        ("", []),
        ("  \n\t \n", []),
    ],
)
def test_rules(text, expected):
    assert sentences(text) == expected


def test_span_of_a_slice_indexes_the_whole_text():
    text = "Intro. One. Two."
    assert [text[a:b] for a, b in split(text, 7)] == ["One.", "Two."]


# -- the Punkt shortcut (segment._tokenizer) decides exactly as Punkt does ----------------------

_WORDS = ["said", "U.S", "u.s", "Gen", "Nov", "Mr", "mr", "Jan", "J", "a", "No", "long-term", "Russia-U.S",
          "then-U.S", "reuters.com", "Why", "2018", "7", "1,000", "3.5", "11th", "etc", "Inc", "Ltd", "é",
          "Zelenskiy", "ÉTÉ", "x-ray", "St"]  # fmt: skip
_NEXT = ["The", "the", "President", "7", "11th.", "\"We", "\u201cWhy", "(AP)", ",", ";", ".", "-", "and", "É",
         "élan", "U.S.", "Why?", "A", "he", "said.\u201d"]  # fmt: skip


def _punkt_agrees(context: str) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from articlediff.segment import _tokenizer

    tok = _tokenizer()
    assert tok.text_contains_sentbreak(context) == PunktSentenceTokenizer.text_contains_sentbreak(tok, context), context


@given(
    st.sampled_from(_WORDS) | st.text(alphabet="aZ.-1,é", min_size=1, max_size=6),
    st.sampled_from([".", "?", "!"]),
    st.sampled_from([" ", "  ", "\t", "\u00a0"]),
    st.sampled_from(_NEXT) | st.text(alphabet="aZ.?!\"',;1é(", min_size=1, max_size=5),
)
@settings(max_examples=400, deadline=None)
def test_punkt_shortcut_decides_as_punkt(word, end, space, nxt):
    _punkt_agrees(word + end + space + nxt)


def test_punkt_shortcut_on_real_text(seeds):
    """Every context Punkt judges in the seeds and (when present) the shared corpora."""
    from articlediff.segment import _tokenizer

    texts = list(seeds.values())
    if SHARED.is_dir():
        texts += [p.read_text("utf-8", "replace") for p in sorted((SHARED / "data").rglob("*.txt"))[:400]]
    tok = _tokenizer()
    for text in texts:
        for line in text.splitlines():
            for _, context in tok._match_potential_end_contexts(line):
                _punkt_agrees(context)
