"""The simulation engine: validation, determinism and invariants (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Audience, Inbound, Response, Team, benchmarks, simulate_conversation
from smmlab.sim.conversation import reply_delays
from smmlab.sim.params import Params

PARAM_CLASSES = [Audience, Inbound, Team, Response]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bounded_fields(cls: type[Params]):
    return [(spec.name, spec.metadata) for spec in dataclasses.fields(cls) if "low" in spec.metadata]


@pytest.mark.parametrize("cls", PARAM_CLASSES, ids=lambda c: c.__name__)
def test_defaults_are_valid_and_come_from_benchmarks(cls):
    instance = cls()
    for key in cls.benchmark_keys():
        benchmarks.get(key)  # every default names a real benchmark entry
    assert dataclasses.asdict(instance)


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [(cls, name, meta) for cls in PARAM_CLASSES for name, meta in bounded_fields(cls)],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_out_of_range_values_raise_a_message_naming_parameter_value_and_range(cls, name, meta):
    bad_values = [math.nan, "ten"]
    if math.isfinite(meta["high"]):
        bad_values.append(meta["high"] * 2 + 1)
    if math.isfinite(meta["low"]):
        bad_values.append(meta["low"] - 1)
    for bad in bad_values:
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message
        assert repr(bad) in message
        assert "allowed range" in message


def test_non_integer_follower_count_is_rejected():
    with pytest.raises(ValueError, match=r"Audience.followers = 10.5 must be a whole number"):
        Audience(followers=10.5)


def test_weeks_and_seed_are_validated():
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range \[1, 520\]"):
        simulate_conversation(weeks=0)
    with pytest.raises(ValueError, match=r"seed = -1"):
        simulate_conversation(seed=-1)


shares = st.floats(0, 1, allow_nan=False)


@FAST
@given(broadcast=shares, hours=st.floats(0, 200), rate=st.floats(0, 200), seed=st.integers(0, 2**32 - 1))
def test_simulation_invariants(broadcast, hours, rate, seed):
    result = simulate_conversation(
        audience=Audience(followers=5000),
        inbound=Inbound(per_1000_followers_month=rate),
        team=Team(hours_per_week=hours, broadcast_share=broadcast),
        weeks=8,
        seed=seed,
    )
    messages, weekly = result.messages, result.weekly
    summary = result.summary()
    # Shares are shares; replies are never negative or beyond the cut-off plus one reply's work.
    assert 0 <= summary["answered_share"] <= 1
    answered = messages["reply_hours"].dropna()
    assert (answered >= 0).all()
    assert messages["answered"].equals(messages["reply_hours"].notna())
    # Only customers with a problem churn; only complaints shame; only leads convert.
    assert not messages.loc[messages["kind"].isin(["praise", "lead"]), "churned"].any()
    assert not messages.loc[messages["kind"] != "complaint", "shamed"].any()
    assert not messages.loc[messages["kind"] != "lead", "converted"].any()
    assert not messages.loc[messages["answered"], "shamed"].any()
    # Weekly counts add up; followers never grow or go negative.
    assert weekly["messages"].sum() == len(messages)
    assert (np.diff(weekly["followers"]) <= 0).all() and (weekly["followers"] >= 0).all()
    assert np.isfinite(weekly["campaign_reach"]).all()


@FAST
@given(seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_data(seed):
    first = simulate_conversation(weeks=4, seed=seed)
    second = simulate_conversation(weeks=4, seed=seed)
    assert first.messages.equals(second.messages)
    assert first.weekly.equals(second.weekly)


def test_different_seeds_give_different_data():
    assert not simulate_conversation(weeks=4, seed=1).messages.equals(
        simulate_conversation(weeks=4, seed=2).messages
    )


def test_no_answering_time_means_no_replies_and_all_time_means_no_posts():
    silent = simulate_conversation(team=Team(broadcast_share=1.0), weeks=4).summary()
    assert silent["answered_share"] == 0 and math.isnan(silent["median_reply_hours"])
    chatty = simulate_conversation(team=Team(broadcast_share=0.0), weeks=4).summary()
    assert chatty["posts"] == 0 and chatty["campaign_reach"] == 0 and chatty["answered_share"] == 1


def test_more_broadcasting_loses_more_customers_and_buys_little_reach():
    low = simulate_conversation(team=Team(broadcast_share=0.3)).summary()
    high = simulate_conversation(team=Team(broadcast_share=0.9)).summary()
    assert high["customers_lost"] > 3 * low["customers_lost"]
    assert high["posts"] == pytest.approx(3 * low["posts"])
    assert high["campaign_reach"] < 1.5 * low["campaign_reach"]  # three times the posts, far less reach


def test_queue_is_first_come_first_served_with_a_cut_off():
    arrivals = np.array([0.0, 0.0, 0.0, 10.0])
    delays = reply_delays(arrivals, hours_per_reply=2.0, cutoff_hours=3.0)
    # 1st done at 2 h, 2nd starts at 2 and is done at 4, 3rd would start at 4 (> 3 h wait): dropped.
    assert delays[:2].tolist() == [2.0, 4.0]
    assert math.isnan(delays[2])
    assert delays[3] == 2.0


def test_calibration_inbound_rate_matches_the_cited_figure():
    """CARE5: 39 messages per 1,000 followers per month on Facebook."""
    result = simulate_conversation(audience=Audience(followers=50_000), weeks=52, seed=3)
    per_1000_month = len(result.messages) / 50 / 12
    assert per_1000_month == pytest.approx(benchmarks.value("inbound_per_1000_followers_month"), rel=0.03)


def test_calibration_organic_reach_matches_the_cited_share_at_one_post_a_day():
    """RCH3: an organic post reaches about 5.2% of followers (at one post a day)."""
    team = Team(hours_per_week=7 * 45 / 60, broadcast_share=1.0)  # exactly one post a day
    result = simulate_conversation(audience=Audience(followers=100_000), team=team, weeks=4, seed=5)
    reach_per_post = result.weekly["campaign_reach"].iloc[0] / result.weekly["posts"].iloc[0]
    assert reach_per_post / 100_000 == pytest.approx(benchmarks.value("organic_reach_share"), rel=0.05)


def test_every_benchmark_is_cited_or_a_labelled_assumption():
    for entry in benchmarks.all_benchmarks().values():
        if entry.assumption:
            assert entry.rationale, entry.key
        else:
            assert entry.source and entry.url.startswith("http") and entry.confidence, entry.key
            # An undated source (Statista's topic page, a report that states no year) says so.
            assert (entry.year and 1990 <= int(entry.year) <= 2026) or "(n.d.)" in entry.citation, entry.key


def test_sources_table_lists_values_and_citations():
    table = benchmarks.sources_table(["expected_reply_hours", "followers"])
    assert list(table["kind"]) == ["cited", "assumption"]
    assert "Sprout Social" in table["source"].iloc[0]
    assert table["source"].iloc[1].startswith("Modelling assumption")
