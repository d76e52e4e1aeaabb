"""Costs, paid reach, organic reach by year and the brand's platforms (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import (
    Costs,
    Platform,
    benchmarks,
    organic_reach_share_by_year,
    simulate_posts,
    simulate_reach_by_year,
    total_cost_of_ownership,
)
from smmlab.sim.economics import ad_cost, cost_of_reach_by_year, paid_impressions_needed
from smmlab.sim.platforms import PLATFORMS

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("cls", [Costs, Platform], ids=lambda c: c.__name__)
def test_params_reject_out_of_range_values_with_a_clear_message(cls):
    for spec in (s for s in dataclasses.fields(cls) if "low" in s.metadata):
        meta = spec.metadata
        bad_values = [math.nan, "ten", meta["low"] - 1]
        if math.isfinite(meta["high"]):
            bad_values.append(meta["high"] * 2 + 1)
        for bad in bad_values:
            with pytest.raises(ValueError) as error:
                cls(**{spec.name: bad})
            message = str(error.value)
            assert f"{cls.__name__}.{spec.name}" in message and repr(bad) in message
            assert "allowed range" in message


def test_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"seats = 1.5 must be a whole number"):
        total_cost_of_ownership(10, 1.5)
    with pytest.raises(ValueError, match=r"staff_hours_per_month = -1 is outside the allowed range"):
        total_cost_of_ownership(-1, 1)
    with pytest.raises(ValueError, match=r"target_impressions = .* must be finite and ≥ 0"):
        paid_impressions_needed(-5, 0)
    with pytest.raises(ValueError, match=r"year = 1999 is outside the allowed range \[2010, 2036\]"):
        organic_reach_share_by_year(1999)
    with pytest.raises(ValueError, match=r"years = .* must be whole years"):
        simulate_reach_by_year([2012.5])
    with pytest.raises(ValueError, match=r"paid_top_up = 2 is outside the allowed range \[0, 1\]"):
        cost_of_reach_by_year(simulate_reach_by_year([2020]), 10, 1, 2)
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range"):
        simulate_posts(weeks=0)


def test_defaults_come_from_benchmarks_and_the_tool_price_is_an_assumption():
    for key in Costs.benchmark_keys():
        benchmarks.get(key)
    assert benchmarks.get("tool_price_per_seat_month").assumption
    costs = Costs()
    assert costs.cost_per_thousand_impressions == pytest.approx(1.72 * 0.009 * 1000)
    assert costs.hourly_staff_cost == pytest.approx(57598 * 1.3 / 2080)


@FAST
@given(
    hours=st.floats(0, 500),
    seats=st.integers(0, 20),
    impressions=st.floats(0, 1e7),
    months=st.integers(1, 36),
    seed=st.one_of(st.none(), st.integers(0, 2**32 - 1)),
)
def test_tco_is_a_tidy_table_of_non_negative_lines(hours, seats, impressions, months, seed):
    table = total_cost_of_ownership(hours, seats, impressions, months=months, seed=seed)
    assert list(table.columns) == ["month", "item", "amount"]
    assert len(table) == 3 * months and set(table["item"]) == {"staff", "tools", "ads"}
    assert (table["amount"] >= 0).all()
    tools = table.loc[table["item"] == "tools", "amount"]
    assert np.allclose(tools, seats * Costs().tool_price_per_seat_month)
    if seed is None:
        staff = table.loc[table["item"] == "staff", "amount"]
        assert np.allclose(staff, round(hours * Costs().hourly_staff_cost, 2))


@FAST
@given(target=st.floats(0, 1e8), organic=st.floats(0, 1e8))
def test_paid_reach_fills_exactly_the_gap(target, organic):
    paid = float(paid_impressions_needed(target, organic))
    assert paid >= 0 and organic + paid >= target - 1e-6
    assert paid == 0 or organic + paid == pytest.approx(target)
    assert float(ad_cost(paid)) == pytest.approx(paid / 1000 * Costs().cost_per_thousand_impressions)


@FAST
@given(
    years=st.lists(st.integers(2010, 2035), min_size=1, max_size=20, unique=True),
    seed=st.integers(0, 2**32 - 1),
)
def test_reach_by_year_is_deterministic_and_bounded(years, seed):
    first = simulate_reach_by_year(sorted(years), seed=seed)
    assert first.equals(simulate_reach_by_year(sorted(years), seed=seed))
    assert ((first["organic_reach_share"] > 0) & (first["organic_reach_share"] <= 0.16)).all()
    assert (first["organic_impressions"] <= first["followers"] * first["posts"]).all()


@FAST
@given(top_up=st.floats(0, 1), hours=st.floats(0, 80), seed=st.integers(0, 1000))
def test_buying_back_reach_costs_more_and_never_exceeds_the_baseline(top_up, hours, seed):
    reach = simulate_reach_by_year(np.arange(2012, 2027), seed=seed)
    none = cost_of_reach_by_year(reach, hours, 2, 0.0, seed=seed)
    some = cost_of_reach_by_year(reach, hours, 2, top_up, seed=seed)
    assert (none["ads"] == 0).all() and (some["ads"] >= 0).all()
    assert (some["tco"] >= none["tco"] - 1e-9).all()
    baseline = reach["followers"] * benchmarks.value("organic_reach_2012") * reach["posts"]
    assert (
        reach["organic_impressions"] + some["paid_impressions"]
        <= np.maximum(baseline, reach["organic_impressions"]) + 1
    ).all()


def test_organic_reach_declines_over_the_decade():
    share = organic_reach_share_by_year(np.array([2012.5, 2014.5, 2020.5, 2026.5]))
    assert share[0] > share[1] > share[2] > share[3]


@FAST
@given(weeks=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_posts_are_tidy_and_deterministic(weeks, seed):
    posts = simulate_posts(weeks=weeks, seed=seed)
    assert posts.equals(simulate_posts(weeks=weeks, seed=seed))
    assert set(posts["platform"]) <= set(PLATFORMS)
    assert (posts["engagements"] >= 0).all() and posts["week"].between(0, weeks - 1).all()
    assert posts["post_id"].tolist() == list(range(len(posts)))
