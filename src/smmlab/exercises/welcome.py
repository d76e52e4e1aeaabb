"""Exercise 00 -- warm-up: one simulated week of Northwind's posts on four platforms."""

from __future__ import annotations

import pandas as pd

from smmlab import checks as ck
from smmlab.sim import simulate_posts
from smmlab.sim.platforms import PLATFORMS, northwind_platforms

COLUMNS = ["post_id", "platform", "day", "followers", "engagements"]
#: Weeks drawn to find the exercise's week, and the posts every account must have in it.
WEEKS_DRAWN = 26
MIN_POSTS = 3


def build(seed: int) -> pd.DataFrame:
    """One simulated week of Northwind's posts: one row per post.

    The week is the first of ``WEEKS_DRAWN`` simulated weeks in which every account published at
    least ``MIN_POSTS`` posts, so that each platform's rate is defined on every draw of the data.
    Columns: ``post_id``, ``platform``, ``day`` (Mon…Sun), ``followers`` (of the account) and
    ``engagements`` (likes, comments, shares and clicks on the post).
    """
    posts = simulate_posts(northwind_platforms(), weeks=WEEKS_DRAWN, seed=seed)
    counts = (
        posts.groupby(["week", "platform"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=range(WEEKS_DRAWN), columns=PLATFORMS, fill_value=0)
        .min(axis=1)
    )
    week = int((counts >= MIN_POSTS).idxmax()) if (counts >= MIN_POSTS).any() else int(counts.idxmax())
    chosen = posts[posts["week"] == week].reset_index(drop=True)
    chosen["post_id"] = range(len(chosen))
    return chosen[COLUMNS].copy()


def _rates(posts: pd.DataFrame) -> pd.Series:
    return posts["engagements"] / posts["followers"]


def _facebook(posts: pd.DataFrame) -> pd.DataFrame:
    return posts[posts["platform"] == "Facebook"]


EXERCISE = ck.Exercise(
    slug="00-welcome",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "fb_engagements",
            ck.Number(),
            predict="predicted_fb_engagements",
            hints=(
                "Keep the Facebook rows, then look at the `engagements` of a typical post: the middle "
                "value, which one viral post cannot drag up.",
                "`posts[posts['platform'] == 'Facebook']` keeps the Facebook posts; which method of a "
                "Series gives its middle value?",
            ),
            wrong=(
                ck.Wrong(
                    "That is the mean, which one strong post drags up; the typical post is the median.",
                    value=lambda posts: float(_facebook(posts)["engagements"].mean()),
                ),
                ck.Wrong(
                    "That is the week's total over all Facebook posts; the task asks for one typical post.",
                    value=lambda posts: float(_facebook(posts)["engagements"].sum()),
                ),
                ck.Wrong(
                    "That is the median post of all four platforms; keep only the Facebook posts.",
                    value=lambda posts: float(posts["engagements"].median()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "fb_rate",
            ck.Number(share=True),
            hints=(
                "Keep the Facebook rows, divide `engagements` by `followers` for each post, then average.",
                "`fb = posts[posts['platform'] == 'Facebook']` keeps the Facebook posts; divide one "
                "of its columns by the other, then take the mean.",
            ),
            wrong=(
                ck.Wrong(
                    "That is engagements per post. A rate divides by the followers who could have engaged.",
                    value=lambda posts: float(_facebook(posts)["engagements"].mean()),
                ),
                ck.Wrong(
                    "That averages all platforms; keep only the Facebook posts.",
                    value=lambda posts: float(_rates(posts).mean()),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "engagement_rates",
            ck.Function(ck.Series()),
            hints=(
                "Compute each post's rate, then group it by `platform` and summarise each group.",
                "`rate.groupby(posts['platform'])` groups the rates; the task asks for the middle "
                "value of each group, not the average.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are means. The task (like Rival IQ, ENG1) asks for medians, which one viral "
                    "post cannot drag up.",
                    value=lambda posts: _rates(posts).groupby(posts["platform"]).mean(),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
