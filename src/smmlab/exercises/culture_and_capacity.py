"""Exercise 16 -- culture and capacity: the same 12 weeks of messages under rosters of 1 to 8 people."""

from __future__ import annotations

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.culture_and_capacity import Scenario, run
from smmlab.sim import benchmarks

#: Northwind one year on (60,000 followers, the fact sheet); shifts round the clock, half of each
#: shift with customers.
FOLLOWERS = int(benchmarks.value("followers_one_year_on"))
COVERAGE = "round-the-clock"
ANSWERING_SHARE = 0.5
PEOPLE = range(1, 9)
WEEKS = 12
SEED = 2026
COLUMNS = ["people", "message_id", "week", "arrival_hour", "kind", "waited_hours", "reply_hours", "answered"]
WAITING_COLUMNS = ("median_reply_hours", "within_4h", "unanswered")


def build(seed: int) -> pd.DataFrame:
    """The same 12 weeks of messages answered by 1 to 8 people, round the clock, half their time.

    Columns: ``people`` (head count of the roster), ``message_id``, ``week``, ``arrival_hour``,
    ``kind``, ``waited_hours`` (until someone started; 72 for messages never answered),
    ``reply_hours`` (NaN when never answered) and ``answered``.
    """
    tables = []
    for people in PEOPLE:
        result = run(
            Scenario(
                people=people,
                answering_share=ANSWERING_SHARE,
                coverage=COVERAGE,
                followers=FOLLOWERS,
                weeks=WEEKS,
                seed=seed,
            )
        )
        tables.append(result.messages.assign(people=people))
    return pd.concat(tables, ignore_index=True)[COLUMNS]


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _within_4h_of_replies(messages: pd.DataFrame) -> float:
    """Share within 4 hours among the *answered* messages only; NaN where that hides no mistake."""
    replies = messages["reply_hours"].dropna()
    share = float((replies <= 4).mean()) if len(replies) else float("nan")
    return share if share > 0 else float("nan")  # 0 of the answered is also 0 of all: no slip to name


def _mean_reply(messages: pd.DataFrame) -> pd.Series:
    return messages.groupby("people")["reply_hours"].mean()


def _within_4h_by_people_of_replies(messages: pd.DataFrame) -> pd.Series:
    """Share within 4 hours among answered messages, by roster; all NaN where that hides no mistake."""
    replies = messages.dropna(subset=["reply_hours"])
    shares = replies.groupby("people")["reply_hours"].apply(lambda hours: (hours <= 4).mean())
    missed = messages["reply_hours"].isna().groupby(messages["people"]).any()
    if not ((shares > 0) & missed.reindex(shares.index, fill_value=False)).any():
        return shares * float("nan")  # no roster both missed messages and replied within 4 h
    return shares


EXERCISE = ck.Exercise(
    slug="16-culture-and-capacity",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "one_manager_within_4h",
            ck.Number(share=True),
            predict="predicted_within_4h",
            hints=(
                "Keep the rows with `people == 1`, then compare `reply_hours` with 4.",
                "The mean of a True/False Series is the share of True. A message never answered has "
                "`reply_hours` NaN, and NaN <= 4 is False: it counts as not within 4 hours, as it should.",
            ),
            wrong=(
                ck.Wrong(
                    "That leaves out the messages never answered; they did not get a reply within 4 "
                    "hours either, so keep them in the denominator.",
                    value=lambda data: _within_4h_of_replies(data[data["people"] == 1]),
                ),
                ck.Wrong(
                    "That mixes all eight rosters; keep only the rows with one person.",
                    value=lambda data: float((data["reply_hours"] <= 4).mean()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "waiting",
            ck.Frame(WAITING_COLUMNS, label=int),
            hints=(
                "Group by `people`. The median of `reply_hours` skips NaN; the two shares are means of "
                "True/False values computed within each group.",
                "`g = messages.groupby('people')` gives one group per roster, and "
                "`g['reply_hours'].median()` is the first column. For the shares, apply a function to "
                "each group's `reply_hours` and `answered`; then put the three Series in one "
                "`pd.DataFrame({...})` under the column names of the task.",
            ),
            wrong=(
                ck.Wrong(
                    "`median_reply_hours` holds means. A few very long waits pull the mean far above "
                    "what a typical customer waits; use the median.",
                    column="median_reply_hours",
                    value=_mean_reply,
                ),
                ck.Wrong(
                    "`within_4h` leaves out the messages never answered; they count as not answered "
                    "within 4 hours.",
                    column="within_4h",
                    value=_within_4h_by_people_of_replies,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "backlog",
            ck.Series(label=int),
            hints=(
                "Little's law: the average number waiting equals the total hours spent waiting divided "
                "by the length of the period (12 weeks of 168 hours).",
                "Sum `waited_hours` within each roster (group by `people`); then divide by the "
                "number of hours in the period, not by the number of weeks.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the average wait of one message, in hours. The backlog is how many messages "
                    "wait at once: total waiting hours divided by the hours in the period.",
                    value=lambda data: data.groupby("people")["waited_hours"].mean(),
                ),
                ck.Wrong(
                    "Divide by the hours in the period (12 × 168), not by the number of weeks.",
                    value=lambda data: data.groupby("people")["waited_hours"].sum() / WEEKS,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "people_needed",
            ck.Function(
                ck.Number(),
                cases=lambda data: [
                    (data.copy(), target, share)
                    for target, share in ((4.0, 0.9), (1.0, 0.9), (1.0, 0.5), (0.25, 0.99))
                ],
            ),
            hints=(
                "For each head count, compute the share of messages with `reply_hours <= target_hours`.",
                "Keep the head counts whose share is at least `share` and return the smallest as an "
                "int, or 0 when the list is empty.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function returns the largest head count; the task asks for the fewest people "
                    "that meet the target.",
                    when=lambda outputs: int(outputs[0]) == max(PEOPLE),
                    example=[max(PEOPLE), max(PEOPLE), max(PEOPLE), 0],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
