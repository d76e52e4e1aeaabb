"""Exercise 04 -- most mishaps are not catastrophes: an event study of Northwind's 16 mishaps."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim.eventstudy import EventWindow, event_study
from smmlab.sim.incidents import simulate_sales

#: Fictional mishaps, from the worst to the mildest as a reader would rate them. Each draw of the
#: data gives them to its incidents by simulated severity, so the worst description always goes
#: to the most severe incident and the mildest to the least severe one.
DESCRIPTIONS = [
    "Kettle-explodes video from a customer trended",
    "Scheduled a cheerful promo post during a national tragedy",
    "Deleted critical comments, then got caught",
    "Community manager's rude reply went viral",
    "Customer's private complaint reposted publicly",
    "Chatbot promised refunds the policy does not allow",
    "Hashtag hijacked by unhappy customers",
    "Influencer post without the #ad disclosure",
    "Joke about tea snobs angered a fan community",
    "Personal tweet sent from the brand account",
    "Meme used without the artist's permission",
    "Wrong price in a giveaway post",
    "Leaked launch date in a story",
    "Tweeted a competitor's product photo by mistake",
    "Broken link in the holiday campaign",
    "Typo in the brand's own name in a post",
]
INCIDENTS = len(DESCRIPTIONS)
DAYS = 2190
#: The task's event study: estimation −110…−11, event −1…+10.
WINDOW = EventWindow()


class ExerciseData(NamedTuple):
    """The exercise's two tables."""

    sales: pd.DataFrame
    incidents: pd.DataFrame


def build(seed: int) -> ExerciseData:
    """Six years of Northwind's daily sales and its 16 social media incidents.

    ``sales``: ``day`` (0-based), ``date``, ``market`` (category units) and ``sales`` (Northwind's
    units). ``incidents``: ``incident_id``, ``day``, ``date``, ``what`` (description, matched to
    the severity), ``severity`` and ``response_quality`` (0-1 ratings the social team gave
    afterwards) and ``t_stat``, the t-statistic of the analytics team's event study over
    [-1, +10] (task 3 reads it; task 4 reproduces it, with the CAR, from the sales).
    """
    history = simulate_sales(count=INCIDENTS, days=DAYS, seed=seed)
    sales = history.daily[["day", "date", "market", "sales"]].copy()
    incidents = history.incidents[["incident_id", "day", "severity", "response_quality"]].copy()
    incidents.insert(2, "date", sales["date"].to_numpy()[incidents["day"].to_numpy()])
    incidents[["severity", "response_quality"]] = incidents[["severity", "response_quality"]].round(2)
    # The most severe incident gets the first (worst) description, the least severe the last; of
    # equal ratings the earlier incident counts as the more severe (as ``idxmax`` picks it).
    rank = np.argsort(np.argsort(-incidents["severity"].to_numpy(), kind="stable"), kind="stable")
    incidents.insert(3, "what", [DESCRIPTIONS[r] for r in rank])
    study = event_study(sales, incidents, WINDOW).summary
    incidents["t_stat"] = study["t_stat"].to_numpy()
    return ExerciseData(sales, incidents)


