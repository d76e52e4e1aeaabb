"""Exercise 07 -- track results and adjust: two weeks of Northwind's six ads, never paused."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim import benchmarks
from smmlab.sim.ads import AdCampaign, simulate_ad_campaigns

#: The published report: a fortnight whose first morning looks misleading (five of six ads above
#: target on day 1, two of them good ads) and whose CPA so far flatters a good ad's weak start.
SEED = 2986
DAYS = 14
CAMPAIGN_DAYS = int(benchmarks.value("ad_campaign_days"))
TARGET_CPA = benchmarks.value("target_cpa")
DAILY_BUDGET = benchmarks.value("ad_daily_budget")


def build(seed: int) -> pd.DataFrame:
    """The first two weeks of Northwind's campaign, never paused: one row per ad and day.

    Columns: ``day`` (1-14), ``ad`` (A-F), ``impressions``, ``clicks``, ``conversions`` and
    ``spend`` (USD).
    """
    return simulate_ad_campaigns(campaign=AdCampaign(days=DAYS), rule="never", seed=seed).daily()


def _small_report() -> pd.DataFrame:
    """A two-day report of three made-up ads, a case on which the typical wrong rules differ from
    the task's: X is clearly too expensive, Y costs $100 a conversion on a single conversion
    (unlucky, not clearly weak), Z is cheap; X has the highest click-through rate."""
    rows = [
        (day, ad, impressions // 2, clicks // 2, conversions, spend / 2)
        for ad, impressions, clicks, per_day, spend in (
            ("X", 20_000, 300, (10, 10), 2000.0),
            ("Y", 5_000, 40, (0, 1), 100.0),
            ("Z", 10_000, 50, (10, 10), 200.0),
        )
        for day, conversions in zip((1, 2), per_day, strict=True)
    ]
    return pd.DataFrame(rows, columns=["day", "ad", "impressions", "clicks", "conversions", "spend"])


def _published(data: pd.DataFrame) -> bool:
    """True on the published report; a few wrong answers are named there only, because on another
    draw they can coincide with the right one."""
    return ck.published_seed(SEED) == SEED


def _priced_above_day_one(report: pd.DataFrame) -> int | None:
    """Day-1 ads above target counting only those with a conversion (None if every ad had one)."""
    first = report[report["day"] == 1]
    if not (first["conversions"] == 0).any():
        return None
    return int(((first["conversions"] > 0) & (first["spend"] > TARGET_CPA * first["conversions"])).sum())


def _naive_pause(report: pd.DataFrame, target_cpa: float) -> list[str]:
    totals = report.groupby("ad")[["spend", "conversions"]].sum()
    so_far = totals["spend"] / totals["conversions"]
    return sorted(str(ad) for ad in so_far.index[so_far > target_cpa])


def _ctr(report: pd.DataFrame) -> pd.Series:
    totals = report.groupby("ad")[["impressions", "clicks"]].sum()
    return totals["clicks"] / totals["impressions"]


def _ctr_pause(report: pd.DataFrame) -> list[str]:
    ctr = _ctr(report)
    return sorted(str(ad) for ad in ctr.index[ctr < ctr.mean()])


def _wald_table(report: pd.DataFrame) -> pd.DataFrame:
    ctr, impressions = _ctr(report), report.groupby("ad")["impressions"].sum()
    half = 1.96 * np.sqrt(ctr * (1 - ctr) / impressions)
    return pd.DataFrame({"ctr": ctr, "low": ctr - half, "high": ctr + half})


def _percentages(answer: object) -> bool:
    """Rates given in percent: no ad has anywhere near half its impressions clicked."""
    return (
        isinstance(answer, pd.DataFrame)
        and {"ctr", "low", "high"} <= set(answer.columns)
        and float(answer["ctr"].max()) > 0.5
    )


def _whole_campaign(answer: object) -> bool:
    """A saving for all 28 days: a multiple of 28 days' budget, for more ads than ever look expensive."""
    if not ck.is_real_number(answer) or float(answer) <= 0:
        return False
    ads = float(answer) / (DAILY_BUDGET * CAMPAIGN_DAYS)
    return math.isclose(ads, round(ads)) and 2 * round(ads) > len(_naive_pause(data(), TARGET_CPA))


