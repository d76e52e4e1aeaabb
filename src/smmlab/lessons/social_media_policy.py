"""Lesson 14 -- a social media policy (mistake-9).

Ten of Northwind's 200 employees post for the brand. The explorer runs a policy checker over their draft
posts at the strictness you choose, marks what it catches, misses and flags by mistake, and
turns its catch rate and the share of staff who know the policy into expected incidents a year.
The exercise asks learners to write a checker that reads its word lists from the policy it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from smmlab.policy import RULES, check_posts, checker_scores, drafts_table
from smmlab.sim import benchmarks
from smmlab.sim.breaches import PolicyRisk, expected_breaches
from smmlab.sim.params import Params, bounded
from smmlab.style import HATCHES, PALETTE, legend_above, panels
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Benchmarks behind this lesson's numbers.
SOURCES = [
    "firms_without_policy_2011",
    "firms_without_policy_2014",
    "policies_covering_confidential",
    "firms_disciplining_staff_2014",
    "firms_with_policy_share",
    "policy_known_well_share",
    "policy_checked_share",
    "crises_preventable_share",
    "policy_employees",
    "policy_posts_per_employee_year",
    "breach_rate_personal_data",
    "breach_rate_confidential",
    "breach_rate_uncredited",
    "breach_rate_off_voice",
    "breach_crisis_share",
    "policy_review_minutes",
]

LEVELS = ("none", "lenient", "standard", "strict")
RULE_LABELS = {
    "personal_data": "privacy",
    "confidential": "confidential",
    "uncredited": "copyright",
    "off_voice": "brand voice",
}


@dataclass(frozen=True)
class Scenario(Params):
    """The lesson's knobs; everything else keeps its calibrated default.

    Attributes
    ----------
    strictness
        0 = no policy, 1 = lenient, 2 = standard, 3 = strict (see :mod:`smmlab.policy`).
    awareness
        Share of posts whose author knows the policy and checks the post (assumption: 18%,
        inspired by ORG3's 18% of firms whose employees know the policy well).
    employees
        Employees who post for the brand.
    """

    strictness: int = bounded(2, low=0, high=3, unit="0 none ... 3 strict", integer=True)
    awareness: float = bounded(low=0, high=1, unit="share of posts", benchmark="policy_checked_share")
    employees: int = bounded(
        low=0, high=100_000, unit="employees", integer=True, benchmark="policy_employees"
    )

    @property
    def level(self) -> str:
        """The strictness level's name."""
        return LEVELS[int(self.strictness)]


@dataclass(frozen=True)
class Checked:
    """The checker's verdicts on the drafts, and the expected incidents with and without it."""

    level: str
    drafts: pd.DataFrame
    flags: pd.DataFrame
    scores: pd.DataFrame
    without: pd.DataFrame
    with_policy: pd.DataFrame
    risk: PolicyRisk

    def summary(self) -> dict[str, float]:
        """Headline numbers."""
        without, with_policy = self.without["incidents"].sum(), self.with_policy["incidents"].sum()
        return {
            "caught": float(self.scores["caught"].sum()),
            "missed": float(self.scores["missed"].sum()),
            "false_alarms": float(self.scores["false_alarms"].sum()),
            "problems": float(self.scores["problems"].sum()),
            "incidents_without": float(without),
            "incidents_with": float(with_policy),
            "avoided_share": float(1 - with_policy / without) if without > 0 else 0.0,
            "chance_of_incident": float(1 - np.exp(-with_policy)),
            "crises_with": float(self.with_policy["crises"].sum()),
            "review_hours": float(self.with_policy["review_hours"].sum()),
        }


def run(scenario: Scenario | None = None) -> Checked:
    """Check the drafts and compute expected incidents for the scenario."""
    scenario = scenario or Scenario()
    risk = PolicyRisk(employees=int(scenario.employees), awareness=scenario.awareness)
    table = drafts_table()
    if scenario.level == "none":
        flags = pd.DataFrame(False, index=table.index, columns=list(RULES))
        scores = checker_scores(strictness="standard").assign(caught=0, false_alarms=0, recall=0.0)
        scores["missed"] = scores["problems"]
        catch, flag_rate = None, 0.0
    else:
        flags = check_posts(table["text"], scenario.level)
        scores = checker_scores(strictness=scenario.level)
        catch = scores["recall"].to_dict()
        flag_rate = min(float(scores["false_alarms"].sum()) / len(table), 1.0)
    return Checked(
        level=scenario.level,
        drafts=table,
        flags=flags,
        scores=scores,
        without=expected_breaches(risk, None),
        with_policy=expected_breaches(risk, catch, flag_rate),
        risk=risk,
    )


def compute(strictness: int, awareness: float, employees: int) -> Checked:
    """The explorer's pure compute step."""
    return run(Scenario(strictness=int(strictness), awareness=awareness, employees=int(employees)))


MARKS = {
    "caught": ("o", PALETTE["green"], "caught"),
    "missed": ("s", PALETTE["vermillion"], "missed"),
    "false": ("X", PALETTE["orange"], "false alarm"),
}


def render(result: Checked, figure: Figure) -> Rendered:
    """Drafts × rules with the checker's verdicts (left); incidents a year by rule (right)."""
    from matplotlib.lines import Line2D
    summary = result.summary()
    grid, bars = panels(figure, [1.15, 1], left=0.17, right=0.985, bottom=0.12, top=0.82, wspace=0.32)
    table, flags = result.drafts, result.flags
    rows = np.arange(len(table))[::-1]
    for kind, (marker, colour, _label) in MARKS.items():
        xs, ys = [], []
        for column, rule in enumerate(RULES):
            truth, flagged = table[rule].to_numpy(), flags[rule].to_numpy()
            mask = {"caught": truth & flagged, "missed": truth & ~flagged, "false": ~truth & flagged}[kind]
            xs += [column] * int(mask.sum())
            ys += list(rows[mask])
        filled = kind != "missed"
        grid.scatter(
            xs,
            ys,
            marker=marker,
            s=70,
            facecolors=colour if filled else "white",
            edgecolors=colour,
            linewidths=1.8,
            zorder=3,
        )
    grid.set_xticks(range(len(RULES)), [RULE_LABELS[rule] for rule in RULES], fontsize=8.5)
    grid.set_yticks(rows, table["label"], fontsize=8)
    grid.set_xlim(-0.5, len(RULES) - 0.5)
    grid.set_ylim(-0.7, len(table) - 0.3)
    grid.xaxis.tick_top()
    grid.tick_params(axis="x", length=0, pad=2)
    grid.set_title(f"Checker ({result.level}) on 12 drafts", pad=24, fontsize=11)
    handles = [
        Line2D([], [], marker=m, linestyle="", markersize=7, markerfacecolor=c if k != "missed" else "white",
               markeredgecolor=c, markeredgewidth=1.6, label=label)
        for k, (m, c, label) in MARKS.items()
    ]  # fmt: skip
    grid.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncols=3, fontsize=8,
                handletextpad=0.2, columnspacing=1.0)  # fmt: skip

    positions = np.arange(len(RULES))[::-1]
    height = 0.38
    bars.barh(positions + height / 2, result.without["incidents"], height, color=PALETTE["grey"],
              edgecolor="white", label="no policy")  # fmt: skip
    bars.barh(positions - height / 2, result.with_policy["incidents"], height, color=PALETTE["blue"],
              hatch=HATCHES[1], edgecolor="white", label=f"{result.level} policy")  # fmt: skip
    bars.set_yticks(positions, [RULE_LABELS[rule] for rule in RULES], fontsize=9)
    bars.set_xlim(0, max(result.without["incidents"].max(), 1e-9) * 1.15)
    bars.set(xlabel="expected incidents per year")
    bars.set_title("Risky posts that go out", pad=24, fontsize=11)
    legend_above(bars, ncols=2, fontsize=8.5)

    known = result.risk.awareness
    headlines = [
        Headline(
            "Drafts: caught / missed",
            f"{summary['caught']:.0f} / {summary['missed']:.0f}",
            f"of {summary['problems']:.0f} problems a reviewer found",
        ),
        Headline("False alarms", f"{summary['false_alarms']:.0f}", "innocent drafts flagged"),
        Headline(
            "Incidents per year",
            f"{summary['incidents_with']:.2f}",
            f"{summary['incidents_without']:.2f} with no policy; {summary['avoided_share']:.0%} avoided",
        ),
        Headline(
            "Chance of an incident this year",
            f"{summary['chance_of_incident']:.0%}",
            f"staff who check posts: {known:.0%} (assumed; ORG3: 18% of firms say staff know it well)",
        ),
        Headline(
            "Review time", f"{summary['review_hours']:.1f} h a year", "10 min per flagged post (assumed)"
        ),
    ]
    alt = (
        f"Left: a grid of 12 draft posts by four policy rules under the {result.level} checker: "
        f"{summary['caught']:.0f} of {summary['problems']:.0f} problems caught, "
        f"{summary['missed']:.0f} missed, "
        f"{summary['false_alarms']:.0f} false alarms. Right: expected incidents per year by rule, "
        f"{summary['incidents_without']:.2f} in all with no policy and {summary['incidents_with']:.2f} with "
        f"this policy when {known:.0%} of posts are checked."
    )
    return Rendered(headlines, alt)


