"""Capacity: how many people, on which hours, with how much of their time for customers.

Builds on :mod:`smmlab.sim.conversation`: the same inbound stream and the same first-come,
first-served queue with a cut-off (:func:`~smmlab.sim.conversation.reply_delays`). New here:

- a **roster**: people work 40-hour weeks in 8-hour shifts, either in office hours or spread over
  the day and the week; the number of people on duty changes hour by hour;
- a **culture** knob: the share of each shift a person actually spends with customers (the rest
  goes to posts, reports and meetings); a reply takes proportionally longer in clock time;
- the **backlog**: messages waiting for someone to start on them, hour by hour;
- the **M/M/c** (Erlang C) formulas for an always-staffed team, to check the simulation against.

Work on a message may run past the end of a shift (a simplification).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.conversation import HOURS_PER_WEEK, Inbound, inbound_messages, reply_delays
from smmlab.sim.params import Params, bounded, check_range
from smmlab.sim.routing import Skills

COVERAGES = ("office", "extended", "round-the-clock")
WEEK_HOURS = int(HOURS_PER_WEEK)
SHIFT_HOURS = 8
SHIFTS_PER_PERSON = 5


def roster(people: int, coverage: str) -> np.ndarray:
    """People on duty in each of the 168 hours of a week (Monday 00:00 first).

    ``office``: everyone works Monday to Friday, 9:00 to 17:00. ``extended``: two shifts a day,
    7:00-15:00 and 15:00-23:00, seven days. ``round-the-clock``: three shifts, 7:00-15:00,
    15:00-23:00 and 23:00-7:00. In the last two, each person takes five shifts in turn (early
    shifts first), so a second person covers what the first leaves open.
    """
    check_range("", "people", people, 0, 200, "people", integer=True)
    if coverage not in COVERAGES:
        raise ValueError(f"coverage = {coverage!r} is not one of the allowed values {COVERAGES}")
    on_duty = np.zeros(WEEK_HOURS, dtype=int)
    if coverage == "office":
        for day in range(5):
            on_duty[day * 24 + 9 : day * 24 + 17] += int(people)
        return on_duty
    starts = (7, 15) if coverage == "extended" else (7, 15, 23)
    slots = [day * 24 + start for start in starts for day in range(7)]  # early shifts first
    for person in range(int(people)):
        for shift in range(SHIFTS_PER_PERSON):
            start = slots[(person * SHIFTS_PER_PERSON + shift) % len(slots)]
            hours = (start + np.arange(SHIFT_HOURS)) % WEEK_HOURS
            on_duty[hours] += 1
    return on_duty


def shift_reply_delays(
    arrival_hour: np.ndarray,
    hours_per_reply: float | np.ndarray,
    cutoff_hours: float,
    on_duty: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Reply delays in a first-come, first-served queue whose staffing changes hour by hour.

    Parameters
    ----------
    arrival_hour
        Sorted arrival times in hours since Monday 00:00 of the first week.
    hours_per_reply
        Clock hours one reply takes, one number or one per message.
    cutoff_hours
        A message not started within this many hours of arrival is never answered.
    on_duty
        People on duty in each hour of the week (168 whole numbers). With the same number in
        every hour, this is :func:`~smmlab.sim.conversation.reply_delays` with ``servers``.

    Returns
    -------
    tuple of numpy.ndarray
        Hours from arrival to reply and hours from arrival to the start of work (``nan`` for
        messages never answered).
    """
    on_duty = np.asarray(on_duty)
    if on_duty.shape != (WEEK_HOURS,) or (on_duty < 0).any() or not np.issubdtype(on_duty.dtype, np.integer):
        raise ValueError(
            f"on_duty has shape {on_duty.shape}; allowed: {WEEK_HOURS} whole numbers of people, each >= 0"
        )
    check_range("", "cutoff_hours", cutoff_hours, 0, 10_000, "hours")
    arrival_hour = np.asarray(arrival_hour, dtype=float)
    work = np.broadcast_to(np.asarray(hours_per_reply, dtype=float), arrival_hour.shape)
    if (on_duty == on_duty[0]).all():
        delays = reply_delays(arrival_hour, work, cutoff_hours, servers=int(on_duty[0]))
        waits = delays - work
        return delays, np.where(np.abs(waits) < 1e-9, 0.0, waits)  # rounding noise of start + work - arrival
    return _shift_queue(arrival_hour, work, cutoff_hours, on_duty)


