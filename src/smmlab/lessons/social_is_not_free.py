"""Lesson 05 -- social media is not free (myth-5).

Northwind Kettles pays for social media in staff hours and tools even when it buys no ads, and
the organic reach of its posts has shrunk year after year. The explorer shows the total cost of
ownership (TCO) by year, and what it costs to buy back with ads the reach that was free in 2012.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Audience, Costs, benchmarks, simulate_reach_by_year
from smmlab.sim.audience import organic_reach_share_by_year, reach_anchors
from smmlab.sim.economics import cost_of_reach_by_year
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "organic_reach_2012",
    "organic_reach_2013_10",
    "reach_shock_dec_2013",
    "organic_reach_2014_02",
    "organic_reach_2018",
    "organic_reach_2019",
    "organic_reach_share",
    "followers",
    "posts_per_week_facebook",
    "team_hours_per_week",
    "social_manager_salary_year",
    "employer_overhead",
    "work_hours_per_year",
    "tool_price_per_seat_month",
    "facebook_cpc",
    "facebook_ctr",
    "facebook_cpm_implied",
    "facebook_cpm_global",
    "facebook_cpm_adstage_high",
    "engagements_per_impression",
]

YEARS = (2012, 2026)
SEATS = 2


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    year
        The year the explorer looks at.
    staff_hours_per_week
        Staff time on discovering, curating, publishing, answering and promoting (default: the
        fact sheet's one social media manager, 40 hours a week on social media).
    tool_price_per_seat_month
        Price of the management tool per seat (an instructor parameter: no source found).
    paid_top_up
        Share of the organic reach lost since 2012 that Northwind buys back with ads.
    seed
        Random seed.
    """

    year: int = bounded(2024, low=YEARS[0], high=YEARS[1], unit="year", integer=True)
    staff_hours_per_week: float = bounded(
        low=0, high=400, unit="hours per week", benchmark="team_hours_per_week"
    )
    tool_price_per_seat_month: float = bounded(
        low=0, high=100_000, unit="USD per seat per month", benchmark="tool_price_per_seat_month"
    )
    paid_top_up: float = bounded(1.0, low=0, high=1, unit="share of lost reach bought back")
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class CostResult:
    """Cost and reach of Northwind's programme year by year, and the year in focus."""

    yearly: pd.DataFrame
    year: int
    paid_top_up: float

    @property
    def focus(self) -> pd.Series:
        """The row of the year in focus."""
        return self.yearly.set_index("year").loc[self.year]


def run(scenario: Scenario | None = None) -> CostResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    reach = simulate_reach_by_year(
        np.arange(YEARS[0], YEARS[1] + 1),
        followers=Audience().followers,
        posts_per_week=benchmarks.value("posts_per_week_facebook"),
        seed=int(scenario.seed),
    )
    yearly = cost_of_reach_by_year(
        reach,
        staff_hours_per_week=scenario.staff_hours_per_week,
        seats=SEATS,
        paid_top_up=scenario.paid_top_up,
        costs=Costs(tool_price_per_seat_month=scenario.tool_price_per_seat_month),
        seed=int(scenario.seed),
    )
    return CostResult(yearly=yearly, year=int(scenario.year), paid_top_up=scenario.paid_top_up)


def compute(
    year: int, staff_hours_per_week: float, tool_price_per_seat_month: float, paid_top_up: float
) -> CostResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            year=int(year),
            staff_hours_per_week=staff_hours_per_week,
            tool_price_per_seat_month=tool_price_per_seat_month,
            paid_top_up=paid_top_up,
        )
    )


