"""Lesson 04 -- most mishaps are not catastrophes (myth-4).

Northwind Kettles' social team has made its share of blunders. Did any of them hurt sales? The
lesson answers with an event study over simulated daily sales: a normal-sales model fitted before
each incident, abnormal and cumulative abnormal sales (CAR) after it, and a t-statistic that says
whether the change stands out from ordinary noise. Most mishaps do not; severe ones handled badly
do, and a good, transparent response can even turn a mishap into a gain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from smmlab import checks as ck
from smmlab.sim import benchmarks
from smmlab.sim.eventstudy import EventStudy, EventWindow, event_arrays, event_study
from smmlab.sim.incidents import DailySales, Incidents, SalesHistory, sales_arrays, simulate_sales
from smmlab.sim.params import Params, bounded
from smmlab.style import PALETTE
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "firestorm_short_term_drop_share",
    "firestorm_long_term_drop_share",
    "crisis_winner_gain",
    "crisis_loser_loss",
    "crises_preventable_share",
    "trust_regain_share",
    "transparent_stay_share",
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
    summary = result.summary()
    window = result.study.window
    table = result.study.abnormal
    daily = result.history.daily
    left, right = figure.subplots(1, 2, width_ratios=[1.6, 1])
    figure.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.8, wspace=0.22)

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
    left.legend(loc="lower center", bbox_to_anchor=(0.5, 0.99), ncols=2, fontsize=8.5)

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
    right.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 0.99),
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
            "better responses turn the mishap into a gain (assumed model, TRUST3, CRIS4)",
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


# ---- exercise ---------------------------------------------------------------------------------

#: Fictional mishaps, in the order they happened (the severities come from the simulation).
DESCRIPTIONS = [
    "Scheduled a cheerful promo post during a national tragedy",
    "Wrong price in a giveaway post",
    "Community manager's rude reply went viral",
    "Influencer post without the #ad disclosure",
    "Tweeted a competitor's product photo by mistake",
    "Leaked launch date in a story",
    "Joke about tea snobs angered a fan community",
    "Customer's private complaint reposted publicly",
    "Broken link in the holiday campaign",
    "Meme used without the artist's permission",
    "Chatbot promised refunds the policy does not allow",
    "Kettle-explodes video from a customer trended",
    "Typo in the brand's own name on a billboard post",
    "Deleted critical comments, then got caught",
    "Hashtag hijacked by unhappy customers",
    "Personal tweet sent from the brand account",
]

EXERCISE_WINDOW = EventWindow()  # estimation −110…−11, event −1…+10


class ExerciseData(NamedTuple):
    """The exercise's two tables."""

    sales: pd.DataFrame
    incidents: pd.DataFrame


def exercise_data(seed: int = 2026) -> ExerciseData:
    """Six years of Northwind's daily sales and its 16 social media incidents.

    ``sales``: ``day`` (0-based), ``date``, ``market`` (category units) and ``sales`` (Northwind's
    units). ``incidents``: ``incident_id``, ``day``, ``date``, ``what`` (description),
    ``severity`` and ``response_quality`` (0-1 ratings the social team gave afterwards).
    """
    history = simulate_sales(count=16, days=2190, seed=seed)
    sales = history.daily[["day", "date", "market", "sales"]].copy()
    incidents = history.incidents[["incident_id", "day", "severity", "response_quality"]].copy()
    incidents.insert(2, "date", sales["date"].to_numpy()[incidents["day"].to_numpy()])
    incidents.insert(3, "what", DESCRIPTIONS[: len(incidents)])
    incidents[["severity", "response_quality"]] = incidents[["severity", "response_quality"]].round(2)
    return ExerciseData(sales, incidents)


def most_severe(incidents: pd.DataFrame) -> pd.Series:
    """The incident with the highest severity."""
    return incidents.loc[incidents["severity"].idxmax()]


def naive_change(sales: pd.DataFrame, day: int, days: int = 11) -> float:
    """Mean sales on days ``day`` … ``day + days − 1`` minus the mean of the ``days`` days before."""
    after = sales[(sales["day"] >= day) & (sales["day"] < day + days)]["sales"].mean()
    before = sales[(sales["day"] >= day - days) & (sales["day"] < day)]["sales"].mean()
    return float(after - before)


def car_for(sales: pd.DataFrame, day: int, window: EventWindow = EXERCISE_WINDOW) -> float:
    """Cumulative abnormal sales of one event at ``day`` (market model, prediction standard error)."""
    events = pd.DataFrame({"incident_id": ["event"], "day": [int(day)]})
    return float(event_study(sales, events, window).summary["car"].iloc[0])


def event_table(sales: pd.DataFrame, incidents: pd.DataFrame, start: int = -1, end: int = 10) -> pd.DataFrame:
    """CAR and t-statistic of every incident, indexed by ``incident_id``."""
    study = event_study(sales, incidents, EventWindow(start=start, end=end))
    return study.summary.set_index("event")[["car", "t_stat"]].rename_axis("incident_id")


def significant_incidents(sales: pd.DataFrame, incidents: pd.DataFrame) -> list[str]:
    """Ids of the incidents whose CAR over [−1, +10] is significant (|t| > 1.96), sorted."""
    table = event_table(sales, incidents)
    return sorted(table.index[table["t_stat"].abs() > EXERCISE_WINDOW.critical_t])


def _table_matches(answer: object, expected: pd.DataFrame) -> bool:
    return ck.frame_matches(answer, expected[["car", "t_stat"]], rel_tol=1e-4, abs_tol=1e-4)


def _function_matches(answer: object, expected: pd.DataFrame) -> bool:
    data = exercise_data()
    return callable(answer) and _table_matches(answer(data.sales, data.incidents), expected)


