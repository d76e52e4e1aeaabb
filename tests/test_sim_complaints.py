"""Per-complaint response strategies: validation, determinism, invariants and expected values."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.complaints import (
    OUTCOMES,
    STRATEGIES,
    Reaction,
    Strategies,
    Values,
    compare_strategies,
    expected_values,
    respond,
)

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("cls", "name", "meta"),
    [
        (cls, spec.name, spec.metadata)
        for cls in (Strategies, Values)
        for spec in dataclasses.fields(cls)
        if "low" in spec.metadata
    ],
    ids=lambda value: getattr(value, "__name__", value) if not isinstance(value, dict) else "",
)
def test_sim_complaints_bad_values_name_parameter_value_and_range(cls, name, meta):
    for bad in (math.nan, "two", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            cls(**{name: bad})
        message = str(error.value)
        assert f"{cls.__name__}.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_complaints_other_arguments_are_validated():
    with pytest.raises(ValueError, match=r"strategy = 'shout' is not one of the allowed values"):
        respond(["ignore", "shout"])
    with pytest.raises(ValueError, match=r"strategy = 'shout' is not one of the allowed values"):
        Strategies().reaction("shout")
    with pytest.raises(ValueError, match=r"complaints = -1 is outside the allowed range"):
        compare_strategies(-1)
    with pytest.raises(ValueError, match=r"seed = -3 is outside the allowed range"):
        respond(["ignore"], seed=-3)
    with pytest.raises(ValueError, match=r"Reaction.churn = 1.5 is outside the allowed range \[0, 1\]"):
        Reaction(churn=1.5, shame=0, recommend=0, backlash=0, minutes=0)


def test_sim_complaints_defaults_come_from_benchmarks():
    for cls in (Strategies, Values):
        for key in cls.benchmark_keys():
            benchmarks.get(key)
        assert dataclasses.asdict(cls())


@FAST
@given(
    picks=st.lists(st.sampled_from(STRATEGIES), min_size=0, max_size=60),
    seed=st.integers(0, 2**32 - 1),
)
def test_sim_complaints_invariants(picks, seed):
    outcome = respond(picks, seed=seed)
    assert len(outcome) == len(picks)
    assert list(outcome["strategy"].astype(str)) == picks
    # Only a private fix fixes; a customer who leaves never recommends; work matches the strategy.
    assert not (outcome["fixed"] & (outcome["strategy"] != "private")).any()
    assert not (outcome["churned"] & outcome["recommends"]).any()
    assert (outcome.loc[outcome["strategy"] == "ignore", "minutes"] == 0).all()
    assert (outcome["minutes"] >= 0).all() and np.isfinite(outcome["net_value"]).all()
    assert (outcome["net_value"] <= Values().referral_value + 1e-9).all()
    assert respond(picks, seed=seed).equals(outcome)  # same seed, same outcomes


@FAST
@given(
    customer_value=st.floats(0, 1000),
    backlash_cost=st.floats(0, 5000),
    complaints=st.integers(0, 200),
    seed=st.integers(0, 2**32 - 1),
)
def test_sim_complaints_comparison_totals_and_ranking(customer_value, backlash_cost, complaints, seed):
    values = Values(customer_value=customer_value, backlash_cost=backlash_cost)
    table = compare_strategies(complaints, values=values, seed=seed)
    assert list(table.index) == list(STRATEGIES)
    for key in OUTCOMES:
        assert ((table[key] >= 0) & (table[key] <= complaints)).all()
    # In expectation, every answer beats deleting and arguing, whatever the prices.
    expected = expected_values(values=values)
    assert expected["public"] >= max(expected["delete"], expected["argue"]) - 1e-9
    assert expected["ignore"] >= expected["delete"] - 1e-9


def test_sim_complaints_more_valuable_customers_favour_the_fix():
    cheap = expected_values(values=Values(customer_value=10))
    dear = expected_values(values=Values(customer_value=500))
    assert cheap["public"] > cheap["private"]  # a fix is not worth it for a cheap customer
    assert dear["private"] > dear["public"]


def test_sim_complaints_large_samples_approach_the_expected_rates():
    strategies = Strategies()
    for name in STRATEGIES:
        outcome = respond(np.full(40_000, name, dtype=object), seed=3)
        expected = strategies.expected(name)
        for key in OUTCOMES:
            assert outcome[key].mean() == pytest.approx(expected[key], abs=0.01)
        assert outcome["net_value"].mean() == pytest.approx(expected_values()[name], rel=0.05, abs=1.0)
