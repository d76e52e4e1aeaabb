"""Lesson 02 -- returns compound; a single post tells you little (myth-2, myth-2b).

Northwind Kettles runs a social programme for months. Value delivered builds trust slowly; an
audience that trusts the brand becomes a community; the community buys, with a lag and a
carry-over. The explorer shows monthly and cumulative return on investment (ROI), the month the
programme breaks even, and how noisy ROI looks when it is judged one post at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Audience, Costs, Growth, GrowthResult, benchmarks, simulate_growth
from smmlab.sim.growth import quarterly_roi
from smmlab.sim.params import Params, bounded
from smmlab.style import PALETTE, legend_above, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "followers",
    "organic_follower_growth_month",
    "posts_per_week_facebook",
    "trust_retention_month",
    "community_share_of_followers",
    "revenue_lag_months",
    "sales_carryover_month",
    "revenue_per_member_month",
    "attributed_share",
    "average_order_value",
    "minutes_per_post",
    "community_hours_per_month",
    "social_manager_salary_year",
    "employer_overhead",
    "work_hours_per_year",
    "marketers_showing_social_impact",
    "fan_spend_per_year",
    "follower_growth_6m_small",
    "follower_growth_6m_large",
]


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    months
        How long the programme runs before it is judged.
    content_value
        Value of the posts to the audience (1 = a typical brand's).
    consistency
        Share of planned posts actually published.
    seed
        Random seed.
    """

    months: int = bounded(36, low=1, high=120, unit="months", integer=True)
    content_value: float = bounded(1.0, low=0, high=5, unit="relative to a typical brand")
    consistency: float = bounded(1.0, low=0, high=1, unit="share of planned posts published")
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


def run(scenario: Scenario | None = None) -> GrowthResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    return simulate_growth(
        Growth(content_value=scenario.content_value, consistency=scenario.consistency),
        Audience(),
        Costs(),
        months=int(scenario.months),
        seed=int(scenario.seed),
    )


def compute(months: int, content_value: float, consistency: float) -> GrowthResult:
    """The explorer's pure compute step."""
    return run(Scenario(months=int(months), content_value=content_value, consistency=consistency))


def _pct(value: float) -> str:
    return f"{value:+.0%}"


def calibration_note(growth_per_month: float) -> str:
    """Where a mean monthly follower growth sits against ENG6's six-month range.

    Quintly found 9.4% to 16% in six months for Instagram profiles of different size (ENG6);
    outside that range the explorer's growth, and the ROI that builds on it, extrapolate the
    assumptions beyond anything the figures support. Such notes end with ``OUTSIDE``.
    """
    six_months = (1 + growth_per_month) ** 6 - 1
    low, high = benchmarks.value("follower_growth_6m_small"), benchmarks.value("follower_growth_6m_large")
    span = f"ENG6's {low:.1%}-{high:.0%}"
    if six_months > high + 0.005:
        return f"{six_months:.0%} in six months, above {span}: {OUTSIDE}"
    if six_months < low - 0.005:
        return f"{six_months:.1%} in six months, below {span}: {OUTSIDE}"
    return f"{six_months:.1%} in six months, within {span}"


#: The end of a note on a result the cited figures do not support.
OUTSIDE = "outside the calibrated range"


