"""Lesson 18 -- owned versus earned credibility (truth-3).

Northwind Kettles launches a new kettle. It can tell people itself, with posts on its blog and
page (owned media), and it can give the kettle to a hundred early customers who tell their
friends if they like it (earned word of mouth). The explorer spreads both through a simulated
social network and weights each person reached by how far people trust that source (TRUST1,
TRUST2): owned copy mostly stays among followers and keeps a brand's credibility, however often
it is posted; word of mouth travels beyond them and carries a friend's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.network import Campaign, Market, owned_and_earned, trust_by_source
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "trust_friends_2015",
    "trust_brand_site_2015",
    "trust_online_opinions_2015",
    "trust_friends_2012",
    "trust_brand_site_2012",
    "trust_online_opinions_2012",
    "followers",
    "organic_reach_share",
    "network_people",
    "network_mean_degree",
    "network_degree_spread",
    "peer_see_chance",
    "owned_pass_on_chance",
    "happy_customers",
    "recommend_chance",
    "buy_if_convinced",
]

CHANNELS = ("owned", "earned")


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    owned_posts
        Posts about the launch on Northwind's blog and page.
    happy_customers
        Early customers who liked the kettle and tell their connections.
    recommend_chance
        Chance that someone told by a friend passes it on (how remarkable the kettle is).
    survey
        Which Nielsen trust survey weights the sources: 2015 (TRUST1) or 2012 (TRUST2).
    seed
        Random seed.
    """

    owned_posts: int = bounded(10, low=0, high=365, unit="posts", integer=True)
    happy_customers: int = bounded(
        low=0, high=100_000, unit="customers", integer=True, benchmark="happy_customers"
    )
    recommend_chance: float = bounded(low=0, high=1, unit="chance", benchmark="recommend_chance")
    survey: int = bounded(2015, low=2012, high=2015, unit="survey year", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)


@dataclass(frozen=True)
class CredibilityResult:
    """Everyone the launch reached, by channel, and the settings behind it."""

    people: pd.DataFrame
    scenario: Scenario

    def table(self) -> pd.DataFrame:
        """Reach, people beyond the followers, conversions and the rate per channel."""
        return _channel_table(self.people)


def _channel_table(people: pd.DataFrame) -> pd.DataFrame:
    """Per channel: ``reached``, ``non_followers``, ``conversions`` and ``conversion_rate``."""
    grouped = people.groupby("channel")
    table = pd.DataFrame(
        {
            "reached": grouped.size(),
            "non_followers": grouped["follower"].apply(lambda s: int((~s).sum())),
            "conversions": grouped["converted"].sum(),
        }
    ).astype(int)  # integer before the empty channels are filled with 0
    table = table.reindex(list(CHANNELS), fill_value=0)
    if "trust" in people.columns:  # the simulation's truth: buyers expected from trust alone
        table["expected_conversions"] = (
            people.assign(w=people["trust"] * benchmarks.value("buy_if_convinced"))
            .groupby("channel")["w"]
            .sum()
        ).reindex(list(CHANNELS), fill_value=0.0)
    table["conversion_rate"] = table["conversions"] / table["reached"].where(table["reached"] > 0)
    table.index.name = "channel"
    return table


def run(scenario: Scenario | None = None) -> CredibilityResult:
    """Simulate the scenario (default: the lesson's starting point)."""
    scenario = scenario or Scenario()
    campaign = Campaign(
        owned_posts=int(scenario.owned_posts),
        happy_customers=int(scenario.happy_customers),
        recommend_chance=scenario.recommend_chance,
        survey=int(scenario.survey),
    )
    return CredibilityResult(owned_and_earned(campaign, Market(), seed=int(scenario.seed)), scenario)


def compute(
    owned_posts: int, happy_customers: int, recommend_chance: float, survey: int
) -> CredibilityResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            owned_posts=int(owned_posts),
            happy_customers=int(happy_customers),
            recommend_chance=recommend_chance,
            survey=int(survey),
        )
    )


def _per_thousand(table: pd.DataFrame, channel: str) -> str:
    reached = int(table.loc[channel, "reached"])
    if reached == 0:
        return "no one reached"
    return f"{1000 * table.loc[channel, 'expected_conversions'] / reached:.1f} per 1,000 reached"


