"""Feed engine: schedules, the ranking algorithm, the funnel and unfollows (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Feed, Schedule, benchmarks, expected_feed, posting_calendar, simulate_feed
from smmlab.sim.feed import gaps_between_posts, interleave, unfollow_reasons

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
rates = st.floats(0, 70, allow_nan=False)
shares = st.floats(0, 1, allow_nan=False)


def test_defaults_come_from_benchmarks():
    for cls in (Feed, Schedule):
        for key in cls.benchmark_keys():
            benchmarks.get(key)
    assert Schedule().posts_per_week == pytest.approx(4.69)


@pytest.mark.parametrize("cls", [Feed, Schedule])
def test_out_of_range_values_are_rejected_with_a_clear_message(cls):
    for spec in dataclasses.fields(cls):
        meta = spec.metadata
        for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
            with pytest.raises(ValueError) as error:
                cls(**{spec.name: bad})
            assert f"{cls.__name__}.{spec.name}" in str(error.value) and "allowed range" in str(error.value)


def test_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"days = 0 is outside the allowed range \[1, 1095\]"):
        posting_calendar(5, 0)
    with pytest.raises(ValueError, match=r"burstiness = 2 is outside"):
        posting_calendar(5, 10, burstiness=2)
    with pytest.raises(ValueError, match=r"promo_share = .* outside the allowed range \[0, 1\]"):
        expected_feed(np.ones((2, 5)), [0.5, 1.5], 0.5)
    with pytest.raises(ValueError, match=r"calendars must hold posts per day"):
        expected_feed(-np.ones(5), 0.5, 0.5)
    with pytest.raises(ValueError, match=r"seed = -1"):
        simulate_feed(seed=-1)
    with pytest.raises(ValueError, match=r"calendar must hold 10"):
        simulate_feed(days=10, calendar=np.ones(9))


@FAST
@given(rate=rates, days=st.integers(1, 400), burstiness=shares, seed=st.integers(0, 1000))
def test_calendar_keeps_the_total_whatever_the_burstiness(rate, days, burstiness, seed):
    calendar = posting_calendar(rate, days, burstiness, seed)
    assert calendar.shape == (days,) and (calendar >= 0).all()
    assert calendar.sum() == round(rate * days / 7)


@FAST
@given(count=st.integers(0, 500), share=shares)
def test_interleave_flags_the_share_evenly(count, share):
    flags = interleave(count, share)
    assert abs(flags.sum() - count * share) <= 1
    if count >= 20 and 0 < share < 1:  # spread out: no long run of promotions in the first half
        assert abs(flags[: count // 2].sum() - count // 2 * share) <= 1


@FAST
@given(share=shares, relevance=shares, rate=st.floats(0.5, 21))
def test_expected_outcomes_are_finite_and_non_negative(share, relevance, rate):
    out = expected_feed(posting_calendar(rate, 120), share, relevance)
    for key, values in out.items():
        assert np.isfinite(values).all() and (values >= 0).all(), key
    assert (out["clicks"] <= out["promo_impressions"]).all()


def test_more_promotion_means_more_unfollows_and_less_reach_per_post():
    calendar = np.tile(posting_calendar(4.69, 182), (3, 1))
    out = expected_feed(calendar, [0.0, 0.5, 1.0], 0.6)
    promo_unfollows = out["unfollows_promotions"].sum(axis=1)
    reach = out["impressions"].sum(axis=1)
    per_impression = out["unfollows"].sum(axis=1) / reach
    assert promo_unfollows[0] == 0 < promo_unfollows[1] < promo_unfollows[2]
    assert per_impression[0] < per_impression[1] < per_impression[2]
    assert reach[0] > reach[1] > reach[2]
    assert out["clicks"].sum(axis=1)[0] == 0


def test_clicks_peak_at_an_interior_promotional_share():
    grid = np.linspace(0, 1, 21)
    calendar = np.tile(posting_calendar(4.69, 182), (len(grid), 1))
    clicks = expected_feed(calendar, grid, 0.6)["clicks"].sum(axis=1)
    best = grid[clicks.argmax()]
    assert 0.1 < best < 0.6


def test_irrelevant_content_engages_less_and_loses_followers():
    calendar = np.tile(posting_calendar(4.69, 182), (2, 1))
    out = expected_feed(calendar, 0.2, [1.0, 0.2])
    assert out["engagements"][0].sum() > out["engagements"][1].sum()
    assert out["followers"][0, -1] > out["followers"][1, -1]


def test_bursts_lose_impressions_against_the_same_posts_spread_evenly():
    regular = simulate_feed(Schedule(burstiness=0.0), seed=3).summary()
    bursty = simulate_feed(Schedule(burstiness=1.0), seed=3).summary()
    assert regular["posts"] == bursty["posts"]
    assert bursty["impressions"] < 0.5 * regular["impressions"]


def test_visibility_falls_in_silence_and_recovers_when_posting_resumes():
    calendar = np.array([1] * 10 + [0] * 20 + [1] * 10)
    out = expected_feed(calendar, 0.2, 0.8)
    visibility = out["visibility"][0]
    assert visibility[29] < visibility[9] and visibility[29] >= Feed().visibility_floor
    assert visibility[39] > visibility[30]


def test_same_seed_same_tables_and_tidy_columns():
    first, second = simulate_feed(seed=5), simulate_feed(seed=5)
    assert first.posts.equals(second.posts) and first.daily.equals(second.daily)
    assert not first.posts.equals(simulate_feed(seed=6).posts)
    assert set(first.posts.columns) >= {"post_id", "day", "promotional", "impressions", "clicks"}
    assert first.daily["posts"].sum() == len(first.posts)
    assert first.daily["impressions"].sum() == first.posts["impressions"].sum()
    assert (first.posts["clicks"] <= first.posts["impressions"]).all()
    assert (first.posts.loc[~first.posts["promotional"], "clicks"] == 0).all()
    weekly = first.weekly()
    assert len(weekly) == 26 and weekly["posts"].sum() == len(first.posts)


def test_gaps_between_posts():
    import pandas as pd

    gaps = gaps_between_posts(pd.DataFrame({"day": [5, 0, 0, 2]}))
    assert gaps.tolist() == [0, 2, 3]


def test_unfollow_reasons_are_shares():
    reasons = unfollow_reasons()
    assert reasons.sum() == pytest.approx(1.0)
    assert list(reasons.index) == ["promotions", "irrelevant", "too_often"]
