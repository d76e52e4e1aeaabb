"""Exercise 07 -- track results and adjust: two weeks of Northwind's six ads, never paused."""

from __future__ import annotations

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
#: What a conversion brings: a first order (Northwind's fact sheet).
ORDER_VALUE = benchmarks.value("average_order_value")


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


def _clearly_weak(report: pd.DataFrame, target_cpa: float = TARGET_CPA) -> list[str]:
    """The ads of task 4: even the upper end of a 95% Wilson interval gives a CPA above target."""
    totals = report.groupby("ad")[["impressions", "conversions", "spend"]].sum()
    n, p, z = totals["impressions"], totals["conversions"] / totals["impressions"], 1.96
    high = (p + z**2 / (2 * n) + z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))) / (1 + z**2 / n)
    return sorted(str(ad) for ad in totals.index[totals["spend"] / (high * n) > target_cpa])


def _net_saved(report: pd.DataFrame, paused: list[str]) -> float:
    """Spend saved by pausing ``paused`` for the days left, minus the first orders they would bring
    at their rate so far."""
    days_left = CAMPAIGN_DAYS - DAYS
    lost = float(report.loc[report["ad"].isin(paused), "conversions"].sum()) * days_left / DAYS
    return len(paused) * DAILY_BUDGET * days_left - ORDER_VALUE * lost


def _net_without_losses(report: pd.DataFrame) -> float | None:
    paused = _clearly_weak(report)
    saved = len(paused) * DAILY_BUDGET * (CAMPAIGN_DAYS - DAYS)
    return saved if saved != _net_saved(report, paused) else None


def _net_at_target(report: pd.DataFrame) -> float | None:
    paused = _clearly_weak(report)
    saved = len(paused) * DAILY_BUDGET * (CAMPAIGN_DAYS - DAYS)
    net = _net_saved(report, paused)
    return saved - (saved - net) * TARGET_CPA / ORDER_VALUE if saved != net else None


def _net_whole_campaign(report: pd.DataFrame) -> float | None:
    """The net saving counted over all 28 days instead of the 14 left (twice the right one)."""
    net = _net_saved(report, _clearly_weak(report))
    return 2 * net if net != 0 else None


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
                        (data["spend"] / data["conversions"].where(data["conversions"] > 0))
                        .groupby(data["ad"])
                        .mean()
                    ),
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
            "net_saved",
            ck.Number(),
            hints=(
                "Spend saved: each paused ad stops spending its $100 a day for the 14 days left. "
                "What it costs: the conversions those ads would still bring, each worth `ORDER_VALUE`.",
                "Days left equal days seen (14 each), so the paused ads' conversions so far, "
                "`report[report['ad'].isin(paused)]['conversions'].sum()`, are also those they would "
                "bring; take their value from the spend saved.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the spend saved. The paused ads would still have brought conversions; "
                    "take their value (`ORDER_VALUE` each) away from it.",
                    value=_net_without_losses,
                ),
                ck.Wrong(
                    "You valued a lost conversion at the $30 target. The target is the most Northwind "
                    "pays; a conversion brings a first order, `ORDER_VALUE` ($40).",
                    value=_net_at_target,
                ),
                ck.Wrong(
                    "That pauses every ad above target so far, including ones that are only unlucky; "
                    "count only the clearly weak ads of task 4.",
                    value=lambda data: (
                        _net_saved(data, _naive_pause(data, TARGET_CPA)) if _published(data) else None
                    ),
                ),
                ck.Wrong(
                    "Only 14 of the campaign's 28 days are left; the first 14 are already spent.",
                    value=_net_whole_campaign,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
