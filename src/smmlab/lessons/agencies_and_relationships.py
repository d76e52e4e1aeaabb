"""Lesson 17 -- agencies and relationships (truth-2).

Northwind's inbox has grown to over a thousand messages a week, and an agency offers to answer
them for less than an in-house team costs. The explorer runs the same inbox through both: the
agency's first replies are quick, but answers that need the brand's knowledge wait in an approval
chain, and fewer problems get resolved. The headline numbers set cost against the customers'
extra willingness to pay and the customers lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.agency import (
    Handler,
    agency,
    handling_summary,
    in_house,
    simulate_handling,
)
from smmlab.sim.params import Params, bounded
from smmlab.sim.routing import Payoff
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "inhouse_social_staff",
    "outside_social_staff",
    "posts_per_reply",
    "wtp_reply_fast",
    "wtp_reply_slow",
    "agency_wtp_scale",
    "reply_fast_minutes",
    "reply_slow_minutes",
    "expected_reply_hours",
    "ignored_switch_share",
    "answered_fast_churn",
    "routing_followers",
    "inbound_per_1000_followers_month",
    "complaint_share_settled",
    "question_weight",
    "praise_weight",
    "lead_weight",
    "unanswered_after_hours",
    "reply_cutoff_hours",
    "minutes_per_reply",
    "resolve_specialist",
    "resolve_praise",
    "unresolved_wtp_factor",
    "social_manager_salary_year",
    "employer_overhead",
    "inhouse_seat_month",
    "agency_cost_factor",
    "inhouse_escalation_share",
    "inhouse_approval_hours",
    "agency_escalation_share",
    "agency_approval_hours",
    "agency_resolve_rate",
]

WEEKS = 4
STYLE = {
    "in-house": (PALETTE["blue"], "-"),
    "agency": (PALETTE["orange"], "--"),
}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    people
        People on duty in each team.
    approval_hours
        The agency's mean wait for the brand's answer or approval.
    agency_resolve_rate
        Chance that the agency resolves a complaint, question or lead.
    wtp_scale
        What a fast answer is worth, as a multiple of RESP1's airline figures credited to each
        message (a scale-only stand-in; 1 = one for one).
    seed
        Random seed.
    """

    people: int = bounded(1, low=1, high=50, unit="people on duty", integer=True)
    approval_hours: float = bounded(low=0, high=720, unit="hours", benchmark="agency_approval_hours")
    agency_resolve_rate: float = bounded(low=0, high=1, unit="probability", benchmark="agency_resolve_rate")
    wtp_scale: float = bounded(low=0, high=10, unit="multiple of RESP1", benchmark="agency_wtp_scale")
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    def handlers(self) -> dict[str, Handler]:
        """The two teams under this scenario."""
        return {
            "in-house": in_house(people=int(self.people)),
            "agency": agency(
                people=int(self.people),
                approval_hours=self.approval_hours,
                resolve_rate=self.agency_resolve_rate,
            ),
        }


@dataclass(frozen=True)
class Comparison:
    """Both handlers' messages over the same four weeks, with their costs."""

    messages: pd.DataFrame
    handlers: dict[str, Handler]
    wtp_scale: float = 1.0

    def summary(self) -> pd.DataFrame:
        """Headline numbers per handler (rows), including the monthly cost."""
        rows = {}
        for name, handler in self.handlers.items():
            mine = self.messages[self.messages["handler"] == name]
            rows[name] = {
                **handling_summary(mine, WEEKS),
                "cost_per_month": handler.people * handler.cost_per_seat_month,
            }
        return pd.DataFrame.from_dict(rows, orient="index")


def payoff(scale: float | None = None) -> Payoff:
    """What an answer is worth per message: RESP1's airline figures at an assumed scale.

    RESP1 measured airline customers' stated extra willingness to pay on their *next fare*;
    crediting it to each of Northwind's messages is a scale-only stand-in (``agency_wtp_scale``).
    """
    scale = benchmarks.value("agency_wtp_scale") if scale is None else float(scale)
    return Payoff(
        wtp_fast=benchmarks.value("wtp_reply_fast") * scale,
        wtp_slow=benchmarks.value("wtp_reply_slow") * scale,
    )


def run(scenario: Scenario | None = None) -> Comparison:
    """The same inbox answered by the in-house team and by the agency."""
    scenario = scenario or Scenario()
    handlers = scenario.handlers()
    value = payoff(scenario.wtp_scale)
    frames = [
        simulate_handling(handler, name, payoff=value, weeks=WEEKS, seed=int(scenario.seed))
        for name, handler in handlers.items()
    ]
    return Comparison(pd.concat(frames, ignore_index=True), handlers, float(scenario.wtp_scale))


