"""Exercise 10 -- spam backfires: 21 test accounts, each with its own share of promotional posts."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.spam_backfires import RELEVANCE, SHARES
from smmlab.sim import Schedule, simulate_feed

COLUMNS = ["promo_share", "week", "posts", "impressions", "engagements", "clicks", "follows",
           "unfollows", "followers"]  # fmt: skip
WEEKS = 26
POSTS_PER_WEEK = 5.0
#: The horizons (weeks) of the cases the self-check runs ``follower_flow`` on.
HORIZONS = (8, 13, 26)
FLOWS = ("follows", "unfollows")


def build(seed: int) -> pd.DataFrame:
    """Northwind's test accounts: one per promotional share (0%, 5%, ..., 100%), 26 weeks each.

    One row per share and week: ``promo_share``, ``week`` (from 0), ``posts``, ``impressions``,
    ``engagements``, ``clicks`` (shop clicks), ``follows`` (new followers), ``unfollows`` and
    ``followers`` (end of week). Each account has its own seed, derived from ``seed`` (any seed
    the grader draws, up to 2**32 - 1).
    """
    seeds = np.random.SeedSequence([int(seed), 10]).generate_state(len(SHARES))
    tables = []
    for share, account_seed in zip(SHARES, seeds, strict=True):
        result = simulate_feed(
            Schedule(posts_per_week=POSTS_PER_WEEK, promo_share=float(share), relevance=RELEVANCE),
            days=WEEKS * 7,
            seed=int(account_seed),
        )
        tables.append(result.weekly().assign(promo_share=float(share)))
    return pd.concat(tables, ignore_index=True)[COLUMNS]


def _share_label(value) -> str:
    """A promotional share as an index label: 0.05 and 0.05000000001 read alike."""
    return f"{float(value):.2f}"


def _cases(trials: pd.DataFrame) -> list[tuple]:
    """The calls the self-check makes: the first 8, 13 and 26 weeks."""
    return [(trials, weeks) for weeks in HORIZONS]


def _flows(rows: pd.DataFrame, how: str = "sum") -> pd.DataFrame:
    """New followers and unfollows of each account over ``rows`` (summed, or another aggregate)."""
    return rows.groupby("promo_share")[list(FLOWS)].agg(how)


def _outputs(pick: Callable[[pd.DataFrame, int], pd.DataFrame]) -> Callable[[pd.DataFrame], list]:
    """A wrong ``follower_flow``'s outputs on the self-check's cases: ``pick(trials, weeks)`` each."""
    return lambda trials: [pick(case, weeks) for case, weeks in _cases(trials)]


EXERCISE = ck.Exercise(
    slug="10-spam-backfires",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "spam_ratio",
            ck.Number(),
            predict="predicted_spam_ratio",
            hints=(
                "Add up `clicks` for `promo_share == 1.0` and for `promo_share == 0.2`, then divide.",
                "Group the rows by `promo_share` and sum `clicks` to get one total per account; "
                "then pick the two totals with `.loc[...]`.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the ratio the other way round: clicks at 20% over clicks at 100%.",
                    value=lambda trials: float(
                        trials.loc[trials["promo_share"] == 0.2, "clicks"].sum()
                        / trials.loc[trials["promo_share"] == 1.0, "clicks"].sum()
                    ),
                ),
                ck.Wrong(
                    "Five times the links is not five times the clicks: that assumes followers, reach "
                    "and interest stay put while the feed fills with sales posts (mistake-5).",
                    when=lambda answer: math.isclose(float(answer), 5.0, rel_tol=0.05),
                    example=5.0,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "clicks_by_share",
            ck.Series(label=_share_label),
            hints=(
                "One total per test account: group the rows by `promo_share`.",
                "Sum the `clicks` column within each group (all 26 weeks), not the mean.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the mean number of clicks per week; the task asks for the total over "
                    "all 26 weeks.",
                    value=lambda trials: trials.groupby("promo_share")["clicks"].mean(),
                ),
                ck.Wrong(
                    "Those are impressions, not shop clicks: posts without a link reach the most "
                    "people but send nobody to the shop.",
                    value=lambda trials: trials.groupby("promo_share")["impressions"].sum(),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "rule_8020_vs_best",
            ck.Number(share=True),
            hints=(
                "Divide the total clicks at a 20% promotional share by the largest total of any share.",
                "With one total per share (task 2), a Series' `.max()` gives the largest value.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the ratio the other way round (best over 80/20).",
                    when=lambda answer: 1.0 + 1e-9 < float(answer) < 20,
                    example=1.17,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "follower_flow",
            ck.Function(ck.Frame(FLOWS, label=_share_label), cases=_cases),
            hints=(
                "Keep the rows with `week < weeks` (weeks are numbered from 0), then total the "
                "`follows` and `unfollows` of each share.",
                "Group the kept rows by `promo_share` and select the two columns as a list, "
                "`[['follows', 'unfollows']]`, before you sum.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function ignores `weeks`: it always uses all 26 weeks.",
                    value=_outputs(lambda trials, _weeks: _flows(trials)),
                ),
                ck.Wrong(
                    "Weeks are numbered from 0, so the first 8 weeks are 0 to 7: use `week < weeks`.",
                    value=_outputs(lambda trials, weeks: _flows(trials[trials["week"] <= weeks])),
                ),
                ck.Wrong(
                    "Those are the means per week; the task asks for the totals over the first "
                    "`weeks` weeks.",
                    value=_outputs(lambda trials, weeks: _flows(trials[trials["week"] < weeks], "mean")),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
