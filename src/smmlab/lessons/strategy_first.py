"""Lesson 06 -- strategy first (mistake-1).

Northwind Kettles compares two half-years: posting whatever comes to mind, whenever there is time,
against a plan that starts from a target group and goals, chooses content for them, and tracks
KPIs against targets. Both publish the same number of posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import FeedResult, Schedule, benchmarks, simulate_feed
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "documented_strategy_share",
    "documented_strategy_effective_share",
    "undocumented_strategy_effective_share",
    "org_company_wide_strategy_share",
    "followers",
    "organic_reach_share",
    "posts_per_week_facebook",
    "organic_follower_growth_month",
    "follower_growth_6m_small",
    "follower_growth_6m_large",
    "engagements_per_impression",
    "facebook_ctr",
    "unfollow_reason_promotions",
    "unfollow_reason_irrelevant",
    "unfollow_reason_too_often",
    "typical_relevance",
    "irrelevant_engagement_factor",
    "promo_engagement_factor",
    "engagement_boost_power",
    "visibility_floor",
    "content_unfollow_month",
]

WEEKS = 26
POSTS_PER_WEEK = 5.0
START_FOLLOWERS = int(benchmarks.value("followers"))
#: Ad hoc posting: whatever comes to mind (assumption: a third on the target group's interests,
#: half of it selling), whenever there is time (bursty).
AD_HOC = {"relevance": 0.35, "promo_share": 0.5, "burstiness": 0.6}
#: Northwind's KPI targets for the half-year (its own choices, see the lesson).
TARGETS = {
    "impressions": 180_000.0,
    "engagement_rate": 0.025,
    "clicks": 400.0,
    "follower_growth": 0.15,
}
#: ENG6's highest average six-month growth (large Instagram profiles): the calibrated range's top.
MEASURED_GROWTH_HIGH = benchmarks.value("follower_growth_6m_large")
MEASURED_GROWTH_LOW = benchmarks.value("follower_growth_6m_small")
KPI_LABELS = {
    "impressions": "Impressions",
    "engagement_rate": "Engagement rate",
    "clicks": "Shop clicks",
    "follower_growth": "Follower growth",
}


@dataclass(frozen=True)
class Scenario(Params):
    """The plan's three content decisions; the number of posts is fixed.

    Attributes
    ----------
    relevance
        Share of posts written for the target group's interests.
    promo_share
        Share of posts that sell something and link to the shop.
    burstiness
        0 = a steady calendar; 1 = posts in bursts with silences.
    seed
        Random seed.
    """

    relevance: float = bounded(0.85, low=0, high=1, unit="share of posts")
    promo_share: float = bounded(0.3, low=0, high=1, unit="share of posts")
    burstiness: float = bounded(0.0, low=0, high=1, unit="0 regular ... 1 bursty")
    seed: int = bounded(4, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class StrategyResult:
    """The plan and ad hoc posting over the same half-year, with their KPI tables."""

    plan: FeedResult
    ad_hoc: FeedResult
    plan_kpis: pd.DataFrame
    ad_hoc_kpis: pd.DataFrame


def simulate(relevance: float, promo_share: float, burstiness: float, seed: int) -> FeedResult:
    """Northwind's half-year for one set of content decisions (5 posts a week)."""
    schedule = Schedule(
        posts_per_week=POSTS_PER_WEEK, promo_share=promo_share, relevance=relevance, burstiness=burstiness
    )
    return simulate_feed(schedule, days=WEEKS * 7, seed=seed)


def _kpi_actuals(weekly: pd.DataFrame, start_followers: int = START_FOLLOWERS) -> dict[str, float]:
    """The four KPIs from a weekly table: totals, engagements per impression, growth of followers."""
    impressions = float(weekly["impressions"].sum())
    return {
        "impressions": impressions,
        "engagement_rate": float(weekly["engagements"].sum() / impressions) if impressions else 0.0,
        "clicks": float(weekly["clicks"].sum()),
        "follower_growth": float(weekly["followers"].iloc[-1] / start_followers - 1),
    }


