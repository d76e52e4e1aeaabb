"""Lesson 22 -- judge the advice (truth-10).

A consultant pitches Northwind Kettles with a case study: clients signed after a bad quarter
gained engagement at once, and their follower counts soared. The explorer simulates many brands
of the category, lets the consultant pick clients after a dip, applies a true effect the learner
controls (possibly zero), and compares the consultant's before/after claim with a
difference-in-differences estimate against brands that were not treated. A follower-growth claim
is checked against a benchmark distribution and priced at what bought followers cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.casestudy import (
    COMPARISONS,
    BrandPanel,
    CaseStudy,
    CaseStudyResult,
    FollowerGrowth,
    bought_followers_cost,
    growth_percentile,
    simulate_case_study,
)
from smmlab.sim.params import Params, bounded
from smmlab.style import PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers, then those the exercise's pitch-deck triage cites
#: from earlier lessons (05, 09, 19).
SOURCES = [
    "engagement_rate_instagram",
    "engagement_rate_instagram_2019",
    "engagement_trend_year",
    "brand_engagement_spread",
    "month_engagement_noise_sd",
    "month_noise_persistence",
    "organic_follower_growth_month",
    "follower_growth_6m_small",
    "follower_growth_6m_large",
    "follower_growth_spread_6m",
    "bought_followers_price_per_1000",
    "devumi_followers_sold",
    "influencer_fake_follower_share",
    "followers_instagram",
    "organic_reach_2012",
    "organic_reach_share",
    "ignored_switch_share",
    "ignored_shame_share",
    "recommend_if_answered",
    "disclosure_meta_studies_2025",
]

#: Comparison groups the explorer offers: label → value.
COMPARISON_LABELS = {
    "none (before/after)": "none",
    "random brands": "random",
    "pitched but declined": "similar",
}
#: The follower growth the consultant's brochure shows for its clients (six months).
CLAIMED_FOLLOWER_GROWTH = 0.25


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    true_effect
        What the consultant's work really does to the clients' engagement (share).
    selection
        0 = clients picked at random; 1 = signed right after their worst quarters.
    comparison
        ``"none"``, ``"random"`` (brands never pitched) or ``"similar"`` (pitched, declined).
    bought_share
        Followers bought for each client, as a share of its followers.
    clients, brands, replicates, seed
        Clients per case study, brands in the category, case studies simulated, random seed.
    """

    true_effect: float = bounded(0.05, low=-0.9, high=3, unit="share")
    selection: float = bounded(0.9, low=0, high=1, unit="correlation with the dip")
    comparison: str = "similar"
    bought_share: float = bounded(0.0, low=0, high=10, unit="share of followers")
    clients: int = bounded(20, low=1, high=1000, unit="brands", integer=True)
    brands: int = bounded(300, low=20, high=20_000, unit="brands", integer=True)
    replicates: int = bounded(150, low=1, high=5000, unit="case studies", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.comparison not in COMPARISONS:
            raise ValueError(
                f"Scenario.comparison = {self.comparison!r} is not one of the allowed values {COMPARISONS}"
            )


@dataclass(frozen=True)
class Judgement:
    """A consultant's case studies, and the follower-growth claim that comes with them."""

    scenario: Scenario
    case: CaseStudyResult
    organic_growth: float
    claimed_growth: float
    claim_percentile: float
    cost_per_client: float

    def summary(self) -> dict[str, float]:
        """Headline numbers: the first case study, then medians over all of them."""
        first = self.case.estimates.iloc[0]
        return {
            **self.case.summary(),
            "naive_gain_first": float(first["naive_gain"]),
            "untreated_gain_first": float(first["untreated_gain"]),
            "comparison_gain_first": float(first["comparison_gain"]),
            "did_gain_first": float(first["did_gain"]),
            "claimed_growth": self.claimed_growth,
            "claim_percentile": self.claim_percentile,
            "cost_per_client": self.cost_per_client,
        }


def run(scenario: Scenario | None = None) -> Judgement:
    """Simulate ``replicates`` case studies of the consultant and price its follower claim."""
    scenario = scenario or Scenario()
    case = simulate_case_study(
        BrandPanel(brands=int(scenario.brands)),
        CaseStudy(
            clients=int(scenario.clients), true_effect=scenario.true_effect, selection=scenario.selection
        ),
        comparison=scenario.comparison,
        replicates=int(scenario.replicates),
        seed=int(scenario.seed),
    )
    growth = FollowerGrowth()
    organic = growth.median_growth_6m
    claimed = organic + scenario.bought_share
    followers = benchmarks.value("followers_instagram")
    return Judgement(
        scenario=scenario,
        case=case,
        organic_growth=organic,
        claimed_growth=claimed,
        claim_percentile=growth_percentile(claimed, growth),
        cost_per_client=bought_followers_cost(followers, scenario.bought_share, growth),
    )


def compute(true_effect: float, selection: float, comparison: str, bought_share: float) -> Judgement:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            true_effect=true_effect, selection=selection, comparison=comparison, bought_share=bought_share
        )
    )