def render(result: CostResult, figure: Figure) -> Rendered:
    """Organic reach by year with the cited figures (left); yearly cost by item (right)."""
    yearly, focus = result.yearly, result.focus
    years = yearly["year"].to_numpy()
    left, right = panels(figure, [1, 1], left=0.075, right=0.98, bottom=0.14, top=0.78, wspace=0.28)

    feb_2014 = 2014 + 1.5 / 12
    segments = [
        ((YEARS[0], feb_2014), "-", "model through the figures"),
        ((feb_2014, 2018.5), ":", "no figure 2014-18: straight join"),
        ((2018.5, 2020.5), "-", None),
        ((2020.5, YEARS[1] + 1), "--", "assumed trend after 2020"),
    ]
    for (start, end), linestyle, label in segments:
        dates = np.linspace(start, end, 30)
        left.plot(
            dates,
            organic_reach_share_by_year(dates) * 100,
            color=PALETTE["blue"],
            linewidth=2,
            linestyle=linestyle,
            label=label,
        )
    anchors = reach_anchors()
    left.plot(
        anchors["date"],
        anchors["share"] * 100,
        linestyle="none",
        marker="D",
        markersize=6,
        color=PALETTE["black"],
        label="cited figure (RCH1, RCH3)",
    )
    left.annotate(
        "Dec 2013 change:\n−44% in a week (RCH2)",
        xy=(2014.0, 9.0),
        xytext=(2015.2, 12.5),
        fontsize=8,
        arrowprops={"arrowstyle": "->", "color": PALETTE["black"], "linewidth": 0.8},
    )
    left.axvline(result.year + 0.5, color=PALETTE["vermillion"], linestyle=":", linewidth=1.8)
    left.set(xlabel="year", ylabel="followers reached per organic post (%)", ylim=(0, 17.5))
    left.set_title("Organic reach, Facebook", pad=34)
    left.set_xticks(range(YEARS[0], YEARS[1] + 1, 3))
    legend_above(left, ncols=2, fontsize=8)

    items = [
        ("staff", "staff time", PALETTE["orange"]),
        ("tools", "tools", PALETTE["green"]),
        ("ads", "ads to buy back reach", PALETTE["purple"]),
    ]
    # One stacked polygon per cost line (drawn as steps, one per year) keeps redraws fast.
    edges = np.append(years - 0.5, years[-1] + 0.5)  # each year spans [year - 0.5, year + 0.5]
    right.stackplot(
        edges,
        *(np.append(yearly[column].to_numpy(), yearly[column].iloc[-1]) / 1000 for column, _l, _c in items),
        labels=[label for _column, label, _colour in items],
        colors=[colour for _column, _label, colour in items],
        hatch=[HATCHES[0], HATCHES[2], HATCHES[4]],
        edgecolor="white",
        step="post",
    )
    focus_top = float(focus["tco"]) / 1000
    right.bar(
        result.year, focus_top, width=1.0, fill=False, edgecolor=PALETTE["black"], linewidth=1.8, zorder=3
    )
    right.set_xlim(YEARS[0] - 0.5, YEARS[1] + 0.5)
    right.set(xlabel="year (outlined: the year in focus)", ylabel="thousand USD per year")
    right.set_xticks(range(YEARS[0], YEARS[1] + 1, 3))
    right.set_title("Total cost of ownership", pad=34)
    legend_above(right, ncols=3, fontsize=8)

    tco = float(focus["tco"])
    ads_share = float(focus["ads"]) / tco if tco > 0 else 0.0
    cpe = float(focus["cost_per_engagement"])
    headlines = [
        Headline(
            f"Organic reach {result.year}",
            f"{focus['organic_reach_share']:.1%}",
            "of followers per post; 16% in 2012 (RCH1)",
        ),
        Headline(
            "Paid impressions",
            f"{focus['paid_impressions'] / 1000:,.0f}k",
            f"buy back {result.paid_top_up:.0%} of the reach lost since 2012",
        ),
        Headline(f"Total cost {result.year}", f"${tco:,.0f}", "staff + tools + ads"),
        Headline("Staff share", f"{focus['staff'] / tco:.0%}" if tco > 0 else "0%", "of the total cost"),
        Headline(
            "Ads share",
            f"{ads_share:.0%}",
            f"ads at an implied ${Costs().cost_per_thousand_impressions:.2f} per 1,000 (COST3 CPC × CTR)",
        ),
        Headline(
            "Cost per engagement",
            f"${cpe:,.2f}" if np.isfinite(cpe) else "no engagements",
            "total cost / likes, comments, shares, clicks",
        ),
    ]
    alt = (
        f"Two charts, {YEARS[0]} to {YEARS[1]}. Left: the share of followers an organic post reaches "
        f"falls from 16% in 2012 to {focus['organic_reach_share']:.1%} in {result.year}, passing through "
        f"six cited figures. Right: stacked yearly costs; in {result.year} staff cost "
        f"${focus['staff']:,.0f}, tools ${focus['tools']:,.0f} and ads ${focus['ads']:,.0f}, "
        f"a total of ${tco:,.0f}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: year, staff time, tool price and how much lost reach to buy back."""
    return Explorer(
        title="What does Northwind's 'free' social media cost?",
        intro="Staff time and tools cost money every year; the reach that came free in 2012 now has a price.",
        controls=[
            Slider(
                "year",
                "Year",
                YEARS[0],
                YEARS[1],
                1,
                2024,
                fmt="{:.0f}",
                integer=True,
                help="Years after 2020 extend the 2018-2020 trend (an assumption).",
            ),
            Slider(
                "staff_hours_per_week",
                "Staff hours per week",
                0,
                80,
                5,
                benchmarks.value("team_hours_per_week"),
                fmt="{:g} h",
                help="Discovering, curating, publishing, answering and promoting.",
            ),
            Slider(
                "tool_price_per_seat_month",
                "Tool price per seat",
                0,
                400,
                20,
                100,
                fmt="${:g}/month",
                help="No per-seat price was found: set your own (2 seats).",
            ),
            Slider(
                "paid_top_up",
                "Lost reach bought back",
                0.0,
                1.0,
                0.1,
                1.0,
                fmt="{:.0%}",
                help="Share of the reach lost since 2012 that ads buy back (0% = organic only).",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "In 2024, Northwind wants its posts to reach as many people as the same posts reached "
                "for free in 2012. How much must it spend on ads in the year (thousand USD)?"
            ),
            guess=Slider("guess", "My guess: ads, thousand USD", 0, 40, 1, 2, fmt="${:.0f}k", integer=True),
            scenario={"year": 2024, "paid_top_up": 1.0},
            answer=lambda result: float(result.focus["ads"]) / 1000,
            explain=(
                "Organic reach fell from 16% of followers in 2012 to a few percent, so most of the "
                "2012 reach must now be bought, impression by impression."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
