"""Lesson 20 (people over tools, truth-7): self-check feedback and calibration against ADV1/ADV2."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smmlab.exercises import people_over_tools as exercise
from smmlab.lessons import people_over_tools as lesson
from smmlab.sim import benchmarks
from smmlab.sim.network import tool_uplift


@pytest.fixture(scope="module")
def data():
    return exercise.data()


def _tool_return(page_clicks, seats, price_per_seat, value_per_click):
    """The return on a tool as the exercise defines it (extra clicks' value less cost, over cost)."""
    cost = seats * price_per_seat
    return (page_clicks * tool_uplift(seats) * value_per_click - cost) / cost


def test_q4_reports_a_failing_function_and_rejects_text_and_non_functions():
    *_rest, q4 = exercise.checks()
    assert "raised ZeroDivisionError" in q4.judge(lambda c, s, p, v: 1 / 0).message
    assert not q4.judge(lambda c, s, p, v: str(_tool_return(c, s, p, v)))
    assert not q4.judge(0.5)


def test_q2_rejects_a_dict_of_the_right_rates(data):
    _q1, q2, *_rest = exercise.checks()
    totals = data.shares.groupby("source")[["clicks", "impressions"]].sum()
    assert q2.judge(totals["clicks"] / totals["impressions"])
    assert not q2.judge((totals["clicks"] / totals["impressions"]).to_dict())


def test_the_scenario_rejects_bad_input_naming_the_parameter():
    with pytest.raises(
        ValueError, match=r"Scenario.sharing_share = 1.5 is outside the allowed range \[0, 1\]"
    ):
        lesson.Scenario(sharing_share=1.5)
    with pytest.raises(ValueError, match=r"Scenario.tool_seats = 2.5 must be a whole number"):
        lesson.Scenario(tool_seats=2.5)
    with pytest.raises(ValueError, match=r"Scenario.tool_price_per_seat_month = -1 is outside"):
        lesson.Scenario(tool_price_per_seat_month=-1)


def test_summary_prices_each_lever_and_says_when_one_adds_nothing():
    nothing = lesson.compute(0.0, 0, 100.0).summary()
    assert nothing["employee_clicks"] == 0 and math.isnan(nothing["sharing_cost_per_click"])
    assert nothing["tool_clicks"] == 0 and math.isnan(nothing["tool_cost_per_click"])
    free = lesson.compute(0.03, 3, 0.0).summary()
    assert free["tool_cost"] == 0 and free["tool_cost_per_click"] == 0
    summary = lesson.run().summary()
    assert summary["tool_cost"] == 2 * benchmarks.value("tool_price_per_seat_month")
    assert summary["tool_clicks"] == pytest.approx(summary["page_clicks"] * tool_uplift(2))
    hours = 6 * 20 * benchmarks.value("minutes_per_share") / 60  # six sharers, 20 posts, 2 minutes each
    assert summary["sharing_cost"] == pytest.approx(hours * 57_598 * 1.3 / 2080, rel=1e-6)


# ---- calibration ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def months():
    return [lesson.run(lesson.Scenario(seed=seed)).advocacy for seed in range(8)]


def test_calibration_three_percent_of_staff_bring_about_thirty_percent_of_clicks(months):
    """ADV1: 3% of employees share, and they produce 30% of engagement with company content."""
    staff_share = [m.totals()["clicks"]["employee"] / m.totals()["clicks"].sum() for m in months]
    assert np.mean(staff_share) == pytest.approx(benchmarks.value("employee_engagement_share"), abs=0.03)
    assert all(0.2 < share < 0.4 for share in staff_share)


def test_calibration_employee_shares_get_twice_the_click_through(months):
    """ADV1: employee shares get 2x the CTR of the company's; the page's CTR is COST3's 0.90%."""
    impressions = sum(m.totals()["impressions"] for m in months)
    clicks = sum(m.totals()["clicks"] for m in months)
    ctr = clicks / impressions
    assert ctr["page"] == pytest.approx(benchmarks.value("facebook_ctr"), rel=0.05)
    assert ctr["employee"] / ctr["page"] == pytest.approx(benchmarks.value("employee_ctr_multiple"), rel=0.1)


def test_calibration_staff_networks_are_ten_times_the_followers_and_reach_is_rch3(months, data):
    """ADV2: staff connections together about 10x the page's followers; RCH3: a page post reaches
    5.2% of followers (2020)."""
    assert data.employees["connections"].sum() / lesson.PAGE_FOLLOWERS == pytest.approx(
        benchmarks.value("employee_network_multiple"), rel=0.05
    )
    page = [m.shares.loc[m.shares["source"] == "page", "impressions"].mean() for m in months]
    assert np.mean(page) / lesson.PAGE_FOLLOWERS == pytest.approx(
        benchmarks.value("organic_reach_share"), rel=0.02
    )


def test_calibration_tools_at_the_default_price_do_not_pay_for_themselves(data):
    """Assumptions tool_max_uplift and tool_price_per_seat_month: at Northwind's size the page's extra
    clicks are worth less than two seats cost, valued at what a Facebook click costs (COST3)."""
    page_clicks = data.shares.loc[data.shares["source"] == "page", "clicks"].sum()
    cpc = benchmarks.value("facebook_cpc")
    assert _tool_return(page_clicks, 2, 100.0, cpc) < 0
    assert _tool_return(50 * page_clicks, 1, 100.0, cpc) > 0  # a page 50 times bigger
