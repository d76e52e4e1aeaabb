"""Exercise 12 -- engage your audience: Northwind's comments, its replies, and what customers did next."""

from __future__ import annotations

import math

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.engage_your_audience import Scenario, run

COLUMNS = ["comment_id", "week", "kind", "replied", "reply_hours", "returned", "recommends"]
#: Northwind's replies: 60% answered, median 4 hours, a wide spread (one manager, no cover at weekends).
POLICY = {"reply_rate": 0.6, "median_reply_hours": 4.0, "reply_spread": 1.3}
#: The reply-time bins of task 2 (hours): the same day split at 1, 4 and 12 hours, then 2 days.
BIN_EDGES = (0.0, 1.0, 4.0, 12.0, 48.0, math.inf)
BIN_LABELS = ("0-1h", "1-4h", "4-12h", "12-48h", "48h+")
#: The candidate reply-time targets of task 4 (hours), and the goals the self-check tries.
TARGETS = (0.5, 1.0, 2.0, 4.0, 8.0, 12.0, 24.0, 48.0)
GOALS = (0.4, 0.55, 0.6)


def build(seed: int) -> pd.DataFrame:
    """Northwind's comments over 26 weeks: one row each, with its reply and what came next.

    Columns: ``comment_id``, ``week`` (0-based), ``kind``, ``replied``, ``reply_hours`` (NaN when
    not answered), ``returned`` (the customer commented again) and ``recommends``.
    """
    return run(Scenario(seed=seed, **POLICY)).comments[COLUMNS].copy()


def _by_bin(comments: pd.DataFrame, column: str, how: str) -> pd.Series:
    """``column`` summarised (``how``) within each reply-time bin of task 2."""
    bins = pd.cut(comments["reply_hours"], list(BIN_EDGES), labels=list(BIN_LABELS))
    return comments.groupby(bins, observed=False)[column].agg(how)


def _recommend_rate(comments: pd.DataFrame, rows: pd.Series) -> float:
    return float(comments.loc[rows, "recommends"].mean())


EXERCISE = ck.Exercise(
    slug="12-engage-your-audience",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "reply_rate",
            ck.Number(share=True),
            predict="predicted_reply_rate",
            hints=(
                "The `replied` column is True for each comment Northwind answered.",
                "The mean of a True/False column is the share of True values.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share left *unanswered*; the task asks for the share answered.",
                    value=lambda comments: float((~comments["replied"]).mean()),
                ),
                ck.Wrong(
                    "That is a count of answered comments; divide by the number of comments for a share.",
                    value=lambda comments: float(comments["replied"].sum()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "engagement_by_bin",
            ck.Series(label=str),
            hints=(
                "`pd.cut` with the edges and labels of the task puts each answered comment in a bin "
                "(unanswered ones get NaN and drop out).",
                "Group the comments by those bins (with `observed=False`) and summarise `returned` "
                "in each group as a share.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts of customers who came back; bins hold different numbers of "
                    "comments, so compare shares (the mean of `returned`).",
                    value=lambda comments: _by_bin(comments, "returned", "sum"),
                ),
                ck.Wrong(
                    "That is the recommend rate; this task is about repeat engagement (`returned`).",
                    value=lambda comments: _by_bin(comments, "recommends", "mean"),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "loyalty_gap",
            ck.Number(share=True),
            hints=(
                "Two groups: comments with `reply_hours <= 4`, and comments never answered "
                "(`~comments['replied']`).",
                "Take the mean of `recommends` in each group and subtract: fast minus unanswered.",
            ),
            wrong=(
                ck.Wrong(
                    "The sign is reversed: subtract the unanswered customers' rate from the fast ones'.",
                    # Customers answered fast recommend more in every draw of these data.
                    when=lambda answer: -1 <= float(answer) < 0,
                    example=-0.38,
                ),
                ck.Wrong(
                    "That compares every answered customer, however late; the task keeps only "
                    "replies within 4 hours.",
                    value=lambda comments: (
                        _recommend_rate(comments, comments["replied"])
                        - _recommend_rate(comments, ~comments["replied"])
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "reply_time_target",
            ck.Function(ck.Number(), cases=lambda comments: [(comments, goal) for goal in GOALS]),
            hints=(
                "Loop over the candidate targets; for each, keep comments with `reply_hours <= target` "
                "and take the mean of `recommends`.",
                "Collect the targets whose rate reaches the goal; the answer is the longest of them, "
                "and 0.0 when there is none.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function returns the shortest target; the task asks for the longest one that "
                    "still meets the goal (the most relaxed promise you can afford).",
                    # At the first goal (0.4) even the 48-hour target meets it in every draw of these data.
                    when=lambda outputs: math.isclose(float(outputs[0]), min(TARGETS)),
                    example=[min(TARGETS)] * len(GOALS),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
