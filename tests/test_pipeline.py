"""compare(): invariants (Hypothesis), shape of to_dict(), input errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff import Label, compare

# Sentences drawn from a small vocabulary so that generated texts share words and sentences:
# that exercises exact matches, paraphrases, splits and merges, not just "everything is new".
WORDS = st.sampled_from("Putin Trump met talks in Alaska on Friday the U.S. said 88% war peace Kyiv “no” —".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + st_end(ws))


def st_end(ws: list[str]) -> str:
    return "." if len(ws) % 3 else "?"


ARTICLE = st.lists(SENTENCE, max_size=12).flatmap(
    lambda ss: st.sampled_from([" ", "\n", "\n\n"]).map(lambda sep: sep.join(ss))
)
ANY_TEXT = st.one_of(ARTICLE, st.text(max_size=300))


def mirrored(pairs):
    swap = {"added": "dropped", "dropped": "added"}
    return {(swap.get(p["label"], p["label"]), tuple(p["right"]), tuple(p["left"]), p["score"]) for p in pairs}


def as_set(pairs):
    return {(p["label"], tuple(p["left"]), tuple(p["right"]), p["score"]) for p in pairs}


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_every_sentence_in_exactly_one_pair_and_offsets_slice_back(a, b):
    cmp = compare(a, b)
    for side, text in (("left", a), ("right", b)):
        sents = getattr(cmp, side)
        seen = sorted(i for p in cmp.pairs for i in getattr(p, side))
        assert seen == list(range(len(sents)))
        for n, s in enumerate(sents):
            assert s.index == n
            assert text[s.start : s.end].strip() == text[s.start : s.end] != ""


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_swapping_sides_mirrors_the_result(a, b):
    ab, ba = compare(a, b).to_dict(), compare(b, a).to_dict()
    assert as_set(ba["pairs"]) == mirrored(ab["pairs"])
    assert ab["summary"]["reuse"] == ba["summary"]["coverage"]


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT)
def test_compare_with_itself_is_all_verbatim(a):
    cmp = compare(a, a)
    assert all(p.label is Label.VERBATIM and p.left == p.right for p in cmp.pairs)
    assert len(cmp.pairs) == len(cmp.left)


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_to_dict_round_trips_through_json_and_is_deterministic(a, b):
    d = compare(a, b).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert compare(a, b).to_dict() == d


@settings(max_examples=100, deadline=None)
@given(ARTICLE, ARTICLE)
def test_diff_ranges_lie_inside_the_paired_sentences(a, b):
    cmp = compare(a, b)
    for p in cmp.pairs:
        if not (p.left and p.right):
            assert p.diff == ()
            continue
        lo_l, hi_l = cmp.left[p.left[0]].start, cmp.left[p.left[-1]].end
        lo_r, hi_r = cmp.right[p.right[0]].start, cmp.right[p.right[-1]].end
        for op in p.diff:
            assert op.op in {"equal", "replace", "insert", "delete"}
            assert lo_l <= op.left[0] <= op.left[1] <= hi_l
            assert lo_r <= op.right[0] <= op.right[1] <= hi_r
        ops = {op.op for op in p.diff}
        assert (ops <= {"equal"}) == (p.label is Label.VERBATIM)


def test_to_dict_shape(seeds):
    d = compare(seeds["000"], seeds["001"]).to_dict()
    assert set(d) >= {"version", "signature", "left", "right", "pairs", "summary"}
    assert d["version"] == articlediff.__version__
    s0 = d["left"]["sentences"][0]
    assert set(s0) >= {"index", "start", "end", "text"}
    assert seeds["000"][s0["start"] : s0["end"]] == s0["text"]
    p = next(p for p in d["pairs"] if p["label"] == "paraphrase")
    assert set(p) >= {"label", "left", "right", "score", "diff"}
    assert {"op", "left", "right"} <= set(p["diff"][0])
    summary = d["summary"]
    assert set(summary["counts"]) == {"verbatim", "paraphrase", "added", "dropped"}
    for key in ("reuse", "coverage", "verbatim_share"):
        assert 0.0 <= summary[key] <= 1.0
    assert summary["verdict"] in {"wholly_derived", "partially_derived", "not_derived"}


def test_moved_sentences_are_found():
    a = "Putin met Trump in Alaska. The talks lasted three hours. Nothing was signed."
    b = "Nothing was signed. Putin met Trump in Alaska. The talks lasted three hours."
    cmp = compare(a, b)
    assert {(p.left, p.right) for p in cmp.pairs} == {((0,), (1,)), ((1,), (2,)), ((2,), (0,))}
    assert all(p.label is Label.VERBATIM for p in cmp.pairs)


def test_split_and_merge_are_grouped():
    a = (
        "The sources said Putin is sticking to his demands that Ukraine give up its NATO ambitions, "
        "and for no Western peacekeeping troops in Ukraine. Oil prices rose on Monday."
    )
    b = (
        "Putin is sticking to his demands that Ukraine give up its NATO ambitions, the sources said. "
        "He also wants no Western peacekeeping troops in Ukraine. Oil prices rose on Monday."
    )
    cmp = compare(a, b)
    assert ((0,), (0, 1)) in {(p.left, p.right) for p in cmp.pairs}
    merged = compare(b, a)
    assert ((0, 1), (0,)) in {(p.left, p.right) for p in merged.pairs}


def test_one_rewritten_sentence_between_two_kept_ones_is_paired():
    # One sentence a side between two aligned groups (as a line diff pairs a changed line): little
    # shared content is enough there (OneStopEnglish: "The results were startling." → "The results
    # were very surprising."). With no anchor after it, the same pair stays apart.
    a = (
        "Officials met in Geneva on Monday to discuss the ceasefire plan. The results were startling. "
        "The first obstacle is the border, negotiators said on Tuesday."
    )
    b = (
        "Officials met in Geneva on Monday to discuss the ceasefire plan. The results were very surprising. "
        "The first obstacle is the border, negotiators said on Tuesday."
    )
    assert [(p.label, p.left, p.right) for p in compare(a, b).pairs] == [
        (Label.VERBATIM, (0,), (0,)),
        (Label.PARAPHRASE, (1,), (1,)),
        (Label.VERBATIM, (2,), (2,)),
    ]
    last = " The first obstacle is the border, negotiators said on Tuesday."
    labels = [p.label for p in compare(a.replace(last, ""), b.replace(last, "")).pairs]
    assert Label.PARAPHRASE not in labels


def test_empty_and_whitespace_are_empty_articles():
    cmp = compare("", "  \n\t")
    assert cmp.pairs == () and cmp.summary["verdict"] == "not_derived"
    cmp = compare("", "A new story.")
    assert [p.label for p in cmp.pairs] == [Label.ADDED]
    assert cmp.summary["reuse"] == 0.0 and cmp.summary["coverage"] == 0.0


@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["a list"]])
def test_non_string_input_raises_type_error_naming_it(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        compare(bad, "text")
    with pytest.raises(TypeError, match="'right'"):
        compare("text", bad)


def test_signature_names_settings_and_version():
    cmp = compare("a b c.", "a b c.", link_threshold=0.5)
    assert cmp.signature.startswith(f"articlediff:{articlediff.__version__}|preset:default|")
    assert "link_threshold:0.5" in cmp.signature


def test_repr_is_short(seeds):
    r = repr(compare(seeds["000"], seeds["001"]))
    assert r.startswith("<Comparison 45:24 sentences") and len(r) < 200


@pytest.fixture
def collector_seen(monkeypatch):
    """Whether the cyclic garbage collector was on at each align() call of compare()."""
    import gc

    import articlediff.pipeline as pipeline

    seen: list[bool] = []
    real = pipeline.align

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "align", spy)
    return seen


def test_the_garbage_collector_is_paused_only_while_comparing(monkeypatch, collector_seen):
    import gc

    import articlediff.kernels as kernels
    import articlediff.pipeline as pipeline

    monkeypatch.setattr(kernels, "GC_PAUSE_CHARS", 10)  # these texts count as long
    seen = collector_seen
    spied = pipeline.align
    assert gc.isenabled()
    articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted three hours.")
    assert seen == [False] and gc.isenabled()

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "align", boom)
    with pytest.raises(RuntimeError):
        articlediff.compare("One two three.", "Four five six.")
    assert gc.isenabled()  # restored on the way out of an error too
    gc.disable()
    try:
        monkeypatch.setattr(pipeline, "align", spied)
        articlediff.compare("One two three.", "One two three.")
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def test_short_texts_are_compared_with_the_collector_running(collector_seen):
    articlediff.compare("Putin met Trump. Talks lasted three hours.", "Talks lasted three hours.")
    assert collector_seen == [True]
