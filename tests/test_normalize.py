from articlediff.normalize import normalize, word_key, words


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
