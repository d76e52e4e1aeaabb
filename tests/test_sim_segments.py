"""The synthetic population, its segments and broad versus targeted campaigns (property-based)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.segments import (
    AdResponse,
    Market,
    segment_table,
    simulate_campaign,
    simulate_population,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Market(adults=20_000)


@pytest.mark.parametrize("cls", [Market, AdResponse], ids=lambda c: c.__name__)
def test_params_reject_out_of_range_values_with_a_clear_message(cls):
    for spec in (s for s in dataclasses.fields(cls) if "low" in s.metadata):
        for bad in (math.nan, "ten", spec.metadata["low"] - 1):
            with pytest.raises(ValueError) as error:
                cls(**{spec.name: bad})
            assert f"{cls.__name__}.{spec.name}" in str(error.value) and "allowed range" in str(error.value)


def test_arguments_are_validated():
    with pytest.raises(ValueError, match=r"share_18_29 \+ share_30_49 \+ share_50_64 = .* outside"):
        Market(share_18_29=0.5, share_30_49=0.5, share_50_64=0.5)
    people = simulate_population(SMALL, seed=1)
    with pytest.raises(ValueError, match=r"platform = 'MySpace' is not one of the allowed platforms"):
        segment_table(people, "MySpace")
    segments = segment_table(people, "Facebook")
    with pytest.raises(ValueError, match=r"budget = -1 is outside the allowed range"):
        simulate_campaign(segments, -1)
    with pytest.raises(ValueError, match=r"targeted = \['nobody'\] must name segments"):
        simulate_campaign(segments, 100, ["nobody"])


def test_defaults_are_cited_or_labelled_assumptions():
    for key in Market.benchmark_keys() + AdResponse.benchmark_keys():
        entry = benchmarks.get(key)
        assert entry.assumption or entry.ref


@FAST
@given(
    budget=st.floats(0, 100_000),
    seed=st.integers(0, 50),
    platform=st.sampled_from(["Facebook", "Instagram", "TikTok", "Pinterest", "LinkedIn"]),
    which=st.sampled_from(["broad", "persona", "one"]),
)
def test_campaigns_respect_budget_and_frequency_cap(budget, seed, platform, which):
    segments = segment_table(simulate_population(SMALL, seed=seed), platform)
    targeted = {
        "broad": None,
        "persona": list(segments.loc[segments["persona"], "segment"]),
        "one": [segments["segment"].iloc[0]],
    }[which]
    result = simulate_campaign(segments, budget, targeted, seed=seed)
    table = result.by_segment
    assert (table["clicks"] <= table["impressions"]).all() and (table["conversions"] <= table["clicks"]).all()
    if targeted is not None:
        assert table.loc[~table["targeted"], "impressions"].sum() == 0
    expected_cap = table["people"] * AdResponse().frequency_cap
    assert (table["impressions"] <= expected_cap * 1.2 + 10).all()
    assert table["spend"].sum() <= budget * 1.05 + 1


def test_population_platform_use_matches_plat1_overall_and_its_splits():
    """PLAT1: overall shares and the cited splits (Instagram 18-29, Pinterest women, LinkedIn graduates)."""
    people = simulate_population(seed=3)
    for platform in ("facebook", "instagram", "pinterest", "linkedin", "tiktok"):
        assert people[f"uses_{platform}"].mean() == pytest.approx(
            benchmarks.value(f"pew_use_{platform}_2021"), abs=0.005
        )
    young = people["age_band"] == "18-29"
    assert people.loc[young, "uses_instagram"].mean() == pytest.approx(0.71, abs=0.01)
    assert people.loc[people["gender"] == "woman", "uses_pinterest"].mean() == pytest.approx(0.46, abs=0.01)
    assert people.loc[people["graduate"], "uses_linkedin"].mean() == pytest.approx(0.51, abs=0.01)
    assert np.isclose(
        people["persona"].mean(),
        people["tea_lover"][~young & (people["age_band"] != "65+")].sum() / len(people),
    )
