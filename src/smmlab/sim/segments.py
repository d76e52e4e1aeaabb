"""A synthetic population, its segments and personas, and broad versus targeted ad campaigns.

People in Northwind's market get an age band, a gender, a degree or not, an interest in tea, and
the platforms they use. Platform use follows Pew's 2021 survey (PLAT1): the overall share of
adults on each platform, and its cited splits (Instagram and TikTok by age, Pinterest by gender,
LinkedIn by education); where Pew gives one group's share, the other group's is solved so that
the overall share still matches. Demographic shares and tea interest are assumptions.

A *segment* is an age band crossed with tea interest. Northwind's *buyer persona* is a tea lover
aged 30 to 64. A campaign buys impressions on one platform, either spread over everyone there
(broad) or only over chosen segments (targeted, at a higher price per impression). Each person
can be shown the ad only so often (a frequency cap), so a narrow audience can absorb only so much
budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

AGE_BANDS = ("18-29", "30-49", "50-64", "65+")
PLATFORMS = ("Facebook", "Instagram", "Pinterest", "LinkedIn", "TikTok")
PERSONA_AGES = ("30-49", "50-64")


@dataclass(frozen=True)
class Market(Params):
    """Who is in Northwind's market (shares are assumptions unless cited in ``benchmarks.toml``)."""

    adults: int = bounded(low=100, high=10_000_000, integer=True, unit="adults", benchmark="market_adults")
    share_18_29: float = bounded(low=0, high=1, unit="share of adults", benchmark="adults_share_18_29")
    share_30_49: float = bounded(low=0, high=1, unit="share of adults", benchmark="adults_share_30_49")
    share_50_64: float = bounded(low=0, high=1, unit="share of adults", benchmark="adults_share_50_64")
    women_share: float = bounded(low=0, high=1, unit="share of adults", benchmark="adults_share_women")
    graduate_share: float = bounded(low=0, high=1, unit="share of adults", benchmark="adults_share_graduates")
    tea_interest_young: float = bounded(low=0, high=1, unit="share of 18-29s", benchmark="tea_interest_18_29")
    tea_interest_older: float = bounded(
        low=0, high=1, unit="share of adults 30+", benchmark="tea_interest_30_plus"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        total = self.share_18_29 + self.share_30_49 + self.share_50_64
        check_range("Market", "share_18_29 + share_30_49 + share_50_64", total, 0, 1, "share of adults")

    @property
    def age_shares(self) -> np.ndarray:
        """Shares of the four age bands (65+ is the rest)."""
        first = [self.share_18_29, self.share_30_49, self.share_50_64]
        return np.array([*first, 1 - sum(first)])


@dataclass(frozen=True)
class AdResponse(Params):
    """How people respond to Northwind's ad: click and conversion rates by interest and age.

    ``ctr_tea_lover`` is the top of WordStream's industry range and ``ctr_other`` is set so that a
    broad campaign's average matches its 0.90% (COST3); conversion rates are assumptions.
    """

    ctr_tea_lover: float = bounded(
        low=0, high=1, unit="clicks per impression", benchmark="facebook_ctr_industry_high"
    )
    ctr_other: float = bounded(low=0, high=1, unit="clicks per impression", benchmark="ctr_not_interested")
    cvr_persona: float = bounded(low=0, high=1, unit="conversions per click", benchmark="cvr_persona")
    cvr_tea_lover_other: float = bounded(
        low=0, high=1, unit="conversions per click", benchmark="cvr_tea_lover_other"
    )
    cvr_other: float = bounded(low=0, high=1, unit="conversions per click", benchmark="cvr_not_interested")
    cost_per_thousand_impressions: float = bounded(
        low=0.01, high=1000, unit="USD per 1,000 impressions", benchmark="facebook_cpm_implied"
    )
    targeting_premium: float = bounded(
        low=0, high=5, unit="share added to the price", benchmark="targeting_premium"
    )
    frequency_cap: float = bounded(
        low=0.1, high=100, unit="impressions per person", benchmark="frequency_cap"
    )


def platform_use_probability(people: pd.DataFrame, platform: str) -> np.ndarray:
    """Each person's chance of using ``platform``, from PLAT1's overall share and cited split."""
    from smmlab.sim import benchmarks

    if platform not in PLATFORMS:
        raise ValueError(f"platform = {platform!r} is not one of the allowed platforms {PLATFORMS}")
    overall = benchmarks.value(f"pew_use_{platform.lower()}_2021")
    young = (people["age_band"] == "18-29").to_numpy()
    if platform in ("Instagram", "TikTok"):
        group, group_rate = young, benchmarks.value(f"pew_use_{platform.lower()}_18_29_2021")
    elif platform == "Pinterest":
        group, group_rate = (
            (people["gender"] == "woman").to_numpy(),
            benchmarks.value("pew_use_pinterest_women_2021"),
        )
    elif platform == "LinkedIn":
        group, group_rate = people["graduate"].to_numpy(), benchmarks.value("pew_use_linkedin_graduates_2021")
    else:
        return np.full(len(people), overall)
    share = group.mean() if len(people) else 0.0
    rest_rate = (overall - share * group_rate) / (1 - share) if share < 1 else overall
    return np.where(group, group_rate, np.clip(rest_rate, 0, 1))


@cache
def _population(market: Market, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng([int(seed), 13])
    n = int(market.adults)
    age = rng.choice(len(AGE_BANDS), size=n, p=market.age_shares)
    interest = np.where(age == 0, market.tea_interest_young, market.tea_interest_older)
    people = pd.DataFrame(
        {
            "age_band": np.array(AGE_BANDS, dtype=object)[age],
            "gender": np.where(rng.random(n) < market.women_share, "woman", "man").astype(object),
            "graduate": rng.random(n) < market.graduate_share,
            "tea_lover": rng.random(n) < interest,
        }
    )
    for platform in PLATFORMS:
        people[f"uses_{platform.lower()}"] = rng.random(n) < platform_use_probability(people, platform)
    people["segment"] = segment_names(people["age_band"], people["tea_lover"])
    people["persona"] = people["tea_lover"] & people["age_band"].isin(PERSONA_AGES)
    return people


def simulate_population(market: Market | None = None, seed: int = 0) -> pd.DataFrame:
    """A synthetic population: one row per adult in Northwind's market.

    Columns: ``age_band``, ``gender``, ``graduate``, ``tea_lover``, ``uses_<platform>`` for each
    platform in :data:`PLATFORMS`, ``segment`` and ``persona`` (Northwind's buyer persona).
    """
    market = market or Market()
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    return _population(market, int(seed)).copy()


def segment_names(age_band: pd.Series, tea_lover: pd.Series) -> np.ndarray:
    """Segment labels such as ``"30-49 tea lovers"`` or ``"30-49 others"``."""
    suffix = np.where(np.asarray(tea_lover, dtype=bool), " tea lovers", " others")
    return (np.asarray(age_band, dtype=object) + suffix).astype(object)


def segment_table(people: pd.DataFrame, platform: str, response: AdResponse | None = None) -> pd.DataFrame:
    """Segments of the people on ``platform``: size and true response rates, one row per segment."""
    response = response or AdResponse()
    if platform not in PLATFORMS:
        raise ValueError(f"platform = {platform!r} is not one of the allowed platforms {PLATFORMS}")
    users = people[people[f"uses_{platform.lower()}"]]
    table = (
        users.groupby("segment", sort=False)
        .agg(age_band=("age_band", "first"), tea_lover=("tea_lover", "first"), people=("tea_lover", "size"))
        .reset_index()
    )
    order = {
        name: i for i, name in enumerate(segment_names(np.repeat(AGE_BANDS, 2), np.tile([True, False], 4)))
    }
    table = table.sort_values("segment", key=lambda s: s.map(order)).reset_index(drop=True)
    lover = table["tea_lover"].to_numpy()
    persona = lover & table["age_band"].isin(PERSONA_AGES).to_numpy()
    table["persona"] = persona
    table["true_ctr"] = np.where(lover, response.ctr_tea_lover, response.ctr_other)
    table["true_cvr"] = np.select(
        [persona, lover], [response.cvr_persona, response.cvr_tea_lover_other], response.cvr_other
    )
    return table


@dataclass(frozen=True)
class CampaignResult:
    """Impressions, clicks, conversions and spend by segment for one campaign."""

    by_segment: pd.DataFrame
    budget: float

    @property
    def totals(self) -> pd.Series:
        """Totals over segments, with the cost per acquisition ``cpa``."""
        sums = self.by_segment[["impressions", "clicks", "conversions", "spend"]].sum()
        sums["cpa"] = sums["spend"] / sums["conversions"] if sums["conversions"] > 0 else np.inf
        return sums


def simulate_campaign(
    segments: pd.DataFrame,
    budget: float,
    targeted: list[str] | None = None,
    response: AdResponse | None = None,
    seed: int = 0,
) -> CampaignResult:
    """Spend ``budget`` on one platform, broad (``targeted=None``) or on the named segments only.

    Impressions spread over the audience in proportion to its size, up to the frequency cap per
    person; the budget that cannot be spent is kept. Targeted impressions cost
    ``1 + targeting_premium`` times the broad price.
    """
    response = response or AdResponse()
    check_range("", "budget", budget, 0, 1e9, "USD")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    missing = {"segment", "people", "true_ctr", "true_cvr"} - set(segments.columns)
    if missing:
        raise ValueError(f"segments lacks columns {sorted(missing)}; build it with segment_table()")
    chosen = np.ones(len(segments), dtype=bool)
    price = response.cost_per_thousand_impressions / 1000
    if targeted is not None:
        unknown = set(targeted) - set(segments["segment"])
        if unknown or not targeted:
            raise ValueError(f"targeted = {targeted!r} must name segments among {list(segments['segment'])}")
        chosen = segments["segment"].isin(targeted).to_numpy()
        price *= 1 + response.targeting_premium
    people = segments["people"].to_numpy() * chosen
    capacity = people * response.frequency_cap
    wanted = budget / price
    impressions_expected = (
        np.minimum(wanted * people / people.sum(), capacity) if people.sum() > 0 else np.zeros(len(people))
    )
    rng = np.random.default_rng([int(seed), 14])
    impressions = rng.poisson(impressions_expected)
    clicks = rng.binomial(impressions, segments["true_ctr"].to_numpy())
    conversions = rng.binomial(clicks, segments["true_cvr"].to_numpy())
    by_segment = segments[["segment", "people"]].assign(
        targeted=chosen,
        impressions=impressions,
        clicks=clicks,
        conversions=conversions,
        spend=np.round(impressions * price, 2),
        max_spend=np.round(capacity * price, 2),
    )
    return CampaignResult(by_segment=by_segment, budget=float(budget))
