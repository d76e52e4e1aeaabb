"""Lesson 01 -- a conversation, not a broadcast (myth-1, truth-4).

Northwind Kettles' social team splits its week between making campaign posts and answering the
messages customers send. The explorer shows what each split does to reply times, customers lost,
public shaming and the reach of the campaigns themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Audience, Conversation, Inbound, Response, Team, benchmarks, simulate_conversation
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "inbound_per_1000_followers_month",
    "inbound_per_1000_followers_month_twitter",
    "expected_reply_hours",
    "brand_average_reply_hours",
    "unanswered_after_hours",
    "ignored_switch_share",
    "ignored_shame_share",
    "recommend_if_answered",
    "recommend_if_ignored",
    "posts_per_reply",
    "organic_reach_share",
    "second_daily_post_like_share",
    "followers",
    "complaint_share_launch",
    "complaint_share_settled",
    "team_hours_per_week",
    "minutes_per_reply",
    "minutes_per_post",
    "answered_fast_churn",
    "unfollows_per_public_shame",
    "lead_conversion_if_answered",
    "customer_value",
    "brand_reply_rate",
    "posts_per_week_facebook",
    "posts_per_week_instagram",
    "posts_per_week_twitter",
    "posts_per_week_tiktok",
]


#: A quiet account's message rate (assumption): a brand whose products rarely go wrong.
QUIET_RATE = 10.0


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    broadcast_share
        Share of the team's hours spent making campaign posts.
    team_hours_per_week
        The team's total hours per week.
    inbound_per_1000_followers_month
        Message rate: 39 is Facebook's, 60 Twitter's (CARE5).
    weeks, seed
        Length of the simulated period and the random seed.
    """

    broadcast_share: float = bounded(0.5, low=0, high=1, unit="share of team time")
    team_hours_per_week: float = bounded(
        low=0, high=2000, unit="hours per week", benchmark="team_hours_per_week"
    )
    inbound_per_1000_followers_month: float = bounded(
        low=0,
        high=2000,
        unit="messages per 1,000 followers per month",
        benchmark="inbound_per_1000_followers_month",
    )
    weeks: int = bounded(26, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


def run(scenario: Scenario | None = None) -> Conversation:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    return simulate_conversation(
        audience=Audience(),
        inbound=Inbound(per_1000_followers_month=scenario.inbound_per_1000_followers_month),
        team=Team(hours_per_week=scenario.team_hours_per_week, broadcast_share=scenario.broadcast_share),
        response=Response(),
        weeks=int(scenario.weeks),
        seed=int(scenario.seed),
    )


def compute(
    broadcast_share: float, team_hours_per_week: float, inbound_per_1000_followers_month: float
) -> Conversation:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            broadcast_share=broadcast_share,
            team_hours_per_week=team_hours_per_week,
            inbound_per_1000_followers_month=inbound_per_1000_followers_month,
        )
    )


