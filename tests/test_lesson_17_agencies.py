"""Lesson 17 (agencies and relationships): the exercise's pilot, calibration and the lesson's claims."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlab.exercises import agencies_and_relationships as exercise
from smmlab.lessons import agencies_and_relationships as lesson
from smmlab.sim import Audience, benchmarks
from smmlab.sim.agency import HOURS_PER_MONTH, agency, in_house, simulate_handling
from smmlab.sim.conversation import Inbound, inbound_messages
from smmlab.sim.routing import Payoff


@pytest.fixture(scope="module")
def pilot() -> pd.DataFrame:
    return exercise.data()


def problems_of(data: pd.DataFrame) -> pd.DataFrame:
    return data[data["kind"].isin(["complaint", "question"])]


# ---- the exercise's data ------------------------------------------------------------------------


def test_lesson_17_a_quick_first_reply_is_not_an_answer_in_every_pilot():
    """The mistakes the self-checks name give clearly different numbers than the right answers,
    on the published pilot and on other draws (the grading data)."""
    for seed in (exercise.EXERCISE.seed, 7, 31337):
        pilot = exercise.data(seed=seed)
        problems = problems_of(pilot)
        agency = problems[problems["handler"] == "agency"]
        first_reply = (agency["reply_minutes"] <= 240).mean()
        assert first_reply - (agency["answer_hours"] <= 4).mean() > 0.15
        assert agency["answer_hours"].mean() > 2 * agency["answer_hours"].median()
        wtp = pilot.groupby("handler")["wtp_gain"].sum()
        cost = exercise.pilot_cost()
        assert (wtp["in-house"] - wtp["agency"]) - (cost["in-house"] - cost["agency"]) > 0


# ---- calibration ------------------------------------------------------------------------------------


def test_calibration_lesson_17_inbox_load_follows_care5():
    """Northwind's 120,000 followers write at CARE5's 39 messages per 1,000 a month."""
    followers = int(benchmarks.value("routing_followers"))
    messages = inbound_messages(Audience(followers=followers), Inbound(), weeks=26, seed=3)
    per_1000_month = len(messages) / (followers / 1000) / (26 * 7 * 24 / HOURS_PER_MONTH)
    assert per_1000_month == pytest.approx(benchmarks.value("inbound_per_1000_followers_month"), rel=0.02)
    weekly = lesson.run().summary().loc["in-house", "messages"] / lesson.WEEKS
    assert 1000 < weekly < 1170  # "about 1,100 messages a week" in the explorer's title


def test_calibration_lesson_17_seat_cost_comes_from_cost1():
    """A seat on duty round the clock: COST1's salary, the overhead, 168 hours over 40-hour weeks."""
    seat = (
        benchmarks.value("social_manager_salary_year")
        * benchmarks.value("employer_overhead")
        * (168 / 40)
        / 12
    )
    assert benchmarks.value("inhouse_seat_month") == pytest.approx(seat, rel=1e-3)
    assert benchmarks.get("social_manager_salary_year").ref == "COST1"
    costs = exercise.pilot_cost()
    months = exercise.PILOT_WEEKS * 7 * 24 / HOURS_PER_MONTH
    assert costs["in-house"] == pytest.approx(benchmarks.value("inhouse_seat_month") * months, abs=0.01)
    assert costs["agency"] / costs["in-house"] == pytest.approx(
        benchmarks.value("agency_cost_factor"), rel=1e-4
    )


def test_calibration_lesson_17_answer_value_follows_resp1():
    """A resolved answer within 6 minutes is worth RESP1's $20; one after an hour $2.33."""
    fast = simulate_handling(in_house(escalation_share=0.0, resolve_rate=1.0), weeks=1, seed=2)
    needs_help = fast["kind"] != "praise"  # praise is acknowledged, not resolved
    within_six = needs_help & (fast["answer_hours"] * 60 <= benchmarks.value("reply_fast_minutes") + 1e-9)
    assert within_six.mean() > 0.3
    assert fast.loc[within_six, "wtp_gain"].to_numpy() == pytest.approx(benchmarks.value("wtp_reply_fast"))
    slow = simulate_handling(
        agency(escalation_share=1.0, approval_hours=500.0, resolve_rate=1.0), "agency", weeks=1, seed=2
    )
    late = slow["escalated"] & (slow["answer_hours"] > 1)  # escalated: never praise
    assert late.mean() > 0.3
    assert slow.loc[late, "wtp_gain"].to_numpy() == pytest.approx(benchmarks.value("wtp_reply_slow"))
    unresolved = simulate_handling(in_house(escalation_share=0.0, resolve_rate=0.0), weeks=1, seed=2)
    complaint = (unresolved["kind"] == "complaint") & (unresolved["answer_hours"] * 60 <= 6 + 1e-9)
    assert unresolved.loc[complaint, "wtp_gain"].to_numpy() == pytest.approx(
        Payoff().wtp_fast * benchmarks.value("unresolved_wtp_factor")
    )


