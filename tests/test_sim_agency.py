"""In-house team vs agency: validation, determinism, invariants and monotone effects."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Audience, benchmarks
from smmlab.sim.agency import (
    ESCALATING_KINDS,
    Handler,
    agency,
    handling_summary,
    in_house,
    simulate_handling,
)
from smmlab.sim.routing import Payoff

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Audience(followers=30_000)
seeds = st.integers(0, 2**32 - 1)


@pytest.mark.parametrize(
    ("name", "meta"),
    [(spec.name, spec.metadata) for spec in dataclasses.fields(Handler) if "low" in spec.metadata],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_sim_agency_bad_values_name_parameter_value_and_range(name, meta):
    for bad in (math.nan, "two", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            Handler(**{name: bad})
        message = str(error.value)
        assert f"Handler.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_agency_other_arguments_are_validated():
    with pytest.raises(ValueError, match=r"Handler.people = 1.5 must be a whole number"):
        agency(people=1.5)
    with pytest.raises(ValueError, match=r"name = 'freelancer' is not one of the allowed values"):
        simulate_handling(in_house(), "freelancer")
    with pytest.raises(ValueError, match=r"cutoff_hours = 0 is outside the allowed range \[0.1, 720\]"):
        simulate_handling(in_house(), cutoff_hours=0)
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range \[1, 520\]"):
        simulate_handling(in_house(), weeks=0)
    with pytest.raises(ValueError, match=r"seed = -1 is outside the allowed range"):
        simulate_handling(in_house(), seed=-1)
    messages = simulate_handling(in_house(), audience=SMALL, weeks=1)
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range \[0.1, 520\]"):
        handling_summary(messages, 0)


def test_sim_agency_defaults_come_from_benchmarks():
    for key in Handler.benchmark_keys():
        benchmarks.get(key)
    inside, outside = in_house(), agency()
    assert inside.resolve_rate == benchmarks.value("resolve_specialist")
    assert inside.escalation_share == benchmarks.value("inhouse_escalation_share")
    assert outside.resolve_rate == benchmarks.value("agency_resolve_rate")
    assert outside.approval_hours == benchmarks.value("agency_approval_hours")
    assert outside.escalation_share == benchmarks.value("agency_escalation_share")
    assert outside.cost_per_seat_month == pytest.approx(
        inside.cost_per_seat_month * benchmarks.value("agency_cost_factor")
    )
    assert agency(resolve_rate=0.9).resolve_rate == 0.9  # overrides win over the assumptions


@FAST
@given(
    people=st.integers(0, 3),
    escalation=st.floats(0, 1),
    approval=st.floats(0, 48),
    resolve=st.floats(0, 1),
    seed=seeds,
)
def test_sim_agency_invariants(people, escalation, approval, resolve, seed):
    handler = Handler(
        people=people, escalation_share=escalation, approval_hours=approval, resolve_rate=resolve
    )
    messages = simulate_handling(handler, "agency", audience=SMALL, weeks=1, seed=seed)
    answered = messages["answered"]
    # An answer never comes before the first reply; escalation only for answered messages that need it.
    reply_hours = messages["reply_minutes"] / 60
    assert (messages.loc[answered, "answer_hours"] >= reply_hours[answered] - 1e-9).all()
    assert (messages.loc[answered, "reply_minutes"] >= handler.minutes_per_message - 1e-9).all()
    assert not (messages["escalated"] & ~answered).any()
    assert not (messages["escalated"] & ~messages["kind"].isin(ESCALATING_KINDS)).any()
    # Resolved implies answered; money is never negative nor above the fastest reply's gain.
    assert not (messages["resolved"] & ~answered).any()
    assert ((messages["wtp_gain"] >= 0) & (messages["wtp_gain"] <= Payoff().wtp_fast + 1e-9)).all()
    assert (messages.loc[~answered, "wtp_gain"] == 0).all()
    # Only customers with a problem churn.
    assert not (messages["churned"] & ~messages["kind"].isin(["complaint", "question"])).any()
    summary = handling_summary(messages, 1)
    for key in ("resolved_share", "answered_within_4h", "escalated_share"):
        assert 0 <= summary[key] <= 1
    if people == 0:
        assert not answered.any() and summary["wtp_per_month"] == 0
        assert math.isnan(summary["median_answer_hours"])


@FAST
@given(seed=seeds)
def test_sim_agency_same_seed_same_data(seed):
    first = simulate_handling(agency(), "agency", audience=SMALL, weeks=1, seed=seed)
    second = simulate_handling(agency(), "agency", audience=SMALL, weeks=1, seed=seed)
    assert first.equals(second)


@FAST
@given(seed=seeds, short=st.floats(0, 12), extra=st.floats(0.5, 24))
def test_sim_agency_longer_approval_never_brings_an_answer_sooner(seed, short, extra):
    quick = simulate_handling(agency(approval_hours=short), "agency", audience=SMALL, weeks=1, seed=seed)
    slow = simulate_handling(
        agency(approval_hours=short + extra), "agency", audience=SMALL, weeks=1, seed=seed
    )
    assert quick["escalated"].equals(slow["escalated"])
    assert (slow["answer_hours"].fillna(np.inf) >= quick["answer_hours"].fillna(np.inf) - 1e-9).all()
    assert (slow["wtp_gain"] <= quick["wtp_gain"] + 1e-9).all()
    assert handling_summary(slow, 1)["answered_within_4h"] <= handling_summary(quick, 1)["answered_within_4h"]


@FAST
@given(seed=seeds, low=st.floats(0, 0.5), gap=st.floats(0.05, 0.5))
def test_sim_agency_more_product_knowledge_resolves_more(seed, low, gap):
    weak = simulate_handling(agency(resolve_rate=low), "agency", audience=SMALL, weeks=1, seed=seed)
    strong = simulate_handling(agency(resolve_rate=low + gap), "agency", audience=SMALL, weeks=1, seed=seed)
    assert not (weak["resolved"] & ~strong["resolved"]).any()  # the same customers, and then some
    assert strong["wtp_gain"].sum() >= weak["wtp_gain"].sum() - 1e-9


def test_sim_agency_without_escalation_both_handlers_answer_alike():
    """With no approval chain and the same skills, the label alone changes nothing."""
    same = {"escalation_share": 0.0, "resolve_rate": 0.8, "cost_per_seat_month": 1000.0}
    inside = simulate_handling(in_house(**same), "in-house", audience=SMALL, weeks=2, seed=4)
    outside = simulate_handling(agency(**same), "agency", audience=SMALL, weeks=2, seed=4)
    assert inside.drop(columns="handler").equals(outside.drop(columns="handler"))
    assert np.allclose(inside["answer_hours"], inside["reply_minutes"] / 60)
