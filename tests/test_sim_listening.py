"""Listening engine: the public conversation about two brands and what a listener reads of it."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.listening import (
    BRANDS,
    SCOPES,
    SENTIMENTS,
    TOPICS,
    Chatter,
    Listening,
    TopicMix,
    _complaint_topics,
    _sentiment_shares,
    _share_of_voice,
    _top_complaint,
    in_scope,
    listen,
    simulate_listening,
    simulate_mentions,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
shares = st.floats(0, 1, allow_nan=False)


def test_defaults_come_from_benchmarks():
    for cls in (Chatter, Listening):
        for key in cls.benchmark_keys():
            benchmarks.get(key)
    chatter = Chatter()
    assert chatter.northwind_complaints.noise == benchmarks.value("listening_northwind_complaints_noise")
    assert chatter.complaint_tag_share == benchmarks.value("complainers_expect_reply_share")


@pytest.mark.parametrize("cls", [Chatter, Listening, TopicMix])
def test_out_of_range_values_are_rejected_with_a_clear_message(cls):
    for spec in dataclasses.fields(cls):
        meta = spec.metadata
        if "low" not in meta:
            continue
        for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
            with pytest.raises(ValueError) as error:
                cls(**{spec.name: bad})
            assert f"{cls.__name__}.{spec.name}" in str(error.value) and "allowed range" in str(error.value)


def test_inconsistent_parameters_and_arguments_are_rejected():
    with pytest.raises(ValueError, match=r"northwind_positive \+ northwind_negative = 1.2 is outside"):
        Chatter(northwind_positive=0.6, northwind_negative=0.6)
    with pytest.raises(ValueError, match="all topic weights are 0"):
        TopicMix(**{topic: 0 for topic in TOPICS})
    with pytest.raises(ValueError, match="is not a TopicMix"):
        Chatter(other_topics={"noise": 1})
    with pytest.raises(ValueError, match=r"Listening.scope = 'everything' is not one of"):
        Listening(scope="everything")
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range \[1, 520\]"):
        simulate_mentions(weeks=0)
    with pytest.raises(ValueError, match=r"seed = -1"):
        simulate_mentions(seed=-1)
    with pytest.raises(ValueError, match="brand = 'Contoso' is not one of"):
        _share_of_voice(simulate_mentions(weeks=1), "Contoso")
    with pytest.raises(ValueError, match="scope = 'all' is not one of"):
        in_scope(simulate_mentions(weeks=1), "all")


def test_same_seed_same_posts_and_other_seed_other_posts():
    first, again = simulate_mentions(weeks=4, seed=5), simulate_mentions(weeks=4, seed=5)
    pd.testing.assert_frame_equal(first, again)
    assert not simulate_mentions(weeks=4, seed=6).equals(first)


def test_posts_are_well_formed():
    mentions = simulate_mentions(weeks=6, seed=1)
    assert list(mentions["mention_id"]) == list(range(len(mentions)))
    assert mentions["day"].is_monotonic_increasing and mentions["day"].between(0, 41).all()
    assert (mentions["week"] == mentions["day"] // 7).all()
    assert set(mentions["brand"]) == set(BRANDS) and set(mentions["topic"]) <= set(TOPICS)
    assert set(mentions["sentiment"]) == set(SENTIMENTS)


@FAST
@given(
    positive=shares,
    negative=shares,
    per_week=st.floats(0, 400),
    tag=shares,
    seed=st.integers(0, 10_000),
)
@example(positive=1.0, negative=5e-324, per_week=0.0, tag=0.0, seed=0)  # 1 - 1 - 5e-324 < 0
def test_any_valid_chatter_gives_consistent_tables(positive, negative, per_week, tag, seed):
    if positive + negative > 1:
        positive, negative = positive / 2, negative / 2
    chatter = Chatter(
        northwind_per_week=per_week,
        northwind_positive=positive,
        northwind_negative=negative,
        complaint_tag_share=tag,
    )
    chances = chatter.tag_chances()
    assert chances.shape == (3, len(TOPICS)) and ((chances >= 0) & (chances <= 1)).all()
    mentions = simulate_mentions(chatter, weeks=2, seed=seed)
    table = _sentiment_shares(mentions)
    assert np.allclose(table[list(SENTIMENTS)].sum(axis=1), 1)
    assert ((table["net"] >= -1) & (table["net"] <= 1)).all()
    sov = _share_of_voice(mentions)
    assert 0 <= sov <= 1
    counts = _complaint_topics(mentions, BRANDS[0])
    assert (
        counts.is_monotonic_decreasing
        and counts.sum() == ((mentions["brand"] == BRANDS[0]) & (mentions["sentiment"] == "negative")).sum()
    )


def test_complaint_tag_share_is_met_for_northwind():
    """The tagging chances are scaled so that this share of Northwind's complaints tag it."""
    chatter = Chatter()
    expected = chatter.northwind_complaints.shares @ chatter.tag_chances()[2]
    assert expected == pytest.approx(chatter.complaint_tag_share)


