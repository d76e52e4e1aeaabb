"""Lesson 10 -- spam backfires (mistake-5).

Northwind Kettles' sales team wants every post to sell: a product, a discount, a link to the shop.
The explorer shows what the share of promotional posts does over a few months to shop clicks,
new followers, unfollows and the reach the feed grants each post, and where the clicks peak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Schedule, benchmarks, expected_feed, posting_calendar
from smmlab.sim.params import Params, bounded
from smmlab.style import LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "promo_annoyed_share",
    "unfollow_reason_promotions",
    "unfollow_reason_irrelevant",
    "unfollow_reason_too_often",
    "rule_411_promo_share",
    "rule_8020_promo_share",
    "followers",
    "organic_reach_share",
    "second_daily_post_like_share",
    "posts_per_week_facebook",
    "organic_follower_growth_month",
    "engagements_per_impression",
    "facebook_ctr",
    "typical_promo_share",
    "typical_relevance",
    "promo_engagement_factor",
    "irrelevant_engagement_factor",
    "engagement_boost_power",
    "feed_memory_posts",
    "promo_click_fatigue",
    "content_unfollow_month",
    "base_unfollow_month",
]

#: The grid of promotional shares the curve and the exercise use (0%, 5%, ..., 100%).
SHARES = np.round(np.linspace(0, 1, 21), 2)
RULES = {
    "4-1-1": benchmarks.value("rule_411_promo_share"),
    "80/20": benchmarks.value("rule_8020_promo_share"),
}
RELEVANCE = Schedule().relevance  # a typical brand's share of posts for the target group (assumption)


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    promo_share
        Share of posts that promote a product and link to the shop.
    posts_per_week
        Posts per week (ENG2: a typical brand posts about 4.7 a week).
    months
        Horizon over which clicks are counted.
    seed
        Random seed.
    """

    promo_share: float = bounded(0.5, low=0, high=1, unit="share of posts")
    posts_per_week: float = bounded(5.0, low=1, high=28, unit="posts per week")
    months: int = bounded(6, low=1, high=24, unit="months", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    @property
    def days(self) -> int:
        """The horizon in whole weeks of days."""
        return round(self.months * 52 / 12) * 7


@dataclass(frozen=True)
class SpamResult:
    """Expected outcomes for every promotional share on the grid, and the chosen one's weeks.

    Attributes
    ----------
    curve
        One row per promotional share: ``promo_share``, ``clicks``, ``impressions``,
        ``follows`` (new followers), ``unfollows``, ``promo_unfollows`` (those over promotions),
        ``followers_end``, ``reach_per_post`` (mean share of followers per post).
    chosen
        The chosen share's row (same columns) and its weekly followers in ``weekly``.
    """

    curve: pd.DataFrame
    chosen: pd.Series
    weekly: pd.DataFrame
    scenario: Scenario

    @property
    def best(self) -> pd.Series:
        """The row of the share with the most clicks."""
        return self.curve.loc[self.curve["clicks"].idxmax()]


def outcomes(
    shares: np.ndarray, posts_per_week: float, days: int, relevance: float = RELEVANCE
) -> dict[str, np.ndarray]:
    """Expected daily outcomes of one calendar posted with each promotional share."""
    calendar = posting_calendar(posts_per_week, days)
    return expected_feed(np.tile(calendar, (len(shares), 1)), shares, relevance)


def run(scenario: Scenario | None = None) -> SpamResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    shares = np.append(SHARES, scenario.promo_share)
    out = outcomes(shares, scenario.posts_per_week, scenario.days)
    posting = posting_calendar(scenario.posts_per_week, scenario.days) > 0
    reach_share = out["reach_per_post"][:, posting] / out["followers"][:, posting]
    table = pd.DataFrame(
        {
            "promo_share": shares,
            "clicks": out["clicks"].sum(axis=1),
            "impressions": out["impressions"].sum(axis=1),
            "follows": out["follows"].sum(axis=1),
            "unfollows": out["unfollows"].sum(axis=1),
            "promo_unfollows": out["unfollows_promotions"].sum(axis=1),
            "followers_end": out["followers"][:, -1] + out["follows"][:, -1] - out["unfollows"][:, -1],
            "reach_per_post": reach_share.mean(axis=1),
        }
    )
    weeks = scenario.days // 7
    weekly = pd.DataFrame(
        {
            "week": np.arange(weeks + 1),
            "chosen": np.append(out["followers"][-1, ::7], table["followers_end"].iloc[-1]),
            "none": np.append(out["followers"][0, ::7], table["followers_end"].iloc[0]),
            "all": np.append(out["followers"][-2, ::7], table["followers_end"].iloc[-2]),
        }
    )
    return SpamResult(
        curve=table.iloc[:-1].reset_index(drop=True), chosen=table.iloc[-1], weekly=weekly, scenario=scenario
    )


def compute(promo_share: float, posts_per_week: float, months: int) -> SpamResult:
    """The explorer's pure compute step."""
    return run(Scenario(promo_share=promo_share, posts_per_week=posts_per_week, months=int(months)))


def render(result: SpamResult, figure: Figure) -> Rendered:
    """Shop clicks by promotional share (left); followers week by week (right)."""
    curve, chosen, best = result.curve, result.chosen, result.best
    scenario = result.scenario
    left, right = panels(figure, [1.15, 1], left=0.075, right=0.98, bottom=0.14, top=0.8, wspace=0.22)

    shares = curve["promo_share"].to_numpy() * 100
    left.plot(shares, curve["clicks"], color=PALETTE["blue"], linewidth=2, label="shop clicks")
    for (name, share), marker in zip(RULES.items(), ("s", "^"), strict=True):
        clicks = float(np.interp(share, curve["promo_share"], curve["clicks"]))
        left.plot(
            share * 100,
            clicks,
            marker=marker,
            linestyle="none",
            color=PALETTE["green"],
            markersize=8,
            label=f"{name} rule ({share:.0%})",
        )
    left.plot(
        best["promo_share"] * 100,
        best["clicks"],
        marker="*",
        markersize=14,
        linestyle="none",
        color=PALETTE["orange"],
        markeredgecolor=PALETTE["black"],
        label="most clicks (model)",
    )
    left.axvline(
        chosen["promo_share"] * 100,
        color=PALETTE["vermillion"],
        linestyle="--",
        linewidth=1.6,
        label="your share",
    )
    left.set(xlabel="promotional posts (% of all posts)", ylabel=f"shop clicks in {scenario.months} months")
    left.set_xlim(0, 100)
    left.set_ylim(bottom=0)
    left.set_title("Clicks peak, then fall", pad=32)
    legend_above(left, ncols=3, fontsize=8, columnspacing=0.8)

    weekly = result.weekly
    lines = [
        ("none", "no promotions", PALETTE["green"], LINESTYLES[2]),
        ("chosen", f"your share ({chosen['promo_share']:.0%})", PALETTE["vermillion"], LINESTYLES[1]),
        ("all", "only promotions", PALETTE["purple"], LINESTYLES[3]),
    ]
    for column, label, colour, style in lines:
        right.plot(
            weekly["week"], weekly[column] / 1000, color=colour, linestyle=style, linewidth=2, label=label
        )
    right.set(xlabel="week", ylabel="followers (thousands)")
    right.set_title("Followers", pad=32)
    right.legend(loc="upper left", fontsize=8)

    share_of_best = float(chosen["clicks"] / best["clicks"]) if best["clicks"] > 0 else 0.0
    none = curve.iloc[0]  # no promotions
    typical_reach = benchmarks.value("organic_reach_share")
    headlines = [
        Headline(
            "Shop clicks",
            f"{chosen['clicks']:,.0f}",
            f"in {scenario.months} months at {chosen['promo_share']:.0%}",
        ),
        Headline(
            "Of the best mix",
            f"{share_of_best:.0%}",
            f"the model's most clicks come at {best['promo_share']:.0%}; rules of thumb say "
            f"{min(RULES.values()):.0%}-{max(RULES.values()):.0%} (CONT3)",
        ),
        Headline(
            "New followers",
            f"{chosen['follows']:,.0f}",
            f"{none['follows']:,.0f} with no promotions; {chosen['unfollows']:,.0f} left "
            f"({none['unfollows']:,.0f} with none)",
        ),
        Headline(
            "Reach per post",
            f"{chosen['reach_per_post']:.1%}",
            f"of followers; a typical brand gets {typical_reach:.1%} (RCH3)",
        ),
        Headline(
            "Links per week",
            f"{chosen['promo_share'] * scenario.posts_per_week:.1f}",
            "every promotional post links to the shop",
        ),
    ]
    alt = (
        f"Two charts over {scenario.months} months. Left: shop clicks against the share of promotional "
        f"posts rise from 0 at 0% to a peak of {best['clicks']:,.0f} at {best['promo_share']:.0%} "
        f"and fall to "
        f"{curve['clicks'].iloc[-1]:,.0f} at 100%; the chosen {chosen['promo_share']:.0%} gives "
        f"{chosen['clicks']:,.0f}. Right: followers end at {weekly['none'].iloc[-1]:,.0f} with no "
        f"promotions, {weekly['chosen'].iloc[-1]:,.0f} at the chosen share and "
        f"{weekly['all'].iloc[-1]:,.0f} with only promotions."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: share of promotional posts, posting rate and horizon."""
    return Explorer(
        title="How much selling can Northwind's feed take?",
        intro="Every promotional post links to the shop; too many of them cost reach and new followers.",
        controls=[
            Slider(
                "promo_share",
                "Promotional posts",
                0.0,
                1.0,
                0.05,
                0.5,
                fmt="{:.0%}",
                help="Share of posts that sell something and link to the shop.",
            ),
            Slider(
                "posts_per_week",
                "Posts per week",
                1,
                28,
                1,
                5,
                fmt="{:g}",
                help="A typical brand posts about 4.7 times a week on Facebook (ENG2).",
            ),
            Choice(
                "months",
                "Clicks counted over",
                {"3 months": 3, "6 months": 6, "12 months": 12},
                6,
                help="Followers lost early cost clicks in every later month.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Suppose every post Northwind publishes is a promotion with a shop link. Over six "
                "months, what share of the most clicks any mix can get will it collect?"
            ),
            guess=Slider("guess", "My guess: share of the best", 0.0, 1.0, 0.05, 1.0, fmt="{:.0%}"),
            scenario={"promo_share": 1.0, "months": 6},
            answer=lambda result: float(result.chosen["clicks"] / result.best["clicks"]),
            explain=(
                "Each extra promotion adds a link, but the feed shows posts that nobody reacts to less "
                "often, readers click fewer of the many sales posts, and fewer people start following."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
