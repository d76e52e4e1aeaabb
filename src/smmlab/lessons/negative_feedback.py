"""Lesson 09 -- answering negative feedback (mistake-4).

Angry comments arrive under Northwind's posts every day. The social media manager (or the service
colleague who helps with the comments) can ignore them,
delete them, argue back, answer in public, or answer and move the conversation to a private
channel to fix the problem. The explorer handles the same six months of complaints each way and
compares customers lost, public shaming, recommendations, escalations and the net value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.complaints import STRATEGIES, STRATEGY_LABELS, Strategies, Values, compare_strategies
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "ignored_switch_share",
    "ignored_shame_share",
    "recommend_if_answered",
    "recommend_if_ignored",
    "answered_recommend_ratio",
    "answered_escalations_avoided",
    "crises_preventable_share",
    "influential_complainers_answered_more",
    "inbound_per_1000_followers_month",
    "complaint_share_settled",
    "followers",
    "resolve_specialist",
    "answered_fast_churn",
    "public_answer_churn",
    "public_answer_shame",
    "fixed_shame",
    "ignored_backlash_chance",
    "deleted_churn",
    "deleted_shame",
    "deleted_recommend",
    "deleted_backlash_chance",
    "argued_churn",
    "argued_shame",
    "argued_recommend",
    "argued_backlash_chance",
    "minutes_delete",
    "minutes_argue",
    "minutes_per_reply",
    "minutes_complaint",
    "customer_value",
    "referral_value",
    "public_shame_cost",
    "backlash_cost",
    "fix_cost",
    "staff_cost_per_hour",
    "social_manager_salary_year",
    "employer_overhead",
    "work_hours_per_year",
]

#: Complaints a month at Northwind: 20,000 followers x 39 messages per 1,000 a month x 30% complaints.
COMPLAINTS_PER_MONTH = round(
    benchmarks.value("followers")
    / 1000
    * benchmarks.value("inbound_per_1000_followers_month")
    * benchmarks.value("complaint_share_settled")
)
OUTCOME_STYLE = {
    "churned": ("customers lost", PALETTE["vermillion"], HATCHES[3]),
    "shamed": ("shamed the brand in public", PALETTE["orange"], HATCHES[1]),
    "recommends": ("would recommend", PALETTE["green"], HATCHES[0]),
}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    strategy
        How the social team handles complaints (one of :data:`STRATEGIES`).
    complaints_per_month
        Complaints arriving a month.
    customer_value
        Value of a customer lost or kept, in US dollars (an assumption; default 120).
    months, seed
        Length of the period and the random seed.
    """

    strategy: str = field(default="ignore")
    complaints_per_month: int = bounded(
        COMPLAINTS_PER_MONTH, low=0, high=100_000, unit="complaints per month", integer=True
    )
    customer_value: float = bounded(low=0, high=1e6, unit="USD", benchmark="customer_value")
    months: int = bounded(6, low=1, high=120, unit="months", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.strategy not in STRATEGIES:
            raise ValueError(
                f"Scenario.strategy = {self.strategy!r} is not one of the allowed values {STRATEGIES}"
            )


@dataclass(frozen=True)
class FeedbackResult:
    """The same complaints handled with every strategy.

    Attributes
    ----------
    table
        One row per strategy: totals of customers lost, public shamings, recommenders,
        escalations, hours of work and net value (USD), and the value per complaint.
    scenario
        The scenario simulated; ``scenario.strategy`` is the one the learner chose.
    """

    table: pd.DataFrame
    scenario: Scenario

    @property
    def chosen(self) -> pd.Series:
        """The chosen strategy's row."""
        return self.table.loc[self.scenario.strategy]

    def gain_over_ignoring(self, strategy: str) -> float:
        """Net value per complaint of ``strategy`` minus that of ignoring, in US dollars."""
        values = self.table["value_per_complaint"]
        return float(values[strategy] - values["ignore"])


def run(scenario: Scenario | None = None) -> FeedbackResult:
    """Simulate the scenario (default: six months of Northwind's complaints, ignored)."""
    scenario = scenario or Scenario()
    table = compare_strategies(
        int(scenario.complaints_per_month) * int(scenario.months),
        Strategies(),
        Values(customer_value=scenario.customer_value),
        seed=int(scenario.seed),
    )
    return FeedbackResult(table=table, scenario=scenario)


def reaction_table() -> pd.DataFrame:
    """The decision tree's chances per complaint and minutes of work, one row per strategy."""
    table = Strategies().table()
    table.index = [STRATEGY_LABELS[name] for name in table.index]
    return (
        table.rename_axis("strategy")
        .rename(
            columns={
                "churned": "switches",
                "shamed": "shames in public",
                "recommends": "would recommend",
                "backlash": "onlookers pile on",
                "fixed": "problem fixed",
                "minutes": "staff minutes",
            }
        )
        .round(3)
    )


def compute(strategy: str, complaints_per_month: int, customer_value: float) -> FeedbackResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            strategy=strategy, complaints_per_month=int(complaints_per_month), customer_value=customer_value
        )
    )


