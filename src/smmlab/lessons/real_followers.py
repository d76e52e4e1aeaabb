"""Lesson 11 -- real followers (mistake-6).

Northwind's follower count looks small next to a competitor's, and a seller offers thousands of
followers for a few dollars. The explorer shows what the purchase does, week by week: the count
jumps, while the engagement rate and the number of real people each post reaches fall. The
exercise measures the true engagement rate and builds a rule-based fake-account detector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.followers import Page, simulate_page
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "followers",
    "organic_reach_share",
    "engagements_per_impression",
    "engagement_rate_facebook",
    "engagement_boost_power",
    "bought_engagement_factor",
    "bought_followers_price_per_1000",
    "devumi_followers_sold",
    "feed_candidate_stories",
    "platform_fake_share",
    "influencer_fraud_mega",
    "influencer_fake_follower_share",
    "twitter_bot_share_low",
    "twitter_bot_share_high",
    "nano_influencer_engagement_rate",
    "all_influencer_engagement_rate",
    "bought_disguised_share",
    "account_feature_spread",
    "real_account_followers",
    "bought_account_followers",
    "real_account_following",
    "bought_account_following",
    "real_account_posts",
    "bought_account_posts",
    "real_account_picture_share",
    "bought_account_picture_share",
    "real_account_username_digits",
    "bought_account_username_digits",
    "real_account_age_days",
    "bought_account_age_days",
]

#: Weeks simulated in the explorer and the exercise; the followers arrive at the start of this week.
WEEKS = 26
PURCHASE_WEEK = 13


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    bought
        Followers bought at the start of week 13.
    boost_power
        How strongly the feed rewards engagement (0 = not at all; default: the feed's assumption).
    bought_engagement_factor
        How active bought accounts are, relative to real followers (default 0: inactive).
    seed
        Random seed.
    """

    bought: int = bounded(15_000, low=0, high=10_000_000, unit="followers", integer=True)
    boost_power: float = bounded(low=0, high=3, unit="exponent", benchmark="engagement_boost_power")
    bought_engagement_factor: float = bounded(
        low=0, high=1, unit="relative engagement", benchmark="bought_engagement_factor"
    )
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    @property
    def page(self) -> Page:
        """Northwind's page after the purchase."""
        return Page(
            bought_followers=int(self.bought),
            boost_power=self.boost_power,
            bought_engagement_factor=self.bought_engagement_factor,
        )


@dataclass(frozen=True)
class Purchase:
    """What a purchase did: the page before and after, and 26 weeks of simulated posts."""

    before: dict[str, float]
    after: dict[str, float]
    posts: pd.DataFrame

    @property
    def weekly(self) -> pd.DataFrame:
        """Per week: the follower count, mean engagement rate and mean real reach per post."""
        posts = self.posts.assign(engagement_rate=self.posts["engagements"] / self.posts["followers"])
        return posts.groupby("week").agg(
            followers=("followers", "first"),
            engagement_rate=("engagement_rate", "mean"),
            real_reach=("real_reach", "mean"),
            impressions=("impressions", "mean"),
        )

    def summary(self) -> dict[str, float]:
        """Headline numbers: expected values after the purchase, relative to before."""
        before, after = self.before, self.after
        return {
            **after,
            "followers_before": before["followers"],
            "engagement_rate_before": before["engagement_rate"],
            "real_reach_before": before["real_reach"],
            "engagement_rate_ratio": after["engagement_rate"] / before["engagement_rate"],
            "real_reach_ratio": after["real_reach"] / before["real_reach"],
        }


def run(scenario: Scenario | None = None) -> Purchase:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    page = scenario.page
    posts = simulate_page(page, weeks=WEEKS, bought_from_week=PURCHASE_WEEK, seed=int(scenario.seed))
    return Purchase(page.replace(bought_followers=0).expected(), page.expected(), posts)


def compute(bought: float, boost_power: float, bought_engagement_factor: float) -> Purchase:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            bought=int(bought), boost_power=boost_power, bought_engagement_factor=bought_engagement_factor
        )
    )


