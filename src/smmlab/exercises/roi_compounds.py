"""Exercise 02 -- returns compound: Northwind's 36-month programme, month by month and post by post."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.roi_compounds import Scenario, run

#: Settings of the exercise data: a good programme, posted a little unevenly.
CONSISTENCY = 0.9
MONTHS = 36
MONTHLY_COLUMNS = ["month", "posts", "followers", "community", "revenue", "cost"]
POST_COLUMNS = ["post_id", "month", "quarter", "cost", "attributed_revenue"]
#: The break-even month on the published data, less one: an answer counted from 0 (see ``_counted_from_0``).
PUBLISHED_BREAK_EVEN_FROM_0 = 17


class Data(NamedTuple):
    """The exercise's two tables: ``monthly`` (one row per month) and ``posts`` (one row per post)."""

    monthly: pd.DataFrame
    posts: pd.DataFrame


def build(seed: int) -> Data:
    """Northwind's 36-month programme: monthly totals and per-post attributed revenue.

    ``monthly``: ``month`` (from 1), ``posts``, ``followers``, ``community``, ``revenue`` and
    ``cost`` (USD). ``posts``: ``post_id``, ``month``, ``quarter`` (1 = months 1-3), ``cost``
    (its share of the month's cost) and ``attributed_revenue`` (sales traced to it by last click).
    """
    result = run(Scenario(months=MONTHS, consistency=CONSISTENCY, seed=seed))
    return Data(result.monthly[MONTHLY_COLUMNS].copy(), result.posts[POST_COLUMNS].copy())


def boosted(posts: pd.DataFrame) -> pd.DataFrame:
    """The same posts with every third one costing three times as much (as if boosted with paid reach).

    Per-post costs are nearly equal in the exercise data, so a quarter's ROI as a ratio of sums and
    as a mean of its posts' ratios hardly differ there; on this table they do, which lets the
    self-check tell the two apart.
    """
    return posts.assign(cost=posts["cost"] * np.where(posts["post_id"] % 3 == 0, 3.0, 1.0))


def _each_month(monthly: pd.DataFrame) -> pd.Series:
    return (monthly["revenue"] - monthly["cost"]) / monthly["cost"]


def _sixth(data: Data) -> pd.Series:
    return data.monthly.loc[data.monthly["month"] == 6].iloc[0]


def _mean_of_ratios_variances(posts: pd.DataFrame) -> pd.Series:
    per_post = (posts["attributed_revenue"] - posts["cost"]) / posts["cost"]
    return pd.Series(
        {"per_post": per_post.var(), "quarterly": per_post.groupby(posts["quarter"]).mean().var()}
    )


def _counted_from_0(answer) -> bool:
    """True when ``answer`` + 1 is the break-even month of the published data (checked on the key).

    The key holds only a digest of the right month, so this test tells nothing about other draws
    of the data (there it never fires and the hidden tests judge).
    """
    key = EXERCISE.key()
    question = next(q for q in EXERCISE.questions if q.label == "q3")
    if key.get("seed") != ck.published_seed(EXERCISE.seed) or "q3" not in key:
        return False
    if not ck.is_real_number(answer):
        return False
    return question.kind.agrees(float(answer) + 1, key["q3"], EXERCISE.salt(question))


EXERCISE = ck.Exercise(
    slug="02-roi-compounds",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "roi_month_6",
            ck.Number(),
            predict="predicted_roi_month_6",
            hints=(
                "ROI is (revenue − cost) / cost. Take the row whose `month` is 6.",
                "`row = monthly[monthly['month'] == 6].iloc[0]` picks that row; then apply the "
                "formula to its `revenue` and `cost`.",
            ),
            wrong=(
                ck.Wrong(
                    "That is revenue divided by cost. ROI subtracts the cost first: (revenue − cost) / cost.",
                    value=lambda data: float(_sixth(data)["revenue"] / _sixth(data)["cost"]),
                ),
                ck.Wrong(
                    "That is the profit in dollars; ROI divides it by the cost.",
                    value=lambda data: float(_sixth(data)["revenue"] - _sixth(data)["cost"]),
                ),
                ck.Wrong(
                    "That is month 7: `monthly.iloc[6]` counts rows from 0. Select by the `month` column.",
                    value=lambda data: float(_each_month(data.monthly).iloc[6]),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "cum_roi",
            ck.Series(label=None),
            hints=(
                "Cumulative ROI compares all revenue so far with all cost so far: use `.cumsum()`.",
                "`monthly['revenue'].cumsum()` is all revenue so far; do the same for the cost, then "
                "apply the ROI formula to the two running totals.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the running average of monthly ROIs. Early months with no revenue weigh as "
                    "much as later ones there; cumulative ROI divides total profit by total cost.",
                    value=lambda data: _each_month(data.monthly).expanding().mean(),
                ),
                ck.Wrong(
                    "Monthly ROIs cannot be added up: each is a ratio to a different month's cost. "
                    "Add revenue and cost first, then divide.",
                    value=lambda data: _each_month(data.monthly).cumsum(),
                ),
                ck.Wrong(
                    "That is each month on its own. Cumulative ROI uses everything up to that month.",
                    value=lambda data: _each_month(data.monthly),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "break_even",
            ck.Number(),
            hints=(
                "Find the first month in which cumulative ROI is at least 0.",
                "`cum_roi >= 0` marks the months that qualify; pick the `month` number of the first "
                "such row (not its position).",
            ),
            wrong=(
                ck.Wrong(
                    "That is the first month that pays for itself on its own. Break-even is when the "
                    "programme as a whole has paid back: cumulative ROI ≥ 0 (myth-2).",
                    value=lambda data: int(data.monthly.loc[_each_month(data.monthly) >= 0, "month"].iloc[0]),
                ),
                ck.Wrong(
                    "Off by one: months are numbered from 1, not from 0.",
                    when=_counted_from_0,
                    example=PUBLISHED_BREAK_EVEN_FROM_0,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "roi_variances",
            ck.Function(ck.Series(), cases=lambda data: [(data.posts,), (boosted(data.posts),)]),
            hints=(
                "Per-post ROI is (attributed_revenue − cost) / cost for each row. For a quarter, add "
                "up revenue and cost of its posts first, then compute ROI.",
                "`sums = posts.groupby('quarter')[['attributed_revenue', 'cost']].sum()` gives each "
                "quarter's totals; return a Series with the labels 'per_post' and 'quarterly'.",
            ),
            wrong=(
                ck.Wrong(
                    "Your quarterly ROI averages the per-post ROIs. A quarter's ROI is its total profit "
                    "over its total cost (a ratio of sums), not the mean of its posts' ratios.",
                    value=lambda data: [
                        _mean_of_ratios_variances(data.posts),
                        _mean_of_ratios_variances(boosted(data.posts)),
                    ],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
