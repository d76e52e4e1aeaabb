"""Daily sales of the brand and its category, with social media incidents of varied severity.

The category ("market") sells a seasonal, noisy number of units a day; the brand sells a share of
it plus its own noise. A social media incident (a blunder, a rude reply, a tone-deaf post) moves
the brand's sales for some days after it happens, by an amount set by how severe it was and how
well the brand responded:

* a raw **loss** that grows with severity; a good, transparent response wins most of it back
  (an assumption inspired by TRUST3, where 89% say a brand can regain trust by admitting a
  mistake and explaining the fix: an attitude, borrowed here as a share of lost sales);
* an **echo**: the coverage of a well-handled mishap can raise sales (KARR #4), so outcomes split
  into "winners" and "losers" as in CRIS4.

Severities are heavily skewed: most mishaps are minor and a few are large (an assumption in the
spirit of CRIS6: few crises reach financial loss). The analysis side lives in
:mod:`smmlab.sim.eventstudy`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

DAYS_PER_YEAR = 365.25
#: The first day of every simulated series.
START_DATE = "2021-01-01"


@dataclass(frozen=True)
class DailySales(Params):
    """The category's and the brand's daily unit sales without incidents.

    Attributes
    ----------
    market_units_per_day
        Average units the whole category sells a day.
    brand_share
        The brand's share of category units.
    weekend_uplift
        Extra sales on Saturdays and Sundays, as a share of a weekday.
    annual_amplitude
        Size of the yearly cycle (peak in December), as a share of the average.
    market_noise_sd
        Day-to-day noise of the category (log scale).
    brand_noise_sd
        The brand's own day-to-day noise, as a share of its average daily sales.
    """

    market_units_per_day: float = bounded(
        low=1, high=1e9, unit="units per day", benchmark="market_units_per_day"
    )
    brand_share: float = bounded(low=0.001, high=1, unit="share of category units", benchmark="brand_share")
    weekend_uplift: float = bounded(low=0, high=5, unit="share of weekday sales", benchmark="weekend_uplift")
    annual_amplitude: float = bounded(low=0, high=0.9, unit="share of average", benchmark="annual_amplitude")
    market_noise_sd: float = bounded(low=0, high=1, unit="log units", benchmark="market_noise_sd")
    brand_noise_sd: float = bounded(low=0, high=1, unit="share of average sales", benchmark="brand_noise_sd")

    @property
    def brand_units_per_day(self) -> float:
        """The brand's average daily sales."""
        return self.market_units_per_day * self.brand_share


@dataclass(frozen=True)
class Incidents(Params):
    """How often mishaps happen, how bad they are, and how they move sales.

    Attributes
    ----------
    severity_a, severity_b
        Beta distribution of severity (0 = trivial, 1 = the worst imaginable); skewed to minor.
    quality_a, quality_b
        Beta distribution of response quality (0 = silence or denial, 1 = fast, transparent fix).
    loss_share
        Peak daily sales lost to an incident of severity 1 left unresolved (assumption).
    echo_share
        Peak daily sales gained from publicity by an incident of severity 1 handled perfectly.
    trust_regain_share
        Share of the loss a perfect response wins back (assumption inspired by TRUST3).
    effect_days
        Time constant over which an incident's effect fades.
    """

    severity_a: float = bounded(low=0.05, high=50, unit="Beta shape", benchmark="incident_severity_a")
    severity_b: float = bounded(low=0.05, high=50, unit="Beta shape", benchmark="incident_severity_b")
    quality_a: float = bounded(low=0.05, high=50, unit="Beta shape", benchmark="response_quality_a")
    quality_b: float = bounded(low=0.05, high=50, unit="Beta shape", benchmark="response_quality_b")
    loss_share: float = bounded(low=0, high=1, unit="share of daily sales", benchmark="incident_loss_share")
    echo_share: float = bounded(low=0, high=1, unit="share of daily sales", benchmark="incident_echo_share")
    trust_regain_share: float = bounded(low=0, high=1, unit="share", benchmark="incident_recovery_share")
    effect_days: float = bounded(low=0.1, high=365, unit="days", benchmark="incident_effect_days")

    def peak_effect(self, severity: np.ndarray | float, response_quality: np.ndarray | float) -> np.ndarray:
        """Effect on the first day, as a share of normal daily sales (negative = sales lost).

        ``severity × (echo × quality − loss × (1 − regain × quality))``: silence keeps the whole
        loss; a perfect, transparent response keeps only ``1 − regain`` of it and adds the echo.
        """
        severity = np.asarray(severity, dtype=float)
        quality = np.asarray(response_quality, dtype=float)
        _check_unit_interval("severity", severity)
        _check_unit_interval("response_quality", quality)
        loss = self.loss_share * (1 - self.trust_regain_share * quality)
        return severity * (self.echo_share * quality - loss)

    def neutral_quality(self) -> float:
        """The response quality at which echo and remaining loss cancel (winners above, losers below)."""
        denominator = self.echo_share + self.loss_share * self.trust_regain_share
        return self.loss_share / denominator if denominator > 0 else 1.0

    def effect_path(self, peak: np.ndarray | float, days_since: np.ndarray) -> np.ndarray:
        """Effect ``days_since`` days after the incident (zero before it), share of normal sales."""
        days_since = np.asarray(days_since, dtype=float)
        decay = np.exp(-np.clip(days_since, 0, None) / self.effect_days)
        return np.where(days_since >= 0, np.asarray(peak, dtype=float) * decay, 0.0)


