"""Capacity: rosters, the shift-aware queue, backlog and the M/M/c formulas."""

from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import Audience, benchmarks
from smmlab.sim.capacity import (
    COVERAGES,
    WEEK_HOURS,
    Staff,
    _shift_queue,
    backlog_by_hour,
    erlang_c,
    roster,
    shift_reply_delays,
    simulate_capacity,
)
from smmlab.sim.conversation import reply_delays

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Audience(followers=8_000)


@pytest.mark.parametrize(
    ("name", "meta"),
    [(spec.name, spec.metadata) for spec in dataclasses.fields(Staff) if "low" in spec.metadata],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_sim_capacity_bad_values_name_parameter_value_and_range(name, meta):
    for bad in (math.nan, "two", meta["high"] * 2 + 1, meta["low"] - 1):
        with pytest.raises(ValueError) as error:
            Staff(**{name: bad})
        message = str(error.value)
        assert f"Staff.{name}" in message and repr(bad) in message and "allowed range" in message


def test_sim_capacity_other_arguments_are_validated():
    with pytest.raises(ValueError, match=r"coverage = 'nights' is not one of the allowed values"):
        roster(2, "nights")
    with pytest.raises(ValueError, match=r"coverage = 'nights' is not one of the allowed values"):
        simulate_capacity(coverage="nights")
    with pytest.raises(ValueError, match=r"people = 1.5 must be a whole number"):
        roster(1.5, "office")
    with pytest.raises(ValueError, match=r"on_duty has shape \(24,\); allowed: 168 whole numbers"):
        shift_reply_delays(np.array([1.0]), 0.1, 72, np.ones(24, dtype=int))
    with pytest.raises(ValueError, match=r"servers = 0 is outside the allowed range \[1, 1000\]"):
        erlang_c(1.0, 0.1, 0)
    with pytest.raises(ValueError, match=r"weeks = 0 is outside the allowed range"):
        simulate_capacity(weeks=0)
    assert benchmarks.get("answering_share_of_shift").assumption


@pytest.mark.parametrize("coverage", COVERAGES)
def test_sim_capacity_rosters_give_everyone_forty_hours(coverage):
    for people in range(0, 7):
        on_duty = roster(people, coverage)
        assert on_duty.shape == (WEEK_HOURS,) and on_duty.sum() == 40 * people
    assert (roster(5, "round-the-clock") > 0).all()
    assert (roster(10, "office") > 0).sum() == 40  # more people in office hours never cover the night


@FAST
@given(
    arrivals=st.lists(st.floats(0, 300), min_size=1, max_size=40),
    work=st.floats(0.01, 5),
    servers=st.integers(1, 4),
    cutoff=st.floats(0.5, 100),
)
def test_sim_capacity_constant_roster_is_the_plain_queue(arrivals, work, servers, cutoff):
    arrival = np.sort(np.array(arrivals))
    plain = reply_delays(arrival, work, cutoff, servers=servers)
    general, waits = _shift_queue(arrival, np.full(len(arrival), work), cutoff, np.full(WEEK_HOURS, servers))
    np.testing.assert_allclose(general, plain, equal_nan=True)
    np.testing.assert_allclose(waits[~np.isnan(waits)], (general - work)[~np.isnan(general)], atol=1e-9)


@FAST
@given(
    people=st.integers(0, 6),
    coverage=st.sampled_from(COVERAGES),
    share=st.floats(0.05, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_sim_capacity_invariants(people, coverage, share, seed):
    result = simulate_capacity(
        Staff(people=people, answering_share=share), coverage, audience=SMALL, weeks=2, seed=seed
    )
    messages = result.messages
    answered = messages["answered"]
    # Work starts only when someone is on duty, never before the message arrives, and within the cut-off.
    start = messages.loc[answered, "arrival_hour"] + messages.loc[answered, "waited_hours"]
    hour_of_week = np.floor(start.to_numpy() + 1e-9).astype(int) % WEEK_HOURS
    assert (result.on_duty[hour_of_week] > 0).all()
    assert (messages["waited_hours"] >= -1e-9).all() and (messages["waited_hours"] <= 72 + 1e-9).all()
    assert (messages.loc[answered, "reply_hours"] >= messages.loc[answered, "waited_hours"]).all()
    if people == 0:
        assert not answered.any()
    # Little's law: the hourly backlog averages the total waiting hours over the period.
    summary = result.summary()
    assert result.backlog["waiting"].min() >= 0
    horizon = backlog_by_hour(
        messages["arrival_hour"].to_numpy(), messages["waited_hours"].to_numpy(), 2 * WEEK_HOURS + 73
    )
    assert abs(horizon["waiting"].sum() - messages["waited_hours"].sum()) <= len(messages) + 1e-9
    assert summary["mean_backlog"] == pytest.approx(messages["waited_hours"].sum() / (2 * WEEK_HOURS))
    for key in ("answered_share", "within_1h_share", "within_4h_share", "covered_share"):
        assert 0 <= summary[key] <= 1
    again = simulate_capacity(
        Staff(people=people, answering_share=share), coverage, audience=SMALL, weeks=2, seed=seed
    )
    assert again.messages.equals(messages)


def test_sim_capacity_more_people_never_slow_replies_down():
    shares = [
        simulate_capacity(
            Staff(people=people), "round-the-clock", audience=Audience(followers=40_000), seed=3
        ).summary()["within_4h_share"]
        for people in range(1, 8)
    ]
    assert all(later >= earlier - 0.01 for earlier, later in itertools.pairwise(shares))


def test_sim_capacity_backlog_counts_messages_waiting():
    table = backlog_by_hour(np.array([0.5, 1.5, 2.5]), np.array([2.0, 0.1, 0.0]), 4)
    assert table["waiting"].tolist() == [0, 1, 1, 0]


def test_sim_capacity_erlang_c_textbook_values():
    # Two servers, load 1 erlang: P(wait) = 1/3, mean wait = 1/3 of a service time.
    result = erlang_c(1.0, 1.0, 2)
    assert result["p_wait"] == pytest.approx(1 / 3) and result["mean_wait_hours"] == pytest.approx(1 / 3)
    assert erlang_c(3.0, 1.0, 2)["mean_wait_hours"] == math.inf
