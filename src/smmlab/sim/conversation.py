"""Inbound messages and the team that answers them.

A brand on social media receives a stream of messages (complaints, questions, praise and sales
leads). Its team splits its week between broadcasting campaign posts and answering. Messages
wait in a first-come, first-served queue; a message still unanswered after the brand's cut-off
is dropped (the team never gets to it). Each outcome feeds customers lost, public shaming,
recommendation, leads won and, through unfollows, the reach of the brand's own campaigns.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.params import Params, bounded, check_range

KINDS = ("complaint", "question", "praise", "lead")
PROBLEM_KINDS = ("complaint", "question")
HOURS_PER_WEEK = 168.0


@dataclass(frozen=True)
class Inbound(Params):
    """The stream of messages customers send the brand.

    Attributes
    ----------
    per_1000_followers_month
        Message rate (CARE5).
    complaint_share_launch, complaint_share_settled, complaint_settling_weeks
        Complaints dominate the first weeks and settle to a lower share (assumptions).
    question_weight, praise_weight, lead_weight
        Relative mix of the other messages (assumptions).
    """

    per_1000_followers_month: float = bounded(
        low=0,
        high=2000,
        unit="messages per 1,000 followers per month",
        benchmark="inbound_per_1000_followers_month",
    )
    complaint_share_launch: float = bounded(low=0, high=1, unit="share", benchmark="complaint_share_launch")
    complaint_share_settled: float = bounded(low=0, high=1, unit="share", benchmark="complaint_share_settled")
    complaint_settling_weeks: float = bounded(
        low=0.1, high=520, unit="weeks", benchmark="complaint_settling_weeks"
    )
    question_weight: float = bounded(low=0, high=100, unit="weight", benchmark="question_weight")
    praise_weight: float = bounded(low=0, high=100, unit="weight", benchmark="praise_weight")
    lead_weight: float = bounded(low=0, high=100, unit="weight", benchmark="lead_weight")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.question_weight + self.praise_weight + self.lead_weight <= 0:
            raise ValueError(
                "Inbound.question_weight + praise_weight + lead_weight = 0: "
                "at least one must be positive (allowed range (0, 300])"
            )

    def complaint_share(self, week: np.ndarray) -> np.ndarray:
        """Share of complaints among messages arriving in ``week`` (0-based, may be fractional)."""
        decay = np.exp(-np.asarray(week, dtype=float) / self.complaint_settling_weeks)
        return (
            self.complaint_share_settled
            + (self.complaint_share_launch - self.complaint_share_settled) * decay
        )


@dataclass(frozen=True)
class Team(Params):
    """The people who run the brand's accounts.

    Attributes
    ----------
    hours_per_week
        Working hours of the whole team.
    broadcast_share
        Share of those hours spent making campaign posts; the rest answers messages.
    minutes_per_reply, minutes_per_post
        Work per reply and per post (assumptions).
    unanswered_after_hours
        Messages older than this are never answered (CARE4's 72-hour measure).
    """

    hours_per_week: float = bounded(low=0, high=2000, unit="hours per week", benchmark="team_hours_per_week")
    broadcast_share: float = bounded(0.5, low=0, high=1, unit="share of team time")
    minutes_per_reply: float = bounded(low=0.5, high=240, unit="minutes", benchmark="minutes_per_reply")
    minutes_per_post: float = bounded(low=1, high=2400, unit="minutes", benchmark="minutes_per_post")
    unanswered_after_hours: float = bounded(low=1, high=720, unit="hours", benchmark="unanswered_after_hours")

    @property
    def answering_hours_per_week(self) -> float:
        """Hours per week left for answering messages."""
        return self.hours_per_week * (1 - self.broadcast_share)

    @property
    def posts_per_week(self) -> float:
        """Campaign posts the broadcasting hours produce each week."""
        return self.hours_per_week * self.broadcast_share * 60 / self.minutes_per_post


@dataclass(frozen=True)
class Response(Params):
    """How customers react to being answered fast, slowly or not at all.

    A reply within ``expected_reply_hours`` earns the good outcome; the outcome worsens linearly
    with delay until the cut-off, where it equals being ignored (a modelling assumption between
    two cited end points).
    """

    expected_reply_hours: float = bounded(low=0.1, high=720, unit="hours", benchmark="expected_reply_hours")
    ignored_switch_share: float = bounded(low=0, high=1, unit="share", benchmark="ignored_switch_share")
    answered_fast_churn: float = bounded(low=0, high=1, unit="share", benchmark="answered_fast_churn")
    ignored_shame_share: float = bounded(low=0, high=1, unit="share", benchmark="ignored_shame_share")
    recommend_if_answered: float = bounded(low=0, high=1, unit="share", benchmark="recommend_if_answered")
    recommend_if_ignored: float = bounded(low=0, high=1, unit="share", benchmark="recommend_if_ignored")
    unfollows_per_public_shame: float = bounded(
        low=0, high=1000, unit="followers", benchmark="unfollows_per_public_shame"
    )
    lead_conversion_if_answered: float = bounded(
        low=0, high=1, unit="share", benchmark="lead_conversion_if_answered"
    )
    customer_value: float = bounded(low=0, high=1e7, unit="USD", benchmark="customer_value")


def inbound_messages(audience: Audience, inbound: Inbound, weeks: int, seed: int) -> pd.DataFrame:
    """Draw the messages that arrive over ``weeks`` weeks.

    Returns
    -------
    pandas.DataFrame
        One row per message, in arrival order: ``arrival_hour``, ``week`` and ``kind``.
    """
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng(seed)
    rate_per_week = audience.followers / 1000 * inbound.per_1000_followers_month * 12 / 52
    count = rng.poisson(rate_per_week * weeks)
    arrival_hour = np.sort(rng.uniform(0, weeks * HOURS_PER_WEEK, count))
    week = (arrival_hour // HOURS_PER_WEEK).astype(int)
    other = np.array([inbound.question_weight, inbound.praise_weight, inbound.lead_weight])
    complaint = rng.random(count) < inbound.complaint_share(arrival_hour / HOURS_PER_WEEK)
    other_kind = rng.choice(np.arange(1, 4), size=count, p=other / other.sum())
    kind = np.where(complaint, 0, other_kind)
    return pd.DataFrame(
        {
            "arrival_hour": arrival_hour,
            "week": week,
            "kind": pd.Categorical.from_codes(kind, categories=KINDS),
        }
    )


def reply_delays(
    arrival_hour: np.ndarray,
    hours_per_reply: float | np.ndarray,
    cutoff_hours: float,
    servers: int = 1,
) -> np.ndarray:
    """Waiting time of each message in a first-come, first-served queue with a cut-off.

    Parameters
    ----------
    arrival_hour
        Sorted arrival times in hours.
    hours_per_reply
        Clock hours one reply takes (``inf`` when nobody answers); one number for every message
        or one per message.
    cutoff_hours
        A message not started within this many hours of arrival is never answered.
    servers
        People answering in parallel; each message goes to whoever is free first.

    Returns
    -------
    numpy.ndarray
        Hours from arrival to reply, or ``nan`` for messages never answered.
    """
    delays = np.full(arrival_hour.shape, np.nan)
    work = np.broadcast_to(np.asarray(hours_per_reply, dtype=float), arrival_hour.shape)
    if servers < 1 or not np.isfinite(work).any():
        return delays
    free_at = [0.0] * int(servers)  # the queue is a recursion, so this loop is the honest form of it
    for index, (arrived, hours) in enumerate(zip(arrival_hour.tolist(), work.tolist(), strict=True)):
        if not math.isfinite(hours):
            continue
        first_free = heapq.heappop(free_at)
        start = max(arrived, first_free)
        if start - arrived > cutoff_hours:
            heapq.heappush(free_at, first_free)
            continue
        heapq.heappush(free_at, start + hours)
        delays[index] = start + hours - arrived
    return delays


@dataclass(frozen=True)
class Conversation:
    """What a simulated period of inbound messages and broadcasting produced.

    Attributes
    ----------
    messages
        One row per message: arrival, kind, ``reply_hours`` (NaN if never answered),
        ``answered``, ``churned``, ``shamed``, ``recommends``, ``converted``.
    weekly
        One row per week: message counts, posts, followers and campaign reach.
    """

    messages: pd.DataFrame
    weekly: pd.DataFrame
    team: Team
    response: Response

    def summary(self) -> dict[str, float]:
        """Headline numbers of the period."""
        messages = self.messages
        problems = messages[messages["kind"].isin(PROBLEM_KINDS)]
        replies = int(messages["answered"].sum())
        customers_lost = float(messages["churned"].sum())
        leads_won = float(messages["converted"].sum())
        return {
            "messages": float(len(messages)),
            "answered_share": _mean(messages["answered"]),
            "answered_in_time_share": _mean(messages["reply_hours"] <= self.response.expected_reply_hours),
            "median_reply_hours": float(messages["reply_hours"].median()) if replies else float("nan"),
            "customers_lost": customers_lost,
            "public_shames": float(messages["shamed"].sum()),
            "net_sentiment": _mean(problems["recommends"].astype(float) - problems["shamed"].astype(float)),
            "leads_won": leads_won,
            "revenue_effect": (leads_won - customers_lost) * self.response.customer_value,
            "posts": float(self.weekly["posts"].sum()),
            "posts_per_reply": float(self.weekly["posts"].sum()) / replies if replies else float("inf"),
            "campaign_reach": float(self.weekly["campaign_reach"].sum()),
            "followers_end": float(self.weekly["followers"].iloc[-1]),
        }


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else 0.0


def simulate_conversation(
    audience: Audience | None = None,
    inbound: Inbound | None = None,
    team: Team | None = None,
    response: Response | None = None,
    weeks: int = 26,
    seed: int = 0,
) -> Conversation:
    """Simulate ``weeks`` weeks of inbound messages, replies and campaign posts.

    Parameters
    ----------
    audience, inbound, team, response
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    weeks
        Length of the period, 1 to 520.
    seed
        Random seed; the same seed gives the same data.
    """
    audience = audience or Audience()
    inbound = inbound or Inbound()
    team = team or Team()
    response = response or Response()
    messages = inbound_messages(audience, inbound, weeks, seed)  # validates weeks and seed
    rng = np.random.default_rng([seed, 1])

    answering = team.answering_hours_per_week
    hours_per_reply = team.minutes_per_reply / 60 * HOURS_PER_WEEK / answering if answering > 0 else np.inf
    reply_hours = reply_delays(
        messages["arrival_hour"].to_numpy(), hours_per_reply, team.unanswered_after_hours
    )
    answered = ~np.isnan(reply_hours)
    # 0 for a reply within the expected time, rising to 1 (as bad as silence) at the cut-off.
    lateness = np.clip(
        (reply_hours - response.expected_reply_hours)
        / max(team.unanswered_after_hours - response.expected_reply_hours, 1e-9),
        0,
        1,
    )
    lateness = np.where(answered, lateness, 1.0)

    kind = messages["kind"].to_numpy()
    problem = np.isin(kind, PROBLEM_KINDS)
    count = len(messages)
    churn_p = (
        response.answered_fast_churn
        + (response.ignored_switch_share - response.answered_fast_churn) * lateness
    )
    recommend_p = (
        response.recommend_if_answered
        + (response.recommend_if_ignored - response.recommend_if_answered) * lateness
    )
    churned = problem & (rng.random(count) < churn_p)
    shamed = (kind == "complaint") & ~answered & (rng.random(count) < response.ignored_shame_share)
    recommends = problem & (rng.random(count) < recommend_p)
    converted = (kind == "lead") & (rng.random(count) < response.lead_conversion_if_answered * (1 - lateness))

    messages = messages.assign(
        reply_hours=reply_hours,
        answered=answered,
        churned=churned,
        shamed=shamed,
        recommends=recommends,
        converted=converted,
    )
    weekly = _weekly(messages, audience, team, response, weeks, rng)
    return Conversation(messages=messages, weekly=weekly, team=team, response=response)


def _weekly(
    messages: pd.DataFrame,
    audience: Audience,
    team: Team,
    response: Response,
    weeks: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    week = messages["week"].to_numpy()

    def per_week(mask: np.ndarray | None = None) -> np.ndarray:
        weights = None if mask is None else np.asarray(mask, dtype=float)
        return np.bincount(week, weights=weights, minlength=weeks).astype(float)

    in_time = (messages["reply_hours"] <= response.expected_reply_hours).to_numpy()
    churned = per_week(messages["churned"].to_numpy())
    lost_followers = churned + per_week(messages["shamed"].to_numpy()) * response.unfollows_per_public_shame
    # Followers at the start of each week: this week's reach uses last week's losses.
    followers = np.maximum(audience.followers - np.concatenate([[0.0], np.cumsum(lost_followers)[:-1]]), 0)
    posts = np.full(weeks, team.posts_per_week)
    expected_reach = posts * audience.reach_per_post(followers, posts / 7)
    return pd.DataFrame(
        {
            "week": np.arange(weeks),
            "messages": per_week(),
            "complaints": per_week((messages["kind"] == "complaint").to_numpy()),
            "answered": per_week(messages["answered"].to_numpy()),
            "answered_in_time": per_week(in_time),
            "customers_lost": churned,
            "posts": posts,
            "followers": followers,
            "campaign_reach": rng.poisson(expected_reach).astype(float),
        }
    )
