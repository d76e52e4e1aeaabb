"""Lesson 13 -- target your audience (mistake-8).

Northwind's market is a synthetic population whose platform use follows Pew's survey (PLAT1). Its
buyer persona is a tea lover aged 30 to 64. The explorer spends an ad budget on one platform,
broadly or on chosen segments, and compares conversions and the cost per acquisition (CPA).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded
from smmlab.sim.segments import (
    AdResponse,
    CampaignResult,
    Market,
    segment_table,
    simulate_campaign,
    simulate_population,
)
from smmlab.style import HATCHES, PALETTE, is_tall, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "pew_use_facebook_2021",
    "pew_use_instagram_2021",
    "pew_use_instagram_18_29_2021",
    "pew_use_tiktok_2021",
    "pew_use_tiktok_18_29_2021",
    "pew_use_pinterest_2021",
    "pew_use_pinterest_women_2021",
    "pew_use_linkedin_2021",
    "pew_use_linkedin_graduates_2021",
    "facebook_ctr",
    "facebook_ctr_industry_low",
    "facebook_ctr_industry_high",
    "facebook_cpc",
    "facebook_cpm_implied",
    "facebook_cpm_global",
    "facebook_cpm_adstage_high",
    "facebook_lead_cpc",
    "facebook_cost_per_lead",
    "market_adults",
    "adults_share_18_29",
    "adults_share_30_49",
    "adults_share_50_64",
    "adults_share_women",
    "adults_share_graduates",
    "tea_interest_18_29",
    "tea_interest_30_plus",
    "ctr_not_interested",
    "cvr_persona",
    "cvr_tea_lover_other",
    "cvr_not_interested",
    "targeting_premium",
    "frequency_cap",
    "target_cpa",
]

TARGETINGS = ("broad", "tea", "persona")
TARGETING_LABELS = {
    "broad": "broad: everyone",
    "tea": "tea lovers, all ages",
    "persona": "persona: tea lovers 30-64",
}
AD_PLATFORMS = ("Facebook", "Instagram", "TikTok")


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    targeting
        Index into :data:`TARGETINGS` of the targeting in focus.
    platform
        Index into :data:`AD_PLATFORMS`.
    budget
        Ad budget of the campaign.
    seed
        Random seed of the population and the campaign.
    """

    targeting: int = bounded(0, low=0, high=len(TARGETINGS) - 1, integer=True, unit="targeting index")
    platform: int = bounded(0, low=0, high=len(AD_PLATFORMS) - 1, integer=True, unit="platform index")
    budget: float = bounded(10_000.0, low=0, high=1e7, unit="USD")
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class TargetResult:
    """The three targetings on one platform with one budget; ``targeting`` is the one in focus."""

    targeting: str
    platform: str
    segments: pd.DataFrame
    campaigns: dict[str, CampaignResult]

    @property
    def chosen(self) -> CampaignResult:
        """The campaign of the targeting in focus."""
        return self.campaigns[self.targeting]

    def comparison(self) -> pd.DataFrame:
        """One row per targeting: spend, conversions, CPA and the share of impressions on the persona."""
        rows = {}
        persona = self.segments["persona"].to_numpy()
        for name, campaign in self.campaigns.items():
            totals = campaign.totals
            impressions = campaign.by_segment["impressions"].to_numpy()
            rows[name] = {
                "spend": totals["spend"],
                "conversions": totals["conversions"],
                "cpa": totals["cpa"],
                "persona_share": impressions[persona].sum() / impressions.sum() if impressions.sum() else 0.0,
                "unspent": max(campaign.budget - totals["spend"], 0.0),
            }
        return pd.DataFrame.from_dict(rows, orient="index")


