"""Growth engine: carry-over, lags, compounding and the simulated programme (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Growth, benchmarks, simulate_growth
from smmlab.sim.growth import adstock, break_even_month, compound, lagged, quarterly_roi

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
series = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60)
retentions = st.floats(0, 0.99, allow_nan=False)


def test_growth_defaults_come_from_benchmarks():
    for key in Growth.benchmark_keys():
        benchmarks.get(key)
    assert Growth().organic_growth_per_month == pytest.approx(0.02)


@pytest.mark.parametrize(
    ("name", "meta"),
    [(spec.name, spec.metadata) for spec in dataclasses.fields(Growth) if "low" in spec.metadata],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_growth_rejects_out_of_range_values_with_a_clear_message(name, meta):
    for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            Growth(**{name: bad})
        assert f"Growth.{name}" in str(error.value) and repr(bad) in str(error.value)
        assert "allowed range" in str(error.value)


def test_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"retention = 1 is outside the allowed range \[0, 0.999\]"):
        adstock([1.0, 2.0], 1)
    with pytest.raises(ValueError, match=r"values = \[\] must be a non-empty series"):
        adstock([], 0.5)
    with pytest.raises(ValueError, match=r"months = -1 is outside the allowed range"):
        lagged([1.0], -1)
    with pytest.raises(ValueError, match=r"rates = .* greater than -1"):
        compound(100, [0.1, -1.5])
    with pytest.raises(ValueError, match=r"months = 0 is outside the allowed range \[1, 120\]"):
        simulate_growth(months=0)
    with pytest.raises(ValueError, match=r"seed = -1"):
        simulate_growth(seed=-1)


@FAST
@given(values=series, retention=retentions)
def test_adstock_matches_its_recursion(values, retention):
    stock = adstock(values, retention)
    expected, carried = [], 0.0
    for value in values:
        carried = value + retention * carried
        expected.append(carried)
    assert np.allclose(stock, expected, rtol=1e-9, atol=1e-6)


@FAST
@given(retention=retentions, length=st.integers(1, 60))
def test_adstock_of_a_constant_approaches_its_steady_state_from_below(retention, length):
    stock = adstock(np.ones(length), retention)
    assert np.all(np.diff(stock) >= -1e-12)
    assert stock[-1] <= 1 / (1 - retention) + 1e-9


@FAST
@given(values=series, months=st.integers(0, 70))
def test_lag_shifts_and_pads_with_zeros(values, months):
    shifted = lagged(values, months)
    assert len(shifted) == len(values)
    assert np.all(shifted[: min(months, len(values))] == 0)
    assert np.array_equal(shifted[months:], np.asarray(values[: max(len(values) - months, 0)], dtype=float))


@FAST
@given(start=st.floats(0, 1e6), rate=st.floats(-0.5, 0.5), periods=st.integers(1, 48))
def test_compounding_a_constant_rate_is_a_power(start, rate, periods):
    assert compound(start, np.full(periods, rate))[-1] == pytest.approx(
        start * (1 + rate) ** periods, rel=1e-9
    )


@FAST
@given(
    content=st.floats(0, 3),
    consistency=st.floats(0, 1),
    months=st.integers(1, 48),
    seed=st.integers(0, 2**32 - 1),
)
def test_programme_invariants(content, consistency, months, seed):
    result = simulate_growth(Growth(content_value=content, consistency=consistency), months=months, seed=seed)
    monthly, posts = result.monthly, result.posts
    assert len(monthly) == months and monthly["month"].tolist() == list(range(1, months + 1))
    # Followers never shrink; the community is part of the followers; money is never negative.
    assert (np.diff(monthly["followers"]) >= 0).all()
    assert (monthly["community"] <= monthly["followers"]).all()
    assert (monthly[["revenue", "cost"]] >= 0).all().all() and (monthly["cost"] > 0).all()
    # Revenue waits for the lag: nothing arrives in the first months.
    lag = Growth().revenue_lag_months
    assert (monthly["revenue"].iloc[:lag] == 0).all()
    # ROI is at least -100%; every published post is in the post table; traced sales are a part.
    assert (monthly["roi"] >= -1).all() and (monthly["cumulative_roi"] >= -1).all()
    assert len(posts) == monthly["posts"].sum()
    assert posts["attributed_revenue"].sum() <= monthly["revenue"].sum() * 2 + 500
    assert np.isfinite(posts["roi"]).all()
    if consistency == 0:
        assert len(posts) == 0 and monthly["revenue"].sum() == 0


@FAST
@given(seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_programme(seed):
    first, second = simulate_growth(months=12, seed=seed), simulate_growth(months=12, seed=seed)
    assert first.monthly.equals(second.monthly) and first.posts.equals(second.posts)


def test_better_and_steadier_content_breaks_even_sooner():
    def breakeven(**growth) -> float:
        return simulate_growth(Growth(**growth), months=48, seed=4).break_even_month() or math.inf

    assert breakeven(content_value=2.0) < breakeven() < breakeven(consistency=0.5)
    assert breakeven(content_value=0.25) == math.inf


def test_early_months_lose_money_and_returns_compound():
    monthly = simulate_growth(months=36, seed=2).monthly
    assert monthly["roi"].iloc[0] == -1
    assert monthly["revenue"].iloc[-6:].mean() > 3 * monthly["revenue"].iloc[3:9].mean()
    assert monthly["cumulative_roi"].iloc[-1] > 0


def test_per_post_roi_is_far_noisier_than_quarterly_roi():
    result = simulate_growth(months=36, seed=5)
    assert result.posts["roi"].var() > 4 * quarterly_roi(result.posts).var()
    assert (result.posts["attributed_orders"] == 0).mean() > 0.2


def test_break_even_month_is_the_first_month_at_or_above_zero():
    assert break_even_month([-1.0, -0.2, 0.0, 0.5]) == 3
    assert break_even_month([-1.0, -0.5]) is None
    assert break_even_month([0.1]) == 1
