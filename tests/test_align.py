"""The aligner's passes, each on small constructed state, and align() as a whole."""

from __future__ import annotations

import dataclasses
import math

import pytest

from articlediff.align import Alignment, Candidates, Group, Links, align, postings_of
from articlediff.align.candidates import candidates_of, idf
from articlediff.align.exact import exact_links
from articlediff.align.gaps import gap_pairs, pair_gaps
from articlediff.align.joins import grow
from articlediff.align.moves import undo_weak_moves
from articlediff.align.pairing import pair_in_context, pair_mutual, pair_sure
from articlediff.align.shared_order import gaps_of, run
from articlediff.align.story import same_story
from articlediff.options import Options
from articlediff.prepared import prepare


def sides(left: list[str], right: list[str]):
    """Profiles of each side, one sentence an item."""
    return prepare(" ".join(left)).profiles, prepare(" ".join(right)).profiles


def cands_for(left: list[str], right: list[str], **replace) -> Candidates:
    """The candidates of two constructed texts; ``replace`` overrides fields (scores, evidence) to
    give a pass exactly the state it should decide on."""
    lp, rp = sides(left, right)
    heads = ([False] * len(lp), [False] * len(rp))
    exact = exact_links(lp, rp)
    cands = candidates_of(lp, rp, heads, (None, None), exact, 5, 1.2)
    return dataclasses.replace(cands, **replace) if replace else cands


TOPICS = ["tariffs", "pensions", "fisheries", "railways", "vaccines", "drought", "housing", "wages"]


def fixed(n_left: int, n_right: int, scores: dict[tuple[int, int], float]) -> Candidates:
    """Candidates of ``n_left`` and ``n_right`` distinct sentences with the given scores, each pair
    carrying plenty of evidence. Every sentence names Geneva, so any two share a little content."""
    left = [f"Delegates discussed {w} in Geneva today." for w in TOPICS[:n_left]]
    right = [f"Envoys debated {w} at Geneva yesterday." for w in reversed(TOPICS[-n_right:])]
    return cands_for(left, right, scores=scores, evidence={ij: 10.0 for ij in scores}, short=frozenset())


# Links ------------------------------------------------------------------------------------------


def test_links_copy_is_independent_and_join_records_the_partner():
    links = Links.of([(0, 0), (2, 1)])
    new = links.copy()
    new.join(1, 2, 1)
    assert links.groups == [([0], [0]), ([2], [1])]
    assert new.groups == [([0], [0]), ([2], [1, 2])]
    assert new.partner[1][2] == 1 and 2 not in links.partner[1]
    assert new.together(2, 2) and not new.together(0, 2)
    assert Links.of([(0, 0), (1, 1)]).next_to_link(2, 2)
    assert not Links.of([(0, 0)]).next_to_link(2, 2)


# exact ------------------------------------------------------------------------------------------


def test_exact_links_pair_identical_sentences_in_order_and_repeats_in_turn():
    lp, rp = sides(
        ["Talks ended.", "Prices rose sharply.", "Talks ended.", "Nothing else."],
        ["Talks ended.", "A new sentence here.", "Talks ended.", "Prices rose sharply."],
    )
    links = exact_links(lp, rp)
    assert links.groups == [([0], [0]), ([2], [2]), ([1], [3])]
    assert 3 not in links.partner[0] and 1 not in links.partner[1]


def test_exact_links_ignore_case_and_punctuation_the_keys_drop():
    lp, rp = sides(["Prices ROSE sharply!"], ["prices rose sharply."])
    assert exact_links(lp, rp).groups == [([0], [0])]


# candidates -------------------------------------------------------------------------------------


def test_candidates_propose_only_pairs_sharing_content_and_score_them():
    cands = cands_for(
        ["Moscow said the ceasefire in Donetsk would hold.", "Rain fell over Lisbon."],
        ["The ceasefire in Donetsk will hold, Moscow said.", "Bakers in Oslo sold bread."],
    )
    assert set(cands.scores) == {(0, 0)}
    assert cands.scores[(0, 0)] == cands.best[0][0] == cands.best[1][0] > 0.5
    assert cands.best[0][1] == 0.0 and cands.best[1][1] == 0.0
    assert cands.evidence[(0, 0)] >= 1.2
    with pytest.raises(dataclasses.FrozenInstanceError):
        cands.scores = {}  # type: ignore[misc]


def test_an_exact_match_has_best_one_and_no_candidates():
    cands = cands_for(["Moscow said the ceasefire would hold."], ["Moscow said the ceasefire would hold."])
    assert cands.best == ((1.0,), (1.0,))
    assert not cands.scores


def test_a_heading_is_never_a_candidate_of_a_sentence():
    lp, rp = sides(["Ceasefire in Donetsk holds, Moscow says."], ["Moscow says the ceasefire in Donetsk holds."])
    plain = candidates_of(lp, rp, ([False], [False]), (None, None), Links(), 5, 1.2)
    mixed = candidates_of(lp, rp, ([True], [False]), (None, None), Links(), 5, 1.2)
    assert (0, 0) in plain.scores and not mixed.scores


