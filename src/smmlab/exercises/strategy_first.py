"""Exercise 06 -- strategy first: Northwind's first half-year under its plan, measured by KPIs."""

from __future__ import annotations

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.strategy_first import START_FOLLOWERS, TARGETS, Scenario, simulate

COLUMNS = ["week", "posts", "impressions", "engagements", "clicks", "follows", "unfollows", "followers"]
#: Targets of another team, for checking that a report follows its ``targets`` argument.
OTHER_TARGETS = {"clicks": 10_000.0, "engagement_rate": 0.01}


def build(seed: int) -> pd.DataFrame:
    """Northwind's first half-year under its plan: one row per week (``week`` from 0).

    Columns: ``week``, ``posts``, ``impressions``, ``engagements``, ``clicks`` (shop clicks),
    ``follows``, ``unfollows`` and ``followers`` (end of week; 20,000 at the start).
    """
    plan = Scenario()
    result = simulate(plan.relevance, plan.promo_share, plan.burstiness, int(seed))
    return result.weekly()[COLUMNS]


def _mean_weekly_rate(weekly: pd.DataFrame) -> float | None:
    """The mean of the weekly rates; None when it lies too close to the KPI to tell them apart.

    With steady posting the two differ by only a few tenths of a percent, less than a self-check
    can tell on many draws; a right answer must never be named a misconception.
    """
    mean = float((weekly["engagements"] / weekly["impressions"]).mean())
    kpi = float(weekly["engagements"].sum() / weekly["impressions"].sum())
    return None if abs(mean / kpi - 1) < 2e-3 else mean


def _follows_only(weekly: pd.DataFrame) -> float | None:
    return float(weekly["follows"].sum() / START_FOLLOWERS) if weekly["unfollows"].sum() > 0 else None


def _report_cases(weekly: pd.DataFrame) -> list[tuple[pd.DataFrame, dict[str, float]]]:
    """The calls the self-check makes: Northwind's targets, then another team's."""
    return [(weekly, dict(TARGETS)), (weekly, dict(OTHER_TARGETS))]


def _fixed_targets(outputs: list) -> bool:
    """The report for another team's targets still lists Northwind's KPIs."""
    other = outputs[-1]
    return isinstance(other, pd.DataFrame) and {str(k) for k in other.index} == set(TARGETS)


def _northwind_rows(met: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {"target": list(TARGETS.values()), "actual": [0.0] * len(TARGETS), "met": [met] * len(TARGETS)},
        index=list(TARGETS),
    )


EXERCISE = ck.Exercise(
    slug="06-strategy-first",
    build=build,
    # A draw on which the mean of the weekly engagement rates differs from the KPI by more than
    # a self-check can tell (0.27%), so that this misconception shows on the published data.
    seed=2179,
    questions=(
        ck.Question(
            "q1",
            "engagement_rate",
            ck.Number(share=True),
            predict="predicted_engagement_rate",
            hints=(
                "Engagement rate here means engagements per impression over the whole half-year.",
                "Add up each column over all 26 weeks first; the ratio of the two sums is the KPI "
                "(not an average of weekly ratios).",
            ),
            wrong=(
                ck.Wrong(
                    "That is the mean of the weekly rates, which gives a quiet week as much weight as a "
                    "busy one. Divide the total engagements by the total impressions.",
                    value=_mean_weekly_rate,
                ),
                ck.Wrong(
                    "You divided by followers (Rival IQ's definition). The KPI in this plan divides by "
                    "impressions; a KPI is only measurable when its definition is written down.",
                    value=lambda weekly: float(weekly["engagements"].sum() / weekly["followers"].mean()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "follower_growth",
            ck.Number(share=True),
            hints=(
                f"Growth = followers at the end of the last week / followers at the start "
                f"({START_FOLLOWERS:,}) - 1.",
                "`weekly['followers']` holds the count at the end of each week; `.iloc[-1]` picks the "
                "last one.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the number of followers gained; the KPI is growth as a share of the start.",
                    value=lambda weekly: float(weekly["followers"].iloc[-1] - START_FOLLOWERS),
                ),
                ck.Wrong(
                    "You counted new followers but not those who left: use the follower count at the "
                    "end, which nets out unfollows.",
                    value=_follows_only,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "kpi_report",
            ck.Function(ck.Frame(("target", "actual", "met")), cases=_report_cases),
            hints=(
                "Compute the four actual values as in tasks 1 and 2 (impressions and clicks are "
                "totals), keep those named in `targets`, and compare each with its target.",
                "A dict of the four actual values lets you pick `actual[k]` for each `k` in `targets`; "
                "build the table with `index=list(targets)`, then add the `met` column.",
            ),
            wrong=(
                ck.Wrong(
                    "Your report works for Northwind's targets only; use the `targets` argument "
                    "(its keys and values) rather than fixed ones.",
                    when=_fixed_targets,
                    example=[_northwind_rows(True), _northwind_rows(False)],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