def render(result: CredibilityResult, figure: Figure) -> Rendered:
    """People reached by channel, followers vs others (left); buyers by channel (right)."""
    table = result.table()
    trust = trust_by_source(int(result.scenario.survey))
    left, right = panels(figure, [1.35, 1], left=0.145, right=0.97, bottom=0.15, top=0.8, wspace=0.4)
    left.set_axisbelow(True)
    right.set_axisbelow(True)
    labels = ["owned\n(blog, page)", "earned\n(word of mouth)"]
    rows = np.arange(len(CHANNELS))
    followers = (table["reached"] - table["non_followers"]).to_numpy()
    others = table["non_followers"].to_numpy()
    left.barh(rows, followers, color=PALETTE["blue"], hatch=HATCHES[0], edgecolor="white", label="followers")
    left.barh(
        rows,
        others,
        left=followers,
        color=PALETTE["orange"],
        hatch=HATCHES[1],
        edgecolor="white",
        label="not following Northwind",
    )
    left.set_yticks(rows, labels)
    left.invert_yaxis()
    left.set_xlabel("people reached")
    left.set_title("Who hears about the kettle", pad=22)
    legend_above(left, ncols=2, fontsize=9, handlelength=1.5)
    top = max(float(table["reached"].max()), 1.0)
    left.set_xlim(0, top * 1.3)
    for row, total in zip(rows, table["reached"], strict=True):
        left.text(total + top * 0.02, row, f"{total:,}", va="center", fontsize=9)

    conversions = np.round(table["expected_conversions"].to_numpy()).astype(int)
    right.bar(
        rows,
        conversions,
        color=[PALETTE["blue"], PALETTE["green"]],
        hatch=[HATCHES[0], HATCHES[2]],
        edgecolor="white",
        width=0.6,
    )
    right.set_xticks(rows, ["owned", "earned"])
    right.set_ylabel("expected buyers")
    right.set_title("Who buys (trust-weighted)", pad=22)
    peak = max(float(conversions.max()), 1.0)
    right.set_ylim(0, peak * 1.3)
    for row, count in zip(rows, conversions, strict=True):
        right.text(row, count + peak * 0.03, f"{count:,}", ha="center", fontsize=9)
    right.text(
        0.5,
        1.02,
        f"trust: brand site {trust['brand_site']:.0%}, friends {trust['friends']:.0%} "
        f"({result.scenario.survey})",
        transform=right.transAxes,
        ha="center",
        fontsize=8.5,
    )

    owned = {key: int(value) for key, value in table.loc["owned", ["reached", "non_followers"]].items()}
    earned = {key: int(value) for key, value in table.loc["earned", ["reached", "non_followers"]].items()}
    owned["buyers"], earned["buyers"] = (int(count) for count in conversions)
    owned_outside = owned["non_followers"] / owned["reached"] if owned["reached"] else 0.0
    earned_outside = earned["non_followers"] / earned["reached"] if earned["reached"] else 0.0
    headlines = [
        Headline(
            "Reached by owned posts", f"{owned['reached']:,}", f"{owned_outside:.0%} beyond the followers"
        ),
        Headline(
            "Reached by word of mouth", f"{earned['reached']:,}", f"{earned_outside:.0%} beyond the followers"
        ),
        Headline("Buyers from owned posts", f"{owned['buyers']:,}", _per_thousand(table, "owned")),
        Headline("Buyers from word of mouth", f"{earned['buyers']:,}", _per_thousand(table, "earned")),
        Headline(
            "Trust gap",
            f"{trust['friends'] - trust['brand_site']:+.0%}",
            f"friends vs brand websites (Nielsen {result.scenario.survey})",
        ),
    ]
    alt = (
        f"Two bar charts. Left: owned posts reach {owned['reached']:,} people, "
        f"{owned['non_followers']:,} of them not following Northwind; word of mouth reaches "
        f"{earned['reached']:,}, {earned['non_followers']:,} of them not following. Right: "
        f"{owned['buyers']:,} expected buyers from owned posts and {earned['buyers']:,} from word of mouth."
    )
    return Rendered(headlines, alt)


def _outside_share(result: CredibilityResult) -> float:
    owned = result.table().loc["owned"]
    return float(owned["non_followers"] / owned["reached"]) if owned["reached"] else 0.0


def explorer() -> Explorer:
    """The lesson's explorer: owned posts against customers' word of mouth."""
    return Explorer(
        title="Owned or earned? Northwind's kettle launch",
        intro=(
            "Northwind posts about the new kettle on its blog and page, and early customers tell "
            "their friends. Who hears, and who believes enough to buy?"
        ),
        controls=[
            Slider(
                "owned_posts",
                "Posts on Northwind's blog and page",
                0,
                30,
                1,
                10,
                fmt="{:.0f} posts",
                integer=True,
                help="Each post reaches about 5.2% of followers (RCH3), a different random 5.2% each time.",
            ),
            Slider(
                "happy_customers",
                "Early customers who liked it",
                0,
                400,
                20,
                100,
                fmt="{:.0f}",
                integer=True,
                help="They tell their connections; an assumption, like the seeding programmes brands run.",
            ),
            Slider(
                "recommend_chance",
                "Chance a friend passes it on",
                0.0,
                0.4,
                0.02,
                0.14,
                fmt="{:.0%}",
                help="How remarkable the kettle is: a modelling assumption, not a measured figure.",
            ),
            Choice(
                "survey",
                "Trust survey",
                {"Nielsen 2015 (TRUST1)": 2015, "Nielsen 2012 (TRUST2)": 2012},
                2015,
                help="Shares of people who say they trust each source; the gap was wider in 2012.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "Northwind doubles its launch posts to 20. Of all the people those owned posts reach "
                "(shares included), what share do not already follow Northwind?"
            ),
            guess=Slider("guess", "My guess: share beyond the followers", 0.0, 1.0, 0.05, 0.3, fmt="{:.0%}"),
            scenario={"owned_posts": 20},
            answer=_outside_share,
            explain=(
                "Owned posts go to followers, and few people share a brand's own copy, so posting "
                "more reaches the same circle again. A post does not become a friend's "
                "recommendation by being published."
            ),
        ),
        built_in=(
            "Buyers per 1,000 people reached are the trust survey's ratio, put in by the model: "
            "everyone who believes buys with the same 3% chance, and a friend is believed by 83% "
            "against 70% for a brand's page (TRUST1), so 0.83 × 3% against 0.70 × 3%. Switch the "
            "trust survey to change the gap; who is reached, followers or not, is what the network "
            "produces."
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
