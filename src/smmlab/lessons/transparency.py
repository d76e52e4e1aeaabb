"""Lesson 19 -- transparency (truth-5).

Northwind Kettles pays tea and kitchen influencers to show its kettles, month after month. It can
label the posts as paid ("#ad"), which makes them a little less persuasive, or let them pass as
honest recommendations, which works until someone finds out. The explorer runs a thousand
possible futures of both choices and shows expected trust and the cumulative sales gap, including
the futures in which hiding is never caught.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.disclosure import (
    RESPONSES,
    Sponsorship,
    SponsorshipResult,
    simulate_sponsorship,
)
from smmlab.sim.params import Params, bounded
from smmlab.style import LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "disclosure_meta_studies_2025",
    "disclosure_meta_papers_2020",
    "leave_if_not_transparent_share",
    "trust_regain_share",
    "transparent_stay_share",
    "brands_very_transparent_share",
    "trust_brand_site_2015",
    "trust_online_opinions_2015",
    "trust_social_network_ads_2012",
    "firestorm_long_term_drop_share",
    "crisis_loser_loss",
    "sponsorship_base_sales_month",
    "sponsored_sales_lift",
    "disclosure_persuasion_penalty",
    "hidden_discovery_chance_month",
    "discovery_trust_loss",
    "trust_retention_month",
    "trust_sales_elasticity",
    "sponsorship_sales_noise_sd",
]

RESPONSE_LABELS = {"admit": "admit and disclose", "deny": "deny and keep hiding"}
FUTURES = 1000


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    discovery_chance
        Chance per month that hidden sponsorship is exposed.
    disclosure_penalty
        Share of the campaign's extra sales that the "#ad" label costs.
    trust_loss
        Share of trust lost when the hiding is exposed.
    response
        ``"admit"`` (and disclose from then on) or ``"deny"`` (and keep hiding).
    months, futures, seed
        Horizon, number of simulated futures and the random seed.
    """

    discovery_chance: float = bounded(
        low=0, high=1, unit="probability per month", benchmark="hidden_discovery_chance_month"
    )
    disclosure_penalty: float = bounded(
        low=0, high=1, unit="share of the campaign's extra sales", benchmark="disclosure_persuasion_penalty"
    )
    trust_loss: float = bounded(low=0, high=1, unit="share of trust", benchmark="discovery_trust_loss")
    response: str = field(default="admit")
    months: int = bounded(36, low=1, high=240, unit="months", integer=True)
    futures: int = bounded(FUTURES, low=1, high=100_000, unit="simulated futures", integer=True)
    seed: int = bounded(19, low=0, high=2**32 - 1, integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.response not in RESPONSES:
            raise ValueError(
                f"Scenario.response = {self.response!r} is not one of the allowed values {RESPONSES}"
            )


def run(scenario: Scenario | None = None) -> SponsorshipResult:
    """Simulate both strategies over the scenario's futures (default: the lesson's start)."""
    scenario = scenario or Scenario()
    sponsorship = Sponsorship(
        discovery_chance=scenario.discovery_chance,
        disclosure_penalty=scenario.disclosure_penalty,
        trust_loss=scenario.trust_loss,
        response=scenario.response,
    )
    return simulate_sponsorship(
        sponsorship, months=int(scenario.months), futures=int(scenario.futures), seed=int(scenario.seed)
    )


def compute(
    discovery_chance: float, disclosure_penalty: float, trust_loss: float, response: str, months: int
) -> SponsorshipResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            discovery_chance=discovery_chance,
            disclosure_penalty=disclosure_penalty,
            trust_loss=trust_loss,
            response=response,
            months=int(months),
        )
    )


