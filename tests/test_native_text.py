"""The native text kernels (word keys, batch signatures and bands) give the reference's results."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.normalize import keys, python_keys
from articlediff.segment import split

from .conftest import SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")

# Characters each rule of the word pattern and of word_key turns on, and a few the kernel must
# leave to the reference ("İ" lowercases to two characters, "Σ" by its neighbours).
_TRICKY = list("aZ09.,'’_ -\n\t") + ["é", "İ", "Σ", "ǅ", "ß", "一", "カ", "３", "²", "ﬁ", "\u0301", "\U0001f600", "Ⅻ"]
texts = st.text(st.one_of(st.sampled_from(_TRICKY), st.characters(exclude_categories=("Cs",))), max_size=60)
spans = st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=5)


@needs_native
@settings(max_examples=600, deadline=None)
@given(texts, spans)
def test_native_keys_are_the_references(text, some):
    for asked in (some, [(0, len(text))]):
        with kernels.forced("native"):
            got = keys(text, asked)
        assert got == python_keys(text, asked), asked


@needs_native
def test_native_keys_on_corpus_text(seeds):
    corpus = list(seeds.values())
    base = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    corpus += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(base.glob("*/*.txt"))[:200]]
    with kernels.forced("native"):
        for text in corpus:
            sentences = split(text)
            assert keys(text, sentences) == python_keys(text, sentences)
            assert keys(text, [(0, len(text))]) == python_keys(text, [(0, len(text))])


@needs_native
def test_native_keys_leave_lone_surrogates_to_the_reference():
    text = "caf\udce9 \udce9t\u00e9 1,000"
    with kernels.forced("native"):
        assert keys(text, [(0, len(text))]) == python_keys(text, [(0, len(text))]) == [["caf", "té", "1000"]]
