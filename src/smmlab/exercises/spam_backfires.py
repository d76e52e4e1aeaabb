"""Exercise 10 -- spam backfires: 21 test accounts, each with its own share of promotional posts."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.spam_backfires import RELEVANCE, SHARES
from smmlab.sim import Schedule, simulate_feed

COLUMNS = ["promo_share", "week", "posts", "impressions", "engagements", "clicks", "unfollows", "followers"]
WEEKS = 26
POSTS_PER_WEEK = 5.0
#: The horizons (weeks) of the cases the self-check runs ``best_share`` on.
HORIZONS = (8, 13)


def build(seed: int) -> pd.DataFrame:
    """Northwind's test accounts: one per promotional share (0%, 5%, ..., 100%), 26 weeks each.

    One row per share and week: ``promo_share``, ``week`` (from 0), ``posts``, ``impressions``,
    ``engagements``, ``clicks`` (shop clicks), ``unfollows`` and ``followers`` (end of week).
    """
    tables = []
    for index, share in enumerate(SHARES):
        result = simulate_feed(
            Schedule(posts_per_week=POSTS_PER_WEEK, promo_share=float(share), relevance=RELEVANCE),
            days=WEEKS * 7,
            seed=int(seed) * 100 + index,
        )
        tables.append(result.weekly().assign(promo_share=float(share)))
    return pd.concat(tables, ignore_index=True)[COLUMNS]


def _share_label(value) -> str:
    """A promotional share as an index label: 0.05 and 0.05000000001 read alike."""
    return f"{float(value):.2f}"


def _late_spike(trials: pd.DataFrame, week: int) -> pd.DataFrame:
    """The runs with a huge week ``week`` for the 0% account (which has no shop links, so no clicks
    before): a function that counts week ``week`` into the first ``week`` weeks picks 0%."""
    edited = trials.copy()
    edited.loc[(edited["promo_share"] == 0) & (edited["week"] == week), "clicks"] = 10**6
    return edited


def _early_spike(trials: pd.DataFrame) -> pd.DataFrame:
    """The runs with one record week 0 for the 0% account, and nothing else: the single best
    week of all, yet far from the best total."""
    edited = trials.copy()
    record = int(trials["clicks"].max()) + 1
    edited.loc[(edited["promo_share"] == 0) & (edited["week"] == 0), "clicks"] = record
    return edited


def _cases(trials: pd.DataFrame) -> list[tuple]:
    """The calls the self-check makes: two horizons, then the two edited tables."""
    return [
        *((trials, weeks) for weeks in HORIZONS),
        (_late_spike(trials, HORIZONS[0]), HORIZONS[0]),
        (_early_spike(trials), HORIZONS[1]),
    ]


def _leader(rows: pd.DataFrame, column: str = "clicks") -> float:
    """The promotional share whose rows sum to the most ``column``."""
    return float(rows.groupby("promo_share")[column].sum().idxmax())


def _outputs(pick: Callable[[pd.DataFrame, int], float]) -> Callable[[pd.DataFrame], list[float]]:
    """A wrong ``best_share``'s outputs on the self-check's cases: ``pick(trials, weeks)`` each."""
    return lambda trials: [pick(case, weeks) for case, weeks in _cases(trials)]


def _best_single_week(trials: pd.DataFrame, weeks: int) -> float:
    first = trials[trials["week"] < weeks]
    return float(first.loc[first["clicks"].idxmax(), "promo_share"])


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
                "Divide the total clicks at a 20% promotional share by the largest total of any "
                "share.",
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
            "best_share",
            ck.Function(ck.Number(), cases=_cases),
            hints=(
                "Keep the rows with `week < weeks` (weeks are numbered from 0), then total the "
                "clicks of each share as in task 2.",
                "A Series' `.idxmax()` gives the label of its largest value; return it as a "
                "`float`.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function ignores `weeks`: it always uses all 26 weeks.",
                    value=_outputs(lambda trials, _weeks: _leader(trials)),
                ),
                ck.Wrong(
                    "Weeks are numbered from 0, so the first 8 weeks are 0 to 7: use `week < weeks`.",
                    value=_outputs(lambda trials, weeks: _leader(trials[trials["week"] <= weeks])),
                ),
                ck.Wrong(
                    "That share has the most impressions, not the most clicks: posts without a link "
                    "reach the most people but send nobody to the shop.",
                    value=_outputs(
                        lambda trials, weeks: _leader(trials[trials["week"] < weeks], "impressions")
                    ),
                ),
                ck.Wrong(
                    "That is the share with the single best week. Add up all the weeks: unfollows "
                    "early on cost clicks in every later week.",
                    value=_outputs(_best_single_week),
                ),
                ck.Wrong(
                    "More links do not mean more clicks: the all-promotion account loses followers "
                    "and reach (mistake-5).",
                    when=lambda outputs: all(math.isclose(float(o), 1.0) for o in outputs),
                    example=[1.0] * 4,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
