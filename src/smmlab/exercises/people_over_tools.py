"""Exercise 20 -- people over tools: a month of Northwind's page posts and its employees' shares."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.people_over_tools import PAGE_FOLLOWERS, Scenario, run
from smmlab.sim.network import tool_uplift

SEED = 2026

#: Inputs on which a learner's tool-return function is checked:
#: (page_clicks, seats, price_per_seat, value_per_click).
TOOL_CASES = [(180, 2, 100.0, 1.72), (180, 10, 100.0, 1.72), (1000, 1, 50.0, 1.72), (400, 4, 25.0, 3.0)]


class ExerciseData(NamedTuple):
    """A month of Northwind's page posts and employee shares."""

    shares: pd.DataFrame
    employees: pd.DataFrame


def build(seed: int) -> ExerciseData:
    """``shares``: one row per post and sharer (``post``, ``source`` "page" or "employee",
    ``employee_id`` -1 for the page, ``impressions``, ``clicks``); ``employees``: one row per
    employee (``employee_id``, ``connections``, ``shares``)."""
    result = run(Scenario(seed=seed))
    return ExerciseData(shares=result.advocacy.shares.copy(), employees=result.advocacy.employees.copy())


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _whole_counts(answer: object) -> bool:
    """A Series of whole numbers above 1: counts, not rates."""
    if not isinstance(answer, pd.Series) or answer.empty:
        return False
    values = answer.tolist()
    return all(ck.is_real_number(v) and v >= 1 and float(v).is_integer() for v in values)


def _staff_clicks(shares: pd.DataFrame) -> float:
    return float(shares.loc[shares["source"] == "employee", "clicks"].sum())


def _tool_outputs(formula) -> list[float]:
    return [float(formula(*case)) for case in TOOL_CASES]


EXERCISE = ck.Exercise(
    slug="20-people-over-tools",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "staff_network_multiple",
            ck.Number(),
            predict="predicted_network_multiple",
            hints=(
                "Add up every employee's connections, then divide by the page's 20,000 followers.",
                "The `connections` column of `employees` has one number per employee; a Series "
                "has a method that adds up all its values.",
            ),
            wrong=(
                ck.Wrong(
                    "That is one average employee's network against the page. The claim (ADV2) is "
                    "about all employees together: use the sum of connections.",
                    value=lambda data: float(data.employees["connections"].mean() / PAGE_FOLLOWERS),
                ),
                ck.Wrong(
                    "That counts only the employees who share. The question is about the reach "
                    "all staff *could* give the posts.",
                    value=lambda data: float(
                        data.employees.loc[data.employees["shares"] > 0, "connections"].sum() / PAGE_FOLLOWERS
                    ),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "ctr_by_source",
            ck.Series(),
            hints=(
                "Sum clicks and impressions by `source`, then divide.",
                "`shares.groupby('source')[['clicks', 'impressions']].sum()` gives the totals of "
                "each source side by side; divide one of its columns by the other.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the average of each row's rate, which gives a share seen by 20 people "
                    "the same weight as a post seen by 1,000. Divide total clicks by total impressions.",
                    value=lambda data: (
                        (data.shares["clicks"] / data.shares["impressions"])
                        .groupby(data.shares["source"])
                        .mean()
                    ),
                ),
                ck.Wrong(
                    "Those are counts of clicks; the click-through rate divides them by impressions.",
                    when=_whole_counts,
                    example=pd.Series({"employee": 72, "page": 183}),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "staff_click_share",
            ck.Number(share=True),
            hints=(
                "Clicks on rows with `source == 'employee'`, divided by all clicks.",
                "Select the employee rows with `.loc[...]`, add up their `clicks`, and divide by the "
                "sum of the whole `clicks` column.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of impressions. Staff shares are clicked twice as often "
                    "(ADV1), so their share of clicks is larger: use the `clicks` column.",
                    value=lambda data: float(
                        data.shares.loc[data.shares["source"] == "employee", "impressions"].sum()
                        / data.shares["impressions"].sum()
                    ),
                ),
                ck.Wrong(
                    "That divides staff clicks by the page's clicks; the share divides by *all* clicks.",
                    value=lambda data: (
                        _staff_clicks(data.shares)
                        / float(data.shares.loc[data.shares["source"] == "page", "clicks"].sum())
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "tool_return",
            ck.Function(ck.Number(), cases=lambda data: TOOL_CASES),
            hints=(
                "Extra clicks = page_clicks × tool_uplift(seats); cost = seats × price_per_seat.",
                "The return compares what the extra clicks are worth with what the tool costs, "
                "relative to that cost: a tool that just pays its price returns 0.",
            ),
            wrong=(
                ck.Wrong(
                    "That is value per dollar, not the return: subtract the cost before dividing, "
                    "so a tool that only pays back its price returns 0.",
                    value=lambda data: _tool_outputs(lambda c, s, p, v: c * tool_uplift(s) * v / (s * p)),
                ),
                ck.Wrong(
                    "That credits the tool with all the page's clicks. The page earns most of them "
                    "without it; count only the extra clicks the tool adds.",
                    value=lambda data: _tool_outputs(
                        lambda c, s, p, v: (c * (1 + tool_uplift(s)) * v - s * p) / (s * p)
                    ),
                ),
                ck.Wrong(
                    "That prices one seat only. The tool costs `seats × price_per_seat` a month.",
                    value=lambda data: _tool_outputs(lambda c, s, p, v: (c * tool_uplift(s) * v - p) / p),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
