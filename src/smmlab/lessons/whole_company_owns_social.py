"""Lesson 03 -- the whole company owns social (myth-3, truth-8).

Two years on, Northwind's social inbox gets over a thousand messages a week. Should marketing
answer them all, or should complaints go to service, sensitive cases to PR and leads to sales?
The explorer routes the same stream under a staffing mix and shows reply times, resolution and
the customers' extra willingness to pay; a last-touch attribution table shows how a company can
come to believe that service creates almost no leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded
from smmlab.sim.routing import ROUTING_KINDS, TEAMS, Inbox, Payoff, Skills, Staffing, simulate_inbox
from smmlab.style import HATCHES, PALETTE, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "org_marketing_social_staff_share",
    "org_pr_social_staff_share",
    "org_support_social_staff_share",
    "org_company_wide_strategy_share",
    "exec_best_pr_2015",
    "exec_best_marketing_2015",
    "exec_best_service_2015",
    "wtp_reply_fast",
    "wtp_reply_slow",
    "reply_fast_minutes",
    "reply_slow_minutes",
    "wtp_reply_any",
    "reply_wtp_per_message_scale",
    "wtp_telecom_fast",
    "expect_reply_within_hour_share",
    "inbound_per_1000_followers_month",
    "unanswered_after_hours",
    "routing_followers",
    "complaint_share_settled",
    "pr_sensitive_share",
    "resolve_specialist",
    "resolve_marketing_other",
    "resolve_other",
    "resolve_praise",
    "minutes_complaint",
    "minutes_question",
    "minutes_praise",
    "minutes_lead",
    "minutes_sensitive",
    "outside_time_factor",
    "unresolved_wtp_factor",
    "lead_from_service_share",
    "lead_conversion_if_answered",
    "marketing_last_touch_share",
    "service_tag_rate",
    "pr_tag_rate",
    "sales_tag_rate",
    "marketing_tag_rate",
]

TEAM_STYLE = {
    "marketing": (PALETTE["orange"], HATCHES[1]),
    "service": (PALETTE["blue"], HATCHES[0]),
    "pr": (PALETTE["purple"], HATCHES[2]),
    "sales": (PALETTE["green"], HATCHES[4]),
    "nobody": (PALETTE["grey"], HATCHES[3]),
}
KIND_LABELS = {
    "complaint": "complaints",
    "question": "questions",
    "praise": "praise",
    "lead": "sales leads",
    "sensitive": "PR-sensitive",
}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    marketing, service, pr, sales
        People on duty per team. Under ``marketing-only`` the same head count all sits in
        marketing.
    cross_functional
        1 routes each kind of message to its specialist team; 0 lets marketing answer all.
    weeks, seed
        Length of the simulated period and the random seed.
    """

    marketing: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)
    service: int = bounded(2, low=0, high=50, unit="people on duty", integer=True)
    pr: int = bounded(0, low=0, high=50, unit="people on duty", integer=True)
    sales: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)
    cross_functional: int = bounded(1, low=0, high=1, unit="0 = marketing-only, 1 = routed", integer=True)
    weeks: int = bounded(4, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    @property
    def staffing(self) -> Staffing:
        """Who is on duty under this scenario's policy."""
        people = Staffing(marketing=self.marketing, service=self.service, pr=self.pr, sales=self.sales)
        if self.cross_functional:
            return people
        return Staffing(marketing=people.head_count, service=0, pr=0, sales=0)

    @property
    def policy(self) -> str:
        """The routing policy."""
        return "cross-functional" if self.cross_functional else "marketing-only"


def payoff() -> Payoff:
    """What a reply is worth per message: RESP1's airline figures at the assumed scale.

    RESP1 measured airline customers' extra willingness to pay on their *next fare*; crediting it
    to each of Northwind's messages is an assumption of scale (``reply_wtp_per_message_scale``).
    """
    scale = benchmarks.value("reply_wtp_per_message_scale")
    return Payoff(
        wtp_fast=benchmarks.value("wtp_reply_fast") * scale,
        wtp_slow=benchmarks.value("wtp_reply_slow") * scale,
    )


def run(scenario: Scenario | None = None) -> Inbox:
    """Simulate the scenario (default: the lesson's cross-functional starting point)."""
    scenario = scenario or Scenario()
    return simulate_inbox(
        scenario.staffing,
        scenario.policy,
        payoff=payoff(),
        weeks=int(scenario.weeks),
        seed=int(scenario.seed),
    )


def simulate(marketing: int, service: int, pr: int, sales: int, seed: int = 1) -> dict[str, float]:
    """Headline numbers of four weeks with this many people on duty per team, routed by kind."""
    return run(Scenario(marketing=marketing, service=service, pr=pr, sales=sales, seed=seed)).summary()


def compute(policy: str, marketing: int, service: int, pr: int, sales: int) -> Inbox:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            marketing=int(marketing),
            service=int(service),
            pr=int(pr),
            sales=int(sales),
            cross_functional=int(policy == "cross-functional"),
        )
    )


