from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff.normalize import keys, normalize, word_key, words


def test_typography_is_normalized():
    assert normalize("“Don’t” — stop…\u00a0now") == normalize('"don\'t" - stop... now')


def test_nfkc_and_case():
    assert normalize("ＡＢＣ  Ｄ") == "abc d"


def test_word_offsets_slice_back():
    text = "The U.S. sent 1,000 troops’ gear — “open-source”."
    for w in words(text):
        assert word_key(text[w.start : w.end]) == w.key


def test_word_keys_ignore_punctuation_and_typography():
    a = [w.key for w in words("The U.S. didn’t say “open-source”.")]
    b = [w.key for w in words('the US didn\'t say "open source"')]
    assert a == b


def test_words_of_a_span_use_offsets_of_the_whole_text():
    text = "One two. Three four."
    ws = words(text, 9, 20)
    assert [text[w.start : w.end] for w in ws] == ["Three", "four"]


def test_numbers_keep_their_value():
    assert [w.key for w in words("3.5% of 1,000 and 88%")] == ["3.5", "of", "1000", "and", "88"]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), st.data())
@settings(max_examples=300, deadline=None)
def test_keys_of_spans_match_words(text, data):
    """The fast per-document path gives each span exactly the keys words() gives it."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    spans = list(zip(cuts, cuts[1:], strict=False))
    assert keys(text, spans) == [[w.key for w in words(text, a, b)] for a, b in spans]


def test_keys_with_a_lowercase_that_grows():
    text = "İstanbul said. Ankara agreed."
    assert keys(text, [(0, 14), (15, 29)]) == [["i̇stanbul", "said"], ["ankara", "agreed"]]
