"""Ads with unknown true rates, check-ins and stopping rules (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.ads import (
    RULES,
    AdCampaign,
    creatives_table,
    northwind_creatives,
    simulate_ad_campaigns,
    wilson_interval,
)

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_campaign_rejects_out_of_range_values_with_a_clear_message():
    for spec in (s for s in dataclasses.fields(AdCampaign) if "low" in s.metadata):
        for bad in (math.nan, "ten", spec.metadata["low"] - 1):
            with pytest.raises(ValueError) as error:
                AdCampaign(**{spec.name: bad})
            assert f"AdCampaign.{spec.name}" in str(error.value) and "allowed range" in str(error.value)


def test_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"rule = 'sometimes' is not one of the allowed rules"):
        simulate_ad_campaigns(rule="sometimes")
    with pytest.raises(ValueError, match=r"check_every_days = 0 is outside the allowed range"):
        simulate_ad_campaigns(check_every_days=0)
    with pytest.raises(ValueError, match=r"true_ctr = .* allowed range \(0, 1\]"):
        creatives_table(["A"], np.array([1.5]), np.array([0.1]))
    with pytest.raises(ValueError, match=r"successes = .* 0 ≤ successes ≤ trials"):
        wilson_interval(5, 3)


def test_defaults_come_from_benchmarks():
    for key in AdCampaign.benchmark_keys():
        benchmarks.get(key)
    creatives = northwind_creatives()
    assert list(creatives["ad"]) == ["A", "B", "C", "D", "E", "F"]
    low, high = benchmarks.value("facebook_ctr_industry_low"), benchmarks.value("facebook_ctr_industry_high")
    assert creatives["true_ctr"].between(low, high).all()


@FAST
@given(
    successes=st.integers(0, 5000),
    extra=st.integers(0, 50_000),
    confidence=st.floats(0.5, 0.999),
)
def test_wilson_interval_is_inside_zero_one_and_contains_the_share(successes, extra, confidence):
    trials = successes + extra
    low, high = wilson_interval(successes, trials, confidence)
    assert 0 <= low <= high <= 1
    if trials:
        assert low - 1e-12 <= successes / trials <= high + 1e-12
    else:
        assert (float(low), float(high)) == (0.0, 1.0)


def test_wilson_interval_narrows_with_more_data_and_widens_with_confidence():
    low_small, high_small = wilson_interval(9, 1000)
    low_big, high_big = wilson_interval(90, 10_000)
    assert high_big - low_big < high_small - low_small
    low_99, high_99 = wilson_interval(9, 1000, 0.99)
    assert low_99 < low_small and high_99 > high_small


@FAST
@given(
    rule=st.sampled_from(RULES),
    every=st.integers(1, 10),
    budget=st.floats(1, 500),
    runs=st.integers(1, 20),
    seed=st.integers(0, 2**32 - 1),
)
def test_results_are_consistent_counts(rule, every, budget, runs, seed):
    result = simulate_ad_campaigns(
        campaign=AdCampaign(daily_budget_per_ad=budget, days=14),
        rule=rule,
        check_every_days=every,
        campaigns=runs,
        seed=seed,
    )
    assert (result.clicks <= result.impressions).all() and (result.conversions <= result.clicks).all()
    summary = result.summary
    assert len(summary) == runs
    assert (summary["wasted_spend"] <= summary["spend"] + 1e-9).all()
    if rule == "never":
        assert (result.paused_day == 0).all()
    # A paused ad buys nothing after its pause.
    for run, ad in zip(*np.nonzero(result.paused_day), strict=True):
        assert result.impressions[run, result.paused_day[run, ad] :, ad].sum() == 0


def test_same_seed_same_data_and_tidy_daily_report():
    first = simulate_ad_campaigns(rule="naive", check_every_days=1, campaigns=3, seed=5)
    second = simulate_ad_campaigns(rule="naive", check_every_days=1, campaigns=3, seed=5)
    assert (first.conversions == second.conversions).all()
    daily = first.daily(1)
    assert list(daily.columns) == ["day", "ad", "impressions", "clicks", "conversions", "spend"]
    assert len(daily) == first.campaign.days * 6


def test_naive_daily_checks_pause_good_ads_more_often_than_the_interval_rule():
    """The lesson's claim: reacting to each morning's numbers pauses good ads; an interval rarely does."""
    naive = simulate_ad_campaigns(rule="naive", check_every_days=1, campaigns=300, seed=3).summary
    interval = simulate_ad_campaigns(rule="interval", check_every_days=1, campaigns=300, seed=3).summary
    never = simulate_ad_campaigns(rule="never", campaigns=300, seed=3).summary
    assert (naive["good_ads_paused"] > 0).mean() > 0.5
    assert (interval["good_ads_paused"] > 0).mean() < 0.05
    assert interval["wasted_spend"].mean() < 0.6 * never["wasted_spend"].mean()
    assert interval["net_value"].mean() > max(naive["net_value"].mean(), never["net_value"].mean())
