"""Employee advocacy in the network engine (lesson 20): validation, determinism, invariants."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmlab.sim import benchmarks
from smmlab.sim.network import Advocacy, simulate_advocacy, tool_uplift

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
shares = st.floats(0, 1, allow_nan=False)


def small(**values) -> Advocacy:
    """A small market that simulates in milliseconds."""
    base = {"people": 3_000, "page_followers": 400, "employees": 40, "posts_per_month": 8}
    return Advocacy(**{**base, **values})


def test_defaults_come_from_benchmarks():
    for key in Advocacy.benchmark_keys():
        benchmarks.get(key)
    advocacy = Advocacy()
    assert advocacy.sharing_share == benchmarks.value("employee_sharer_share") == 0.03
    assert advocacy.sharers == 6  # 3% of Northwind's 200 employees
    assert advocacy.employee_degree * advocacy.employees == pytest.approx(10 * advocacy.page_followers)


def test_out_of_range_values_are_rejected_with_a_clear_message():
    for spec in dataclasses.fields(Advocacy):
        meta = spec.metadata
        for bad in (math.nan, "ten", meta["high"] * 2 + 1, meta["low"] - 1):
            with pytest.raises(ValueError) as error:
                Advocacy(**{spec.name: bad})
            assert f"Advocacy.{spec.name}" in str(error.value) and "allowed range" in str(error.value)


def test_the_market_must_hold_the_followers_and_the_staff():
    with pytest.raises(ValueError, match=r"Advocacy.page_followers = 400000 is outside .*\[0, 300000\]"):
        Advocacy(page_followers=400_000)
    with pytest.raises(ValueError, match=r"Advocacy.employees = 20 is outside .*\[1, 10\]"):
        Advocacy(people=10, page_followers=5, employees=20)


def test_function_arguments_are_validated():
    with pytest.raises(ValueError, match=r"seed = -1 is outside the allowed range"):
        simulate_advocacy(small(), seed=-1)
    with pytest.raises(ValueError, match=r"seats = .* must be finite and ≥ 0"):
        tool_uplift(-1)
    with pytest.raises(ValueError, match=r"seats = .* must be finite"):
        tool_uplift(np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match=r"max_uplift = 11 is outside the allowed range \[0, 10\]"):
        tool_uplift(2, max_uplift=11)
    with pytest.raises(ValueError, match=r"seats_scale = 0 is outside the allowed range"):
        tool_uplift(2, seats_scale=0)


def test_same_seed_same_month_and_another_seed_another():
    first = simulate_advocacy(small(sharing_share=0.2), seed=5)
    again = simulate_advocacy(small(sharing_share=0.2), seed=5)
    pd.testing.assert_frame_equal(first.shares, again.shares)
    pd.testing.assert_frame_equal(first.employees, again.employees)
    pd.testing.assert_series_equal(first.reached, again.reached)
    other = simulate_advocacy(small(sharing_share=0.2), seed=6)
    assert not first.shares.equals(other.shares)


@FAST
@given(
    sharing=shares,
    reach=shares,
    ctr=st.floats(0, 0.2),
    multiple=st.floats(0, 3),
    see=shares,
    seed=st.integers(0, 2**32 - 1),
)
def test_tables_are_consistent_whatever_the_parameters(sharing, reach, ctr, multiple, see, seed):
    advocacy = small(
        sharing_share=sharing,
        reach_share=reach,
        page_ctr=ctr,
        network_multiple=multiple,
        employee_see_chance=see,
    )
    result = simulate_advocacy(advocacy, seed=seed)
    shares_table, staff = result.shares, result.employees
    posts = int(advocacy.posts_per_month)
    page = shares_table[shares_table["source"] == "page"]
    employee = shares_table[shares_table["source"] == "employee"]
    assert len(page) == posts and (page["employee_id"] == -1).all()
    assert len(employee) == posts * advocacy.sharers
    assert (shares_table["clicks"] >= 0).all() and (
        shares_table["clicks"] <= shares_table["impressions"]
    ).all()
    assert (page["impressions"] <= advocacy.page_followers).all()
    # Every sharer shares every post; nobody else shares.
    assert staff["shares"].sum() == posts * advocacy.sharers
    assert set(employee["employee_id"]) == set(staff.loc[staff["shares"] > 0, "employee_id"])
    # An employee's share is seen at most once by each connection.
    per_share = employee.merge(staff, on="employee_id")
    assert (per_share["impressions"] <= per_share["connections"]).all()
    reached = result.reached
    assert max(reached["page"], reached["employee"]) <= reached["either"]
    assert reached["either"] <= reached["page"] + reached["employee"]
    assert reached["page"] <= advocacy.page_followers
    assert reached["employee"] <= staff.loc[staff["shares"] > 0, "connections"].sum()
    totals = result.totals()
    assert list(totals.index) == ["page", "employee"]
    assert np.isfinite(totals[["impressions", "clicks"]].to_numpy()).all()


def test_nobody_sharing_means_no_employee_impressions():
    result = simulate_advocacy(small(sharing_share=0.0), seed=3)
    assert (result.shares["source"] == "page").all()
    assert result.reached["employee"] == 0 and result.employees["shares"].sum() == 0
    assert result.totals().loc["employee", "impressions"] == 0
    assert math.isnan(result.totals().loc["employee", "ctr"])


def test_more_sharers_reach_more_people_and_win_more_clicks():
    def staff_side(share: float) -> tuple[float, float]:
        runs = [simulate_advocacy(small(sharing_share=share), seed=seed) for seed in range(4)]
        return (
            np.mean([r.reached["employee"] for r in runs]),
            np.mean([r.totals().loc["employee", "clicks"] for r in runs]),
        )

    few, many = staff_side(0.05), staff_side(0.5)
    assert many[0] > 3 * few[0] and many[1] > 3 * few[1]


def test_employee_shares_are_clicked_more_by_the_ctr_multiple():
    advocacy = small(
        sharing_share=1.0, reach_share=1.0, page_ctr=0.05, employee_ctr_multiple=3.0, employee_see_chance=0.5
    )
    totals = simulate_advocacy(advocacy, seed=2).totals()
    assert totals.loc["employee", "ctr"] / totals.loc["page", "ctr"] == pytest.approx(3.0, rel=0.15)
    never = simulate_advocacy(dataclasses.replace(advocacy, employee_ctr_multiple=0.0), seed=2).totals()
    assert never.loc["employee", "clicks"] == 0


@FAST
@given(seats=st.floats(0, 1000), more=st.floats(0.01, 100))
def test_tool_uplift_grows_ever_more_slowly_towards_its_maximum(seats, more):
    top = benchmarks.value("tool_max_uplift")
    low, high, higher = tool_uplift(seats), tool_uplift(seats + more), tool_uplift(seats + 2 * more)
    assert 0 <= low <= high <= top
    assert high - low >= higher - high - 1e-12  # diminishing returns


def test_tool_uplift_is_a_plain_number_for_one_seat_count_and_an_array_for_many():
    assert tool_uplift(0) == 0.0
    assert isinstance(tool_uplift(2), float)
    assert tool_uplift(2) == pytest.approx(0.2 * (1 - math.exp(-1)))
    many = tool_uplift(np.arange(4))
    assert isinstance(many, np.ndarray) and many.shape == (4,)
    assert tool_uplift(3, max_uplift=0.5, seats_scale=3) == pytest.approx(0.5 * (1 - math.exp(-1)))