def test_idf_weighs_a_stem_in_one_sentence_one_and_common_stems_less():
    weights = idf(({"rare": [0], "common": [0, 1, 2]}, {"common": [0, 1, 2]}), 6)
    assert weights["rare"] == pytest.approx(1.0)
    assert weights["common"] == pytest.approx(math.log(2) / math.log(7))  # in all 6 sentences


def test_given_postings_change_nothing():
    left = ["Moscow said the ceasefire in Donetsk would hold.", "Kyiv disagreed."]
    right = ["The ceasefire in Donetsk will hold, Moscow said.", "Kyiv disagreed strongly."]
    lp, rp = sides(left, right)
    heads = ([False] * 2, [False] * 2)
    fresh = candidates_of(lp, rp, heads, (None, None), Links(), 5, 1.2)
    given = candidates_of(lp, rp, heads, (postings_of(lp), postings_of(rp)), Links(), 5, 1.2)
    assert (fresh.scores, fresh.evidence, fresh.best) == (given.scores, given.evidence, given.best)


# one-to-one passes ------------------------------------------------------------------------------


def test_pair_sure_links_the_best_first_each_sentence_once_and_leaves_its_input_alone():
    cands = fixed(2, 2, {(0, 0): 0.9, (0, 1): 0.95, (1, 1): 0.8, (1, 0): 0.5})
    start = Links()
    links = pair_sure(cands, start, 0.7, 1.0)
    assert links.groups == [([0], [1])]  # (1, 1) lost its right sentence, (1, 0) is too weak
    assert start.groups == []
    assert pair_sure(cands, start, 0.4, 1.0).groups == [([0], [1]), ([1], [0])]


def test_pair_sure_asks_for_evidence_and_may_refuse_short_pairs():
    cands = dataclasses.replace(fixed(1, 1, {(0, 0): 0.9}), evidence={(0, 0): 1.5}, short=frozenset({(0, 0)}))
    assert pair_sure(cands, Links(), 0.7, 1.0).groups == [([0], [0])]
    assert pair_sure(cands, Links(), 0.7, 2.0).groups == []
    assert pair_sure(cands, Links(), 0.7, 1.0, short_ok=False).groups == []


def test_pair_mutual_links_only_each_others_best():
    # left 0's best is right 0, but right 0's best is left 1: only (1, 0) is mutual
    cands = fixed(2, 2, {(0, 0): 0.5, (1, 0): 0.6, (0, 1): 0.3})
    links = pair_mutual(cands, Links(), 0.4, 1.0)
    assert links.groups == [([1], [0])]
    # best counterparts are read before pairing: left 0's best stays right 0, so (0, 1) never pairs
    assert pair_mutual(cands, Links(), 0.2, 1.0).groups == [([1], [0])]
    # already linked sentences are out of the running: right 0 taken, (0, 1) is mutual
    assert pair_mutual(cands, Links.of([(1, 0)]), 0.2, 1.0).groups == [([1], [0]), ([0], [1])]


def test_pair_in_context_follows_a_rewritten_passage_from_an_anchor():
    scores = {(1, 1): 0.3, (2, 2): 0.3, (3, 0): 0.35}
    cands = fixed(4, 4, scores)
    links = pair_in_context(cands, Links.of([(0, 0)]), 0.25, 1.0)
    # (1, 1) sits next to the anchor, (2, 2) next to it in turn; (3, 0) has no aligned neighbour
    assert links.groups == [([0], [0]), ([1], [1]), ([2], [2])]


def test_undo_weak_moves_drops_a_weak_link_against_the_order_without_neighbours():
    in_order = {(0, 1): 0.9, (1, 2): 0.9, (2, 3): 0.9, (3, 4): 0.9}
    links = Links.of([*in_order, (4, 0)])  # (4, 0) goes against the order of the others
    kept = undo_weak_moves(fixed(5, 5, {**in_order, (4, 0): 0.3}), links, 0.5)
    assert [(g[0][0], g[1][0]) for g in kept.groups] == list(in_order)
    assert len(links.groups) == 5
    assert undo_weak_moves(fixed(5, 5, {**in_order, (4, 0): 0.8}), links, 0.5) is links  # a sure move is believed


def test_undo_weak_moves_keeps_a_weak_link_next_to_an_aligned_pair():
    in_order = {(0, 2): 0.9, (1, 3): 0.9, (2, 4): 0.9, (3, 0): 0.3, (4, 1): 0.3}
    links = Links.of(in_order)  # the moved pair (3, 0), (4, 1) are each other's neighbours
    assert undo_weak_moves(fixed(5, 5, in_order), links, 0.5) is links


# the shared order and its gaps --------------------------------------------------------------------


def test_run_is_the_longest_stretch_in_both_orders_and_gaps_lie_between():
    cands = fixed(6, 6, {})
    links = Links.of([(0, 0), (1, 4), (3, 2), (5, 5)])
    assert [span[4] for span in run(links)] == [0, 2, 3]  # (1, 4) was moved
    gaps = gaps_of(cands, links)
    assert ([2], [1], (0, 2)) in gaps  # between group 0 and group 2
    assert ([4], [3], (2, 3)) in gaps


