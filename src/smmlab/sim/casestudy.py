"""A consultant's before/after case study, and the comparison group that tests it.

Many brands of one category post on the same platform. Each month a brand's engagement rate
(engagements per follower per post) is

    log rate = log(median) + brand effect + trend × month + a passing shock

* the **median** brand starts at the platform median (ENG1: 0.47% on Instagram);
* a fixed **brand effect** makes some brands better than others (assumption);
* the **trend** is the platform-wide fall in engagement (ENG3: Instagram 1.22% in 2019 → 0.47%
  in 2022, about −27% a year);
* the **passing shock** is a month's luck (a post that flopped, a holiday), partly carried to the
  next month (AR(1), assumption).

A consultant signs clients right after a bad quarter ("your engagement is down, we can fix it"):
the more the choice depends on the dip, the stronger the **selection**. The consultant works for
one quarter with a true effect that the simulation controls (possibly zero) and reports the
clients' before/after gain. Because the bad quarter was partly bad luck, the clients bounce back
anyway: **regression to the mean**. A **comparison group** of brands that were not treated, and
that had a similar bad quarter, bounces back too; the difference in differences (DiD) removes
the bounce and the trend and leaves the effect.

Follower-growth claims are checked against a benchmark distribution of six-month organic growth
(ENG6) and priced at what bought followers cost (FAKE6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

#: Comparison groups :func:`simulate_case_study` can build.
COMPARISONS = ("none", "random", "similar")
#: Names of the periods of a case study, in order.
PERIODS = ("baseline", "before", "after")


@dataclass(frozen=True)
class BrandPanel(Params):
    """Monthly engagement of the brands in a category.

    Attributes
    ----------
    brands
        Brands in the category.
    median_engagement_rate
        Engagements per follower per post of the median brand at month 0 (ENG1).
    brand_spread
        Standard deviation of the brands' lasting differences (log scale).
    month_noise_sd
        Standard deviation of a month's passing shock (log scale).
    noise_persistence
        Share of last month's shock still present this month (AR(1) coefficient).
    yearly_trend
        Platform-wide change of engagement per year, as a share (ENG3: about −27%).
    """

    brands: int = bounded(300, low=20, high=20_000, unit="brands", integer=True)
    median_engagement_rate: float = bounded(
        low=1e-6, high=1, unit="engagements per follower per post", benchmark="engagement_rate_instagram"
    )
    brand_spread: float = bounded(low=0, high=3, unit="log units", benchmark="brand_engagement_spread")
    month_noise_sd: float = bounded(low=0, high=2, unit="log units", benchmark="month_engagement_noise_sd")
    noise_persistence: float = bounded(
        low=0, high=0.95, unit="share carried to the next month", benchmark="month_noise_persistence"
    )
    yearly_trend: float = bounded(low=-0.9, high=1, unit="share per year", benchmark="engagement_trend_year")


@dataclass(frozen=True)
class CaseStudy(Params):
    """How the consultant picks clients and what the work really does.

    Attributes
    ----------
    clients
        Brands the consultant signs.
    true_effect
        The real change the consultant's work makes to the clients' engagement during the
        "after" quarter, as a share (0 = no effect at all).
    selection
        How strongly the choice of clients follows the bad quarter: 0 = clients picked at random,
        1 = the brands with the worst dips (the correlation between the pick and the dip).
    baseline_months, quarter_months
        Months of normal history before the bad quarter; months in each quarter.
    """

    clients: int = bounded(20, low=1, high=5_000, unit="brands", integer=True)
    true_effect: float = bounded(0.0, low=-0.9, high=3, unit="share")
    selection: float = bounded(0.9, low=0, high=1, unit="correlation with the dip")
    baseline_months: int = bounded(12, low=3, high=120, unit="months", integer=True)
    quarter_months: int = bounded(3, low=1, high=12, unit="months", integer=True)

    @property
    def months(self) -> int:
        """Months simulated: baseline, the bad ("before") quarter and the "after" quarter."""
        return int(self.baseline_months + 2 * self.quarter_months)

    def period_of_month(self) -> np.ndarray:
        """The period name of every month."""
        months = np.arange(self.months)
        return np.where(
            months < self.baseline_months,
            "baseline",
            np.where(months < self.baseline_months + self.quarter_months, "before", "after"),
        )


def simulate_rates(panel: BrandPanel, months: int, seed: int, replicates: int = 1) -> np.ndarray:
    """Untreated engagement rates, shape ``(replicates, brands, months)``."""
    check_range("", "months", months, 2, 600, "months", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    check_range("", "replicates", replicates, 1, 5_000, "case studies", integer=True)
    rng = np.random.default_rng([seed, 22])
    shape = (int(replicates), int(panel.brands))
    brand = panel.brand_spread * rng.standard_normal(size=(*shape, 1), dtype=np.float32)
    rho, sd = panel.noise_persistence, panel.month_noise_sd
    innovations = rng.standard_normal(size=(*shape, int(months)), dtype=np.float32)
    innovations[..., 1:] *= sd * math.sqrt(1 - rho**2)
    innovations[..., 0] *= sd  # start in the stationary state
    shocks = np.empty_like(innovations)
    shocks[..., 0] = innovations[..., 0]
    for month in range(1, int(months)):  # a short recursion over months, vectorised over brands
        shocks[..., month] = rho * shocks[..., month - 1] + innovations[..., month]
    trend = (math.log1p(panel.yearly_trend) / 12 * np.arange(int(months))).astype(np.float32)
    return panel.median_engagement_rate * np.exp((brand + trend + shocks).astype(np.float64))


def _standardise(values: np.ndarray) -> np.ndarray:
    spread = values.std(axis=-1, keepdims=True)
    return (values - values.mean(axis=-1, keepdims=True)) / np.where(spread > 0, spread, 1.0)


def pick_groups(
    dip: np.ndarray, study: CaseStudy, comparison: str, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None]:
    """Client and comparison brand indices for each replicate (rows of ``dip``).

    ``dip`` is each brand's log engagement in the bad quarter minus its baseline. The consultant
    pitches ``2 × clients`` brands, ranked by a score that follows the dip as closely as
    ``selection`` says; half of them, at random, sign. Comparison ``"similar"`` is the other half
    (pitched after the same kind of quarter, but they declined); ``"random"`` is as many brands
    drawn from those never pitched; ``"none"`` builds no comparison group.
    """
    if comparison not in COMPARISONS:
        raise ValueError(f"comparison = {comparison!r} is not one of the allowed values {COMPARISONS}")
    reps, brands = dip.shape
    check_range("CaseStudy", "clients", study.clients, 1, brands // 3, "brands (at most a third)", True)
    n = int(study.clients)
    noise = rng.normal(size=dip.shape)
    score = study.selection * _standardise(dip) + math.sqrt(1 - study.selection**2) * noise
    pitched = np.argsort(score, axis=1, kind="stable")[:, : 2 * n]
    rows = np.arange(reps)[:, None]
    signs = np.argsort(rng.random(pitched.shape), axis=1)  # who signs: a random half of the pitched
    pitched = pitched[rows, signs]
    clients, declined = pitched[:, :n], pitched[:, n:]
    if comparison == "none":
        return clients, None
    if comparison == "similar":
        return clients, declined
    keys = rng.random(dip.shape)
    keys[rows, pitched] = np.inf
    return clients, np.argsort(keys, axis=1, kind="stable")[:, :n]


@dataclass(frozen=True)
class CaseStudyResult:
    """The panel of brands and the case study's numbers.

    Attributes
    ----------
    panel
        The first replicate, tidy: ``brand_id``, ``month``, ``period`` (baseline, before, after),
        ``group`` (client, comparison, other), ``engagement_per_1000`` (engagements per 1,000
        followers per post, as measured) and ``untreated_per_1000`` (what it would have been
        without the consultant: the simulation's truth).
    estimates
        One row per replicate case study: ``naive_gain`` (the consultant's before/after claim),
        ``untreated_gain`` (the clients' gain had the consultant done nothing: bounce-back and
        trend), ``comparison_gain`` and ``did_gain`` (NaN without a comparison group).
    """

    panel: pd.DataFrame
    estimates: pd.DataFrame
    study: CaseStudy
    comparison: str

    def summary(self) -> dict[str, float]:
        """Medians over the replicate case studies, and how often DiD lands near the truth."""
        est = self.estimates
        did = est["did_gain"]
        return {
            "true_effect": float(self.study.true_effect),
            "naive_gain": float(est["naive_gain"].median()),
            "untreated_gain": float(est["untreated_gain"].median()),
            "comparison_gain": float(est["comparison_gain"].median()) if did.notna().any() else math.nan,
            "did_gain": float(did.median()) if did.notna().any() else math.nan,
            "naive_positive_share": float((est["naive_gain"] > 0).mean()),
            "replicates": float(len(est)),
        }


def relative_did(
    client_before: np.ndarray, client_after: np.ndarray, other_before: np.ndarray, other_after: np.ndarray
) -> np.ndarray:
    """The clients' gain over their counterfactual: ``after / (before + comparison change) − 1``."""
    counterfactual = client_before + (other_after - other_before)
    return (
        np.divide(
            client_after,
            counterfactual,
            out=np.full(np.shape(counterfactual), np.nan),
            where=counterfactual > 0,
        )
        - 1
    )


def simulate_case_study(
    panel: BrandPanel | None = None,
    study: CaseStudy | None = None,
    comparison: str = "similar",
    replicates: int = 1,
    seed: int = 0,
) -> CaseStudyResult:
    """Simulate ``replicates`` independent case studies of the same consultant.

    Parameters
    ----------
    panel, study
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    comparison
        ``"similar"`` (brands pitched after a similar bad quarter that declined), ``"random"``
        (brands never pitched) or ``"none"`` (before/after only).
    replicates
        Independent categories of brands, each with its own case study.
    seed
        Random seed; the same seed gives the same data.
    """
    panel = panel or BrandPanel()
    study = study or CaseStudy()
    if comparison not in COMPARISONS:
        raise ValueError(f"comparison = {comparison!r} is not one of the allowed values {COMPARISONS}")
    untreated = simulate_rates(panel, study.months, seed, replicates)
    period = study.period_of_month()
    baseline, before, after = (period == name for name in PERIODS)
    logs = np.log(untreated)
    dip = logs[..., before].mean(axis=-1) - logs[..., baseline].mean(axis=-1)
    clients, others = pick_groups(dip, study, comparison, np.random.default_rng([seed, 23]))
    rows = np.arange(untreated.shape[0])[:, None]
    measured = untreated.copy()
    client_rates = measured[rows, clients]  # (replicates, clients, months)
    client_rates[..., after] *= 1 + study.true_effect
    measured[rows, clients] = client_rates

    def quarter_means(rates: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return rates[..., mask].mean(axis=(-1, -2))

    c_before, c_after = quarter_means(client_rates, before), quarter_means(client_rates, after)
    untreated_clients = untreated[rows, clients]
    estimates = {
        "replicate": np.arange(untreated.shape[0]),
        "naive_gain": c_after / c_before - 1,
        "untreated_gain": quarter_means(untreated_clients, after) / c_before - 1,
    }
    if others is None:
        estimates["comparison_gain"] = np.full(len(c_before), np.nan)
        estimates["did_gain"] = np.full(len(c_before), np.nan)
    else:
        other_rates = measured[rows, others]
        o_before, o_after = quarter_means(other_rates, before), quarter_means(other_rates, after)
        estimates["comparison_gain"] = o_after / o_before - 1
        estimates["did_gain"] = relative_did(c_before, c_after, o_before, o_after)
    group = np.full(untreated.shape[1], "other", dtype=object)
    group[clients[0]] = "client"
    if others is not None:
        group[others[0]] = "comparison"
    brands, months = untreated.shape[1], study.months
    table = pd.DataFrame(
        {
            "brand_id": np.repeat([f"B{number:03d}" for number in range(1, brands + 1)], months),
            "month": np.tile(np.arange(months), brands),
            "period": np.tile(period, brands),
            "group": np.repeat(group, months),
            "engagement_per_1000": 1000 * measured[0].ravel(),
            "untreated_per_1000": 1000 * untreated[0].ravel(),
        }
    )
    return CaseStudyResult(panel=table, estimates=pd.DataFrame(estimates), study=study, comparison=comparison)


# ---- follower-growth claims -------------------------------------------------------------------


@dataclass(frozen=True)
class FollowerGrowth(Params):
    """Six-month organic follower growth of brands, and the price of bought followers.

    Attributes
    ----------
    monthly_growth
        Typical organic growth per month (ENG6: about 2% on Instagram).
    growth_spread
        Spread of six-month growth between brands (log scale).
    price_per_1000
        Price of 1,000 bought followers in US dollars (FAKE6).
    """

    monthly_growth: float = bounded(
        low=-0.5, high=1, unit="share per month", benchmark="organic_follower_growth_month"
    )
    growth_spread: float = bounded(low=0, high=2, unit="log units", benchmark="follower_growth_spread_6m")
    price_per_1000: float = bounded(
        low=0, high=1000, unit="USD per 1,000 followers", benchmark="bought_followers_price_per_1000"
    )

    @property
    def median_growth_6m(self) -> float:
        """Six-month growth of the median brand: monthly growth compounded."""
        return (1 + self.monthly_growth) ** 6 - 1


def benchmark_growth(growth: FollowerGrowth | None = None, brands: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Six-month organic follower growth of ``brands`` benchmark brands (``brand_id``, ``growth_6m``)."""
    growth = growth or FollowerGrowth()
    check_range("", "brands", brands, 1, 1_000_000, "brands", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([seed, 24])
    log_growth = rng.normal(math.log1p(growth.median_growth_6m), growth.growth_spread, size=int(brands))
    return pd.DataFrame(
        {
            "brand_id": [f"G{number:04d}" for number in range(1, int(brands) + 1)],
            "growth_6m": np.expm1(log_growth),
        }
    )


def growth_percentile(claimed_growth: float, growth: FollowerGrowth | None = None) -> float:
    """Share of brands whose organic six-month growth is below ``claimed_growth`` (exact, lognormal)."""
    growth = growth or FollowerGrowth()
    check_range("", "claimed_growth", claimed_growth, -0.99, 1e6, "share in six months")
    if growth.growth_spread == 0:
        return float(claimed_growth > growth.median_growth_6m)
    z = (math.log1p(claimed_growth) - math.log1p(growth.median_growth_6m)) / growth.growth_spread
    return 0.5 * math.erfc(-z / math.sqrt(2))


def bought_followers_cost(
    followers: float, bought_share: float, growth: FollowerGrowth | None = None
) -> float:
    """US dollars to buy ``bought_share`` × ``followers`` followers at the FAKE6 price."""
    growth = growth or FollowerGrowth()
    check_range("", "followers", followers, 0, 1e10, "followers")
    check_range("", "bought_share", bought_share, 0, 100, "share of followers")
    return float(followers * bought_share * growth.price_per_1000 / 1000)
