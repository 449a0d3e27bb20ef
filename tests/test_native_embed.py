"""The native sentence encoding (``StaticEmbedder``, ``native/src/embed.rs``) gives the reference's
vectors to the bit (``WordLlamaEmbedder.python_encode``), and numpy's sum is the one it copies."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import kernels
from articlediff.prepared import prepare

from .conftest import SEEDS, SHARED

np = pytest.importorskip("numpy")
needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")
needs_wordllama = pytest.mark.skipif(
    importlib.util.find_spec("wordllama") is None, reason="WordLlama not installed: pip install 'articlediff[semantic]'"
)


def _bits(a):
    """The array's floats as their bits: -0.0 and 0.0 differ, as two NaNs of other payloads would."""
    return np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)


def assert_same_vectors(sentences: list[str]) -> None:
    from articlediff.embed import wordllama

    model = wordllama()
    want = model.python_encode(sentences)
    with kernels.forced("python"):
        assert np.array_equal(_bits(model.encode(sentences)), _bits(want))
    with kernels.forced("native"):
        got = model.encode(sentences)
    assert got.shape == want.shape and got.dtype == np.float32
    assert np.array_equal(_bits(got), _bits(want)), [
        s for s, a, b in zip(sentences, got, want, strict=True) if (a != b).any()
    ]


def test_numpy_sums_axis_0_in_order_one_float32_addition_a_row():
    """What the kernel copies: ``rows.sum(0)`` of a C-contiguous (k, 256) float32 array starts from
    0.0 (not from row 0: a lone -0.0 sums to 0.0) and adds the rows in order, in float32, per dimension
    (no pairwise sum, no wider accumulator)."""
    rng = np.random.default_rng(14)
    for k in (1, 2, 3, 7, 8, 9, 16, 17, 100, 1000):
        rows = (rng.standard_normal((k, 256)) * 10.0 ** rng.integers(-8, 8, (k, 1))).astype(np.float32)
        rows[0, :3] = -0.0
        acc = np.zeros(256, dtype=np.float32)
        for r in rows:
            acc = acc + r
        assert np.array_equal(_bits(rows.sum(0)), _bits(acc)), k
        assert np.array_equal(_bits(rows.sum(0) / k), _bits(acc / np.float32(k))), k
    # a column where the order shows: 1 then fifteen halves of its ulp, each rounded away in turn
    # (a pairwise or wider sum gives 1 + 15 * 2**-24, rounded to 1 + 8 * 2**-23)
    rows = np.zeros((16, 256), dtype=np.float32)
    rows[0], rows[1:] = 1.0, 2.0**-24
    assert rows.sum(0)[0] == np.float32(1.0)


@needs_native
def test_the_kernel_sums_clips_and_keeps_its_cache_bounded():
    """A small model and a recording tokenizer: ids clipped to the rows, one callback an encode with
    every unseen piece once, the cache cleared when full (at 200,000 pieces, as ``_PIECES_MAX``)."""
    from articlediff.embed import _PIECES_MAX

    rows = np.arange(12, dtype=np.float32).reshape(4, 3) - 5.0
    rows[1] = -0.0
    asked: list[list[str]] = []

    def tokenize(pieces: list[str]) -> list[list[int]]:
        asked.append(list(pieces))
        return [[-3, 9] if p == "▁x" else [1] if p == "▁-0" else [len(p) % 4] for p in pieces]

    kernel = kernels.NATIVE.StaticEmbedder(rows.tobytes(), 4, 3, ["<s>"], tokenize)
    raw, special = kernel.encode(["a bb a", "", "x", "<s> a", "<x>"])
    got = np.frombuffer(raw, dtype=np.float32).reshape(5, 3)
    want = np.zeros((5, 3), dtype=np.float32)
    want[0] = (rows[2] + rows[3] + rows[2]) / np.float32(3)
    want[2] = (rows[0] + rows[3]) / np.float32(2)
    want[4] = rows[0]  # "▁<x>" holds no added token
    assert special == [3] and np.array_equal(_bits(got), _bits(want))
    assert asked == [["▁a", "▁bb", "▁x", "▁<x>"]] and kernel.cached() == 4
    raw, _ = kernel.encode(["-0", "a x bb"])
    assert np.array_equal(_bits(np.frombuffer(raw, dtype=np.float32)[:3]), _bits(np.zeros(3, dtype=np.float32)))
    kernel.encode(["a x bb -0"])
    assert asked[1:] == [["▁-0"]]  # all seen: no callback
    with pytest.raises(ValueError, match="not 4 x 4 float32"):
        kernels.NATIVE.StaticEmbedder(rows.tobytes(), 4, 4, [], tokenize)

    many = [f"w{n}" for n in range(_PIECES_MAX - 5)]
    kernel.encode([" ".join(many)])
    assert kernel.cached() == _PIECES_MAX
    kernel.encode(["new"])
    assert kernel.cached() == 1


# Spaces and whitespace runs, "▁" itself, an added token, letters, marks and emoji.
_PIECES = st.sampled_from(
    list(" ▁  \t\n\xa0\u3000abcXYZ.,'\"-0129é€😀<s>ßﬁ中文") + ["<s>", "</s>", "  ", "the ", "news "]
)
_SENTENCES = st.one_of(
    st.lists(st.lists(_PIECES, max_size=40).map("".join), max_size=8),
    st.lists(st.text(max_size=40), max_size=8),  # any Unicode but surrogates
    st.lists(st.sampled_from(["", " ", "  ", "▁", "Putin met Trump.", "<s>"]), max_size=5),
)


@needs_native
@needs_wordllama
@settings(max_examples=1500, deadline=None)
@given(_SENTENCES)
def test_native_vectors_equal_the_reference_on_generated_text(sentences):
    assert_same_vectors(sentences)


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in prepare(text).sentences]


@needs_native
@needs_wordllama
def test_native_vectors_equal_the_reference_on_seed_and_corpus_sentences():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    data = SHARED / "data"
    if data.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(data.rglob("*.txt"))[3::11][:120]]
    sentences = [s for text in texts for s in _sentences(text)]
    assert len(sentences) > 100
    assert_same_vectors(sentences)
    for text in texts:  # one text's sentences a call, as a comparison asks
        assert_same_vectors(_sentences(text))


@needs_native
@needs_wordllama
def test_text_without_a_utf8_form_goes_to_the_reference():
    from articlediff.embed import wordllama

    model = wordllama()
    sentences = ["Putin met Trump.", "caf\udce9 au lait"]
    try:
        want = model.python_encode(sentences)
    except Exception as exc:  # noqa: BLE001 - whatever the tokenizer raises, the native path must too
        with kernels.forced("native"), pytest.raises(type(exc)):
            model.encode(sentences)
        return
    with kernels.forced("native"):
        assert np.array_equal(_bits(model.encode(sentences)), _bits(want))
