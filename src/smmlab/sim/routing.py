"""Who answers the social inbox: routing messages to marketing, service, PR and sales.

Builds on :mod:`smmlab.sim.conversation`: the same inbound stream (with a share of complaints
that are PR-sensitive: press, influencers, a brewing firestorm) and the same first-come,
first-served queue, now one queue per team with several people on duty. Each team has different
skills (the chance it resolves each kind of message, and how long it takes: labelled modelling
assumptions). A reply's speed feeds the customer's extra willingness to pay (RESP1), and sales
leads carry their true origin and the channel that last-touch attribution credits.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.conversation import Inbound, inbound_messages, reply_delays
from smmlab.sim.params import Params, bounded, check_range

TEAMS = ("marketing", "service", "pr", "sales")
ROUTING_KINDS = ("complaint", "question", "praise", "lead", "sensitive")
#: The team whose daily work is each kind of message.
SPECIALIST = {
    "complaint": "service",
    "question": "service",
    "praise": "marketing",
    "lead": "sales",
    "sensitive": "pr",
}
POLICIES = ("marketing-only", "cross-functional", "random")


@dataclass(frozen=True)
class Staffing(Params):
    """People on duty in the social inbox, by team (shifts cover the whole day)."""

    marketing: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)
    service: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)
    pr: int = bounded(0, low=0, high=50, unit="people on duty", integer=True)
    sales: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)

    @property
    def head_count(self) -> int:
        """People on duty in all teams."""
        return int(self.marketing + self.service + self.pr + self.sales)

    def as_dict(self) -> dict[str, int]:
        """People by team, in :data:`TEAMS` order."""
        return {team: int(getattr(self, team)) for team in TEAMS}


@dataclass(frozen=True)
class Skills(Params):
    """What each team is good at (modelling assumptions, see ``benchmarks.toml``).

    Attributes
    ----------
    resolve_specialist
        Chance that a team resolves the kind of message it handles every day.
    resolve_marketing_other
        Chance that marketing resolves a complaint, question, lead or sensitive message (KARR #3:
        good at branding and messaging, not at responding).
    resolve_other
        Chance that service, PR or sales resolve a kind outside their speciality.
    resolve_praise
        Chance that a thank-you to praise lands well, whoever sends it.
    minutes_complaint, minutes_question, minutes_praise, minutes_lead, minutes_sensitive
        Work per message for the specialist team.
    outside_time_factor
        Work multiplier when a non-specialist handles a message.
    """

    resolve_specialist: float = bounded(low=0, high=1, unit="probability", benchmark="resolve_specialist")
    resolve_marketing_other: float = bounded(
        low=0, high=1, unit="probability", benchmark="resolve_marketing_other"
    )
    resolve_other: float = bounded(low=0, high=1, unit="probability", benchmark="resolve_other")
    resolve_praise: float = bounded(low=0, high=1, unit="probability", benchmark="resolve_praise")
    minutes_complaint: float = bounded(low=0.5, high=600, unit="minutes", benchmark="minutes_complaint")
    minutes_question: float = bounded(low=0.5, high=600, unit="minutes", benchmark="minutes_question")
    minutes_praise: float = bounded(low=0.5, high=600, unit="minutes", benchmark="minutes_praise")
    minutes_lead: float = bounded(low=0.5, high=600, unit="minutes", benchmark="minutes_lead")
    minutes_sensitive: float = bounded(low=0.5, high=600, unit="minutes", benchmark="minutes_sensitive")
    outside_time_factor: float = bounded(low=1, high=10, unit="multiplier", benchmark="outside_time_factor")

    def resolution_table(self) -> pd.DataFrame:
        """Chance of resolution, team × kind."""
        rows = {}
        for team in TEAMS:
            row = {}
            for kind in ROUTING_KINDS:
                if kind == "praise":
                    row[kind] = self.resolve_praise
                elif SPECIALIST[kind] == team:
                    row[kind] = self.resolve_specialist
                elif team == "marketing":
                    row[kind] = self.resolve_marketing_other
                else:
                    row[kind] = self.resolve_other
            rows[team] = row
        return pd.DataFrame.from_dict(rows, orient="index")[list(ROUTING_KINDS)].rename_axis("team")

    def minutes_table(self) -> pd.DataFrame:
        """Minutes of work per message, team × kind."""
        base = {kind: getattr(self, f"minutes_{kind}") for kind in ROUTING_KINDS}
        rows = {
            team: {
                kind: base[kind] * (1.0 if SPECIALIST[kind] == team else self.outside_time_factor)
                for kind in ROUTING_KINDS
            }
            for team in TEAMS
        }
        return pd.DataFrame.from_dict(rows, orient="index")[list(ROUTING_KINDS)].rename_axis("team")


@dataclass(frozen=True)
class Payoff(Params):
    """What a reply is worth, and how leads are credited.

    Attributes
    ----------
    wtp_fast, wtp_slow
        Extra willingness to pay after a reply within ``fast_minutes`` / after ``slow_minutes``
        (RESP1, US dollars on the next airline fare).
    fast_minutes, slow_minutes
        The two reply times RESP1 reports; in between, the gain falls linearly in log time
        (assumption).
    unresolved_factor
        Share of the gain kept when the reply does not resolve the problem (assumption).
    lead_from_service_share
        Resolved complaints and questions that turn into a sales lead (assumption).
    lead_conversion
        Leads that buy after being resolved (assumption shared with lesson 01).
    marketing_last_touch_share
        Buyers whose last click before buying was a marketing post or e-mail (assumption).
    service_tag_rate, pr_tag_rate, sales_tag_rate, marketing_tag_rate
        Chance that a team tags a lead it created in the CRM (assumptions).
    """

    wtp_fast: float = bounded(low=0, high=1000, unit="USD", benchmark="wtp_reply_fast")
    wtp_slow: float = bounded(low=0, high=1000, unit="USD", benchmark="wtp_reply_slow")
    fast_minutes: float = bounded(low=0.1, high=600, unit="minutes", benchmark="reply_fast_minutes")
    slow_minutes: float = bounded(low=0.2, high=6000, unit="minutes", benchmark="reply_slow_minutes")
    unresolved_factor: float = bounded(low=0, high=1, unit="share", benchmark="unresolved_wtp_factor")
    lead_from_service_share: float = bounded(
        low=0, high=1, unit="share of resolved problems", benchmark="lead_from_service_share"
    )
    lead_conversion: float = bounded(low=0, high=1, unit="share", benchmark="lead_conversion_if_answered")
    marketing_last_touch_share: float = bounded(
        low=0, high=1, unit="share of buyers", benchmark="marketing_last_touch_share"
    )
    service_tag_rate: float = bounded(low=0, high=1, unit="share", benchmark="service_tag_rate")
    pr_tag_rate: float = bounded(low=0, high=1, unit="share", benchmark="pr_tag_rate")
    sales_tag_rate: float = bounded(low=0, high=1, unit="share", benchmark="sales_tag_rate")
    marketing_tag_rate: float = bounded(low=0, high=1, unit="share", benchmark="marketing_tag_rate")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.slow_minutes <= self.fast_minutes:
            raise ValueError(
                f"Payoff.slow_minutes = {self.slow_minutes!r} must exceed fast_minutes; allowed range "
                f"({self.fast_minutes:g}, 6000] (minutes)"
            )

    def wtp_gain(self, reply_minutes: np.ndarray | float) -> np.ndarray:
        """Extra willingness to pay after a reply ``reply_minutes`` later (0 when never answered)."""
        minutes = np.asarray(reply_minutes, dtype=float)
        position = (
            np.log(np.clip(minutes, self.fast_minutes, self.slow_minutes)) - np.log(self.fast_minutes)
        ) / (np.log(self.slow_minutes) - np.log(self.fast_minutes))
        gain = self.wtp_fast + (self.wtp_slow - self.wtp_fast) * position
        return np.where(np.isnan(minutes), 0.0, gain)


@dataclass(frozen=True)
class Inbox:
    """What a simulated period of routed messages produced.

    Attributes
    ----------
    messages
        One row per message: ``message_id``, ``arrival_hour``, ``week``, ``kind``, ``team``
        (who answered, or "nobody"), ``reply_minutes`` (NaN if never answered), ``answered``,
        ``resolved``, ``wtp_gain`` (USD), ``lead``, ``converted``, ``origin`` (the team whose
        conversation created the lead) and ``credited`` (the channel last-touch attribution
        names: a team, or "untracked").
    staffing, policy
        Who was on duty and how messages were routed.
    """

    messages: pd.DataFrame
    staffing: Staffing
    policy: str

    def summary(self) -> dict[str, float]:
        """Headline numbers."""
        messages = self.messages
        answered = messages["answered"]
        converted = messages[messages["converted"]]
        conversions = len(converted)

        def share(series: pd.Series, name: str) -> float:
            return float((series == name).mean()) if conversions else 0.0

        return {
            "messages": float(len(messages)),
            "head_count": float(self.staffing.head_count),
            "answered_share": _mean(answered),
            "median_reply_minutes": float(messages["reply_minutes"].median()) if answered.any() else np.nan,
            "within_hour_share": _mean(messages["reply_minutes"] <= 60),
            "resolved_share": _mean(messages["resolved"]),
            "wtp_gain_per_message": _mean(messages["wtp_gain"]),
            "conversions": float(conversions),
            "service_origin_share": share(converted["origin"], "service"),
            "service_credited_share": share(converted["credited"], "service"),
            "marketing_origin_share": share(converted["origin"], "marketing"),
            "marketing_credited_share": share(converted["credited"], "marketing"),
        }

    def by_team(self) -> pd.DataFrame:
        """Messages, median reply minutes and resolution rate per answering team."""
        answered = self.messages[self.messages["answered"]]
        return answered.groupby("team", observed=True).agg(
            messages=("kind", "size"),
            median_reply_minutes=("reply_minutes", "median"),
            resolution_rate=("resolved", "mean"),
        )


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else 0.0


def route(
    kinds: np.ndarray,
    staffing: Staffing,
    policy: str,
    skills: Skills,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """The team each message goes to (``"nobody"`` when no one is on duty).

    ``marketing-only`` sends everything to marketing. ``cross-functional`` sends each kind to its
    specialist team (:data:`SPECIALIST`); when that team has nobody on duty, to the staffed team
    most likely to resolve it (marketing first on ties). ``random`` (a pilot that measures every
    team's skills) sends each message to a random person on duty, so to a team in proportion to
    its people; it needs ``rng``.
    """
    if policy not in POLICIES:
        raise ValueError(f"policy = {policy!r} is not one of the allowed values {POLICIES}")
    people = staffing.as_dict()
    staffed = [team for team in TEAMS if people[team] > 0]
    kinds = np.asarray(kinds, dtype=object)
    if not staffed:
        return np.full(len(kinds), "nobody", dtype=object)
    if policy == "marketing-only":
        return np.full(len(kinds), "marketing" if people["marketing"] > 0 else "nobody", dtype=object)
    if policy == "random":
        if rng is None:
            raise ValueError("policy = 'random' needs a random generator rng")
        weights = np.array([people[team] for team in TEAMS], dtype=float)
        return np.array(TEAMS, dtype=object)[
            rng.choice(len(TEAMS), size=len(kinds), p=weights / weights.sum())
        ]
    resolution = skills.resolution_table()
    target = {}
    for kind in ROUTING_KINDS:
        specialist = SPECIALIST[kind]
        target[kind] = (
            specialist
            if people[specialist] > 0
            else max(staffed, key=lambda team: resolution.loc[team, kind])
        )
    return np.array([target[kind] for kind in kinds], dtype=object)


def simulate_inbox(
    staffing: Staffing | None = None,
    policy: str = "cross-functional",
    audience: Audience | None = None,
    inbound: Inbound | None = None,
    skills: Skills | None = None,
    payoff: Payoff | None = None,
    sensitive_share: float | None = None,
    weeks: int = 4,
    seed: int = 0,
    cutoff_hours: float = 72.0,
) -> Inbox:
    """Simulate ``weeks`` weeks of the social inbox under a staffing and a routing policy.

    Parameters
    ----------
    staffing
        People on duty per team.
    policy
        ``"marketing-only"``, ``"cross-functional"`` or ``"random"`` (see :func:`route`).
    audience, inbound, skills, payoff
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml`` (the routing
        lesson's brand is larger: ``routing_followers``; complaints at their settled share).
    sensitive_share
        Share of complaints that are PR-sensitive (default: ``benchmarks.toml``).
    weeks, seed
        Length of the period (1 to 520) and random seed.
    cutoff_hours
        Messages not started within this many hours are never answered (CARE4's 72 hours).
    """
    from smmlab.sim import benchmarks

    staffing = staffing or Staffing()
    audience = audience or Audience(followers=int(benchmarks.value("routing_followers")))
    inbound = inbound or Inbound(complaint_share_launch=benchmarks.value("complaint_share_settled"))
    skills = skills or Skills()
    payoff = payoff or Payoff()
    if sensitive_share is None:
        sensitive_share = benchmarks.value("pr_sensitive_share")
    check_range("", "sensitive_share", sensitive_share, 0, 1, "share of complaints")
    check_range("", "cutoff_hours", cutoff_hours, 0.1, 720, "hours")
    if policy not in POLICIES:
        raise ValueError(f"policy = {policy!r} is not one of the allowed values {POLICIES}")
    messages = inbound_messages(audience, inbound, weeks, seed)  # validates weeks and seed
    rng = np.random.default_rng([seed, 2])
    count = len(messages)
    kind = messages["kind"].astype(str).to_numpy().astype(object)
    kind[(kind == "complaint") & (rng.random(count) < sensitive_share)] = "sensitive"
    team = route(kind, staffing, policy, skills, rng)

    minutes_table, resolution = skills.minutes_table(), skills.resolution_table()
    people = staffing.as_dict()
    arrival = messages["arrival_hour"].to_numpy()
    reply_hours = np.full(count, np.nan)
    work_minutes = np.zeros(count)
    chance = np.zeros(count)
    for name in TEAMS:
        mine = team == name
        if not mine.any():
            continue
        minutes = minutes_table.loc[name].reindex(kind[mine]).to_numpy(dtype=float)
        work_minutes[mine] = minutes
        chance[mine] = resolution.loc[name].reindex(kind[mine]).to_numpy(dtype=float)
        reply_hours[mine] = reply_delays(arrival[mine], minutes / 60, cutoff_hours, servers=people[name])
    answered = ~np.isnan(reply_hours)
    reply_minutes = reply_hours * 60
    resolved = answered & (rng.random(count) < chance)
    wtp = payoff.wtp_gain(reply_minutes) * np.where(resolved, 1.0, payoff.unresolved_factor)

    problem = np.isin(kind, ("complaint", "question", "sensitive"))
    lead = (kind == "lead") | (problem & resolved & (rng.random(count) < payoff.lead_from_service_share))
    converted = lead & resolved & (rng.random(count) < payoff.lead_conversion)
    origin = np.where(converted, team, "")
    tag_rate = np.select(
        [team == "service", team == "pr", team == "sales", team == "marketing"],
        [payoff.service_tag_rate, payoff.pr_tag_rate, payoff.sales_tag_rate, payoff.marketing_tag_rate],
        0.0,
    )
    last_click_marketing = rng.random(count) < payoff.marketing_last_touch_share
    tagged = rng.random(count) < tag_rate
    credited = np.where(
        ~converted, "", np.where(last_click_marketing, "marketing", np.where(tagged, team, "untracked"))
    )
    frame = pd.DataFrame(
        {
            "message_id": np.arange(count),
            "arrival_hour": arrival,
            "week": messages["week"].to_numpy(),
            "kind": pd.Categorical(kind, categories=ROUTING_KINDS),
            "team": pd.Categorical(team, categories=(*TEAMS, "nobody")),
            "reply_minutes": reply_minutes,
            "answered": answered,
            "resolved": resolved,
            "wtp_gain": wtp,
            "lead": lead,
            "converted": converted,
            "origin": origin,
            "credited": credited,
        }
    )
    return Inbox(messages=frame, staffing=staffing, policy=policy)


def staffing_mixes(head_count: int) -> list[Staffing]:
    """Every way to put ``head_count`` people on duty across the four teams."""
    check_range("", "head_count", head_count, 0, 20, "people", integer=True)
    return [
        Staffing(**dict(zip(TEAMS, mix, strict=True)))
        for mix in itertools.product(range(int(head_count) + 1), repeat=len(TEAMS))
        if sum(mix) == head_count
    ]


def search_staffing(head_count: int, objective: str = "wtp_gain_per_message", **simulate) -> pd.DataFrame:
    """Simulate every mix of ``head_count`` people (cross-functional routing), best first.

    ``simulate`` is passed to :func:`simulate_inbox` (for example ``weeks`` and ``seed``).
    """
    rows = []
    for staffing in staffing_mixes(head_count):
        summary = simulate_inbox(staffing, "cross-functional", **simulate).summary()
        rows.append({**staffing.as_dict(), **summary})
    table = pd.DataFrame(rows)
    if objective not in table.columns:
        raise ValueError(f"objective = {objective!r} is not one of the allowed values {list(table.columns)}")
    return table.sort_values(objective, ascending=False, kind="stable").reset_index(drop=True)


__all__ = [
    "POLICIES",
    "ROUTING_KINDS",
    "SPECIALIST",
    "TEAMS",
    "Inbox",
    "Payoff",
    "Skills",
    "Staffing",
    "route",
    "search_staffing",
    "simulate_inbox",
    "staffing_mixes",
]