def _kpi_report(weekly: pd.DataFrame, targets: dict[str, float]) -> pd.DataFrame:
    """One row per KPI in ``targets``: ``target``, ``actual`` and ``met`` (actual ≥ target)."""
    actual = _kpi_actuals(weekly)
    unknown = set(targets) - set(actual)
    if unknown:
        raise ValueError(f"targets name unknown KPIs {sorted(unknown)}; known: {sorted(actual)}")
    table = pd.DataFrame(
        {"target": [float(targets[k]) for k in targets], "actual": [actual[k] for k in targets]},
        index=pd.Index(list(targets), name="kpi"),
    )
    table["met"] = table["actual"] >= table["target"]
    return table


def run(scenario: Scenario | None = None) -> StrategyResult:
    """Simulate the plan and ad hoc posting (default: the lesson's plan)."""
    scenario = scenario or Scenario()
    seed = int(scenario.seed)
    plan = simulate(scenario.relevance, scenario.promo_share, scenario.burstiness, seed)
    ad_hoc = simulate(AD_HOC["relevance"], AD_HOC["promo_share"], AD_HOC["burstiness"], seed)
    return StrategyResult(
        plan=plan,
        ad_hoc=ad_hoc,
        plan_kpis=_kpi_report(plan.weekly(), TARGETS),
        ad_hoc_kpis=_kpi_report(ad_hoc.weekly(), TARGETS),
    )


def compute(relevance: float, promo_share: float, burstiness: float) -> StrategyResult:
    """The explorer's pure compute step."""
    return run(Scenario(relevance=relevance, promo_share=promo_share, burstiness=burstiness))


def _wrapped(label: str) -> str:
    """Break a long axis label after its first word."""
    return label.replace(" ", "\n", 1) if len(label) > 12 else label


def _fmt(kpi: str, value: float) -> str:
    if kpi in ("engagement_rate", "follower_growth"):
        return f"{value:.1%}"
    return f"{value:,.0f}"


