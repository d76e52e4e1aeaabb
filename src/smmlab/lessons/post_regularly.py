"""Lesson 15 -- post regularly (mistake-10).

Northwind Kettles publishes the same number of posts either evenly, a few every week, or in
bursts around campaigns with silent weeks in between. The explorer shows what the feed algorithm
does with each: crowded burst days split the reach between posts, and after a silence the
account's posts are shown to fewer followers until it has posted for a while again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import FeedResult, Schedule, benchmarks, simulate_feed
from smmlab.sim.feed import Feed, gaps_between_posts
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "followers",
    "organic_reach_share",
    "second_daily_post_like_share",
    "second_daily_post_comment_share",
    "small_page_best_posts_month",
    "instagram_per_post_engagement_frequency",
    "posts_per_week_facebook",
    "facebook_posts_per_week_2019",
    "organic_follower_growth_month",
    "engagements_per_impression",
    "visibility_floor",
    "silence_time_constant_days",
    "visibility_recovery_per_post_day",
    "engagement_boost_power",
    "feed_memory_posts",
    "unfollow_reason_too_often",
    "content_unfollow_month",
]

WEEKS = 26
#: Gap classes (days since the previous post) for the right-hand panel.
GAP_BINS = (-1, 0, 1, 3, 7, np.inf)
GAP_LABELS = ("same day", "1 day", "2-3 days", "4-7 days", "8+ days")


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    burstiness
        0 = posts spread evenly; 1 = each cycle's posts crammed into its first days, then silence.
    posts_per_week
        Average posts per week, the same whatever the burstiness.
    visibility_floor
        The silence penalty: the share of a regular account's reach an account keeps after a long
        silence (an assumption; 1 = no penalty).
    seed
        Random seed (it also draws the lengths of the burst cycles).
    """

    burstiness: float = bounded(0.8, low=0, high=1, unit="0 regular ... 1 bursty")
    posts_per_week: float = bounded(5.0, low=1, high=21, unit="posts per week")
    visibility_floor: float = bounded(low=0, high=1, unit="share of reach", benchmark="visibility_floor")
    seed: int = bounded(3, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class RegularityResult:
    """The chosen schedule and the same posts spread evenly."""

    chosen: FeedResult
    regular: FeedResult
    scenario: Scenario


def _schedule(scenario: Scenario, burstiness: float) -> Schedule:
    return Schedule(posts_per_week=scenario.posts_per_week, burstiness=burstiness)


def run(scenario: Scenario | None = None) -> RegularityResult:
    """Simulate the scenario and its evenly spread counterpart (default: the lesson's start)."""
    scenario = scenario or Scenario()
    days, seed = WEEKS * 7, int(scenario.seed)
    feed = Feed(visibility_floor=scenario.visibility_floor)
    chosen = simulate_feed(_schedule(scenario, scenario.burstiness), feed, days=days, seed=seed)
    regular = simulate_feed(_schedule(scenario, 0.0), feed, days=days, seed=seed)
    return RegularityResult(chosen=chosen, regular=regular, scenario=scenario)


def compute(burstiness: float, posts_per_week: float, visibility_floor: float) -> RegularityResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(burstiness=burstiness, posts_per_week=posts_per_week, visibility_floor=visibility_floor)
    )


def with_gaps(posts: pd.DataFrame) -> pd.DataFrame:
    """The posts (sorted by day) with ``gap_days`` since the previous post; the first post has none."""
    ordered = posts.sort_values(["day", "post_id"]).reset_index(drop=True)
    gaps = gaps_between_posts(ordered)
    return ordered.iloc[1:].assign(gap_days=gaps.to_numpy())


def reach_by_gap_class(posts: pd.DataFrame) -> pd.Series:
    """Mean impressions per post by the gap since the previous post (classes of ``GAP_LABELS``)."""
    table = with_gaps(posts)
    classes = pd.cut(table["gap_days"], bins=list(GAP_BINS), labels=list(GAP_LABELS))
    return table.groupby(classes, observed=False)["impressions"].mean()


