"""Lesson 20 -- people over tools (truth-7).

Northwind Kettles can spend on social media tools, or it can have staff who like to share and
care. The explorer simulates a month of posts on Northwind's page, some of them shared by
employees with their own connections (employee advocacy), and compares what each lever adds:
tools lift the page's results a little, at a price the instructor sets; employees who share
carry the posts to people the page never reaches, with twice the click-through (ADV1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Costs, benchmarks
from smmlab.sim.network import Advocacy, AdvocacyResult, simulate_advocacy, tool_uplift
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "employee_sharer_share",
    "employee_engagement_share",
    "employee_ctr_multiple",
    "employee_network_multiple",
    "employee_credibility_share",
    "followers",
    "employees",
    "advocacy_people",
    "organic_reach_share",
    "facebook_ctr",
    "facebook_cpc",
    "employee_see_chance",
    "tool_price_per_seat_month",
    "tool_max_uplift",
    "tool_seats_scale",
    "minutes_per_share",
    "social_manager_salary_year",
    "employer_overhead",
    "work_hours_per_year",
]

#: Followers of Northwind's page (the exercise states it).
PAGE_FOLLOWERS = int(benchmarks.value("followers"))


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    sharing_share
        Share of employees who share the page's posts (ADV1: 3%).
    tool_seats
        Seats of a social media management tool.
    tool_price_per_seat_month
        Price of a seat (an instructor parameter: no published price was found).
    seed
        Random seed.
    """

    sharing_share: float = bounded(
        low=0, high=1, unit="share of employees", benchmark="employee_sharer_share"
    )
    tool_seats: int = bounded(2, low=0, high=100, unit="seats", integer=True)
    tool_price_per_seat_month: float = bounded(
        low=0, high=100_000, unit="USD per seat per month", benchmark="tool_price_per_seat_month"
    )
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class PeopleToolsResult:
    """A month of Northwind's page and staff shares, with what tools and sharing cost."""

    advocacy: AdvocacyResult
    scenario: Scenario

    def summary(self) -> dict[str, float]:
        """Clicks by source, costs, and cost per click of each lever (NaN when it adds nothing)."""
        totals = self.advocacy.totals()
        page_clicks = float(totals.loc["page", "clicks"])
        employee_clicks = float(totals.loc["employee", "clicks"])
        tool_clicks = page_clicks * float(tool_uplift(self.scenario.tool_seats))
        tool_cost = self.scenario.tool_seats * self.scenario.tool_price_per_seat_month
        shares = float(self.advocacy.employees["shares"].sum())
        sharing_cost = shares * benchmarks.value("minutes_per_share") / 60 * Costs().hourly_staff_cost
        return {
            "page_clicks": page_clicks,
            "tool_clicks": tool_clicks,
            "employee_clicks": employee_clicks,
            "tool_cost": tool_cost,
            "sharing_cost": sharing_cost,
            "tool_cost_per_click": tool_cost / tool_clicks if tool_clicks > 0 else float("nan"),
            "sharing_cost_per_click": sharing_cost / employee_clicks if employee_clicks > 0 else float("nan"),
            "page_reached": float(self.advocacy.reached["page"]),
            "employee_reached": float(self.advocacy.reached["employee"]),
            "sharers": float(self.advocacy.advocacy.sharers),
        }


def run(scenario: Scenario | None = None) -> PeopleToolsResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    advocacy = simulate_advocacy(Advocacy(sharing_share=scenario.sharing_share), seed=int(scenario.seed))
    return PeopleToolsResult(advocacy=advocacy, scenario=scenario)


def compute(sharing_share: float, tool_seats: int, tool_price_per_seat_month: float) -> PeopleToolsResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            sharing_share=sharing_share,
            tool_seats=int(tool_seats),
            tool_price_per_seat_month=tool_price_per_seat_month,
        )
    )


