"""Exercise 01 -- a conversation, not a broadcast: Northwind's messages before and after a 60% split."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim import Audience, Inbound, Response, Team, simulate_conversation
from smmlab.sim.conversation import HOURS_PER_WEEK

#: The split before (weeks 0-12) and after (weeks 13-25) the marketing director's change.
SHARE_BEFORE = 0.4
BROADCAST_SHARE = 0.6
WEEKS_EACH = 13
#: The reply time customers expect (CARE3): an answer within it counts as fast.
FAST_HOURS = 4.0
COLUMNS = ["message_id", "week", "arrival_hour", "kind", "reply_hours", "answered", "churned"]


def _period(share: float, start_week: int, seed: int) -> pd.DataFrame:
    """``WEEKS_EACH`` weeks at one split, starting ``start_week`` weeks into the data.

    The complaint share continues its decay from ``start_week`` (the decay is exponential, so
    starting it at that week's share is the same curve). The queue starts empty: at the 40%
    split before the change the manager keeps up, so almost nothing is waiting at week 13.
    """
    inbound = Inbound(complaint_share_launch=float(Inbound().complaint_share(np.array(float(start_week)))))
    result = simulate_conversation(
        audience=Audience(),
        inbound=inbound,
        team=Team(broadcast_share=share),
        response=Response(),
        weeks=WEEKS_EACH,
        seed=seed,
    )
    messages = result.messages.copy()
    messages["week"] += start_week
    messages["arrival_hour"] += start_week * HOURS_PER_WEEK
    return messages


def build(seed: int) -> pd.DataFrame:
    """Northwind's messages over 26 weeks: one row per message.

    For the first 13 weeks the social media manager spends ``SHARE_BEFORE`` of the week on
    campaign posts; from week 13 the director's ``BROADCAST_SHARE``. Columns: ``message_id``,
    ``week`` (0-based), ``arrival_hour``, ``kind`` (complaint, question, praise, lead),
    ``reply_hours`` (NaN when never answered), ``answered`` and ``churned`` (the customer
    switched to a competitor).
    """
    later = int(np.random.SeedSequence([int(seed), 1]).generate_state(1)[0])
    messages = pd.concat(
        [_period(SHARE_BEFORE, 0, int(seed)), _period(BROADCAST_SHARE, WEEKS_EACH, later)], ignore_index=True
    )
    messages = messages.reset_index(names="message_id")
    messages["kind"] = messages["kind"].astype(str)
    return messages[COLUMNS]


def _kind_share(messages: pd.DataFrame, kind: str, weeks: int) -> float:
    return float((messages[messages["week"] < weeks]["kind"] == kind).mean())


def _problems(messages: pd.DataFrame) -> pd.DataFrame:
    return messages[messages["kind"].isin(["complaint", "question"])]


def _fast(messages: pd.DataFrame) -> pd.Series:
    return (messages["reply_hours"] <= FAST_HOURS).rename("fast")


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
            "churn_by_speed",
            ck.Function(ck.Series(label=bool)),
            hints=(
                "Keep only complaints and questions: `messages['kind'].isin([...])`. A reply was fast "
                "when `reply_hours` is at most 4 (a message never answered has NaN there).",
                "Compare `reply_hours <= 4` for those rows (NaN compares as False), then group "
                "`churned` by it and take the mean of each group.",
            ),
            wrong=(
                ck.Wrong(
                    "That groups by whether an answer came at all. A reply three days late is almost "
                    "as bad as none: group by whether it came within the 4 hours customers expect.",
                    value=lambda data: _problems(data).groupby("answered")["churned"].mean(),
                ),
                ck.Wrong(
                    "Praise and leads have no problem to solve and never churn in this model; "
                    "keep only complaints and questions before grouping.",
                    value=lambda data: data.groupby(_fast(data))["churned"].mean(),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