def test_gap_pairs_pair_a_gap_in_order_on_the_best_total():
    cands = fixed(3, 3, {(0, 0): 0.5, (1, 1): 0.5, (0, 1): 0.6, (2, 2): 0.4})
    # gains over the threshold: (0, 1) + (2, 2) = 0.3 + 0.1; (0, 0) + (1, 1) + (2, 2) = 0.5 wins
    assert gap_pairs(cands, [0, 1, 2], [0, 1, 2], 0.3, 0.1) == [(0, 0), (1, 1), (2, 2)]


def test_pair_gaps_links_what_lies_between_two_anchors():
    cands = fixed(4, 4, {(0, 0): 0.9, (3, 3): 0.9, (1, 1): 0.3, (2, 2): 0.3})
    links = pair_gaps(cands, Links.of([(0, 0), (3, 3)]), threshold=0.25, need=0.1)
    assert sorted((g[0][0], g[1][0]) for g in links.groups) == [(0, 0), (1, 1), (2, 2), (3, 3)]


# groups -----------------------------------------------------------------------------------------


def test_grow_makes_a_split_when_the_second_half_raises_the_score():
    left = ["Russia said on Friday it would keep its troops in Donetsk and would not sign any ceasefire with Kyiv."]
    right = ["Russia said on Friday it would keep its troops in Donetsk.", "It would not sign any ceasefire with Kyiv."]
    cands = cands_for(left, right)
    one = pair_sure(cands, Links(), 0.5, 1.2)
    assert one.groups == [([0], [0])]
    grown = grow(cands, one, need=1.2, share=0.5)
    assert grown.groups == [([0], [0, 1])]
    assert one.groups == [([0], [0])]


def test_grow_leaves_a_sentence_whose_content_is_elsewhere():
    left = ["Russia said on Friday it would keep its troops in Donetsk."]
    right = ["Russia said on Friday it would keep its troops in Donetsk.", "Bakers in Oslo sold bread on Friday."]
    cands = cands_for(left, right)
    links = Links.of([(0, 0)])
    assert grow(cands, links, need=1.2, share=0.5).groups == [([0], [0])]


# same story -------------------------------------------------------------------------------------

STORY = [
    "Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow on Thursday.",
    "The talks lasted five hours and covered a ceasefire in Ukraine.",
    "Kremlin aide Yuri Ushakov called the meeting useful.",
    "Witkoff flew to Berlin afterwards to brief European officials.",
]


def test_same_story_for_a_trimmed_copy_but_not_for_shared_background():
    copy = [STORY[0], STORY[2], "Ushakov said further talks were planned for next week."]
    cands = cands_for(STORY, copy)
    sure = pair_sure(cands, exact_links(*cands.sides), 0.7, 1.2)
    assert same_story(cands, sure, need=1.2, rare=3.0, threshold=0.3)
    other = [
        "Shares in Tokyo fell on Monday as exporters slid.",
        "Toyota lost two percent and Sony one percent.",
        "The talks lasted five hours and covered a ceasefire in Ukraine.",
        "The yen rose against the dollar after the data.",
        "Traders expect the central bank to hold rates.",
        "Bond yields were flat in thin trading before the holiday.",
    ]
    cands = cands_for(STORY, other)
    sure = pair_sure(cands, exact_links(*cands.sides), 0.7, 1.2)
    assert sure.groups  # the background sentence is shared
    assert not same_story(cands, sure, need=1.2, rare=3.0, threshold=0.3)


# align() ----------------------------------------------------------------------------------------


def test_align_returns_an_alignment_of_sorted_groups_and_best_scores():
    copy = [
        STORY[2],
        STORY[0],
        "The talks took five hours and were about a truce in Ukraine.",
        "Nothing else was said.",
    ]
    a, b = prepare(" ".join(STORY)), prepare(" ".join(copy))
    got = align(a.profiles, b.profiles, Options())
    assert isinstance(got, Alignment)
    assert all(isinstance(g, Group) for g in got.groups)
    assert [g.left[0] for g in got.groups] == sorted(g.left[0] for g in got.groups)
    assert ((0,), (1,)) in [(g.left, g.right) for g in got.groups]
    assert ((2,), (0,)) in [(g.left, g.right) for g in got.groups]
    assert got.best_left[0] == got.best_left[2] == 1.0
    assert len(got.best_left) == 4 and len(got.best_right) == 4
    assert got.same_story
    linked = {j for g in got.groups for j in g.right}
    assert 3 not in linked


def test_align_is_symmetric():
    copy = [STORY[2], STORY[0], "The talks took five hours and were about a truce in Ukraine."]
    a, b = prepare(" ".join(STORY)), prepare(" ".join(copy))
    forward = align(a.profiles, b.profiles, Options())
    backward = align(b.profiles, a.profiles, Options())
    assert backward == forward.mirrored()
    assert forward.mirrored().mirrored() == forward


def test_align_of_nothing_is_empty():
    a = prepare("Putin met Trump.")
    got = align(a.profiles, [], Options())
    assert got.groups == () and got.best_right == () and got.best_left == (0.0,)