EXERCISE = ck.Exercise(
    slug="07-track-and-adjust",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "n_above_target_day1",
            ck.Number(),
            predict="predicted_n_above_day1",
            hints=(
                "Keep the rows of day 1; an ad's cost per conversion is its spend divided by its "
                "conversions. An ad with no conversion at all has an infinite CPA.",
                "`first['conversions'] == 0` marks the ads with nothing to show; count them together "
                "with the ads whose spend is above 30 times their conversions.",
            ),
            wrong=(
                ck.Wrong(
                    "You left out the ads with no conversion on day 1. Spend with nothing to show for "
                    "it is the most expensive result of all: count them as above target.",
                    value=_priced_above_day_one,
                ),
                ck.Wrong(
                    "That counts ads above target over all 14 days; the task asks about day 1 alone.",
                    value=lambda data: len(_naive_pause(data, TARGET_CPA)) if _published(data) else None,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "cpa_by_ad",
            ck.Series(),
            hints=(
                "Group the report by `ad` and add up `spend` and `conversions` over the 14 days.",
                "`report.groupby('ad')[['spend', 'conversions']].sum()` gives one row of totals per "
                "ad; divide one column by the other.",
            ),
            wrong=(
                ck.Wrong(
                    "You averaged the daily CPAs. A ratio of totals is not the mean of daily ratios: "
                    "days with one lucky conversion count as much as days with nine.",
                    value=lambda data: (
                        data["spend"] / data["conversions"].where(data["conversions"] > 0)
                    ).groupby(data["ad"]).mean(),
                ),
                ck.Wrong(
                    "That is the cost per *click*. A click is not a customer; divide by conversions.",
                    value=lambda data: data.groupby("ad")["spend"].sum() / data.groupby("ad")["clicks"].sum(),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "ctr_intervals",
            ck.Frame(("ctr", "low", "high")),
            hints=(
                "Per ad: n = total impressions, p = total clicks / n, z = 1.96; the Wilson interval "
                "is (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).",
                "`report.groupby('ad')[['impressions', 'clicks']].sum()` gives n and the clicks; "
                "compute `ctr`, `low` and `high` column by column with numpy and put them in one "
                "DataFrame.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the plain normal (Wald) interval, p ± 1.96·√(p(1−p)/n). It is close here "
                    "but fails for small counts (it can fall below zero); use Wilson's formula.",
                    value=_wald_table,
                ),
                ck.Wrong(
                    "Those look like percentages. Give rates as fractions (0.009, not 0.9).",
                    when=_percentages,
                    example=pd.DataFrame({"ctr": [0.9], "low": [0.8], "high": [1.0]}, index=["A"]),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "ads_to_pause",
            ck.Function(
                ck.Labels(),
                cases=lambda data: [(data, TARGET_CPA), (data, 20.0), (_small_report(), TARGET_CPA)],
            ),
            hints=(
                "Per ad, compute the upper end of the Wilson interval on conversions per impression. "
                "The best plausible CPA is spend / (upper rate × impressions).",
                "Pause an ad when that best plausible CPA is above `target_cpa`; return the sorted "
                "list of those ads' names.",
            ),
            wrong=(
                ck.Wrong(
                    "You paused every ad whose CPA *so far* is above target. Some of those may be good "
                    "ads with a slow fortnight; pause only when even the optimistic CPA is too high.",
                    value=lambda data: [
                        _naive_pause(data, TARGET_CPA),
                        _naive_pause(data, 20.0),
                        _naive_pause(_small_report(), TARGET_CPA),
                    ],
                ),
                ck.Wrong(
                    "You judged the ads by click-through rate. Clicks are not the goal: click-bait "
                    "ad B gets many clicks and few conversions.",
                    value=lambda data: [_ctr_pause(data), _ctr_pause(data), _ctr_pause(_small_report())],
                ),
            ),
        ),
        ck.Question(
            "q5",
            "spend_saved",
            ck.Number(),
            hints=(
                "Each paused ad stops spending its $100 a day for the days left of the 28.",
                "`len()` of the list of task 4 at $30 counts the paused ads; each saves `DAILY_BUDGET` "
                "a day. For how many days?",
            ),
            wrong=(
                ck.Wrong(
                    "That pauses every ad above target so far, including ones that are only unlucky; "
                    "count only the clearly weak ads of task 4.",
                    value=lambda data: (
                        len(_naive_pause(data, TARGET_CPA)) * DAILY_BUDGET * (CAMPAIGN_DAYS - DAYS)
                        if _published(data)
                        else None
                    ),
                ),
                ck.Wrong(
                    "Only 14 of the campaign's 28 days are left; the first 14 are already spent.",
                    when=_whole_campaign,
                    example=6 * DAILY_BUDGET * CAMPAIGN_DAYS,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
