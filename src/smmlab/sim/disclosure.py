"""Disclosed vs hidden sponsorship: trust, the chance of being found out, and sales over time.

A brand pays influencers to post about its products, month after month. It can **disclose** the
deal (an "#ad" label), which costs part of the campaign's persuasive effect, or **hide** it,
which keeps the full effect as long as nobody notices. Each month hidden sponsorship may be
exposed. Exposure costs a share of the audience's trust at once; the brand then either

- **admits** it and discloses from then on: trust recovers towards a ceiling a little below
  where it started (a share of the lost trust can be regained, TRUST3), or
- **denies** and keeps hiding: trust does not recover and every further exposure costs more.

Sales follow trust: the campaign's extra sales scale with trust, and base sales move with it
by an elasticity. Both strategies are simulated over the same futures (the same monthly sales
noise), so their difference is a paired comparison. Everything is vectorised over futures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

STRATEGIES = ("disclosed", "hidden")
RESPONSES = ("admit", "deny")


@dataclass(frozen=True)
class Sponsorship(Params):
    """A brand's sponsored-post programme and how its audience reacts.

    Attributes
    ----------
    start_trust
        Share of the audience trusting the brand at the start (anchored on TRUST1's 70% for brand
        websites).
    base_sales_month
        Sales a month without the campaign, at the starting trust (assumption).
    campaign_lift
        The campaign's extra sales as a share of base sales, when taken at face value (assumption).
    disclosure_penalty
        Share of the campaign's extra sales lost to a clear "#ad" label (assumption after ADV3/ADV4).
    discovery_chance
        Chance per month that hidden sponsorship is exposed (assumption).
    trust_loss
        Share of current trust lost at each exposure (assumption).
    regain_share
        Share of the lost trust that can come back after the brand admits and explains (TRUST3: 89%).
    trust_retention
        Share of the gap to the trust ceiling still open a month later (the ten-month trust
        time constant of lesson 02, an assumption).
    trust_sales_elasticity
        Relative change of base sales per relative change of trust (assumption).
    sales_noise_sd
        Month-to-month sales noise, shared by both strategies in one future (assumption).
    response
        What the brand does when found out: ``"admit"`` (and disclose from then on) or ``"deny"``
        (and keep hiding).
    """

    start_trust: float = bounded(
        low=0.05, high=1, unit="share of the audience", benchmark="trust_brand_site_2015"
    )
    base_sales_month: float = bounded(
        low=0, high=10_000_000, unit="units per month", benchmark="sponsorship_base_sales_month"
    )
    campaign_lift: float = bounded(
        low=0, high=2, unit="share of base sales", benchmark="sponsored_sales_lift"
    )
    disclosure_penalty: float = bounded(
        low=0, high=1, unit="share of the campaign's extra sales", benchmark="disclosure_persuasion_penalty"
    )
    discovery_chance: float = bounded(
        low=0, high=1, unit="probability per month", benchmark="hidden_discovery_chance_month"
    )
    trust_loss: float = bounded(low=0, high=1, unit="share of trust", benchmark="discovery_trust_loss")
    regain_share: float = bounded(
        low=0, high=1, unit="share of the lost trust", benchmark="trust_regain_share"
    )
    trust_retention: float = bounded(
        low=0, high=0.99, unit="share per month", benchmark="trust_retention_month"
    )
    trust_sales_elasticity: float = bounded(
        low=0, high=2, unit="relative sales per relative trust", benchmark="trust_sales_elasticity"
    )
    sales_noise_sd: float = bounded(
        low=0, high=0.5, unit="share of monthly sales", benchmark="sponsorship_sales_noise_sd"
    )
    response: str = field(default="admit")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.response not in RESPONSES:
            raise ValueError(
                f"Sponsorship.response = {self.response!r} is not one of the allowed values {RESPONSES}"
            )


def chance_found_out(discovery_chance: float, months: int) -> float:
    """Exact chance that hidden sponsorship is exposed at least once within ``months`` months."""
    check_range("", "discovery_chance", discovery_chance, 0, 1, "probability per month")
    check_range("", "months", months, 0, 1200, "months", integer=True)
    return float(1 - (1 - discovery_chance) ** int(months))


@dataclass(frozen=True)
class SponsorshipResult:
    """Monthly trust and sales of both strategies in every simulated future.

    Arrays have shape ``(futures, months)``; month ``m`` (from 1) is column ``m - 1``.
    ``found_out`` is true from the month at whose end hidden sponsorship was first exposed.
    """

    sponsorship: Sponsorship
    trust: dict[str, np.ndarray]
    sales: dict[str, np.ndarray]
    found_out: np.ndarray
    exposures: np.ndarray

    @property
    def futures(self) -> int:
        """Number of simulated futures."""
        return int(self.found_out.shape[0])

    @property
    def months(self) -> int:
        """Months simulated."""
        return int(self.found_out.shape[1])

    def table(self) -> pd.DataFrame:
        """Tidy table: one row per future, month and strategy.

        Columns ``future`` (from 0), ``month`` (from 1), ``strategy``, ``found_out`` (always false
        for the disclosed strategy), ``trust`` and ``sales``.
        """
        futures, months = self.found_out.shape
        future = np.repeat(np.arange(futures), months)
        month = np.tile(np.arange(1, months + 1), futures)
        parts = []
        for strategy in STRATEGIES:
            found = self.found_out if strategy == "hidden" else np.zeros_like(self.found_out)
            parts.append(
                pd.DataFrame(
                    {
                        "future": future,
                        "month": month,
                        "strategy": strategy,
                        "found_out": found.ravel(),
                        "trust": self.trust[strategy].ravel(),
                        "sales": self.sales[strategy].ravel(),
                    }
                )
            )
        return pd.concat(parts, ignore_index=True)

    def expected(self) -> pd.DataFrame:
        """Means over futures, by month (from 1): trust, sales and cumulative sales of each strategy,
        the share of futures found out, and the expected cumulative sales gap (hidden minus disclosed)."""
        columns = {}
        for strategy in STRATEGIES:
            columns[f"trust_{strategy}"] = self.trust[strategy].mean(axis=0)
            columns[f"sales_{strategy}"] = self.sales[strategy].mean(axis=0)
            columns[f"cumulative_{strategy}"] = self.sales[strategy].cumsum(axis=1).mean(axis=0)
        frame = pd.DataFrame(columns, index=pd.RangeIndex(1, self.months + 1, name="month"))
        frame["found_out_share"] = self.found_out.mean(axis=0)
        frame["cumulative_gap"] = frame["cumulative_hidden"] - frame["cumulative_disclosed"]
        return frame

    def cumulative_gap(self) -> np.ndarray:
        """Cumulative sales of hiding minus disclosing, per future and month."""
        return np.cumsum(self.sales["hidden"] - self.sales["disclosed"], axis=1)

    def summary(self) -> dict[str, float]:
        """Headline numbers over the whole horizon."""
        expected = self.expected()
        gap = self.cumulative_gap()[:, -1]
        behind = np.flatnonzero(expected["cumulative_gap"].to_numpy() < 0)
        disclosed = float(self.sales["disclosed"].sum(axis=1).mean())
        hidden = float(self.sales["hidden"].sum(axis=1).mean())
        return {
            "months": float(self.months),
            "found_out_share": float(self.found_out[:, -1].mean()),
            "found_out_exact": chance_found_out(self.sponsorship.discovery_chance, self.months),
            "mean_exposures": float(self.exposures.mean()),
            "sales_disclosed": disclosed,
            "sales_hidden": hidden,
            "sales_gap": hidden - disclosed,
            "sales_gap_share": (hidden - disclosed) / disclosed if disclosed else 0.0,
            "hiding_ahead_share": float((gap > 0).mean()),
            "break_even_month": float(behind[0] + 1) if len(behind) else 0.0,
            "trust_end_disclosed": float(self.trust["disclosed"][:, -1].mean()),
            "trust_end_hidden": float(self.trust["hidden"][:, -1].mean()),
        }


def simulate_sponsorship(
    sponsorship: Sponsorship | None = None, months: int = 36, futures: int = 1000, seed: int = 0
) -> SponsorshipResult:
    """Simulate both strategies over the same ``futures`` random futures of ``months`` months.

    Each month's sales use the trust at the start of the month; exposure happens at the end of
    the month, so its cost shows from the next month on. After an exposure, trust moves towards
    its ceiling by ``1 - trust_retention`` of the gap each month.
    """
    sponsorship = sponsorship or Sponsorship()
    check_range("", "months", months, 1, 1200, "months", integer=True)
    check_range("", "futures", futures, 1, 1_000_000, "simulated futures", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    s = sponsorship
    months, futures = int(months), int(futures)
    rng = np.random.default_rng(int(seed))
    noise = np.exp(s.sales_noise_sd * rng.standard_normal((futures, months)) - s.sales_noise_sd**2 / 2)
    draws = rng.random((futures, months))

    start = s.start_trust
    lift = s.base_sales_month * s.campaign_lift

    def sales_at(trust: np.ndarray | float, hiding: np.ndarray | bool) -> np.ndarray:
        relative = np.asarray(trust) / start
        persuasion = np.where(hiding, 1.0, 1.0 - s.disclosure_penalty)
        base = s.base_sales_month * np.maximum(1 + s.trust_sales_elasticity * (relative - 1), 0.0)
        return base + lift * relative * persuasion

    trust_hidden = np.empty((futures, months))
    sales_hidden = np.empty((futures, months))
    found_out = np.zeros((futures, months), dtype=bool)
    trust = np.full(futures, start)
    ceiling = np.full(futures, start)
    hiding = np.ones(futures, dtype=bool)
    ever = np.zeros(futures, dtype=bool)
    exposures = np.zeros(futures, dtype=int)
    for month in range(months):
        trust_hidden[:, month] = trust
        sales_hidden[:, month] = sales_at(trust, hiding) * noise[:, month]
        exposed = hiding & (draws[:, month] < s.discovery_chance)
        trust = ceiling + s.trust_retention * (trust - ceiling)  # recovery during the month
        lost = np.where(exposed, s.trust_loss * trust, 0.0)
        if s.response == "admit":
            ceiling = np.where(exposed, trust - (1 - s.regain_share) * lost, ceiling)
            hiding = hiding & ~exposed
        else:  # deny: no way back, and the hiding goes on
            ceiling = np.where(exposed, trust - lost, ceiling)
        trust = trust - lost
        exposures += exposed
        ever |= exposed
        found_out[:, month] = ever

    disclosed_trust = np.full((futures, months), start)
    disclosed_sales = sales_at(start, False) * noise
    return SponsorshipResult(
        sponsorship=s,
        trust={"disclosed": disclosed_trust, "hidden": trust_hidden},
        sales={"disclosed": disclosed_sales, "hidden": sales_hidden},
        found_out=found_out,
        exposures=exposures,
    )