def _per_kind(result: Inbox) -> pd.DataFrame:
    messages = result.messages
    grouped = messages.groupby("kind", observed=False)
    table = pd.DataFrame(
        {
            "median_reply_minutes": grouped["reply_minutes"].median(),
            "resolved_share": grouped["resolved"].mean(),
            "team": grouped["team"].agg(lambda teams: teams.mode().iloc[0] if len(teams) else "nobody"),
        }
    )
    return table.reindex(list(ROUTING_KINDS))


def render(result: Inbox, figure: Figure) -> Rendered:
    """Median reply time (left) and resolved share (right) per kind of message, by answering team."""
    from matplotlib.patches import Patch
    summary = result.summary()
    per_kind = _per_kind(result)
    left, right = panels(
        figure, [1, 1], sharey=True, left=0.13, right=0.965, bottom=0.15, top=0.76, wspace=0.1
    )
    positions = np.arange(len(ROUTING_KINDS))[::-1]
    cutoff_minutes = 72 * 60
    reply = per_kind["median_reply_minutes"].fillna(cutoff_minutes).clip(lower=1, upper=cutoff_minutes)
    colours = [TEAM_STYLE[str(team)][0] for team in per_kind["team"]]
    hatches = [TEAM_STYLE[str(team)][1] for team in per_kind["team"]]
    for axes, values in ((left, reply), (right, per_kind["resolved_share"].fillna(0))):
        bars = axes.barh(positions, values, color=colours, edgecolor="white", height=0.7)
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
    left.set_xscale("log")
    left.set_xlim(1, cutoff_minutes * 1.3)
    fast, slow = benchmarks.value("reply_fast_minutes"), benchmarks.value("reply_slow_minutes")
    for minutes, text, style in ((fast, "6 min: +$20", "--"), (slow, "60 min: +$2.33", ":")):
        left.axvline(minutes, color=PALETTE["black"], linestyle=style, linewidth=1)
        left.text(minutes * 1.1, positions[0] + 0.45, text, fontsize=8, va="bottom")
    left.set_yticks(positions, [KIND_LABELS[kind] for kind in ROUTING_KINDS])
    left.set(xlabel="median reply time, minutes (log scale)")
    left.set_title("How fast is the reply?", pad=14)
    left.set_xticks([1, 10, 60, 600, 4320], ["1", "10", "60", "600", "72 h"])
    right.set_xlim(0, 1)
    right.set(xlabel="share of messages resolved")
    right.set_title("Is the problem resolved?", pad=14)
    right.xaxis.set_major_formatter(lambda value, _pos: f"{value:.0%}")
    used = [team for team in (*TEAMS, "nobody") if team in set(map(str, per_kind["team"]))]
    handles = [_legend_patch(TEAM_STYLE[team][0], TEAM_STYLE[team][1], team) for team in used]
    figure.legend(
        handles=[Patch(visible=False, label="Answered by:"), *handles],
        loc="upper center",
        bbox_to_anchor=(0.55, 1.0),
        ncols=len(used) + 1,
        fontsize=9,
        handlelength=2.2,
    )
    left.set_ylim(-0.6, len(ROUTING_KINDS) - 0.1)

    reply_text = (
        "no replies"
        if np.isnan(summary["median_reply_minutes"])
        else f"{summary['median_reply_minutes']:.0f} min"
    )
    headlines = [
        Headline("People on duty", f"{summary['head_count']:.0f}", f"policy: {result.policy}"),
        Headline("Median reply", reply_text, "RESP1: ≤ 6 min +$20, > 60 min +$2.33"),
        Headline(
            "Answered within 1 hour",
            f"{summary['within_hour_share']:.0%}",
            f"{benchmarks.value('expect_reply_within_hour_share'):.0%} of those expecting a reply want "
            "this (CARE8)",
        ),
        Headline("Messages resolved", f"{summary['resolved_share']:.0%}", "chances by team are assumptions"),
        Headline(
            "Extra willingness to pay",
            f"${summary['wtp_gain_per_message']:.2f}",
            "per message: RESP1's airline next-fare gain at an assumed scale",
        ),
        Headline(
            "Leads made by service",
            f"{summary['service_origin_share']:.0%} made, {summary['service_credited_share']:.0%} credited",
            "last-touch attribution (assumed tagging)",
        ),
    ]
    alt = (
        f"Two bar charts for five kinds of message under {result.policy} routing with "
        f"{summary['head_count']:.0f} people on duty. Left: median reply times from "
        f"{reply.min():.0f} to {reply.max():.0f} minutes on a log scale, with lines at 6 and 60 minutes. "
        f"Right: resolved shares from {per_kind['resolved_share'].min():.0%} to "
        f"{per_kind['resolved_share'].max():.0%}. Overall {summary['resolved_share']:.0%} of messages are "
        f"resolved and each brings ${summary['wtp_gain_per_message']:.2f} of extra willingness to pay."
    )
    return Rendered(headlines, alt)


