"""Exercise 17 -- agencies and relationships: a four-week pilot, half the inbox to each handler."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.agencies_and_relationships import Scenario, payoff
from smmlab.sim import benchmarks
from smmlab.sim.agency import HOURS_PER_MONTH, simulate_handling
from smmlab.sim.audience import Audience

#: The pilot: half the inbox to each handler, one person on duty each, four weeks.
PILOT_WEEKS = 4
SEED = 2026
COLUMNS = [
    "message_id",
    "week",
    "kind",
    "handler",
    "reply_minutes",
    "escalated",
    "answer_hours",
    "resolved",
    "wtp_gain",
]
REPORT_COLUMNS = ("resolution_rate", "within_4h", "median_answer_hours")
PROBLEMS = ("complaint", "question")


def pilot_cost() -> dict[str, float]:
    """What each handler cost for the four-week pilot (one person on duty each), in US dollars."""
    months = PILOT_WEEKS * 7 * 24 / HOURS_PER_MONTH
    return {
        name: round(handler.cost_per_seat_month * months, 2)
        for name, handler in Scenario().handlers().items()
    }


def build(seed: int) -> pd.DataFrame:
    """A four-week pilot: half of Northwind's inbox answered in-house, half by the agency.

    One row per message: ``message_id``, ``week`` (from 0), ``kind``, ``handler``
    ("in-house" or "agency"), ``reply_minutes`` (first reply; NaN if none), ``escalated`` (passed
    to the brand for an answer or approval), ``answer_hours`` (reply plus approval; NaN if
    none), ``resolved`` and ``wtp_gain`` (the customer's extra willingness to pay, USD: RESP1's
    airline figures credited to each message, a scale-only stand-in).
    """
    half = Audience(followers=int(benchmarks.value("routing_followers")) // 2)
    frames = [
        simulate_handling(
            handler, name, audience=half, payoff=payoff(), weeks=PILOT_WEEKS, seed=int(seed) + offset
        )
        for offset, (name, handler) in enumerate(Scenario().handlers().items())
    ]
    pilot = pd.concat(frames).sort_values("arrival_hour", kind="stable").reset_index(drop=True)
    pilot["message_id"] = np.arange(len(pilot))
    return pilot[COLUMNS]


def _report_cases(pilot: pd.DataFrame) -> list[tuple[pd.DataFrame]]:
    """The pilots a report function is called on: the whole pilot and its first two weeks."""
    return [(pilot.copy(),), (pilot[pilot["week"] < 2].copy(),)]


# ---- typical wrong answers (never the right one) ---------------------------------------------


@lru_cache(maxsize=2)
def _pilot(seed: int) -> pd.DataFrame:
    return build(seed)


def _agency(pilot: pd.DataFrame) -> pd.DataFrame:
    return pilot[pilot["handler"] == "agency"]


def _agency_problems(pilot: pd.DataFrame) -> pd.DataFrame:
    agency = _agency(pilot)
    return agency[agency["kind"].isin(PROBLEMS)]


def _share_within(table: pd.DataFrame, column: str, limit: float) -> pd.Series:
    return (table[column] <= limit).groupby(table["handler"]).mean()


def _problems(pilot: pd.DataFrame) -> pd.DataFrame:
    return pilot[pilot["kind"].isin(PROBLEMS)]


def _wtp_gap(pilot: pd.DataFrame) -> float:
    wtp = pilot.groupby("handler")["wtp_gain"].sum()
    return float(wtp["in-house"] - wtp["agency"])


def _monthly_cost_gap() -> float:
    """In-house minus agency cost for a whole month (not the four weeks of the pilot)."""
    monthly = {name: handler.cost_per_seat_month for name, handler in Scenario().handlers().items()}
    return monthly["in-house"] - monthly["agency"]


def _mean_answer_hours(pilot: pd.DataFrame) -> pd.Series:
    problems = _problems(pilot)
    return problems.groupby("handler")["answer_hours"].mean()


def _reports_hold_means(outputs: object) -> bool:
    """Does each report's ``median_answer_hours`` hold the mean answer time of its pilot?"""
    cases = _report_cases(_pilot(ck.published_seed(SEED)))
    return len(outputs) == len(cases) and all(
        isinstance(report, pd.DataFrame)
        and "median_answer_hours" in report.columns
        and ck.series_matches(report["median_answer_hours"], _mean_answer_hours(pilot), rel_tol=1e-3)
        for report, (pilot,) in zip(outputs, cases, strict=True)
    )


def _same_report_twice(outputs: object) -> bool:
    """The function gave the same report for two different pilots: it ignores its argument."""
    first, second = outputs
    return isinstance(first, pd.DataFrame) and ck.frame_matches(second, first, rel_tol=1e-9)


