import json
from importlib import resources

import pytest

import articlediff
from articlediff import paraphrase
from articlediff.graded import PAIR_FEATURES, pair_features

PAIRS = [
    ("Putin met Trump in Alaska on Friday.", "On Friday Putin met Trump in Alaska."),
    ("Revenue rose to $616.5 million.", "Revenue rose to $616.5 million, beating forecasts as demand in China surged."),
    ("", "Something happened."),
    ("", ""),
    ("Oil prices fell.", "The court adjourned until Monday."),
]


@pytest.mark.parametrize("a, b", PAIRS)
def test_probability_is_symmetric_and_bounded(a, b):
    p = articlediff.paraphrase_probability(a, b)
    assert 0.0 <= p <= 1.0
    assert p == articlediff.paraphrase_probability(b, a)
    assert articlediff.is_paraphrase(a, b) == (p >= paraphrase._model().threshold)


def test_features_match_their_names():
    assert len(pair_features(*PAIRS[0])) == len(PAIR_FEATURES)
    assert len(set(PAIR_FEATURES)) == len(PAIR_FEATURES)


def test_shipped_model_names_known_features_and_every_product():
    raw = json.loads(resources.files("articlediff").joinpath("data/paraphrase.json").read_text("utf-8"))
    chosen = raw["features"]
    assert set(chosen) <= set(PAIR_FEATURES)
    assert len(raw["weights"]) == len(chosen) + len(chosen) * (len(chosen) + 1) // 2
    assert "msr_paraphrase_train" in raw["fitted_on"] and "test" not in raw["fitted_on"]


def test_clear_cases():
    assert articlediff.is_paraphrase(*PAIRS[0])
    assert not articlediff.is_paraphrase(*PAIRS[1])  # an added clause
    assert not articlediff.is_paraphrase(*PAIRS[4])


def test_inputs_out_of_the_training_range_are_clipped():
    long = " ".join(f"word{i}" for i in range(500))
    assert 0.0 <= articlediff.paraphrase_probability(long, "word1 word2 word3 and 17 new names like Smith") <= 1.0


@pytest.mark.parametrize("func", [articlediff.is_paraphrase, articlediff.paraphrase_probability])
def test_type_errors_name_the_argument(func):
    with pytest.raises(TypeError, match="argument 'b' must be str, not bytes"):
        func("a", b"b")


def test_shipped_graded_similarity_reads_every_pair_feature_and_product():
    from articlediff.graded import PAIR_FEATURES
    from articlediff.profile import shipped_weights as _shipped

    raw = _shipped()["graded"]
    assert raw["features"] == list(PAIR_FEATURES)
    n = len(raw["features"])
    assert len(raw["weights"]) == n + n * (n + 1) // 2
    assert "without MSRpar" in _shipped()["fitted_on"]


def test_similarity_and_the_aligner_score_agree_at_the_extremes():
    from articlediff.normalize import words
    from articlediff.profile import profile, score

    def cheap(a: str, b: str) -> float:
        return score(profile([w.key for w in words(a)]), profile([w.key for w in words(b)]))

    same = ("Oil prices fell.", "oil prices  fell")
    assert articlediff.similarity(*same) == cheap(*same) == 1.0
    assert articlediff.similarity("", "Oil prices fell.") == cheap("", "Oil prices fell.") == 0.0
    unrelated = ("Oil prices fell sharply on Monday.", "The court adjourned the trial until June.")
    assert articlediff.similarity(*unrelated) < 0.2 and cheap(*unrelated) < 0.2
    close = ("Putin met Trump in Alaska.", "Trump and Putin met in Alaska on Friday.")
    assert abs(articlediff.similarity(*close) - cheap(*close)) < 0.25