def comparison_table(months: tuple[int, ...] = (6, 12, 24, 36, 60), **settings) -> pd.DataFrame:
    """Short run vs long run: for each horizon, the chance of being found out, the share of futures
    in which hiding sold more, and the expected sales gap of hiding (share of disclosure's sales)."""
    rows = {}
    for horizon in months:
        summary = run(Scenario(months=horizon, **settings)).summary()
        rows[horizon] = {
            "found out": summary["found_out_share"],
            "hiding sold more in": summary["hiding_ahead_share"],
            "expected gap of hiding": summary["sales_gap_share"],
            "trust at the end (hidden)": summary["trust_end_hidden"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("months").round(3)


def _month_text(month: float, months: int) -> str:
    return f"from month {month:.0f}" if month else f"not behind within {months} months"


def render(result: SponsorshipResult, figure: Figure) -> Rendered:
    """Expected trust and the share found out (left); cumulative sales gap of hiding (right)."""
    from matplotlib.ticker import PercentFormatter
    summary = result.summary()
    expected = result.expected()
    months = result.months
    month = np.arange(1, months + 1)
    left, right = panels(figure, [1, 1], left=0.085, right=0.98, bottom=0.14, top=0.78, wspace=0.3)

    low, high = np.percentile(result.trust["hidden"], [10, 90], axis=0)
    left.fill_between(
        month,
        low,
        high,
        color=PALETTE["orange"],
        alpha=0.3,
        linewidth=0,
        hatch="//",
        label="hidden, 80% of futures",
    )
    left.plot(
        month, expected["trust_disclosed"], color=PALETTE["blue"], linestyle=LINESTYLES[0], label="disclosed"
    )
    left.plot(
        month,
        expected["trust_hidden"],
        color=PALETTE["vermillion"],
        linestyle=LINESTYLES[1],
        linewidth=2,
        label="hidden, expected",
    )
    left.plot(
        month,
        expected["found_out_share"],
        color=PALETTE["black"],
        linestyle=LINESTYLES[2],
        label="found out so far",
    )
    left.set_ylim(0, 1.02)
    left.set_xlim(1, max(months, 2))
    left.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    left.set(xlabel="month", ylabel="trust / share of futures")
    left.set_title("Trust, and futures found out", pad=34)
    legend_above(left, ncols=2, fontsize=8)

    gap = result.cumulative_gap() / 1000
    gap_low, gap_high = np.percentile(gap, [10, 90], axis=0)
    mean_gap = expected["cumulative_gap"].to_numpy() / 1000
    right.fill_between(
        month,
        gap_low,
        gap_high,
        color=PALETTE["sky"],
        alpha=0.35,
        linewidth=0,
        hatch="..",
        label="80% of futures",
    )
    right.axhline(
        0, color=PALETTE["blue"], linewidth=1.2, linestyle=LINESTYLES[0], label="disclosing (reference)"
    )
    right.plot(
        month, mean_gap, color=PALETTE["vermillion"], linestyle=LINESTYLES[1], linewidth=2, label="expected"
    )
    break_even = summary["break_even_month"]
    if break_even:
        right.axvline(break_even, color=PALETTE["grey"], linestyle=LINESTYLES[2], linewidth=1)
        right.annotate(
            f"behind from month {break_even:.0f}",
            (break_even, 0),
            textcoords="offset points",
            xytext=(5, 6),
            fontsize=8.5,
        )
    bottom = min(float(np.min(gap_low)), float(np.min(mean_gap)), 0.0)
    top = max(float(np.max(gap_high)), float(np.max(mean_gap)), 0.0)
    pad = max(top - bottom, 1.0) * 0.12
    right.set_ylim(bottom - pad, top + pad)
    right.set_xlim(1, max(months, 2))
    right.set(xlabel="month", ylabel="kettles, hiding minus disclosing (000)")
    right.set_title("Cumulative sales gap of hiding", pad=34)
    legend_above(right, ncols=3, fontsize=8)

    headlines = [
        Headline(
            f"Found out within {months} months",
            f"{summary['found_out_share']:.0%}",
            f"exact: 1 - (1 - {result.sponsorship.discovery_chance:.0%})^{months} = "
            f"{summary['found_out_exact']:.0%}",
        ),
        Headline(
            "Expected sales of hiding",
            f"{summary['sales_gap']:+,.0f} kettles",
            f"{summary['sales_gap_share']:+.1%} vs disclosing over {months} months",
        ),
        Headline(
            "Hiding sold more in",
            f"{summary['hiding_ahead_share']:.0%} of futures",
            "compared future by future, whole horizon",
        ),
        Headline(
            "Expected cumulative sales",
            "hiding behind" if break_even else ("hiding ahead" if summary["sales_gap"] > 0 else "level"),
            _month_text(break_even, months),
        ),
        Headline(
            "Trust at the end",
            f"{summary['trust_end_hidden']:.0%} hidden",
            f"{summary['trust_end_disclosed']:.0%} when disclosed",
        ),
    ]
    response = RESPONSE_LABELS[result.sponsorship.response]
    behind = f"falls behind in month {break_even:.0f}" if break_even else "never falls behind"
    alt = (
        f"Two charts over {months} months and {result.futures} simulated futures; chance of exposure "
        f"{result.sponsorship.discovery_chance:.0%} a month; when found out: {response}. Left: trust stays "
        f"at {summary['trust_end_disclosed']:.0%} with disclosure; with hiding, expected trust ends at "
        f"{summary['trust_end_hidden']:.0%}, and {summary['found_out_share']:.0%} of futures have been found "
        "out. Right: cumulative kettles sold by hiding minus disclosing, expected "
        f"{summary['sales_gap']:+,.0f} at the end; the expected total of hiding {behind}; hiding sold "
        f"more in {summary['hiding_ahead_share']:.0%} of futures."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the chance of exposure, the cost of the label, the cost of being caught."""
    return Explorer(
        title="Label it or hide it? Northwind's influencer posts, 1,000 possible futures",
        intro=(
            "Both strategies run through the same 1,000 futures. The sliders' defaults are modelling "
            "assumptions; the starting trust (TRUST1) and the 89% of lost trust that can come back "
            "(TRUST3) are anchored on surveys."
        ),
        controls=[
            Slider(
                "discovery_chance",
                "Chance of being found out, per month",
                0.0,
                0.3,
                0.01,
                0.05,
                fmt="{:.0%}",
                help="Followers, journalists, rivals or a regulator may expose a hidden deal (assumption).",
            ),
            Slider(
                "disclosure_penalty",
                "Campaign effect the #ad label costs",
                0.0,
                0.5,
                0.05,
                0.15,
                fmt="{:.0%}",
                help=(
                    "Meta-analyses: a label lowers credibility but not purchase intent significantly (ADV3)."
                ),
            ),
            Slider(
                "trust_loss",
                "Trust lost when found out",
                0.0,
                0.6,
                0.05,
                0.25,
                fmt="{:.0%}",
                help=(
                    "86% say they would leave a brand that is not transparent (TRUST3); behaviour is milder."
                ),
            ),
            Choice(
                "response",
                "When found out",
                {label: key for key, label in RESPONSE_LABELS.items()},
                "admit",
                help=(
                    "Admitting lets 89% of the lost trust come back (TRUST3); "
                    "denying lets none, and hiding goes on."
                ),
            ),
            Slider(
                "months",
                "Horizon (months)",
                6,
                60,
                6,
                36,
                fmt="{:.0f}",
                integer=True,
                help="How far ahead Northwind looks.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind hides that its influencer posts are paid. Each month there is a 5% chance that "
                "somebody finds out. What is the chance it has been found out within 3 years (36 months)?"
            ),
            guess=Slider("guess", "My guess: found out within 3 years", 0.0, 1.0, 0.05, 0.2, fmt="{:.0%}"),
            scenario={
                "discovery_chance": 0.05,
                "disclosure_penalty": 0.15,
                "trust_loss": 0.25,
                "response": "admit",
                "months": 36,
            },
            answer=lambda result: result.summary()["found_out_share"],
            explain=(
                "5% a month sounds small, but it is a risk run again every month: the chance of "
                "staying hidden "
                "is 0.95 multiplied by itself 36 times, about 16%."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
