"""The native text kernels (word keys, batch signatures and bands) give the reference's results."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.normalize import keys, python_keys, python_spans
from articlediff.normalize import spans as word_spans
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
@settings(max_examples=600, deadline=None)
@given(
    st.one_of(texts, st.text(st.sampled_from(list("aZ09.,'’‘“”–—…£€\ufeff \n")), max_size=60)),
    st.integers(-3, 70),
    st.integers(-3, 70),
)
def test_native_word_spans_are_the_references(text, start, end):
    with kernels.forced("native"):
        assert word_spans(text, start, end) == python_spans(text, start, end)
        assert word_spans(text) == python_spans(text)


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
            assert [word_spans(text, a, b) for a, b in sentences] == [python_spans(text, a, b) for a, b in sentences]


@needs_native
def test_native_keys_leave_lone_surrogates_to_the_reference():
    text = "caf\udce9 \udce9t\u00e9 1,000"
    with kernels.forced("native"):
        assert keys(text, [(0, len(text))]) == python_keys(text, [(0, len(text))]) == [["caf", "té", "1000"]]


_SUFFIXES = [
    "",
    "s",
    "es",
    "ed",
    "ing",
    "ly",
    "eed",
    "ied",
    "ies",
    "y",
    "e",
    "ness",
    "ful",
    "ment",
    "ence",
    "ance",
    "er",
    "ic",
    "ate",
    "ive",
    "ize",
    "ous",
    "iti",
    "al",
    "ism",
    "able",
    "ant",
    "ion",
    "tion",
    "li",
    "ative",
    "ational",
    "ization",
    "izer",
    "alism",
    "aliti",
    "ousli",
    "iveness",
    "biliti",
    "ogi",
    "icate",
    "ical",
]
stem_words = st.builds(
    lambda a, b, c: a + b + c,
    st.text("aeiouybcdfghjklmnpqrstvwxz", min_size=1, max_size=9),
    st.sampled_from(_SUFFIXES),
    st.sampled_from(_SUFFIXES),
)


def _native_stem(word):
    from articlediff import profile

    with kernels.forced("native"):
        return profile._snowball(word)


@needs_native
@settings(max_examples=3000, deadline=None)
@given(stem_words)
def test_native_stems_are_nltks(word):
    from articlediff import profile

    assert _native_stem(word) == profile._stemmer_instance()(word)


@needs_native
def test_native_stems_on_every_corpus_word(seeds):
    from articlediff import profile

    texts = list(seeds.values())
    data = SHARED / "data"
    for p in sorted(data.rglob("*")) if data.is_dir() else []:
        if p.is_file() and p.suffix in (".txt", ".csv", ""):
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
    vocab = {
        w for text in texts for ks in python_keys(text, [(0, len(text))]) for w in ks if w.isalpha() and len(w) > 3
    }
    nltk_stem = profile._stemmer_instance()
    wrong = [(w, _native_stem(w), nltk_stem(w)) for w in sorted(vocab) if _native_stem(w) != nltk_stem(w)]
    assert not wrong, wrong[:20]
    assert _native_stem("sensationalism") == nltk_stem("sensationalism") == "sensate"  # rust-stemmers: "sensat"
    assert kernels.NATIVE.snowball("sensationalism") == "sensat"  # so that word goes to NLTK


pytest.importorskip("numpy")

from articlediff.syndication import Blocking, index_originals  # noqa: E402
from articlediff.syndication.blocking import _hasher, minhash, shingles  # noqa: E402

words = st.lists(st.sampled_from(["the", "of", "putin", "kyiv", "1000", "é", "a", "talks", "oil", "x"]), max_size=30)


@needs_native
@settings(max_examples=300, deadline=None)
@given(words, st.integers(1, 3), st.integers(2, 40), st.integers(0, 5))
def test_native_signatures_are_the_references(word_keys, size, num_perm, seed):
    blocking = Blocking(num_perm=num_perm, shingle=size, seed=seed)
    got = _hasher(kernels.NATIVE, blocking).signature(word_keys)
    found = shingles(word_keys, size)
    if not found:
        assert got is None
    else:
        assert got == minhash(found, blocking).tolist()


def _lookups(index, copies):
    return {
        name: (index.lookup(ks), index.candidates(minhash(shingles(ks, 2), index.blocking)) if ks else None)
        for name, ks in copies.items()
    }


@needs_native
def test_native_lookup_is_the_references(corpus, seeds):
    from articlediff.syndication.blocking import words as word_keys

    originals, copies = corpus
    originals = {**originals, **{f"seed-{k}": v for k, v in seeds.items()}}
    docs = {**copies, **{f"cut-{k}": v[: len(v) // 3] for k, v in seeds.items()}, "one": "Kyiv.", "none": "..."}
    keyed = {name: word_keys(text) for name, text in docs.items()}
    index = index_originals(originals, blocking=Blocking(threshold=0.02))
    with kernels.forced("python"):
        want = _lookups(index, keyed)
    with kernels.forced("native"):
        assert _lookups(index, keyed) == want
    assert want["none"] == (None, None)
    assert index.ids[want["a-000-lead"][0][0]] == "seed-000"  # the same text as wire-000: ties go by id


@needs_native
def test_native_bands_are_rebuilt_after_pickling_and_after_adding(corpus):
    import pickle

    from articlediff.syndication.blocking import words as word_keys
    from articlediff.syndication.readers import Doc

    originals, copies = corpus
    index = index_originals({"wire-003": originals["wire-003"]})
    keys = word_keys(copies["a-000-lead"])
    with kernels.forced("native"):
        assert index.lookup(keys) == []
        assert index.__dict__["_bands_of"][0] is kernels.NATIVE
        assert "_bands_of" not in pickle.loads(pickle.dumps(index)).__dict__
        index.add(Doc("wire-000", originals["wire-000"]))
        assert index.lookup(keys) == [1]


@needs_native
def test_native_lookup_leaves_lone_surrogates_to_the_reference():
    from articlediff.syndication.blocking import words as word_keys

    index = index_originals({"a": "Caf\udce9 talks in Kyiv ended. Oil rose sharply.", "b": "Something else entirely."})
    keys = word_keys("Caf\udce9 talks in Kyiv ended. Oil rose.")
    with kernels.forced("native"):
        got = index.lookup(keys)
    with kernels.forced("python"):
        assert got == index.lookup(keys) == [0]


_SENTENCES = st.lists(
    st.sampled_from(
        ["Putin", "met", "U.S.", "1,000", "3.5", "don’t", "“Yes”", "(Reuters)", "—", "…", "£5", "\ufeff", "x_y"]
    ),
    max_size=12,
).map(" ".join)


@needs_native
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_SENTENCES, st.sampled_from([". ", "! ", "\n", "\n\n", " ", "."])), max_size=8), st.data())
def test_sentence_keys_read_off_the_whole_text_are_keys(parts, data):
    # a batch keys a copy whole for its blocking, then reads each sentence's keys off that
    from articlediff.normalize import keys_within, plain_spans
    from articlediff.syndication.blocking import words

    text = "".join(s + end for s, end in parts)
    with kernels.forced("native"):
        offsets = plain_spans(text)
        assert offsets == word_spans(text)  # all plain here
        for cut in (split(text), data.draw(spans)):
            cut = [(min(a, b), max(a, b)) for a, b in cut]
            got = keys_within(words(text), offsets, cut)
            if got is not None:  # None: a word crosses a span's edge, and the caller keys the spans
                assert got == keys(text, cut)
