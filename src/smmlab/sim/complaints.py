"""What happens to one public complaint, by how the brand responds.

A per-complaint decision tree. The brand picks a response strategy; the complainer then stays or
switches to a competitor, shames the brand in public or not, recommends it or not; and onlookers
may pile on (a backlash). Moving the conversation to a private channel and fixing the problem
works only when the problem can be fixed; when the fix fails, the complainer is left with what a
public answer alone gives.

Cited anchors: an ignored complainer switches with probability about 1/3 and shames the brand in
public with probability 0.36 (CARE7); 71% of customers given good care recommend the brand against
19% of those ignored (RESP3); answered complainers are about twice as likely to recommend as
unanswered ones (CARE8). That answering avoids about three quarters of the escalations an ignored
complaint would draw is an assumption inspired by CRIS6 (preparation prevents or reduces about
three quarters of crises). Everything about deleting and arguing is a labelled modelling assumption.
Money is in US dollars.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

#: Response strategies, from worst practice to best.
STRATEGIES = ("ignore", "delete", "argue", "public", "private")
STRATEGY_LABELS = {
    "ignore": "ignore",
    "delete": "delete",
    "argue": "argue back",
    "public": "answer publicly",
    "private": "move to private and fix",
}
OUTCOMES = ("churned", "shamed", "recommends", "backlash")


@dataclass(frozen=True)
class Reaction(Params):
    """Chances of each outcome of a complaint handled one way, and the work it takes.

    Attributes
    ----------
    churn
        Chance the complainer switches to a competitor.
    shame
        Chance the complainer shames the brand in public (a new post, a review, a screenshot).
    recommend
        Chance the complainer would recommend the brand afterwards.
    backlash
        Chance that onlookers pile on and the complaint escalates.
    minutes
        Staff minutes the response takes.
    """

    churn: float = bounded(low=0, high=1, unit="probability")
    shame: float = bounded(low=0, high=1, unit="probability")
    recommend: float = bounded(low=0, high=1, unit="probability")
    backlash: float = bounded(low=0, high=1, unit="probability")
    minutes: float = bounded(low=0, high=600, unit="minutes")


@dataclass(frozen=True)
class Strategies(Params):
    """How complainers and onlookers react to each strategy (defaults from ``benchmarks.toml``).

    ``reaction(strategy)`` assembles the :class:`Reaction` of one strategy; a failed private fix
    falls back to the public answer's reaction.
    """

    ignored_churn: float = bounded(low=0, high=1, unit="probability", benchmark="ignored_switch_share")
    ignored_shame: float = bounded(low=0, high=1, unit="probability", benchmark="ignored_shame_share")
    ignored_recommend: float = bounded(low=0, high=1, unit="probability", benchmark="recommend_if_ignored")
    ignored_backlash: float = bounded(low=0, high=1, unit="probability", benchmark="ignored_backlash_chance")
    answered_recommend_ratio: float = bounded(
        low=0, high=10, unit="multiple", benchmark="answered_recommend_ratio"
    )
    public_churn: float = bounded(low=0, high=1, unit="probability", benchmark="public_answer_churn")
    public_shame: float = bounded(low=0, high=1, unit="probability", benchmark="public_answer_shame")
    fixed_churn: float = bounded(low=0, high=1, unit="probability", benchmark="answered_fast_churn")
    fixed_shame: float = bounded(low=0, high=1, unit="probability", benchmark="fixed_shame")
    fixed_recommend: float = bounded(low=0, high=1, unit="probability", benchmark="recommend_if_answered")
    fix_success: float = bounded(low=0, high=1, unit="probability", benchmark="resolve_specialist")
    prevented_escalation: float = bounded(
        low=0, high=1, unit="share of escalations", benchmark="answered_escalations_avoided"
    )
    deleted_churn: float = bounded(low=0, high=1, unit="probability", benchmark="deleted_churn")
    deleted_shame: float = bounded(low=0, high=1, unit="probability", benchmark="deleted_shame")
    deleted_recommend: float = bounded(low=0, high=1, unit="probability", benchmark="deleted_recommend")
    deleted_backlash: float = bounded(low=0, high=1, unit="probability", benchmark="deleted_backlash_chance")
    argued_churn: float = bounded(low=0, high=1, unit="probability", benchmark="argued_churn")
    argued_shame: float = bounded(low=0, high=1, unit="probability", benchmark="argued_shame")
    argued_recommend: float = bounded(low=0, high=1, unit="probability", benchmark="argued_recommend")
    argued_backlash: float = bounded(low=0, high=1, unit="probability", benchmark="argued_backlash_chance")
    minutes_delete: float = bounded(low=0, high=600, unit="minutes", benchmark="minutes_delete")
    minutes_argue: float = bounded(low=0, high=600, unit="minutes", benchmark="minutes_argue")
    minutes_public: float = bounded(low=0, high=600, unit="minutes", benchmark="minutes_per_reply")
    minutes_private: float = bounded(low=0, high=600, unit="minutes", benchmark="minutes_complaint")

    def reaction(self, strategy: str) -> Reaction:
        """The reaction to ``strategy``; for ``"private"``, the reaction when the fix works."""
        _check_strategy(strategy)
        answered_backlash = self.ignored_backlash * (1 - self.prevented_escalation)
        if strategy == "ignore":
            return Reaction(
                self.ignored_churn, self.ignored_shame, self.ignored_recommend, self.ignored_backlash, 0
            )
        if strategy == "delete":
            return Reaction(
                self.deleted_churn,
                self.deleted_shame,
                self.deleted_recommend,
                self.deleted_backlash,
                self.minutes_delete,
            )
        if strategy == "argue":
            return Reaction(
                self.argued_churn,
                self.argued_shame,
                self.argued_recommend,
                self.argued_backlash,
                self.minutes_argue,
            )
        if strategy == "public":
            return Reaction(
                self.public_churn,
                self.public_shame,
                min(1.0, self.answered_recommend_ratio * self.ignored_recommend),
                answered_backlash,
                self.minutes_public,
            )
        return Reaction(
            self.fixed_churn, self.fixed_shame, self.fixed_recommend, answered_backlash, self.minutes_private
        )

    def expected(self, strategy: str) -> dict[str, float]:
        """Expected outcome rates of ``strategy`` (the private fix mixes success and failure)."""
        _check_strategy(strategy)
        reaction = self.reaction(strategy)
        rates = _rates(reaction)
        fixed = 0.0
        if strategy == "private":
            fallback = _rates(self.reaction("public"))
            fixed = self.fix_success
            rates = {name: fixed * value + (1 - fixed) * fallback[name] for name, value in rates.items()}
        return {
            "churned": rates["churn"],
            "shamed": rates["shame"],
            "recommends": rates["recommend"],
            "backlash": rates["backlash"],
            "fixed": fixed,
            "minutes": reaction.minutes,
        }

    def table(self) -> pd.DataFrame:
        """Expected outcome rates and minutes of work, one row per strategy."""
        return pd.DataFrame({s: self.expected(s) for s in STRATEGIES}).T.rename_axis("strategy")


@dataclass(frozen=True)
class Values(Params):
    """What each outcome is worth to the brand, in US dollars (assumptions except where noted).

    Attributes
    ----------
    customer_value
        Value of a customer lost or kept.
    referral_value
        Value of one customer's recommendation.
    shame_cost
        Cost of one public shaming (prospects who read it and stay away).
    backlash_cost
        Cost of one escalation (a pile-on of onlookers).
    fix_cost
        Cost of fixing one problem (a replacement part, a voucher).
    staff_cost_per_hour
        Full cost of an hour of the social team's time.
    """

    customer_value: float = bounded(low=0, high=1e6, unit="USD", benchmark="customer_value")
    referral_value: float = bounded(low=0, high=1e6, unit="USD", benchmark="referral_value")
    shame_cost: float = bounded(low=0, high=1e6, unit="USD", benchmark="public_shame_cost")
    backlash_cost: float = bounded(low=0, high=1e7, unit="USD", benchmark="backlash_cost")
    fix_cost: float = bounded(low=0, high=1e6, unit="USD", benchmark="fix_cost")
    staff_cost_per_hour: float = bounded(
        low=0, high=1e4, unit="USD per hour", benchmark="staff_cost_per_hour"
    )

    def net_value(
        self,
        churned: np.ndarray,
        shamed: np.ndarray,
        recommends: np.ndarray,
        backlash: np.ndarray,
        fixed: np.ndarray,
        minutes: np.ndarray,
    ) -> np.ndarray:
        """Net value of each complaint's outcome (booleans or expected rates), in US dollars."""
        return (
            np.asarray(recommends, dtype=float) * self.referral_value
            - np.asarray(churned, dtype=float) * self.customer_value
            - np.asarray(shamed, dtype=float) * self.shame_cost
            - np.asarray(backlash, dtype=float) * self.backlash_cost
            - np.asarray(fixed, dtype=float) * self.fix_cost
            - np.asarray(minutes, dtype=float) / 60 * self.staff_cost_per_hour
        )


