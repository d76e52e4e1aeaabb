"""Exercise 18 -- owned versus earned credibility: everyone Northwind's kettle launch reached."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.owned_vs_earned_credibility import Scenario, run

#: The launch the exercise data come from. Sources are trusted as in Nielsen's 2012 survey (TRUST2:
#: friends 92%, brand websites 58%): with the 2015 figures (83% against 70%) a launch this size
#: shows owned posts converting a larger share in about one draw in ten, by chance alone.
CAMPAIGN = {"owned_posts": 12, "happy_customers": 150, "recommend_chance": 0.18, "survey": 2012}
SEED = 2026
CHANNELS = ("owned", "earned")
COLUMNS = ["person", "follower", "channel", "round", "passed_on", "converted"]
REACH_COLUMNS = ("reached", "non_followers", "conversions")

#: Inputs on which a learner's belief function is checked: (prior, endorsements), each endorsement
#: a (source, trust) pair. Brand posts repeat one source; friends are different sources.
BELIEF_CASES = [
    (0.5, [("northwind", 0.70)]),
    (0.5, [("northwind", 0.70), ("northwind", 0.70), ("northwind", 0.70)]),
    (0.5, [("ana", 0.83), ("ben", 0.83)]),
    (0.3, [("ana", 0.83), ("northwind", 0.70), ("ana", 0.83), ("reviews", 0.66)]),
    (0.2, []),
    (0.6, [("northwind", 0.58), ("northwind", 0.58), ("cleo", 0.92)]),
]


def build(seed: int) -> pd.DataFrame:
    """Everyone Northwind's launch reached: one row per person and channel.

    Columns: ``person`` (id), ``follower`` (follows Northwind), ``channel`` ("owned" or
    "earned"), ``round`` (0 = saw Northwind's post or heard from an early customer; 1, 2, … =
    passed on by someone), ``passed_on`` (shared it further) and ``converted`` (bought the kettle).
    """
    return run(Scenario(seed=seed, **CAMPAIGN)).people[COLUMNS].reset_index(drop=True)


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _followers_by_channel(people: pd.DataFrame) -> pd.Series:
    """The followers reached by each channel (what a flipped ``follower`` test counts)."""
    return people.groupby("channel")["follower"].sum().astype(float)


def _rate(people: pd.DataFrame, channel: str) -> float:
    return float(people.loc[people["channel"] == channel, "converted"].mean())


def _buyers(people: pd.DataFrame, channel: str) -> float:
    return float(people.loc[people["channel"] == channel, "converted"].sum())


def _not_by_channel(answer: object) -> bool:
    return isinstance(answer, pd.DataFrame) and {str(label) for label in answer.index} != set(CHANNELS)


def _numbers(answer: object) -> list[float] | None:
    if not isinstance(answer, pd.Series) or answer.empty:
        return None
    values = answer.tolist()
    return [float(v) for v in values] if all(ck.is_real_number(v) for v in values) else None


def _counts(answer: object) -> bool:
    values = _numbers(answer)
    return values is not None and all(v >= 1 and float(v).is_integer() for v in values)


def _percentages(answer: object) -> bool:
    values = _numbers(answer)
    return values is not None and all(1 < v <= 100 for v in values)


def _every_endorsement(prior: float, endorsements: list[tuple[str, float]]) -> float:
    """Belief if every endorsement were new evidence, repeats of one source included."""
    odds = prior / (1 - prior)
    for _source, trust in endorsements:
        odds /= 1 - trust
    return odds / (1 + odds)


def _averaged(outputs: list) -> bool:
    """The outputs are the mean trust of each case's endorsements (where there are any)."""
    return all(
        ck.number_matches(output, float(np.mean([t for _s, t in endorsements])), rel_tol=1e-6)
        for output, (_prior, endorsements) in zip(outputs, BELIEF_CASES, strict=True)
        if endorsements
    )


