"""Lesson 00 -- welcome to Northwind Kettles.

A tour of the fictional brand the course follows: its accounts on four platforms, a simulated
week of posts, the engagement each post earns and the messages customers send. The explorer
also teaches how every explorer in the course works: predict first, then move the controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks, simulate_posts
from smmlab.sim.params import Params, bounded
from smmlab.sim.platforms import DAYS, PLATFORMS, engagement_rate_by_platform, northwind_platforms
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "followers",
    "followers_instagram",
    "followers_twitter",
    "followers_tiktok",
    "posts_per_week_facebook",
    "posts_per_week_instagram",
    "posts_per_week_twitter",
    "posts_per_week_tiktok",
    "engagement_rate_facebook",
    "engagement_rate_instagram",
    "engagement_rate_twitter",
    "engagement_rate_tiktok",
    "engagement_rate_spread",
    "inbound_per_1000_followers_month",
    "inbound_per_1000_followers_month_twitter",
]

WEEKS = 12
COLOURS = {"Facebook": "blue", "Instagram": "orange", "Twitter": "green", "TikTok": "vermillion"}
MARKERS = {"Facebook": "o", "Instagram": "s", "Twitter": "^", "TikTok": "D"}
BENCHMARK_KEYS = {name: f"engagement_rate_{name.lower()}" for name in PLATFORMS}


@dataclass(frozen=True)
class Scenario(Params):
    """The tour's knobs.

    Attributes
    ----------
    week
        Which simulated week to look at (1 to 12).
    seed
        Random seed.
    """

    week: int = bounded(1, low=1, high=WEEKS, unit="week", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class Week:
    """One simulated week at Northwind: its posts and the messages customers sent."""

    posts: pd.DataFrame
    messages: int
    week: int

    def rates(self) -> pd.Series:
        """Median engagement rate per post, by platform (platforms with no post are left out)."""
        return engagement_rate_by_platform(self.posts).reindex(PLATFORMS).dropna()

    def totals(self) -> pd.Series:
        """Engagements in the week, by platform."""
        return self.posts.groupby("platform")["engagements"].sum().reindex(PLATFORMS, fill_value=0)


def run(scenario: Scenario | None = None) -> Week:
    """Simulate the scenario: twelve weeks are drawn, one is shown."""
    scenario = scenario or Scenario()
    posts = simulate_posts(northwind_platforms(), weeks=WEEKS, seed=int(scenario.seed))
    week_posts = posts[posts["week"] == scenario.week - 1].reset_index(drop=True)
    accounts = northwind_platforms()
    monthly = accounts["Facebook"].followers / 1000 * benchmarks.value(
        "inbound_per_1000_followers_month"
    ) + accounts["Twitter"].followers / 1000 * benchmarks.value("inbound_per_1000_followers_month_twitter")
    rng = np.random.default_rng([int(scenario.seed), int(scenario.week), 7])
    return Week(posts=week_posts, messages=int(rng.poisson(monthly * 12 / 52)), week=int(scenario.week))


def compute(week: int, measure: str) -> tuple[Week, str]:
    """The explorer's pure compute step: the week and what to plot."""
    return run(Scenario(week=int(week))), measure


