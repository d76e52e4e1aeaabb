"""The brand's audience and how its organic reach behaves."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from smmlab.sim.params import Params, bounded


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
