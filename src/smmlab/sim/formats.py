"""Content formats by platform: the same post does not do equally well everywhere.

Each platform's median engagement rate is Rival IQ's (ENG1, see :mod:`smmlab.sim.platforms`). A
*response matrix* scales it by content format: a short video on TikTok earns the platform's median,
a link post there almost nothing. The multipliers are teaching assumptions (no cross-platform
measurement of formats was found); ``benchmarks.toml`` holds them with their rationale.

A *plan* says which format each platform gets and whether the copy is written for that platform
(native) or the same text pasted everywhere (identical, losing ``crosspost_penalty`` of its
engagement on every platform but the one it was written for).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from smmlab.sim.params import check_range
from smmlab.sim.platforms import DAYS, Platform, northwind_platforms

FORMATS = ("video", "image", "link", "text")
#: The platform the identical copy is written for (it loses nothing there).
HOME_PLATFORM = "Facebook"


def response_matrix(platforms: list[str] | None = None) -> pd.DataFrame:
    """Engagement of each format relative to the platform's median post: platforms × formats.

    Values come from ``benchmarks.toml`` keys ``format_<platform>_<format>`` (assumptions).
    """
    from smmlab.sim import benchmarks

    platforms = list(northwind_platforms()) if platforms is None else platforms
    return pd.DataFrame(
        [[benchmarks.value(f"format_{p.lower()}_{f}") for f in FORMATS] for p in platforms],
        index=pd.Index(platforms, name="platform"),
        columns=pd.Index(FORMATS, name="format"),
    )


def expected_engagements(
    plan: dict[str, str],
    platforms: dict[str, Platform] | None = None,
    identical_copy: bool | Iterable[str] = False,
    crosspost_penalty: float | None = None,
) -> pd.Series:
    """Expected engagements per week on each platform under ``plan`` (platform → format).

    ``identical_copy`` is true for pasted copy everywhere, or the names of the platforms that get it.
    """
    from smmlab.sim import benchmarks

    platforms = northwind_platforms() if platforms is None else platforms
    penalty = benchmarks.value("crosspost_penalty") if crosspost_penalty is None else crosspost_penalty
    _check_plan(plan, platforms, penalty)
    matrix = response_matrix(list(platforms))
    pasted = _pasted(identical_copy, platforms)
    values = {}
    for name, platform in platforms.items():
        factor = 1 - penalty if name in pasted and name != HOME_PLATFORM else 1.0
        values[name] = (
            platform.posts_per_week
            * platform.followers
            * platform.engagement_rate
            * matrix.loc[name, plan[name]]
            * factor
        )
    return pd.Series(values, name="engagements_per_week").rename_axis("platform")


def best_formats(platforms: list[str] | None = None) -> dict[str, str]:
    """The format with the highest multiplier on each platform (the tailored plan)."""
    matrix = response_matrix(platforms)
    return {name: str(matrix.loc[name].idxmax()) for name in matrix.index}


def simulate_format_posts(
    plan: dict[str, str] | None = None,
    platforms: dict[str, Platform] | None = None,
    weeks: int = 26,
    identical_copy: bool | Iterable[str] = False,
    crosspost_penalty: float | None = None,
    spread: float | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Posts of the brand under a format plan: a tidy table, one row per post.

    Parameters
    ----------
    plan
        Format per platform; ``None`` draws each post's format at random (a format test).
    platforms
        The accounts (default: Northwind's four).
    weeks
        Length of the period.
    identical_copy
        The same text everywhere, written for :data:`HOME_PLATFORM` (``True``), or the names of the
        platforms that get it.
    crosspost_penalty
        Share of engagement identical copy loses elsewhere (default from ``benchmarks.toml``).
    spread
        Standard deviation of the log engagement rate around its median (default as
        :func:`smmlab.sim.platforms.simulate_posts`).
    seed
        Random seed.

    Returns
    -------
    pandas.DataFrame
        ``post_id``, ``platform``, ``week``, ``day``, ``format``, ``copy`` (native or identical),
        ``followers``, ``engagements``.
    """
    from smmlab.sim import benchmarks

    platforms = northwind_platforms() if platforms is None else platforms
    penalty = benchmarks.value("crosspost_penalty") if crosspost_penalty is None else crosspost_penalty
    spread = benchmarks.value("engagement_rate_spread") if spread is None else spread
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    check_range("", "spread", spread, 0, 3, "standard deviation of log rate")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    if plan is not None:
        _check_plan(plan, platforms, penalty)
    else:
        check_range("", "crosspost_penalty", penalty, 0, 1, "share of engagement lost")
    matrix = response_matrix(list(platforms))
    rng = np.random.default_rng([int(seed), 8])
    names = list(platforms)
    counts = rng.poisson([platforms[n].posts_per_week * int(weeks) for n in names])
    which = np.repeat(np.arange(len(names)), counts)
    if plan is None:
        format_index = rng.integers(0, len(FORMATS), size=len(which))
    else:
        format_index = np.array([FORMATS.index(plan[n]) for n in names], dtype=int)[which]
    multiplier = matrix.to_numpy()[which, format_index]
    pasted = _pasted(identical_copy, platforms)
    is_pasted = np.array([n in pasted for n in names])[which]
    factor = np.where(is_pasted & (np.array(names, dtype=object)[which] != HOME_PLATFORM), 1 - penalty, 1.0)
    followers = np.array([platforms[n].followers for n in names])[which]
    median = np.array([platforms[n].engagement_rate for n in names])[which]
    rate = median * multiplier * factor * rng.lognormal(0.0, spread, size=len(which))
    hour = rng.uniform(0, int(weeks) * 7 * 24, size=len(which))
    order = np.lexsort((which, hour))
    which, format_index, followers, rate, hour, is_pasted = (
        which[order],
        format_index[order],
        followers[order],
        rate[order],
        hour[order],
        is_pasted[order],
    )
    day_index = (hour // 24).astype(int)
    return pd.DataFrame(
        {
            "post_id": np.arange(len(which)),
            "platform": np.array(names, dtype=object)[which],
            "week": day_index // 7,
            "day": np.array(DAYS, dtype=object)[day_index % 7],
            "format": np.array(FORMATS, dtype=object)[format_index],
            "copy": np.where(is_pasted, "identical", "native").astype(object),
            "followers": followers,
            "engagements": np.minimum(rng.poisson(np.minimum(followers * rate, followers)), followers),
        }
    )


def _check_plan(plan: dict[str, str], platforms: dict[str, Platform], penalty: float) -> None:
    check_range("", "crosspost_penalty", penalty, 0, 1, "share of engagement lost")
    missing = set(platforms) - set(plan)
    if missing:
        raise ValueError(f"plan = {plan!r} names no format for {sorted(missing)}")
    bad = {name: value for name, value in plan.items() if value not in FORMATS}
    if bad:
        raise ValueError(f"plan = {plan!r}: {bad} not among the allowed formats {FORMATS}")


def _pasted(identical_copy: bool | Iterable[str], platforms: dict[str, Platform]) -> set[str]:
    if isinstance(identical_copy, bool):
        return set(platforms) if identical_copy else set()
    pasted = set(identical_copy)
    unknown = pasted - set(platforms)
    if unknown:
        raise ValueError(f"identical_copy = {sorted(pasted)!r} names unknown platforms {sorted(unknown)}")
    return pasted
