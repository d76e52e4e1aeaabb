"""Policy breaches: how many risky posts go out in a year, with and without a social media policy.

Each employee who posts for the brand publishes some posts a year; each post breaks one of the
policy's four rules (privacy, confidentiality, copyright, brand voice) with a small probability
(modelling assumptions, scaled so that a ten-person team without a policy has at least one breach
in about 70% of years, the share of firms that disciplined staff over social media in 2014, ORG2).
A policy helps only for the posts of employees who know and use it (assumption: 18% of posts by
default, inspired by ORG3, where 18% of firms said their employees know the policy well), and then
only as far as its checks catch the problem (the recall of a checker such as
:func:`smmlab.policy.check_post`). Breaches that go out are *incidents*; a share of incidents
escalates into a crisis (assumption).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

BREACH_RULES = ("personal_data", "confidential", "uncredited", "off_voice")


@dataclass(frozen=True)
class PolicyRisk(Params):
    """Who posts, how often posts break each rule, and how many people know the policy.

    Attributes
    ----------
    employees
        Employees who post for the brand.
    posts_per_employee_year
        Posts each of them publishes a year.
    rate_personal_data, rate_confidential, rate_uncredited, rate_off_voice
        Chance that a post breaks each rule when nothing stops it.
    awareness
        Share of posts whose author knows the policy well and checks the post against it
        (assumption inspired by ORG3's 18% of firms).
    crisis_share
        Share of incidents that escalate into a crisis.
    review_minutes
        Minutes spent on each post the checks flag (fixing it, or clearing a false alarm).
    """

    employees: int = bounded(
        low=0, high=100_000, unit="employees", integer=True, benchmark="policy_employees"
    )
    posts_per_employee_year: float = bounded(
        low=0, high=10_000, unit="posts per employee per year", benchmark="policy_posts_per_employee_year"
    )
    rate_personal_data: float = bounded(low=0, high=1, unit="per post", benchmark="breach_rate_personal_data")
    rate_confidential: float = bounded(low=0, high=1, unit="per post", benchmark="breach_rate_confidential")
    rate_uncredited: float = bounded(low=0, high=1, unit="per post", benchmark="breach_rate_uncredited")
    rate_off_voice: float = bounded(low=0, high=1, unit="per post", benchmark="breach_rate_off_voice")
    awareness: float = bounded(low=0, high=1, unit="share of posts", benchmark="policy_checked_share")
    crisis_share: float = bounded(low=0, high=1, unit="share of incidents", benchmark="breach_crisis_share")
    review_minutes: float = bounded(low=0, high=600, unit="minutes", benchmark="policy_review_minutes")

    @property
    def posts_per_year(self) -> float:
        """Posts the team publishes a year."""
        return self.employees * self.posts_per_employee_year

    def rates(self) -> dict[str, float]:
        """Breach probability per post, by rule."""
        return {rule: float(getattr(self, f"rate_{rule}")) for rule in BREACH_RULES}


def _catch_array(catch: Mapping[str, float] | None) -> np.ndarray:
    catch = dict(catch or {})
    unknown = set(catch) - set(BREACH_RULES)
    if unknown:
        raise ValueError(f"catch has unknown rules {sorted(unknown)}; allowed values {BREACH_RULES}")
    for rule, value in catch.items():
        check_range("catch", rule, value, 0, 1, "share of breaches caught")
    return np.array([float(catch.get(rule, 0.0)) for rule in BREACH_RULES])


def expected_breaches(
    risk: PolicyRisk | None = None, catch: Mapping[str, float] | None = None, flag_rate: float = 0.0
) -> pd.DataFrame:
    """Expected numbers per year, one row per rule.

    Parameters
    ----------
    risk
        The team and its breach rates (defaults in ``benchmarks.toml``).
    catch
        Share of breaches of each rule the policy's checks catch when a post is checked (the
        checker's recall); missing rules catch nothing. ``None``: no policy.
    flag_rate
        False alarms per checked post (flags on problems that are not there), for the review
        time.

    Returns
    -------
    pandas.DataFrame
        Index ``rule``; columns ``breaches`` (risky posts written), ``caught``, ``incidents``
        (risky posts that went out), ``crises`` and ``review_hours`` (time on flagged posts;
        the false alarms' share is split evenly across the rows).
    """
    risk = risk or PolicyRisk()
    check_range("", "flag_rate", flag_rate, 0, 1, "false alarms per checked post")
    rates = np.array(list(risk.rates().values()))
    breaches = risk.posts_per_year * rates
    caught = breaches * risk.awareness * _catch_array(catch)
    incidents = breaches - caught
    false_alarms = risk.posts_per_year * risk.awareness * flag_rate / len(BREACH_RULES)
    return pd.DataFrame(
        {
            "breaches": breaches,
            "caught": caught,
            "incidents": incidents,
            "crises": incidents * risk.crisis_share,
            "review_hours": (caught + false_alarms) * risk.review_minutes / 60,
        },
        index=pd.Index(BREACH_RULES, name="rule"),
    )


def simulate_breaches(
    risk: PolicyRisk | None = None,
    catch: Mapping[str, float] | None = None,
    years: int = 10,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw ``years`` years of breaches: a tidy table, one row per year and rule.

    Columns: ``year``, ``rule``, ``breaches`` (Poisson), ``caught`` (binomial: checked posts whose
    problem the checks catch), ``incidents`` (the rest) and ``crises`` (binomial share of those).
    """
    risk = risk or PolicyRisk()
    check_range("", "years", years, 1, 10_000, "years", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([int(seed), 21])
    rates = np.array(list(risk.rates().values()))
    shape = (int(years), len(BREACH_RULES))
    breaches = rng.poisson(risk.posts_per_year * rates, size=shape)
    caught = rng.binomial(breaches, risk.awareness * _catch_array(catch))
    incidents = breaches - caught
    crises = rng.binomial(incidents, risk.crisis_share)
    return pd.DataFrame(
        {
            "year": np.repeat(np.arange(int(years)), len(BREACH_RULES)),
            "rule": np.tile(BREACH_RULES, int(years)),
            "breaches": breaches.ravel(),
            "caught": caught.ravel(),
            "incidents": incidents.ravel(),
            "crises": crises.ravel(),
        }
    )


__all__ = ["BREACH_RULES", "PolicyRisk", "expected_breaches", "simulate_breaches"]