def compute(people: int, approval_hours: float, agency_resolve_rate: float, wtp_scale: float) -> Comparison:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            people=int(people),
            approval_hours=approval_hours,
            agency_resolve_rate=agency_resolve_rate,
            wtp_scale=wtp_scale,
        )
    )


def net_table(
    approval_hours: tuple[float, ...] = (0, 2, 6, 12, 24),
    resolve_rates: tuple[float, ...] = (0.45, 0.6, 0.75, 0.85, 0.95),
    people: int = 1,
    wtp_scale: float | None = None,
) -> pd.DataFrame:
    """In-house minus agency per month (extra WTP gained minus extra cost, USD), by the agency's
    chance of resolving (rows) and its approval wait (columns). Positive: keeping it in-house pays.

    ``wtp_scale`` is what a fast answer is worth as a multiple of RESP1's airline figures
    (default: ``agency_wtp_scale``)."""
    scale = benchmarks.value("agency_wtp_scale") if wtp_scale is None else float(wtp_scale)
    rows = {}
    for rate in resolve_rates:
        row = {}
        for hours in approval_hours:
            scenario = Scenario(
                people=people, approval_hours=hours, agency_resolve_rate=rate, wtp_scale=scale
            )
            summary = run(scenario).summary()
            inside, outside = summary.loc["in-house"], summary.loc["agency"]
            row[f"{hours:g} h"] = (inside["wtp_per_month"] - outside["wtp_per_month"]) - (
                inside["cost_per_month"] - outside["cost_per_month"]
            )
        rows[f"{rate:.0%}"] = row
    table = pd.DataFrame.from_dict(rows, orient="index").round(-2).astype(int)
    return table.rename_axis(index="agency resolves", columns="approval wait")


GRID_HOURS = np.geomspace(1 / 60, 72, 120)


def answered_within(messages: pd.DataFrame, hours: np.ndarray) -> np.ndarray:
    """Share of complaints and questions answered within each of ``hours``."""
    problems = messages[messages["kind"].isin(("complaint", "question"))]
    answer = np.sort(problems["answer_hours"].dropna().to_numpy())
    if len(problems) == 0:
        return np.zeros(len(hours))
    return np.searchsorted(answer, hours, side="right") / len(problems)


def _hours(value: float) -> str:
    if np.isnan(value):
        return "none"
    return f"{value * 60:.0f} min" if value < 1 else f"{value:.1f} h"