def levers_table(
    sharing_shares: tuple[float, ...] = (0.0, 0.03, 0.1, 0.25),
    tool_seats: int = 2,
    tool_price_per_seat_month: float = 100.0,
) -> pd.DataFrame:
    """A month at Northwind for several shares of staff who share, with the same tool seats."""
    rows = {}
    for share in sharing_shares:
        summary = compute(share, tool_seats, tool_price_per_seat_month).summary()
        total = summary["page_clicks"] + summary["tool_clicks"] + summary["employee_clicks"]
        rows[f"{share:.0%}"] = {
            "staff who share": summary["sharers"],
            "people reached by the page": summary["page_reached"],
            "people reached by staff": summary["employee_reached"],
            "clicks from the page": summary["page_clicks"],
            "extra clicks from tools": summary["tool_clicks"],
            "clicks from staff": summary["employee_clicks"],
            "staff share of clicks": summary["employee_clicks"] / total if total > 0 else 0.0,
            "tool cost per click ($)": summary["tool_cost_per_click"],
            "staff cost per click ($)": summary["sharing_cost_per_click"],
        }
    counts = ["staff who share", "people reached by the page", "people reached by staff"]
    counts += ["clicks from the page", "clicks from staff"]
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("employees who share")
    return table.round(2).astype(dict.fromkeys(counts, int))


def _money(value: float) -> str:
    return "nothing added" if np.isnan(value) else f"${value:,.2f} per click"