def _shift_queue(
    arrival_hour: np.ndarray, work: np.ndarray, cutoff_hours: float, on_duty: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The general case of :func:`shift_reply_delays` (also used by tests on constant rosters)."""
    delays = np.full(arrival_hour.shape, np.nan)
    waits = np.full(arrival_hour.shape, np.nan)
    slots = int(on_duty.max()) if len(on_duty) else 0
    if slots == 0:
        return delays, waits
    # For slot k (the k-th person on duty), hours until it is next on duty, from each hour of the week.
    wait_for_slot = []
    for slot in range(slots):
        on = on_duty > slot
        until = np.zeros(WEEK_HOURS, dtype=float)
        for hour in range(WEEK_HOURS):
            step = 0
            while not on[(hour + step) % WEEK_HOURS]:
                step += 1
            until[hour] = step
        wait_for_slot.append(until.tolist())
    free_at = [0.0] * slots
    # A recursion over messages: each goes to the slot that can start it first.
    for index, (arrived, hours) in enumerate(zip(arrival_hour.tolist(), work.tolist(), strict=True)):
        if not math.isfinite(hours):
            continue
        best_start, best_slot = math.inf, -1
        for slot in range(slots):
            ready = max(arrived, free_at[slot])
            step = wait_for_slot[slot][int(ready) % WEEK_HOURS]
            start = ready if step == 0 else math.floor(ready) + step
            if start < best_start:
                best_start, best_slot = start, slot
        if best_start - arrived > cutoff_hours:
            continue
        free_at[best_slot] = best_start + hours
        delays[index] = best_start + hours - arrived
        waits[index] = best_start - arrived
    return delays, waits


def erlang_c(arrival_per_hour: float, hours_per_reply: float, servers: int) -> dict[str, float]:
    """M/M/c queue: chance of waiting, mean wait and utilisation for an always-staffed team.

    Returns ``inf`` waits (and a chance of 1) when the team cannot keep up (utilisation >= 1).
    """
    check_range("", "arrival_per_hour", arrival_per_hour, 0, 1e6, "messages per hour")
    check_range("", "hours_per_reply", hours_per_reply, 1e-6, 1e4, "hours")
    check_range("", "servers", servers, 1, 1000, "people", integer=True)
    servers = int(servers)
    load = arrival_per_hour * hours_per_reply  # offered load in erlangs
    utilisation = load / servers
    if utilisation >= 1:
        return {"utilisation": utilisation, "p_wait": 1.0, "mean_wait_hours": math.inf}
    term = 1.0
    total = 1.0
    for k in range(1, servers):
        term *= load / k
        total += term
    last = term * load / servers / (1 - utilisation)  # load^c / c! / (1 - rho)
    p_wait = last / (total + last)
    mean_wait = p_wait * hours_per_reply / (servers - load)
    return {"utilisation": utilisation, "p_wait": p_wait, "mean_wait_hours": mean_wait}


@dataclass(frozen=True)
class Staff(Params):
    """Who answers, when, and with how much of their time.

    Attributes
    ----------
    people
        People answering customers (1 = the lone social media manager).
    answering_share
        Share of each shift spent with customers; the rest goes to other work (the culture).
    cutoff_hours
        Messages not started within this many hours are never answered (an assumption anchored on
        CARE4, whose 72 hours are Sprout's window for counting a message as unanswered).
    """

    people: int = bounded(1, low=0, high=200, unit="people", integer=True)
    answering_share: float = bounded(
        low=0.01, high=1, unit="share of each shift", benchmark="answering_share_of_shift"
    )
    cutoff_hours: float = bounded(low=1, high=720, unit="hours", benchmark="reply_cutoff_hours")


@dataclass(frozen=True)
class CapacityResult:
    """A simulated period of inbound messages under one roster.

    Attributes
    ----------
    messages
        One row per message: ``message_id``, ``arrival_hour``, ``week``, ``kind``,
        ``work_minutes``, ``waited_hours`` (until someone started; the cut-off for messages never
        answered), ``reply_hours`` (NaN when never answered) and ``answered``.
    backlog
        Messages waiting for someone to start on them, at the start of every hour.
    on_duty
        People on duty in each hour of the week.
    staff, coverage, weeks
        The roster simulated.
    """

    messages: pd.DataFrame
    backlog: pd.DataFrame
    on_duty: np.ndarray
    staff: Staff
    coverage: str
    weeks: int

    def summary(self) -> dict[str, float]:
        """Headline numbers."""
        messages = self.messages
        count = len(messages)
        answered = messages["answered"]
        reply = messages["reply_hours"]
        hours = self.weeks * HOURS_PER_WEEK
        return {
            "messages_per_week": count / self.weeks,
            "work_hours_per_week": float(messages["work_minutes"].sum()) / 60 / self.weeks,
            "customer_hours_per_week": float(self.on_duty.sum()) * self.staff.answering_share,
            "covered_share": float((self.on_duty > 0).mean()),
            "answered_share": float(answered.mean()) if count else 0.0,
            "within_1h_share": float((reply <= 1).mean()) if count else 0.0,
            "within_4h_share": float((reply <= 4).mean()) if count else 0.0,
            "median_reply_hours": float(reply.median()) if answered.any() else math.nan,
            "mean_backlog": float(messages["waited_hours"].sum()) / hours if count else 0.0,
            "peak_backlog": float(self.backlog["waiting"].max()) if len(self.backlog) else 0.0,
        }


def backlog_by_hour(arrival_hour: np.ndarray, waited_hours: np.ndarray, hours: int) -> pd.DataFrame:
    """Messages waiting (arrived, not yet started or dropped) at the start of each hour."""
    check_range("", "hours", hours, 1, 10_000_000, "hours", integer=True)
    clock = np.arange(int(hours), dtype=float)
    arrived = np.searchsorted(np.sort(arrival_hour), clock, side="right")
    left = np.searchsorted(np.sort(arrival_hour + waited_hours), clock, side="right")
    return pd.DataFrame({"hour": clock.astype(int), "waiting": arrived - left})


def simulate_capacity(
    staff: Staff | None = None,
    coverage: str = "extended",
    audience: Audience | None = None,
    inbound: Inbound | None = None,
    skills: Skills | None = None,
    weeks: int = 12,
    seed: int = 0,
) -> CapacityResult:
    """Simulate ``weeks`` weeks of messages answered by a roster of people.

    Parameters
    ----------
    staff
        People, their share of time for customers and the cut-off.
    coverage
        ``"office"``, ``"extended"`` or ``"round-the-clock"`` (see :func:`roster`).
    audience, inbound
        The brand and its message stream (defaults: ``benchmarks.toml``; complaints at their
        settled share).
    skills
        Minutes of work per kind of message for the team that handles it daily (lesson 03);
        each reply's work varies at random around it (exponentially, as in an M/M/c queue).
    weeks, seed
        Length of the period (1 to 520) and random seed.
    """
    from smmlab.sim import benchmarks

    staff = staff or Staff()
    if coverage not in COVERAGES:
        raise ValueError(f"coverage = {coverage!r} is not one of the allowed values {COVERAGES}")
    audience = audience or Audience()
    inbound = inbound or Inbound(complaint_share_launch=benchmarks.value("complaint_share_settled"))
    skills = skills or Skills()
    messages = inbound_messages(audience, inbound, weeks, seed)  # validates weeks and seed
    rng = np.random.default_rng([seed, 16])
    kind = messages["kind"].astype(str).to_numpy()
    mean_minutes = np.array([getattr(skills, f"minutes_{name}") for name in kind], dtype=float)
    work_minutes = mean_minutes * rng.exponential(1.0, len(kind))
    on_duty = roster(int(staff.people), coverage)
    arrival = messages["arrival_hour"].to_numpy()
    reply_hours, wait_hours = shift_reply_delays(
        arrival, work_minutes / 60 / staff.answering_share, staff.cutoff_hours, on_duty
    )
    answered = ~np.isnan(reply_hours)
    waited = np.where(answered, wait_hours, staff.cutoff_hours)
    frame = pd.DataFrame(
        {
            "message_id": np.arange(len(kind)),
            "arrival_hour": arrival,
            "week": messages["week"].to_numpy(),
            "kind": kind,
            "work_minutes": work_minutes,
            "waited_hours": waited,
            "reply_hours": reply_hours,
            "answered": answered,
        }
    )
    backlog = backlog_by_hour(arrival, waited, int(weeks) * WEEK_HOURS)
    return CapacityResult(frame, backlog, on_duty, staff, coverage, int(weeks))


def staff_for_target(
    target_hours: float,
    share: float,
    coverage: str = "extended",
    answering_share: float = 0.5,
    max_people: int = 30,
    **simulate,
) -> int:
    """The fewest people for whom at least ``share`` of messages get a reply within ``target_hours``.

    ``simulate`` is passed to :func:`simulate_capacity` (for example ``audience``, ``weeks``,
    ``seed``). Returns 0 when even ``max_people`` people fall short.
    """
    check_range("", "target_hours", target_hours, 0.01, 720, "hours")
    check_range("", "share", share, 0, 1, "share of messages")
    check_range("", "max_people", max_people, 1, 200, "people", integer=True)
    for people in range(1, int(max_people) + 1):
        staff = Staff(people=people, answering_share=answering_share)
        result = simulate_capacity(staff, coverage, **simulate)
        if (result.messages["reply_hours"] <= target_hours).mean() >= share:
            return people
    return 0


__all__ = [
    "COVERAGES",
    "CapacityResult",
    "Staff",
    "backlog_by_hour",
    "erlang_c",
    "roster",
    "shift_reply_delays",
    "simulate_capacity",
    "staff_for_target",
]
