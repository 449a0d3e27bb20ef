"""The assemble stage: reading order, labels, moves and word diffs of the pairs."""

from __future__ import annotations

import itertools
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import kernels, pipeline
from articlediff.align import Group
from articlediff.assemble import Unit, assemble, python_assemble, python_reading_order, reading_order, word_diff
from articlediff.model import Label
from articlediff.order import out_of_order
from articlediff.prepared import prepare
from articlediff.worddiff import DiffOp, OpCode

from .conftest import SHARED


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


# --- the native stage (Assembler.pairs) against python_assemble -------------------------------------

needs_native = pytest.mark.skipif(kernels.NATIVE is None, reason="native kernels not installed (pip install ./native)")
ONESTOP = SHARED / "data" / "onestopenglish" / "Texts-SeparatedByReadingLevel"


def _units_of(original, copy, draw_groups):
    """Units over two prepared texts: the groups ``draw_groups`` picks (disjoint, runs of sentences),
    then every sentence left alone, as the pipeline orders them."""
    groups = [Group(tuple(ls), tuple(rs), 0.5) for ls, rs in draw_groups(len(original.sentences), len(copy.sentences))]
    return reading_order(groups, [0.25] * len(original.sentences), [0.75] * len(copy.sentences))


def _check_same(original, copy, units, details=True):
    flags = [() if k % 3 else [] for k in range(len(units))]
    boiler = (
        ["byline" if i % 4 == 1 else None for i in range(len(original.sentences))],
        ["promo" if j % 5 == 2 else None for j in range(len(copy.sentences))],
    )
    got = assemble(original, copy, units, flags, boiler, details=details)
    want = python_assemble(original, copy, units, flags, boiler, details=details)
    assert got == want
    assert pickle.dumps(got) == pickle.dumps(want)  # same objects: types, field order, values
    for p in got:
        assert type(p.diff) is tuple and type(p.flags) is tuple
        assert all(type(op) is DiffOp and type(op.op) is OpCode for op in p.diff)


def _group_drawer(data):
    def draw(n_left, n_right):
        out, i, j = [], 0, 0
        while i < n_left and j < n_right:
            if data.draw(st.booleans()):
                a, b = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))
                a, b = min(a, n_left - i), min(b, n_right - j)
                out.append((range(i, i + a), range(j, j + b)))
                i, j = i + a, j + b
            else:
                i += data.draw(st.integers(0, 1))
                j += data.draw(st.integers(0, 1))
                if not (i < n_left and j < n_right):
                    break
        return out

    return draw


_PIECES = st.sampled_from(
    ["Putin met Trump.", "Talks lasted three hours.", "talks lasted 3 hours!", "“Rain,” he said…", "U.S. sent 1,000",
     "Don’t.", "Café au lait.", "İstanbul ΣΑΣ.", "東京 です。", "***", "—", "£5 – €6.", "\ufeffBOM here.", "x_y 3.5",
     "Smith's dog.", "A\u00a0B.", "Headline", "\n\n", " ", "One. Two. Three."]
)  # fmt: skip


@needs_native
@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.lists(_PIECES, max_size=12), st.booleans(), st.data())
def test_native_assemble_is_the_reference_on_generated_text(left, right, details, data):
    original, copy = prepare(" ".join(left)), prepare(" ".join(right))
    _check_same(original, copy, _units_of(original, copy, _group_drawer(data)), details)


@needs_native
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80), st.data())
def test_native_assemble_is_the_reference_on_any_text(left, right, data):
    original, copy = prepare(left), prepare(right)  # lone surrogates included: the reference runs them
    _check_same(original, copy, _units_of(original, copy, _group_drawer(data)))


@needs_native
@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.lists(_PIECES, max_size=12), st.data())
def test_native_assemble_is_the_reference_on_texts_the_reference_prepared(left, right, data):
    # plain profiles, and a native copy of the text made afterwards (as for a text unpickled in a
    # worker): the kernel reads the words from that copy's TextIndex, or from the profiles when the
    # kernel declined the text
    from articlediff.prepared import python_build

    def reference_prepared(text):
        plain = prepare(text)
        return python_build(text, [(s.start, s.end) for s in plain.sentences])

    original, copy = reference_prepared(" ".join(left)), reference_prepared(" ".join(right))
    _check_same(original, copy, _units_of(original, copy, _group_drawer(data)))


def _pipeline_units(a, b):
    """The units the pipeline makes of two texts (through its own reading_order)."""
    seen = []
    real = pipeline.reading_order

    def spy(*args):
        seen.append(real(*args))
        return seen[-1]

    pipeline.reading_order = spy
    try:
        articlediff.compare(a, b)
    finally:
        pipeline.reading_order = real
    return seen[0]