def _check_unit_interval(name: str, values: np.ndarray) -> None:
    if values.size and (np.isnan(values).any() or values.min() < 0 or values.max() > 1):
        bad = values[np.isnan(values) | (values < 0) | (values > 1)].flat[0]
        raise ValueError(f"{name} = {float(bad)!r} is outside the allowed range [0, 1] (share)")


def draw_incidents(
    incidents: Incidents,
    count: int,
    days: int,
    seed: int,
    first_day: int = 120,
    last_margin: int = 40,
    min_gap_days: int = 125,
) -> pd.DataFrame:
    """Draw ``count`` incidents on days at least ``min_gap_days`` apart.

    The gap keeps each incident's estimation window clear of the previous incident's effect, the
    condition for a clean event study. Returns one row per incident: ``incident_id``, ``day``,
    ``severity``, ``response_quality`` and ``peak_effect`` (the simulation's truth).
    """
    check_range("", "count", count, 0, 500, "incidents", integer=True)
    check_range("", "days", days, 30, 20_000, "days", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    check_range("", "first_day", first_day, 0, days - 1, "days", integer=True)
    check_range("", "last_margin", last_margin, 0, days - 1, "days", integer=True)
    check_range("", "min_gap_days", min_gap_days, 1, days, "days", integer=True)
    span = days - last_margin - first_day - 1
    slack = span - max(count - 1, 0) * min_gap_days
    if slack < 0:
        most = span // min_gap_days + 1 if span >= 0 else 0
        raise ValueError(
            f"count = {count} incidents do not fit in {days} days with min_gap_days = {min_gap_days}; "
            f"allowed range [0, {most}]"
        )
    rng = np.random.default_rng([seed, 4])
    offsets = np.sort(rng.integers(0, slack + 1, size=count))
    day = first_day + offsets + np.arange(count) * min_gap_days
    severity = rng.beta(incidents.severity_a, incidents.severity_b, size=count)
    quality = rng.beta(incidents.quality_a, incidents.quality_b, size=count)
    return pd.DataFrame(
        {
            "incident_id": [f"I{number:02d}" for number in range(1, count + 1)],
            "day": day.astype(int),
            "severity": severity,
            "response_quality": quality,
            "peak_effect": incidents.peak_effect(severity, quality),
        }
    )


def _schedule_arrays(schedule: pd.DataFrame, days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    missing = {"day", "severity", "response_quality"} - set(schedule.columns)
    if missing:
        raise ValueError(f"schedule lacks column(s) {sorted(missing)}; needs day, severity, response_quality")
    day = schedule["day"].to_numpy()
    if len(day) and (day.min() < 0 or day.max() > days - 1 or not np.all(day == np.round(day))):
        bad = day[(day < 0) | (day > days - 1) | (day != np.round(day))][0].item()
        raise ValueError(f"schedule.day = {bad!r} is outside the allowed range [0, {days - 1}] (whole days)")
    return (
        day.astype(int),
        schedule["severity"].to_numpy(dtype=float),
        schedule["response_quality"].to_numpy(dtype=float),
    )


def sales_arrays(
    sales: DailySales,
    incidents: Incidents,
    schedule: pd.DataFrame,
    days: int,
    seed: int,
    replicates: int | None = None,
) -> dict[str, np.ndarray]:
    """The simulation as arrays: ``market``, ``normal``, ``effect`` and ``sales`` per day.

    With ``replicates`` the arrays have a leading axis of that length: the same incidents hit
    independent draws of the noise (for Monte Carlo checks of an event study).
    """
    check_range("", "days", days, 30, 20_000, "days", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    if replicates is not None:
        check_range("", "replicates", replicates, 1, 100_000, "series", integer=True)
    day_of, severity, quality = _schedule_arrays(schedule, days)
    peak = incidents.peak_effect(severity, quality)
    shape = (days,) if replicates is None else (int(replicates), days)
    rng = np.random.default_rng([seed, 3])
    day = np.arange(days)
    weekday = (day + pd.Timestamp(START_DATE).day_of_week) % 7  # Monday = 0
    weekend = np.where(weekday >= 5, 1 + sales.weekend_uplift, 1.0)
    # Peak in mid-December (day 348 of the year, counted from 1 January).
    season = 1 + sales.annual_amplitude * np.cos(2 * np.pi * (day - 348) / DAYS_PER_YEAR)
    shocks = rng.normal(0, sales.market_noise_sd, size=shape)
    market = sales.market_units_per_day * season * weekend * np.exp(shocks - sales.market_noise_sd**2 / 2)
    expected = sales.brand_share * market
    normal = expected + rng.normal(0, sales.brand_noise_sd * sales.brand_units_per_day, size=shape)
    effect_share = np.zeros(days)
    for start, size in zip(day_of.tolist(), peak.tolist(), strict=True):  # a handful of incidents
        effect_share += incidents.effect_path(size, day - start)
    effect = effect_share * expected
    return {
        "market": np.round(market),
        "normal": normal,
        "effect": effect,
        "sales": np.round(np.maximum(normal + effect, 0)),
    }


@dataclass(frozen=True)
class SalesHistory:
    """A simulated stretch of daily sales with its incidents.

    Attributes
    ----------
    daily
        One row per day: ``day``, ``date``, ``market`` (category units), ``sales`` (brand units)
        and the simulation's truth ``effect`` (units added or lost by incidents).
    incidents
        One row per incident: ``incident_id``, ``day``, ``severity``, ``response_quality``,
        ``peak_effect``.
    """

    daily: pd.DataFrame
    incidents: pd.DataFrame
    sales: DailySales
    params: Incidents


def simulate_sales(
    sales: DailySales | None = None,
    incidents: Incidents | None = None,
    count: int = 16,
    days: int = 2190,
    seed: int = 0,
    schedule: pd.DataFrame | None = None,
) -> SalesHistory:
    """Simulate ``days`` days of category and brand sales with incidents.

    Parameters
    ----------
    sales, incidents
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    count
        Number of incidents to draw (ignored when ``schedule`` is given).
    days
        Length of the series.
    seed
        Random seed; the same seed gives the same data.
    schedule
        Explicit incidents (columns ``day``, ``severity``, ``response_quality``) instead of
        random ones.
    """
    sales = sales or DailySales()
    incidents = incidents or Incidents()
    check_range("", "days", days, 30, 20_000, "days", integer=True)
    if schedule is None:
        schedule = draw_incidents(incidents, count, days, seed)
    else:
        day_of, severity, quality = _schedule_arrays(schedule, days)
        schedule = pd.DataFrame(
            {
                "incident_id": schedule.get(
                    "incident_id", pd.Series([f"I{n:02d}" for n in range(1, len(day_of) + 1)])
                ).to_numpy(),
                "day": day_of,
                "severity": severity,
                "response_quality": quality,
                "peak_effect": incidents.peak_effect(severity, quality),
            }
        )
    arrays = sales_arrays(sales, incidents, schedule, days, seed)
    daily = pd.DataFrame(
        {
            "day": np.arange(days),
            "date": pd.date_range(START_DATE, periods=days, freq="D"),
            "market": arrays["market"],
            "sales": arrays["sales"],
            "effect": arrays["effect"],
        }
    )
    return SalesHistory(daily=daily, incidents=schedule.reset_index(drop=True), sales=sales, params=incidents)