def render(result: Comparison, figure: Figure) -> Rendered:
    """Time to an answer (left) and money per month (right), in-house against agency."""
    summary = result.summary()
    left, right = panels(figure, [1.25, 1], left=0.085, right=0.985, bottom=0.14, top=0.8, wspace=0.3)
    for name, (colour, line) in STYLE.items():
        mine = result.messages[result.messages["handler"] == name]
        left.plot(
            GRID_HOURS * 60,
            answered_within(mine, GRID_HOURS),
            color=colour,
            linestyle=line,
            linewidth=2,
            label=name,
        )
    left.set_xscale("log")
    left.set_xlim(3, 72 * 60)
    left.set_ylim(0, 1.02)
    left.set_xticks([6, 60, 240, 1440, 4320], ["6 min", "1 h", "4 h", "1 day", "3 days"])
    left.yaxis.set_major_formatter(lambda value, _pos: f"{value:.0%}")
    left.axvline(240, color=PALETTE["black"], linestyle=":", linewidth=1)
    left.text(250, 0.04, "customers expect ≤ 4 h (CARE3)", fontsize=7.5)
    left.set(xlabel="time from message to answer (log scale)", ylabel="problems answered, share")
    left.set_title("How soon does the customer get an answer?", pad=22, fontsize=11)
    legend_above(left, ncols=2, fontsize=8.5, handlelength=2.5)

    names = list(STYLE)
    positions = np.arange(len(names))
    width = 0.38
    value = summary.loc[names, "wtp_per_month"] / 1000
    cost = summary.loc[names, "cost_per_month"] / 1000
    right.bar(
        positions - width / 2,
        value,
        width,
        color=PALETTE["green"],
        edgecolor="white",
        label="extra WTP (RESP1, scaled)",
    )
    right.bar(
        positions + width / 2,
        cost,
        width,
        color=PALETTE["grey"],
        hatch=HATCHES[3],
        edgecolor="white",
        label="team cost",
    )
    for x, (v, c) in enumerate(zip(value, cost, strict=True)):
        right.text(x - width / 2, v, f"{v:.0f}", ha="center", va="bottom", fontsize=8)
        right.text(x + width / 2, c, f"{c:.0f}", ha="center", va="bottom", fontsize=8)
    right.set_xticks(positions, names)
    right.set_ylim(0, max(value.max(), cost.max()) * 1.18)
    right.set(ylabel="thousand USD per month")
    right.set_title("Value and cost", pad=22, fontsize=11)
    legend_above(right, ncols=2, fontsize=8.5)
    right.grid(axis="x", visible=False)

    inside, outside = summary.loc["in-house"], summary.loc["agency"]
    net = (inside["wtp_per_month"] - outside["wtp_per_month"]) - (
        inside["cost_per_month"] - outside["cost_per_month"]
    )
    headlines = [
        Headline(
            "Problems resolved",
            f"{inside['resolved_share']:.0%} vs {outside['resolved_share']:.0%}",
            "in-house vs agency (assumed skills)",
        ),
        Headline(
            "Median time to answer",
            f"{_hours(inside['median_answer_hours'])} vs {_hours(outside['median_answer_hours'])}",
            "reply plus approval",
        ),
        Headline(
            "Answered within 4 h",
            f"{inside['answered_within_4h']:.0%} vs {outside['answered_within_4h']:.0%}",
            "what customers expect (CARE3)",
        ),
        Headline(
            "Customers lost per month",
            f"{inside['customers_lost_per_month']:.0f} vs {outside['customers_lost_per_month']:.0f}",
            "slow or unresolved problems (CARE7)",
        ),
        Headline(
            "In-house, net per month",
            f"{'+' if net >= 0 else '−'}${abs(net) / 1000:,.1f}k",
            f"extra WTP gained minus extra cost; answers at {result.wtp_scale:.0%} of RESP1",
        ),
    ]
    alt = (
        f"Left: share of complaints and questions answered over time, on a log scale from three minutes to "
        f"three days; within 4 hours the in-house team answers {inside['answered_within_4h']:.0%} and the "
        f"agency {outside['answered_within_4h']:.0%}. Right: bars of extra willingness to pay and cost per "
        f"month, in thousand dollars: in-house {inside['wtp_per_month'] / 1000:.0f} and "
        f"{inside['cost_per_month'] / 1000:.0f}, agency {outside['wtp_per_month'] / 1000:.0f} and "
        f"{outside['cost_per_month'] / 1000:.0f}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: staffing, the agency's approval chain and its product knowledge."""
    approval = benchmarks.value("agency_approval_hours")
    resolve = benchmarks.value("agency_resolve_rate")
    scale = benchmarks.value("agency_wtp_scale")
    return Explorer(
        title="In-house or agency? Northwind's inbox, four weeks, about 1,100 messages a week",
        intro="The same messages go to both teams; each has the same number of people on duty.",
        controls=[
            Slider(
                "people",
                "People on duty (each team)",
                1,
                4,
                1,
                1,
                fmt="{:.0f}",
                help=(
                    "A seat on duty round the clock takes about 4.2 full-time people: about $26k a month "
                    "in-house (COST1 pay plus assumptions), 30% less at the agency (assumption)."
                ),
                integer=True,
            ),
            Slider(
                "approval_hours",
                "Agency's approval wait",
                0.0,
                24.0,
                0.5,
                approval,
                fmt="{:g} h",
                help="Mean wait for the brand's answer on escalated messages (assumption: 6 h).",
            ),
            Slider(
                "agency_resolve_rate",
                "Agency's chance of resolving",
                0.3,
                0.95,
                0.05,
                resolve,
                fmt="{:.0%}",
                help="Product knowledge: the in-house specialists resolve 85% (both assumptions).",
            ),
            Slider(
                "wtp_scale",
                "Value of a fast answer (x RESP1)",
                0.0,
                1.5,
                0.05,
                scale,
                fmt="{:.0%}",
                help=(
                    "100% credits RESP1's airline figures ($20 within 6 min, $2.33 after an hour) to "
                    "each message: a scale-only stand-in, not revenue (assumption)."
                ),
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "The agency sends its first reply about as fast as the in-house team. Counting the wait "
                "for the brand's approval, what share of complaints and questions does the agency answer "
                "within the 4 hours customers expect?"
            ),
            guess=Slider("guess", "My guess: answered within 4 h", 0.0, 1.0, 0.05, 0.9, fmt="{:.0%}"),
            scenario={
                "people": 1,
                "approval_hours": approval,
                "agency_resolve_rate": resolve,
                "wtp_scale": scale,
            },
            answer=lambda result: float(result.summary().loc["agency", "answered_within_4h"]),
            explain=(
                "A quick acknowledgement is not an answer: every message that needs the brand's knowledge "
                "waits in the approval chain (its share and wait are assumptions)."
            ),
        ),
        built_in=(
            "The agency's handicaps are assumptions, not measurements: it passes half of complaints, "
            "questions and leads to Northwind and waits 6 hours on average for approval, resolves 60% "
            "against 85% in-house, and costs 70% of an in-house seat; the dollars an answer is worth "
            "are RESP1's airline figures at an assumed scale. Move the approval wait, the chance of "
            "resolving or the value of an answer to change the verdict."
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
