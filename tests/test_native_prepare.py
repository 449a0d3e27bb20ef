"""The native per-text kernel (``native/src/prep.rs``, :func:`articlediff.prepared.native_prepare`)
gives what the reference, :func:`articlediff.prepared.python_build`, gives: the same sentences,
headings and profiles, and a ``TextIndex`` that proposes and scores as the one read off the
reference's profiles (skipped when the extension is not built)."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels
from articlediff.align.candidates import MAX_POSTINGS, PROBES, _by_count, native_index
from articlediff.prepared import Prepared, build, python_build
from articlediff.profile import Profile, UnitProfile, score_model
from articlediff.segment import split

from .conftest import SHARED

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")


def _profile_values(p: Profile) -> tuple:
    return (p.keys, p.text, p.content, p._stems, p.numbers, p.sorted_text, p.bigrams)


def _same_as_reference(text: str) -> Prepared:
    """Build ``text`` natively and by the reference; check they agree; return the native one."""
    with kernels.forced("native"):
        got = build(text)
        assert "_native" in got.__dict__  # the kernel made it (text with "İ" or "Σ" it leaves to the reference)
        want = python_build(text, split(text))
        assert got.sentences == want.sentences
        assert got.headings == want.headings
        assert [_profile_values(p) for p in got.profiles] == [_profile_values(p) for p in want.profiles]
        assert got.words == want.words
        assert got.postings == want.postings
    return got


def _same_index(a: str, b: str) -> None:
    """The native indexes of two texts propose and score as the ones read off the reference's profiles."""
    with kernels.forced("native"):
        native = kernels.NATIVE
        pa, pb = build(a), build(b)
        ra, rb = python_build(a, split(a)), python_build(b, split(b))
        new = (pa.native_index(), pb.native_index())
        old = (native_index(ra.profiles), native_index(rb.profiles))
        total = len(pa.sentences) + len(pb.sentences)
        by_count = _by_count(total)
        skip = ([False] * len(pa.sentences), [False] * len(pb.sentences))
        rows = [native.propose_indexed(*ix, by_count, *skip, 3, PROBES, MAX_POSTINGS) for ix in (new, old)]
        assert rows[0] == rows[1]
        weights, bias = score_model()
        scorers = [native.PairScorer(*ix, by_count, (*weights, bias)) for ix in (new, old)]
        pairs = [(i, j) for i in range(len(pa.sentences)) for j in range(len(pb.sentences))][:400]
        assert scorers[0].scores(pairs) == scorers[1].scores(pairs)
        for s, n in [(0, i) for i in range(len(pa.sentences))] + [(1, j) for j in range(len(pb.sentences))]:
            assert scorers[0].weight(s, n) == scorers[1].weight(s, n)


# Words that probe every branch: stopwords, short words, figures, words NLTK stems (``-ational``,
# ``-ated``), non-ASCII and CJK words, a ligature
# whose key holds spaces (U+FDFA), wordless units.
WORDS = [
    "the", "of", "and", "Putin", "met", "Trump", "sensationalism", "rated", "agreed", "hopefully",
    "running", "3.5", "1,000", "7th", "U.S.", "don't", "troops’", "café", "Ärger", "naïve", "東京",
    "σοφία", "ΑΘΗΝΑ", "straße", "\ufdfa", "²", "٣", "x_y", "—", "***", "…", "Élysée", "organizational",
]  # fmt: skip
PUNCT = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", ": ", "\u201c", "\u201d ", " - ", ";\n\n"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCT)), max_size=60).map(
    lambda parts: "".join(w + p for w, p in parts)
)


@needs_native
@settings(max_examples=300, deadline=None)
@given(texts)
def test_native_prepare_is_the_reference_on_generated_text(text):
    _same_as_reference(text)


@needs_native
@settings(max_examples=60, deadline=None)
@given(texts, texts)
def test_native_index_is_the_one_read_off_the_profiles(a, b):
    _same_index(a, b)


@needs_native
def test_native_prepare_on_corpus_text(seeds):
    names = sorted(seeds)
    for name in names:
        _same_as_reference(seeds[name])
    for x, y in zip(names, names[1:], strict=False):
        _same_index(seeds[x], seeds[y])


@needs_native
def test_native_prepare_on_shared_corpus_text():
    base = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if not base.is_dir():
        pytest.skip("../shared/data not here")
    paths = sorted(base.glob("*-Txt/*.txt"))[::7]
    texts = [articlediff.load(p) for p in paths]
    for text in texts:
        _same_as_reference(text)
    for a, b in zip(texts, texts[1:], strict=False):
        _same_index(a, b)


@needs_native
def test_text_the_kernel_cannot_read_goes_to_the_reference():
    with kernels.forced("native"):
        for text in ("Bad \udce9 byte here. And more.", "İstanbul fell. Prices rose."):
            got = build(text)
            assert "_native" not in got.__dict__  # the reference made it
            assert [type(p) for p in got.profiles] == [Profile] * len(got.sentences)
        assert build("Putin met Trump. Talks lasted.").profiles[0].__class__ is UnitProfile


@needs_native
def test_a_natively_prepared_text_pickles_as_the_reference(seeds):
    with kernels.forced("native"):
        got = build(seeds["000"])
        again = pickle.loads(pickle.dumps(got))
        assert again.sentences == got.sentences and again.headings == got.headings
        assert [_profile_values(p) for p in again.profiles] == [_profile_values(p) for p in got.profiles]
        assert again.native_index() is not None
        one = pickle.loads(pickle.dumps(got.profiles[3]))
        assert type(one) is Profile and _profile_values(one) == _profile_values(got.profiles[3])
    with kernels.forced("python"):  # profiles made again by the reference where no kernel runs
        again = pickle.loads(pickle.dumps(got))
        assert [_profile_values(p) for p in again.profiles] == [_profile_values(p) for p in got.profiles]
        assert again.native_index() is None


def test_the_reference_build_is_build_under_the_pure_backend(seeds):
    with kernels.forced("python"):
        text = seeds["002"]
        got, want = build(text), python_build(text, split(text))
        assert got.sentences == want.sentences and got.headings == want.headings
        assert [_profile_values(p) for p in got.profiles] == [_profile_values(p) for p in want.profiles]


@needs_native
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 20), st.sampled_from(["", ".", ":", "\u201d", ")", "!", "-", "\u2026"]), texts)
def test_native_headings_are_the_references(n, end, rest):
    # a unit is a heading up to 15 words and without a sentence end
    heading = " ".join(["Word"] * n) + end
    got = _same_as_reference(f"{heading}\n\n{rest}")
    assert got.headings[0] == (n <= 15 and end in ("", "-"))
