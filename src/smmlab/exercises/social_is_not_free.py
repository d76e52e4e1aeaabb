"""Exercise 05 -- social media is not free: Northwind's 2024 cost lines and its reach since 2012."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.social_is_not_free import SEATS, Scenario, run
from smmlab.sim import benchmarks, total_cost_of_ownership

#: The year of the cost lines, and the staff time Northwind spends on social media (the fact
#: sheet's one manager, 40 hours a week).
YEAR = 2024
STAFF_HOURS_PER_WEEK = benchmarks.value("team_hours_per_week")
REACH_COLUMNS = [
    "year",
    "organic_reach_share",
    "followers",
    "posts",
    "organic_impressions",
    "paid_impressions",
    "engagements",
]


class ExerciseData(NamedTuple):
    """The exercise's two tables: ``costs`` (cost lines of one year) and ``reach`` (one row per year)."""

    costs: pd.DataFrame
    reach: pd.DataFrame


def build(seed: int) -> ExerciseData:
    """Northwind's 2024 cost lines and its reach from 2012 to 2026.

    ``costs``: ``month`` (1-12 of 2024), ``item`` (staff, tools, ads), ``amount`` (USD).
    ``reach``: ``year``, ``organic_reach_share``, ``followers``, ``posts``,
    ``organic_impressions``, ``paid_impressions`` (ads buying back the reach lost since 2012)
    and ``engagements``.
    """
    result = run(Scenario(year=YEAR, staff_hours_per_week=STAFF_HOURS_PER_WEEK, seed=seed))
    reach = result.yearly[REACH_COLUMNS].copy()
    paid = float(result.focus["paid_impressions"])
    costs = total_cost_of_ownership(
        staff_hours_per_month=STAFF_HOURS_PER_WEEK * 52 / 12,
        seats=SEATS,
        ad_impressions_per_month=paid / 12,
        months=12,
        seed=seed,
    )
    return ExerciseData(costs, reach)


# ---- wrong answers, for the misconceptions -------------------------------------------------------


def _item(costs: pd.DataFrame, item: str) -> float:
    return float(costs.loc[costs["item"] == item, "amount"].sum())


def _year_engagements(reach: pd.DataFrame) -> float:
    return float(reach.loc[reach["year"] == YEAR, "engagements"].iloc[0])


def _reach_cases(data: ExerciseData) -> list[tuple[pd.DataFrame, float]]:
    """The calls the self-check makes: Northwind's target and others, one on shuffled rows."""
    reach = data.reach
    return [
        (reach, 0.05),
        (reach, 0.06),
        (reach.sample(frac=1, random_state=3), 0.07),
        (reach, 0.01),
    ]


def _last_year_at_or_above(reach: pd.DataFrame, target: float) -> int:
    return int(reach.loc[reach["organic_reach_share"] >= target, "year"].max())


def _looks_like_row_number(outputs: list) -> bool:
    return any(ck.is_real_number(output) and int(output) < 100 for output in outputs)


EXERCISE = ck.Exercise(
    slug="05-social-is-not-free",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "staff_share",
            ck.Number(share=True),
            predict="predicted_staff_share",
            hints=(
                "Add up the `amount` of the rows whose `item` is 'staff', and divide by all amounts.",
                "`costs['item'] == 'staff'` marks the staff rows; `costs.loc[rows, 'amount']` picks "
                "their amounts. Which total goes below the line?",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of ads. Staff time is the cost people forget when they call "
                    "social media free (myth-5).",
                    value=lambda data: _item(data.costs, "ads") / float(data.costs["amount"].sum()),
                ),
                ck.Wrong(
                    "You left the tools out of the total; every cost line counts.",
                    value=lambda data: (
                        _item(data.costs, "staff") / (_item(data.costs, "staff") + _item(data.costs, "ads"))
                    ),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "tco",
            ck.Number(),
            hints=(
                "Total cost of ownership adds every cost line of the year: staff, tools and ads.",
                "Every row of `costs` is one cost line of the year; which column do you add up?",
            ),
            wrong=(
                ck.Wrong(
                    "That is the ad spend only. Social media is not free even without ads: staff time "
                    "and tools are part of the cost (myth-5).",
                    value=lambda data: _item(data.costs, "ads"),
                ),
                ck.Wrong(
                    "That is one month. The table holds twelve; add them all.",
                    value=lambda data: float(data.costs.loc[data.costs["month"] == 1, "amount"].sum()),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "cpe",
            ck.Number(),
            hints=(
                f"Divide the total cost of {YEAR} by the engagements of {YEAR}.",
                f"`reach['year'] == {YEAR}` finds the row of {YEAR} in `reach`; `.iloc[0]` turns a "
                "one-value column into a number.",
            ),
            wrong=(
                ck.Wrong(
                    "You counted only the ads. An engagement costs staff time and tools as well.",
                    value=lambda data: _item(data.costs, "ads") / _year_engagements(data.reach),
                ),
                ck.Wrong(
                    f"You divided by the engagements of all years; the costs are those of {YEAR}.",
                    value=lambda data: float(data.costs["amount"].sum() / data.reach["engagements"].sum()),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "first_year_below",
            ck.Function(ck.Choice(), cases=_reach_cases),
            hints=(
                "Keep the rows whose `organic_reach_share` is below `target`, then take the smallest year.",
                "`reach.loc[rows, 'year']` gives the years of the rows you kept; when no row is left, "
                "return `None` instead of a year.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the last year at or above the target, one step too early.",
                    value=lambda data: [_last_year_at_or_above(*case) for case in _reach_cases(data)],
                ),
                ck.Wrong(
                    "That looks like a row number; return the value in the `year` column.",
                    when=_looks_like_row_number,
                    example=[9, 7, 2, None],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