def _log_axis(axes, ticks: list[float], limits: tuple[float, float], fmt: str) -> None:
    """A log-scaled y axis with a few fixed ticks (automatic minor ticks make drawing slow)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
    axes.set_yscale("log")
    axes.set_ylim(*limits)
    axes.yaxis.set_major_locator(FixedLocator(ticks))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt.format(value)))
    axes.yaxis.set_minor_locator(NullLocator())


def render(result: tuple[Week, str], figure: Figure) -> Rendered:
    """Engagement by platform (left: rate or total) and the week's posts day by day (right)."""
    week, measure = result
    left, right = panels(figure, [1, 1.2], left=0.09, right=0.98, bottom=0.14, top=0.8, wspace=0.3)
    positions = np.arange(len(PLATFORMS))
    rates, totals = week.rates(), week.totals()
    if measure == "rate":
        heights = [rates.get(name, np.nan) * 100 for name in PLATFORMS]
        cited = [benchmarks.value(BENCHMARK_KEYS[name]) * 100 for name in PLATFORMS]
        left.plot(
            positions,
            cited,
            linestyle="none",
            marker="_",
            markersize=28,
            markeredgewidth=2.5,
            color=PALETTE["black"],
            label="cited median (ENG1)",
            zorder=4,
        )
        _log_axis(left, [0.01, 0.1, 1, 10], (0.005, 30), "{:g}%")
        left.set_ylabel("engagements per follower (%)")
        left.set_title("Median engagement rate per post", pad=22)
        legend_above(left, fontsize=8.5)
    else:
        heights = [float(totals[name]) for name in PLATFORMS]
        left.set_ylabel("engagements in the week")
        left.set_title("Engagements this week", pad=22)
    for index, name in enumerate(PLATFORMS):
        if np.isfinite(heights[index]):
            left.bar(
                index,
                heights[index],
                width=0.65,
                color=PALETTE[COLOURS[name]],
                hatch=HATCHES[index],
                edgecolor="white",
                zorder=2,
            )
    left.set_xticks(positions, PLATFORMS, fontsize=9)

    posts = week.posts
    day = posts["day"].map({d: i for i, d in enumerate(DAYS)}).to_numpy()
    offsets = {name: (i - 1.5) * 0.12 for i, name in enumerate(PLATFORMS)}
    for name in PLATFORMS:
        mine = (posts["platform"] == name).to_numpy()
        right.scatter(
            day[mine] + offsets[name],
            posts.loc[mine, "engagements"] + 1,
            marker=MARKERS[name],
            s=36,
            color=PALETTE[COLOURS[name]],
            edgecolor="black",
            linewidth=0.5,
            label=name,
        )
    _log_axis(right, [1, 10, 100, 1000], (0.7, 5000), "{:g}")
    right.set_xticks(range(7), DAYS)
    right.set(xlabel="day", ylabel="engagements + 1 (log scale)")
    right.set_title(f"Week {week.week}: every post", pad=22)
    legend_above(right, ncols=4, fontsize=8.5, handletextpad=0.2)

    top = rates.idxmax() if len(rates) else "none"
    followers = sum(p.followers for p in northwind_platforms().values())
    fb_rate = rates.get("Facebook", np.nan)
    headlines = [
        Headline("Followers", f"{followers:,}", "on four platforms (assumed)"),
        Headline("Posts this week", f"{len(posts)}", "about 3-5 per platform (ENG2, ENG4)"),
        Headline("Engagements", f"{int(totals.sum()):,}", "likes, comments, shares and clicks"),
        Headline("Messages", f"{week.messages}", "from customers, Facebook and Twitter (CARE5)"),
        Headline(
            "Facebook rate",
            f"{fb_rate:.3%}" if np.isfinite(fb_rate) else "no posts",
            "median per post; cited 0.06% (ENG1)",
        ),
        Headline("Highest rate", top, "median engagements per follower"),
    ]
    shown = "median engagement rate" if measure == "rate" else "engagements"
    described = "; ".join(f"{name} {rates[name]:.3%}" for name in rates.index)
    alt = (
        f"Two charts for week {week.week}. Left: {shown} "
        f"by platform; median rates per post are {described}. Right: each of the week's {len(posts)} "
        f"posts by day, with {int(totals.sum())} engagements in all; TikTok posts earn the most."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The tour's explorer: pick a week and what to measure."""
    return Explorer(
        title="A week at Northwind Kettles",
        intro="Four accounts, a few posts a day: how much do followers engage, and where?",
        controls=[
            Slider(
                "week",
                "Week",
                1,
                WEEKS,
                1,
                1,
                fmt="week {:.0f}",
                integer=True,
                help="Each week is a new random draw from the same calibrated model.",
            ),
            Choice(
                "measure",
                "Show",
                {"Engagement rate": "rate", "Engagements": "total"},
                "rate",
                help="A rate divides by followers (one common definition), so accounts of any size compare.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind has 20,000 followers on Facebook. What share of them like, comment on, share "
                "or click a typical Facebook post?"
            ),
            guess=Slider("guess", "My guess: share of followers", 0.0, 0.05, 0.0001, 0.01, fmt="{:.2%}"),
            scenario={"measure": "rate"},
            answer=lambda result: float(result[0].rates().get("Facebook", np.nan)),
            explain=(
                "Brand posts on Facebook reach few followers and fewer still react: Rival IQ's median "
                "is 0.06% (ENG1), about 12 engagements per post at 20,000 followers."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
