"""The event study: did an event move a daily series more than its normal ups and downs?

For each event at day 0:

1. **Estimation window** (default relative days −110 to −11): fit the *normal* model of the
   series, ``sales = alpha + beta × market`` (the market model; ``market=None`` gives the
   constant-mean model), by least squares. Its residual standard deviation ``s`` (two fitted
   parameters, so ``ddof = 2``) measures the normal day-to-day noise.
2. **Event window** (default −1 to +10): abnormal sales = actual − expected; the cumulative
   abnormal sales (CAR) is their sum over the window.
3. **Significance**: ``t = CAR / se``; ``|t| > 1.96`` is significant at the 5% level (with about
   100 estimation days the t distribution is close to the normal one). The simple standard error
   is ``s × √L`` for a window of ``L`` days. The default ("prediction") also counts the error in
   the fitted alpha and beta, which the expected sales carry into every day of the window::

       se² = s² × (L + L²/T + (Σ (market_t − mean market_est))² / Σ (market_est − mean)²)

   for ``T`` estimation days (the last term drops for the mean model). Without it, long event
   windows reject a true "no effect" far more often than 5% of the time.

Every array function is vectorised over events (rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

#: Standard errors of the CAR that :func:`event_arrays` offers.
SE_METHODS = ("prediction", "simple")


@dataclass(frozen=True)
class EventWindow(Params):
    """Relative days (day 0 = the event) of the estimation and event windows, both inclusive.

    Attributes
    ----------
    estimation_start, estimation_end
        The estimation window, which must end before the event window starts.
    start, end
        The event window.
    critical_t
        ``|t|`` above which an event counts as significant (1.96: 5%, two-sided).
    """

    estimation_start: int = bounded(-110, low=-2000, high=-2, unit="relative days", integer=True)
    estimation_end: int = bounded(-11, low=-1999, high=-1, unit="relative days", integer=True)
    start: int = bounded(-1, low=-60, high=0, unit="relative days", integer=True)
    end: int = bounded(10, low=0, high=250, unit="relative days", integer=True)
    critical_t: float = bounded(1.96, low=0.5, high=10, unit="|t|")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.estimation_end - self.estimation_start + 1 < 10:
            raise ValueError(
                f"EventWindow.estimation_start = {self.estimation_start!r} leaves an estimation window of "
                f"{self.estimation_end - self.estimation_start + 1} days; allowed range "
                f"[-2000, {self.estimation_end - 9}] (at least 10 days)"
            )
        if self.estimation_end >= self.start:
            raise ValueError(
                f"EventWindow.estimation_end = {self.estimation_end!r} overlaps the event window; "
                f"allowed range [{self.estimation_start + 9}, {self.start - 1}] (before start)"
            )

    @property
    def length(self) -> int:
        """Days in the event window."""
        return self.end - self.start + 1

    @property
    def estimation_length(self) -> int:
        """Days in the estimation window."""
        return self.estimation_end - self.estimation_start + 1

    @property
    def label(self) -> str:
        """The event window as text, e.g. ``[-1, +10]``."""
        return f"[{self.start:+d}, {self.end:+d}]".replace("+0,", "0,").replace("[+0", "[0")


def fit_normal_model(sales: np.ndarray, market: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Least-squares fit of ``sales = alpha + beta × market`` on each row.

    Parameters
    ----------
    sales, market
        Arrays of shape ``(events, days)``; ``market=None`` fits the constant-mean model.

    Returns
    -------
    dict
        ``alpha``, ``beta`` and ``resid_sd`` (``ddof`` = number of fitted parameters), per row.
    """
    sales = np.atleast_2d(np.asarray(sales, dtype=float))
    if market is None:
        alpha = sales.mean(axis=1)
        beta = np.zeros(len(sales))
        resid = sales - alpha[:, None]
        ddof = 1
    else:
        market = np.atleast_2d(np.asarray(market, dtype=float))
        if market.shape != sales.shape:
            raise ValueError(f"market has shape {market.shape}; it must match sales {sales.shape}")
        m_mean = market.mean(axis=1, keepdims=True)
        s_mean = sales.mean(axis=1, keepdims=True)
        sxx = ((market - m_mean) ** 2).sum(axis=1)
        sxy = ((market - m_mean) * (sales - s_mean)).sum(axis=1)
        beta = np.divide(sxy, sxx, out=np.zeros_like(sxy), where=sxx > 0)
        alpha = s_mean[:, 0] - beta * m_mean[:, 0]
        resid = sales - alpha[:, None] - beta[:, None] * market
        ddof = 2
    dof = max(sales.shape[1] - ddof, 1)
    return {"alpha": alpha, "beta": beta, "resid_sd": np.sqrt((resid**2).sum(axis=1) / dof)}


