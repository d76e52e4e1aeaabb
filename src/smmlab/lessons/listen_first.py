"""Lesson 21 -- listen first (truth-9).

Northwind spends its social media hours on posts and reads only the notifications of posts that
tag its account. Meanwhile people post about kettles all day: about Northwind without tagging it,
and about its competitor, Brightwater. The explorer sets what Northwind reads (its notifications,
every post naming it, or the competitor's too) and how many hours a week it spends reading, and
compares what Northwind learns with the whole conversation: share of voice, sentiment, its own
top complaint, and what Brightwater's customers complain about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.listening import (
    BRANDS,
    SCOPES,
    SENTIMENTS,
    TOPICS,
    Listening,
    ListeningResult,
    _complaint_topics,
    simulate_listening,
)
from smmlab.sim.params import Params, bounded
from smmlab.style import PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "listening_northwind_posts_week",
    "listening_competitor_posts_week",
    "listening_northwind_positive",
    "listening_northwind_negative",
    "listening_competitor_positive",
    "listening_competitor_negative",
    "complainers_expect_reply_share",
    "listening_positive_tag_factor",
    "listening_neutral_tag_factor",
    "listening_delivery_tag_factor",
    "listening_seconds_per_post",
    *(
        f"listening_{group}_{topic}"
        for group in ("northwind_complaints", "competitor_complaints")
        for topic in TOPICS
    ),
    *(f"listening_other_topics_{topic}" for topic in TOPICS),
    "brand_reply_rate",
    "ignored_switch_share",
    "inbound_per_1000_followers_month",
    "followers",
    "trust_online_opinions_2015",
    "listening_business_share",
    "listening_valuable_share",
    "marketers_social_data_ahead_share",
    "marketers_competitor_insight_share",
    "negative_chatter_return_effect",
]

NORTHWIND, COMPETITOR = BRANDS
WEEKS = 12
SCOPE_LABELS = {
    "notifications": "its notifications only",
    "own brand": "every post naming Northwind",
    "own and competitor": "Northwind and Brightwater",
}
#: Settings the web book's static gallery shows: the notifications, a search for Northwind, both
#: brands on half an hour a week, and a brand that never listens.
GALLERY_SETTINGS = [
    {"scope": "notifications", "hours_per_week": 2.0},
    {"scope": "own brand", "hours_per_week": 2.0},
    {"scope": "own and competitor", "hours_per_week": 0.5},
    {"scope": "own and competitor", "hours_per_week": 0.0},
]
SENTIMENT_STYLE = {
    "positive": (PALETTE["green"], ""),
    "neutral": (PALETTE["grey"], ".."),
    "negative": (PALETTE["vermillion"], "//"),
}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    hours_per_week
        Hours a week Northwind spends reading posts about kettles (0 = it never listens).
    scope
        What it reads: ``notifications``, ``own brand`` or ``own and competitor``.
    weeks, seed
        Length of the period and the random seed.
    """

    hours_per_week: float = bounded(2.0, low=0, high=168, unit="hours per week")
    scope: str = field(default="notifications")
    weeks: int = bounded(WEEKS, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(21, low=0, high=2**32 - 1, integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.scope not in SCOPES:
            raise ValueError(f"Scenario.scope = {self.scope!r} is not one of the allowed values {SCOPES}")


def run(scenario: Scenario | None = None) -> ListeningResult:
    """Simulate the scenario (default: two hours a week on the notifications)."""
    scenario = scenario or Scenario()
    return simulate_listening(
        Listening(hours_per_week=scenario.hours_per_week, scope=scenario.scope),
        weeks=int(scenario.weeks),
        seed=int(scenario.seed),
    )


def compute(hours_per_week: float, scope: str) -> ListeningResult:
    """The explorer's pure compute step."""
    return run(Scenario(hours_per_week=hours_per_week, scope=scope))


def what_northwind_learns(hours_per_week: float = 2.0, seed: int = 21) -> pd.DataFrame:
    """What Northwind learns with each scope at ``hours_per_week``, under the truth (all posts)."""
    rows = {}
    for scope in SCOPES:
        summary = run(Scenario(hours_per_week=hours_per_week, scope=scope, seed=seed)).summary()
        if not rows:
            rows["all posts (the truth)"] = {
                "posts read": summary["posts"],
                "share of voice": summary["share_of_voice"],
                "Northwind net sentiment": summary["net_sentiment"],
                "Northwind top complaint": summary["top_complaint"],
                "Brightwater top complaint": summary["competitor_top_complaint"],
            }
        rows[SCOPE_LABELS[scope]] = {
            "posts read": summary["posts_read"],
            "share of voice": summary["share_of_voice_seen"],
            "Northwind net sentiment": summary["net_sentiment_seen"],
            "Northwind top complaint": summary["top_complaint_seen"] or "-",
            "Brightwater top complaint": summary["competitor_top_complaint_seen"] or "-",
        }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis(f"reading {hours_per_week:g} h a week")
    table = table.astype({"posts read": int}).round({"share of voice": 2, "Northwind net sentiment": 2})
    return table.astype(object).where(table.notna(), "-")


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _draw_voice(axis, result: ListeningResult) -> None:
    from matplotlib.patches import Patch
    bars = [
        (NORTHWIND, False, "Northwind\nall posts"),
        (NORTHWIND, True, "Northwind\nas read"),
        (COMPETITOR, False, "Brightwater\nall posts"),
        (COMPETITOR, True, "Brightwater\nas read"),
    ]
    positions = np.array([0.0, 1.0, 2.5, 3.5])
    tallest = max(float(result.weekly(brand, seen).sum()) for brand, seen, _label in bars)
    for position, (brand, seen, _label) in zip(positions, bars, strict=True):
        counts = result.weekly(brand, seen)
        if seen and not result.sees(brand):
            axis.text(position, tallest * 0.03, "not\nread", ha="center", va="bottom", fontsize=9)
            continue
        bottom = 0.0
        for sentiment in SENTIMENTS:
            colour, hatch = SENTIMENT_STYLE[sentiment]
            axis.bar(
                position,
                counts[sentiment],
                bottom=bottom,
                width=0.8,
                color=colour,
                hatch=hatch,
                edgecolor=PALETTE["black"],
                linewidth=0.6,
                alpha=0.55 if seen else 0.9,
            )
            bottom += counts[sentiment]
        axis.text(position, bottom, f"{bottom:,.0f}", ha="center", va="bottom", fontsize=8.5)
    axis.set_xticks(positions, [label for _brand, _seen, label in bars], fontsize=8.5)
    axis.set_ylim(0, max(tallest, 1.0) * 1.12)
    axis.set_ylabel("posts a week (as read: estimated)")
    axis.grid(axis="x", visible=False)
    axis.set_title("Who is talking, and how", pad=26)
    handles = [
        Patch(facecolor=colour, hatch=hatch, edgecolor=PALETTE["black"], label=sentiment)
        for sentiment, (colour, hatch) in SENTIMENT_STYLE.items()
    ]
    legend_above(axis, handles=handles, ncols=3, fontsize=8)


def _draw_competitor_topics(axis, result: ListeningResult) -> None:
    from matplotlib.ticker import PercentFormatter
    truth = _complaint_topics(result.mentions, COMPETITOR)
    truth = truth / max(truth.sum(), 1)
    order = list(truth.index[::-1])  # largest at the top
    rows = np.arange(len(order))
    axis.barh(
        rows + 0.2,
        truth.reindex(order).to_numpy(),
        height=0.38,
        color="white",
        edgecolor=PALETTE["black"],
        hatch="//",
        linewidth=0.8,
        label="all posts",
    )
    if result.sees(COMPETITOR):
        seen = _complaint_topics(result.read, COMPETITOR)
        seen = seen / max(seen.sum(), 1)
        axis.barh(
            rows - 0.2,
            seen.reindex(order).to_numpy(),
            height=0.38,
            color=PALETTE["orange"],
            edgecolor=PALETTE["black"],
            linewidth=0.6,
            label="as Northwind read them",
        )
    else:
        axis.text(
            0.97,
            0.06,
            "Northwind reads no post\nabout Brightwater",
            transform=axis.transAxes,
            ha="right",
            va="bottom",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": PALETTE["grey"], "boxstyle": "round"},
        )
    axis.set_yticks(rows, order)
    axis.set_xlim(0, max(float(truth.max()), 0.05) * 1.3)
    axis.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axis.set_xlabel("share of Brightwater's complaints")
    axis.grid(axis="y", visible=False)
    axis.set_title("Brightwater's complaints, by topic", pad=26)
    legend_above(axis, ncols=2, fontsize=8)


def render(result: ListeningResult, figure: Figure) -> Rendered:
    """Posts a week by brand and sentiment, all vs read (left); the competitor's complaint topics (right)."""
    summary = result.summary()
    left, right = panels(figure, [1.15, 1], left=0.075, right=0.985, bottom=0.17, top=0.8, wspace=0.38)
    _draw_voice(left, result)
    _draw_competitor_topics(right, result)

    hours = result.listening.hours_per_week
    read_all = summary["posts_read"] / max(summary["posts"], 1)
    sov_seen, net_seen = summary["share_of_voice_seen"], summary["net_sentiment_seen"]
    switch_seen = summary["switch_candidates_week_seen"]
    headlines = [
        Headline(
            "Posts read",
            f"{summary['posts_read']:,.0f} of {summary['posts']:,.0f}",
            f"{read_all:.0%} of the conversation; {hours:g} h a week",
        ),
        Headline(
            "Share of voice",
            "not measured" if math.isnan(sov_seen) else f"{sov_seen:.0%}",
            f"true: {summary['share_of_voice']:.0%} of posts name Northwind",
        ),
        Headline(
            "Northwind net sentiment",
            "unknown" if math.isnan(net_seen) else _signed(net_seen),
            f"true: {_signed(summary['net_sentiment'])} (positive − negative share)",
        ),
        Headline(
            "Northwind's top complaint",
            summary["top_complaint_seen"] or "unknown",
            f"true: {summary['top_complaint']}",
        ),
        Headline(
            "Brightwater's top complaint",
            summary["competitor_top_complaint_seen"] or "not seen",
            f"true: {summary['competitor_top_complaint']}",
        ),
        Headline(
            "Brightwater customers ready to switch",
            "unknown" if math.isnan(switch_seen) else f"about {switch_seen:.0f} a week",
            f"true: about {summary['switch_candidates_week']:.0f} a week who tagged it and were ignored "
            "(CARE4, CARE7)",
        ),
    ]
    seen_topic = summary["competitor_top_complaint_seen"]
    alt = (
        f"Two charts for {WEEKS} weeks of public posts, Northwind reading "
        f"{SCOPE_LABELS[result.listening.scope]} "
        f"for {hours:g} h a week: {summary['posts_read']:,.0f} of {summary['posts']:,.0f} posts read. "
        f"Left: posts a week by sentiment; Northwind is named in {summary['share_of_voice']:.0%} of posts "
        f"(its net sentiment {_signed(summary['net_sentiment'])}); as read, "
        + (
            "Northwind sees nothing."
            if summary["posts_read"] == 0
            else f"its net sentiment looks {_signed(net_seen)}."
        )
        + f" Right: Brightwater's complaints by topic, led by {summary['competitor_top_complaint']}; "
        + (
            f"Northwind's reading also puts {seen_topic} first."
            if seen_topic
            else "Northwind reads none of them."
        )
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: what Northwind reads, and how long it spends reading."""
    return Explorer(
        title="What does Northwind hear? 12 weeks of posts about kettles",
        intro=(
            "People post about Northwind and its competitor, Brightwater, whether or not anyone listens. "
            "Choose what Northwind reads and how long it spends on it."
        ),
        controls=[
            Choice(
                "scope",
                "Northwind reads",
                {label: key for key, label in SCOPE_LABELS.items()},
                "notifications",
                help="Notifications are the posts that tag @Northwind; a listening search finds posts that "
                "only name the brand, and the competitor's too.",
            ),
            Slider(
                "hours_per_week",
                "Hours a week spent listening",
                0.0,
                8.0,
                0.5,
                2.0,
                fmt="{:g} h",
                help="About 30 seconds per post (assumption). 0 h: Northwind publishes and never listens.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind reads every post that tags its account, and nothing else. What share of all "
                "public posts about Northwind is that?"
            ),
            guess=Slider(
                "guess", "My guess: share of posts about Northwind", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"
            ),
            scenario={"scope": "notifications", "hours_per_week": 8.0},
            answer=lambda result: result.summary()["northwind_posts_seen_share"],
            explain=(
                "Most people talk about a brand, not to it. The few who tag it mostly want something done "
                "(a late delivery), so the notifications also look angrier than the conversation."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
