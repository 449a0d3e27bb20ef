"""The native flag scans (names, hedges, speakers) give the reference's results on any text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.segment import split
from articlediff.signals import scan
from articlediff.signals.attribution import _hedges, _speakers
from articlediff.signals.facts import TextFacts
from articlediff.signals.names import _mentions

from .conftest import SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Words each rule turns on: names, titles before and inside names, function words and openers
# that split a run, "-ing"/"-ly" first words, speech verbs, pronouns, hedges; and characters the
# kernel must leave to the reference (not plain) or that sit at its edges (’, “, …, \r).
_WORDS = (
    "Vladimir Putin U.S. Kyiv’s Al-Assad F-16 McDonald's JOHN A. former Former ex EX vice chief then acting "
    "president President minister chairman chair The the of and His According Speaking Currently Reportedly "
    "said says told Said SAID stated claims claimed he she they It we I reportedly allegedly apparently "
    "according to sources reports people rumoured rumored is are said to sources said Peskov Kremlin "
    "spokesman 1,000 3.5 co. Inc. Mr. Dr. N.Y. Élysée Σ ſaid Ken ı İ"
).split()
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\t", "\r", ", ", ". ", '"', " “", "” ", "’", "‘", " – ", "—", "…", "(", ") ",
               "\xa0", "\x1c", "\u2028", "é", "-", "'", "£", "€", "\ufeff"]  # fmt: skip

texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=30).map(
    lambda parts: "".join(w + s for w, s in parts)
)


# denser in what a speaker needs: a name or pronoun next to a speech verb, quotation marks
_SPEECH_WORDS = 'Putin Kyiv’s U.S. the Kremlin he she It said says told Said stated claims “no” "yes" ‘so’'.split()
_SPEECH_GAPS = [" "] * 8 + ["\n", ", ", '"', " “", "” ", "’", "\xa0", "é", "\x1c"]
speech_texts = st.lists(
    st.tuples(st.sampled_from(_SPEECH_WORDS), st.sampled_from(_SPEECH_GAPS)), min_size=3, max_size=20
).map(lambda parts: "".join(w + s for w, s in parts))


@st.composite
def text_and_spans(draw, texts=texts):
    text = draw(st.one_of(texts, texts, texts, st.text(max_size=40)))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=6)) + [0, n])
    spans = [(a, b) for a, b in itertools.pairwise(cuts)]
    if draw(st.booleans()):
        spans = draw(st.lists(st.sampled_from(spans), max_size=4)) if spans else spans
    return text, spans


def _native(find, *args):
    with kernels.forced("native"):
        return find(*args)


@needs_native
@settings(max_examples=1500, deadline=None)
@given(text_and_spans())
def test_native_mentions_are_the_references(case):
    text, spans = case
    want = _mentions(text, spans)
    event("mentions" if want else "none")
    assert _native(scan.mentions, text, spans) == want


@needs_native
@settings(max_examples=800, deadline=None)
@given(text_and_spans())
def test_native_hedges_are_the_references(case):
    text, spans = case
    want = _hedges(text, spans)
    event("hedges" if want else "none")
    got = _native(scan.hedges, text, spans)
    assert got == want and list(got) == list(want)


@needs_native
@settings(max_examples=1500, deadline=None)
@given(text_and_spans(speech_texts), st.data())
def test_native_speakers_are_the_references(case, data):
    text, spans = case
    facts = TextFacts(text)
    quotes = list(facts.quotations)
    if not quotes or data.draw(st.booleans()):  # quotations as found, or any sorted disjoint spans
        quotes, pos = [], 0  # short ones, so that speakers outside them remain
        most = max(1, len(text) // 4)
        for gap, size in data.draw(st.lists(st.tuples(st.integers(0, most), st.integers(0, 6)), max_size=5)):
            if pos + gap + size > len(text):
                break
            quotes.append((pos + gap, pos + gap + size))
            pos += gap + size
    want = _speakers(text, spans, quotes)
    event("speakers" if want else "none")
    assert _native(scan.speakers, text, spans, quotes) == want


@needs_native
def test_native_scans_on_corpus_sentences(seeds):
    corpus = list(seeds.values())
    base = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    corpus += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(base.glob("*/*.txt"))[:300]]
    found = 0
    for text in corpus:
        sentences = split(text)
        quotes = list(TextFacts(text).quotations)
        for span in sentences:
            want = _mentions(text, [span])
            assert _native(scan.mentions, text, [span]) == want, text[span[0] : span[1]]
            found += len(want)
            assert _native(scan.hedges, text, [span]) == _hedges(text, [span])
            assert _native(scan.speakers, text, [span], quotes) == _speakers(text, [span], quotes)
    assert found > 1000


@needs_native
@pytest.mark.parametrize(
    "text",
    [
        "Former U.S. President Donald Trump said so.",
        "the former\nPresident Joe Biden",
        "He met ex-President Carter and Vice President Kamala Harris.",
        "Speaking in Kyiv, President Volodymyr Zelenskiy’s aide said it.",
        "“We cannot do that,” Kyiv told reporters, reportedly.",
        "Microsoft Corp. Chairman Bill Gates said the chairman's plan was sources said good.",
        "Accordingly Peskov said the Kremlin's position is said to be firm, said the spokesman Dmitry Peskov.",
        "caf\u00e9 owner Jean Dupont said so",  # not plain: the reference scans it
        "Mr\u00a0Smith said yes.",
    ],
)
def test_native_scans_on_pinned_sentences(text):
    spans = [(0, len(text)), (3, len(text)), (0, 0)]
    quotes = list(TextFacts(text).quotations) or [(0, 1)]
    assert _native(scan.mentions, text, spans) == _mentions(text, spans)
    assert _native(scan.hedges, text, spans) == _hedges(text, spans)
    assert _native(scan.speakers, text, spans, quotes) == _speakers(text, spans, quotes)


@needs_native
def test_native_scans_leave_lone_surrogates_to_the_reference():
    text = "Mr. Caf\udce9 Smith said “yes” reportedly."
    spans = [(0, len(text))]
    assert _native(scan.mentions, text, spans) == _mentions(text, spans)
    assert _native(scan.hedges, text, spans) == _hedges(text, spans) == {"reportedly": (26, 36)}
