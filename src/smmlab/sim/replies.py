"""Replying to comments: reply rate and reply time → repeat engagement and loyalty.

Builds on :mod:`smmlab.sim.conversation`: the same stream of inbound messages and comments. The
brand answers a share of them (its reply rate) after a random delay around its median reply
time. Each customer has their own patience, the reply time they expect; a reply within it is
"on time". Calibrated to CARE2 (half of Twitter users want a reply within 2 hours, 83% the same
day), which also reproduces CARE8 (40% of those expecting a reply want it within the hour).

Outcomes per comment:

- **repeat engagement**: the customer comments again within the following weeks. Replies lift it
  (CONT6: accounts that reply get up to 30-42% more engagement; a correlation, used here as if
  causal, which is a modelling assumption); a late reply lifts it less (assumption);
- **loyalty**: on-time replies earn RESP3's 71% who would recommend after good care (assumption:
  a reply within the customer's expected time is good care), late replies twice the 19% of the
  ignored (assumption after CARE8, which compares answered with unanswered complainers);
- **willingness to pay**: RESP1's curve, +$20 within 6 minutes falling to +$2.33 after an hour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.conversation import Inbound, inbound_messages
from smmlab.sim.params import Params, bounded, check_range
from smmlab.sim.routing import Payoff

_NORMAL = NormalDist()
_ERF = np.vectorize(math.erf, otypes=[float])
#: Fixed standard-normal quantiles for integrating over the spread of reply times.
_QUANTILES = np.array([_NORMAL.inv_cdf((index + 0.5) / 64) for index in range(64)])


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + _ERF(np.asarray(x, dtype=float) / math.sqrt(2)))


#: Reply-time bins (hours) used by the lesson and its exercise.
REPLY_BINS = (0.0, 1.0, 4.0, 24.0, math.inf)
REPLY_BIN_LABELS = ("0-1h", "1-4h", "4-24h", "24h+")


@dataclass(frozen=True)
class Patience(Params):
    """How long customers are willing to wait for a reply: log-normal across customers.

    Attributes
    ----------
    median_hours
        Half of customers expect a reply within this time (CARE2: 2 hours on Twitter).
    same_day_share
        Share expecting a reply the same day, within 24 hours (CARE2: 83% on Twitter).
    """

    median_hours: float = bounded(low=0.01, high=23.9, unit="hours", benchmark="patience_median_hours")
    same_day_share: float = bounded(low=0.51, high=0.999, unit="share", benchmark="expect_same_day_share")

    @property
    def log_spread(self) -> float:
        """Standard deviation of log patience implied by the two cited points."""
        return float(math.log(24 / self.median_hours) / _NORMAL.inv_cdf(self.same_day_share))

    def on_time_share(self, reply_hours: np.ndarray | float) -> np.ndarray:
        """Share of customers for whom a reply after ``reply_hours`` hours is on time."""
        hours = np.maximum(np.asarray(reply_hours, dtype=float), 1e-9)
        return 1 - _normal_cdf((np.log(hours) - math.log(self.median_hours)) / self.log_spread)


@dataclass(frozen=True)
class ReplyPolicy(Params):
    """How the brand replies to comments.

    Attributes
    ----------
    reply_rate
        Share of comments answered (CARE4: brands answered 17% in 2013).
    median_reply_hours
        Median time to a reply (CARE3: brands averaged about 10 hours).
    reply_spread
        Standard deviation of log reply time (assumption: replies vary by a factor of about e).
    """

    reply_rate: float = bounded(low=0, high=1, unit="share of comments", benchmark="brand_reply_rate")
    median_reply_hours: float = bounded(
        low=0.01, high=720, unit="hours", benchmark="brand_average_reply_hours"
    )
    reply_spread: float = bounded(low=0, high=3, unit="log hours", benchmark="reply_time_spread")


@dataclass(frozen=True)
class Loyalty(Params):
    """What a reply does for repeat engagement and recommendation.

    Attributes
    ----------
    return_base
        Chance that a customer who got no reply comments again within the following weeks
        (assumption).
    reply_lift
        Relative lift in that chance from an on-time reply (CONT6, correlational).
    late_lift_share
        Share of the lift a late reply still earns (assumption).
    recommend_on_time, recommend_ignored
        Would recommend after an on-time reply (assumption after RESP3's 71% after good care), and
        after no reply (RESP3).
    answered_recommend_ratio
        A late reply still doubles the ignored rate (assumption after CARE8, which compares
        answered with unanswered complainers).
    """

    return_base: float = bounded(low=0, high=1, unit="probability", benchmark="comment_return_base")
    reply_lift: float = bounded(low=0, high=3, unit="relative lift", benchmark="reply_engagement_lift")
    late_lift_share: float = bounded(
        low=0, high=1, unit="share of the lift", benchmark="late_reply_lift_share"
    )
    recommend_on_time: float = bounded(low=0, high=1, unit="probability", benchmark="recommend_if_on_time")
    recommend_ignored: float = bounded(low=0, high=1, unit="probability", benchmark="recommend_if_ignored")
    answered_recommend_ratio: float = bounded(
        low=0, high=10, unit="multiple", benchmark="late_reply_recommend_ratio"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.return_base * (1 + self.reply_lift) > 1:
            raise ValueError(
                f"Loyalty.return_base * (1 + reply_lift) = {self.return_base * (1 + self.reply_lift):g} "
                "is outside the allowed range [0, 1] (probability)"
            )

    @property
    def recommend_late(self) -> float:
        """Would recommend after a late reply."""
        return min(1.0, self.answered_recommend_ratio * self.recommend_ignored)

    def return_chance(self, replied: np.ndarray, on_time: np.ndarray) -> np.ndarray:
        """Chance of commenting again, per comment."""
        lift = np.where(on_time, self.reply_lift, self.reply_lift * self.late_lift_share)
        return self.return_base * (1 + np.where(replied, lift, 0.0))

    def recommend_chance(self, replied: np.ndarray, on_time: np.ndarray) -> np.ndarray:
        """Chance of recommending the brand, per comment."""
        answered = np.where(on_time, self.recommend_on_time, self.recommend_late)
        return np.where(replied, answered, self.recommend_ignored)


def simulate_replies(
    policy: ReplyPolicy | None = None,
    audience: Audience | None = None,
    inbound: Inbound | None = None,
    patience: Patience | None = None,
    loyalty: Loyalty | None = None,
    weeks: int = 26,
    seed: int = 0,
) -> pd.DataFrame:
    """Simulate ``weeks`` weeks of comments, the brand's replies and what customers do next.

    Returns
    -------
    pandas.DataFrame
        One row per comment: ``comment_id``, ``week``, ``kind``, ``replied``, ``reply_hours``
        (NaN when not answered), ``on_time`` (the reply met the customer's expectation),
        ``returned`` (commented again), ``recommends`` and ``wtp_gain`` (USD, RESP1's scale).
    """
    policy = policy or ReplyPolicy()
    patience = patience or Patience()
    loyalty = loyalty or Loyalty()
    messages = inbound_messages(audience or Audience(), inbound or Inbound(), weeks, seed)  # validates
    count = len(messages)
    rng = np.random.default_rng([seed, 12])
    replied = rng.random(count) < policy.reply_rate
    reply_hours = np.where(
        replied, policy.median_reply_hours * np.exp(policy.reply_spread * rng.standard_normal(count)), np.nan
    )
    patience_hours = patience.median_hours * np.exp(patience.log_spread * rng.standard_normal(count))
    on_time = replied & (reply_hours <= patience_hours)
    returned = rng.random(count) < loyalty.return_chance(replied, on_time)
    recommends = rng.random(count) < loyalty.recommend_chance(replied, on_time)
    wtp = Payoff().wtp_gain(reply_hours * 60)
    return pd.DataFrame(
        {
            "comment_id": np.arange(count),
            "week": messages["week"].to_numpy(),
            "kind": messages["kind"].astype(str).to_numpy(),
            "replied": replied,
            "reply_hours": reply_hours,
            "on_time": on_time,
            "returned": returned,
            "recommends": recommends,
            "wtp_gain": wtp,
        }
    )


def by_reply_time(comments: pd.DataFrame) -> pd.DataFrame:
    """Repeat engagement and recommendation by reply-time bin, with "no reply" first.

    Returns one row per bin (``no reply`` and :data:`REPLY_BIN_LABELS`): ``comments``,
    ``return_rate`` and ``recommend_rate`` (NaN for an empty bin).
    """
    for column in ("reply_hours", "returned", "recommends"):
        if column not in comments:
            raise ValueError(f"comments lacks the column {column!r}; allowed: a table from simulate_replies")
    bins = pd.cut(comments["reply_hours"], list(REPLY_BINS), labels=list(REPLY_BIN_LABELS))
    group = bins.cat.add_categories(["no reply"]).fillna("no reply")
    group = group.cat.reorder_categories(["no reply", *REPLY_BIN_LABELS])
    table = comments.groupby(group, observed=False).agg(
        comments=("returned", "size"), return_rate=("returned", "mean"), recommend_rate=("recommends", "mean")
    )
    return table.rename_axis("reply_time")


def expected_by_median(
    median_reply_hours: np.ndarray,
    reply_rate: float,
    reply_spread: float | None = None,
    patience: Patience | None = None,
    loyalty: Loyalty | None = None,
) -> pd.DataFrame:
    """Expected on-time share, repeat engagement and recommendation for each median reply time.

    Integrates over the spread of reply times with fixed quantiles (no randomness).
    """
    check_range("", "reply_rate", reply_rate, 0, 1, "share of comments")
    policy = (
        ReplyPolicy(reply_rate=reply_rate)
        if reply_spread is None
        else ReplyPolicy(reply_rate=reply_rate, reply_spread=reply_spread)
    )
    patience = patience or Patience()
    loyalty = loyalty or Loyalty()
    medians = np.atleast_1d(np.asarray(median_reply_hours, dtype=float))
    for value in medians:
        check_range("", "median_reply_hours", float(value), 0.01, 720, "hours")
    hours = medians[:, None] * np.exp(policy.reply_spread * _QUANTILES[None, :])
    on_time = patience.on_time_share(hours).mean(axis=1)
    lift = loyalty.reply_lift * (on_time + loyalty.late_lift_share * (1 - on_time))
    answered_return = loyalty.return_base * (1 + lift)
    answered_recommend = on_time * loyalty.recommend_on_time + (1 - on_time) * loyalty.recommend_late
    return pd.DataFrame(
        {
            "median_reply_hours": medians,
            "on_time_share": on_time,
            "return_rate": reply_rate * answered_return + (1 - reply_rate) * loyalty.return_base,
            "recommend_rate": reply_rate * answered_recommend + (1 - reply_rate) * loyalty.recommend_ignored,
        }
    )


__all__ = [
    "REPLY_BINS",
    "REPLY_BIN_LABELS",
    "Loyalty",
    "Patience",
    "ReplyPolicy",
    "by_reply_time",
    "expected_by_median",
    "simulate_replies",
]
