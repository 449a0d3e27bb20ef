import dataclasses

import pytest

from articlediff import DEFAULT, PRESETS, Options, OptionsError, compare
from articlediff.options import resolve


def test_presets_are_frozen_and_named():
    assert set(PRESETS) == {"default", "strict", "lenient", "semantic"}
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


def test_a_preset_is_applied_not_only_named():
    assert Options(preset="strict") == PRESETS["strict"]
    assert Options(preset="lenient").min_evidence == PRESETS["lenient"].min_evidence != DEFAULT.min_evidence
    custom = Options(preset="strict", candidates=8)
    assert custom.candidates == 8 and custom.link_threshold == PRESETS["strict"].link_threshold
    assert dataclasses.replace(PRESETS["strict"], candidates=8) == custom


def test_unknown_preset_in_the_constructor():
    with pytest.raises(OptionsError, match="unknown preset 'nope'"):
        Options(preset="nope")
    with pytest.raises(OptionsError, match="not an override"):
        resolve(None, preset="strict")


def test_details_is_an_option_and_in_the_signature(seeds):
    from articlediff import compare_prepared, prepare

    a, b = prepare(seeds["000"]), prepare(seeds["001"])
    lean = compare_prepared(a, b, details=False)
    assert "details:False" in lean.signature and "details:True" in compare_prepared(a, b).signature
    assert all(not p.diff and not p.flags for p in lean.pairs)
    assert compare_prepared(a, b, Options(details=False)).to_dict() == lean.to_dict()
    with pytest.raises(OptionsError, match="'details' must be True or False"):
        Options(details="no")
