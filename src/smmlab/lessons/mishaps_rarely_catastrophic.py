"""Lesson 04 -- most mishaps are not catastrophes (myth-4).

Northwind Kettles' social team has made its share of blunders. Did any of them hurt sales? The
lesson answers with an event study over simulated daily sales: a normal-sales model fitted before
each incident, abnormal and cumulative abnormal sales (CAR) after it, and a t-statistic that says
whether the change stands out from ordinary noise. Most mishaps do not; severe ones handled badly
do, and a good, transparent response can even turn a mishap into a gain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.eventstudy import EventStudy, EventWindow, event_arrays, event_study
from smmlab.sim.incidents import DailySales, Incidents, SalesHistory, sales_arrays, simulate_sales
from smmlab.sim.params import Params, bounded
from smmlab.style import PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "firestorm_short_term_drop_share",
    "firestorm_long_term_drop_share",
    "crisis_winner_gain",
    "crisis_loser_loss",
    "crises_preventable_share",
    "negative_chatter_return_effect",
    "recall_broadcast_softens_reaction",
    "cyber_incident_value_change",
    "dominos_same_store_sales",
    "ual_share_price_after_video",
    "trust_regain_share",
    "transparent_stay_share",
    "incident_recovery_share",
    "market_units_per_day",
    "brand_share",
    "weekend_uplift",
    "annual_amplitude",
    "market_noise_sd",
    "brand_noise_sd",
    "incident_severity_a",
    "incident_severity_b",
    "response_quality_a",
    "response_quality_b",
    "incident_loss_share",
    "incident_echo_share",
    "incident_effect_days",
]

#: Event windows the explorer offers: label → "start:end" in relative days.
WINDOWS = {"[0, +1]": "0:1", "[-1, +10]": "-1:10", "[-1, +30]": "-1:30"}
#: Where the single incident of the explorer happens, and the series' length.
INCIDENT_DAY = 150
SERIES_DAYS = 200
#: The event study of :func:`many_incidents`: estimation −110…−11, event −1…+10.
STUDY_WINDOW = EventWindow()


def parse_window(text: str) -> EventWindow:
    """``"-1:10"`` → the event window from day −1 to day +10 (estimation −110…−11)."""
    try:
        start, end = (int(part) for part in str(text).split(":"))
    except ValueError:
        raise ValueError(
            f"event_window = {text!r} is not of the form 'start:end'; allowed: {sorted(WINDOWS.values())}"
        ) from None
    return EventWindow(start=start, end=end)


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    severity
        How bad the mishap is (0 = trivial, 1 = the worst imaginable).
    response_quality
        0 = silence or denial; 1 = a fast, transparent apology and fix.
    event_start, event_end
        The event window in days relative to the incident.
    seed
        Which draw of the day-to-day noise.
    replicates
        Simulated incidents of the same kind, for the share that comes out significant.
    """

    severity: float = bounded(0.3, low=0, high=1, unit="0-1 scale")
    response_quality: float = bounded(0.5, low=0, high=1, unit="0-1 scale")
    event_start: int = bounded(-1, low=-30, high=0, unit="relative days", integer=True)
    event_end: int = bounded(10, low=0, high=40, unit="relative days", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)
    replicates: int = bounded(400, low=10, high=20_000, unit="simulated incidents", integer=True)

    @property
    def window(self) -> EventWindow:
        """The event study's windows."""
        return EventWindow(start=int(self.event_start), end=int(self.event_end))


@dataclass(frozen=True)
class IncidentStudy:
    """One incident, its event study, and the same incident's fate over many noise draws.

    Attributes
    ----------
    history
        The simulated series (one incident at day ``INCIDENT_DAY``).
    study
        The event study of that incident.
    replicate_car_share, replicate_significant
        CAR as a share of expected sales, and significance, for each of ``replicates`` draws.
    true_car
        The units the incident really added (negative: lost) within the event window.
    """

    scenario: Scenario
    history: SalesHistory
    study: EventStudy
    replicate_car_share: np.ndarray
    replicate_significant: np.ndarray
    true_car: float

    def summary(self) -> dict[str, float]:
        """Headline numbers."""
        row = self.study.summary.iloc[0]
        car_share = self.replicate_car_share
        significant = self.replicate_significant
        return {
            "car": float(row["car"]),
            "car_share": float(row["car_share"]),
            "t_stat": float(row["t_stat"]),
            "significant": bool(row["significant"]),
            "true_car": self.true_car,
            "share_significant": float(significant.mean()),
            "share_significant_down": float((significant & (car_share < 0)).mean()),
            "share_significant_up": float((significant & (car_share > 0)).mean()),
            "peak_effect": float(self.history.incidents["peak_effect"].iloc[0]),
        }


