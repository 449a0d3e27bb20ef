"""The result objects: Summary, the str Enums and Comparison.from_dict."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

import articlediff
from articlediff.model import Comparison, Counts, Summary, Verdict
from articlediff.worddiff import OpCode


@pytest.fixture(scope="module")
def comparisons(seeds):
    return [articlediff.compare(seeds[a], seeds[b]) for a in seeds for b in seeds]


def test_from_dict_round_trips_through_json(comparisons):
    for cmp in comparisons:
        data = cmp.to_dict()
        back = Comparison.from_dict(json.loads(json.dumps(data)))
        assert back.to_dict() == data
        assert [(s.key, s.words) for s in back.left + back.right] == [(s.key, s.words) for s in cmp.left + cmp.right]
        assert back.summary == cmp.summary  # pairs differ only in score, which to_dict() rounds


def test_summary_is_an_object_and_a_read_only_mapping(comparisons):
    s = comparisons[1].summary
    assert isinstance(s, Summary) and isinstance(s.counts, Counts) and isinstance(s.verdict, Verdict)
    assert s["verdict"] == s.verdict.value and type(s["verdict"]) is str
    assert s["counts"] == dataclasses.asdict(s.counts) and s["reuse"] == s.reuse
    assert list(s) == list(s.to_dict()) and dict(s) == s.to_dict() and len(s) == 11
    s["counts"]["verbatim"] = -1  # a copy: the summary does not change
    assert s.counts.verbatim >= 0 and s["counts"]["verbatim"] == s.counts.verbatim
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.reuse = 0.0  # type: ignore[misc]
    with pytest.raises(KeyError):
        s["nope"]
    assert pickle.loads(pickle.dumps(s)) == s


def test_enums_serialise_as_plain_strings(comparisons):
    cmp = comparisons[1]
    text = cmp.to_json()
    ops = {op.op for p in cmp.pairs for op in p.diff}
    assert ops <= set(OpCode) and OpCode.REPLACE in ops
    assert '"op": "replace"' in text and "OpCode" not in text and "Verdict" not in text
    assert f"{cmp.summary.verdict}" == str(cmp.summary.verdict) == cmp.summary.verdict.value
    assert f"{OpCode.EQUAL}" == "equal"


def test_from_dict_rebuilds_offsets_into_the_texts(comparisons):
    cmp = comparisons[2]
    back = Comparison.from_dict(cmp.to_dict())
    for side in ("left", "right"):
        assert [back.text_of(side, s.index) for s in getattr(back, side)] == [
            cmp.text_of(side, s.index) for s in getattr(cmp, side)
        ]
