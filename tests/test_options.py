import dataclasses

import pytest

from articlediff import DEFAULT, PRESETS, Options, OptionsError, compare
from articlediff.options import resolve


def test_presets_are_frozen_and_named():
    assert set(PRESETS) == {"default", "strict", "lenient"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.link_threshold = 0.1  # type: ignore[misc]


def test_overrides_apply_to_presets():
    o = resolve("strict", candidates=3)
    assert o.preset == "strict" and o.candidates == 3


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"link_threshold": 1.5}, "between 0 and 1"),
        ({"candidates": 0}, "positive integer"),
        ({"no_such": 1}, "unknown option"),
        ({"partially_derived": 0.9, "wholly_derived": 0.5}, "must not exceed"),
    ],
)
def test_bad_options_are_explained(kwargs, match):
    with pytest.raises(OptionsError, match=match):
        compare("a.", "b.", **kwargs)


def test_unknown_preset():
    with pytest.raises(OptionsError, match="unknown preset 'nope'"):
        compare("a.", "b.", "nope")


def test_options_object_is_accepted():
    assert compare("a.", "a.", Options(link_threshold=0.9)).signature.count("link_threshold:0.9") == 1


def test_options_errors_are_value_errors():
    assert issubclass(OptionsError, ValueError)