def run(scenario: Scenario | None = None) -> IncidentStudy:
    """Simulate one incident, study it, and repeat it over ``replicates`` noise draws."""
    scenario = scenario or Scenario()
    window = scenario.window
    schedule = pd.DataFrame(
        {
            "day": [INCIDENT_DAY],
            "severity": [scenario.severity],
            "response_quality": [scenario.response_quality],
        }
    )
    sales, incidents = DailySales(), Incidents()
    history = simulate_sales(sales, incidents, days=SERIES_DAYS, seed=int(scenario.seed), schedule=schedule)
    study = event_study(history.daily, history.incidents, window)
    panel = sales_arrays(
        sales, incidents, schedule, SERIES_DAYS, int(scenario.seed) + 1, replicates=int(scenario.replicates)
    )
    arrays = event_arrays(
        panel["sales"], panel["market"], np.full(int(scenario.replicates), INCIDENT_DAY), window
    )
    expected_total = arrays["expected"].sum(axis=1)
    in_window = slice(INCIDENT_DAY + window.start, INCIDENT_DAY + window.end + 1)
    return IncidentStudy(
        scenario=scenario,
        history=history,
        study=study,
        replicate_car_share=arrays["car"] / expected_total,
        replicate_significant=arrays["significant"],
        true_car=float(history.daily["effect"].iloc[in_window].sum()),
    )


def compute(severity: float, response_quality: float, event_window: str, draw: int) -> IncidentStudy:
    """The explorer's pure compute step."""
    window = parse_window(event_window)
    return run(
        Scenario(
            severity=severity,
            response_quality=response_quality,
            event_start=window.start,
            event_end=window.end,
            seed=int(draw),
        )
    )


