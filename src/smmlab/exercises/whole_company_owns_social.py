"""Exercise 03 -- the whole company owns social: a randomised pilot and a quarter's bought leads."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.sim.routing import ROUTING_KINDS, TEAMS, Staffing, simulate_inbox

PILOT_COLUMNS = ["message_id", "week", "kind", "team", "reply_minutes", "resolved"]
#: The rows of the attribution table: every team, and the leads no channel is credited with.
ATTRIBUTION_ROWS = (*TEAMS, "untracked")


class Data(NamedTuple):
    """The exercise's two tables."""

    pilot: pd.DataFrame
    leads: pd.DataFrame


def build(seed: int) -> Data:
    """A four-week pilot with messages routed at random, and a quarter's converted leads.

    ``pilot``: one row per message (``message_id``, ``week``, ``kind``, ``team``,
    ``reply_minutes``, ``resolved``) from a pilot in which each message went to a random person
    on duty (two per team). ``leads``: one row per lead that bought in a routed quarter
    (``lead_id``, ``kind`` of the conversation that created it, ``origin`` team and the channel
    last-touch attribution ``credited``).
    """
    pilot = simulate_inbox(Staffing(marketing=2, service=2, pr=2, sales=2), "random", weeks=4, seed=seed)
    table = pilot.messages[PILOT_COLUMNS].copy()
    table["kind"] = table["kind"].astype(str)
    table["team"] = table["team"].astype(str)
    quarter = simulate_inbox(
        Staffing(marketing=1, service=2, pr=1, sales=1), "cross-functional", weeks=13, seed=seed
    )
    converted = quarter.messages[quarter.messages["converted"]]
    leads = pd.DataFrame(
        {
            "lead_id": np.arange(len(converted)),
            "kind": converted["kind"].astype(str).to_numpy(),
            "origin": converted["origin"].to_numpy(),
            "credited": converted["credited"].to_numpy(),
        }
    )
    return Data(table, leads)


def _labels(index) -> set[str]:
    return {str(label) for label in index}


def _attribution_columns(answer) -> pd.DataFrame | None:
    if isinstance(answer, pd.DataFrame) and {"originated", "credited"} <= set(answer.columns):
        return answer[["originated", "credited"]]
    return None


EXERCISE = ck.Exercise(
    slug="03-whole-company-owns-social",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "best_for_complaints",
            ck.Choice(TEAMS),
            predict="predicted_best_for_complaints",
            hints=(
                "Keep the complaints, then group by `team` and average `resolved`.",
                "`pilot[pilot['kind'] == 'complaint']` keeps the complaints; after grouping and "
                "averaging, which method of a Series gives the label of its largest value?",
            ),
            wrong=(
                ck.Wrong(
                    "Marketing writes the brand's messages, but in the pilot it resolved complaints "
                    "least often: answering is a different skill (myth-3).",
                    when=lambda answer: str(answer).strip().lower() == "marketing",
                    example="marketing",
                ),
            ),
        ),
        ck.Question(
            "q2",
            "resolution_by_team",
            ck.Frame(ROUTING_KINDS),
            hints=(
                "One row per team, one column per kind, each cell the mean of `resolved`.",
                "`pilot.pivot_table(...)` takes `index`, `columns`, `values` and `aggfunc`; which "
                "column goes where, and which summary gives a share?",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts of resolved messages; divide by the messages each team got (use "
                    "the mean), or a team that simply got more messages looks better.",
                    value=lambda data: data.pilot.pivot_table(
                        index="team", columns="kind", values="resolved", aggfunc="sum"
                    ),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "attribution_table",
            ck.Frame(("originated", "credited")),
            hints=(
                "`leads['origin'].value_counts(normalize=True)` gives the share each team created.",
                "Put that and the same for `credited` into one `pd.DataFrame` with the columns "
                "`originated` and `credited`, then make sure every one of the five rows is there, "
                "with 0 where a team has no lead.",
            ),
            wrong=(
                ck.Wrong(
                    "Those look like counts; give shares of all converted leads (normalize=True).",
                    when=lambda answer: (
                        (table := _attribution_columns(answer)) is not None
                        and float(table["originated"].sum()) > 1.5
                    ),
                    example=pd.DataFrame(
                        {"originated": [400, 100, 10, 0, 0], "credited": [200, 0, 1, 200, 109]},
                        index=["sales", "service", "pr", "marketing", "untracked"],
                    ),
                ),
                ck.Wrong(
                    "Some cells are empty (NaN): a team that created or was credited with no lead has "
                    "a share of 0, so fill the gaps with 0.",
                    when=lambda answer: (
                        (table := _attribution_columns(answer)) is not None and bool(table.isna().any().any())
                    ),
                    example=pd.DataFrame(
                        {"originated": [0.8, 0.2, np.nan], "credited": [0.6, np.nan, 0.4]},
                        index=["sales", "service", "untracked"],
                    ),
                ),
                ck.Wrong(
                    "The table needs exactly one row for each of marketing, service, pr, sales and "
                    "untracked (0 where there is no lead).",
                    when=lambda answer: (
                        _attribution_columns(answer) is not None
                        and _labels(answer.index) != set(ATTRIBUTION_ROWS)
                    ),
                    example=pd.DataFrame(
                        {"originated": [0.8, 0.2], "credited": [0.6, 0.4]}, index=["sales", "service"]
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "best_mix",
            ck.Function(ck.Tuple((ck.Number(),) * 4), cases=lambda data: [(4,)]),
            hints=(
                "Loop over every (marketing, service, pr, sales) with non-negative whole numbers adding "
                "up to `head_count`, e.g. four nested `range(head_count + 1)` loops and an `if`.",
                "For each mix call `lesson.simulate(m, s, p, k)['wtp_gain_per_message']` and keep the "
                "mix with the largest value; return it as a tuple.",
            ),
            wrong=(
                ck.Wrong(
                    "All four in marketing: that is the myth this lesson tests. Let the search decide.",
                    value=lambda data: [(4, 0, 0, 0)],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
