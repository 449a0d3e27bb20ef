"""The assemble stage: reading order, labels, moves and word diffs of the pairs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from articlediff.align import Group
from articlediff.assemble import Unit, assemble, reading_order, word_diff
from articlediff.model import Label
from articlediff.prepared import prepare
from articlediff.worddiff import OpCode


def test_dropped_sentences_follow_the_group_of_the_sentence_before_them():
    groups = [Group((0,), (1,), 0.9), Group((2,), (0,), 0.8)]
    units = reading_order(groups, [1.0, 0.3, 1.0, 0.2], [1.0, 1.0, 0.1])
    assert [(u.left, u.right) for u in units] == [((2,), (0,)), ((3,), ()), ((0,), (1,)), ((1,), ()), ((), (2,))]
    assert units[1].score == 0.2 and units[-1].score == 0.1


@given(st.integers(0, 8), st.integers(0, 8), st.data())
def test_every_sentence_is_in_exactly_one_unit(n_left, n_right, data):
    pairs = data.draw(st.lists(st.tuples(st.integers(0, max(n_left - 1, 0)), st.integers(0, max(n_right - 1, 0)))))
    used_l, used_r, groups = set(), set(), []
    for i, j in pairs:
        if n_left and n_right and i not in used_l and j not in used_r:
            used_l.add(i), used_r.add(j)
            groups.append(Group((i,), (j,), 0.5))
    units = reading_order(groups, [0.0] * n_left, [0.0] * n_right)
    assert sorted(i for u in units for i in u.left) == list(range(n_left))
    assert sorted(j for u in units for j in u.right) == list(range(n_right))
    rights = [u.right[0] for u in units if u.right]
    assert rights == sorted(rights)  # the copy's reading order


def test_assemble_labels_diffs_and_moves():
    a = prepare("Putin met Trump. Talks lasted three hours. Rain fell.")
    b = prepare("Talks lasted 3 hours. Putin met Trump. Markets rose.")
    units = [Unit((1,), (0,), 0.7), Unit((0,), (1,), 1.0), Unit((2,), (), 0.0), Unit((), (2,), 0.0)]
    flags = [()] * 4
    pairs = assemble(a, b, units, flags, ([None, None, None], [None, None, "promo"]))
    assert [p.label for p in pairs] == [Label.PARAPHRASE, Label.VERBATIM, Label.DROPPED, Label.ADDED]
    assert [p.moved for p in pairs] == [True, False, False, False]
    (equal,) = pairs[1].diff
    assert equal.op is OpCode.EQUAL and b.text[equal.right[0] : equal.right[1]] == "Putin met Trump"
    changed = [op for op in pairs[0].diff if op.op is not OpCode.EQUAL]
    assert [(a.text[slice(*op.left)], b.text[slice(*op.right)]) for op in changed] == [("three", "3")]
    assert pairs[3].boilerplate == "promo" and pairs[2].boilerplate is None
    lean = assemble(a, b, units, flags, ([None] * 3, [None] * 3), details=False)
    assert all(not p.diff for p in lean) and [p.label for p in lean] == [p.label for p in pairs]


def test_word_diff_of_a_wordless_verbatim_unit_is_empty():
    a, b = prepare("***"), prepare("***")
    assert word_diff(a, b, Unit((0,), (0,), 1.0), Label.VERBATIM) == []
