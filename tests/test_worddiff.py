"""Word diffs: difflib's opcodes over word keys, mapped to character ranges of the texts."""

from __future__ import annotations

import difflib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff.normalize import keys, spans
from articlediff.worddiff import DiffOp, OpCode, diff


def words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lowercased words and their offsets (a stand-in for the pipeline's keys)."""
    import re

    found = [(m.group().lower(), m.span()) for m in re.finditer(r"\w+", text)]
    return [w for w, _ in found], [s for _, s in found]


def test_a_replaced_word_is_one_replace_between_equal_runs():
    left, right = "Talks lasted three hours today.", "Talks lasted four hours today."
    (lk, lo), (rk, ro) = words(left), words(right)
    ops = diff(lk, lo, rk, ro)
    assert [op.op for op in ops] == [OpCode.EQUAL, OpCode.REPLACE, OpCode.EQUAL]
    rep = ops[1]
    assert left[slice(*rep.left)] == "three" and right[slice(*rep.right)] == "four"


def test_an_insert_has_an_empty_left_range_where_it_happens():
    left, right = "Putin met Trump.", "Putin met Donald Trump."
    (lk, lo), (rk, ro) = words(left), words(right)
    ins = [op for op in diff(lk, lo, rk, ro) if op.op == OpCode.INSERT]
    assert len(ins) == 1
    a, b = ins[0].left
    assert a == b == left.index("Trump")  # before the word where the change happens
    assert right[slice(*ins[0].right)] == "Donald"


def test_a_delete_at_the_end_sits_after_the_last_word():
    left, right = "Putin met Trump in Alaska", "Putin met Trump"
    (lk, lo), (rk, ro) = words(left), words(right)
    last = diff(lk, lo, rk, ro)[-1]
    assert last.op == OpCode.DELETE and left[slice(*last.left)] == "in Alaska"
    assert last.right == (len(right), len(right))


def test_empty_sides():
    assert diff([], [], [], []) == []
    ops = diff([], [], ["new"], [(0, 3)])
    assert ops == [DiffOp(OpCode.INSERT, (0, 0), (0, 3))]


def test_opcodes_serialise_as_difflibs_strings():
    assert json.dumps([str(op) for op in OpCode]) == '["equal", "replace", "insert", "delete"]'
    assert f"{OpCode.REPLACE}" == "replace" and OpCode.REPLACE == "replace"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("a b c d e".split()), max_size=12),
    st.lists(st.sampled_from("a b c f".split()), max_size=12),
)
def test_the_opcodes_are_difflibs_without_autojunk(left, right):
    lo = [(2 * n, 2 * n + 1) for n in range(len(left))]
    ro = [(2 * n, 2 * n + 1) for n in range(len(right))]
    ops = diff(left, lo, right, ro)
    expected = difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()
    assert [str(op.op) for op in ops] == [tag for tag, *_ in expected]
    for op, (_, i1, i2, j1, j2) in zip(ops, expected, strict=True):
        if i2 > i1:
            assert op.left == (lo[i1][0], lo[i2 - 1][1])
        if j2 > j1:
            assert op.right == (ro[j1][0], ro[j2 - 1][1])


def test_case_and_typography_are_not_changes_with_the_pipelines_keys():
    left, right = "The U.S. said \u201cno\u201d on Friday.", "the US said 'No' on Saturday."
    (lk,), (rk,) = keys(left, [(0, len(left))]), keys(right, [(0, len(right))])
    ops = diff(lk, spans(left), rk, spans(right))
    changed = [(left[slice(*op.left)], right[slice(*op.right)]) for op in ops if op.op != OpCode.EQUAL]
    assert changed == [("Friday", "Saturday")]


@st.composite
def _keyed_words(draw):
    keys = draw(st.lists(st.sampled_from(["a", "b", "c", "putin", "\u00e9t\u00e9", ""]), max_size=25))
    offsets, pos = [], 0
    for _ in keys:
        pos += draw(st.integers(0, 3))
        end = pos + draw(st.integers(1, 6))
        offsets.append((pos, end))
        pos = end
    return keys, offsets


@given(_keyed_words(), _keyed_words())
def test_native_word_diff_is_the_references(left, right):
    from articlediff import kernels
    from articlediff.worddiff import python_diff

    if kernels.NATIVE is None:
        pytest.skip("native kernels not installed (pip install ./native)")
    with kernels.forced("python"):
        want = python_diff(*left, *right)
    with kernels.forced("native"):
        got = diff(*left, *right)
    assert got == want
    if left[0]:  # keys and offsets that do not pair up are left to the reference
        assert kernels.NATIVE.diff_spans(left[0], left[1][:-1], *right) is None
    assert all(type(op) is DiffOp and isinstance(op.op, OpCode) for op in got)
