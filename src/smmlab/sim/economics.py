"""What a social programme costs: staff time, tools, and the ads that buy back lost organic reach.

Costs are in US dollars, the currency of the cited salary (COST1) and ad prices (COST3). The
price of a management tool has no published per-seat figure, so it is an instructor parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

COST_ITEMS = ("staff", "tools", "ads")


@dataclass(frozen=True)
class Costs(Params):
    """Prices of the inputs of a social programme.

    Attributes
    ----------
    salary_per_year
        Base pay of a social media manager (COST1).
    employer_overhead
        Full employee cost as a multiple of base pay (assumption).
    work_hours_per_year
        Paid hours of one full-time employee (convention).
    tool_price_per_seat_month
        Price of a management tool per seat (instructor parameter: no source found).
    cost_per_click, click_through_rate
        Facebook ad prices (COST3); their product gives the price of 1,000 impressions.
    """

    salary_per_year: float = bounded(
        low=0, high=1e7, unit="USD per year", benchmark="social_manager_salary_year"
    )
    employer_overhead: float = bounded(low=1, high=5, unit="multiple of pay", benchmark="employer_overhead")
    work_hours_per_year: float = bounded(low=100, high=4000, unit="hours", benchmark="work_hours_per_year")
    tool_price_per_seat_month: float = bounded(
        low=0, high=100_000, unit="USD per seat per month", benchmark="tool_price_per_seat_month"
    )
    cost_per_click: float = bounded(low=0, high=1000, unit="USD per click", benchmark="facebook_cpc")
    click_through_rate: float = bounded(
        low=1e-5, high=1, unit="clicks per impression", benchmark="facebook_ctr"
    )

    @property
    def hourly_staff_cost(self) -> float:
        """Full cost of one staff hour."""
        return self.salary_per_year * self.employer_overhead / self.work_hours_per_year

    @property
    def cost_per_thousand_impressions(self) -> float:
        """Price of 1,000 ad impressions implied by cost per click and click-through rate."""
        return self.cost_per_click * self.click_through_rate * 1000


def paid_impressions_needed(
    target_impressions: np.ndarray | float, organic_impressions: np.ndarray | float
) -> np.ndarray:
    """Impressions that must be bought so that organic plus paid reaches the target (never negative)."""
    target = np.asarray(target_impressions, dtype=float)
    organic = np.asarray(organic_impressions, dtype=float)
    for name, values in (("target_impressions", target), ("organic_impressions", organic)):
        if not np.isfinite(values).all() or (values < 0).any():
            raise ValueError(f"{name} = {values!r} must be finite and ≥ 0; allowed range [0, inf)")
    return np.maximum(target - organic, 0.0)


def ad_cost(impressions: np.ndarray | float, costs: Costs | None = None) -> np.ndarray:
    """Cost of buying ``impressions`` ad impressions at the calibrated price."""
    costs = costs or Costs()
    impressions = paid_impressions_needed(impressions, 0.0)  # validates: finite, ≥ 0
    return impressions / 1000 * costs.cost_per_thousand_impressions


def total_cost_of_ownership(
    staff_hours_per_month: float,
    seats: int,
    ad_impressions_per_month: float = 0.0,
    costs: Costs | None = None,
    months: int = 12,
    seed: int | None = None,
) -> pd.DataFrame:
    """Monthly cost lines of a social programme: a tidy table ``month, item, amount``.

    Parameters
    ----------
    staff_hours_per_month
        Staff hours spent on social media each month (discovering, curating, publishing,
        answering, promoting).
    seats
        Seats of the management tool.
    ad_impressions_per_month
        Paid impressions bought each month.
    costs
        Prices; defaults are the calibrated values.
    months
        Number of months, 1 to 120.
    seed
        With a seed, staff hours vary from month to month (±15%, a teaching assumption: holidays,
        launches, a crisis); without one every month costs the same.
    """
    costs = costs or Costs()
    check_range("", "staff_hours_per_month", staff_hours_per_month, 0, 20_000, "hours per month")
    check_range("", "seats", seats, 0, 1000, "seats", integer=True)
    check_range("", "ad_impressions_per_month", ad_impressions_per_month, 0, 1e10, "impressions")
    check_range("", "months", months, 1, 120, "months", integer=True)
    months = int(months)
    hours = np.full(months, float(staff_hours_per_month))
    if seed is not None:
        check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
        hours = hours * np.random.default_rng([int(seed), 5]).uniform(0.85, 1.15, size=months)
    amounts = np.stack(
        [
            hours * costs.hourly_staff_cost,
            np.full(months, int(seats) * costs.tool_price_per_seat_month),
            np.full(months, float(ad_cost(ad_impressions_per_month, costs))),
        ],
        axis=1,
    )
    return pd.DataFrame(
        {
            "month": np.repeat(np.arange(1, months + 1), len(COST_ITEMS)),
            "item": np.tile(COST_ITEMS, months),
            "amount": np.round(amounts.ravel(), 2),
        }
    )


def cost_of_reach_by_year(
    reach: pd.DataFrame,
    staff_hours_per_week: float,
    seats: int,
    paid_top_up: float,
    costs: Costs | None = None,
    engagements_per_impression: float | None = None,
    baseline_share: float | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Yearly cost of a programme that buys back part of the organic reach lost since a baseline.

    Parameters
    ----------
    reach
        A table from :func:`smmlab.sim.audience.simulate_reach_by_year`.
    staff_hours_per_week, seats
        Staff time and tool seats, the same every year.
    paid_top_up
        Share of the lost reach bought back with ads (0 = organic only, 1 = all of it).
    costs
        Prices; defaults are the calibrated values.
    engagements_per_impression
        Engagements per impression, organic or paid (default: the calibrated assumption).
    baseline_share
        Organic reach share whose reach is the goal (default: the 2012 figure, RCH1).
    seed
        Seed of the engagement draw.

    Returns
    -------
    pandas.DataFrame
        One row per year: reach, ``paid_impressions``, ``engagements``, cost lines ``staff``,
        ``tools``, ``ads``, their sum ``tco`` and ``cost_per_engagement``.
    """
    from smmlab.sim import benchmarks

    costs = costs or Costs()
    rate = (
        benchmarks.value("engagements_per_impression")
        if engagements_per_impression is None
        else (engagements_per_impression)
    )
    baseline = benchmarks.value("organic_reach_2012") if baseline_share is None else baseline_share
    check_range("", "staff_hours_per_week", staff_hours_per_week, 0, 2000, "hours per week")
    check_range("", "seats", seats, 0, 1000, "seats", integer=True)
    check_range("", "paid_top_up", paid_top_up, 0, 1, "share of lost reach bought back")
    check_range("", "engagements_per_impression", rate, 0, 1, "engagements per impression")
    check_range("", "baseline_share", baseline, 0, 1, "share of followers")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    missing = {"year", "followers", "posts", "organic_impressions"} - set(reach.columns)
    if missing:
        raise ValueError(f"reach lacks columns {sorted(missing)}; pass a table from simulate_reach_by_year")
    target = reach["followers"].to_numpy() * baseline * reach["posts"].to_numpy()
    paid = np.round(paid_top_up * paid_impressions_needed(target, reach["organic_impressions"].to_numpy()))
    impressions = reach["organic_impressions"].to_numpy() + paid
    engagements = np.random.default_rng([int(seed), 6]).poisson(impressions * rate)
    table = reach.assign(
        paid_impressions=paid.astype(int),
        engagements=engagements,
        staff=round(staff_hours_per_week * 52 * costs.hourly_staff_cost, 2),
        tools=round(int(seats) * costs.tool_price_per_seat_month * 12, 2),
        ads=np.round(ad_cost(paid, costs), 2),
    )
    table["tco"] = table[["staff", "tools", "ads"]].sum(axis=1)
    table["cost_per_engagement"] = np.divide(
        table["tco"].to_numpy(), engagements, out=np.full(len(table), np.inf), where=engagements > 0
    )
    return table
