"""The brand's audience and how its organic reach behaves."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded, check_range


@dataclass(frozen=True)
class Audience(Params):
    """Followers of the brand and the share an organic post reaches.

    Attributes
    ----------
    followers
        Followers at the start of the simulation.
    organic_reach_share
        Share of followers one organic post reaches at one post a day (RCH3).
    second_daily_post_like_share
        Response each post gets at two posts a day relative to one (CONT4); sets how fast
        per-post reach falls when a brand posts more than once a day.
    """

    followers: int = bounded(low=0, high=100_000_000, integer=True, unit="followers", benchmark="followers")
    organic_reach_share: float = bounded(low=0, high=1, unit="share", benchmark="organic_reach_share")
    second_daily_post_like_share: float = bounded(
        low=0.01, high=1, unit="share", benchmark="second_daily_post_like_share"
    )

    @property
    def frequency_elasticity(self) -> float:
        """Exponent of per-post reach in posts per day (``log2`` of the two-a-day share, ≤ 0)."""
        return math.log2(self.second_daily_post_like_share)

    def reach_per_post(self, followers: np.ndarray | float, posts_per_day: np.ndarray | float) -> np.ndarray:
        """Expected organic reach of one post.

        Above one post a day each post reaches fewer people (feeds show a page's posts less
        often); below one a day there is no bonus.
        """
        crowding = np.maximum(np.asarray(posts_per_day, dtype=float), 1.0) ** self.frequency_elasticity
        return np.asarray(followers, dtype=float) * self.organic_reach_share * crowding


# ---- organic reach over the years -------------------------------------------------------------

#: Cited organic-reach figures: (date as a fractional year, benchmark key). Yearly figures sit at
#: mid-year; Social@Ogilvy's monthly ones at mid-month (RCH1), Hootsuite's per year (RCH3).
REACH_ANCHORS: tuple[tuple[float, str], ...] = (
    (2012.5, "organic_reach_2012"),
    (2013 + 9.5 / 12, "organic_reach_2013_10"),
    (2014 + 1.5 / 12, "organic_reach_2014_02"),
    (2018.5, "organic_reach_2018"),
    (2019.5, "organic_reach_2019"),
    (2020.5, "organic_reach_share"),
)
REACH_YEARS = (2010, 2035)


def reach_anchors() -> pd.DataFrame:
    """The cited figures behind :func:`organic_reach_share_by_year`: ``date``, ``share``, ``key``."""
    return pd.DataFrame(
        {
            "date": [date for date, _key in REACH_ANCHORS],
            "share": [benchmarks.value(key) for _date, key in REACH_ANCHORS],
            "key": [key for _date, key in REACH_ANCHORS],
        }
    )


def organic_reach_share_by_year(year: np.ndarray | float) -> np.ndarray:
    """Share of followers an organic Facebook post reaches, at a (fractional) year.

    The curve passes through every cited figure (RCH1 for 2012-2014, RCH3 for 2018-2020),
    joining them log-linearly. Before 2012 it stays at the 2012 figure; after 2020 it continues
    the 2018-2020 trend (a labelled assumption). Between 2014 and 2018 no figure exists and the
    two studies measured differently, so the rise the joined curve shows there is an artefact,
    not a recovery. Pass ``year + 0.5`` for a calendar year's mid-year value.
    """
    years = np.asarray(year, dtype=float)
    low, high = REACH_YEARS
    if not np.isfinite(years).all() or (years < low).any() or (years > high + 1).any():
        raise ValueError(f"year = {year!r} is outside the allowed range [{low}, {high + 1}] (years)")
    anchors = reach_anchors()
    dates, logs = anchors["date"].to_numpy(), np.log(anchors["share"].to_numpy())
    tail = 2018.5 <= dates
    trend = np.polyfit(dates[tail], logs[tail], 1)[0]  # log-share change per year, 2018-2020
    inside = np.interp(years, dates, logs)
    after = logs[-1] + trend * (years - dates[-1])
    return np.exp(np.where(years > dates[-1], after, inside))


def simulate_reach_by_year(
    years: np.ndarray | list[int],
    followers: int | None = None,
    posts_per_week: float = 5.0,
    seed: int = 0,
) -> pd.DataFrame:
    """A brand's organic reach, year by year: a tidy table, one row per calendar year.

    Columns: ``year``, ``organic_reach_share`` (the calibrated mid-year share), ``followers``,
    ``posts``, ``organic_impressions`` (drawn around followers x share x posts) and
    ``measured_share`` (impressions / (followers x posts)).
    """
    followers = Audience().followers if followers is None else followers
    check_range("", "followers", followers, 1, 100_000_000, "followers", integer=True)
    check_range("", "posts_per_week", posts_per_week, 0.1, 100, "posts per week")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    years = np.asarray(years)
    low, high = REACH_YEARS
    if years.ndim != 1 or len(years) == 0 or not np.isin(years, np.arange(low, high + 1)).all():
        raise ValueError(f"years = {years!r} must be whole years in the allowed range [{low}, {high}]")
    rng = np.random.default_rng([int(seed), 3])
    share = organic_reach_share_by_year(years + 0.5)
    posts = rng.poisson(posts_per_week * 52, size=len(years))
    impressions = rng.poisson(int(followers) * share * posts)
    return pd.DataFrame(
        {
            "year": years.astype(int),
            "organic_reach_share": share,
            "followers": np.full(len(years), int(followers)),
            "posts": posts,
            "organic_impressions": impressions,
            "measured_share": np.divide(
                impressions, int(followers) * posts, out=np.zeros(len(years)), where=posts > 0
            ),
        }
    )