@needs_native
def test_native_assemble_is_the_reference_on_the_seeds(seeds):
    texts = list(seeds.values())
    for a, b in itertools.permutations(texts, 2):
        original, copy = prepare(a), prepare(b)
        _check_same(original, copy, _pipeline_units(a, b))
        _check_same(original, copy, _pipeline_units(a, b), details=False)


@needs_native
@pytest.mark.skipif(not ONESTOP.is_dir(), reason="the shared data folder (../shared/data) is absent")
def test_native_assemble_is_the_reference_on_corpus_text():
    for adv in sorted((ONESTOP / "Adv-Txt").glob("*-adv.txt"))[:12]:
        copy_path = ONESTOP / "Int-Txt" / adv.name.replace("-adv.txt", "-int.txt")
        if not copy_path.exists():
            continue
        a = adv.read_text("utf-8", errors="replace")
        b = copy_path.read_text("utf-8", errors="replace")
        _check_same(prepare(a), prepare(b), _pipeline_units(a, b))


@needs_native
def test_a_prepared_text_keeps_one_word_table_while_it_lives():
    import gc

    from articlediff import assemble as stage

    text = prepare("Putin met Trump. Talks lasted three hours.")
    native = kernels.NATIVE
    assert stage._table(native, text) is stage._table(native, text)
    key = id(text)
    del text
    gc.collect()
    assert key not in stage._TABLES


@needs_native
@settings(max_examples=100, deadline=None)
@given(st.permutations(range(9)), st.lists(st.booleans(), min_size=9, max_size=9))
def test_native_assemble_finds_the_moved_pairs_as_the_reference(order, keep):
    text = " ".join(f"Sentence number {k} is here." for k in range(9))
    original, copy = prepare(text), prepare(text)
    groups = [Group((i,), (j,), 0.9) for j, i in enumerate(order) if keep[j]]
    units = reading_order(groups, [0.0] * 9, [0.0] * 9)
    _check_same(original, copy, units)
    moved = [p.moved for p in assemble(original, copy, units, [()] * len(units), ([None] * 9, [None] * 9))]
    assert moved == list(out_of_order([u.left[0] if u.left and u.right else None for u in units]))


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.data())
def test_native_reading_order_is_the_reference(n_left, n_right, data):
    """Any disjoint groups (several sentences a side, in any order), and each side's best scores."""
    lefts = data.draw(st.permutations(range(n_left)))
    rights = data.draw(st.permutations(range(n_right)))
    groups, i, j = [], 0, 0
    while i < n_left and j < n_right and data.draw(st.booleans()):
        a, b = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))
        groups.append(Group(tuple(lefts[i : i + a]), tuple(rights[j : j + b]), data.draw(st.floats(0, 1))))
        i, j = i + a, j + b
    best_left = data.draw(st.lists(st.floats(0, 1), min_size=n_left, max_size=n_left))
    best_right = data.draw(st.lists(st.floats(0, 1), min_size=n_right, max_size=n_right))
    got = reading_order(groups, best_left, best_right)
    want = python_reading_order(groups, best_left, best_right)
    assert got == want
    assert all(type(u) is Unit for u in got)
    assert [tuple(map(type, u)) for u in got] == [tuple(map(type, u)) for u in want]


@needs_native
def test_native_reading_order_is_the_reference_on_the_seeds(seeds):
    from articlediff.align import align

    for a, b in itertools.permutations(list(seeds.values()), 2):
        pa, pb = prepare(a), prepare(b)
        opts = articlediff.Options()
        got = align(pa.profiles, pb.profiles, opts, (pa.headings, pb.headings))
        args = (got.groups, got.best_left, got.best_right)
        assert reading_order(*args) == python_reading_order(*args)


@needs_native
def test_the_native_result_leaves_its_integer_tuples_to_reference_counting(seeds):
    # the word diffs' spans and the pairs' sentence indices are tuples of integers: made untracked
    # by the cyclic collector, as it makes such tuples itself on its first pass over them
    import gc

    texts = list(seeds.values())
    cmp = articlediff.compare(texts[0], texts[2])
    spans = [s for p in cmp.pairs for op in p.diff for s in (op.left, op.right)]
    indices = [ids for p in cmp.pairs for ids in (p.left, p.right) if ids]
    assert spans and indices
    assert not any(gc.is_tracked(t) for t in spans + indices)
    with kernels.forced("python"):
        reference = articlediff.compare(texts[0], texts[2])
    assert reference.to_dict() == cmp.to_dict()
