"""Lesson 12 -- engage your audience (mistake-7).

Customers comment under Northwind's posts and write to it. How many of them the brand answers,
and how fast, decides whether they feel heard: whether they come back and comment again, and
whether they would recommend the brand. The explorer sets the reply rate and the median reply
time and shows engagement and loyalty by reply-time bin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded
from smmlab.sim.replies import (
    Loyalty,
    ReplyPolicy,
    by_reply_time,
    expected_by_median,
    simulate_replies,
)
from smmlab.style import HATCHES, LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "patience_median_hours",
    "expect_same_day_share",
    "expect_reply_within_hour_share",
    "expected_reply_hours",
    "brand_average_reply_hours",
    "brand_reply_rate",
    "recommend_if_answered",
    "recommend_if_ignored",
    "answered_recommend_ratio",
    "recommend_if_on_time",
    "late_reply_recommend_ratio",
    "reply_engagement_lift",
    "reply_engagement_lift_threads",
    "wtp_reply_fast",
    "wtp_reply_slow",
    "reply_fast_minutes",
    "reply_slow_minutes",
    "inbound_per_1000_followers_month",
    "followers",
    "comment_return_base",
    "late_reply_lift_share",
    "reply_time_spread",
]

REPLY_TIMES = {
    "10 min": 1 / 6,
    "30 min": 0.5,
    "1 h": 1.0,
    "4 h": 4.0,
    "10 h": 10.0,
    "1 day": 24.0,
    "3 days": 72.0,
}
LIFTS = {"none (correlation only)": 0.0, "30% (LinkedIn)": 0.30, "42% (Threads)": 0.42}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    reply_rate
        Share of comments answered (CARE4: brands answered 17%).
    median_reply_hours
        Median time to a reply (CARE3: brands averaged about 10 hours).
    reply_lift
        Relative lift in repeat engagement from an on-time reply (CONT6, correlational).
    reply_spread
        Spread of reply times (standard deviation of log hours; assumption).
    weeks, seed
        Length of the simulated period and the random seed.
    """

    reply_rate: float = bounded(low=0, high=1, unit="share of comments", benchmark="brand_reply_rate")
    median_reply_hours: float = bounded(
        low=0.01, high=720, unit="hours", benchmark="brand_average_reply_hours"
    )
    reply_lift: float = bounded(low=0, high=3, unit="relative lift", benchmark="reply_engagement_lift")
    reply_spread: float = bounded(low=0, high=3, unit="log hours", benchmark="reply_time_spread")
    weeks: int = bounded(26, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class Engagement:
    """Comments, replies and what customers did next.

    Attributes
    ----------
    comments
        One row per comment (see :func:`smmlab.sim.replies.simulate_replies`).
    bins
        Repeat engagement and recommendation by reply-time bin.
    curve
        Expected rates for each median reply time at this reply rate.
    scenario
        The scenario simulated.
    """

    comments: pd.DataFrame
    bins: pd.DataFrame
    curve: pd.DataFrame
    scenario: Scenario

    def summary(self) -> dict[str, float]:
        """Headline numbers."""
        comments = self.comments
        replied = comments[comments["replied"]]
        return {
            "comments": float(len(comments)),
            "reply_rate": float(comments["replied"].mean()) if len(comments) else 0.0,
            "median_reply_hours": float(replied["reply_hours"].median()) if len(replied) else float("nan"),
            "on_time_share": float(replied["on_time"].mean()) if len(replied) else 0.0,
            "return_rate": float(comments["returned"].mean()) if len(comments) else 0.0,
            "recommend_rate": float(comments["recommends"].mean()) if len(comments) else 0.0,
            "wtp_per_reply": float(replied["wtp_gain"].mean()) if len(replied) else 0.0,
        }


def run(scenario: Scenario | None = None) -> Engagement:
    """Simulate the scenario (default: a brand answering 17% of comments after about 10 hours)."""
    scenario = scenario or Scenario()
    policy = ReplyPolicy(
        reply_rate=scenario.reply_rate,
        median_reply_hours=scenario.median_reply_hours,
        reply_spread=scenario.reply_spread,
    )
    loyalty = Loyalty(reply_lift=scenario.reply_lift)
    comments = simulate_replies(policy, loyalty=loyalty, weeks=int(scenario.weeks), seed=int(scenario.seed))
    curve = expected_by_median(
        np.geomspace(0.1, 96, 40), scenario.reply_rate, scenario.reply_spread, loyalty=loyalty
    )
    return Engagement(comments=comments, bins=by_reply_time(comments), curve=curve, scenario=scenario)


def compute(reply_rate: float, median_reply_hours: float, reply_lift: float) -> Engagement:
    """The explorer's pure compute step."""
    return run(Scenario(reply_rate=reply_rate, median_reply_hours=median_reply_hours, reply_lift=reply_lift))


def _hours(hours: float) -> str:
    if np.isnan(hours):
        return "no replies"
    return f"{hours * 60:.0f} min" if hours < 1 else f"{hours:.1f} h"


def render(result: Engagement, figure: Figure) -> Rendered:
    """Engagement and loyalty by reply-time bin (left); expected rates by median reply time (right)."""
    from matplotlib.ticker import NullLocator, PercentFormatter
    bins = result.bins
    summary = result.summary()
    left, right = panels(figure, [1.1, 1], left=0.075, right=0.96, bottom=0.2, top=0.8, wspace=0.25)
    x = np.arange(len(bins))
    width = 0.38
    series = [
        ("return_rate", "commented again", PALETTE["blue"], HATCHES[0]),
        ("recommend_rate", "would recommend", PALETTE["green"], HATCHES[2]),
    ]
    for offset, (column, label, colour, hatch) in zip((-width / 2, width / 2), series, strict=True):
        values = bins[column].to_numpy(dtype=float)
        shown = np.nan_to_num(values)
        left.bar(x + offset, shown, width, color=colour, hatch=hatch, edgecolor="white", label=label)
    left.set_xticks(
        x, [f"{name}\nn={count:,}" for name, count in zip(bins.index, bins["comments"], strict=True)]
    )
    left.tick_params(axis="x", labelsize=8.5)
    left.set_ylim(0, 0.8)
    left.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    left.set_ylabel("share of customers")
    left.set_title("By how fast Northwind replied", pad=22)
    legend_above(left, ncols=2, fontsize=8, handlelength=1.5)
    left.grid(axis="x", visible=False)

    curve = result.curve
    hours = curve["median_reply_hours"].to_numpy()
    right.plot(
        hours, curve["return_rate"], color=PALETTE["blue"], linestyle=LINESTYLES[0], label="commented again"
    )
    right.plot(
        hours,
        curve["recommend_rate"],
        color=PALETTE["green"],
        linestyle=LINESTYLES[1],
        label="would recommend",
    )
    right.plot(
        hours,
        curve["on_time_share"],
        color=PALETTE["orange"],
        linestyle=LINESTYLES[2],
        label="replies on time",
    )
    current = expected_by_median(
        [result.scenario.median_reply_hours],
        result.scenario.reply_rate,
        result.scenario.reply_spread,
        loyalty=Loyalty(reply_lift=result.scenario.reply_lift),
    ).iloc[0]
    for column, colour, marker in (
        ("return_rate", PALETTE["blue"], "o"),
        ("recommend_rate", PALETTE["green"], "s"),
        ("on_time_share", PALETTE["orange"], "^"),
    ):
        right.plot(
            [min(max(current["median_reply_hours"], 0.1), 96)],
            [current[column]],
            marker=marker,
            color=colour,
            markeredgecolor="black",
            markersize=7,
            linestyle="none",
        )
    for mark, text in ((1.0, "1 h"), (4.0, "4 h"), (10.0, "10 h")):
        right.axvline(mark, color=PALETTE["grey"], linewidth=0.8, linestyle=":")
        right.text(
            mark, 0.985, text, transform=right.get_xaxis_transform(), ha="center", va="top", fontsize=8
        )
    right.set_xscale("log")
    right.xaxis.set_minor_locator(NullLocator())
    right.set_xlim(0.1, 96)
    right.set_xticks([0.1, 1, 10, 96], ["6 min", "1 h", "10 h", "4 d"])
    right.set_ylim(0, 1)
    right.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    right.set_xlabel("median reply time (log scale)")
    right.set_title(f"Expected, answering {result.scenario.reply_rate:.0%}", pad=22)
    right.legend(loc="upper right", bbox_to_anchor=(1.0, 0.92), fontsize=8, handlelength=2.2)

    headlines = [
        Headline(
            "Comments answered",
            f"{summary['reply_rate']:.0%}",
            f"brands answered {benchmarks.value('brand_reply_rate'):.0%} (CARE4)",
        ),
        Headline(
            "Median reply time",
            _hours(summary["median_reply_hours"]),
            f"customers expect ≤ {benchmarks.value('expected_reply_hours'):g} h (CARE3)",
        ),
        Headline(
            "Replies on time", f"{summary['on_time_share']:.0%}", "by each customer's own expectation (CARE2)"
        ),
        Headline(
            "Commented again",
            f"{summary['return_rate']:.1%}",
            "of all customers (lift: CONT6, assumed causal)",
        ),
        Headline(
            "Would recommend",
            f"{summary['recommend_rate']:.0%}",
            "on time 71% (RESP3's good care, assumed), late 38%, ignored 19%",
        ),
        Headline(
            "Extra willingness to pay",
            f"${summary['wtp_per_reply']:.2f}",
            "per answered customer, airline scale (RESP1)",
        ),
    ]
    bin_text = "; ".join(
        f"{name}: {row.return_rate:.0%} commented again, {row.recommend_rate:.0%} recommend"
        for name, row in bins.iterrows()
        if row.comments > 0
    )
    alt = (
        f"Two charts of {summary['comments']:,.0f} comments over {result.scenario.weeks} weeks, "
        f"{summary['reply_rate']:.0%} answered with a median reply time of "
        f"{_hours(summary['median_reply_hours'])}. Left, by reply time: {bin_text}. Right: expected shares "
        f"falling as the median reply time grows; at the current setting {current['on_time_share']:.0%} of "
        f"replies feel on time and {current['recommend_rate']:.0%} of customers would recommend."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: how many comments Northwind answers, and how fast."""
    return Explorer(
        title="Answer, and answer fast: Northwind's comments, 26 weeks",
        intro="Each customer has their own idea of a fast reply. Choose how many you answer, and when.",
        controls=[
            Slider(
                "reply_rate",
                "Comments answered",
                0.0,
                1.0,
                0.01,
                round(benchmarks.value("brand_reply_rate"), 2),
                fmt="{:.0%}",
                help="Brands answered 17% of messages in 2013 (CARE4).",
            ),
            Choice(
                "median_reply_hours",
                "Median reply time",
                REPLY_TIMES,
                10.0,
                help="Brands averaged about 10 hours; customers expect 4 hours or less (CARE3).",
            ),
            Choice(
                "reply_lift",
                "Engagement lift from a reply",
                LIFTS,
                benchmarks.value("reply_engagement_lift"),
                help="Replying accounts get 30-42% more engagement (CONT6); a correlation, so try none too.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Suppose Northwind answers every comment, with a median reply time of 10 hours "
                "(the brands' average). What share of customers will feel their reply came on time?"
            ),
            guess=Slider("guess", "My guess: replies on time", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"reply_rate": 1.0, "median_reply_hours": 10.0},
            answer=lambda result: result.summary()["on_time_share"],
            explain=(
                "Half of customers expect an answer within 2 hours and 83% the same day (CARE2); a "
                "10-hour habit leaves most of them waiting longer than they wanted."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
