"""similarity(): the graded sentence similarity users call directly."""

from __future__ import annotations

import pytest

from articlediff import similarity
from articlediff.graded import PAIR_FEATURES, QuadraticModel, pair_features
from articlediff.profile import FEATURES, shipped_weights


def test_same_words_score_one_and_no_words_zero():
    assert similarity("The U.S. said “no”.", "the US said 'No'") == 1.0
    assert similarity("", "Putin met Trump.") == 0.0
    assert similarity("***", "—") == 0.0


def test_grades_run_from_reworded_to_unrelated():
    a = "Russian forces control about a fifth of Ukraine."
    reworded = similarity(a, "Russian forces hold roughly a fifth of Ukraine.")
    topic = similarity(a, "Ukraine says Russian forces shelled Kharkiv overnight.")
    unrelated = similarity(a, "The bakery sold two hundred loaves of rye bread.")
    assert 1.0 > reworded > topic > unrelated >= 0.0


def test_a_negation_or_a_changed_number_costs():
    a = "The minister said the talks would resume on Monday."
    assert similarity(a, "The minister said the talks would not resume on Monday.") < 0.95
    assert similarity("Sales rose 5% in May.", "Sales rose 7% in May.") < similarity(
        "Sales rose 5% in May.", "Sales rose 5% in May!"
    )


def test_arguments_must_be_strings():
    with pytest.raises(TypeError, match="argument 'b' must be str, not int"):
        similarity("a", 3)  # type: ignore[arg-type]


def test_pair_features_extend_the_profile_features():
    assert PAIR_FEATURES[: len(FEATURES)] == FEATURES
    values = pair_features("Sales rose 5%.", "Sales rose 7%.")
    assert len(values) == len(PAIR_FEATURES)


def test_the_quadratic_model_clips_inputs_to_its_training_range():
    model = QuadraticModel(shipped_weights()["graded"])
    values = list(pair_features("Putin met Trump in Alaska.", "Trump met Putin in Alaska."))
    inside = model.probability(values)
    k = model.inputs[0][0]
    values[k] = 1e9  # far outside the training range: clipped, so the output stays a probability
    assert 0.0 <= model.probability(values) <= 1.0
    assert 0.0 <= inside <= 1.0


def test_similarity_is_symmetric():
    a, b = "Moscow holds 18% of Ukrainian territory.", "Russian forces control a fifth of Ukraine."
    assert similarity(a, b) == pytest.approx(similarity(b, a), abs=1e-9)
