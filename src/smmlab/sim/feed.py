"""Content and the feed: a posting schedule, a simple ranking algorithm and the engagement funnel.

A brand account publishes posts day by day. Each post is promotional or not (a promotional post
carries a link to the shop) and relevant to the target group or not. Each day:

1. **Reach.** Every post reaches ``Audience.reach_per_post(followers, posts that day)``: a share of
   the followers, smaller for each post when there are several the same day (CONT4). The feed
   multiplies it by
   - a *visibility* factor for regularity: an account that goes silent loses standing with the
     feed day by day and wins it back post by post (an assumption standing for MISTAKES #10's
     claim that irregular accounts get hidden from most followers), and
   - an *engagement boost*: recent engagement per impression relative to a typical brand's,
     raised to a power (feeds rank posts that get reactions; an assumption).
2. **Funnel.** Impressions → engagements (promotional and irrelevant posts engage less; assumed)
   → shop clicks on promotional posts. The click rate borrows Facebook ads' average CTR (COST3)
   and falls as the feed fills with promotions (ad fatigue; assumed).
3. **Followers.** People unfollow for too many promotions, irrelevant content and posts too
   often; the three hazards are scaled so that a typical brand loses followers for these reasons
   in CONT2's proportions (46 : 41 : 35). Recent engagement per follower brings new followers
   (with diminishing returns, an assumption), scaled so that a typical brand grows about 2% a
   month (ENG6).

Dynamics run on expected values (so curves over a knob are smooth); the tables hold Poisson and
binomial draws around them. :func:`expected_feed` runs many schedules at once (vectorised).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.audience import Audience
from smmlab.sim.params import Params, bounded, check_range

DAYS_PER_MONTH = 365.25 / 12
MAX_DAYS = 3 * 365
#: CONT2's unfollow reasons, in the order promotions, irrelevant content, posts too often.
REASONS = ("promotions", "irrelevant", "too_often")


@dataclass(frozen=True)
class Schedule(Params):
    """What and how the brand posts.

    Attributes
    ----------
    posts_per_week
        Average posts per week (ENG2: a typical brand posts about 4.7 a week on Facebook).
    promo_share
        Share of posts that are promotional (sell something and link to the shop).
    relevance
        Share of posts written for the target group's interests.
    burstiness
        0 = posts spread evenly over the days; 1 = a cycle's posts crammed into its first 15% of
        days, then silence (campaign bursts). Cycles last one to four weeks at random.
    """

    posts_per_week: float = bounded(
        low=0, high=70, unit="posts per week", benchmark="posts_per_week_facebook"
    )
    promo_share: float = bounded(low=0, high=1, unit="share of posts", benchmark="typical_promo_share")
    relevance: float = bounded(low=0, high=1, unit="share of posts", benchmark="typical_relevance")
    burstiness: float = bounded(0.0, low=0, high=1, unit="0 regular ... 1 bursty")


@dataclass(frozen=True)
class Feed(Params):
    """The feed algorithm and how followers respond; defaults in ``benchmarks.toml``."""

    engagements_per_impression: float = bounded(
        low=0.0001, high=0.5, unit="engagements per impression", benchmark="engagements_per_impression"
    )
    promo_engagement_factor: float = bounded(
        low=0.01, high=1, unit="relative engagement", benchmark="promo_engagement_factor"
    )
    irrelevant_engagement_factor: float = bounded(
        low=0.01, high=1, unit="relative engagement", benchmark="irrelevant_engagement_factor"
    )
    engagement_boost_power: float = bounded(
        low=0, high=3, unit="exponent", benchmark="engagement_boost_power"
    )
    visibility_floor: float = bounded(low=0, high=1, unit="share of reach", benchmark="visibility_floor")
    silence_days: float = bounded(low=0.5, high=365, unit="days", benchmark="silence_time_constant_days")
    recovery_per_post_day: float = bounded(
        low=0.01, high=1, unit="share of lost standing", benchmark="visibility_recovery_per_post_day"
    )
    memory_posts: float = bounded(low=1, high=200, unit="posts", benchmark="feed_memory_posts")
    click_rate: float = bounded(low=0, high=0.5, unit="clicks per impression", benchmark="facebook_ctr")
    click_fatigue: float = bounded(low=0, high=1, unit="share", benchmark="promo_click_fatigue")
    content_unfollow_month: float = bounded(
        low=0, high=0.5, unit="share of followers per month", benchmark="content_unfollow_month"
    )
    base_unfollow_month: float = bounded(
        low=0, high=0.5, unit="share of followers per month", benchmark="base_unfollow_month"
    )
    organic_growth_month: float = bounded(
        low=0, high=0.5, unit="share of followers per month", benchmark="organic_follower_growth_month"
    )
    reason_promotions: float = bounded(low=0, high=1, unit="share", benchmark="unfollow_reason_promotions")
    reason_irrelevant: float = bounded(low=0, high=1, unit="share", benchmark="unfollow_reason_irrelevant")
    reason_too_often: float = bounded(low=0, high=1, unit="share", benchmark="unfollow_reason_too_often")
    follow_power: float = bounded(low=0, high=2, unit="exponent", benchmark="follow_engagement_power")

    # ---- derived calibration ----------------------------------------------------------------
    def engagement_rate(self, promotional: np.ndarray | float, relevant: np.ndarray | float) -> np.ndarray:
        """Engagements per impression of a post, scaled so the typical brand's mix averages the default."""
        promo = np.asarray(promotional, dtype=float)
        rel = np.asarray(relevant, dtype=float)
        factor = (1 - (1 - self.promo_engagement_factor) * promo) * (
            1 - (1 - self.irrelevant_engagement_factor) * (1 - rel)
        )
        return self._base_engagement * factor

    @property
    def _base_engagement(self) -> float:
        typical = Schedule()
        mix = (1 - (1 - self.promo_engagement_factor) * typical.promo_share) * (
            1 - (1 - self.irrelevant_engagement_factor) * (1 - typical.relevance)
        )
        return self.engagements_per_impression / mix

    def hazards(self, audience: Audience | None = None) -> dict[str, float]:
        """Unfollows per impression for each reason, calibrated on the typical brand (see module doc).

        ``promotions`` is per promotional impression and per unit of recent promotional share;
        ``irrelevant`` per irrelevant impression; ``too_often`` per impression and per recent post
        per day.
        """
        audience = audience or Audience()
        typical = Schedule()
        per_day = typical.posts_per_week / 7
        impressions = audience.organic_reach_share * per_day  # per follower per day, visibility 1
        unfollow_day = self.content_unfollow_month / DAYS_PER_MONTH
        weights = np.array([self.reason_promotions, self.reason_irrelevant, self.reason_too_often])
        total = weights.sum()
        split = unfollow_day * weights / total if total > 0 else np.zeros(3)
        exposure = np.array([typical.promo_share**2, 1 - typical.relevance, per_day]) * impressions
        values = np.divide(split, exposure, out=np.zeros(3), where=exposure > 0)
        return dict(zip(REASONS, values.tolist(), strict=True))

    def typical_engagements_per_follower_day(self, audience: Audience | None = None) -> float:
        """Engagements per follower per day of the typical brand (regular, visibility and boost 1)."""
        audience = audience or Audience()
        per_day = Schedule().posts_per_week / 7
        return audience.organic_reach_share * per_day * self.engagements_per_impression

    @property
    def gross_follow_month(self) -> float:
        """New followers per month (share) of the typical brand: its net growth plus its unfollows."""
        return self.organic_growth_month + self.content_unfollow_month + self.base_unfollow_month