def _reports_with_means() -> list[pd.DataFrame]:
    """Reports of the published pilots holding means as medians (the other columns left empty)."""
    reports = []
    for (pilot,) in _report_cases(_pilot(SEED)):
        means = _mean_answer_hours(pilot)
        reports.append(
            pd.DataFrame(
                {c: means if c == "median_answer_hours" else float("nan") for c in REPORT_COLUMNS},
                index=means.index,
            )
        )
    return reports


_PLACEHOLDER_REPORT = pd.DataFrame(
    {"resolution_rate": [0.5, 0.5], "within_4h": [0.5, 0.5], "median_answer_hours": [1.0, 1.0]},
    index=["agency", "in-house"],
)


EXERCISE = ck.Exercise(
    slug="17-agencies-and-relationships",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "agency_resolved",
            ck.Number(share=True),
            predict="predicted_agency_resolved",
            hints=(
                "Keep the agency's rows whose `kind` is `complaint` or `question`.",
                "`resolved` is True or False for each message; the mean of a True/False column is the "
                "share of True.",
            ),
            wrong=(
                ck.Wrong(
                    "That includes praise and leads; the task asks about customers with a problem: "
                    "complaints and questions.",
                    value=lambda data: float(_agency(data)["resolved"].mean()),
                ),
                ck.Wrong(
                    "That is the share left *unresolved*; the task asks for the share resolved.",
                    value=lambda data: float(1 - _agency_problems(data)["resolved"].mean()),
                ),
                ck.Wrong(
                    "That is a count of resolved problems; divide by the number of problems (use "
                    "`.mean()` on the True/False column).",
                    value=lambda data: float(_agency_problems(data)["resolved"].sum()),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "fast_answers",
            ck.Series(),
            hints=(
                'Use `answer_hours`, not `reply_minutes`: a first reply that only says "we are '
                'checking" is not an answer.',
                "Keep complaints and questions; compare their `answer_hours` with 4 and average the "
                "True/False result within each `handler` (a missing answer compares as False).",
            ),
            wrong=(
                ck.Wrong(
                    "By your numbers nearly every problem was dealt with in time. Use `answer_hours`: "
                    "the first reply (`reply_minutes`) is not the answer when the agency waits for the "
                    "brand's approval. And `answer_hours` is in hours: compare it with 4.",
                    value=lambda data: _share_within(_problems(data), "reply_minutes", 240),
                ),
                ck.Wrong(
                    "By your numbers nearly every problem was dealt with in time. Use `answer_hours`: "
                    "the first reply (`reply_minutes`) is not the answer when the agency waits for the "
                    "brand's approval. And `answer_hours` is in hours: compare it with 4.",
                    value=lambda data: _share_within(_problems(data), "answer_hours", 240),
                ),
                ck.Wrong(
                    "That includes praise and leads; keep complaints and questions only.",
                    value=lambda data: _share_within(data, "answer_hours", 4),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "net_gain",
            ck.Number(),
            hints=(
                "Sum `wtp_gain` per handler; the four weeks' costs are in `cost` (from "
                "`exercise.pilot_cost()`).",
                "Take the in-house minus agency difference twice, once for the willingness to pay and "
                "once for the costs; the answer is the first difference minus the second.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the extra willingness to pay alone; subtract the in-house team's extra cost.",
                    value=_wtp_gap,
                ),
                ck.Wrong(
                    "That subtracts a month's cost; the pilot ran four weeks, so use its costs in `cost` "
                    "(from `exercise.pilot_cost()`).",
                    value=lambda data: _wtp_gap(data) - _monthly_cost_gap(),
                ),
                ck.Wrong(
                    # In every draw of the pilot the in-house team comes out ahead, so a negative net
                    # gain is a subtraction the wrong way round.
                    "The sign is reversed: compute in-house minus agency.",
                    when=lambda answer: float(answer) < 0,
                    example=-5000.0,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "summarise",
            ck.Function(ck.Frame(REPORT_COLUMNS), cases=_report_cases),
            hints=(
                "Build the three Series (by handler) for complaints and questions, then put them in "
                "one `pd.DataFrame({...})`.",
                "The third column is the median of `answer_hours` within each handler; pandas skips "
                "missing answers in a median.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function returns the numbers of the global `pilot`; compute from its argument.",
                    when=_same_report_twice,
                    example=[_PLACEHOLDER_REPORT, _PLACEHOLDER_REPORT],
                ),
                ck.Wrong(
                    "`median_answer_hours` holds means. The answers that wait hours for approval pull "
                    "the mean far above what a typical customer waits; the column asks for the median.",
                    when=_reports_hold_means,
                    example=_reports_with_means(),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