def test_calibration_lesson_17_unresolved_problems_churn_like_ignored_ones_care7():
    """CARE7: about 1 in 3 ignored customers switch; an unresolved problem counts as ignored."""
    big = Audience(followers=400_000)  # many problems; enough people that nobody waits long
    messages = simulate_handling(in_house(people=6, resolve_rate=0.0), audience=big, seed=5)
    problems = problems_of(messages)
    assert problems["churned"].mean() == pytest.approx(benchmarks.value("ignored_switch_share"), abs=0.02)
    resolved_fast = simulate_handling(
        in_house(people=6, resolve_rate=1.0, escalation_share=0.0), audience=big, seed=5
    )
    assert problems_of(resolved_fast)["churned"].mean() == pytest.approx(
        benchmarks.value("answered_fast_churn"), abs=0.01
    )


def test_calibration_lesson_17_every_agency_handicap_is_a_labelled_assumption():
    for key in (
        "agency_escalation_share",
        "agency_approval_hours",
        "agency_resolve_rate",
        "agency_cost_factor",
        "inhouse_escalation_share",
        "inhouse_approval_hours",
    ):
        entry = benchmarks.get(key)
        assert entry.assumption and entry.rationale, key
    assert set(lesson.SOURCES) <= set(benchmarks.all_benchmarks())
    assert benchmarks.value("inhouse_social_staff") == 3 and benchmarks.value("outside_social_staff") == 2


# ---- what the lesson claims --------------------------------------------------------------------------


def test_lesson_17_default_agency_answers_later_resolves_less_and_costs_more_than_it_saves():
    summary = lesson.run().summary()
    inside, outside = summary.loc["in-house"], summary.loc["agency"]
    assert outside["resolved_share"] < inside["resolved_share"] - 0.15
    assert outside["answered_within_4h"] < inside["answered_within_4h"] - 0.15
    assert outside["customers_lost_per_month"] > 1.5 * inside["customers_lost_per_month"]
    assert outside["cost_per_month"] < inside["cost_per_month"]
    saving = inside["cost_per_month"] - outside["cost_per_month"]
    assert inside["wtp_per_month"] - outside["wtp_per_month"] > saving


def test_lesson_17_an_agency_with_knowledge_and_no_approval_chain_can_win():
    """The honest limit: without the approval wait and with in-house skills, the cheaper agency wins."""
    table = lesson.net_table()
    assert (table["0 h"] < table["6 h"]).all()
    assert table.loc["95%", "0 h"] < 0 < table.loc["60%", "6 h"]
    assert (np.diff(table["6 h"].to_numpy()) < 0).all()  # better trained agency, smaller in-house edge


def test_lesson_17_pilot_is_split_between_handlers_with_fresh_ids(pilot):
    assert list(pilot.columns) == exercise.COLUMNS
    assert set(pilot["handler"]) == {"in-house", "agency"}
    assert pilot["message_id"].tolist() == list(range(len(pilot)))
    counts = pilot["handler"].value_counts()
    assert abs(counts["in-house"] - counts["agency"]) < 0.1 * len(pilot)
    assert exercise.data().equals(pilot)
    assert not exercise.data(seed=7).equals(pilot)


def test_lesson_17_scenario_rejects_bad_values_naming_them():
    with pytest.raises(ValueError, match=r"Scenario.people = 0 is outside the allowed range \[1, 50\]"):
        lesson.Scenario(people=0)
    with pytest.raises(ValueError, match=r"Scenario.agency_resolve_rate = 1.5 is outside the allowed range"):
        lesson.Scenario(agency_resolve_rate=1.5)