@FAST
@given(hours=st.floats(0, 20), scope=st.sampled_from(SCOPES), seed=st.integers(0, 50))
def test_a_listener_reads_within_scope_and_budget(hours, scope, seed):
    mentions = simulate_mentions(weeks=3, seed=seed)
    listening = Listening(hours_per_week=hours, scope=scope)
    read, share, visible = listen(mentions, listening, weeks=3)
    assert in_scope(mentions, scope).loc[read.index].all()
    assert len(read) <= round(listening.posts_per_week * 3) + 1 and len(read) <= visible
    assert 0 <= share <= 1 and (share == 1) == (len(read) == visible)
    if scope != "own and competitor":
        assert (read["brand"] == BRANDS[0]).all()


def test_more_hours_read_a_superset_of_posts():
    mentions = simulate_mentions(weeks=4, seed=2)
    reads = [
        set(listen(mentions, Listening(hours_per_week=h, scope="own and competitor"), 4)[0]["mention_id"])
        for h in (0.0, 0.5, 2.0, 8.0)
    ]
    assert reads[0] == set() and reads[0] <= reads[1] <= reads[2] <= reads[3]
    assert len(reads[3]) == len(mentions)


def test_notifications_miss_most_posts_and_look_angrier_than_the_conversation():
    summary = simulate_listening(Listening(hours_per_week=8, scope="notifications"), seed=3).summary()
    assert summary["northwind_posts_seen_share"] < 0.35
    assert summary["net_sentiment_seen"] < summary["net_sentiment"] - 0.1
    assert summary["top_complaint_seen"] == "delivery" != summary["top_complaint"]
    assert summary["competitor_top_complaint_seen"] is None
    assert math.isnan(summary["share_of_voice_seen"]) and math.isnan(summary["switch_candidates_week_seen"])


def test_full_listening_recovers_the_truth_and_never_listening_learns_nothing():
    full = simulate_listening(Listening(hours_per_week=168, scope="own and competitor"), seed=3).summary()
    assert full["share_of_voice_seen"] == pytest.approx(full["share_of_voice"])
    assert full["net_sentiment_seen"] == pytest.approx(full["net_sentiment"])
    assert full["competitor_top_complaint_seen"] == full["competitor_top_complaint"] == "limescale"
    assert full["switch_candidates_week_seen"] == pytest.approx(full["switch_candidates_week"])
    deaf = simulate_listening(Listening(hours_per_week=0, scope="own and competitor"), seed=3).summary()
    assert deaf["posts_read"] == 0 and deaf["top_complaint_seen"] is None
    assert math.isnan(deaf["net_sentiment_seen"])


def test_a_small_random_sample_already_finds_the_competitors_top_complaint():
    found = [
        simulate_listening(Listening(hours_per_week=0.5, scope="own and competitor"), seed=seed).summary()[
            "competitor_top_complaint_seen"
        ]
        for seed in range(10)
    ]
    assert found.count("limescale") >= 9


def test_top_complaint_respects_brand_and_tagging():
    mentions = simulate_mentions(weeks=12, seed=4)
    assert _top_complaint(mentions, "Northwind") == "noise"
    assert _top_complaint(mentions, "Northwind", tagged_only=True) == "delivery"
    assert _top_complaint(mentions, "Brightwater") == "limescale"
    assert _top_complaint(mentions.iloc[:0], "Brightwater") is None
