"""How returns build over months: audience → community compounding, carry-over and lagged revenue.

The brand publishes posts of a certain value, more or less consistently. Each month:

1. **Audience.** Followers grow by compounding: the organic growth rate (ENG6, about 2% a month)
   scaled by the value the month's posts delivered.
2. **Trust.** Value delivered builds a stock of trust that carries over from month to month
   (an adstock with slow decay): it takes many months of consistent value to build.
3. **Community.** Followers who trust the brand become a community that shares its message; the
   community is the followers times a share that rises with trust.
4. **Revenue.** The community buys, after a lag, and each month's sales effect carries over into
   the next months (a second, faster adstock).

A small share of the revenue is traced to single posts by last-click attribution: one post's
attributed revenue is a few orders of very different size, so per-post return on investment
(ROI) is mostly noise, while ROI summed over quarters tracks the underlying trend.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.economics import Costs
from smmlab.sim.params import Params, bounded, check_range

WEEKS_PER_MONTH = 52 / 12


def adstock(values: np.ndarray | list[float], retention: float) -> np.ndarray:
    """Carry-over stock of a monthly series: ``stock[t] = values[t] + retention * stock[t-1]``.

    Works along the last axis, so a 2-D array holds several series. Computed as a convolution
    with the geometric kernel ``retention ** k`` (no Python loop).

    Parameters
    ----------
    values
        The series (at least one value), finite numbers.
    retention
        Share of the stock carried to the next step, in ``[0, 1)``.
    """
    check_range("", "retention", retention, 0, 0.999, "share carried to the next step")
    array = np.asarray(values, dtype=float)
    if array.ndim == 0 or array.shape[-1] == 0 or not np.isfinite(array).all():
        raise ValueError(f"values = {values!r} must be a non-empty series of finite numbers")
    length = array.shape[-1]
    kernel = retention ** np.arange(length)
    flat = array.reshape(-1, length)
    stock = np.array([np.convolve(row, kernel)[:length] for row in flat])
    return stock.reshape(array.shape)


def lagged(values: np.ndarray | list[float], months: int) -> np.ndarray:
    """Shift a series ``months`` steps later, filling the first steps with zeros."""
    array = np.asarray(values, dtype=float)
    check_range("", "months", months, 0, 1200, "months", integer=True)
    months = int(months)
    if months == 0:
        return array.copy()
    shifted = np.zeros_like(array)
    shifted[..., months:] = array[..., :-months] if months < array.shape[-1] else 0.0
    return shifted


def compound(start: float, rates: np.ndarray | list[float]) -> np.ndarray:
    """Value after each period when ``start`` grows by ``rates[t]`` in period ``t``."""
    check_range("", "start", start, 0, 1e12)
    rates = np.asarray(rates, dtype=float)
    if not np.isfinite(rates).all() or (rates <= -1).any():
        raise ValueError(f"rates = {rates!r} must be finite and greater than -1 (a loss above 100%)")
    return start * np.cumprod(1 + rates, axis=-1)


@dataclass(frozen=True)
class Growth(Params):
    """How value delivered turns into followers, community and revenue.

    Attributes
    ----------
    content_value
        Value of the posts to the audience, relative to a typical brand (1 = typical).
    consistency
        Share of planned posts actually published (1 = every week, as planned).
    planned_posts_per_week
        Posts planned per week (ENG2: brands publish about 4.7 a week on Facebook).
    organic_growth_per_month
        Monthly follower growth at typical value and full consistency (ENG6).
    trust_retention, sales_carryover
        Month-to-month carry-over of trust and of sales (assumptions).
    community_share
        Share of followers who join the community once trust is fully built (assumption).
    revenue_per_member_month, revenue_lag_months
        Revenue a community member brings each month, and after what delay (assumptions).
    attributed_share, average_order_value
        Share of revenue last-click attribution credits to single posts, and the average order
        (assumptions).
    community_hours_per_month
        Hours besides making posts: listening, replying, curating (assumption).
    """

    content_value: float = bounded(1.0, low=0, high=5, unit="relative to a typical brand")
    consistency: float = bounded(1.0, low=0, high=1, unit="share of planned posts published")
    planned_posts_per_week: float = bounded(
        low=0.25, high=100, unit="posts per week", benchmark="posts_per_week_facebook"
    )
    organic_growth_per_month: float = bounded(
        low=0, high=0.5, unit="share per month", benchmark="organic_follower_growth_month"
    )
    trust_retention: float = bounded(low=0, high=0.99, unit="share", benchmark="trust_retention_month")
    sales_carryover: float = bounded(low=0, high=0.99, unit="share", benchmark="sales_carryover_month")
    community_share: float = bounded(low=0, high=1, unit="share", benchmark="community_share_of_followers")
    revenue_per_member_month: float = bounded(
        low=0, high=10_000, unit="USD per member per month", benchmark="revenue_per_member_month"
    )
    revenue_lag_months: int = bounded(
        low=0, high=24, unit="months", integer=True, benchmark="revenue_lag_months"
    )
    attributed_share: float = bounded(low=0, high=1, unit="share", benchmark="attributed_share")
    average_order_value: float = bounded(low=1, high=100_000, unit="USD", benchmark="average_order_value")
    community_hours_per_month: float = bounded(
        low=0, high=2000, unit="hours per month", benchmark="community_hours_per_month"
    )
    minutes_per_post: float = bounded(low=1, high=2400, unit="minutes", benchmark="minutes_per_post")

    @property
    def planned_posts_per_month(self) -> int:
        """Whole posts planned per month."""
        return max(round(self.planned_posts_per_week * WEEKS_PER_MONTH), 1)


@dataclass(frozen=True)
class GrowthResult:
    """Months of a social programme and its posts.

    Attributes
    ----------
    monthly
        One row per month (numbered from 1): ``posts``, ``followers``, ``trust``, ``community``,
        ``revenue``, ``cost``, ``roi``, cumulative revenue and cost, ``cumulative_roi``.
    posts
        One row per post: ``post_id``, ``month``, ``quarter``, ``cost``, ``attributed_orders``,
        ``attributed_revenue``, ``roi``.
    """

    monthly: pd.DataFrame
    posts: pd.DataFrame
    growth: Growth

    def break_even_month(self) -> int | None:
        """First month whose cumulative revenue covers the cumulative cost, or ``None``."""
        return break_even_month(self.monthly["cumulative_roi"])

    def quarterly_roi(self) -> pd.Series:
        """Attributed ROI of all posts in each quarter (ratio of sums)."""
        return quarterly_roi(self.posts)

    def summary(self) -> dict[str, float]:
        """Headline numbers of the programme."""
        monthly, posts = self.monthly, self.posts
        start = float(monthly["followers"].iloc[0]) / (1 + float(monthly["growth_rate"].iloc[0]))
        months = len(monthly)
        post_roi = posts["roi"].to_numpy()
        quarterly = self.quarterly_roi().to_numpy()
        return {
            "months": float(months),
            "followers_end": float(monthly["followers"].iloc[-1]),
            "mean_growth_per_month": float((monthly["followers"].iloc[-1] / start) ** (1 / months) - 1),
            "community_end": float(monthly["community"].iloc[-1]),
            "revenue": float(monthly["revenue"].sum()),
            "cost": float(monthly["cost"].sum()),
            "cumulative_roi": float(monthly["cumulative_roi"].iloc[-1]),
            "first_month_roi": float(monthly["roi"].iloc[0]),
            "break_even_month": float(self.break_even_month() or np.nan),
            "post_roi_sd": float(np.std(post_roi, ddof=1)) if len(post_roi) > 1 else 0.0,
            "quarterly_roi_sd": float(np.std(quarterly, ddof=1)) if len(quarterly) > 1 else 0.0,
            "posts_with_no_sale": float(np.mean(posts["attributed_orders"] == 0)) if len(posts) else 1.0,
        }


def break_even_month(cumulative_roi: pd.Series | np.ndarray) -> int | None:
    """First month (numbered from 1) whose cumulative ROI is at least 0, or ``None`` if none is."""
    reached = np.flatnonzero(np.asarray(cumulative_roi, dtype=float) >= 0)
    return int(reached[0]) + 1 if len(reached) else None


def quarterly_roi(posts: pd.DataFrame) -> pd.Series:
    """Attributed ROI per quarter: (sum of revenue − sum of cost) / sum of cost."""
    sums = posts.groupby("quarter")[["attributed_revenue", "cost"]].sum()
    return ((sums["attributed_revenue"] - sums["cost"]) / sums["cost"]).rename("roi")


def simulate_growth(
    growth: Growth | None = None,
    audience: Audience | None = None,
    costs: Costs | None = None,
    months: int = 36,
    seed: int = 0,
) -> GrowthResult:
    """Simulate ``months`` months of a social programme.

    Parameters
    ----------
    growth, audience, costs
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    months
        Length of the programme, 1 to 120.
    seed
        Random seed; the same seed gives the same data.
    """
    growth = growth or Growth()
    audience = audience or Audience()
    costs = costs or Costs()
    check_range("", "months", months, 1, 120, "months", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    months = int(months)
    rng = np.random.default_rng([int(seed), 2])

    planned = growth.planned_posts_per_month
    posts = rng.binomial(planned, growth.consistency, size=months)
    delivered = growth.content_value * posts / planned  # mean: content_value x consistency

    growth_rate = growth.organic_growth_per_month * delivered
    expected = compound(audience.followers, growth_rate)
    gained = rng.poisson(np.diff(expected, prepend=float(audience.followers)))
    followers = audience.followers + np.cumsum(gained)

    trust = (1 - growth.trust_retention) * adstock(delivered, growth.trust_retention)
    community = followers * np.minimum(growth.community_share * trust, 1.0)
    effect = lagged(community * growth.revenue_per_member_month, growth.revenue_lag_months)
    expected_revenue = (1 - growth.sales_carryover) * adstock(effect, growth.sales_carryover)
    revenue = expected_revenue * rng.lognormal(-0.0072, 0.12, size=months)  # mean 1: months vary ±12%

    hourly = costs.hourly_staff_cost
    post_cost = growth.minutes_per_post / 60 * hourly
    cost = posts * post_cost + growth.community_hours_per_month * hourly

    monthly = pd.DataFrame(
        {
            "month": np.arange(1, months + 1),
            "posts": posts,
            "growth_rate": growth_rate,
            "followers": followers.astype(int),
            "trust": trust,
            "community": np.round(community).astype(int),
            "revenue": np.round(revenue, 2),
            "cost": np.round(cost, 2),
        }
    )
    monthly["roi"] = (monthly["revenue"] - monthly["cost"]) / monthly["cost"]
    monthly["cumulative_revenue"] = monthly["revenue"].cumsum()
    monthly["cumulative_cost"] = monthly["cost"].cumsum()
    monthly["cumulative_roi"] = (monthly["cumulative_revenue"] - monthly["cumulative_cost"]) / monthly[
        "cumulative_cost"
    ]
    post_table = _attributed_posts(monthly, growth, rng)
    return GrowthResult(monthly=monthly, posts=post_table, growth=growth)


def _attributed_posts(monthly: pd.DataFrame, growth: Growth, rng: np.random.Generator) -> pd.DataFrame:
    """Per-post last-click attribution: a few orders of lognormal size (mean = average order).

    Each post carries an equal share of its month's full cost (making it and the time around it).
    """
    counts = monthly["posts"].to_numpy()
    cost_per_post = np.divide(monthly["cost"].to_numpy(), counts, out=np.zeros(len(counts)), where=counts > 0)
    month = np.repeat(monthly["month"].to_numpy(), counts)
    orders_per_post = np.divide(
        growth.attributed_share * monthly["revenue"].to_numpy() / growth.average_order_value,
        counts,
        out=np.zeros(len(counts)),
        where=counts > 0,
    )
    orders = rng.poisson(np.repeat(orders_per_post, counts))
    sigma = 1.0  # order sizes vary a lot: one set of tea gear, or a gift box for the whole team
    values = rng.lognormal(np.log(growth.average_order_value) - sigma**2 / 2, sigma, size=int(orders.sum()))
    owner = np.repeat(np.arange(len(orders)), orders)
    revenue = np.bincount(owner, weights=values, minlength=len(orders))
    table = pd.DataFrame(
        {
            "post_id": np.arange(len(orders)),
            "month": month,
            "quarter": (month - 1) // 3 + 1,
            "cost": np.round(np.repeat(cost_per_post, counts), 2),
            "attributed_orders": orders,
            "attributed_revenue": np.round(revenue, 2),
        }
    )
    table["roi"] = (table["attributed_revenue"] - table["cost"]) / table["cost"]
    return table