def render(result: PeopleToolsResult, figure: Figure) -> Rendered:
    """People reached in a month (left); clicks by lever with their cost per click (right)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    summary = result.summary()
    left, right = panels(figure, [1, 1.2], left=0.16, right=0.97, bottom=0.15, top=0.8, wspace=0.35)
    left.set_axisbelow(True)
    right.set_axisbelow(True)
    rows = np.arange(2)
    reached = [summary["page_reached"], summary["employee_reached"]]
    left.barh(
        rows,
        reached,
        color=[PALETTE["blue"], PALETTE["green"]],
        hatch=[HATCHES[0], HATCHES[2]],
        edgecolor="white",
        height=0.6,
    )
    left.set_yticks(rows, ["brand page", f"{summary['sharers']:.0f} staff\nsharing"])
    left.invert_yaxis()
    left.set_xlabel("people reached in a month")
    left.set_title("Reach: page vs staff", pad=12)
    top = max(max(reached), 1.0)
    left.set_xlim(0, top * 1.35)
    left.xaxis.set_major_locator(MaxNLocator(4))
    left.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:,.0f}"))
    for row, value in zip(rows, reached, strict=True):
        left.text(value + top * 0.02, row, f"{value:,.0f}", va="center", fontsize=9)

    labels = ["page\n(no tool)", "extra from\ntools", "staff\nshares"]
    clicks = [summary["page_clicks"], summary["tool_clicks"], summary["employee_clicks"]]
    bars = right.bar(
        np.arange(3),
        clicks,
        color=[PALETTE["blue"], PALETTE["orange"], PALETTE["green"]],
        hatch=[HATCHES[0], HATCHES[1], HATCHES[2]],
        edgecolor="white",
        width=0.6,
    )
    right.set_xticks(np.arange(3), labels)
    right.set_ylabel("clicks in a month")
    right.set_title("Clicks and what they cost", pad=12)
    peak = max(max(clicks), 1.0)
    right.set_ylim(0, peak * 1.35)
    notes = ["", _money(summary["tool_cost_per_click"]), _money(summary["sharing_cost_per_click"])]
    for bar, value, note in zip(bars, clicks, notes, strict=True):
        text = f"{value:,.0f}" + (f"\n{note}" if note else "")
        right.text(bar.get_x() + bar.get_width() / 2, value + peak * 0.03, text, ha="center", fontsize=8.5)

    total = summary["page_clicks"] + summary["tool_clicks"] + summary["employee_clicks"]
    staff_share = summary["employee_clicks"] / total if total > 0 else 0.0
    cpc = benchmarks.value("facebook_cpc")
    headlines = [
        Headline(
            "Staff who share",
            f"{summary['sharers']:.0f}",
            f"of {int(benchmarks.value('employees'))} employees",
        ),
        Headline("Clicks from staff shares", f"{staff_share:.0%}", "of all clicks (ADV1: 3% of staff → 30%)"),
        Headline(
            "Reach, staff vs page",
            f"{summary['employee_reached'] / max(summary['page_reached'], 1):.1f}×",
            "distinct people in a month",
        ),
        Headline("Tools", f"${summary['tool_cost']:,.0f} a month", _money(summary["tool_cost_per_click"])),
        Headline(
            "Staff time sharing",
            f"${summary['sharing_cost']:,.0f} a month",
            _money(summary["sharing_cost_per_click"]),
        ),
        Headline("A click bought as an ad", f"${cpc:.2f}", "average Facebook CPC (COST3)"),
    ]
    alt = (
        f"Two bar charts for one month. Left: the page reaches {summary['page_reached']:,.0f} people, "
        f"{summary['sharers']:.0f} sharing employees reach {summary['employee_reached']:,.0f}. Right: "
        f"{summary['page_clicks']:,.0f} clicks from the page, {summary['tool_clicks']:,.0f} extra from "
        f"tools costing ${summary['tool_cost']:,.0f}, {summary['employee_clicks']:,.0f} from staff shares "
        f"costing ${summary['sharing_cost']:,.0f} of staff time."
    )
    return Rendered(headlines, alt)


def _reach_ratio(result: PeopleToolsResult) -> float:
    summary = result.summary()
    return summary["employee_reached"] / max(summary["page_reached"], 1.0)


def explorer() -> Explorer:
    """The lesson's explorer: staff who share against money spent on tools."""
    return Explorer(
        title="People or tools? A month of Northwind's page",
        intro=(
            "Northwind's page posts about 20 times a month. Some employees share the posts with "
            "their own connections; the company can also pay for tool seats."
        ),
        controls=[
            Slider(
                "sharing_share",
                "Employees who share",
                0.0,
                0.5,
                0.01,
                0.03,
                fmt="{:.0%}",
                help="LinkedIn found that about 3% of employees share company posts (ADV1).",
            ),
            Slider(
                "tool_seats",
                "Tool seats",
                0,
                10,
                1,
                2,
                fmt="{:.0f}",
                integer=True,
                help=(
                    "What tools add is a modelling assumption: at most +20% page clicks, less per extra seat."
                ),
            ),
            Slider(
                "tool_price_per_seat_month",
                "Tool price per seat a month",
                0,
                500,
                10,
                100,
                fmt="${:,.0f}",
                help="An instructor parameter: no published per-seat price was found.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Suppose 10% of Northwind's 200 employees share every post instead of 3%. In a month, "
                "how many people do the staff's shares reach, as a multiple of the people the page "
                "reaches?"
            ),
            guess=Slider("guess", "My guess: staff reach ÷ page reach", 0.0, 3.0, 0.1, 0.3, fmt="{:.1f}×"),
            scenario={"sharing_share": 0.1},
            answer=_reach_ratio,
            explain=(
                "Twenty sharers have about 20,000 connections between them (staff networks add up "
                "to about ten times the page's followers, one reading of ADV2, a low-confidence "
                "claim), and feeds show a friend's share to few of them. So the staff reach about "
                "three quarters as many people as the page, but few of them follow it: a few more "
                "people who like to share carry the posts to an audience the page never reaches."
            ),
        ),
        built_in=(
            "What the tools add is an assumption, not a measurement: at most 20% more page clicks, "
            "two seats giving about two thirds of that (no study of what tools return was found). "
            "So 'tools add little' is put in by the model; the tool price sets what a tool click "
            "costs, and the 20% cap has no control here."
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