def _ids(answer: object) -> list[str] | None:
    if isinstance(answer, (list, tuple, set, pd.Index, np.ndarray, pd.Series)):
        values = list(answer)
        if all(isinstance(value, str) for value in values):
            return sorted(values)
    return None


def _simple_t_table(sales: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    study = event_study(sales, incidents, EXERCISE_WINDOW, se="simple")
    return study.summary.set_index("event")[["car", "t_stat"]].rename_axis("incident_id")


def checks(seed: int = 2026) -> ck.Checks:
    """The exercise's self-checks, for the data of ``exercise_data(seed)``."""
    data = exercise_data(seed)
    worst = most_severe(data.incidents)
    worst_day = int(worst["day"])
    table = event_table(data.sales, data.incidents)
    simple = _simple_t_table(data.sales, data.incidents)
    return ck.Checks(
        {
            "q1": ck.Question(
                "naive_change",
                expected=lambda: naive_change(data.sales, worst_day),
                hints=[
                    "Find the most severe incident with `incidents['severity'].idxmax()`, then its `day`.",
                    "Average `sales` over days `day` to `day + 10`, and over `day - 11` to `day - 1`; "
                    "subtract the second from the first.",
                ],
                misconceptions=[
                    ck.Misconception(
                        lambda answer, _e: ck.number_matches(answer, -naive_change(data.sales, worst_day)),
                        "The sign is reversed: compute *after minus before*, so a fall is negative.",
                    ),
                    ck.Misconception(
                        lambda answer, _e: ck.number_matches(
                            answer, naive_change(data.sales, int(data.incidents["day"].iloc[0]))
                        ),
                        "That is the first incident, not the most severe one.",
                    ),
                ],
            ),
            "q2": ck.Question(
                "car_most_severe",
                expected=lambda: car_for(data.sales, worst_day),
                matches=lambda answer, expected: ck.number_matches(
                    answer, expected, rel_tol=1e-4, abs_tol=1e-3
                ),
                hints=[
                    "Estimation window: days `day - 110` to `day - 11`. Fit `sales = alpha + beta * market` "
                    "there with `np.polyfit(market, sales, 1)` (it returns beta, then alpha).",
                    "Event window: days `day - 1` to `day + 10` (12 days). Abnormal = sales − (alpha + "
                    "beta × "
                    "market) on those days; the CAR is their sum.",
                ],
                misconceptions=[
                    ck.Misconception(
                        lambda answer, _e: ck.number_matches(
                            answer, naive_change(data.sales, worst_day), 1e-3
                        ),
                        "That is the naive before/after change from task 1. The CAR compares each day with "
                        "the sales the market model expects for that day.",
                    ),
                    ck.Misconception(
                        lambda answer, expected: ck.number_matches(
                            answer,
                            car_for(data.sales, worst_day, EventWindow(start=0, end=10)),
                            rel_tol=1e-4,
                        ),
                        "Your window starts on day 0; the task's event window starts the day before "
                        "(day −1), "
                        "in case news broke early.",
                    ),
                    ck.Misconception(
                        lambda answer, expected: ck.number_matches(
                            answer, car_for(data.sales, worst_day, EventWindow(start=-1, end=9)), rel_tol=1e-4
                        ),
                        "Your window stops at day +9: both ends are included, so it runs from day −1 to +10.",
                    ),
                ],
            ),
            "q3": ck.Question(
                "event_table",
                expected=lambda: table,
                matches=_function_matches,
                hints=[
                    "Loop over `incidents.itertuples()`; for each incident do what you did in task 2 and "
                    "also compute `s`, `T`, `L` and the standard error; collect rows in a list of dicts.",
                    "`pd.DataFrame(rows).set_index('incident_id')` with columns `car` and `t_stat`. "
                    "`s = residuals.std(ddof=2)`; `sxx = ((m_est - m_est.mean())**2).sum()`.",
                ],
                misconceptions=[
                    ck.Misconception(
                        lambda answer, _e: (
                            callable(answer) and _table_matches(answer(data.sales, data.incidents), simple)
                        ),
                        "Your t-statistics use the simple standard error s·√L. Add the two terms for "
                        "the error "
                        "in the fitted line (L²/T and the market term): without them, long windows cry wolf.",
                    )
                ],
            ),
            "q4": ck.Question(
                "significant_ids",
                expected=lambda: significant_incidents(data.sales, data.incidents),
                matches=lambda answer, expected: _ids(answer) == expected,
                hints=[
                    "Use your table from task 3 (or recompute): keep the rows where `|t_stat| > 1.96`.",
                    "`sorted(table.index[table['t_stat'].abs() > 1.96])` gives a sorted list of ids.",
                ],
                misconceptions=[
                    ck.Misconception(
                        lambda answer, _e: _ids(answer) == sorted(table.index[table["t_stat"] < -1.96]),
                        "You kept only the significant *drops*. A significant rise counts too: the test is "
                        "two-sided, |t| > 1.96.",
                    ),
                    ck.Misconception(
                        lambda answer, _e: _ids(answer) == sorted(table.index[table["car"] < 0]),
                        "A negative CAR is not the same as a significant one: compare t with 1.96 first. "
                        "Most mishaps fall inside the ordinary ups and downs of sales.",
                    ),
                    ck.Misconception(
                        lambda answer, _e: _ids(answer) == sorted(data.incidents["incident_id"]),
                        "Not every mishap moved sales: keep only those with |t| > 1.96.",
                    ),
                ],
            ),
        }
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
        study = event_study(history.daily, history.incidents, EXERCISE_WINDOW)
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