def render(result: RegularityResult, figure: Figure) -> Rendered:
    """Weekly impressions, bursty vs even (left); impressions per post by gap (right)."""
    chosen, regular = result.chosen, result.regular
    left, right = panels(figure, [1.3, 1], left=0.065, right=0.985, bottom=0.16, top=0.8, wspace=0.42)

    weekly, weekly_regular = chosen.weekly(), regular.weekly()
    week = weekly["week"].to_numpy() + 1
    posts_axis = left.twinx()
    posts_axis.bar(
        week, weekly["posts"], width=0.8, color=PALETTE["grey"], alpha=0.35, label="your posts per week"
    )
    posts_axis.set_ylabel("posts per week")
    posts_axis.set_ylim(0, max(float(weekly["posts"].max()) * 2.2, 1))
    posts_axis.grid(False)
    posts_axis.spines["right"].set_visible(True)
    left.set_zorder(posts_axis.get_zorder() + 1)
    left.patch.set_visible(False)
    left.plot(
        week,
        weekly_regular["impressions"] / 1000,
        color=PALETTE["blue"],
        linestyle=LINESTYLES[1],
        marker="o",
        markersize=3,
        label="same posts, evenly spread",
    )
    left.plot(
        week,
        weekly["impressions"] / 1000,
        color=PALETTE["vermillion"],
        linestyle=LINESTYLES[0],
        marker="s",
        markersize=3,
        label="your schedule",
    )
    left.set(xlabel="week", ylabel="impressions per week (thousands)")
    left.set_ylim(bottom=0)
    left.set_title("Impressions week by week", pad=30)
    handles = left.get_legend_handles_labels()[0] + posts_axis.get_legend_handles_labels()[0]
    legend_above(left, handles=handles, ncols=3, fontsize=8)

    by_gap = reach_by_gap_class(chosen.posts)
    positions = np.arange(len(GAP_LABELS))
    heights = by_gap.fillna(0).to_numpy()
    bars = right.bar(positions, heights, color=PALETTE["orange"], edgecolor=PALETTE["black"], linewidth=0.6)
    for bar, hatch in zip(bars, HATCHES[1:] + HATCHES[:1], strict=False):
        bar.set_hatch(hatch)
    for position, value, count in zip(
        positions, heights, with_gaps(chosen.posts).pipe(_gap_counts), strict=True
    ):
        right.text(position, value, f"n={count}", ha="center", va="bottom", fontsize=8)
    even_mean = float(regular.posts["impressions"].mean())
    right.axhline(
        even_mean,
        color=PALETTE["blue"],
        linestyle=LINESTYLES[1],
        linewidth=1.5,
        label=f"evenly spread: {even_mean:,.0f}",
    )
    right.set_xticks(positions, [label.replace(" ", "\n", 1) for label in GAP_LABELS], fontsize=8.5)
    right.set(xlabel="days since the previous post", ylabel="impressions per post")
    right.set_ylim(0, max(float(np.nanmax(heights)), even_mean) * 1.25)
    right.set_title("Reach of a post after a gap", pad=30)
    legend_above(right, fontsize=8)

    total, total_regular = chosen.summary(), regular.summary()
    gaps = gaps_between_posts(chosen.posts)
    longest = int(gaps.max()) if len(gaps) else 0
    ratio = total["impressions"] / total_regular["impressions"] if total_regular["impressions"] else 0.0
    busiest = int(chosen.daily["posts"].max())
    headlines = [
        Headline(
            "Impressions, 26 weeks",
            f"{total['impressions'] / 1000:,.0f}k",
            f"{ratio:.0%} of the even schedule",
        ),
        Headline(
            "Per post",
            f"{total['impressions_per_post']:,.0f}",
            f"{total_regular['impressions_per_post']:,.0f} when evenly spread",
        ),
        Headline("Longest silence", f"{longest} days", f"busiest day: {busiest} posts"),
        Headline(
            "Engagements",
            f"{total['engagements']:,.0f}",
            f"{total_regular['engagements']:,.0f} when evenly spread",
        ),
        Headline(
            "Followers at the end",
            f"{total['followers_end']:,.0f}",
            f"{total_regular['followers_end']:,.0f} when evenly spread",
        ),
    ]
    alt = (
        f"Two charts over {WEEKS} weeks with {total['posts']:.0f} posts. Left: weekly impressions of your "
        f"schedule total {total['impressions']:,.0f}, {ratio:.0%} of the {total_regular['impressions']:,.0f} "
        f"the same posts get evenly spread; grey bars show posts per week. Right: mean impressions per post "
        f"by days since the previous post: "
        + ", ".join(
            f"{label} {value:,.0f}"
            for label, value in zip(GAP_LABELS, by_gap.to_numpy(), strict=True)
            if np.isfinite(value)
        )
        + f"; evenly spread posts average {even_mean:,.0f}."
    )
    return Rendered(headlines, alt)


def _gap_counts(table: pd.DataFrame) -> list[int]:
    classes = pd.cut(table["gap_days"], bins=list(GAP_BINS), labels=list(GAP_LABELS))
    return classes.value_counts().reindex(list(GAP_LABELS), fill_value=0).astype(int).tolist()


def explorer() -> Explorer:
    """The lesson's explorer: how bursty the schedule is, how many posts a week, and the assumed
    silence penalty."""
    floor = benchmarks.value("visibility_floor")
    return Explorer(
        title="Same posts, different rhythm: Northwind's 26 weeks",
        intro="The number of posts stays the same; only their rhythm changes.",
        controls=[
            Slider(
                "burstiness",
                "Burstiness",
                0.0,
                1.0,
                0.05,
                0.8,
                fmt="{:.0%}",
                help="0% spreads posts evenly; 100% crams each cycle's posts into a few days, then silence.",
            ),
            Slider(
                "posts_per_week",
                "Posts per week (average)",
                1,
                21,
                1,
                5,
                fmt="{:g}",
                help="A typical brand posts about 4.7 times a week on Facebook (ENG2).",
            ),
            Slider(
                "visibility_floor",
                "Reach kept after a long silence",
                0.1,
                1.0,
                0.05,
                floor,
                fmt="{:.0%}",
                help=(
                    "The silence penalty, an assumption (no measured figure exists): 30% by default; "
                    "100% switches it off."
                ),
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind keeps its 5 posts a week on average but publishes them in bursts (burstiness "
                "100%). What share of the impressions of the evenly spread schedule will it get?"
            ),
            guess=Slider("guess", "My guess: share of the even schedule", 0.0, 1.5, 0.05, 0.9, fmt="{:.0%}"),
            scenario={"burstiness": 1.0, "posts_per_week": 5, "visibility_floor": floor},
            answer=lambda result: (
                result.chosen.summary()["impressions"] / result.regular.summary()["impressions"]
            ),
            explain=(
                "Posts on a crowded day share the feed's attention, and after each silence the account "
                "starts from a lower standing with the feed. How much each costs is assumed, not measured."
            ),
        ),
        built_in=(
            "The size of the loss comes from assumptions: reach crowded out past two posts a day (CONT4 "
            "measured only two), a silence penalty (reach down to 30% after a long silence, time constant "
            "5 days, half the lost standing back per day of posting) and the feed's reward for recent "
            "engagement. Move 'Reach kept after a long silence' to 100% to remove the penalty; the "
            "crowding and the reward have no control here."
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
