"""Exercise 11 -- real followers: Northwind's posts around a purchase of followers, and an audit."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.real_followers import PURCHASE_WEEK, WEEKS
from smmlab.sim.followers import Page, precision_recall, simulate_accounts, simulate_page

#: The previous agency's purchase, and the size of the audit sample.
BOUGHT = 15_000
AUDIT_SIZE = 1_200
#: The floors a detector must reach (the exercise's stretch task).
MIN_PRECISION = 0.85
MIN_RECALL = 0.80
#: The self-check runs ``flag_fake`` on the first accounts of the published audit.
PROBE_SIZE = 400
SEED = 2026

POST_COLUMNS = ["post_id", "week", "followers", "impressions", "engagements"]
AUDIT_COLUMNS = ["account_id", "username", "followers", "following", "posts", "has_profile_picture",
                 "account_age_days", "bought"]  # fmt: skip


class ExerciseData(NamedTuple):
    """The exercise's two tables."""

    posts: pd.DataFrame
    audit: pd.DataFrame


def build(seed: int) -> ExerciseData:
    """Northwind's posts over 26 weeks, and a labelled audit sample of its followers.

    ``posts``: one row per post (``post_id``, ``week`` numbered from 0, ``followers`` shown at the
    time, ``impressions`` and ``engagements``); 15,000 followers were bought at the start of week
    13. ``audit``: 1,200 followers drawn at random after the purchase, with their public profile
    features and the label ``bought`` (True for a bought account).
    """
    page = Page(bought_followers=BOUGHT)
    posts = simulate_page(page, weeks=WEEKS, bought_from_week=PURCHASE_WEEK, seed=seed)[POST_COLUMNS]
    accounts = simulate_accounts(page.real_followers, page.bought_followers, seed=seed)
    rng = np.random.default_rng([seed, 13])
    audit = accounts.iloc[np.sort(rng.choice(len(accounts), AUDIT_SIZE, replace=False))]
    return ExerciseData(posts.reset_index(drop=True), audit[AUDIT_COLUMNS].reset_index(drop=True))


def _rate(posts: pd.DataFrame) -> pd.Series:
    return posts["engagements"] / posts["followers"]


def _after(posts: pd.DataFrame) -> pd.DataFrame:
    return posts[posts["week"] >= PURCHASE_WEEK]


def _before(posts: pd.DataFrame) -> pd.DataFrame:
    return posts[posts["week"] < PURCHASE_WEEK]


def _flagged_by_following(audit: pd.DataFrame) -> pd.Series:
    return audit["following"] > 1000


@cache
def _probe() -> pd.DataFrame:
    """The accounts the self-check runs ``flag_fake`` on, label included: the published audit's
    first rows, whatever draw the notebook loads (so that a misconception can be named)."""
    return build(SEED).audit.iloc[:PROBE_SIZE]


def _probe_scores(outputs: list) -> tuple[float, float]:
    """Precision and recall of ``flag_fake``'s flags on the probe accounts."""
    flags = np.asarray(outputs[0])
    if flags.shape != (PROBE_SIZE,) or flags.dtype != bool:
        raise ValueError("not one True/False per account")
    return precision_recall(flags, _probe()["bought"])


EXERCISE = ck.Exercise(
    slug="11-real-followers",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "er_change",
            ck.Number(share=True),
            predict="predicted_er_change",
            hints=(
                "Compute each post's rate, `engagements / followers`, then average it separately for "
                "weeks before 13 and from week 13 on.",
                "A True/False Series such as `posts['week'] >= 13` selects the posts from week 13 "
                "on, and `~` turns it round; divide the mean after by the mean before.",
            ),
            wrong=(
                ck.Wrong(
                    "That is before divided by after; the task asks for after divided by before.",
                    value=lambda data: float(
                        _rate(_before(data.posts)).mean() / _rate(_after(data.posts)).mean()
                    ),
                ),
                ck.Wrong(
                    "That compares engagements per post, which fell less; the engagement rate divides "
                    "by the follower count, which the purchase inflated.",
                    value=lambda data: float(
                        _after(data.posts)["engagements"].mean() / _before(data.posts)["engagements"].mean()
                    ),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "true_er",
            ck.Number(share=True),
            hints=(
                "The audit's `bought` column estimates the share of fake followers; the real "
                "followers are `followers * (1 - fake_share)`.",
                "Keep the posts from week 13 on; for each, divide `engagements` by its real "
                "followers, then take the mean over those posts.",
            ),
            wrong=(
                ck.Wrong(
                    "That divides by every follower, bought ones included: it is the diluted rate "
                    "the dashboard shows, not the rate among real people.",
                    value=lambda data: float(_rate(_after(data.posts)).mean()),
                ),
                ck.Wrong(
                    "That divides by the *bought* followers; the real ones are the other "
                    "`1 - fake_share` of the count.",
                    value=lambda data: float(
                        (_rate(_after(data.posts)) / data.audit["bought"].mean()).mean()
                    ),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "rule_scores",
            ck.Tuple((ck.Number(share=True), ck.Number(share=True))),
            hints=(
                "Flag `audit['following'] > 1000`. Precision: of the flagged accounts, the share "
                "bought. Recall: of the bought accounts, the share flagged.",
                "Select the flagged rows and take the mean of their `bought` column for one of "
                "the two; select the bought rows and take the mean of their flags for the other. "
                "Store them as a tuple, precision first.",
            ),
            wrong=(
                ck.Wrong(
                    "Precision and recall are swapped: precision asks how many flagged accounts are "
                    "fake, recall how many fakes were flagged.",
                    # In these audits the rule's precision is above 0.85 and its recall below 0.75.
                    when=lambda answer: float(answer[0]) < 0.8 <= float(answer[1]) <= 1,
                    example=(0.675, 0.9175),
                ),
                ck.Wrong(
                    "The first number is the accuracy (share of all accounts labelled right), not "
                    "the precision; accuracy looks good even for a rule that misses many fakes.",
                    value=lambda data: (
                        float((_flagged_by_following(data.audit) == data.audit["bought"]).mean()),
                        precision_recall(_flagged_by_following(data.audit), data.audit["bought"])[1],
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "flag_fake",
            ck.Function(
                ck.Series(text=True),
                cases=lambda _data: [(_probe().drop(columns="bought"),)],
            ),
            hints=(
                "Turn each warning sign into a True/False Series (one comparison per sign), then "
                "count the signs of each account.",
                "Adding True/False Series counts their True values row by row once the first is "
                "converted with `.astype(int)`; then compare the count with the number of signs "
                "required.",
            ),
            wrong=(
                ck.Wrong(
                    f"Your detector flags too many real followers (precision below {MIN_PRECISION:.0%}). "
                    "Flagging everything catches every fake but accuses real customers; require more "
                    "than one warning sign.",
                    when=lambda outputs: bool(np.asarray(outputs[0]).any())
                    and _probe_scores(outputs)[0] < MIN_PRECISION,
                    example=[pd.Series(True, index=range(PROBE_SIZE))],
                ),
                ck.Wrong(
                    f"Your detector misses too many bought accounts (recall below {MIN_RECALL:.0%}). One "
                    "sign alone misses the fakes that lack it; combine several signs.",
                    when=lambda outputs: _probe_scores(outputs)[1] < MIN_RECALL,
                    example=[pd.Series(False, index=range(PROBE_SIZE))],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