def two_sided_p(t_stat: np.ndarray) -> np.ndarray:
    """Two-sided p-value of ``t`` under the normal approximation."""
    t_stat = np.asarray(t_stat, dtype=float)
    return np.vectorize(lambda t: math.erfc(abs(t) / math.sqrt(2)), otypes=[float])(t_stat)


def event_arrays(
    sales: np.ndarray,
    market: np.ndarray | None,
    event_day: np.ndarray,
    window: EventWindow,
    se: str = "prediction",
) -> dict[str, np.ndarray]:
    """The event study on arrays.

    Parameters
    ----------
    sales, market
        Shape ``(days,)`` (one series, several events) or ``(events, days)`` (one event per
        row, e.g. Monte Carlo replicates).
    event_day
        Day index of each event.
    window
        The estimation and event windows.
    se
        ``"prediction"`` (default) or ``"simple"``: the standard error of the CAR (module docs).

    Returns
    -------
    dict
        Per event: ``alpha``, ``beta``, ``resid_sd``, ``car``, ``car_se``, ``t_stat``,
        ``p_value``, ``significant``; and ``abnormal``, ``expected`` and ``car_path_se`` (the
        standard error of the CAR up to each day) of shape ``(events, window.length)``.
    """
    if se not in SE_METHODS:
        raise ValueError(f"se = {se!r} is not one of the allowed values {SE_METHODS}")
    sales = np.asarray(sales, dtype=float)
    event_day = np.atleast_1d(np.asarray(event_day, dtype=int))
    days = sales.shape[-1]
    low, high = -window.estimation_start, days - 1 - window.end
    outside = (event_day < low) | (event_day > high)
    if outside.any():
        raise ValueError(
            f"event day = {int(event_day[outside][0])} is outside the allowed range [{low}, {high}]: "
            "its estimation and event windows must lie inside the series"
        )
    rows = np.arange(len(event_day))[:, None]
    est_index = event_day[:, None] + np.arange(window.estimation_start, window.estimation_end + 1)
    evt_index = event_day[:, None] + np.arange(window.start, window.end + 1)

    def gather(values: np.ndarray, index: np.ndarray) -> np.ndarray:
        return values[index] if values.ndim == 1 else values[rows, index]

    est_market = None if market is None else gather(np.asarray(market, dtype=float), est_index)
    fit = fit_normal_model(gather(sales, est_index), est_market)
    length, est_length = window.length, window.estimation_length
    inflation = np.full(len(event_day), float(length))
    if se == "prediction":
        inflation += length**2 / est_length
    if market is None:
        expected = np.repeat(fit["alpha"][:, None], length, axis=1)
    else:
        evt_market = gather(np.asarray(market, dtype=float), evt_index)
        expected = fit["alpha"][:, None] + fit["beta"][:, None] * evt_market
        if se == "prediction":
            centre = est_market.mean(axis=1, keepdims=True)
            sxx = ((est_market - centre) ** 2).sum(axis=1)
            spread = (evt_market - centre).sum(axis=1) ** 2
            inflation += np.divide(spread, sxx, out=np.zeros_like(spread), where=sxx > 0)
    abnormal = gather(sales, evt_index) - expected
    car = abnormal.sum(axis=1)
    car_se = fit["resid_sd"] * np.sqrt(inflation)
    # The same standard error for the CAR up to each day of the window (the confidence band).
    days_in = np.arange(1, length + 1, dtype=float)
    path_inflation = np.broadcast_to(days_in, (len(event_day), length)).copy()
    if se == "prediction":
        path_inflation += days_in**2 / est_length
        if market is not None:
            spread = np.cumsum(evt_market - centre, axis=1) ** 2
            path_inflation += np.divide(
                spread, sxx[:, None], out=np.zeros_like(spread), where=sxx[:, None] > 0
            )
    car_path_se = fit["resid_sd"][:, None] * np.sqrt(path_inflation)
    t_stat = np.divide(car, car_se, out=np.zeros_like(car), where=car_se > 0)
    return {
        **fit,
        "car": car,
        "car_se": car_se,
        "t_stat": t_stat,
        "p_value": two_sided_p(t_stat),
        "significant": np.abs(t_stat) > window.critical_t,
        "abnormal": abnormal,
        "expected": expected,
        "car_path_se": car_path_se,
    }