def targeted_segments(segments: pd.DataFrame, targeting: str) -> list[str] | None:
    """The segment names a targeting chooses (``None`` for broad)."""
    if targeting not in TARGETINGS:
        raise ValueError(f"targeting = {targeting!r} is not one of the allowed targetings {TARGETINGS}")
    if targeting == "broad":
        return None
    column = "persona" if targeting == "persona" else "tea_lover"
    return list(segments.loc[segments[column], "segment"])


@cache
def _segments(platform: str, seed: int) -> pd.DataFrame:
    return segment_table(simulate_population(Market(), seed=seed), platform)


def run(scenario: Scenario | None = None) -> TargetResult:
    """Simulate the scenario (default: the lesson's starting point) under every targeting."""
    scenario = scenario or Scenario()
    platform = AD_PLATFORMS[int(scenario.platform)]
    segments = _segments(platform, int(scenario.seed))
    campaigns = {
        name: simulate_campaign(
            segments, scenario.budget, targeted_segments(segments, name), seed=int(scenario.seed)
        )
        for name in TARGETINGS
    }
    return TargetResult(
        targeting=TARGETINGS[int(scenario.targeting)],
        platform=platform,
        segments=segments,
        campaigns=campaigns,
    )


def compute(targeting: str, platform: str, budget: float) -> TargetResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(targeting=TARGETINGS.index(targeting), platform=AD_PLATFORMS.index(platform), budget=budget)
    )


