"""Moved pairs: a longest increasing run of original positions stays, everything else moved."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from articlediff import compare
from articlediff.order import longest_increasing, out_of_order


def lis_length(values: list[int]) -> int:
    """Quadratic reference: length of a longest strictly increasing subsequence."""
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@given(st.lists(st.integers(0, 30), max_size=40))
def test_longest_increasing_is_increasing_and_longest(values):
    kept = longest_increasing(values)
    assert kept == sorted(kept)
    assert all(values[a] < values[b] for a, b in zip(kept, kept[1:], strict=False))
    assert len(kept) == lis_length(values)
    assert longest_increasing(values) == kept  # deterministic


@given(st.permutations(range(12)), st.lists(st.booleans(), min_size=12, max_size=12))
def test_out_of_order_ignores_unpaired_and_moves_the_fewest(order, unpaired):
    origins = [None if gone else o for o, gone in zip(order, unpaired, strict=True)]
    moved = out_of_order(origins)
    assert len(moved) == len(origins)
    assert not any(m for m, o in zip(moved, origins, strict=True) if o is None)
    stayed = [o for m, o in zip(moved, origins, strict=True) if o is not None and not m]
    assert stayed == sorted(stayed)
    assert len(stayed) == lis_length([o for o in origins if o is not None])


def test_edge_cases():
    assert longest_increasing([]) == [] and out_of_order([]) == ()
    assert out_of_order([None, None]) == (False, False)
    assert out_of_order([1, 0]) == (True, False)  # the pair that jumped ahead is the one moved
    assert out_of_order([0, 1, 2]) == (False, False, False)


def test_compare_marks_the_moved_sentence():
    a = "Putin met Trump in Alaska. The talks lasted three hours. Nothing was signed."
    b = "Nothing was signed. Putin met Trump in Alaska. The talks lasted three hours."
    cmp = compare(a, b)
    assert [(p.left, p.moved) for p in cmp.pairs] == [((2,), True), ((0,), False), ((1,), False)]
    assert [p["moved"] for p in cmp.to_dict()["pairs"]] == [True, False, False]


def test_seed_move(seeds):
    cmp = compare(seeds["000"], seeds["001"])
    assert [(p.left, p.right) for p in cmp.pairs if p.moved] == [((5,), (9,))]
    assert not any(p.moved for p in compare(seeds["000"], seeds["000"]).pairs)


@st.composite
def _links(draw):
    """Links over random sides: groups of disjoint sentence ids, made in a random order."""
    from articlediff.align.links import Links

    n_left, n_right = draw(st.integers(0, 30)), draw(st.integers(0, 30))
    left = draw(st.permutations(range(n_left)))
    right = draw(st.permutations(range(n_right)))
    links = Links()
    while left and right and draw(st.booleans()):
        links.link(left.pop(), right.pop())
        for side, pool in ((0, left), (1, right)):
            while pool and draw(st.integers(0, 3)) == 0:
                links.join(side, pool.pop(), len(links.groups) - 1)
    return links, n_left, n_right


@given(_links(), st.booleans())
def test_native_shared_order_is_the_references(case, with_order):
    from types import SimpleNamespace

    import pytest

    from articlediff import kernels
    from articlediff.align.shared_order import gaps_of, placed, run

    if kernels.NATIVE is None:
        pytest.skip("native kernels not installed (pip install ./native)")
    links, n_left, n_right = case
    cands = SimpleNamespace(sides=([None] * n_left, [None] * n_right))
    got, want = {}, {}
    for backend, out in (("native", got), ("python", want)):
        with kernels.forced(backend):
            out["run"] = run(links)
            out["gaps"] = gaps_of(cands, links, out["run"] if with_order else None)
            out["placed"] = placed(cands, links)
    assert got == want