@dataclass(frozen=True)
class EventStudy:
    """The result of an event study over a table of events.

    Attributes
    ----------
    summary
        One row per event: ``event``, ``day``, ``alpha``, ``beta``, ``resid_sd``, ``car``,
        ``car_se``, ``t_stat``, ``p_value``, ``significant``, ``car_share`` (CAR as a share of
        the expected sales in the window) and ``clean`` (no other event inside its estimation
        window).
    abnormal
        One row per event and relative day from the estimation start to the event end:
        ``event``, ``rel_day``, ``day``, ``window`` ("estimation", "gap" or "event"), ``sales``,
        ``expected``, ``abnormal``, ``car`` (cumulative within the event window; NaN outside)
        and ``car_se`` (its standard error, for a confidence band; NaN outside).
    window
        The windows used.
    """

    summary: pd.DataFrame
    abnormal: pd.DataFrame
    window: EventWindow

    def significant_share(self) -> float:
        """Share of events with a significant CAR."""
        return float(self.summary["significant"].mean()) if len(self.summary) else 0.0


def event_study(
    daily: pd.DataFrame,
    events: pd.DataFrame,
    window: EventWindow | None = None,
    value: str = "sales",
    market: str | None = "market",
    event_id: str = "incident_id",
    se: str = "prediction",
) -> EventStudy:
    """Run an event study on a daily table.

    Parameters
    ----------
    daily
        One row per consecutive day, with a ``day`` column (0, 1, 2, …), the series ``value`` and,
        unless ``market`` is None, the market column.
    events
        One row per event with columns ``event_id`` and ``day``.
    window
        Estimation and event windows (default: estimation −110…−11, event −1…+10).
    value, market, event_id
        Column names.
    se
        ``"prediction"`` (default) or ``"simple"`` standard error of the CAR.
    """
    window = window or EventWindow()
    for column in ("day", value, *([market] if market else [])):
        if column not in daily.columns:
            raise ValueError(f"daily lacks column {column!r}; it has {list(daily.columns)}")
    for column in ("day", event_id):
        if column not in events.columns:
            raise ValueError(f"events lacks column {column!r}; it has {list(events.columns)}")
    day_column = daily["day"].to_numpy()
    if not np.array_equal(day_column, np.arange(len(daily))):
        raise ValueError("daily.day must run 0, 1, 2, … without gaps (one row per day, sorted)")
    event_day = events["day"].to_numpy()
    check_range("", "events.day", event_day.min() if len(event_day) else 0, 0, len(daily) - 1, "days")
    series = daily[value].to_numpy(dtype=float)
    market_values = daily[market].to_numpy(dtype=float) if market else None
    arrays = event_arrays(series, market_values, event_day, window, se=se)
    ids = events[event_id].to_numpy()
    expected_total = arrays["expected"].sum(axis=1)
    # An estimation window is clean when no other event's event window overlaps it.
    others = event_day[None, :]
    overlaps = (others + window.end >= event_day[:, None] + window.estimation_start) & (
        others + window.start <= event_day[:, None] + window.estimation_end
    )
    summary = pd.DataFrame(
        {
            "event": ids,
            "day": event_day,
            "alpha": arrays["alpha"],
            "beta": arrays["beta"],
            "resid_sd": arrays["resid_sd"],
            "car": arrays["car"],
            "car_se": arrays["car_se"],
            "t_stat": arrays["t_stat"],
            "p_value": arrays["p_value"],
            "significant": arrays["significant"],
            "car_share": np.divide(
                arrays["car"], expected_total, out=np.zeros_like(expected_total), where=expected_total != 0
            ),
            "clean": ~overlaps.any(axis=1),
        }
    )
    abnormal = _abnormal_table(series, market_values, ids, event_day, arrays, window)
    return EventStudy(summary=summary, abnormal=abnormal, window=window)


def _abnormal_table(
    series: np.ndarray,
    market: np.ndarray | None,
    ids: np.ndarray,
    event_day: np.ndarray,
    arrays: dict[str, np.ndarray],
    window: EventWindow,
) -> pd.DataFrame:
    rel = np.arange(window.estimation_start, window.end + 1)
    days = event_day[:, None] + rel
    alpha, beta = arrays["alpha"][:, None], arrays["beta"][:, None]
    expected = alpha + (beta * market[days] if market is not None else 0.0)
    abnormal = series[days] - expected
    in_event = rel >= window.start
    car = np.where(in_event, np.cumsum(np.where(in_event, abnormal, 0.0), axis=1), np.nan)
    label = np.where(rel <= window.estimation_end, "estimation", np.where(in_event, "event", "gap"))
    car_se = np.full(days.shape, np.nan)
    car_se[:, in_event] = arrays["car_path_se"]
    return pd.DataFrame(
        {
            "event": np.repeat(ids, len(rel)),
            "rel_day": np.tile(rel, len(ids)),
            "day": days.ravel(),
            "window": np.tile(label, len(ids)),
            "sales": series[days].ravel(),
            "expected": np.broadcast_to(expected, days.shape).ravel(),
            "abnormal": abnormal.ravel(),
            "car": car.ravel(),
            "car_se": car_se.ravel(),
        }
    )
