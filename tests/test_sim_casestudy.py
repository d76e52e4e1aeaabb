"""The consultant's case study: validation, determinism, regression to the mean and DiD."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.casestudy import (
    BrandPanel,
    CaseStudy,
    FollowerGrowth,
    benchmark_growth,
    bought_followers_cost,
    growth_percentile,
    relative_did,
    simulate_case_study,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = BrandPanel(brands=60)


@pytest.mark.parametrize("cls", [BrandPanel, CaseStudy, FollowerGrowth], ids=lambda c: c.__name__)
def test_sim_casestudy_defaults_are_valid_and_cited_or_assumed(cls):
    for key in cls.benchmark_keys():
        entry = benchmarks.get(key)
        assert entry.assumption or entry.source
    assert dataclasses.asdict(cls())


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [
        (cls, spec.name, spec.metadata)
        for cls in (BrandPanel, CaseStudy, FollowerGrowth)
        for spec in dataclasses.fields(cls)
        if "low" in spec.metadata
    ],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_sim_casestudy_bad_values_name_parameter_value_and_range(cls, name, meta):
    for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_casestudy_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"comparison = 'twin' is not one of"):
        simulate_case_study(comparison="twin")
    with pytest.raises(ValueError, match=r"CaseStudy.clients = 30 is outside the allowed range \[1, 20\]"):
        simulate_case_study(SMALL, CaseStudy(clients=30))
    with pytest.raises(ValueError, match=r"replicates = 0 is outside"):
        simulate_case_study(SMALL, replicates=0)
    with pytest.raises(ValueError, match=r"claimed_growth = -2 is outside"):
        growth_percentile(-2)


@FAST
@given(seed=st.integers(0, 2**32 - 1), comparison=st.sampled_from(["none", "random", "similar"]))
def test_sim_casestudy_same_seed_same_data_and_groups_are_disjoint(seed, comparison):
    study = CaseStudy(clients=10)
    first = simulate_case_study(SMALL, study, comparison, seed=seed)
    second = simulate_case_study(SMALL, study, comparison, seed=seed)
    assert first.panel.equals(second.panel) and first.estimates.equals(second.estimates)
    groups = first.panel.groupby("brand_id")["group"].first().value_counts()
    assert groups["client"] == 10
    assert groups.get("comparison", 0) == (0 if comparison == "none" else 10)
    assert (first.panel["engagement_per_1000"] > 0).all()


@FAST
@given(effect=st.floats(-0.5, 2), seed=st.integers(0, 10_000))
def test_sim_casestudy_effect_touches_only_clients_after(effect, seed):
    result = simulate_case_study(SMALL, CaseStudy(clients=10, true_effect=effect), seed=seed)
    panel = result.panel
    treated = (panel["group"] == "client") & (panel["period"] == "after")
    ratio = panel["engagement_per_1000"] / panel["untreated_per_1000"]
    assert np.allclose(ratio[treated], 1 + effect)
    assert np.allclose(ratio[~treated], 1.0)


@FAST
@given(
    before=st.floats(0.1, 100),
    change=st.floats(-0.05, 50),
    lift=st.floats(-0.5, 2),
)
def test_sim_casestudy_relative_did_recovers_a_known_lift(before, change, lift):
    other_before, other_after = 10.0, 10.0 + change
    counterfactual = before + change
    after = counterfactual * (1 + lift)
    assert relative_did(np.array(before), np.array(after), np.array(other_before), np.array(other_after)) == (
        pytest.approx(lift, abs=1e-9)
    )


def test_sim_casestudy_regression_to_the_mean_without_any_effect():
    """Clients signed after a dip gain with a true effect of zero; a fair DiD stays near zero."""
    result = simulate_case_study(
        BrandPanel(brands=300), CaseStudy(true_effect=0.0, selection=1.0), "similar", replicates=300, seed=5
    )
    summary = result.summary()
    assert summary["naive_gain"] > 0.1 and summary["naive_positive_share"] > 0.95
    assert abs(summary["did_gain"]) < 0.02
    random = simulate_case_study(
        BrandPanel(brands=300), CaseStudy(true_effect=0.0, selection=1.0), "random", replicates=300, seed=5
    ).summary()
    assert random["did_gain"] > 0.15  # random brands had no dip to bounce back from


def test_sim_casestudy_without_selection_the_trend_shows_in_before_after():
    result = simulate_case_study(
        BrandPanel(brands=300), CaseStudy(true_effect=0.0, selection=0.0), "random", replicates=300, seed=6
    )
    quarterly_trend = (1 + benchmarks.value("engagement_trend_year")) ** 0.25 - 1
    assert result.summary()["naive_gain"] == pytest.approx(quarterly_trend, abs=0.02)
    assert abs(result.summary()["did_gain"]) < 0.02


@FAST
@given(claim=st.floats(-0.5, 5), share=st.floats(0, 5), followers=st.floats(0, 1e7))
def test_sim_casestudy_growth_percentile_is_monotone_and_cost_linear(claim, share, followers):
    low, high = growth_percentile(claim), growth_percentile(claim + 0.1)
    assert 0 <= low <= high <= 1
    cost = bought_followers_cost(followers, share)
    assert cost == pytest.approx(
        followers * share * benchmarks.value("bought_followers_price_per_1000") / 1000
    )


def test_sim_casestudy_benchmark_growth_matches_the_exact_percentile():
    growth = benchmark_growth(brands=50_000, seed=3)["growth_6m"]
    for claim in (0.05, 0.126, 0.25):
        assert (growth < claim).mean() == pytest.approx(growth_percentile(claim), abs=0.01)