def group_means(panel: pd.DataFrame) -> pd.DataFrame:
    """Mean engagement per 1,000 followers by month (rows) and group (columns)."""
    return panel.groupby(["month", "group"])["engagement_per_1000"].mean().unstack("group")


def render(result: Judgement, figure: Figure) -> Rendered:
    """One case study month by month (left); the estimates of many case studies (right)."""
    from matplotlib.ticker import MaxNLocator, PercentFormatter
    summary = result.summary()
    study = result.case.study
    has_comparison = result.scenario.comparison != "none"
    left, right = panels(figure, [1.35, 1], left=0.075, right=0.965, bottom=0.14, top=0.8, wspace=0.27)

    means = group_means(result.case.panel)
    month = means.index.to_numpy() + 1
    before_start = study.baseline_months + 0.5
    after_start = before_start + study.quarter_months
    left.axvspan(before_start, after_start, color="#EEEEEE", zorder=0)
    left.axvspan(
        after_start,
        after_start + study.quarter_months,
        facecolor="#E3F0F8",
        edgecolor=PALETTE["sky"],
        hatch="//",
        linewidth=0,
        zorder=0,
    )
    left.plot(
        month, means["other"], color=PALETTE["grey"], linestyle=":", linewidth=1.4, label="all other brands"
    )
    if has_comparison:
        left.plot(
            month,
            means["comparison"],
            color=PALETTE["orange"],
            linestyle="--",
            marker="s",
            markersize=3.5,
            label="comparison group",
        )
    left.plot(month, means["client"], color=PALETTE["blue"], marker="o", markersize=4, label="clients")
    top = float(np.nanmax(means.to_numpy())) * 1.12
    left.set_ylim(0, top)
    left.text(
        (before_start + after_start) / 2,
        top * 0.05,
        "bad\nquarter",
        ha="center",
        fontsize=8.5,
        color="#444444",
    )
    left.text(
        after_start + study.quarter_months / 2,
        top * 0.05,
        "with the\nconsultant",
        ha="center",
        fontsize=8.5,
        color="#1F4E79",
    )
    left.set_xlim(0.5, month[-1] + 0.5)
    left.xaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    left.set(xlabel="month", ylabel="engagements per 1,000 followers")
    left.set_title("One case study, month by month", pad=22)
    legend_above(left, ncols=3, fontsize=8, handlelength=1.8)

    estimates = result.case.estimates
    naive = estimates["naive_gain"].to_numpy()
    did = estimates["did_gain"].to_numpy()
    values = np.concatenate([naive, did[np.isfinite(did)], [study.true_effect]])
    low, high = float(values.min()), float(values.max())
    pad = max(0.05 * (high - low), 0.01)
    bins = np.linspace(low - pad, high + pad, 25)
    right.hist(
        naive,
        bins=bins,
        histtype="stepfilled",
        color=PALETTE["blue"],
        alpha=0.35,
        edgecolor=PALETTE["blue"],
        label="before/after",
    )
    if has_comparison:
        right.hist(
            did,
            bins=bins,
            histtype="stepfilled",
            facecolor="none",
            edgecolor=PALETTE["vermillion"],
            hatch="\\\\",
            linewidth=1.4,
            label="diff-in-diff",
        )
    right.axvline(
        study.true_effect, color=PALETTE["black"], linestyle="--", linewidth=1.6, label="true effect"
    )
    right.axvline(0, color="#666666", linewidth=0.8)
    right.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    right.xaxis.set_major_locator(MaxNLocator(nbins=6))
    right.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    right.set(xlabel="estimated gain in engagement", ylabel="case studies")
    right.set_title(f"{len(estimates)} case studies like it", pad=22)
    legend_above(
        right,
        ncols=3,
        fontsize=8,
        handlelength=1.4,
        columnspacing=0.8,
    )

    did_text = f"{summary['did_gain_first']:+.0%}" if has_comparison else "no comparison"
    did_note = (
        f"vs {next(k for k, v in COMPARISON_LABELS.items() if v == result.scenario.comparison)}; "
        f"median of all: {summary['did_gain']:+.0%}"
        if has_comparison
        else "choose a comparison group to estimate it"
    )
    headlines = [
        Headline(
            "Consultant's claim",
            f"{summary['naive_gain_first']:+.0%}",
            f"clients, after vs before; {summary['naive_positive_share']:.0%} of case studies show a gain",
        ),
        Headline(
            "Gain with no help at all",
            f"{summary['untreated_gain_first']:+.0%}",
            "bounce-back minus the platform trend (the simulation's truth)",
        ),
        Headline("Difference in differences", did_text, did_note),
        Headline("True effect", f"{study.true_effect:+.0%}", "what the consultant's work really did"),
        Headline(
            "Follower growth shown",
            f"{summary['claimed_growth']:+.0%} in 6 months",
            f"beats {summary['claim_percentile']:.0%} of brands' organic growth (ENG6)",
        ),
        Headline(
            "Cost of the bought followers",
            f"${summary['cost_per_client']:,.0f} per client",
            f"for {benchmarks.value('followers_instagram'):,.0f} followers at "
            f"${benchmarks.value('bought_followers_price_per_1000'):g} per 1,000 (FAKE6)",
        ),
    ]
    did_alt = (
        f"the difference-in-differences estimate is {summary['did_gain_first']:+.0%} (median "
        f"{summary['did_gain']:+.0%})"
        if has_comparison
        else "there is no comparison group, so no difference-in-differences estimate"
    )
    alt = (
        f"Left: mean engagements per 1,000 followers per post over {len(month)} months for the "
        f"{study.clients} clients"
        + (", the comparison group" if has_comparison else "")
        + f" and all other brands; the bad quarter and the consultant's quarter are shaded. The "
        f"consultant's before/after claim is {summary['naive_gain_first']:+.0%} while the clients would have "
        f"gained {summary['untreated_gain_first']:+.0%} with no help; {did_alt}; the true effect is "
        f"{study.true_effect:+.0%}. Right: histograms of the estimates over {len(estimates)} case studies, "
        f"with the true effect as a dashed line. Follower growth shown: {summary['claimed_growth']:+.0%} in "
        f"six months, above {summary['claim_percentile']:.0%} of brands."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the consultant's claim against a comparison group."""
    return Explorer(
        title="Judge the case study: a consultant's clients before and after",
        intro=(
            "A consultant signs brands after a bad quarter and reports how much their engagement "
            "rose. Set what the work really does, how clients are picked and what they are compared with."
        ),
        controls=[
            Slider(
                "true_effect",
                "True effect of the consultant",
                -0.1,
                0.3,
                0.05,
                0.05,
                fmt="{:+.0%}",
                help="What the work really changes in the clients' engagement (you decide; 0% = nothing).",
            ),
            Slider(
                "selection",
                "Clients picked after a dip",
                0.0,
                1.0,
                0.1,
                0.9,
                fmt="{:.0%}",
                help="0% = clients picked at random; 100% = signed right after their worst quarters.",
            ),
            Choice(
                "comparison",
                "Compared with",
                COMPARISON_LABELS,
                "similar",
                help="Brands pitched after a similar bad quarter that declined make a fair comparison group.",
            ),
            Slider(
                "bought_share",
                "Followers bought per client",
                0.0,
                0.5,
                0.05,
                0.0,
                fmt="{:.0%}",
                help="Bought followers, as a share of each client's followers, inflate the growth shown.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Suppose the consultant's work does nothing at all (true effect 0%) and clients sign "
                "right after their worst quarters. What gain will a typical case study report?"
            ),
            guess=Slider("guess", "My guess: reported gain", -0.2, 0.4, 0.02, 0.0, fmt="{:+.0%}"),
            scenario={"true_effect": 0.0, "selection": 1.0},
            answer=lambda result: result.summary()["naive_gain"],
            explain=(
                "A quarter picked because it was bad was partly bad luck, and luck does not repeat: "
                "the clients bounce back with or without help. That is regression to the mean."
            ),
        ),
    )


def follower_claim(
    claimed_growth: float = CLAIMED_FOLLOWER_GROWTH, followers: float | None = None
) -> pd.Series:
    """How unusual a six-month follower growth is, and what buying the difference would cost."""
    growth = FollowerGrowth()
    followers = benchmarks.value("followers_instagram") if followers is None else followers
    extra = max(claimed_growth - growth.median_growth_6m, 0.0)
    return pd.Series(
        {
            "claimed growth in 6 months": f"{claimed_growth:+.0%}",
            "median brand's organic growth (ENG6)": f"{growth.median_growth_6m:+.1%}",
            "share of brands growing less": f"{growth_percentile(claimed_growth, growth):.0%}",
            "followers to buy to fake the gap": f"{followers * extra:,.0f} of {followers:,.0f}",
            "their price (FAKE6)": f"${bought_followers_cost(followers, extra, growth):,.2f}",
        },
        name="follower claim",
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