def render(result: GrowthResult, figure: Figure) -> Rendered:
    """Monthly revenue against cost (left); ROI per post, per quarter and cumulative (right)."""
    monthly, posts = result.monthly, result.posts
    summary = result.summary()
    months = monthly["month"].to_numpy()
    breakeven = result.break_even_month()
    left, right = panels(figure, [1, 1], left=0.08, right=0.98, bottom=0.14, top=0.78, wspace=0.3)

    left.bar(months, monthly["revenue"] / 1000, width=0.8, color=PALETTE["sky"], label="revenue")
    left.step(
        months,
        monthly["cost"] / 1000,
        where="mid",
        color=PALETTE["vermillion"],
        linestyle="--",
        linewidth=2,
        label="cost",
    )
    if breakeven is not None:
        left.axvline(breakeven, color=PALETTE["black"], linestyle=":", linewidth=1.5, label="break-even")
    left.set(xlabel="month", ylabel="thousand USD per month", xlim=(0.3, months[-1] + 0.7))
    left.set_ylim(bottom=0)
    left.set_title("Month by month", pad=34)
    legend_above(left, ncols=3, fontsize=8.5)

    jitter = np.random.default_rng(0).uniform(-0.35, 0.35, len(posts))
    right.scatter(
        posts["month"] + jitter,
        posts["roi"] * 100,
        s=4,
        marker="o",
        linewidths=0,
        color=PALETTE["grey"],
        alpha=0.6,
        label="each post (traced sales)",
    )
    quarters = quarterly_roi(posts)
    if len(quarters):
        centre = (quarters.index.to_numpy() - 1) * 3 + 2
        right.plot(
            centre,
            quarters.to_numpy() * 100,
            color=PALETTE["blue"],
            marker="s",
            linewidth=2,
            label="each quarter (traced sales)",
        )
    right.plot(
        months,
        monthly["cumulative_roi"] * 100,
        color=PALETTE["orange"],
        linestyle="--",
        linewidth=2.2,
        label="cumulative (all sales)",
    )
    right.axhline(0, color=PALETTE["black"], linewidth=0.8)
    top = max(
        150.0,
        float(np.nanpercentile(posts["roi"] * 100, 98)) if len(posts) else 150.0,
        float(monthly["cumulative_roi"].max() * 100) + 20,
    )
    right.set(
        xlabel="month", ylabel="return on investment (%)", ylim=(-105, top), xlim=(0.3, months[-1] + 0.7)
    )
    right.set_title("ROI: per post, per quarter, cumulative", pad=34)
    legend_above(right, ncols=2, fontsize=8)

    horizon = int(summary["months"])
    growth_note = calibration_note(summary["mean_growth_per_month"])
    beyond = growth_note.endswith(OUTSIDE)
    breakeven_text = f"month {breakeven}" if breakeven is not None else f"not within {horizon} months"
    headlines = [
        Headline("Break-even", breakeven_text, "cumulative revenue covers cumulative cost"),
        Headline(
            "Cumulative ROI",
            _pct(summary["cumulative_roi"]),
            f"after {horizon} months"
            + ("; growth is outside the calibrated range, so this is an extrapolation" if beyond else ""),
        ),
        Headline("ROI of month 1", _pct(summary["first_month_roi"]), "what a one-month judgement sees"),
        Headline(
            "Follower growth",
            f"{summary['mean_growth_per_month']:.1%} a month",
            f"{monthly['followers'].iloc[-1]:,} at the end; {growth_note}",
        ),
        Headline("Community", f"{summary['community_end']:,.0f}", "followers who share the brand's message"),
        Headline(
            "Posts with no traced sale",
            f"{summary['posts_with_no_sale']:.0%}",
            f"per-post ROI spread {summary['post_roi_sd']:.0%} "
            f"vs {summary['quarterly_roi_sd']:.0%} per quarter",
        ),
    ]
    alt = (
        f"Two charts over {horizon} months. Left: monthly revenue bars rise from zero towards "
        f"{monthly['revenue'].iloc[-1]:,.0f} USD against a flat cost of about "
        f"{monthly['cost'].mean():,.0f} USD; "
        f"break-even {breakeven_text}. Right: per-post ROI scatters widely (standard deviation "
        f"{summary['post_roi_sd']:.0%}), quarterly ROI moves smoothly, and cumulative ROI ends at "
        f"{summary['cumulative_roi']:+.0%}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: horizon, content value and consistency."""
    return Explorer(
        title="When does Northwind's social programme pay back?",
        intro="Judge the same programme after a month or after three years, with good or poor content.",
        controls=[
            Slider(
                "months",
                "Months before judging",
                6,
                48,
                6,
                36,
                fmt="{:.0f} months",
                integer=True,
                help="How long the programme runs before someone decides whether it paid.",
            ),
            Slider(
                "content_value",
                "Value of the content",
                0.25,
                2.0,
                0.25,
                1.0,
                fmt="{:.2f}× typical",
                help="How useful the posts are to the audience; 1 is a typical brand (an assumption).",
            ),
            Slider(
                "consistency",
                "Consistency",
                0.2,
                1.0,
                0.1,
                1.0,
                fmt="{:.0%} of planned posts",
                help="Share of the planned ~20 posts a month (ENG2) actually published.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "With typical content, posted every week as planned, in which month does Northwind's "
                "cumulative ROI first reach zero (break-even)?"
            ),
            guess=Slider("guess", "My guess: month", 1, 48, 1, 3, fmt="month {:.0f}", integer=True),
            scenario={"months": 36, "content_value": 1.0, "consistency": 1.0},
            answer=lambda result: float(result.break_even_month() or len(result.monthly) + 1),
            explain=(
                "Revenue waits for trust and a community, then arrives with a lag and carries over; "
                "the early months are pure cost, so break-even comes long after the first post."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
