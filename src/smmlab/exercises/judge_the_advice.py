"""Exercise 22 -- judge the advice: a consultant's case study, its comparison group, and a
benchmark of follower growth."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.judge_the_advice import CLAIMED_FOLLOWER_GROWTH
from smmlab.sim.casestudy import BrandPanel, CaseStudy, benchmark_growth, simulate_case_study

#: The case study behind the exercise: the consultant's real effect and selection.
TRUE_EFFECT = 0.05
SELECTION = 0.9
PANEL_COLUMNS = ["brand_id", "month", "period", "group", "engagement_per_1000"]


class ExerciseData(NamedTuple):
    """The exercise's two tables."""

    panel: pd.DataFrame
    growth: pd.DataFrame


def build(seed: int) -> ExerciseData:
    """The consultant's case study and a benchmark of follower growth.

    ``panel``: one row per brand and month (300 brands, 18 months): ``brand_id``, ``month``
    (from 0), ``period`` (baseline, before, after), ``group`` (client, comparison, other) and
    ``engagement_per_1000`` (engagements per 1,000 followers per post). ``growth``: six-month
    organic follower growth of 1,000 benchmark brands (``brand_id``, ``growth_6m``).
    """
    case = simulate_case_study(
        BrandPanel(),
        CaseStudy(true_effect=TRUE_EFFECT, selection=SELECTION),
        comparison="similar",
        seed=seed,
    )
    panel = case.panel[PANEL_COLUMNS].copy()
    panel["engagement_per_1000"] = panel["engagement_per_1000"].round(3)
    growth = benchmark_growth(brands=1000, seed=seed)
    growth["growth_6m"] = growth["growth_6m"].round(4)
    return ExerciseData(panel, growth)


def _quarter_means(panel: pd.DataFrame, group: str) -> tuple[float, float]:
    rows = panel[panel["group"] == group]
    means = rows.groupby("period")["engagement_per_1000"].mean()
    return float(means["before"]), float(means["after"])


def _change(panel: pd.DataFrame, group: str) -> float:
    """Relative change of a group's mean engagement from the bad quarter to the next."""
    before, after = _quarter_means(panel, group)
    return after / before - 1


def _opposite_direction(data: ExerciseData) -> str:
    """The direction the comparison group did not take."""
    return "fell" if _change(data.panel, "comparison") > 0 else "rose"


def _gain_over_baseline(panel: pd.DataFrame) -> float:
    clients = panel[panel["group"] == "client"]
    means = clients.groupby("period")["engagement_per_1000"].mean()
    return float(means["after"] / means["baseline"] - 1)


def _comparison_before_halved(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with the comparison group's bad quarter at half its engagement: a case on which
    every typical slip of the estimate gives a clearly different number."""
    edited = panel.copy()
    rows = (edited["group"] == "comparison") & (edited["period"] == "before")
    edited.loc[rows, "engagement_per_1000"] = edited.loc[rows, "engagement_per_1000"] / 2
    return edited


def _cases(data: ExerciseData) -> list[tuple[pd.DataFrame]]:
    """The calls the self-check makes: the case study, and an edited copy of it."""
    return [(data.panel,), (_comparison_before_halved(data.panel),)]


def _level_did(panel: pd.DataFrame) -> float:
    c_before, c_after = _quarter_means(panel, "client")
    k_before, k_after = _quarter_means(panel, "comparison")
    return (c_after - c_before) - (k_after - k_before)


def _ratio_did(panel: pd.DataFrame) -> float:
    return (1 + _change(panel, "client")) / (1 + _change(panel, "comparison")) - 1


def _on_cases(estimate):
    """A wrong estimate's outputs on the self-check's cases."""
    return lambda data: [estimate(panel) for (panel,) in _cases(data)]


def _growth_column(data: ExerciseData) -> pd.Series:
    return data.growth["growth_6m"]


EXERCISE = ck.Exercise(
    slug="22-judge-the-advice",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "comparison_direction",
            ck.Choice(("rose", "fell")),
            predict="predicted_direction",
            hints=(
                "Keep the rows of the comparison group and compare the mean of the 'before' quarter "
                "with the mean of the 'after' quarter.",
                "Group those rows by `period` and take the mean of `engagement_per_1000`; then "
                "compare the two means you need.",
            ),
            wrong=(
                ck.Wrong(
                    "Brands picked because their quarter was bad tend to bounce back on their own: part "
                    "of a bad quarter is bad luck, and luck does not repeat (regression to the mean).",
                    value=_opposite_direction,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "claimed_gain",
            ck.Number(share=True),
            hints=(
                "Keep the clients' rows; take the mean of `engagement_per_1000` in the 'before' and in "
                "the 'after' period.",
                "The relative gain is the 'after' mean divided by the 'before' mean, minus 1, as the "
                "consultant reports it.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the comparison group's change; the consultant reports the clients' change.",
                    value=lambda data: _change(data.panel, "comparison"),
                ),
                ck.Wrong(
                    "That compares the 'after' quarter with the whole baseline year; the case study "
                    "compares it with the bad quarter just before (the 'before' period).",
                    value=lambda data: _gain_over_baseline(data.panel),
                ),
                ck.Wrong(
                    "Before and after are swapped: divide the 'after' mean by the 'before' mean.",
                    value=lambda data: 1 / (1 + _change(data.panel, "client")) - 1,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "follower_benchmark",
            ck.Tuple((ck.Number(share=True), ck.Number(share=True))),
            hints=(
                f"Both numbers come from the `growth_6m` column of `growth`: its median, and the share "
                f"of its values below the claimed {CLAIMED_FOLLOWER_GROWTH}.",
                "A Series has a `.median()` method; comparing it with a number gives True or False "
                "per brand, and the mean of those is a share.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of brands growing *faster* than the claim; the task asks for the "
                    "share the claim beats.",
                    value=lambda data: (
                        float(_growth_column(data).median()),
                        float((_growth_column(data) >= CLAIMED_FOLLOWER_GROWTH).mean()),
                    ),
                ),
                ck.Wrong(
                    "The two numbers are the wrong way round: first the median growth, then the share "
                    "of brands growing less than the claim.",
                    value=lambda data: (
                        float((_growth_column(data) < CLAIMED_FOLLOWER_GROWTH).mean()),
                        float(_growth_column(data).median()),
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "diff_in_diff",
            ck.Function(ck.Number(), cases=_cases),
            hints=(
                "Compute the mean 'before' and 'after' engagement of the clients and of the comparison "
                "group from the function's argument.",
                "counterfactual = clients' before + (comparison's after − comparison's before); "
                "compare the clients' 'after' mean with it as in task 2.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the difference in differences in engagements per 1,000 followers; divide "
                    "it by the counterfactual (what the clients would have had) to get a share.",
                    value=_on_cases(_level_did),
                ),
                ck.Wrong(
                    "That is the consultant's before/after claim again: subtract what the comparison "
                    "group did over the same quarters.",
                    value=_on_cases(lambda panel: _change(panel, "client")),
                ),
                ck.Wrong(
                    "That divides the two groups' growth factors (a ratio of ratios). Close, but the "
                    "task adds the comparison group's change in engagement to the clients' 'before' "
                    "level.",
                    value=_on_cases(_ratio_did),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
