"""The brand on several platforms: followers, posts and the engagement each post earns.

Engagement rate here is Rival IQ's definition (ENG1): engagements on a post divided by the
account's followers. Each post's rate is drawn around the platform's cited median with a skewed
(log-normal) spread, because a few posts do far better than the typical one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

PLATFORMS = ("Facebook", "Instagram", "Twitter", "TikTok")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Platform(Params):
    """One account of the brand: followers, posting rate and median engagement rate."""

    followers: int = bounded(1000, low=0, high=100_000_000, integer=True, unit="followers")
    posts_per_week: float = bounded(4.0, low=0, high=200, unit="posts per week")
    engagement_rate: float = bounded(0.001, low=0, high=1, unit="engagements per follower per post")


def northwind_platforms() -> dict[str, Platform]:
    """Northwind Kettles' four accounts with their calibrated defaults (see ``benchmarks.toml``)."""
    from smmlab.sim import benchmarks

    return {
        "Facebook": Platform(
            followers=int(benchmarks.value("followers")),
            posts_per_week=benchmarks.value("posts_per_week_facebook"),
            engagement_rate=benchmarks.value("engagement_rate_facebook"),
        ),
        "Instagram": Platform(
            followers=int(benchmarks.value("followers_instagram")),
            posts_per_week=benchmarks.value("posts_per_week_instagram"),
            engagement_rate=benchmarks.value("engagement_rate_instagram"),
        ),
        "Twitter": Platform(
            followers=int(benchmarks.value("followers_twitter")),
            posts_per_week=benchmarks.value("posts_per_week_twitter"),
            engagement_rate=benchmarks.value("engagement_rate_twitter"),
        ),
        "TikTok": Platform(
            followers=int(benchmarks.value("followers_tiktok")),
            posts_per_week=benchmarks.value("posts_per_week_tiktok"),
            engagement_rate=benchmarks.value("engagement_rate_tiktok"),
        ),
    }


def simulate_posts(
    platforms: dict[str, Platform] | None = None,
    weeks: int = 1,
    spread: float | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Posts of the brand over ``weeks`` weeks: a tidy table, one row per post.

    Columns: ``post_id``, ``platform``, ``week`` (from 0), ``day`` (Mon…Sun), ``followers``,
    ``engagements``. Each post's engagement rate is log-normal around the platform median
    (``spread`` is the standard deviation of its logarithm, ENG1's medians stay the medians);
    engagements are a Poisson draw around followers x rate.
    """
    from smmlab.sim import benchmarks

    platforms = northwind_platforms() if platforms is None else platforms
    spread = benchmarks.value("engagement_rate_spread") if spread is None else spread
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    check_range("", "spread", spread, 0, 3, "standard deviation of log rate")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    if not platforms:
        raise ValueError("platforms = {} must name at least one platform")
    rng = np.random.default_rng([int(seed), 4])
    names = list(platforms)
    counts = rng.poisson([platforms[n].posts_per_week * int(weeks) for n in names])
    which = np.repeat(np.arange(len(names)), counts)
    followers = np.array([platforms[n].followers for n in names])[which]
    median = np.array([platforms[n].engagement_rate for n in names])[which]
    rate = median * rng.lognormal(0.0, spread, size=len(which))
    hour = rng.uniform(0, int(weeks) * 7 * 24, size=len(which))
    order = np.lexsort((which, hour))
    which, followers, rate, hour = which[order], followers[order], rate[order], hour[order]
    day_index = (hour // 24).astype(int)
    return pd.DataFrame(
        {
            "post_id": np.arange(len(which)),
            "platform": np.array(names, dtype=object)[which],
            "week": day_index // 7,
            "day": np.array(DAYS, dtype=object)[day_index % 7],
            "followers": followers,
            "engagements": rng.poisson(followers * rate),
        }
    )


def engagement_rate_by_platform(posts: pd.DataFrame) -> pd.Series:
    """Median engagement rate per post (engagements / followers) by platform, as Rival IQ reports it."""
    rate = posts["engagements"] / posts["followers"]
    return rate.groupby(posts["platform"]).median().rename("engagement_rate")
