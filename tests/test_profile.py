"""Profiles and the aligner's score: what two sentences' profiles say about them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlediff import profile as pm
from articlediff.normalize import keys
from articlediff.profile import FEATURES, MODEL_FEATURES, features, joined, model_features, profile, score, stem


def prof(text: str):
    (ks,) = keys(text, [(0, len(text))])
    return profile(ks)


def test_a_profile_holds_keys_content_stems_numbers_and_bigrams():
    p = prof("Russian forces were shelling 3 towns in the region.")
    assert p.text == "russian forces were shelling 3 towns in the region"
    assert "the" not in p.content and "were" not in p.content
    assert {"forc", "shell", "town"} <= p.content
    assert p.numbers == frozenset({"3"})
    assert ("russian", "forc") in p.bigrams
    assert p.sorted_text == " ".join(sorted(p.keys))


def test_stems_are_snowball_english_and_short_words_stay():
    assert stem("running") == "run" and stem("forces") == "forc"
    assert stem("war") == "war" and stem("2024") == "2024"


def test_the_stem_cache_is_bounded(monkeypatch):
    cache = pm._StemCache()
    monkeypatch.setattr(pm, "_STEM_CACHE_MAX", 3)
    for word in ("talks", "ended", "leaders", "agreed", "ceasefire"):
        cache[word]
    assert len(cache) <= 3
    assert cache["ceasefire"] == stem("ceasefire")


def test_joined_reads_sentences_as_one():
    a, b = prof("Talks ended."), prof("Leaders agreed a ceasefire.")
    both = joined([a, b])
    assert both.keys == a.keys + b.keys
    assert both.content == a.content | b.content
    assert joined([a]) is a
    assert score(both, prof("Talks ended. Leaders agreed a ceasefire.")) == 1.0


def test_score_is_one_for_the_same_key_and_zero_without_words():
    assert score(prof("Putin met Trump."), prof("PUTIN met “Trump”")) == 1.0
    assert score(prof("Putin met Trump."), profile([])) == 0.0
    assert score(profile([]), profile([])) == 0.0


def test_score_orders_a_rewording_above_a_topic_neighbour():
    original = prof("Russian forces control about a fifth of Ukraine, officials said.")
    reworded = prof("Officials said Russian forces control roughly a fifth of Ukraine.")
    topic = prof("Ukraine said Russian forces shelled the city overnight.")
    assert score(original, reworded) > 0.8 > score(original, topic)


def test_model_features_are_part_of_features():
    a, b = prof("Sales rose 5% in May."), prof("In May, sales rose 7%.")
    full = dict(zip(FEATURES, features(a, b), strict=True))
    assert model_features(a, b) == tuple(full[name] for name in MODEL_FEATURES)
    assert full["numbers"] == 0.0  # no number in common
    assert full["containment"] == 0.75  # sales, rose, may shared; 5 and 7 not


words = st.lists(st.sampled_from("putin trump talks ended 3 ceasefire the of kyiv said".split()), max_size=10)


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_score_is_symmetric_and_in_range(a, b):
    pa, pb = profile(a), profile(b)
    s = score(pa, pb)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(score(pb, pa), abs=1e-12)