# ---- the calendar -------------------------------------------------------------------------------


def posting_calendar(posts_per_week: float, days: int, burstiness: float = 0.0, seed: int = 0) -> np.ndarray:
    """Posts per day over ``days`` days: evenly spread, or crammed into bursts.

    The total is ``round(posts_per_week * days / 7)`` whatever the burstiness. Days are grouped in
    cycles of 7 to 28 days (random); in each cycle the posts go to the first
    ``max(1, round((1 - 0.85 * burstiness) * length))`` days, spread evenly; the rest of the
    cycle is silent (at burstiness 1, 15% of the days carry all the posts).
    """
    check_range("", "posts_per_week", posts_per_week, 0, 70, "posts per week")
    check_range("", "days", days, 1, MAX_DAYS, "days", integer=True)
    check_range("", "burstiness", burstiness, 0, 1, "0 regular ... 1 bursty")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    days = int(days)
    total = round(posts_per_week * days / 7)
    active = np.ones(days, dtype=bool)
    if burstiness > 0:
        rng = np.random.default_rng([int(seed), 15])
        lengths = rng.integers(7, 29, size=days // 7 + 1)
        starts = np.cumsum(np.concatenate([[0], lengths]))
        starts = starts[starts < days]
        ends = np.minimum(np.append(starts[1:], days), days)
        day = np.arange(days)
        cycle = np.searchsorted(starts, day, side="right") - 1
        on_days = np.maximum(1, np.round((1 - 0.85 * burstiness) * (ends - starts))).astype(int)
        active = (day - starts[cycle]) < on_days[cycle]
    slots = int(active.sum())
    # Evenly spread: the k-th active day ends with floor((k + 1) * total / slots) posts published.
    cumulative = np.floor((np.arange(1, slots + 1) * total) / slots + 1e-9).astype(int)
    per_slot = np.diff(cumulative, prepend=0)
    calendar = np.zeros(days, dtype=int)
    calendar[active] = per_slot
    return calendar


def interleave(count: int, share: float, offset: float = 0.0) -> np.ndarray:
    """Flags for ``count`` posts, a ``share`` of them True, spread evenly through the sequence."""
    check_range("", "count", count, 0, 10**7, "posts", integer=True)
    check_range("", "share", share, 0, 1, "share")
    index = np.arange(int(count))
    return np.floor((index + 1) * share + offset + 1e-9) > np.floor(index * share + offset + 1e-9)


# ---- dynamics -------------------------------------------------------------------------------------


def expected_feed(
    calendars: np.ndarray,
    promo_share: np.ndarray | float,
    relevance: np.ndarray | float,
    feed: Feed | None = None,
    audience: Audience | None = None,
) -> dict[str, np.ndarray]:
    """Expected daily outcomes of many schedules at once.

    Parameters
    ----------
    calendars
        Posts per day, shape ``(schedules, days)`` (or ``(days,)`` for one schedule).
    promo_share, relevance
        Per schedule (broadcast against the first axis).

    Returns
    -------
    dict of arrays of shape ``(schedules, days)``: ``followers`` (at the start of the day),
    ``reach_per_post``, ``visibility``, ``boost``, ``impressions``, ``promo_impressions``,
    ``engagements``, ``clicks``, ``click_rate``, ``follows``, ``unfollows`` and one
    ``unfollows_<reason>`` per reason.
    """
    feed = feed or Feed()
    audience = audience or Audience()
    posts = np.atleast_2d(np.asarray(calendars, dtype=float))
    if posts.ndim != 2 or posts.shape[1] < 1 or posts.shape[1] > MAX_DAYS:
        raise ValueError(f"calendars of shape {posts.shape} must be (schedules, 1..{MAX_DAYS} days)")
    if not np.isfinite(posts).all() or (posts < 0).any() or (posts > 50).any():
        raise ValueError("calendars must hold posts per day in the allowed range [0, 50]")
    count, days = posts.shape
    share = np.broadcast_to(np.asarray(promo_share, dtype=float), (count,)).copy()
    rel = np.broadcast_to(np.asarray(relevance, dtype=float), (count,)).copy()
    for name, values in (("promo_share", share), ("relevance", rel)):
        if not np.isfinite(values).all() or (values < 0).any() or (values > 1).any():
            raise ValueError(f"{name} = {values!r} is outside the allowed range [0, 1] (share of posts)")

    hazard = feed.hazards(audience)
    typical_engaging = feed.typical_engagements_per_follower_day(audience)
    follow_day = feed.gross_follow_month / DAYS_PER_MONTH
    base_day = feed.base_unfollow_month / DAYS_PER_MONTH
    typical_rate = feed.engagements_per_impression
    own_rate = feed.engagement_rate(share, rel)  # each schedule's average engagement per impression
    keep = 1 - 1 / feed.memory_posts
    decay = math.exp(-1 / feed.silence_days)

    followers = np.full(count, float(audience.followers))
    standing = np.ones(count)
    rate_memory = own_rate.copy()
    promo_memory = share.copy()
    pace_memory = posts.mean(axis=1)
    engaging_memory = np.full(count, typical_engaging)  # engagements per follower per day, recent
    out = {
        key: np.zeros((count, days))
        for key in (
            "followers",
            "reach_per_post",
            "visibility",
            "boost",
            "impressions",
            "promo_impressions",
            "engagements",
            "clicks",
            "click_rate",
            "follows",
            "unfollows",
            *(f"unfollows_{reason}" for reason in REASONS),
        )
    }
    for day in range(days):
        today = posts[:, day]
        posting = today > 0
        visibility = feed.visibility_floor + (1 - feed.visibility_floor) * standing
        boost = (rate_memory / typical_rate) ** feed.engagement_boost_power
        reach = audience.reach_per_post(followers, today) * visibility * boost
        impressions = reach * today
        promo_impressions = impressions * share
        engagements = impressions * own_rate
        click_rate = feed.click_rate * (1 - feed.click_fatigue * promo_memory)
        clicks = promo_impressions * click_rate
        pace_memory = 0.9 * pace_memory + 0.1 * today  # about ten days
        reasons = {
            "promotions": hazard["promotions"] * promo_memory * promo_impressions,
            "irrelevant": hazard["irrelevant"] * (1 - rel) * impressions,
            "too_often": hazard["too_often"] * pace_memory * impressions,
        }
        unfollows = base_day * followers + sum(reasons.values())
        engaging_memory = 0.9 * engaging_memory + 0.1 * engagements / np.maximum(followers, 1.0)
        follows = follow_day * followers * (engaging_memory / typical_engaging) ** feed.follow_power
        for key, value in (
            ("followers", followers),
            ("reach_per_post", reach),
            ("visibility", visibility),
            ("boost", boost),
            ("impressions", impressions),
            ("promo_impressions", promo_impressions),
            ("engagements", engagements),
            ("clicks", clicks),
            ("click_rate", click_rate),
            ("follows", follows),
            ("unfollows", unfollows),
        ):
            out[key][:, day] = value
        for reason, value in reasons.items():
            out[f"unfollows_{reason}"][:, day] = value
        # Update the feed's memory after the day's posts.
        weight = keep**today  # several posts in a day move the memory several steps
        rate_memory = np.where(posting, weight * rate_memory + (1 - weight) * own_rate, rate_memory)
        promo_memory = np.where(posting, weight * promo_memory + (1 - weight) * share, promo_memory)
        standing = np.where(posting, standing + (1 - standing) * feed.recovery_per_post_day, standing * decay)
        followers = np.maximum(followers + follows - unfollows, 0.0)
    return out


@dataclass(frozen=True)
class FeedResult:
    """A simulated account: one row per post and one per day.

    Attributes
    ----------
    posts
        ``post_id``, ``day`` (from 0), ``week``, ``hour`` (of the day), ``promotional``,
        ``relevant``, ``has_link``, ``impressions``, ``engagements``, ``clicks``.
    daily
        ``day``, ``week``, ``posts``, ``followers`` (start of day), ``impressions``,
        ``engagements``, ``clicks``, ``follows``, ``unfollows``, ``visibility`` (the feed's factor
        for regularity), ``expected_impressions``.
    """

    posts: pd.DataFrame
    daily: pd.DataFrame
    schedule: Schedule

    def weekly(self) -> pd.DataFrame:
        """Daily counts summed by week; ``followers`` at the end of the week."""
        sums = self.daily.groupby("week")[
            ["posts", "impressions", "engagements", "clicks", "follows", "unfollows"]
        ].sum()
        end = self.daily.groupby("week")["followers"].last() + self.daily.groupby("week").apply(
            lambda week: int(week["follows"].iloc[-1] - week["unfollows"].iloc[-1])
        )
        return sums.assign(followers=end.astype(int)).reset_index()

    def summary(self) -> dict[str, float]:
        """Headline totals."""
        daily = self.daily
        start = float(daily["followers"].iloc[0])
        end = float(daily["followers"].iloc[-1] + daily["follows"].iloc[-1] - daily["unfollows"].iloc[-1])
        impressions = float(daily["impressions"].sum())
        return {
            "posts": float(daily["posts"].sum()),
            "impressions": impressions,
            "engagements": float(daily["engagements"].sum()),
            "clicks": float(daily["clicks"].sum()),
            "unfollows": float(daily["unfollows"].sum()),
            "follows": float(daily["follows"].sum()),
            "followers_start": start,
            "followers_end": end,
            "engagement_rate": float(daily["engagements"].sum() / impressions) if impressions else 0.0,
            "impressions_per_post": impressions / float(daily["posts"].sum())
            if daily["posts"].sum()
            else 0.0,
        }


def simulate_feed(
    schedule: Schedule | None = None,
    feed: Feed | None = None,
    audience: Audience | None = None,
    days: int = 182,
    seed: int = 0,
    calendar: np.ndarray | None = None,
) -> FeedResult:
    """Simulate ``days`` days of a brand account under the feed algorithm.

    Parameters
    ----------
    schedule, feed, audience
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    days
        Length of the simulation, 1 to 1,095 days.
    seed
        Random seed; the same seed gives the same data.
    calendar
        Posts per day (length ``days``) to use instead of the schedule's calendar.
    """
    schedule = schedule or Schedule()
    check_range("", "days", days, 1, MAX_DAYS, "days", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    days = int(days)
    if calendar is None:
        calendar = posting_calendar(schedule.posts_per_week, days, schedule.burstiness, seed)
    calendar = np.asarray(calendar)
    if calendar.shape != (days,) or (calendar < 0).any() or (calendar > 50).any():
        raise ValueError(f"calendar must hold {days} whole numbers of posts per day in [0, 50]")
    calendar = calendar.astype(int)
    feed = feed or Feed()
    expected = {
        key: value[0]
        for key, value in expected_feed(
            calendar, schedule.promo_share, schedule.relevance, feed, audience
        ).items()
    }
    rng = np.random.default_rng([int(seed), 10])

    total = int(calendar.sum())
    day = np.repeat(np.arange(days), calendar)
    promotional = interleave(total, schedule.promo_share)
    relevant = ~interleave(total, 1 - schedule.relevance, offset=0.5)
    reach = expected["reach_per_post"][day]
    impressions = rng.poisson(reach)
    rate = feed.engagement_rate(promotional, relevant)
    engagements = rng.binomial(impressions, np.clip(rate, 0, 1))
    clicks = np.where(promotional, rng.binomial(impressions, np.clip(expected["click_rate"][day], 0, 1)), 0)
    hour = np.round(rng.uniform(8, 20, size=total), 2)
    order = np.lexsort((hour, day))
    posts = pd.DataFrame(
        {
            "post_id": np.arange(total),
            "day": day,
            "week": day // 7,
            "hour": hour[order],
            "promotional": promotional,
            "relevant": relevant,
            "has_link": promotional.copy(),
            "impressions": impressions,
            "engagements": engagements,
            "clicks": clicks,
        }
    )
    follows = rng.poisson(expected["follows"])
    unfollows = rng.poisson(expected["unfollows"])
    followers = audience_start(audience) + np.concatenate([[0], np.cumsum(follows - unfollows)[:-1]])
    per_day = posts.groupby("day")[["impressions", "engagements", "clicks"]].sum()
    per_day = per_day.reindex(np.arange(days), fill_value=0)
    daily = pd.DataFrame(
        {
            "day": np.arange(days),
            "week": np.arange(days) // 7,
            "posts": calendar,
            "followers": np.maximum(followers, 0).astype(int),
            "impressions": per_day["impressions"].to_numpy(),
            "engagements": per_day["engagements"].to_numpy(),
            "clicks": per_day["clicks"].to_numpy(),
            "follows": follows,
            "unfollows": unfollows,
            "visibility": expected["visibility"],
            "expected_impressions": expected["impressions"],
        }
    )
    return FeedResult(posts=posts, daily=daily, schedule=schedule)


def audience_start(audience: Audience | None) -> int:
    """Followers at the start (the audience's, or the calibrated default)."""
    return int((audience or Audience()).followers)


def gaps_between_posts(posts: pd.DataFrame) -> pd.Series:
    """Days since the previous post, for every post but the first (0 for a second post the same day)."""
    if "day" not in posts:
        raise ValueError("posts must have a 'day' column")
    days = np.sort(posts["day"].to_numpy())
    return pd.Series(np.diff(days), name="gap_days")


def unfollow_reasons(
    schedule: Schedule | None = None, days: int = 182, feed: Feed | None = None
) -> pd.Series:
    """Expected content-driven unfollows by reason (promotions, irrelevant, too often) as shares."""
    schedule = schedule or Schedule()
    check_range("", "days", days, 1, MAX_DAYS, "days", integer=True)
    calendar = posting_calendar(schedule.posts_per_week, int(days), schedule.burstiness)
    out = expected_feed(calendar, schedule.promo_share, schedule.relevance, feed)
    totals = np.array([out[f"unfollows_{reason}"].sum() for reason in REASONS])
    shares = totals / totals.sum() if totals.sum() > 0 else totals
    return pd.Series(shares, index=list(REASONS), name="share_of_content_unfollows")


__all__ = [
    "Feed",
    "FeedResult",
    "Schedule",
    "expected_feed",
    "gaps_between_posts",
    "interleave",
    "posting_calendar",
    "simulate_feed",
    "unfollow_reasons",
]
