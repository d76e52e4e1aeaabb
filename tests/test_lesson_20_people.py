"""Lesson 20 (people over tools, truth-7): self-check feedback and calibration against ADV1/ADV2."""

from __future__ import annotations

import math

import numpy as np
import pytest

from smmlab.lessons import people_over_tools as lesson
from smmlab.sim import benchmarks
from smmlab.sim.network import tool_uplift


@pytest.fixture(scope="module")
def data():
    return lesson.exercise_data()


def checks_with(**answers):
    questions = lesson.checks()
    for question in questions:
        question._namespace = dict(answers)
    return questions


def test_checks_start_not_attempted():
    for question in checks_with():
        assert question.check().status == "not attempted"


def test_correct_answers_pass(data):
    q1, q2, q3, q4 = checks_with(
        staff_network_multiple=data.employees["connections"].sum() / 20_000,
        ctr_by_source=lesson.ctr_by_source(data.shares),
        staff_click_share=lesson.employee_click_share(data.shares),
        tool_return=lesson.tool_return,
    )
    assert q1.check() and q2.check() and q3.check() and q4.check()


def test_q1_names_one_average_employee_and_only_the_sharers(data):
    staff = data.employees
    (q1, *_rest) = checks_with(staff_network_multiple=staff["connections"].mean() / 20_000)
    assert "one average employee" in q1.check().message
    sharers = staff.loc[staff["shares"] > 0, "connections"].sum() / 20_000
    (q1, *_rest) = checks_with(staff_network_multiple=sharers)
    assert "only the employees who share" in q1.check().message


def test_q2_names_averaged_row_rates_and_raw_counts(data):
    shares = data.shares
    row_mean = (shares["clicks"] / shares["impressions"]).groupby(shares["source"]).mean()
    _q1, q2, *_rest = checks_with(ctr_by_source=row_mean)
    assert "average of each row's rate" in q2.check().message
    _q1, q2, *_rest = checks_with(ctr_by_source=shares.groupby("source")["clicks"].sum())
    assert "counts of clicks" in q2.check().message
    _q1, q2, *_rest = checks_with(ctr_by_source=lesson.ctr_by_source(shares).to_dict())
    assert not q2.check()  # a dict is not the Series asked for


def test_q3_names_impressions_percent_and_the_wrong_denominator(data):
    shares = data.shares
    staff = shares["source"] == "employee"
    _q1, _q2, q3, _q4 = checks_with(
        staff_click_share=shares.loc[staff, "impressions"].sum() / shares["impressions"].sum()
    )
    assert "share of impressions" in q3.check().message
    _q1, _q2, q3, _q4 = checks_with(staff_click_share=100 * lesson.employee_click_share(shares))
    assert "percentage" in q3.check().message
    _q1, _q2, q3, _q4 = checks_with(
        staff_click_share=shares.loc[staff, "clicks"].sum() / shares.loc[~staff, "clicks"].sum()
    )
    assert "*all* clicks" in q3.check().message


def test_q4_names_value_per_dollar_all_clicks_and_one_seat():
    def check(function):
        *_rest, q4 = checks_with(tool_return=function)
        return q4.check()

    assert "value per dollar" in check(lambda c, s, p, v: c * tool_uplift(s) * v / (s * p)).message
    assert (
        "all the page's clicks"
        in check(lambda c, s, p, v: (c * (1 + tool_uplift(s)) * v - s * p) / (s * p)).message
    )
    assert "one seat only" in check(lambda c, s, p, v: (c * tool_uplift(s) * v - p) / p).message
    assert "raised ZeroDivisionError" in check(lambda c, s, p, v: 1 / 0).message
    assert not check(lambda c, s, p, v: str(lesson.tool_return(c, s, p, v)))
    assert not check(0.5)


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
    assert lesson.network_multiple(data.employees) == pytest.approx(
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
    assert lesson.tool_return(page_clicks, 2, 100.0, cpc) < 0
    assert lesson.tool_return(50 * page_clicks, 1, 100.0, cpc) > 0  # a page 50 times bigger
