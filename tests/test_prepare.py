"""prepare() / compare_prepared(): the per-text stages once, then any number of comparisons."""

from __future__ import annotations

import pickle

import pytest

from articlediff import InputError, compare
from articlediff.pipeline import compare_prepared
from articlediff.prepared import Prepared, prepare


def test_compare_prepared_equals_compare(seeds):
    texts = list(seeds.values())
    prepared = [prepare(t) for t in texts]
    for a, pa in zip(texts, prepared, strict=True):
        for b, pb in zip(texts, prepared, strict=True):
            assert compare_prepared(pa, pb).to_dict() == compare(a, b).to_dict()


def test_a_prepared_text_is_not_changed_by_comparisons(seeds):
    original = prepare(seeds["000"])
    first = compare_prepared(original, prepare(seeds["001"])).to_dict()
    for other in ("002", "003", "004", "001"):
        compare_prepared(original, prepare(seeds[other]))
    assert compare_prepared(original, prepare(seeds["001"])).to_dict() == first


def test_prepared_pickles_and_options_apply(seeds):
    pa, pb = (pickle.loads(pickle.dumps(prepare(seeds[k]))) for k in ("000", "002"))
    assert isinstance(pa, Prepared)
    strict = compare_prepared(pa, pb, "strict")
    assert strict.to_dict() == compare(seeds["000"], seeds["002"], "strict").to_dict()
    assert pa.words[:5] == ["three", "sources", "familiar", "with", "top"]


def test_the_index_a_prepared_text_keeps_gives_the_same_alignment(seeds):
    """A Prepared text keeps its half of the aligner's inverted index after its first comparison;
    reused (and pickled with it to a worker), it must align exactly as one built afresh."""
    from articlediff.align import align, postings_of
    from articlediff.options import resolve

    pa, pb = prepare(seeds["003"]), prepare(seeds["004"])
    compare_prepared(pa, pb)
    assert pa.postings == postings_of(pa.profiles)
    shipped = pickle.loads(pickle.dumps(pa))
    assert compare_prepared(shipped, pb).to_dict() == compare(seeds["003"], seeds["004"]).to_dict()
    opts, heads = resolve(None), (pa.headings, pb.headings)
    fresh = align(pa.profiles, pb.profiles, opts, heads)
    for given in ((pa.postings, None), (None, pb.postings), (pa.postings, pb.postings)):
        assert align(pa.profiles, pb.profiles, opts, heads, given) == fresh


def test_prepare_checks_its_input():
    with pytest.raises(TypeError, match="must be str"):
        prepare(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="max_chars"):
        prepare("x" * 20, max_chars=10)
    with pytest.raises(TypeError, match="Prepared"):
        compare_prepared("a", "b")  # type: ignore[arg-type]
    assert prepare("").sentences == () and prepare("  \n").words == []


def test_without_details_only_the_word_diffs_and_flags_are_missing(seeds):
    pa, pb = prepare(seeds["000"]), prepare(seeds["002"])
    full, lean = compare_prepared(pa, pb).to_dict(), compare_prepared(pa, pb, details=False).to_dict()
    assert all(not p["diff"] and not p["flags"] for p in lean["pairs"])
    assert any(p["diff"] for p in full["pairs"]) and any(p["flags"] for p in full["pairs"])
    for p in full["pairs"]:
        p["diff"], p["flags"] = [], []
    full["summary"]["flags"] = {}
    assert "|details:False|" in lean.pop("signature") and "|details:True|" in full.pop("signature")
    assert lean == full