def without_t_stat(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents as task 4's function receives them: without the analytics team's t-statistics."""
    return incidents.drop(columns="t_stat", errors="ignore")


# ---- wrong answers, for the misconceptions -------------------------------------------------------


def _before_after(sales: pd.DataFrame, day: int, days: int = 11) -> float:
    after = sales[(sales["day"] >= day) & (sales["day"] < day + days)]["sales"].mean()
    before = sales[(sales["day"] >= day - days) & (sales["day"] < day)]["sales"].mean()
    return float(after - before)


def _severest_day(data: ExerciseData) -> int:
    return int(data.incidents.loc[data.incidents["severity"].idxmax(), "day"])


# A wrong answer that happens to equal the right one on some draw (no change at all, the first
# incident being the most severe, no significant rise…) is returned as None, which matches no
# answer: the misconception then stays silent instead of faulting a right answer.


def _reversed_sign(data: ExerciseData) -> float | None:
    change = _before_after(data.sales, _severest_day(data))
    return -change if change != 0 else None


def _first_incident(data: ExerciseData) -> float | None:
    first = int(data.incidents["day"].iloc[0])
    return _before_after(data.sales, first) if first != _severest_day(data) else None


def _car(data: ExerciseData, start: int, end: int) -> float:
    events = pd.DataFrame({"incident_id": ["event"], "day": [_severest_day(data)]})
    return float(event_study(data.sales, events, EventWindow(start=start, end=end)).summary["car"].iloc[0])


def _car_with_window(data: ExerciseData, start: int, end: int) -> float | None:
    """The CAR over a wrong window; None when the one day it adds or drops is too small to tell."""
    wrong = _car(data, start, end)
    return None if math.isclose(wrong, _car(data, WINDOW.start, WINDOW.end), rel_tol=2e-3) else wrong


def _simple_se_table(data: ExerciseData) -> pd.DataFrame:
    study = event_study(data.sales, without_t_stat(data.incidents), WINDOW, se="simple")
    return study.summary.set_index("event")[["car", "t_stat"]].rename_axis("incident_id")


def _study(data: ExerciseData) -> pd.DataFrame:
    return event_study(data.sales, without_t_stat(data.incidents), WINDOW).summary.set_index("event")


def _drops_only(data: ExerciseData) -> list[str] | None:
    t = _study(data)["t_stat"]
    return sorted(t.index[t < -WINDOW.critical_t]) if (t > WINDOW.critical_t).any() else None


def _negative_car(data: ExerciseData) -> list[str] | None:
    table = _study(data)
    quiet_drop = (table["car"] < 0) & (table["t_stat"].abs() <= WINDOW.critical_t)
    return sorted(table.index[table["car"] < 0]) if quiet_drop.any() else None


def _every_incident(data: ExerciseData) -> list[str] | None:
    quiet = _study(data)["t_stat"].abs() <= WINDOW.critical_t
    return sorted(data.incidents["incident_id"]) if quiet.any() else None


EXERCISE = ck.Exercise(
    slug="04-mishaps-rarely-catastrophic",
    build=build,
    # A draw whose significant incidents include a rise as well as drops, so that every
    # misconception below can show itself on the published data.
    seed=2053,
    questions=(
        ck.Question(
            "q1",
            "naive_change",
            ck.Number(),
            predict="predicted_naive_change",
            hints=(
                "Find the row of the most severe incident (which method of a Series gives the label "
                "of its largest value?), then read its `day`.",
                "Average `sales` over days `day` to `day + 10`, and over `day - 11` to `day - 1`; "
                "the task wants the first average minus the second.",
            ),
            wrong=(
                ck.Wrong(
                    "The sign is reversed: compute *after minus before*, so a fall is negative.",
                    value=_reversed_sign,
                ),
                ck.Wrong(
                    "That is the first incident, not the most severe one.",
                    value=_first_incident,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "car_most_severe",
            ck.Number(),
            hints=(
                "Estimation window: days `day - 110` to `day - 11`. Fit `sales = alpha + beta * market` "
                "there with `np.polyfit(market, sales, 1)` (it returns beta, then alpha).",
                "Event window: days `day - 1` to `day + 10` (12 days). Abnormal sales are the actual "
                "sales minus the expected ones on each of those days; the CAR adds them up.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the naive before/after change from task 1. The CAR compares each day with "
                    "the sales the market model expects for that day.",
                    value=lambda data: _before_after(data.sales, _severest_day(data)),
                ),
                ck.Wrong(
                    "Your window starts on day 0; the task's event window starts the day before "
                    "(day −1), in case news broke early.",
                    value=lambda data: _car_with_window(data, 0, 10),
                ),
                ck.Wrong(
                    "Your window stops at day +9: both ends are included, so it runs from day −1 to +10.",
                    value=lambda data: _car_with_window(data, -1, 9),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "significant_ids",
            ck.Labels(),
            hints=(
                "Use the `t_stat` column of `incidents`: keep the rows whose t-statistic is far enough "
                "from zero, on either side.",
                "`incidents['t_stat'].abs()` measures the distance from zero; compare it with 1.96, and "
                "`sorted(...)` the `incident_id`s of the rows that pass.",
            ),
            wrong=(
                ck.Wrong(
                    "You kept only the significant *drops*. A significant rise counts too: the test is "
                    "two-sided, |t| > 1.96.",
                    value=_drops_only,
                ),
                ck.Wrong(
                    "A negative CAR is not the same as a significant one: compare t with 1.96 first. "
                    "Most mishaps fall inside the ordinary ups and downs of sales.",
                    value=_negative_car,
                ),
                ck.Wrong(
                    "Not every mishap moved sales: keep only those with |t| > 1.96.",
                    value=_every_incident,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "event_table",
            ck.Function(
                ck.Frame(("car", "t_stat")), inputs=lambda data: (data.sales, without_t_stat(data.incidents))
            ),
            hints=(
                "Loop over `incidents.itertuples()`; for each incident do what you did in task 2 and "
                "also compute `s`, `T`, `L` and the standard error; collect the rows in a list of dicts.",
                "Turn the list of dicts into a DataFrame indexed by `incident_id`. For `s`, mind the "
                "`ddof` (two fitted numbers); `sxx` sums the squared distances of the estimation "
                "window's `market` from its mean.",
            ),
            wrong=(
                ck.Wrong(
                    "Your t-statistics use the simple standard error s·√L. Add the two terms for the "
                    "error in the fitted line (L²/T and the market term): without them, long windows "
                    "cry wolf.",
                    value=_simple_se_table,
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
