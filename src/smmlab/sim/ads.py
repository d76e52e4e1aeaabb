"""Paid ads with unknown true rates: delivery, clicks, conversions, check-ins and stopping rules.

Northwind runs several ad creatives at once. Each has a true click-through rate (CTR) and a true
conversion rate per click that nobody knows; the team sees only the noisy daily counts. At each
check-in a *stopping rule* decides what to do next:

``"never"``
    Nobody looks at the results; every ad spends its budget to the end.
``"naive"``
    Pause any ad whose cost per conversion (CPA) *so far* is above the target. With a few
    conversions a day this reacts to noise and pauses good ads.
``"interval"``
    Pause an ad only when it is clearly too expensive: even the upper end of a 95% Wilson interval
    on its conversions per impression gives a CPA above the target.

A paused ad's budget is saved, as the mistake-2 article suggests ("pause until optimised"). Many
campaigns with the same creatives and fresh noise run at once (vectorised), so a lesson can show
how often a rule is fooled, not just one lucky or unlucky run.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

RULES = ("never", "naive", "interval")
AD_NAMES = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class AdCampaign(Params):
    """Budget, price and goal of a campaign of several ad creatives.

    Attributes
    ----------
    daily_budget_per_ad
        Budget of each ad per day at the start (assumption).
    cost_per_thousand_impressions
        Price of 1,000 impressions; the default is Facebook's average CPC times CTR (COST3).
    target_cpa
        The most Northwind will pay for one conversion (assumption).
    days
        Length of the campaign.
    confidence
        Confidence level of the interval rule.
    value_per_conversion
        What a conversion is worth to Northwind: its average first order (assumption).
    """

    daily_budget_per_ad: float = bounded(
        low=0, high=100_000, unit="USD per ad per day", benchmark="ad_daily_budget"
    )
    cost_per_thousand_impressions: float = bounded(
        low=0.01, high=1000, unit="USD per 1,000 impressions", benchmark="facebook_cpm_implied"
    )
    target_cpa: float = bounded(low=0.01, high=100_000, unit="USD per conversion", benchmark="target_cpa")
    days: int = bounded(low=1, high=365, unit="days", integer=True, benchmark="ad_campaign_days")
    confidence: float = bounded(0.95, low=0.5, high=0.999, unit="confidence level")
    value_per_conversion: float = bounded(
        low=0, high=100_000, unit="USD per conversion", benchmark="average_order_value"
    )


def northwind_creatives() -> pd.DataFrame:
    """Northwind's six ad creatives and their true (hidden) rates, from ``benchmarks.toml``.

    Columns: ``ad``, ``true_ctr`` (clicks per impression), ``true_cvr`` (conversions per click),
    ``true_cpa`` at the calibrated price. The CTRs lie inside WordStream's industry range and
    average about its 0.90% (COST3); conversion per click lies around the 8.6% implied by COST3's
    lead-ad figures. Ad B is "click-bait": many clicks, few conversions.
    """
    from smmlab.sim import benchmarks

    ctr = np.array([benchmarks.value(f"creative_{name.lower()}_ctr") for name in AD_NAMES])
    cvr = np.array([benchmarks.value(f"creative_{name.lower()}_cvr") for name in AD_NAMES])
    return creatives_table(list(AD_NAMES), ctr, cvr)


def creatives_table(
    names: list[str], true_ctr: np.ndarray, true_cvr: np.ndarray, campaign: AdCampaign | None = None
) -> pd.DataFrame:
    """A validated creatives table (``ad``, ``true_ctr``, ``true_cvr``, ``true_cpa``)."""
    campaign = campaign or AdCampaign()
    ctr = np.asarray(true_ctr, dtype=float)
    cvr = np.asarray(true_cvr, dtype=float)
    if not 1 <= len(names) <= 50 or len(set(names)) != len(names):
        raise ValueError(f"names = {names!r} must be 1 to 50 distinct ad names")
    for label, values in (("true_ctr", ctr), ("true_cvr", cvr)):
        if (
            values.shape != (len(names),)
            or not np.isfinite(values).all()
            or (values <= 0).any()
            or (values > 1).any()
        ):
            raise ValueError(f"{label} = {values!r} must hold one rate per ad in the allowed range (0, 1]")
    return pd.DataFrame(
        {
            "ad": list(names),
            "true_ctr": ctr,
            "true_cvr": cvr,
            "true_cpa": campaign.cost_per_thousand_impressions / 1000 / (ctr * cvr),
        }
    )


def wilson_interval(
    successes: np.ndarray | float, trials: np.ndarray | float, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion; with no trials the interval is [0, 1].

    Works on arrays. It stays inside [0, 1] and behaves well for the small counts of ad data,
    where the plain normal interval can fall below zero.
    """
    check_range("", "confidence", confidence, 0.5, 0.999, "confidence level")
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    if not (np.isfinite(k).all() and np.isfinite(n).all()) or (k < 0).any() or (k > n).any():
        raise ValueError(f"successes = {successes!r} must be finite with 0 ≤ successes ≤ trials = {trials!r}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    safe_n = np.where(n > 0, n, 1.0)
    share = k / safe_n
    centre = (share + z * z / (2 * safe_n)) / (1 + z * z / safe_n)
    half = z / (1 + z * z / safe_n) * np.sqrt(share * (1 - share) / safe_n + z * z / (4 * safe_n * safe_n))
    low = np.where(n > 0, np.clip(centre - half, 0, 1), 0.0)
    high = np.where(n > 0, np.clip(centre + half, 0, 1), 1.0)
    return low, high


@dataclass(frozen=True)
class AdResult:
    """Many simulated runs of one campaign under one stopping rule.

    Arrays are indexed ``[campaign, day, ad]``; ``summary`` has one row per simulated campaign.
    """

    creatives: pd.DataFrame
    campaign: AdCampaign
    rule: str
    check_every_days: int
    impressions: np.ndarray
    clicks: np.ndarray
    conversions: np.ndarray
    spend: np.ndarray
    paused_day: np.ndarray  # [campaign, ad]: day after which the ad was paused (0 = never paused)

    @property
    def good(self) -> np.ndarray:
        """Which ads are truly at or under the target CPA."""
        return self.creatives["true_cpa"].to_numpy() <= self.campaign.target_cpa

    @property
    def summary(self) -> pd.DataFrame:
        """One row per simulated campaign: spend, conversions, CPA, net value, waste and mistakes.

        ``wasted_spend`` is spend on ads whose true CPA is above the target; ``good_conversions_lost``
        is the expected number of conversions good ads would have brought after being paused.
        """
        spend = self.spend.sum(axis=(1, 2))
        conversions = self.conversions.sum(axis=(1, 2))
        good = self.good
        paused = self.paused_day > 0
        best = int(np.argmin(self.creatives["true_cpa"].to_numpy()))
        per_day = self.campaign.daily_budget_per_ad / (self.campaign.cost_per_thousand_impressions / 1000)
        rates = (self.creatives["true_ctr"] * self.creatives["true_cvr"]).to_numpy()
        days_left = np.where(paused, self.spend.shape[1] - self.paused_day, 0)
        lost = (days_left * per_day * rates * good).sum(axis=1)
        return pd.DataFrame(
            {
                "campaign": np.arange(len(spend)),
                "spend": spend,
                "conversions": conversions,
                "cpa": np.divide(spend, conversions, out=np.full(len(spend), np.inf), where=conversions > 0),
                "net_value": conversions * self.campaign.value_per_conversion - spend,
                "wasted_spend": self.spend[:, :, ~good].sum(axis=(1, 2)),
                "good_conversions_lost": lost,
                "good_ads_paused": paused[:, good].sum(axis=1),
                "weak_ads_paused": paused[:, ~good].sum(axis=1),
                "best_ad_paused": paused[:, best],
            }
        )

    def daily(self, campaign: int = 0) -> pd.DataFrame:
        """Tidy daily report of one simulated campaign: ``day`` (from 1), ``ad``, counts and spend."""
        check_range("", "campaign", campaign, 0, self.spend.shape[0] - 1, integer=True)
        days, ads = self.spend.shape[1], self.spend.shape[2]
        return pd.DataFrame(
            {
                "day": np.repeat(np.arange(1, days + 1), ads),
                "ad": np.tile(self.creatives["ad"].to_numpy(dtype=object), days),
                "impressions": self.impressions[campaign].ravel(),
                "clicks": self.clicks[campaign].ravel(),
                "conversions": self.conversions[campaign].ravel(),
                "spend": np.round(self.spend[campaign].ravel(), 2),
            }
        )


def simulate_ad_campaigns(
    creatives: pd.DataFrame | None = None,
    campaign: AdCampaign | None = None,
    rule: str = "never",
    check_every_days: int = 7,
    campaigns: int = 1,
    seed: int = 0,
) -> AdResult:
    """Run ``campaigns`` independent copies of one campaign under a stopping rule.

    Each day every active ad buys ``budget / price`` impressions (a Poisson draw: delivery varies);
    clicks are binomial at the ad's true CTR and conversions binomial at its true conversion rate.
    Spend is paid per impression. Every ``check_every_days`` days the ``rule`` is applied to the
    data so far (see the module docstring). Paused ads stay paused.
    """
    creatives = northwind_creatives() if creatives is None else creatives
    campaign = campaign or AdCampaign()
    if rule not in RULES:
        raise ValueError(f"rule = {rule!r} is not one of the allowed rules {RULES}")
    missing = {"ad", "true_ctr", "true_cvr"} - set(creatives.columns)
    if missing:
        raise ValueError(f"creatives lacks columns {sorted(missing)}; build it with creatives_table()")
    creatives = creatives_table(list(creatives["ad"]), creatives["true_ctr"], creatives["true_cvr"], campaign)
    check_range("", "check_every_days", check_every_days, 1, 365, "days", integer=True)
    check_range("", "campaigns", campaigns, 1, 10_000, "simulated campaigns", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([int(seed), 7])
    runs, days, ads = int(campaigns), int(campaign.days), len(creatives)
    ctr = creatives["true_ctr"].to_numpy()
    cvr = creatives["true_cvr"].to_numpy()
    price = campaign.cost_per_thousand_impressions / 1000
    shape = (runs, days, ads)
    impressions = np.zeros(shape, dtype=np.int64)
    clicks = np.zeros(shape, dtype=np.int64)
    conversions = np.zeros(shape, dtype=np.int64)
    active = np.ones((runs, ads), dtype=bool)
    paused_day = np.zeros((runs, ads), dtype=np.int64)
    seen_imp = np.zeros((runs, ads))
    seen_conv = np.zeros((runs, ads))
    for day in range(days):
        budget = campaign.daily_budget_per_ad * active
        impressions[:, day] = rng.poisson(budget / price)
        clicks[:, day] = rng.binomial(impressions[:, day], ctr)
        conversions[:, day] = rng.binomial(clicks[:, day], cvr)
        seen_imp += impressions[:, day]
        seen_conv += conversions[:, day]
        if rule == "never" or (day + 1) % int(check_every_days) or day + 1 == days:
            continue
        if rule == "naive":
            observed_cpa = np.divide(
                seen_imp * price, seen_conv, out=np.full_like(seen_imp, np.inf), where=seen_conv > 0
            )
            pause = active & (observed_cpa > campaign.target_cpa)
        else:
            _low, high = wilson_interval(seen_conv, seen_imp, campaign.confidence)
            best_case_cpa = np.divide(price, high, out=np.full_like(high, np.inf), where=high > 0)
            pause = active & (seen_imp > 0) & (best_case_cpa > campaign.target_cpa)
        paused_day[pause] = day + 1
        active &= ~pause
    return AdResult(
        creatives=creatives,
        campaign=campaign,
        rule=rule,
        check_every_days=int(check_every_days),
        impressions=impressions,
        clicks=clicks,
        conversions=conversions,
        spend=impressions * price,
        paused_day=paused_day,
    )