def _rates(reaction: Reaction) -> dict[str, float]:
    """Outcome chances of a reaction; a customer who leaves never recommends."""
    return {
        "churn": reaction.churn,
        "shame": reaction.shame,
        "recommend": min(reaction.recommend, 1 - reaction.churn),
        "backlash": reaction.backlash,
    }


def _check_strategy(strategy: str) -> None:
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy = {strategy!r} is not one of the allowed values {STRATEGIES}")


def respond(
    strategy: np.ndarray | list[str],
    strategies: Strategies | None = None,
    values: Values | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw the outcome of each complaint given the strategy used on it.

    Parameters
    ----------
    strategy
        One strategy per complaint (see :data:`STRATEGIES`).
    strategies, values
        Reactions and values (defaults: ``benchmarks.toml``).
    seed
        Random seed; the same seed and strategies give the same outcomes.

    Returns
    -------
    pandas.DataFrame
        One row per complaint: ``strategy``, ``fixed``, ``churned``, ``shamed``, ``recommends``,
        ``backlash``, ``minutes`` and ``net_value`` (USD).
    """
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    strategies = strategies or Strategies()
    values = values or Values()
    chosen = np.asarray(strategy, dtype=object)
    unknown = set(chosen.tolist()) - set(STRATEGIES)
    if unknown:
        raise ValueError(f"strategy = {sorted(unknown)[0]!r} is not one of the allowed values {STRATEGIES}")
    count = len(chosen)
    rng = np.random.default_rng([seed, 9])
    draws = rng.random((5, count))  # one uniform per decision, so outcomes are coupled across strategies
    fixed = (chosen == "private") & (draws[0] < strategies.fix_success)
    params = np.zeros((5, count))  # churn, shame, recommend, backlash, minutes
    for name in STRATEGIES:
        mine = chosen == name
        if not mine.any():
            continue
        worked = strategies.reaction(name)
        failed = strategies.reaction("public") if name == "private" else worked
        for row, field in enumerate(("churn", "shame", "recommend", "backlash")):
            params[row, mine] = np.where(fixed[mine], getattr(worked, field), getattr(failed, field))
        params[4, mine] = worked.minutes
    churned = draws[1] < params[0]
    shamed = draws[2] < params[1]
    recommends = ~churned & (draws[3] < params[2] / np.maximum(1 - params[0], 1e-12))
    backlash = draws[4] < params[3]
    frame = pd.DataFrame(
        {
            "strategy": pd.Categorical(chosen, categories=STRATEGIES),
            "fixed": fixed,
            "churned": churned,
            "shamed": shamed,
            "recommends": recommends,
            "backlash": backlash,
            "minutes": params[4],
        }
    )
    frame["net_value"] = values.net_value(churned, shamed, recommends, backlash, fixed, params[4])
    return frame


def compare_strategies(
    complaints: int,
    strategies: Strategies | None = None,
    values: Values | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Handle the same ``complaints`` complaints with each strategy in turn and total the outcomes.

    Returns
    -------
    pandas.DataFrame
        One row per strategy: totals of ``churned``, ``shamed``, ``recommends``, ``backlash``,
        ``hours`` of work and ``net_value`` (USD), plus ``value_per_complaint``.
    """
    check_range("", "complaints", complaints, 0, 1_000_000, "complaints", integer=True)
    count = int(complaints)
    rows = {}
    for name in STRATEGIES:
        outcome = respond(np.full(count, name, dtype=object), strategies, values, seed)
        rows[name] = {
            "complaints": float(count),
            **{key: float(outcome[key].sum()) for key in OUTCOMES},
            "hours": float(outcome["minutes"].sum()) / 60,
            "net_value": float(outcome["net_value"].sum()),
        }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("strategy")
    table["value_per_complaint"] = table["net_value"] / max(count, 1)
    return table


def expected_values(strategies: Strategies | None = None, values: Values | None = None) -> pd.Series:
    """Expected net value of one complaint under each strategy, in US dollars."""
    strategies = strategies or Strategies()
    values = values or Values()
    table = strategies.table()
    return pd.Series(
        values.net_value(*(table[key].to_numpy() for key in (*OUTCOMES, "fixed", "minutes"))),
        index=table.index,
        name="expected_value",
    )


__all__ = [
    "OUTCOMES",
    "STRATEGIES",
    "STRATEGY_LABELS",
    "Reaction",
    "Strategies",
    "Values",
    "compare_strategies",
    "expected_values",
    "respond",
]