def render(result: IncidentStudy, figure: Figure) -> Rendered:
    """Sales around the incident with both windows (left); the CAR with its 95% band (right)."""
    from matplotlib.ticker import MaxNLocator
    summary = result.summary()
    window = result.study.window
    table = result.study.abnormal
    daily = result.history.daily
    left, right = panels(figure, [1.6, 1], left=0.07, right=0.98, bottom=0.14, top=0.8, wspace=0.22)

    shown = daily.iloc[INCIDENT_DAY + window.estimation_start - 8 : INCIDENT_DAY + window.end + 9]
    rel = shown["day"].to_numpy() - INCIDENT_DAY
    left.axvspan(window.estimation_start - 0.5, window.estimation_end + 0.5, color="#EEEEEE", zorder=0)
    left.axvspan(
        window.start - 0.5,
        window.end + 0.5,
        facecolor="#FBE3C0",
        edgecolor=PALETTE["orange"],
        hatch="//",
        linewidth=0,
        zorder=0,
    )
    left.plot(rel, shown["sales"], color=PALETTE["black"], linewidth=0.9, label="actual sales")
    fitted = result.study.summary.iloc[0]
    left.plot(
        rel,
        fitted["alpha"] + fitted["beta"] * shown["market"],
        color=PALETTE["blue"],
        linestyle="--",
        linewidth=1.1,
        label="expected (market model)",
    )
    left.axvline(0, color=PALETTE["vermillion"], linewidth=1.2, linestyle=":")
    top = float(shown["sales"].max())
    left.set_ylim(0, top * 1.18)
    left.text(
        (window.estimation_start + window.estimation_end) / 2,
        top * 1.1,
        "estimation window",
        ha="center",
        fontsize=9,
        color="#444444",
    )
    left.text(
        window.end + 1.5, top * 1.1, "event\nwindow", ha="left", va="center", fontsize=9, color="#8A5A00"
    )
    left.set(xlabel="days relative to the incident (day 0: dotted line)", ylabel="kettles sold per day")
    left.set_title("Daily sales around the incident", pad=22)
    legend_above(left, ncols=2, fontsize=8.5)

    event = table[table["window"] == "event"]
    days = event["rel_day"].to_numpy()
    car, band = event["car"].to_numpy(), window.critical_t * event["car_se"].to_numpy()
    right.fill_between(
        days, -band, band, color=PALETTE["sky"], alpha=0.35, linewidth=0, label="95% noise band"
    )
    right.axhline(0, color="#666666", linewidth=0.8)
    right.plot(days, car, color=PALETTE["black"], marker="o", markersize=3.5, label="estimated CAR")
    true_path = daily["effect"].to_numpy()[INCIDENT_DAY + days].cumsum()
    right.plot(days, true_path, color=PALETTE["green"], linestyle="--", linewidth=1.4, label="true effect")
    span = max(float(np.nanmax(np.abs(np.concatenate([car, band, true_path])))), 1.0) * 1.15
    right.set_ylim(-span, span)
    right.set_xlim(days[0] - 0.5, days[-1] + 0.5)
    right.set(xlabel="days relative to the incident", ylabel="cumulative abnormal sales (kettles)")
    for axes in (left, right):
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
        axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    right.set_title(f"CAR over {window.label}", pad=22)
    legend_above(
        right,
        ncols=3,
        fontsize=8,
        handlelength=1.4,
        columnspacing=0.8,
    )

    verdict = "significant" if summary["significant"] else "not significant"
    incidents = Incidents()
    headlines = [
        Headline(
            "CAR, this draw",
            f"{summary['car']:+,.0f} kettles",
            f"{summary['car_share']:+.1%} of expected sales in {window.label}",
        ),
        Headline("t-statistic", f"{summary['t_stat']:+.2f}", f"{verdict} (|t| > {window.critical_t:g})"),
        Headline("True effect", f"{summary['true_car']:+,.0f} kettles", "what the simulation really did"),
        Headline(
            f"Significant in {result.scenario.replicates} such cases",
            f"{summary['share_significant']:.0%}",
            f"{summary['share_significant_down']:.0%} down, {summary['share_significant_up']:.0%} up; "
            "5% by chance alone",
        ),
        Headline(
            "Break-even response",
            f"quality ≥ {incidents.neutral_quality():.2f}",
            "better responses turn the mishap into a gain (assumed model, after TRUST3 and CRIS4)",
        ),
    ]
    alt = (
        f"Left: daily kettle sales from {window.estimation_start - 8} to {window.end + 8} days around an "
        f"incident of severity {result.scenario.severity:.2f} with response quality "
        f"{result.scenario.response_quality:.2f}; the estimation window and the event window {window.label} "
        f"are shaded and expected sales are drawn dashed. Right: the cumulative abnormal sales reach "
        f"{summary['car']:+,.0f} kettles (t = {summary['t_stat']:+.2f}, {verdict}) against a true effect of "
        f"{summary['true_car']:+,.0f}; across {result.scenario.replicates} simulated incidents like it, "
        f"{summary['share_significant']:.0%} are significant."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: one incident, its event study, and how often such incidents show."""
    return Explorer(
        title="Did the mishap hurt sales? An event study of one Northwind incident",
        intro=(
            "Choose how bad the mishap was and how well the team responded; the event study then "
            "asks whether sales moved more than they normally do."
        ),
        controls=[
            Slider(
                "severity",
                "Severity of the mishap",
                0.0,
                1.0,
                0.05,
                0.3,
                fmt="{:.2f}",
                help="0 is a typo nobody notices; 1 the worst firestorm imaginable (a 0-1 teaching scale).",
            ),
            Slider(
                "response_quality",
                "Quality of the response",
                0.0,
                1.0,
                0.05,
                0.5,
                fmt="{:.2f}",
                help="0 is silence or denial; 1 a fast, transparent apology with a fix.",
            ),
            Choice(
                "event_window",
                "Event window",
                WINDOWS,
                "-1:10",
                help="Days after (and just before) the incident over which abnormal sales are summed.",
            ),
            Slider(
                "draw",
                "Draw of the daily noise",
                1,
                20,
                1,
                1,
                fmt="#{:.0f}",
                integer=True,
                help="The same incident with another draw of ordinary ups and downs.",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "A moderate mishap (severity 0.30) gets an average response (quality 0.50). In what share "
                "of 400 such incidents does the event study find a significant change in sales over the "
                "window [-1, +10]?"
            ),
            guess=Slider("guess", "My guess: share significant", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"severity": 0.3, "response_quality": 0.5, "event_window": "-1:10"},
            answer=lambda result: result.summary()["share_significant"],
            explain=(
                "A mishap that feels huge inside the company is small next to the ordinary day-to-day "
                "swings of sales; only severe mishaps handled badly stand out reliably."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)


# ---- many incidents: the tails and the winners/losers split -----------------------------------


def many_incidents(series: int = 40, seed: int = 100) -> pd.DataFrame:
    """Every incident of ``series`` simulated six-year histories, each with its event study.

    Columns: ``series``, ``incident_id``, ``severity``, ``response_quality``, ``car_share`` (CAR as
    a share of expected sales over [−1, +10]), ``t_stat`` and ``significant``.
    """
    tables = []
    for index in range(int(series)):
        history = simulate_sales(seed=seed + index)
        study = event_study(history.daily, history.incidents, STUDY_WINDOW)
        tables.append(
            history.incidents[["incident_id", "severity", "response_quality"]].assign(
                series=index,
                car_share=study.summary["car_share"].to_numpy(),
                t_stat=study.summary["t_stat"].to_numpy(),
                significant=study.summary["significant"].to_numpy(),
            )
        )
    columns = ["series", "incident_id", "severity", "response_quality", "car_share", "t_stat", "significant"]
    return pd.concat(tables, ignore_index=True)[columns]


def outcome_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """Outcomes by response quality: how many incidents hurt, helped or did nothing measurable."""
    band = pd.cut(
        incidents["response_quality"],
        [0, 1 / 3, 2 / 3, 1],
        labels=["poor (0-0.33)", "middling (0.33-0.67)", "good (0.67-1)"],
        include_lowest=True,
    )
    down = incidents["significant"] & (incidents["car_share"] < 0)
    up = incidents["significant"] & (incidents["car_share"] > 0)
    frame = incidents.assign(response=band, down=down, up=up, quiet=~incidents["significant"])
    table = frame.groupby("response", observed=False).agg(
        incidents=("car_share", "size"),
        significant_drop=("down", "mean"),
        significant_rise=("up", "mean"),
        no_significant_change=("quiet", "mean"),
        worst_car=("car_share", "min"),
        median_car=("car_share", "median"),
        best_car=("car_share", "max"),
    )
    return table.round(3)
