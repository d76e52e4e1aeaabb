"""Exercise 15 -- post regularly: Northwind's half-year, steady posting and then bursts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim import Schedule, posting_calendar, simulate_feed

COLUMNS = ["post_id", "day", "week", "hour", "promotional", "impressions", "engagements", "clicks"]
WEEKS = 26
POSTS_PER_WEEK = 5.0
#: The first week of the trade-fair season, when posts start to come in bursts.
SWITCH_WEEK = 8
BURSTINESS = 0.9
#: The ``min_gap`` values the self-check runs ``reach_after_gap`` with on the posts.
MIN_GAPS = (2, 4)


def _calendar(seed: int) -> np.ndarray:
    """Posts a day: weeks 0-7 evenly spread, weeks 8-25 in bursts, 5 posts a week on average."""
    steady, bursty = SWITCH_WEEK * 7, (WEEKS - SWITCH_WEEK) * 7
    return np.concatenate(
        [
            posting_calendar(POSTS_PER_WEEK, steady, 0.0, seed),
            posting_calendar(POSTS_PER_WEEK, bursty, BURSTINESS, seed),
        ]
    )


def build(seed: int) -> pd.DataFrame:
    """Northwind's posts over 26 weeks: regular in weeks 0-7, in bursts in weeks 8-25.

    One row per post, in order of publication: ``post_id``, ``day`` (from 0), ``week`` (from 0),
    ``hour``, ``promotional``, ``impressions``, ``engagements``, ``clicks``.
    """
    result = simulate_feed(
        Schedule(posts_per_week=POSTS_PER_WEEK), days=WEEKS * 7, seed=int(seed), calendar=_calendar(int(seed))
    )
    return result.posts[COLUMNS].reset_index(drop=True)


# ---- the self-check's cases for reach_after_gap ------------------------------------------------

#: A made-up week of posts, checked with ``min_gap=4``: the first post is a viral outlier, and the
#: two posts after a gap come exactly 4 days after the previous one.
_TOY_DAYS = (0, 1, 2, 6, 7, 11)
_TOY_IMPRESSIONS = (9000, 120, 80, 300, 100, 260)
TOY_POSTS = pd.DataFrame(
    {
        "post_id": range(len(_TOY_DAYS)),
        "day": _TOY_DAYS,
        "week": [day // 7 for day in _TOY_DAYS],
        "hour": 12.0,
        "promotional": False,
        "impressions": _TOY_IMPRESSIONS,
        "engagements": 0,
        "clicks": 0,
    }
)
TOY_CASE = len(MIN_GAPS)  # where the made-up posts come among the cases


def _gap_cases(posts: pd.DataFrame) -> list[tuple]:
    return [*((posts, gap) for gap in MIN_GAPS), (TOY_POSTS.copy(), 4)]


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _longest_silence(posts: pd.DataFrame) -> int:
    """The longest run of days without a post, between the first post and the last."""
    posted = np.bincount(posts["day"].to_numpy(), minlength=int(posts["day"].max()) + 1) > 0
    posted = posted[int(posts["day"].min()) :]
    longest = run = 0
    for day_posted in posted:
        run = 0 if day_posted else run + 1
        longest = max(longest, run)
    return longest


def _totals_ratio(posts: pd.DataFrame) -> float:
    late = posts["week"] >= SWITCH_WEEK
    return float(posts.loc[late, "impressions"].sum() / posts.loc[~late, "impressions"].sum())


def _first_post_counted(outputs: list) -> bool:
    """On the made-up posts, the viral first post (9,000 impressions) landed in the ``False`` mean."""
    return float(outputs[TOY_CASE][False]) > 1000


def _exact_gap_left_out(outputs: list) -> bool:
    """On the made-up posts, whose gaps are exactly ``min_gap``, no post came out as after a gap."""
    return True not in {bool(label) for label in outputs[TOY_CASE].index}


def _example(toy: pd.Series) -> list[pd.Series]:
    """A function's outputs that are ordinary on the posts and ``toy`` on the made-up ones."""
    ordinary = pd.Series({False: 600.0, True: 180.0})
    return [*(ordinary for _ in MIN_GAPS), toy]


EXERCISE = ck.Exercise(
    slug="15-post-regularly",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "longest_gap",
            ck.Number(),
            predict="predicted_longest_gap",
            hints=(
                "Sort the posts by `day`, then take the difference between each post's day and the "
                "previous post's day.",
                "A Series' `.diff()` gives each value minus the one before it; which of those "
                "differences do you want?",
            ),
            wrong=(
                ck.Wrong(
                    "That counts the silent days between the posts; the task asks for the gap in days "
                    "from one post's day to the next (one more).",
                    value=_longest_silence,
                ),
                ck.Wrong(
                    "That is the last day with a post, not a gap: take differences between consecutive days.",
                    value=lambda posts: int(posts["day"].max()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "reach_ratio",
            ck.Number(),
            hints=(
                f"Average `impressions` over the posts of weeks {SWITCH_WEEK}-25, and over those of "
                f"weeks 0-{SWITCH_WEEK - 1} (weeks are numbered from 0), then divide.",
                "Select the rows of each period with a condition on `week`, take the mean of their "
                "`impressions`, and divide the bursty period's mean by the regular period's.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the ratio the other way round: regular period over irregular period.",
                    when=lambda answer: float(answer) > 1,
                    example=2.9,
                ),
                ck.Wrong(
                    "That compares total impressions; the task asks for the mean per post.",
                    value=_totals_ratio,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "reach_after_gap",
            ck.Function(ck.Series(label=bool), cases=_gap_cases),
            hints=(
                "Sort by `day`, compute each post's gap with `.diff()`, drop the first post (it has "
                "no previous post), then group the impressions by `gap >= min_gap`.",
                "The first post's gap is NaN: keep the rows where the gap is not NaN "
                "(`.notna()`), and group those rows' `impressions` by whether their gap reaches "
                "`min_gap`.",
            ),
            wrong=(
                ck.Wrong(
                    "The first post has no previous post, so it has no gap; leave it out rather than "
                    "counting it as a gap of 0.",
                    when=_first_post_counted,
                    example=_example(pd.Series({False: 2325.0, True: 280.0})),
                ),
                ck.Wrong(
                    "Use `>= min_gap`: a post exactly `min_gap` days after the previous one counts as "
                    "after a gap.",
                    when=_exact_gap_left_out,
                    example=_example(pd.Series({False: 172.0})),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