def render(result: TargetResult, figure: Figure) -> Rendered:
    """People and conversions per segment (left); conversions and CPA by targeting (right)."""
    segments = result.segments
    chosen = result.chosen.by_segment
    comparison = result.comparison()
    left, right = panels(figure, [1.25, 1], left=0.14, right=0.97, bottom=0.14, top=0.8, wspace=0.5)

    rows = np.arange(len(segments))[::-1]
    persona = segments["persona"].to_numpy()
    lover = segments["tea_lover"].to_numpy()
    colours = np.where(persona, PALETTE["blue"], np.where(lover, PALETTE["sky"], PALETTE["grey"]))
    hatches = np.where(lover & ~persona, HATCHES[2], HATCHES[0])
    left.barh(
        rows,
        segments["people"] / 1000,
        color=colours,
        hatch=list(hatches),
        edgecolor=np.where(chosen["targeted"], PALETTE["black"], "white"),
        linewidth=1.5,
    )
    per_thousand = segments["true_ctr"] * segments["true_cvr"] * 1000
    top = float(segments["people"].max()) / 1000
    for row, people, rate, conversions in zip(
        rows, segments["people"] / 1000, per_thousand, chosen["conversions"], strict=True
    ):
        left.text(people + 0.02 * top, row, f"{rate:.2f} / {conversions:,}", va="center", fontsize=7.5)
    left.set_xlim(0, top * 1.45)
    left.set_yticks(rows, segments["segment"], fontsize=8.5)
    left.set_xlabel(f"people on {result.platform}, thousands")
    left.set_title(f"Segments on {result.platform}", pad=34)
    key = ("dark = buyer persona, dotted = other tea lovers,", "grey = others; black outline = targeted")
    left.text(
        0.5,
        1.02,
        "labels: true conversions per 1,000 impressions / conversions won\n"
        + ("\n" if is_tall(figure) else " ").join(key),  # on a phone, as wide as the column
        transform=left.transAxes,
        ha="center",
        fontsize=7,
    )

    option_rows = np.arange(len(TARGETINGS))[::-1]
    right.barh(
        option_rows,
        comparison["conversions"],
        color=[PALETTE["blue"] if name == result.targeting else PALETTE["sky"] for name in TARGETINGS],
        edgecolor=PALETTE["black"],
        linewidth=[2.2 if name == result.targeting else 0.6 for name in TARGETINGS],
    )
    most = float(comparison["conversions"].max()) or 1.0
    for row, name in zip(option_rows, TARGETINGS, strict=True):
        line = comparison.loc[name]
        cpa = f"CPA ${line['cpa']:,.2f}" if np.isfinite(line["cpa"]) else "no conversions"
        right.text(
            line["conversions"] + 0.02 * most,
            row,
            f"{cpa}\nspent ${line['spend'] / 1000:,.1f}k",
            va="center",
            fontsize=7.5,
        )
    right.set_xlim(0, most * 1.6)
    right.set_yticks(
        option_rows, [TARGETING_LABELS[name].replace(": ", ":\n") for name in TARGETINGS], fontsize=8
    )
    right.set_xlabel("conversions")
    right.set_title(f"${result.chosen.budget / 1000:,.0f}k budget: conversions", pad=34)

    mine = comparison.loc[result.targeting]
    broad = comparison.loc["broad"]
    target = benchmarks.value("target_cpa")
    headlines = [
        Headline("Conversions", f"{mine['conversions']:,.0f}", TARGETING_LABELS[result.targeting]),
        Headline(
            "Cost per acquisition",
            f"${mine['cpa']:,.2f}" if np.isfinite(mine["cpa"]) else "no conversions",
            f"broad: ${broad['cpa']:,.2f}; target ${target:.0f}" if np.isfinite(broad["cpa"]) else "",
        ),
        Headline(
            "Lift over broad",
            f"{mine['conversions'] / broad['conversions'] - 1:+.0%}" if broad["conversions"] else "n/a",
            "conversions versus broad, same budget",
        ),
        Headline("Reaching the persona", f"{mine['persona_share']:.0%}", "of impressions"),
        Headline(
            "Budget left unspent",
            f"${mine['unspent']:,.0f}",
            f"the audience is shown the ad at most {AdResponse().frequency_cap:g} times",
        ),
    ]
    alt = (
        f"Two charts. Left: people in eight segments on {result.platform}; the buyer persona (tea lovers "
        f"30-64) is {segments.loc[persona, 'people'].sum() / segments['people'].sum():.0%} of them. Right: "
        f"conversions from a ${result.chosen.budget:,.0f} budget: broad {broad['conversions']:,.0f} at "
        f"${broad['cpa']:,.2f} each, tea lovers {comparison.loc['tea', 'conversions']:,.0f}, persona "
        f"{comparison.loc['persona', 'conversions']:,.0f} at ${comparison.loc['persona', 'cpa']:,.2f} each. "
        f"Outlined: {TARGETING_LABELS[result.targeting]}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: targeting, platform and budget."""
    return Explorer(
        title="Broad or targeted? Northwind's launch ads on one platform",
        intro="The same budget, shown to everyone or to the people Northwind's offer was made for.",
        controls=[
            Choice(
                "targeting",
                "Who sees the ad",
                {label: name for name, label in TARGETING_LABELS.items()},
                "broad",
                help="Targeted impressions cost 25% more (an assumption).",
            ),
            Choice(
                "platform",
                "Platform",
                {name: name for name in AD_PLATFORMS},
                "Facebook",
                help="Who uses each platform follows Pew's 2021 survey (PLAT1).",
            ),
            Slider(
                "budget",
                "Ad budget",
                1000,
                30_000,
                1000,
                10_000,
                fmt="${:,.0f}",
                help="Spent over the campaign; a narrow audience can absorb only so much.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind spends $10,000 on Facebook ads. How many times as many conversions will it get "
                "if it shows the ads only to its buyer persona (tea lovers aged 30-64), paying 25% more per "
                "impression, instead of to everyone?"
            ),
            guess=Slider("guess", "My guess: times as many", 0.5, 5.0, 0.1, 1.0, fmt="×{:.1f}"),
            scenario={"targeting": "persona", "platform": "Facebook", "budget": 10_000.0},
            answer=lambda result: float(
                result.comparison().loc["persona", "conversions"]
                / result.comparison().loc["broad", "conversions"]
            ),
            explain=(
                "Fewer impressions, but each lands on someone the offer was made for: in this model the "
                "persona converts several times as often as the average person on the platform."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
