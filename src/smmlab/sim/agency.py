"""Who answers customers: an in-house team or an agency with an approval chain.

Builds on :mod:`smmlab.sim.conversation` (the inbound stream and the first-come, first-served
queue with several people on duty) and :mod:`smmlab.sim.routing` (a reply's speed feeds the
customer's extra willingness to pay, RESP1). What differs between the two handlers is labelled as
teaching assumptions (TRUTHS #2: answering customers who ask for help can hardly be outsourced):

- an agency must pass more complaints, questions and leads to the brand for an answer or an
  approval, and that chain takes hours;
- with less product knowledge, its replies resolve fewer problems;
- it shares staff across clients, so a seat costs less.

A customer's *answer* comes when the reply is sent and, for escalated messages, the approval is
back. The answer's delay sets the willingness-to-pay gain; churn rises with the delay as in
:func:`~smmlab.sim.conversation.simulate_conversation`, and an unresolved problem churns like an
ignored one (assumption).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.audience import Audience
from smmlab.sim.conversation import Inbound, Response, inbound_messages, reply_delays
from smmlab.sim.params import Params, bounded, check_range
from smmlab.sim.routing import Payoff

HANDLERS = ("in-house", "agency")
#: Kinds that may need the brand's knowledge or approval.
ESCALATING_KINDS = ("complaint", "question", "lead")
HOURS_PER_MONTH = 24 * 365 / 12


@dataclass(frozen=True)
class Handler(Params):
    """A team answering the inbox.

    Attributes
    ----------
    people
        People on duty at any time (shifts cover the day).
    minutes_per_message
        Work per reply.
    escalation_share
        Share of complaints, questions and leads that need the brand's answer or approval.
    approval_hours
        Mean wait for that answer or approval (exponential).
    resolve_rate
        Chance that a complaint, question or lead is resolved.
    cost_per_seat_month
        Cost of one person on duty for a month.
    """

    people: int = bounded(1, low=0, high=50, unit="people on duty", integer=True)
    minutes_per_message: float = bounded(low=0.5, high=240, unit="minutes", benchmark="minutes_per_reply")
    escalation_share: float = bounded(low=0, high=1, unit="share", benchmark="inhouse_escalation_share")
    approval_hours: float = bounded(low=0, high=720, unit="hours", benchmark="inhouse_approval_hours")
    resolve_rate: float = bounded(low=0, high=1, unit="probability", benchmark="resolve_specialist")
    cost_per_seat_month: float = bounded(
        low=0, high=1e6, unit="USD per month", benchmark="inhouse_seat_month"
    )


def in_house(**changes: float) -> Handler:
    """The brand's own service team (calibrated defaults, overridable)."""
    return Handler(**changes)


def agency(**changes: float) -> Handler:
    """An agency answering on the brand's behalf (teaching assumptions, overridable)."""
    defaults = {
        "escalation_share": benchmarks.value("agency_escalation_share"),
        "approval_hours": benchmarks.value("agency_approval_hours"),
        "resolve_rate": benchmarks.value("agency_resolve_rate"),
        "cost_per_seat_month": benchmarks.value("inhouse_seat_month")
        * benchmarks.value("agency_cost_factor"),
    }
    return Handler(**{**defaults, **changes})