def explorer() -> Explorer:
    """The lesson's explorer: the policy's strictness, who knows it, and how many people post."""
    known = benchmarks.value("policy_checked_share")
    employees = int(benchmarks.value("policy_employees"))
    return Explorer(
        title="A policy checker over Northwind's drafts, and incidents a year",
        intro="Twelve drafts from Northwind's staff; a reviewer has marked which rules each one breaks.",
        controls=[
            Choice(
                "strictness",
                "Policy",
                {"None": 0, "Lenient": 1, "Standard": 2, "Strict": 3},
                2,
                help="Lenient: privacy and confidentiality only. Strict: wider word lists.",
            ),
            Slider(
                "awareness",
                "Staff who check posts against it",
                0.0,
                1.0,
                0.02,
                known,
                fmt="{:.0%}",
                help=(
                    "An assumption: 18% by default, inspired by Altimeter's survey, where only 18% of "
                    "firms said employees know the policy well (ORG3)."
                ),
            ),
            Slider(
                "employees",
                "Employees posting for the brand",
                1,
                50,
                1,
                employees,
                fmt="{:.0f}",
                help="Each publishes about 100 posts and replies a year (assumption).",
                integer=True,
            ),
        ],
        compute=compute,
        render=render,
        figure_size=(9.5, 4.3),
        prediction=Prediction(
            question=(
                "Northwind adopts the standard policy, but only 18% of the staff's posts are checked "
                "against it (an assumption inspired by Altimeter's survey, where 18% of firms said "
                "employees know their policy well). What share of the yearly incidents does it avoid?"
            ),
            guess=Slider("guess", "My guess: share avoided", 0.0, 1.0, 0.05, 0.5, fmt="{:.0%}"),
            scenario={"strictness": 2, "awareness": known, "employees": employees},
            answer=lambda result: result.summary()["avoided_share"],
            explain=(
                "A policy acts only on the posts of people who know it, and then only as far as its checks "
                "catch the problem; written but unknown, it avoids little."
            ),
        ),
    )


def sources() -> pd.DataFrame:
    """Where each of this lesson's numbers comes from."""
    return benchmarks.sources_table(SOURCES)
