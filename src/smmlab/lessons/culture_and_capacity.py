"""Lesson 16 -- culture and capacity (truth-1, truth-6).

Customers write to Northwind at all hours. Whether they get an answer depends on how many people
answer, on which hours, and how much of their day the company lets them spend with customers.
The explorer runs the inbox as a queue under a roster and shows the backlog hour by hour and how
fast replies come.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.sim import Audience, benchmarks
from smmlab.sim.capacity import COVERAGES, WEEK_HOURS, CapacityResult, Staff, simulate_capacity
from smmlab.sim.params import Params, bounded
from smmlab.style import LINESTYLES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "inbound_per_1000_followers_month",
    "followers",
    "complaint_share_settled",
    "question_weight",
    "praise_weight",
    "lead_weight",
    "minutes_complaint",
    "minutes_question",
    "minutes_praise",
    "minutes_lead",
    "expected_reply_hours",
    "brand_average_reply_hours",
    "expect_reply_within_hour_share",
    "unanswered_after_hours",
    "reply_cutoff_hours",
    "followers_one_year_on",
    "team_hours_per_week",
    "answering_share_of_shift",
    "social_staff_in_house",
    "dedicated_social_team_size",
    "org_company_wide_strategy_share",
    "org_support_social_staff_share",
    "org_marketing_social_staff_share",
]

COVERAGE_LABELS = {
    "office": "office hours (Mon-Fri 9-17)",
    "extended": "7:00-23:00, 7 days",
    "round-the-clock": "round the clock",
}
#: Northwind today and one year on (the fact sheet, ``smmlab.northwind``).
TODAY = int(benchmarks.value("followers"))
ONE_YEAR_ON = int(benchmarks.value("followers_one_year_on"))
FOLLOWERS = {f"{TODAY:,} (today)": TODAY, f"{ONE_YEAR_ON:,} (one year on)": ONE_YEAR_ON}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    people
        People answering customers (1 = the lone social media manager).
    answering_share
        Share of each shift they may spend with customers (the culture).
    coverage
        Which hours they work: ``office``, ``extended`` or ``round-the-clock``.
    followers
        Northwind's followers; messages arrive at 39 per 1,000 a month (CARE5).
    weeks, seed
        Length of the simulated period and the random seed.
    """

    people: int = bounded(1, low=0, high=200, unit="people", integer=True)
    answering_share: float = bounded(
        low=0.01, high=1, unit="share of each shift", benchmark="answering_share_of_shift"
    )
    coverage: str = field(default="office")
    followers: int = bounded(low=0, high=10_000_000, unit="followers", integer=True, benchmark="followers")
    weeks: int = bounded(12, low=1, high=520, unit="weeks", integer=True)
    seed: int = bounded(1, low=0, high=2**32 - 1, integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.coverage not in COVERAGES:
            raise ValueError(
                f"Scenario.coverage = {self.coverage!r} is not one of the allowed values {COVERAGES}"
            )


def run(scenario: Scenario | None = None) -> CapacityResult:
    """Simulate the scenario (default: one manager, half their time, office hours)."""
    scenario = scenario or Scenario()
    return simulate_capacity(
        Staff(people=int(scenario.people), answering_share=scenario.answering_share),
        scenario.coverage,
        audience=Audience(followers=int(scenario.followers)),
        weeks=int(scenario.weeks),
        seed=int(scenario.seed),
    )


def compute(people: int, answering_share: float, coverage: str, followers: int) -> CapacityResult:
    """The explorer's pure compute step."""
    return run(
        Scenario(
            people=int(people), answering_share=answering_share, coverage=coverage, followers=int(followers)
        )
    )


def staffing_table(
    followers: int = TODAY,
    coverage: str = "round-the-clock",
    answering_share: float = 0.5,
    max_people: int = 8,
) -> pd.DataFrame:
    """Reply times and backlog for 1 to ``max_people`` people under one roster and culture."""
    rows = {}
    for people in range(1, int(max_people) + 1):
        summary = run(
            Scenario(people=people, answering_share=answering_share, coverage=coverage, followers=followers)
        ).summary()
        rows[people] = {
            "hours for customers / week": summary["customer_hours_per_week"],
            "work needed / week (h)": summary["work_hours_per_week"],
            "replied within 1 h": summary["within_1h_share"],
            "replied within 4 h": summary["within_4h_share"],
            "median reply (h)": summary["median_reply_hours"],
            "mean backlog": summary["mean_backlog"],
            "never answered": 1 - summary["answered_share"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("people").round(2)


def coverage_table(followers: int = TODAY, answering_share: float = 0.5, max_people: int = 6) -> pd.DataFrame:
    """Share of messages answered within 4 hours, by head count (rows) and working hours (columns)."""
    return pd.DataFrame(
        {
            COVERAGE_LABELS[coverage]: [
                run(
                    Scenario(
                        people=people, answering_share=answering_share, coverage=coverage, followers=followers
                    )
                ).summary()["within_4h_share"]
                for people in range(1, int(max_people) + 1)
            ]
            for coverage in COVERAGES
        },
        index=pd.RangeIndex(1, int(max_people) + 1, name="people"),
    ).round(2)


def _hours(hours: float) -> str:
    if math.isnan(hours):
        return "no replies"
    if hours < 1:
        return f"{hours * 60:.0f} min"
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def render(result: CapacityResult, figure: Figure) -> Rendered:
    """Backlog through one week (left) and the share of messages answered within each time (right)."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import NullLocator, PercentFormatter
    summary = result.summary()
    left, right = panels(figure, [1.45, 1], left=0.07, right=0.96, bottom=0.15, top=0.8, wspace=0.22)

    week = min(1, result.weeks - 1)  # the second week, once the queue has warmed up
    backlog = result.backlog.iloc[week * WEEK_HOURS : (week + 1) * WEEK_HOURS]
    hours = np.arange(len(backlog))
    waiting = backlog["waiting"].to_numpy()
    top = max(float(waiting.max()) * 1.15, 5.0)
    on = result.on_duty[: len(hours)] > 0
    left.fill_between(
        hours,
        0,
        top,
        where=on,
        step="post",
        color=PALETTE["sky"],
        alpha=0.25,
        linewidth=0,
        hatch="..",
    )
    left.step(hours, waiting, where="post", color=PALETTE["vermillion"], linewidth=1.4)
    left.set_xlim(0, WEEK_HOURS)
    left.set_ylim(0, top)
    left.set_xticks(np.arange(7) * 24 + 12, DAYS)
    left.tick_params(axis="x", length=0)
    for day in range(1, 7):
        left.axvline(day * 24, color=PALETTE["grey"], linewidth=0.6)
    left.grid(axis="x", visible=False)
    left.set_ylabel("messages waiting")
    left.set_title(f"Backlog through week {week + 1}", pad=22)
    legend_above(
        left,
        handles=[
            Patch(facecolor=PALETTE["sky"], alpha=0.4, hatch="..", label="someone on duty"),
            left.lines[0],
        ],
        labels=["someone on duty", "messages waiting"],
        ncols=2,
        fontsize=8,
    )

    reply = np.sort(result.messages["reply_hours"].dropna().to_numpy())
    total = max(len(result.messages), 1)
    grid = np.geomspace(0.05, 72, 120)
    within = np.searchsorted(reply, grid, side="right") / total
    right.plot(grid, within, color=PALETTE["blue"], linestyle=LINESTYLES[0], label="answered within")
    right.axhline(0.9, color=PALETTE["grey"], linestyle=LINESTYLES[2], linewidth=1, label="90% target")
    for mark, marker, key in ((1.0, "s", "within_1h_share"), (4.0, "o", "within_4h_share")):
        right.plot(
            [mark],
            [summary[key]],
            marker=marker,
            color=PALETTE["orange"],
            markeredgecolor="black",
            linestyle="none",
            markersize=7,
        )
        right.annotate(
            f"{summary[key]:.0%} ≤ {mark:g} h",
            (mark, summary[key]),
            textcoords="offset points",
            xytext=(-7 if mark < 2 else 7, -13 if summary[key] > 0.8 else 7),
            ha="right" if mark < 2 else "left",
            fontsize=8.5,
        )
    right.set_xscale("log")
    right.xaxis.set_minor_locator(NullLocator())
    right.set_xlim(0.05, 72)
    right.set_xticks([0.1, 1, 4, 24, 72], ["6 min", "1 h", "4 h", "1 d", "3 d"])
    right.set_ylim(0, 1.02)
    right.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    right.set_xlabel("time since the message (log scale)")
    right.set_ylabel("share of messages answered")
    right.set_title("How fast replies come", pad=22)
    legend_above(right, ncols=2, fontsize=8, handlelength=2.0)

    capacity = summary["customer_hours_per_week"]
    needed = summary["work_hours_per_week"]
    headlines = [
        Headline(
            "Messages a week",
            f"{summary['messages_per_week']:,.0f}",
            f"{needed:.0f} h of work (assumed minutes)",
        ),
        Headline(
            "Hours for customers",
            f"{capacity:.0f} h/week",
            "enough people-hours" if capacity >= needed else "fewer than the work needs",
        ),
        Headline("Replied within 4 h", f"{summary['within_4h_share']:.0%}", "what customers expect (CARE3)"),
        Headline(
            "Replied within 1 h", f"{summary['within_1h_share']:.0%}", "40% of complainers want this (CARE8)"
        ),
        Headline("Median reply", _hours(summary["median_reply_hours"]), "brands average about 10 h (CARE3)"),
        Headline(
            "Backlog",
            f"{summary['mean_backlog']:.0f} on average",
            f"peak {summary['peak_backlog']:.0f}; never answered {1 - summary['answered_share']:.0%}",
        ),
    ]
    people = "1 person" if result.staff.people == 1 else f"{result.staff.people} people"
    roster = f"{people} answering, {result.staff.answering_share:.0%} of their shifts"
    alt = (
        f"Two charts for {roster} with customers, {COVERAGE_LABELS[result.coverage]}. Left: messages waiting "
        f"through week {week + 1}, peaking at {int(waiting.max())}; someone is on duty "
        f"{summary['covered_share']:.0%} of the week. Right: {summary['within_1h_share']:.0%} of messages "
        f"answered within 1 hour, {summary['within_4h_share']:.0%} within 4 hours, "
        f"{1 - summary['answered_share']:.0%} never."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: people, their time for customers, their hours, and the load."""
    return Explorer(
        title="One manager or a whole team? Northwind's inbox, 12 weeks",
        intro="Messages arrive day and night. Choose who answers, when, and how much time they get for it.",
        controls=[
            Slider(
                "people",
                "People answering",
                1,
                10,
                1,
                1,
                fmt="{:.0f}",
                integer=True,
                help="Each works 40 hours a week in 8-hour shifts. 1 = the lone social media manager.",
            ),
            Slider(
                "answering_share",
                "Time for customers (culture)",
                0.1,
                1.0,
                0.05,
                0.5,
                fmt="{:.0%}",
                help="Share of each shift spent with customers; the rest goes to posts, reports, meetings.",
            ),
            Choice(
                "coverage",
                "Working hours",
                {label: key for key, label in COVERAGE_LABELS.items()},
                "office",
                help="Extra people in office hours add speed, not evenings or weekends.",
            ),
            Choice(
                "followers",
                "Followers",
                FOLLOWERS,
                TODAY,
                help="Messages arrive at 39 per 1,000 followers a month (CARE5).",
            ),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            question=(
                "One social media manager spends ALL of a 40-hour office week answering customers. "
                "What share of messages gets a reply within 4 hours, as customers expect?"
            ),
            guess=Slider("guess", "My guess: replied within 4 h", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"people": 1, "answering_share": 1.0, "coverage": "office", "followers": TODAY},
            answer=lambda result: result.summary()["within_4h_share"],
            explain=(
                "Office hours are 40 of the week's 168 hours. Messages sent in the evening, at night or "
                "at the weekend wait for Monday morning, however hard the manager works."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
