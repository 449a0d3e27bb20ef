"""Bad input, hostile text, any script, huge documents: no crash, clear errors, bounded units."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import InputError, Label, compare
from articlediff.loader import decode
from articlediff.segment import MAX_UNIT_CHARS, split

SCRIPTS = st.sampled_from(
    [
        "北京是中国的首都。上海是最大的城市！",
        "東京は日本の首都です。",
        "هل أنت بخير؟ نعم، شكرا.",
        "नमस्ते। यह एक वाक्य है।",
        "Привет, мир. Это тест.",
        "שלום עולם. זה מבחן.",
        "🎉🔥 emoji only 🙂. ✨",
        "\u200b\u200e\u202e reversed \u2066text\u2069.",
        "NUL\x00inside\x01and\x7fcontrol.",
        "a\r\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch",
        "<script>alert(1)</script> {{ x }} {% if %}",
    ]
)
UNICODE_ARTICLE = st.lists(st.one_of(SCRIPTS, st.text(max_size=80)), max_size=8).map(" ".join)


def check_invariants(a: str, b: str) -> None:
    cmp = compare(a, b)
    for side, text in (("left", a), ("right", b)):
        sents = getattr(cmp, side)
        assert sorted(i for p in cmp.pairs for i in getattr(p, side)) == list(range(len(sents)))
        for s in sents:
            piece = text[s.start : s.end]
            assert piece and piece == piece.strip()
            assert len(piece) <= MAX_UNIT_CHARS
    mirrored = compare(b, a)
    swap = {Label.ADDED: Label.DROPPED, Label.DROPPED: Label.ADDED}
    assert {(swap.get(p.label, p.label), p.right, p.left) for p in cmp.pairs} == {
        (p.label, p.left, p.right) for p in mirrored.pairs
    }
    assert compare(a, b).to_dict() == cmp.to_dict()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(UNICODE_ARTICLE, UNICODE_ARTICLE)
def test_any_script_and_control_characters(a, b):
    check_invariants(a, b)


@settings(max_examples=50, deadline=None)
@given(UNICODE_ARTICLE)
def test_any_script_with_itself_is_verbatim(a):
    assert all(p.label is Label.VERBATIM for p in compare(a, a).pairs)


def test_cjk_sentences_split_and_compare_by_character():
    text = "北京是中国的首都。上海是最大的城市！你好吗？"
    assert [text[a:b] for a, b in split(text)] == ["北京是中国的首都。", "上海是最大的城市！", "你好吗？"]
    assert articlediff.similarity("北京是中国的首都。", "北京是中国首都。") > 0.7


def test_unpunctuated_run_is_cut_into_bounded_units():
    text = " ".join(f"word{n}" for n in range(40_000))  # about 270,000 characters, no full stop
    spans = split(text)
    assert len(spans) > 200
    assert all(b - a <= MAX_UNIT_CHARS for a, b in spans)
    assert "".join(text[a:b] + " " for a, b in spans).split() == text.split()  # nothing lost


def test_a_blob_without_spaces_is_cut_too():
    text = "x" * (3 * MAX_UNIT_CHARS + 5)
    assert [b - a for a, b in split(text)] == [MAX_UNIT_CHARS] * 3 + [5]


def test_size_limit_is_configurable():
    with pytest.raises(InputError, match=r"argument 'right' has 101 characters, over the limit of 100"):
        compare("short", "x" * 101, max_chars=100)
    assert compare("short", "x" * 101, max_chars=101).right


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_arbitrary_bytes_returns_text_or_a_clear_error(data):
    try:
        text = decode(data, "blob.txt")
    except InputError as exc:
        assert "blob.txt" in str(exc)
    else:
        assert isinstance(text, str)


@pytest.mark.parametrize(
    "data, expected",
    [
        ("naïve “quotes”".encode("utf-16"), "naïve “quotes”"),
        ("naïve".encode("utf-32"), "naïve"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        ("Zürich, Genève".encode("cp1252"), "Zürich, Genève"),
        (b"", ""),
    ],
)
def test_encodings(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize(
    "data", [b"\x00\x00\x00\x01binary", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"]
)
def test_binary_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode(data, "image.png")