def render(result: Conversation, figure: Figure) -> Rendered:
    """Weekly messages by outcome (left) and campaign reach with customers lost (right)."""
    weekly = result.weekly
    summary = result.summary()
    left, right = panels(figure, [1.25, 1], left=0.07, right=0.92, bottom=0.13, top=0.8, wspace=0.28)
    week = weekly["week"].to_numpy() + 1
    in_time = weekly["answered_in_time"].to_numpy()
    late = weekly["answered"].to_numpy() - in_time
    never = weekly["messages"].to_numpy() - weekly["answered"].to_numpy()
    left.stackplot(
        week,
        in_time,
        late,
        never,
        labels=[f"answered ≤ {result.response.expected_reply_hours:g} h", "answered later", "never answered"],
        colors=[PALETTE["green"], PALETTE["orange"], PALETTE["vermillion"]],
        hatch=[HATCHES[0], HATCHES[1], HATCHES[3]],
        edgecolor="white",
        step="mid",
    )
    left.set_xlim(week[0] - 0.5, week[-1] + 0.5)
    left.set(xlabel="week", ylabel="messages per week")
    left.set_title("Messages from customers", pad=22)
    legend_above(left, ncols=3, fontsize=8, handlelength=1.5)

    right.plot(
        week,
        weekly["campaign_reach"] / 1000,
        color=PALETTE["blue"],
        marker="o",
        markersize=3,
        label="campaign reach (thousands)",
    )
    right.set_title("Campaigns and customers", pad=22)
    right.set(xlabel="week", ylabel="campaign reach per week (thousands)")
    right.set_ylim(bottom=0)
    lost = right.twinx()
    lost.plot(
        week,
        weekly["customers_lost"].cumsum(),
        color=PALETTE["vermillion"],
        linestyle="--",
        label="customers lost (cumulative)",
    )
    lost.set_ylabel("customers lost, cumulative")
    lost.set_ylim(bottom=0)
    lost.grid(False)
    lost.spines["right"].set_visible(True)
    handles = right.get_legend_handles_labels()[0] + lost.get_legend_handles_labels()[0]
    right.legend(handles=handles, loc="lower left", fontsize=9)

    reply = summary["median_reply_hours"]
    reply_text = "no replies" if np.isnan(reply) else f"{reply:.1f} h"
    headlines = [
        Headline(
            "Messages answered",
            f"{summary['answered_share']:.0%}",
            f"brands average {benchmarks.value('brand_reply_rate'):.0%} (CARE4)",
        ),
        Headline(
            "Median reply time",
            reply_text,
            f"customers expect ≤ {result.response.expected_reply_hours:g} h (CARE3)",
        ),
        Headline("Customers lost", f"{summary['customers_lost']:.0f}", "switched after a slow or no reply"),
        Headline("Public shaming", f"{summary['public_shames']:.0f}", "ignored complainers who went public"),
        Headline(
            "Campaign reach", f"{summary['campaign_reach'] / 1000:,.0f}k", "impressions of all campaign posts"
        ),
        Headline(
            "Revenue effect",
            f"{'−' if summary['revenue_effect'] < 0 else ''}${abs(summary['revenue_effect']):,.0f}",
            "leads won minus customers lost (assumed values)",
        ),
        Headline(
            "Posts per reply",
            f"{summary['posts_per_reply']:.2g}" if np.isfinite(summary["posts_per_reply"]) else "no replies",
            f"brands published {benchmarks.value('posts_per_reply'):g} per reply in 2016 (CARE6)",
        ),
    ]
    alt = (
        f"Two charts over {len(week)} weeks. Left: stacked weekly messages; "
        f"{summary['answered_in_time_share']:.0%} answered within "
        f"{result.response.expected_reply_hours:g} hours and "
        f"{1 - summary['answered_share']:.0%} never answered. Right: campaign reach totals "
        f"{summary['campaign_reach'] / 1000:,.0f} thousand "
        f"impressions while {summary['customers_lost']:.0f} customers are lost."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the team's split between broadcasting and answering."""
    return Explorer(
        title="Broadcast or converse? Northwind's social team, 26 weeks",
        intro="Every hour spent on campaign posts is an hour not spent answering customers.",
        controls=[
            Slider(
                "broadcast_share",
                "Team time on campaign posts",
                0.0,
                1.0,
                0.05,
                0.5,
                fmt="{:.0%}",
                help="The rest of the team's week goes to answering messages.",
            ),
            Slider(
                "team_hours_per_week",
                "Team hours per week",
                10,
                160,
                5,
                40,
                fmt="{:g} h",
                help="40 hours is Northwind's one social media manager (an assumption).",
            ),
            Choice(
                "inbound_per_1000_followers_month",
                "Platform's message rate",
                {
                    "Quiet account (10 per 1,000/month)": QUIET_RATE,
                    "Facebook (39 per 1,000/month)": 39.0,
                    "Twitter (60 per 1,000/month)": 60.0,
                },
                39.0,
                help="Facebook's and Twitter's rates were measured by Sprout Social in 2013 (CARE5); "
                "the quiet account's is an assumption.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Suppose the team spends 90% of its week on campaign posts. "
                "What share of customers' messages will get any answer at all within 72 hours?"
            ),
            guess=Slider("guess", "My guess: share answered", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"broadcast_share": 0.9},
            answer=lambda result: result.summary()["answered_share"],
            explain=(
                "At 90% the manager makes about 29 posts a week and has 4 hours left for about 180 "
                "messages, which need some 18 hours: a queue builds and most messages pass the "
                "72-hour mark unanswered."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