def render(result: StrategyResult, figure: Figure) -> Rendered:
    """KPI scorecard against targets (left); followers week by week with the growth target (right)."""
    left, right = panels(figure, [1.2, 1], left=0.155, right=0.98, bottom=0.14, top=0.8, wspace=0.25)

    kpis = list(TARGETS)
    positions = np.arange(len(kpis))[::-1]
    plan_share = (result.plan_kpis["actual"] / result.plan_kpis["target"]).clip(upper=2.5).to_numpy()
    ad_hoc_share = (result.ad_hoc_kpis["actual"] / result.ad_hoc_kpis["target"]).clip(lower=-0.5, upper=2.5)
    left.barh(
        positions + 0.2,
        plan_share * 100,
        height=0.38,
        color=PALETTE["blue"],
        hatch=HATCHES[0],
        edgecolor=PALETTE["black"],
        linewidth=0.6,
        label="your plan",
    )
    left.barh(
        positions - 0.2,
        ad_hoc_share.to_numpy() * 100,
        height=0.38,
        color=PALETTE["orange"],
        hatch=HATCHES[1],
        edgecolor=PALETTE["black"],
        linewidth=0.6,
        label="ad hoc posting",
    )
    left.axvline(100, color=PALETTE["black"], linestyle=LINESTYLES[1], linewidth=1.5, label="target")
    left.set_yticks(
        positions,
        [_wrapped(KPI_LABELS[k]) for k in kpis],
    )
    left.set_xlabel("share of the target reached (%)")
    left.set_xlim(
        min(0.0, float(ad_hoc_share.min()) * 100 - 10),
        max(150.0, float(plan_share.max()) * 100 + 15, float(ad_hoc_share.max()) * 100 + 15),
    )
    left.set_title("KPIs against targets", pad=26)
    legend_above(left, ncols=3, fontsize=8)

    plan_weekly, ad_hoc_weekly = result.plan.weekly(), result.ad_hoc.weekly()
    weeks = np.arange(WEEKS + 1)
    for weekly, label, colour, style in (
        (plan_weekly, "your plan", PALETTE["blue"], LINESTYLES[0]),
        (ad_hoc_weekly, "ad hoc posting", PALETTE["orange"], LINESTYLES[2]),
    ):
        followers = np.concatenate([[START_FOLLOWERS], weekly["followers"].to_numpy()]) / 1000
        right.plot(weeks, followers, color=colour, linestyle=style, linewidth=2, label=label)
    right.plot(
        [0, WEEKS],
        np.array([1, 1 + TARGETS["follower_growth"]]) * START_FOLLOWERS / 1000,
        color=PALETTE["black"],
        linestyle=LINESTYLES[1],
        linewidth=1.2,
        label="growth target",
    )
    right.set(xlabel="week", ylabel="followers (thousands)")
    right.set_title("Followers", pad=26)
    right.legend(loc="upper left", fontsize=8)

    plan_met = int(result.plan_kpis["met"].sum())
    ad_hoc_met = int(result.ad_hoc_kpis["met"].sum())
    headlines = [
        Headline("KPIs met", f"{plan_met} of {len(kpis)}", f"ad hoc posting: {ad_hoc_met} of {len(kpis)}")
    ]
    for kpi in kpis:
        note = f"target {_fmt(kpi, TARGETS[kpi])}; ad hoc {_fmt(kpi, result.ad_hoc_kpis.loc[kpi, 'actual'])}"
        if kpi == "follower_growth" and result.plan_kpis.loc[kpi, "actual"] > MEASURED_GROWTH_HIGH:
            note += (
                f"; above the {MEASURED_GROWTH_LOW:.1%} to {MEASURED_GROWTH_HIGH:.0%} that average accounts "
                "grew in six months (ENG6): the model's assumed reward for engagement"
            )
        headlines.append(Headline(KPI_LABELS[kpi], _fmt(kpi, result.plan_kpis.loc[kpi, "actual"]), note))
    alt = (
        f"Two charts over {WEEKS} weeks. Left: each KPI as a share of its target, for the plan and "
        "for ad hoc posting: "
        + "; ".join(
            f"{KPI_LABELS[k]} {plan_share[i]:.0%} vs {ad_hoc_share.iloc[i]:.0%}" for i, k in enumerate(kpis)
        )
        + f". The plan meets {plan_met} of 4 targets, ad hoc posting {ad_hoc_met}. Right: followers "
        f"grow from {START_FOLLOWERS:,} to {plan_weekly['followers'].iloc[-1]:,} with the plan and "
        f"{ad_hoc_weekly['followers'].iloc[-1]:,} ad hoc, against a target of "
        f"{START_FOLLOWERS * (1 + TARGETS['follower_growth']):,.0f}."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the plan's content decisions against ad hoc posting."""
    return Explorer(
        title="Plan or improvise? Northwind's half-year KPIs",
        intro="Both approaches publish 5 posts a week; the plan decides for whom, what and when.",
        controls=[
            Slider(
                "relevance",
                "Posts for the target group",
                0.0,
                1.0,
                0.05,
                0.85,
                fmt="{:.0%}",
                help="Share of posts written for the tea lovers Northwind targets (ad hoc: 35%).",
            ),
            Slider(
                "promo_share",
                "Promotional posts",
                0.0,
                1.0,
                0.05,
                0.3,
                fmt="{:.0%}",
                help="Share of posts that sell and link to the shop (ad hoc: 50%).",
            ),
            Slider(
                "burstiness",
                "Burstiness",
                0.0,
                1.0,
                0.05,
                0.0,
                fmt="{:.0%}",
                help="0% follows a steady calendar; ad hoc posting is 60% bursty.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "The plan sets four KPI targets. If Northwind keeps the targets but posts as it did "
                "before (35% for the target group, 50% promotions, 60% bursty), how many targets will "
                "it meet?"
            ),
            guess=Slider("guess", "My guess: targets met", 0, 4, 1, 2, fmt="{:.0f}", integer=True),
            scenario=dict(AD_HOC),
            answer=lambda result: int(result.plan_kpis["met"].sum()),
            explain=(
                "Targets alone change nothing: it is the decisions that follow from them (whom to write "
                "for, how much to sell, a steady calendar) that move the KPIs."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