def render(result: FeedbackResult, figure: Figure) -> Rendered:
    """Outcomes per 100 complaints (left) and net value per complaint (right), by strategy."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator
    table = result.table
    chosen = result.scenario.strategy
    complaints = int(table["complaints"].iloc[0])
    left, right = panels(figure, [1.35, 1], left=0.165, right=0.97, bottom=0.14, top=0.8, wspace=0.08)
    rows = np.arange(len(STRATEGIES))[::-1]  # worst practice at the top, best at the bottom
    height = 0.26
    per_100 = 100 / max(complaints, 1)
    for offset, (key, (label, colour, hatch)) in zip(
        (-height, 0, height), OUTCOME_STYLE.items(), strict=True
    ):
        values = table.loc[list(STRATEGIES), key].to_numpy() * per_100
        left.barh(rows - offset, values, height, color=colour, hatch=hatch, edgecolor="white", label=label)
    left.set_yticks(rows, [STRATEGY_LABELS[s].replace(" and ", "\nand ") for s in STRATEGIES])
    for tick, name in zip(left.get_yticklabels(), STRATEGIES, strict=True):
        tick.set_fontweight("bold" if name == chosen else "normal")
    left.set_xlim(0, 100)
    left.set_xticks([0, 25, 50, 75, 100])
    left.set_xlabel("complainers per 100 complaints")
    left.set_title("What complainers do next", pad=22)
    legend_above(left, ncols=3, fontsize=8, handlelength=1.5)
    left.grid(axis="y", visible=False)

    value = table.loc[list(STRATEGIES), "value_per_complaint"].to_numpy()
    chosen_mask = np.array([name == chosen for name in STRATEGIES])
    bars = right.barh(
        rows,
        value,
        0.6,
        color=[PALETTE["blue"] if flag else PALETTE["sky"] for flag in chosen_mask],
        hatch=["" if flag else "\\" for flag in chosen_mask],
        edgecolor=["black" if flag else "white" for flag in chosen_mask],
        linewidth=[1.6 if flag else 0.5 for flag in chosen_mask],
    )
    low = min(value.min(), 0.0)
    high = max(value.max(), 0.0)
    span = max(high - low, 1.0)
    right.set_xlim(low - 0.32 * span, high + 0.32 * span)
    for bar, number in zip(bars, value, strict=True):
        inside = number < 0
        right.text(
            number + (-0.02 if inside else 0.02) * span,
            bar.get_y() + bar.get_height() / 2,
            _dollars(number),
            va="center",
            ha="right" if inside else "left",
            fontsize=9,
        )
    right.axvline(0, color=PALETTE["black"], linewidth=0.8)
    right.set_xlabel("net value per complaint ($)")
    right.set_title("What each complaint is worth", pad=22)
    legend_above(
        right,
        handles=[
            Patch(facecolor=PALETTE["blue"], edgecolor="black", label="your strategy"),
            Patch(facecolor=PALETTE["sky"], hatch="\\", edgecolor="white", label="the others"),
        ],
        ncols=2,
        fontsize=8,
    )
    right.grid(axis="y", visible=False)
    right.set_yticks([])
    right.set_ylim(left.get_ylim())
    right.xaxis.set_major_locator(MaxNLocator(4))

    row = result.chosen
    label = STRATEGY_LABELS[chosen]
    best = table["value_per_complaint"].idxmax()
    headlines = [
        Headline("Complaints", f"{complaints:,}", f"{result.scenario.months} months, handled: {label}"),
        Headline("Customers lost", f"{row['churned']:,.0f}", "about 1 in 3 if ignored (CARE7)"),
        Headline("Public shaming", f"{row['shamed']:,.0f}", "36% of ignored complainers (CARE7)"),
        Headline("Would recommend", f"{row['recommends']:,.0f}", "71% after good care, 19% ignored (RESP3)"),
        Headline("Escalations", f"{row['backlash']:,.0f}", "onlookers piling on (assumed chances)"),
        Headline(
            "Net value",
            _dollars(row["net_value"]),
            f"{'+' if result.gain_over_ignoring(chosen) >= 0 else ''}"
            f"{_dollars(result.gain_over_ignoring(chosen))} per complaint vs ignoring",
        ),
    ]
    alt = (
        f"Two bar charts over {complaints:,} complaints handled five ways. Left, per 100 complaints: "
        + "; ".join(
            f"{STRATEGY_LABELS[s]} loses {table.loc[s, 'churned'] * per_100:.0f}, "
            f"{table.loc[s, 'shamed'] * per_100:.0f} shame in public, "
            f"{table.loc[s, 'recommends'] * per_100:.0f} recommend"
            for s in STRATEGIES
        )
        + ". Right, net value per complaint: "
        + ", ".join(
            f"{STRATEGY_LABELS[s]} {_dollars(table.loc[s, 'value_per_complaint'])}" for s in STRATEGIES
        )
        + f". Highlighted: {label}. Best: {STRATEGY_LABELS[best]}."
    )
    return Rendered(headlines, alt)


def _dollars(number: float) -> str:
    """US dollars with a true minus sign: −$63, $12."""
    return f"{'−' if number < 0 else ''}${abs(number):,.0f}"


def explorer() -> Explorer:
    """The lesson's explorer: one strategy for six months of complaints, against the others."""
    return Explorer(
        title="An angry comment: what now? Northwind's complaints, 6 months",
        intro="The same complaints, handled five ways. Pick the social team's habit.",
        controls=[
            Choice(
                "strategy",
                "Response to complaints",
                {STRATEGY_LABELS[s]: s for s in STRATEGIES},
                "ignore",
                help="Moving to private and fixing also answers publicly first, so onlookers see it.",
            ),
            Slider(
                "complaints_per_month",
                "Complaints per month",
                10,
                1000,
                10,
                COMPLAINTS_PER_MONTH,
                fmt="{:.0f}",
                integer=True,
                help=f"{COMPLAINTS_PER_MONTH} is Northwind's rate: 39 messages per 1,000 followers a month "
                "(CARE5), 30% of them complaints (assumption).",
            ),
            Slider(
                "customer_value",
                "Value of a customer",
                10,
                500,
                10,
                benchmarks.value("customer_value"),
                fmt="${:.0f}",
                help="An assumption: the revenue one customer brings ($120: a kettle and its refills).",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Moving a complaint to a private channel and fixing it costs staff time and a "
                "replacement part. Compared with ignoring it, how many dollars is that worth per complaint?"
            ),
            guess=Slider("guess", "My guess: $ per complaint", -50, 150, 5, 0, fmt="${:+.0f}"),
            scenario={"strategy": "private"},
            answer=lambda result: result.gain_over_ignoring("private"),
            explain=(
                "A fix costs under $20 (a lid and a few minutes of work); an ignored complainer leaves "
                "one time in three, shames the brand one time in three and sometimes starts a pile-on. "
                "Answering pays."
            ),
        ),
        built_in=(
            "The ranking of the five responses comes from their assumed reactions: only an ignored "
            "complaint has measured rates (CARE7: about one in three switch, 36% shame the brand); how "
            "often a deleted, argued or answered complaint costs a customer, a shaming or a pile-on is "
            "assumed (see the sources table). The sliders scale the money, not those reactions."
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
