"""Exercise 09 -- answering negative feedback: a year of Northwind's complaints, handled five ways."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim import Audience, Inbound, benchmarks
from smmlab.sim.complaints import STRATEGIES, Values, respond
from smmlab.sim.conversation import inbound_messages

SEED = 2026
COLUMNS = [
    "complaint_id",
    "month",
    "strategy",
    "fixed",
    "churned",
    "shamed",
    "recommends",
    "backlash",
    "minutes",
    "net_value",
]
#: How often each strategy was used in the exercise's year (the habits of the social media manager and
#: of the colleague who covers the comments on busy days).
MIX = {"ignore": 0.30, "delete": 0.10, "argue": 0.10, "public": 0.25, "private": 0.25}
#: The dollar values behind ``net_value`` (assumptions, see the lesson's sources).
PRICES = {
    "customer_value": Values().customer_value,
    "referral_value": Values().referral_value,
    "shame_cost": Values().shame_cost,
    "backlash_cost": Values().backlash_cost,
    "fix_cost": Values().fix_cost,
    "staff_cost_per_hour": Values().staff_cost_per_hour,
}
OUTCOMES = ("churned", "shamed", "recommends", "backlash")


def build(seed: int) -> pd.DataFrame:
    """A year of Northwind's complaints: one row per complaint and how it was handled.

    Columns: ``complaint_id``, ``month`` (0-11), ``strategy``, ``fixed`` (the problem was fixed
    in private), ``churned``, ``shamed``, ``recommends``, ``backlash`` (onlookers piled on),
    ``minutes`` of staff work and ``net_value`` (USD, at :data:`PRICES`).
    """
    settled = benchmarks.value("complaint_share_settled")
    messages = inbound_messages(
        Audience(), Inbound(complaint_share_launch=settled), weeks=52, seed=seed
    )  # validates seed
    complaints = messages[messages["kind"] == "complaint"].reset_index(drop=True)
    rng = np.random.default_rng([seed, 90])
    names = np.array(list(MIX), dtype=object)
    strategy = names[rng.choice(len(names), size=len(complaints), p=list(MIX.values()))]
    outcome = respond(strategy, seed=seed)
    outcome["strategy"] = outcome["strategy"].astype(str)
    outcome.insert(
        0, "month", np.minimum(complaints["arrival_hour"].to_numpy() // (52 * 168 / 12), 11).astype(int)
    )
    outcome.insert(0, "complaint_id", np.arange(len(outcome)))
    return outcome[COLUMNS]


def _counts(answer: object) -> bool:
    """Whole numbers above 1 where shares belong: counts of each outcome."""
    if not isinstance(answer, pd.DataFrame) or not set(OUTCOMES) <= set(answer.columns):
        return False
    values = answer[list(OUTCOMES)].to_numpy(dtype=float)
    return bool(np.isfinite(values).all() and (values == np.round(values)).all() and values.max() > 1)


def _private_alone(answer: object) -> bool:
    """The value of a fixed complaint on its own. A test, not a value: it is half the answer."""
    complaints = data()
    return ck.number_matches(answer, complaints.loc[complaints["strategy"] == "private", "net_value"].mean())


def _without_staff_time(complaints: pd.DataFrame) -> list[pd.Series]:
    """Mean net value by strategy at $60 and $300 a customer (the check's cases), leaving out
    staff time."""
    outputs = []
    for customer_value in (60.0, 300.0):
        net = (
            complaints["net_value"]
            + complaints["churned"] * (PRICES["customer_value"] - customer_value)
            + complaints["minutes"] / 60 * PRICES["staff_cost_per_hour"]
        )
        outputs.append(net.groupby(complaints["strategy"]).mean())
    return outputs


EXERCISE = ck.Exercise(
    slug="09-negative-feedback",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "most_customers_lost",
            ck.Choice(STRATEGIES),
            predict="predicted_most_lost",
            hints=(
                "Group the complaints by `strategy` and count the complaints with `churned` True.",
                "The sum of the True/False `churned` column in each group counts the customers lost; "
                "which method of a Series gives the label of its largest value?",
            ),
            wrong=(
                ck.Wrong(
                    "That strategy loses the largest *share* of its complainers, as the lesson's table "
                    "says, but it was used on only about one complaint in ten. The task asks for the most "
                    "customers lost in total: count them.",
                    when=lambda answer: str(answer).strip().lower() in ("argue", "delete"),
                    example="argue",
                ),
                ck.Wrong(
                    "That strategy answers the customer; look again at which one loses the most.",
                    when=lambda answer: str(answer).strip().lower() in ("public", "private"),
                    example="private",
                ),
            ),
        ),
        ck.Question(
            "q2",
            "outcomes",
            ck.Frame(OUTCOMES),
            hints=(
                "One row per strategy, one column per outcome: group by `strategy`.",
                "Select the four outcome columns of the groups; the mean of a True/False column is "
                "the share of True.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts. Strategies were used on different numbers of complaints, so "
                    "compare shares (the mean of each True/False column), not totals.",
                    when=_counts,
                    example=pd.DataFrame({name: [12, 3] for name in OUTCOMES}, index=["argue", "ignore"]),
                ),
                ck.Wrong(
                    "Rows and columns are swapped: put one row per strategy.",
                    when=lambda a: isinstance(a, pd.DataFrame) and set(OUTCOMES) <= set(map(str, a.index)),
                    example=pd.DataFrame(0.0, index=list(OUTCOMES), columns=list(STRATEGIES)),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "answering_value",
            ck.Number(),
            hints=(
                "Take the mean `net_value` of each strategy, then subtract ignore from private.",
                "`complaints.groupby('strategy')['net_value'].mean()` gives one mean per strategy; "
                "pick two of them by label.",
            ),
            wrong=(
                ck.Wrong(
                    "That compares totals, which depend on how often each strategy was used. "
                    "Use the mean per complaint.",
                    value=lambda data: float(
                        data.groupby("strategy")["net_value"].sum()["private"]
                        - data.groupby("strategy")["net_value"].sum()["ignore"]
                    ),
                ),
                ck.Wrong(
                    "That is the value of a fixed complaint on its own; the task asks how much more it "
                    "is worth than an ignored one.",
                    when=_private_alone,
                    example=float(build(SEED).groupby("strategy")["net_value"].mean()["private"]),
                ),
                ck.Wrong(
                    "The sign is reversed: subtract the ignored complaints' value from the fixed ones'.",
                    # A fix is worth more than silence on every draw of these data (by $30-55).
                    when=lambda answer: ck.is_real_number(answer) and math.isfinite(answer) and answer < 0,
                    example=-40.0,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "value_by_strategy",
            ck.Function(ck.Series(), cases=lambda data: [(data, 60.0), (data, 300.0)]),
            hints=(
                "Build one net value per complaint from the columns and the prices, then group by "
                "`strategy` and take the mean.",
                "True/False columns multiply as 1/0: `complaints['churned'] * customer_value` is "
                "what each lost customer costs. Add the other terms the same way, with their signs.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function ignores its `customer_value` argument (it always uses $120).",
                    value=lambda data: [data.groupby("strategy")["net_value"].mean()] * 2,
                ),
                ck.Wrong(
                    "Staff time is missing: answering costs minutes of work at $36 an hour.",
                    value=_without_staff_time,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