def render(result: Purchase, figure: Figure) -> Rendered:
    """Followers before and after (left); weekly engagement rate (middle) and real reach (right)."""
    summary = result.summary()
    weekly = result.weekly
    counts, rate, reach = panels(
        figure, [0.62, 1, 1], left=0.075, right=0.985, bottom=0.14, top=0.8, wspace=0.42
    )

    real = summary["followers_before"]
    bought = summary["followers"] - real
    counts.bar([0, 1], [real, real], color=PALETTE["blue"], edgecolor="white", width=0.62, label="real")
    counts.bar(
        [1],
        [bought],
        bottom=[real],
        color=PALETTE["vermillion"],
        hatch=HATCHES[3],
        edgecolor="white",
        width=0.62,
        label="bought",
    )
    counts.set_xticks([0, 1], ["before", "after"])
    counts.set_xlim(-0.55, 1.55)
    counts.set_ylim(0, max(summary["followers"], real) * 1.18)
    counts.yaxis.set_major_formatter(lambda value, _pos: f"{value / 1000:.0f}k")
    counts.set_title("Followers", pad=22)
    legend_above(counts, ncols=2, fontsize=8, handlelength=1.2)
    counts.grid(axis="x", visible=False)

    week = weekly.index.to_numpy() + 1
    for axes, column, colour, marker, scale, label in (
        (rate, "engagement_rate", PALETTE["blue"], "o", 100, "engagement rate per post, %"),
        (reach, "real_reach", PALETTE["green"], "s", 1, "real people reached per post"),
    ):
        axes.plot(week, weekly[column] * scale, color=colour, marker=marker, markersize=3.5, linewidth=1.4)
        axes.axvline(PURCHASE_WEEK + 0.5, color=PALETTE["black"], linestyle="--", linewidth=1)
        axes.set(xlabel="week", ylabel=label)
        axes.set_xlim(0.5, WEEKS + 0.5)
        axes.set_ylim(0, None)
        top = axes.get_ylim()[1]
        axes.set_ylim(0, top * 1.12)
        axes.text(PURCHASE_WEEK + 0.9, top * 1.04, "followers bought", fontsize=8, va="center")
    reach.plot(
        week,
        weekly["impressions"],
        color=PALETTE["grey"],
        linestyle=":",
        linewidth=1.4,
        label="accounts shown the post (incl. bought)",
    )
    reach.set_ylim(0, max(weekly["impressions"].max(), weekly["real_reach"].max()) * 1.12)
    reach.legend(loc="lower left", fontsize=7.5, handlelength=2.2)
    rate.set_title("Engagement rate", pad=22)
    reach.set_title("Real reach", pad=22)

    headlines = [
        Headline(
            "Followers shown",
            f"{summary['followers']:,.0f}",
            f"{summary['bought_share']:.0%} bought, for about ${summary['cost']:,.0f} "
            "(FAKE6, a TikTok price)",
        ),
        Headline(
            "Engagement rate per post",
            f"{summary['engagement_rate']:.3%}",
            f"{summary['engagement_rate_ratio']:.0%} of the {summary['engagement_rate_before']:.3%} before",
        ),
        Headline(
            "Real people reached per post",
            f"{summary['real_reach']:,.0f}",
            f"{summary['real_reach_ratio']:.0%} of the {summary['real_reach_before']:,.0f} before",
        ),
        Headline(
            "Engagements per post",
            f"{summary['engagements']:.1f}",
            "only real followers react (assumption)",
        ),
    ]
    alt = (
        f"Three charts. Left: followers rise from {real:,.0f} to {summary['followers']:,.0f}, "
        f"{summary['bought_share']:.0%} of them bought. Middle: the weekly engagement rate per post "
        f"drops at week {PURCHASE_WEEK + 1} from about {summary['engagement_rate_before']:.3%} to "
        f"{summary['engagement_rate']:.3%}. Right: real people reached per post fall from about "
        f"{summary['real_reach_before']:,.0f} to {summary['real_reach']:,.0f}, while accounts shown "
        f"each post change from {result.before['impressions']:,.0f} to {summary['impressions']:,.0f}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: how many followers to buy, and how the feed treats the page."""
    boost = benchmarks.value("engagement_boost_power")
    return Explorer(
        title="Buying followers: Northwind's page over 26 weeks",
        intro="Northwind has 20,000 real followers. At the start of week 14 it buys more.",
        controls=[
            Slider(
                "bought",
                "Followers bought",
                0,
                60_000,
                2_500,
                15_000,
                fmt="{:,.0f}",
                help="About $3 per 1,000: HypeAuditor's quote for TikTok followers (FAKE6, low confidence).",
                integer=True,
            ),
            Choice(
                "boost_power",
                "How the feed ranks posts",
                {"Rewards engagement (assumed)": boost, "Ignores engagement": 0.0},
                boost,
                help="Feeds rank posts by the reactions they get (RCH4); the strength is an assumption.",
            ),
            Slider(
                "bought_engagement_factor",
                "Activity of bought accounts",
                0.0,
                0.5,
                0.05,
                0.0,
                fmt="{:.0%} of a real follower's",
                help="0%: inactive, as MISTAKES #6 says; more: bots that like posts now and then.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind buys 20,000 followers, doubling its follower count. What will its engagement "
                "rate per post be after the purchase, as a share of the rate before?"
            ),
            guess=Slider("guess", "My guess: share of the old rate", 0.0, 1.5, 0.05, 1.0, fmt="{:.0%}"),
            scenario={"bought": 20_000, "boost_power": boost, "bought_engagement_factor": 0.0},
            answer=lambda result: result.summary()["engagement_rate_ratio"],
            explain=(
                "Doubling the count with silent accounts halves the rate at once; the feed then shows "
                "each post to fewer people because fewer viewers react, so the rate falls further."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
