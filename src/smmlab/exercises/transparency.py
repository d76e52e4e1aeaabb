"""Exercise 19 -- transparency: 200 futures of Northwind's influencer posts, disclosed or hidden."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.transparency import Scenario, run

#: The exercise: 200 futures of three years under the calibrated defaults.
FUTURES = 200
MONTHS = 36
SEED = 2026
COLUMNS = ["future", "month", "strategy", "found_out", "trust", "sales"]
EXPECTED_COLUMNS = ("total_sales", "trust_end")


def build(seed: int, discovery_chance: float | None = None) -> pd.DataFrame:
    """200 possible futures of Northwind's three years, with the influencer posts disclosed or hidden.

    One row per future, month and strategy: ``future`` (0-199), ``month`` (1-36), ``strategy``
    (``disclosed`` or ``hidden``), ``found_out`` (the hidden sponsorship has been exposed by the
    end of this month; always false for ``disclosed``), ``trust`` (share of the audience) and
    ``sales`` (kettles that month). ``discovery_chance`` changes the monthly chance of exposure
    (default: the calibrated 5%; 0 gives the same futures with hiding never found out).
    """
    settings = {} if discovery_chance is None else {"discovery_chance": discovery_chance}
    result = run(Scenario(months=MONTHS, futures=FUTURES, seed=seed, **settings))
    table = result.table()
    return table.assign(trust=table["trust"].round(4), sales=np.rint(table["sales"]).astype(int))[COLUMNS]


def _cases(data: pd.DataFrame) -> list[tuple[pd.DataFrame]]:
    """The month function's inputs: the data, and the published futures with hiding never found out."""
    return [(data.copy(),), (build(SEED, discovery_chance=0.0),)]


# ---- typical wrong answers (never the right one) ---------------------------------------------


@lru_cache(maxsize=2)
def _futures(seed: int) -> pd.DataFrame:
    return build(seed)


def _summed_over_futures(data: pd.DataFrame) -> pd.Series:
    return data.groupby("strategy")["sales"].sum().astype(float)


def _mean_month(data: pd.DataFrame) -> pd.Series:
    return data.groupby("strategy")["sales"].mean()


def _trust_all_months(data: pd.DataFrame) -> pd.Series:
    return data.groupby("strategy")["trust"].mean()


def _totals(data: pd.DataFrame) -> pd.DataFrame:
    return data.pivot_table(index="future", columns="strategy", values="sales", aggfunc="sum")


def _monthly_means(data: pd.DataFrame) -> pd.DataFrame:
    return data.groupby(["strategy", "month"])["sales"].mean().unstack("strategy").sort_index()


def _month_by_month(data: pd.DataFrame) -> int:
    """First month in which hiding sold less *that month* (no running total); 0 if never."""
    monthly = _monthly_means(data)
    behind = monthly.index[monthly["hidden"] < monthly["disclosed"]]
    return int(behind[0]) if len(behind) else 0


def _counted_from_0(data: pd.DataFrame) -> int:
    """The position (from 0) of the first month behind on running totals, as ``argmax`` gives it."""
    cumulative = _monthly_means(data).cumsum()
    return int(np.argmax((cumulative["hidden"] < cumulative["disclosed"]).to_numpy()))


def _not_zero_when_never_behind(outputs: list) -> bool:
    """The second case (hiding never found out, so never behind) did not give 0."""
    never = outputs[1]
    return not (ck.is_real_number(never) and float(never) == 0)


EXERCISE = ck.Exercise(
    slug="19-transparency",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "found_out_share",
            ck.Number(share=True),
            predict="predicted_found_out_share",
            hints=(
                "Keep the `hidden` rows. For each future, ask whether `found_out` is ever true; then "
                "take the share of futures where it is.",
                "Group the hidden rows by `future`: `.any()` on a True/False column says whether it "
                "was ever True, and the mean of True/False answers is a share.",
            ),
            wrong=(
                ck.Wrong(
                    "That is about the chance in ONE month. The risk is run again every month, so over "
                    "36 months it adds up: ask for each future whether it was ever found out.",
                    when=lambda answer: ck.number_matches(answer, 0.05, rel_tol=0.2),
                    example=0.05,
                ),
                ck.Wrong(
                    "That averages `found_out` over all months, counting the months before the exposure. "
                    "Ask per future whether it was found out at any point (`.any()`, or month 36).",
                    value=lambda data: float(data.loc[data["strategy"] == "hidden", "found_out"].mean()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "expected",
            ck.Frame(EXPECTED_COLUMNS),
            hints=(
                "First add up each future's sales per strategy (group by `strategy` and `future`), then "
                "average those totals per strategy. For trust, keep month 36 only.",
                "`data.groupby(['strategy', 'future'])['sales'].sum()` holds one total per strategy "
                "and future; group that by `strategy` again. Then put the two Series in one "
                "DataFrame under the column names of the task.",
            ),
            wrong=(
                ck.Wrong(
                    "`total_sales` adds up all 200 futures. Each future is one possible three years; the "
                    "expected total is the average of the futures' totals.",
                    column="total_sales",
                    value=_summed_over_futures,
                ),
                ck.Wrong(
                    "`total_sales` is the mean sales of one month; add up each future's 36 months first, "
                    "then average over futures.",
                    column="total_sales",
                    value=_mean_month,
                ),
                ck.Wrong(
                    "`trust_end` averages trust over all months; keep only the last month (36).",
                    column="trust_end",
                    value=_trust_all_months,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "hiding_ahead_share",
            ck.Number(share=True),
            hints=(
                "Compare the two strategies future by future: total sales per future and strategy, side "
                "by side (a pivot table), then the share of futures where `hidden` is larger.",
                "`data.pivot_table(index='future', columns='strategy', values='sales', aggfunc='sum')` "
                "puts each future's two totals side by side; compare its two columns.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of futures in which DISCLOSING sold more; the task asks for hiding.",
                    value=lambda data: float((_totals(data)["hidden"] < _totals(data)["disclosed"]).mean()),
                ),
                ck.Wrong(
                    "That is the share never found out. Some futures found out late still sold more by "
                    "hiding; compare the sales totals future by future.",
                    value=lambda data: float(
                        1 - data[data["strategy"] == "hidden"].groupby("future")["found_out"].any().mean()
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "first_month_behind",
            ck.Function(ck.Number(), cases=_cases),
            hints=(
                "Average sales per strategy and month over the futures, then take the running total "
                "over months (`.cumsum()`) and find the first month where hidden is below disclosed.",
                "`data.groupby(['strategy', 'month'])['sales'].mean().unstack('strategy')` has one "
                "column per strategy and one row per month. Compare the running totals of its two "
                "columns; the first month where hiding is below is the answer, and if there is none "
                "the task says what to return.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function compares each month's sales, not the running totals. A month of "
                    "lower sales does not yet undo the months of higher sales before it: use "
                    "`.cumsum()`.",
                    value=lambda data: [_month_by_month(*case) for case in _cases(data)],
                ),
                ck.Wrong(
                    "Off by one: months are numbered from 1 in the data; return the month number, not a "
                    "position counted from 0.",
                    value=lambda data: [_counted_from_0(*case) for case in _cases(data)],
                ),
                ck.Wrong(
                    "Your function does not return 0 for futures in which hiding is never found out "
                    "(try it on `exercise.build(2026, discovery_chance=0.0)`): return 0 when hiding "
                    "never falls behind.",
                    when=_not_zero_when_never_behind,
                    example=[1, None],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
