"""Lesson 07 -- track results and adjust, without chasing noise (mistake-2).

Northwind runs six ad creatives whose true click-through and conversion rates nobody knows. The
explorer compares never looking at the results, pausing any ad that looks expensive so far, and
pausing only ads that are clearly too expensive, checked every day or less often, over 200
simulated copies of the same campaign.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.ads import RULES, AdCampaign, AdResult, simulate_ad_campaigns
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, LINESTYLES, PALETTE, is_tall, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "facebook_cpc",
    "facebook_ctr",
    "facebook_cpm_implied",
    "facebook_ctr_industry_low",
    "facebook_ctr_industry_high",
    "facebook_lead_cpc",
    "facebook_cost_per_lead",
    "engagement_rate_facebook",
    "engagement_rate_instagram",
    "ad_daily_budget",
    "ad_campaign_days",
    "target_cpa",
    "average_order_value",
    "customer_value",
    "gross_margin",
    *(f"creative_{ad}_{rate}" for rate in ("ctr", "cvr") for ad in "abcdef"),
]

RULE_LABELS = {
    "never": "never check",
    "naive": "pause if CPA so far > target",
    "interval": "pause if clearly > target (95%)",
}
#: Simulated copies of the campaign behind the explorer's averages.
CAMPAIGNS = 200
#: Costs per conversion above this (or with no conversion yet) are drawn at the top of the chart.
CPA_CEILING = 100.0
AD_STYLES = [
    (PALETTE["blue"], LINESTYLES[0], "o"),
    (PALETTE["orange"], LINESTYLES[1], "s"),
    (PALETTE["green"], LINESTYLES[2], "^"),
    (PALETTE["vermillion"], LINESTYLES[3], "D"),
    (PALETTE["sky"], LINESTYLES[1], "v"),
    (PALETTE["purple"], LINESTYLES[0], "P"),
]


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    rule
        Stopping rule index into :data:`smmlab.sim.ads.RULES` (0 never, 1 naive, 2 interval).
    check_every_days
        Days between check-ins.
    daily_budget_per_ad
        Budget of each ad per day.
    campaigns, seed
        Simulated copies of the campaign and the random seed.
    """

    rule: int = bounded(1, low=0, high=len(RULES) - 1, integer=True, unit="rule index")
    check_every_days: int = bounded(1, low=1, high=28, unit="days", integer=True)
    daily_budget_per_ad: float = bounded(
        low=1, high=10_000, unit="USD per ad per day", benchmark="ad_daily_budget"
    )
    campaigns: int = bounded(CAMPAIGNS, low=1, high=5000, unit="simulated campaigns", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class TrackResult:
    """Every rule at the same check-in frequency and budget; ``rule`` is the one in focus."""

    rule: str
    by_rule: dict[str, AdResult]

    @property
    def chosen(self) -> AdResult:
        """The result of the rule in focus."""
        return self.by_rule[self.rule]

    def averages(self) -> pd.DataFrame:
        """One row per rule: average spend, conversions, net value, waste and mistakes per campaign."""
        rows = {}
        for rule, result in self.by_rule.items():
            summary = result.summary
            spend, conversions = summary["spend"].sum(), summary["conversions"].sum()
            rows[rule] = {
                "spend": summary["spend"].mean(),
                "spend_good": summary["spend"].mean() - summary["wasted_spend"].mean(),
                "wasted_spend": summary["wasted_spend"].mean(),
                "conversions": summary["conversions"].mean(),
                "cpa": spend / conversions if conversions > 0 else np.inf,
                "net_value": summary["net_value"].mean(),
                "good_paused_share": (summary["good_ads_paused"] > 0).mean(),
                "good_conversions_lost": summary["good_conversions_lost"].mean(),
            }
        return pd.DataFrame.from_dict(rows, orient="index")


def run(scenario: Scenario | None = None) -> TrackResult:
    """Simulate the scenario (default: the lesson's starting point) under every rule."""
    scenario = scenario or Scenario()
    campaign = AdCampaign(daily_budget_per_ad=scenario.daily_budget_per_ad)
    by_rule = {
        rule: simulate_ad_campaigns(
            campaign=campaign,
            rule=rule,
            check_every_days=int(scenario.check_every_days),
            campaigns=int(scenario.campaigns),
            seed=int(scenario.seed),
        )
        for rule in RULES
    }
    return TrackResult(rule=RULES[int(scenario.rule)], by_rule=by_rule)


def compute(rule: str, check_every_days: int, daily_budget_per_ad: float) -> TrackResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            rule=RULES.index(rule),
            check_every_days=int(check_every_days),
            daily_budget_per_ad=daily_budget_per_ad,
        )
    )


