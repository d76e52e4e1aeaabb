"""Policy breaches and the policy checker: validation, determinism and the properties lesson 14 uses."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab import policy
from smmlab.sim import benchmarks
from smmlab.sim.breaches import BREACH_RULES, PolicyRisk, expected_breaches, simulate_breaches

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
shares = st.floats(0, 1)


@pytest.mark.parametrize("spec", dataclasses.fields(PolicyRisk), ids=lambda spec: spec.name)
def test_sim_breaches_bad_values_name_parameter_value_and_range(spec):
    meta = spec.metadata
    for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            PolicyRisk(**{spec.name: bad})
        message = str(error.value)
        assert f"PolicyRisk.{spec.name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_breaches_other_arguments_are_validated():
    with pytest.raises(ValueError, match=r"catch.confidential = 1.5 is outside the allowed range \[0, 1\]"):
        expected_breaches(catch={"confidential": 1.5})
    with pytest.raises(ValueError, match="unknown rules"):
        expected_breaches(catch={"spelling": 0.5})
    with pytest.raises(ValueError, match=r"years = 0 is outside"):
        simulate_breaches(years=0)
    with pytest.raises(ValueError, match="strictness = 'harsh' is not one of the allowed values"):
        policy.check_post("hello", "harsh")
    with pytest.raises(ValueError, match="is not a string"):
        policy.check_post(42)
    for key in PolicyRisk.benchmark_keys():
        benchmarks.get(key)


@FAST
@given(
    awareness=shares,
    more=shares,
    catch=st.fixed_dictionaries({rule: shares for rule in BREACH_RULES}),
    employees=st.integers(0, 200),
)
def test_sim_breaches_policy_never_adds_incidents_and_awareness_helps(awareness, more, catch, employees):
    low = PolicyRisk(awareness=awareness * more, employees=employees)
    high = PolicyRisk(awareness=awareness, employees=employees)
    none = expected_breaches(high, None)
    with_low, with_high = expected_breaches(low, catch), expected_breaches(high, catch)
    assert (with_high["incidents"] <= none["incidents"] + 1e-12).all()
    assert (with_high["incidents"] <= with_low["incidents"] + 1e-12).all()
    assert (with_high["caught"] + with_high["incidents"]).to_numpy() == pytest.approx(
        none["breaches"].to_numpy()
    )


@FAST
@given(seed=st.integers(0, 2**32 - 1), years=st.integers(1, 30), awareness=shares)
def test_sim_breaches_draws_are_seeded_and_consistent(seed, years, awareness):
    risk = PolicyRisk(awareness=awareness)
    catch = {rule: 1.0 for rule in BREACH_RULES}
    table = simulate_breaches(risk, catch, years=years, seed=seed)
    assert table.equals(simulate_breaches(risk, catch, years=years, seed=seed))
    assert len(table) == years * len(BREACH_RULES)
    assert (table["caught"] + table["incidents"] == table["breaches"]).all()
    assert (table["crises"] <= table["incidents"]).all()


def test_sim_breaches_draws_average_to_the_expected_numbers():
    catch = policy.checker_scores()["recall"].to_dict()
    risk = PolicyRisk(awareness=0.6)
    drawn = simulate_breaches(risk, catch, years=4000, seed=2).groupby("rule")["incidents"].mean()
    expected = expected_breaches(risk, catch)["incidents"]
    assert drawn[list(BREACH_RULES)].to_numpy() == pytest.approx(expected.to_numpy(), rel=0.08)


def test_policy_checker_follows_the_rules_as_written():
    check = policy.check_post
    assert check("Call +44 20 7946 0018 today") == {"personal_data"}
    assert check("Order NW-123456 ships soon") == {"personal_data"}
    assert check("Reach us at help@northwind.example") == {"personal_data"}
    assert check("Only 12.05.2024 and €49.99 here") == set()  # dates and prices are not phones
    assert check("The PROTOTYPE is here") == {"confidential"}
    assert check("Repost from a fan") == {"uncredited"}
    assert check("Repost via @fan") == set()
    assert check("Great tea!") == set() and check("Great tea!!") == {"off_voice"}
    assert (
        check("ONE shout") == set() and check("BIG SALE") == set() and check("HUGE SALE NOW") == {"off_voice"}
    )
    assert check("Write to a@b.co, prototype photos from google!!") == set(policy.RULES)
    assert check("Call +44 20 7946 0018", "lenient") == {"personal_data"}
    assert check("Repost from a fan", "lenient") == set()


def test_policy_stricter_levels_catch_more_and_alarm_more_on_the_drafts():
    scores = {level: policy.checker_scores(strictness=level) for level in policy.STRICTNESS}
    caught = [scores[level]["caught"].sum() for level in policy.STRICTNESS]
    alarms = [scores[level]["false_alarms"].sum() for level in policy.STRICTNESS]
    assert caught == sorted(caught) and caught[0] < caught[-1]
    assert alarms == sorted(alarms) and alarms[0] < alarms[-1]
    assert caught[-1] == scores["strict"]["problems"].sum()  # strict catches every reviewed problem
