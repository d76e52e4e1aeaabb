"""Exercise 01 -- a conversation, not a broadcast: Northwind's messages under a 60% broadcast split."""

from __future__ import annotations

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.conversation_not_broadcast import Scenario, run

#: The split Northwind's marketing director chose for the exercise data.
BROADCAST_SHARE = 0.6
COLUMNS = ["message_id", "week", "arrival_hour", "kind", "reply_hours", "answered", "churned"]


def build(seed: int) -> pd.DataFrame:
    """Northwind's messages: one row per message, 26 weeks.

    Columns: ``message_id``, ``week`` (0-based), ``arrival_hour``, ``kind`` (complaint, question,
    praise, lead), ``reply_hours`` (NaN when never answered), ``answered`` and ``churned``
    (the customer switched to a competitor).
    """
    result = run(Scenario(broadcast_share=BROADCAST_SHARE, seed=seed))
    messages = result.messages.reset_index(names="message_id")
    messages["kind"] = messages["kind"].astype(str)
    return messages[COLUMNS]


def _kind_share(messages: pd.DataFrame, kind: str, weeks: int) -> float:
    return float((messages[messages["week"] < weeks]["kind"] == kind).mean())


EXERCISE = ck.Exercise(
    slug="01-conversation-not-broadcast",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "first_week_top_kind",
            ck.Choice(("complaint", "question", "praise", "lead")),
            predict="predicted_top_kind",
            hints=(
                "Filter the rows of week 0, then count each kind of message.",
                "`value_counts()` on the `kind` column of those rows counts each kind; which "
                "method of a Series gives the label of its largest value?",
            ),
            wrong=(
                ck.Wrong(
                    "Leads are what a marketing channel hopes for; in the first week on a platform "
                    "the audience mostly brings something else (myth-1).",
                    when=lambda answer: str(answer).strip().lower() == "lead",
                    example="lead",
                ),
            ),
        ),
        ck.Question(
            "q2",
            "complaint_share_4w",
            ck.Number(share=True),
            hints=(
                "Keep the messages with `week < 4` (weeks are numbered from 0).",
                "The mean of a boolean column is the share of True values; compare the `kind` "
                "column of those rows with one kind of message first.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share over all 26 weeks; the task asks for the first 4 weeks only.",
                    value=lambda data: _kind_share(data, "complaint", 26),
                ),
                ck.Wrong(
                    "That includes week 4: weeks are numbered from 0, so the first four are 0 to 3.",
                    value=lambda data: _kind_share(data, "complaint", 5),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "unanswered",
            ck.Number(share=True),
            hints=(
                "The `answered` column is True or False for each message.",
                "`~` turns True into False and back; the mean of a boolean column is a share.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share *answered*; the task asks for the share never answered.",
                    value=lambda data: float(data["answered"].mean()),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "churn_by_answer",
            ck.Function(ck.Series(label=bool)),
            hints=(
                "Keep only complaints and questions: `messages['kind'].isin([...])`.",
                "Then group those rows by `answered` and summarise `churned` in each group.",
            ),
            wrong=(
                ck.Wrong(
                    "Praise and leads have no problem to solve and never churn in this model; "
                    "keep only complaints and questions before grouping.",
                    value=lambda data: data.groupby("answered")["churned"].mean(),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