def _legend_patch(colour: str, hatch: str, label: str) -> Patch:
    from matplotlib.patches import Patch
    return Patch(facecolor=colour, hatch=hatch, edgecolor="white", label=label)


def explorer() -> Explorer:
    """The lesson's explorer: who answers the inbox, and how many people each team puts on duty."""
    people = {"low": 0, "high": 4, "step": 1, "fmt": "{:.0f}", "integer": True}
    return Explorer(
        title="Who answers Northwind's inbox? Four weeks, about 1,100 messages a week",
        intro=(
            "Choose who owns the inbox and how many people each team has on duty. Under 'marketing "
            "alone' the same head count all sits in marketing."
        ),
        controls=[
            Choice(
                "policy",
                "Who owns the inbox",
                {"Marketing alone": "marketing-only", "Whole company (route by kind)": "cross-functional"},
                "cross-functional",
                help="Routed: complaints and questions to service, leads to sales, sensitive cases to PR.",
            ),
            Slider(
                "marketing", "Marketing on duty", value=1, help="Praise, brand voice, campaigns.", **people
            ),
            Slider(
                "service", "Customer service on duty", value=2, help="Complaints and questions.", **people
            ),
            Slider("pr", "PR on duty", value=0, help="Press, influencers, brewing firestorms.", **people),
            Slider("sales", "Sales on duty", value=1, help="Sales leads.", **people),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind's four people on duty (1 marketing, 2 service, 1 sales) all answer as "
                "marketing today. If the inbox were routed by kind to those teams instead, what share of "
                "all messages would be resolved?"
            ),
            guess=Slider("guess", "My guess: share resolved", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"policy": "cross-functional", "marketing": 1, "service": 2, "pr": 0, "sales": 1},
            answer=lambda result: result.summary()["resolved_share"],
            explain=(
                "The same people resolve far more when each message reaches the team that handles that "
                "kind of problem every day."
            ),
        ),
    )


def skill_table() -> pd.DataFrame:
    """The assumed chance of resolution, team × kind (the simulation's skills)."""
    return Skills().resolution_table()


def _attribution(leads: pd.DataFrame) -> pd.DataFrame:
    """Share of converted leads by the team that created them and by the channel credited."""
    table = pd.DataFrame(
        {
            "originated": leads["origin"].value_counts(normalize=True),
            "credited": leads["credited"].value_counts(normalize=True),
        }
    )
    return table.fillna(0.0)


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)


def quarter_attribution(seed: int = 11) -> pd.DataFrame:
    """A routed quarter's bought leads: share created by each team vs share credited by last touch."""
    quarter = simulate_inbox(
        Staffing(marketing=1, service=2, pr=1, sales=1), "cross-functional", weeks=13, seed=seed
    )
    table = _attribution(quarter.messages[quarter.messages["converted"]])
    return table.rename(columns={"originated": "created by", "credited": "credited to (last touch)"}).round(3)