EXERCISE = ck.Exercise(
    slug="18-owned-vs-earned-credibility",
    build=build,
    seed=SEED,
    questions=(
        ck.Question(
            "q1",
            "earned_vs_owned",
            ck.Number(),
            predict="predicted_channel",
            hints=(
                "Compare buyers per person reached, not the number of buyers: one channel reaches "
                "far more people.",
                "The mean of the True/False column `converted` is the share who bought; compute it "
                "for the `earned` rows and for the `owned` rows, then divide the first by the second.",
            ),
            wrong=(
                ck.Wrong(
                    "That divides the numbers of buyers. Owned posts win more buyers only because "
                    "they reach more people; divide each channel's buyers by the people it reached "
                    "first. Per person reached, a friend's word carries more weight than the "
                    "brand's own page (truth-3).",
                    value=lambda people: _buyers(people, "earned") / _buyers(people, "owned"),
                ),
                ck.Wrong(
                    "That is the owned share over the earned share: the task asks for word of "
                    "mouth's share divided by the owned posts' share.",
                    value=lambda people: _rate(people, "owned") / _rate(people, "earned"),
                ),
            ),
        ),
        ck.Question(
            "q2",
            "reach_by_channel",
            ck.Frame(REACH_COLUMNS),
            hints=(
                "Group the rows by `channel`; count rows, count rows with `follower == False`, and "
                "sum `converted`.",
                "`people.groupby('channel').agg(...)` builds one column per named pair "
                "`name=(column, how)`; `'size'` counts rows, `'sum'` adds up, and a function such "
                "as `lambda s: ...` can count the rows where `follower` is False.",
            ),
            wrong=(
                ck.Wrong(
                    "Your `non_followers` counts the followers: `follower == True` are the people "
                    "who already follow Northwind. Count the rows where it is False.",
                    column="non_followers",
                    value=_followers_by_channel,
                ),
                ck.Wrong(
                    "The table should have one row per channel, indexed by 'owned' and 'earned' "
                    "(group by `channel`).",
                    when=_not_by_channel,
                    example=pd.DataFrame({name: [1.0, 2.0] for name in REACH_COLUMNS}),
                ),
            ),
        ),
        ck.Question(
            "q3",
            "conversion_by_channel",
            ck.Series(),
            hints=(
                "Buyers divided by people reached, for each channel.",
                "Your table of task 2 has both columns you need; or take the mean of `converted` "
                "within each channel.",
            ),
            wrong=(
                ck.Wrong(
                    "Those are counts of buyers. A channel that reaches more people wins more "
                    "buyers; divide by the people reached to compare credibility.",
                    when=_counts,
                    example=pd.Series({"owned": 199.0, "earned": 117.0}),
                ),
                ck.Wrong(
                    "Those look like percentages. Give rates as fractions (0.021, not 2.1).",
                    when=_percentages,
                    example=pd.Series({"owned": 2.07, "earned": 2.69}),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "posterior_belief",
            ck.Function(ck.Number(), cases=lambda data: [(p, list(e)) for p, e in BELIEF_CASES]),
            hints=(
                "Work in odds: odds = p / (1 - p), and p = odds / (1 + odds). An endorsement by a "
                "new source of trust t multiplies the odds by 1 / (1 - t).",
                "A source that praises regardless does so in every post: its second endorsement "
                "tells the reader nothing new. Keep each source's trust once (a dict keyed by "
                "source does that), then multiply the odds by each.",
            ),
            wrong=(
                ck.Wrong(
                    "Your function counts every endorsement, so three posts from Northwind move the "
                    "reader more than one, and soon more than two friends. A source that praises "
                    "regardless does so in every post: a repeat adds no evidence. Count each source "
                    "once; publishing more copy does not make it more credible (truth-3).",
                    value=lambda data: [_every_endorsement(p, e) for p, e in BELIEF_CASES],
                ),
                ck.Wrong(
                    "Multiplying the prior by the trusts makes every endorsement *lower* the "
                    "belief. An endorsement is evidence for the claim: it should raise the odds.",
                    value=lambda data: [p * math.prod(t for _s, t in e) for p, e in BELIEF_CASES],
                ),
                ck.Wrong(
                    "Averaging the trusts ignores the prior and the number of sources: three "
                    "different friends saying the same thing are stronger evidence than one.",
                    when=_averaged,
                    example=[float(np.mean([t for _s, t in e])) if e else p for p, e in BELIEF_CASES],
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