def render(result: TrackResult, figure: Figure) -> Rendered:
    """One example campaign's spend by ad (left); every rule's average spend and net value (right)."""
    chosen = result.chosen
    creatives = chosen.creatives
    target = chosen.campaign.target_cpa
    averages = result.averages()
    left, middle, right = panels(
        figure, [1.35, 1, 1], left=0.06, right=0.975, bottom=0.14, top=0.8, wspace=0.55
    )

    days = np.arange(1, chosen.spend.shape[1] + 1)
    seen_spend = chosen.spend[0].cumsum(axis=0)
    seen_conversions = chosen.conversions[0].cumsum(axis=0)
    cpa_so_far = np.divide(
        seen_spend, seen_conversions, out=np.full(seen_spend.shape, np.inf), where=seen_conversions > 0
    )
    shown = np.minimum(cpa_so_far, CPA_CEILING)
    for index, row in creatives.iterrows():
        colour, linestyle, marker = AD_STYLES[index % len(AD_STYLES)]
        verdict = "good" if row["true_cpa"] <= target else "weak"
        paused = int(chosen.paused_day[0, index])
        last = paused if paused else len(days)
        left.plot(
            days[:last],
            shown[:last, index],
            color=colour,
            linestyle=linestyle,
            marker=marker,
            markevery=[last - 1],
            markersize=5,
            label=f"{row['ad']}: ${row['true_cpa']:.0f} ({verdict})",
        )
        if paused:
            left.plot(paused, shown[paused - 1, index], marker="X", color=PALETTE["black"], markersize=8)
    left.axhline(target, color=PALETTE["black"], linestyle=":", linewidth=1.2)
    left.text(days[-1], target, f"target ${target:.0f}", ha="right", va="bottom", fontsize=8)
    ylabel = ("cost per", "conversion", "so far, USD", "(top = $100+)")
    left.set(
        xlabel="day (X = paused)",
        ylabel=("\n" if is_tall(figure) else " ").join(ylabel),  # on a phone, as tall as the panel
        xlim=(0.5, days[-1] + 0.5),
        ylim=(0, CPA_CEILING * 1.04),
    )
    left.set_title("One campaign: what the report shows", pad=36)
    legend_above(
        left,
        ncols=3,
        fontsize=7,
        handlelength=2.2,
        title="ad: true cost per conversion",
        title_fontsize=7,
    )

    labels = [RULE_LABELS[rule] for rule in RULES]
    rows = np.arange(len(RULES))[::-1]
    edge = [2.2 if rule == result.rule else 0.6 for rule in RULES]
    middle.barh(
        rows,
        averages["spend_good"] / 1000,
        color=PALETTE["green"],
        hatch=HATCHES[0],
        edgecolor=PALETTE["black"],
        linewidth=edge,
        label="on good ads",
    )
    middle.barh(
        rows,
        averages["wasted_spend"] / 1000,
        left=averages["spend_good"] / 1000,
        color=PALETTE["vermillion"],
        hatch=HATCHES[3],
        edgecolor=PALETTE["black"],
        linewidth=edge,
        label="on weak ads (true CPA > target)",
    )
    middle.set_yticks(rows, [label.replace(" if ", "\nif ") for label in labels], fontsize=8)
    middle.set(xlabel="average spend, thousand USD")
    middle.set_title("Where the budget went", pad=36)
    legend_above(middle, ncols=1, fontsize=7)

    net = averages["net_value"].to_numpy() / 1000
    right.barh(
        rows,
        net,
        color=[PALETTE["blue"] if rule == result.rule else PALETTE["sky"] for rule in RULES],
        edgecolor=PALETTE["black"],
        linewidth=edge,
    )
    low, high = min(0.0, float(net.min())), max(0.0, float(net.max()))
    span = high - low or 1.0
    right.set_xlim(low - 0.05 * span, high + 0.75 * span)
    for row, value, share in zip(rows, net, averages["good_paused_share"], strict=True):
        right.text(
            max(value, 0) + 0.03 * span,
            row,
            f"good ad paused\nin {share:.0%} of runs",
            va="center",
            fontsize=7,
        )
    right.set_yticks(rows, [])
    right.axvline(0, color=PALETTE["black"], linewidth=0.8)
    right.set(xlabel="net result, thousand USD")
    right.set_title("Net result", pad=36)
    right.text(
        0.5,
        1.02,
        f"conversions × ${chosen.campaign.value_per_conversion:.0f} − spend",
        transform=right.transAxes,
        ha="center",
        fontsize=8,
    )

    mine, never = averages.loc[result.rule], averages.loc["never"]
    headlines = [
        Headline("Net result", f"${mine['net_value']:,.0f}", f"average of {chosen.spend.shape[0]} campaigns"),
        Headline(
            "Spend saved",
            f"${never['spend'] - mine['spend']:,.0f}",
            "versus never checking; the conversions it gives up count in the net result",
        ),
        Headline(
            "Spend on weak ads",
            f"${mine['wasted_spend']:,.0f}",
            f"ads whose true CPA > ${target:.0f}; it still buys some conversions",
        ),
        Headline(
            "Good ad paused",
            f"{mine['good_paused_share']:.0%}",
            "of campaigns paused an ad that was worth running",
        ),
        Headline(
            "Conversions lost",
            f"{mine['good_conversions_lost']:,.0f}",
            "that the paused good ads would have brought",
        ),
        Headline(
            "Cost per conversion",
            f"${mine['cpa']:,.2f}" if np.isfinite(mine["cpa"]) else "no conversions",
            f"target ${target:.0f}; COST3 average lead ${benchmarks.value('facebook_cost_per_lead'):.2f}",
        ),
    ]
    alt = (
        f"Three charts. Left: the cost per conversion so far of six ads in one simulated campaign "
        f"under the rule '{RULE_LABELS[result.rule]}', checked every {chosen.check_every_days} days; "
        f"{int((chosen.paused_day[0] > 0).sum())} ads are paused; the cost per conversion so far swings "
        f"widely in the first days before settling near each ad's true value. Middle: average spend per "
        f"rule split "
        f"into good and weak ads; never checking spends ${never['wasted_spend']:,.0f} on weak ads, this rule "
        f"${mine['wasted_spend']:,.0f}. Right: average net result per rule; this rule gives "
        f"${mine['net_value']:,.0f} and pauses a good ad in {mine['good_paused_share']:.0%} of campaigns."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: stopping rule, check-in frequency and daily budget per ad."""
    return Explorer(
        title="Track and adjust: Northwind's six ads, four weeks, 200 simulated campaigns",
        intro=(
            "Nobody knows which ad is good; the daily report shows only noisy counts. "
            "Choose when to look and what to do when you look."
        ),
        controls=[
            Choice(
                "rule",
                "Stopping rule",
                {label: rule for rule, label in RULE_LABELS.items()},
                "naive",
                help="What the team does at each check-in; a paused ad's budget is saved.",
            ),
            Slider(
                "check_every_days",
                "Check results every",
                1,
                14,
                1,
                1,
                fmt="{:.0f} days",
                integer=True,
                help="1 = every morning; 7 = once a week.",
            ),
            Slider(
                "daily_budget_per_ad",
                "Daily budget per ad",
                20,
                300,
                10,
                100,
                fmt="${:.0f}",
                help="More budget buys more impressions a day, so each day's numbers are less noisy.",
            ),
        ],
        compute=compute,
        render=render,
        figure_size=(10.5, 4.0),
        prediction=Prediction(
            question=(
                "Northwind checks every morning and pauses any ad whose cost per conversion so far is "
                "above its $30 target. Three of its six ads are truly under $30. In what share of "
                "campaigns does it pause at least one of those good ads?"
            ),
            guess=Slider("guess", "My guess: share of campaigns", 0.0, 1.0, 0.05, 0.2, fmt="{:.0%}"),
            scenario={"rule": "naive", "check_every_days": 1, "daily_budget_per_ad": 100.0},
            answer=lambda result: float(result.averages().loc["naive", "good_paused_share"]),
            explain=(
                "A good ad brings only a few conversions a day; one slow morning makes its cost per "
                "conversion look far above target, and the naive rule pauses it for good."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