def simulate_handling(
    handler: Handler,
    name: str = "in-house",
    audience: Audience | None = None,
    inbound: Inbound | None = None,
    response: Response | None = None,
    payoff: Payoff | None = None,
    weeks: int = 4,
    seed: int = 0,
    cutoff_hours: float | None = None,
) -> pd.DataFrame:
    """Simulate ``weeks`` weeks of messages answered by ``handler``.

    Parameters
    ----------
    handler, name
        The team and its label (``"in-house"`` or ``"agency"``).
    audience, inbound, response, payoff
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml`` (Northwind at
        ``routing_followers``, complaints at their settled share).
    weeks, seed
        Length of the period (1 to 520) and the random seed; the same seed gives the same data.
    cutoff_hours
        A message not started within this many hours is never answered (default: 72, an
        assumption anchored on CARE4's window for counting a message as unanswered).

    Returns
    -------
    pandas.DataFrame
        One row per message: ``message_id``, ``arrival_hour``, ``week``, ``kind``, ``handler``
        (``name``), ``reply_minutes`` (first reply; NaN if never), ``escalated``,
        ``answer_hours`` (reply plus approval; NaN if never), ``answered``, ``resolved``,
        ``wtp_gain`` (USD) and ``churned``.
    """
    if name not in HANDLERS:
        raise ValueError(f"name = {name!r} is not one of the allowed values {HANDLERS}")
    if cutoff_hours is None:
        cutoff_hours = benchmarks.value("reply_cutoff_hours")
    check_range("", "cutoff_hours", cutoff_hours, 0.1, 720, "hours")
    audience = audience or Audience(followers=int(benchmarks.value("routing_followers")))
    inbound = inbound or Inbound(complaint_share_launch=benchmarks.value("complaint_share_settled"))
    response = response or Response()
    payoff = payoff or Payoff()
    messages = inbound_messages(audience, inbound, weeks, seed)  # validates weeks and seed
    rng = np.random.default_rng([int(seed), 31])
    count = len(messages)
    kind = messages["kind"].astype(str).to_numpy()
    work = handler.minutes_per_message / 60 if handler.people > 0 else np.inf
    reply_hours = reply_delays(
        messages["arrival_hour"].to_numpy(), work, cutoff_hours, servers=max(int(handler.people), 1)
    )
    answered = ~np.isnan(reply_hours)
    needs_brand = np.isin(kind, ESCALATING_KINDS)
    escalated = answered & needs_brand & (rng.random(count) < handler.escalation_share)
    approval = np.where(escalated, rng.exponential(max(handler.approval_hours, 1e-9), count), 0.0)
    answer_hours = reply_hours + approval
    chance = np.where(needs_brand, handler.resolve_rate, benchmarks.value("resolve_praise"))
    resolved = answered & (rng.random(count) < chance)
    wtp = payoff.wtp_gain(answer_hours * 60) * np.where(resolved, 1.0, payoff.unresolved_factor)
    lateness = np.clip(
        (answer_hours - response.expected_reply_hours)
        / max(cutoff_hours - response.expected_reply_hours, 1e-9),
        0,
        1,
    )
    lateness = np.where(answered & resolved, lateness, 1.0)
    churn_p = (
        response.answered_fast_churn
        + (response.ignored_switch_share - response.answered_fast_churn) * lateness
    )
    problem = np.isin(kind, ("complaint", "question"))
    churned = problem & (rng.random(count) < churn_p)
    return pd.DataFrame(
        {
            "message_id": np.arange(count),
            "arrival_hour": messages["arrival_hour"].to_numpy(),
            "week": messages["week"].to_numpy(),
            "kind": kind,
            "handler": np.full(count, name),
            "reply_minutes": reply_hours * 60,
            "escalated": escalated,
            "answer_hours": answer_hours,
            "answered": answered,
            "resolved": resolved,
            "wtp_gain": wtp,
            "churned": churned,
        }
    )


def handling_summary(messages: pd.DataFrame, weeks: float) -> dict[str, float]:
    """Headline numbers of one handler's messages over ``weeks`` weeks (per month where stated)."""
    check_range("", "weeks", weeks, 0.1, 520, "weeks")
    problems = messages[messages["kind"].isin(("complaint", "question"))]
    months = weeks * 7 * 24 / HOURS_PER_MONTH
    answered = problems["answered"]
    return {
        "messages": float(len(messages)),
        "resolved_share": float(problems["resolved"].mean()) if len(problems) else 0.0,
        "median_answer_hours": float(problems["answer_hours"].median()) if answered.any() else np.nan,
        "answered_within_4h": float((problems["answer_hours"] <= 4).mean()) if len(problems) else 0.0,
        "escalated_share": float(messages["escalated"].mean()) if len(messages) else 0.0,
        "wtp_per_month": float(messages["wtp_gain"].sum()) / months,
        "customers_lost_per_month": float(messages["churned"].sum()) / months,
    }


__all__ = ["HANDLERS", "Handler", "agency", "handling_summary", "in_house", "simulate_handling"]
