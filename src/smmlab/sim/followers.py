"""Real and bought followers: the accounts themselves, and what they do to a page's posts.

Two pieces:

- :func:`simulate_accounts` draws follower *accounts* with the features fake-follower studies
  describe (see the FAKE entries of ``benchmarks.toml``): bought accounts have few followers of their own,
  follow very many accounts, post little, often lack a profile picture, carry many digits in
  their username and are young. The distributions are modelling assumptions fitted to those
  descriptions, not to the data sets themselves; a share of bought accounts copies a real
  person's profile and looks real (FAKE6), so no rule catches every fake.
- :class:`Page` and :func:`simulate_page` model the *page*: every post is first shown to a share of
  all followers (RCH3), bought ones included; only real followers engage; and the feed rewards
  posts whose viewers engage (the feed lesson's ranking assumption), so a page padded with
  inactive accounts reaches fewer real people. Buying followers thus raises the follower count
  while the engagement rate and the real reach per post fall (MISTAKES #6).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmlab.sim.params import Params, bounded, check_range

#: Account features, in the order :func:`simulate_accounts` returns them.
FEATURES = ("username", "followers", "following", "posts", "has_profile_picture", "account_age_days")
_HANDLES = np.array(
    [
        "anna", "ben", "chloe", "dev", "ella", "finn", "grace", "hugo", "isla", "jon", "kai", "lena",
        "max", "nora", "omar", "pia", "quinn", "rosa", "sam", "tara", "uma", "vik", "wen", "yara",
        "zoe", "teafan", "kettle_love", "brewbuddy", "leafy", "chai", "oolong", "cuppa",
    ]
)  # fmt: skip
_SUFFIXES = np.array(["", "_", ".", "_k", "_m", "_j", "x", "_tea", "_uk", "_de"])


@dataclass(frozen=True)
class AccountTraits(Params):
    """How real and bought follower accounts look (modelling assumptions, see ``benchmarks.toml``).

    Medians of log-normal counts (followers, following, posts, age), a shared log-normal spread,
    shares with a profile picture, mean digits in the username (Poisson), and the share of bought
    accounts that copy a real person's profile (drawn as real accounts).
    """

    real_followers_median: float = bounded(
        low=1, high=1e6, unit="followers", benchmark="real_account_followers"
    )
    bought_followers_median: float = bounded(
        low=1, high=1e6, unit="followers", benchmark="bought_account_followers"
    )
    real_following_median: float = bounded(
        low=1, high=1e5, unit="accounts", benchmark="real_account_following"
    )
    bought_following_median: float = bounded(
        low=1, high=1e5, unit="accounts", benchmark="bought_account_following"
    )
    real_posts_median: float = bounded(low=0.1, high=1e5, unit="posts", benchmark="real_account_posts")
    bought_posts_median: float = bounded(low=0.1, high=1e5, unit="posts", benchmark="bought_account_posts")
    real_picture_share: float = bounded(low=0, high=1, unit="share", benchmark="real_account_picture_share")
    bought_picture_share: float = bounded(
        low=0, high=1, unit="share", benchmark="bought_account_picture_share"
    )
    real_digits_mean: float = bounded(low=0, high=10, unit="digits", benchmark="real_account_username_digits")
    bought_digits_mean: float = bounded(
        low=0, high=10, unit="digits", benchmark="bought_account_username_digits"
    )
    real_age_days_median: float = bounded(low=1, high=10_000, unit="days", benchmark="real_account_age_days")
    bought_age_days_median: float = bounded(
        low=1, high=10_000, unit="days", benchmark="bought_account_age_days"
    )
    spread: float = bounded(low=0.05, high=3, unit="log-normal sigma", benchmark="account_feature_spread")
    disguised_share: float = bounded(
        low=0, high=1, unit="share of bought", benchmark="bought_disguised_share"
    )


def simulate_accounts(
    real: int, bought: int, traits: AccountTraits | None = None, seed: int = 0
) -> pd.DataFrame:
    """Draw ``real`` + ``bought`` follower accounts, shuffled, one row each.

    Returns
    -------
    pandas.DataFrame
        ``account_id``, ``username``, ``followers``, ``following``, ``posts``,
        ``has_profile_picture``, ``account_age_days`` and the truth ``bought``.
    """
    check_range("", "real", real, 0, 10_000_000, "accounts", integer=True)
    check_range("", "bought", bought, 0, 10_000_000, "accounts", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    traits = traits or AccountTraits()
    real, bought = int(real), int(bought)
    count = real + bought
    rng = np.random.default_rng([int(seed), 11])
    is_bought = np.zeros(count, dtype=bool)
    is_bought[rng.permutation(count)[:bought]] = True
    looks_bought = is_bought & (rng.random(count) >= traits.disguised_share)

    def pick(real_value: float, bought_value: float) -> np.ndarray:
        return np.where(looks_bought, bought_value, real_value)

    def lognormal(real_median: float, bought_median: float) -> np.ndarray:
        return pick(real_median, bought_median) * np.exp(traits.spread * rng.standard_normal(count))

    followers = np.floor(lognormal(traits.real_followers_median, traits.bought_followers_median))
    following = np.floor(lognormal(traits.real_following_median, traits.bought_following_median))
    posts = np.floor(lognormal(traits.real_posts_median, traits.bought_posts_median))
    age = np.ceil(lognormal(traits.real_age_days_median, traits.bought_age_days_median))
    picture = rng.random(count) < pick(traits.real_picture_share, traits.bought_picture_share)
    digits = rng.poisson(pick(traits.real_digits_mean, traits.bought_digits_mean))
    return pd.DataFrame(
        {
            "account_id": np.arange(count),
            "username": _usernames(digits, rng),
            "followers": followers.astype(np.int64),
            "following": np.maximum(following, 1).astype(np.int64),
            "posts": posts.astype(np.int64),
            "has_profile_picture": picture,
            "account_age_days": np.clip(age, 1, 7000).astype(np.int64),
            "bought": is_bought,
        }
    )


def _usernames(digits: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Handles like ``leafy_k`` or ``anna83920``: a name, a suffix and ``digits`` random digits."""
    count = len(digits)
    if count == 0:
        return np.array([], dtype=object)
    digits = np.minimum(digits, 12)
    numbers = rng.integers(0, 10, size=(count, 12)).astype(str)
    tails = np.array(["".join(row[:n]) for row, n in zip(numbers.tolist(), digits.tolist(), strict=True)])
    names = np.char.add(
        _HANDLES[rng.integers(0, len(_HANDLES), count)], _SUFFIXES[rng.integers(0, 10, count)]
    )
    return np.char.add(names, tails).astype(object)


def username_digits(usernames: pd.Series) -> pd.Series:
    """Number of digits in each username."""
    return usernames.astype(str).str.count(r"\d")


@dataclass(frozen=True)
class Page(Params):
    """A brand page: its real and bought followers, and how its posts travel.

    Attributes
    ----------
    real_followers, bought_followers
        Followers who are people, and followers bought from a seller.
    organic_reach_share
        Share of all followers a post is first shown to (RCH3); bought accounts count.
    engagements_per_impression
        Share of real people shown a post who react to it (assumption shared with the feed).
    bought_engagement_factor
        Engagement of a bought account relative to a real one (assumption: inactive, so zero).
    boost_power
        The feed scales reach by (engagement per impression / a real audience's) to this power
        (the feed lesson's ranking assumption); 0 switches the penalty off.
    price_per_1000
        What 1,000 bought followers cost (FAKE6).
    """

    real_followers: int = bounded(
        low=1, high=10_000_000, unit="followers", integer=True, benchmark="followers"
    )
    bought_followers: int = bounded(0, low=0, high=10_000_000, unit="followers", integer=True)
    organic_reach_share: float = bounded(low=0, high=1, unit="share", benchmark="organic_reach_share")
    engagements_per_impression: float = bounded(
        low=0, high=0.5, unit="engagements per impression", benchmark="engagements_per_impression"
    )
    bought_engagement_factor: float = bounded(
        low=0, high=1, unit="relative engagement", benchmark="bought_engagement_factor"
    )
    boost_power: float = bounded(low=0, high=3, unit="exponent", benchmark="engagement_boost_power")
    price_per_1000: float = bounded(low=0, high=1000, unit="USD", benchmark="bought_followers_price_per_1000")

    @property
    def followers(self) -> int:
        """The follower count the page shows."""
        return int(self.real_followers + self.bought_followers)

    @property
    def bought_share(self) -> float:
        """Share of followers that were bought."""
        return self.bought_followers / self.followers

    def expected(self) -> dict[str, float]:
        """Expected numbers per post, and the purchase's cost.

        ``impressions`` (all accounts shown the post), ``real_reach`` (people shown it),
        ``engagements``, ``engagement_rate`` (engagements / all followers, what dashboards show)
        and ``true_engagement_rate`` (engagements / real followers).
        """
        real = 1 - self.bought_share
        engaging = real + (1 - real) * self.bought_engagement_factor  # engagement per impression, relative
        boost = engaging**self.boost_power
        impressions = self.followers * self.organic_reach_share * boost
        real_reach = impressions * real
        engagements = impressions * engaging * self.engagements_per_impression
        return {
            "followers": float(self.followers),
            "bought_share": float(self.bought_share),
            "impressions": float(impressions),
            "real_reach": float(real_reach),
            "engagements": float(engagements),
            "engagement_rate": float(engagements / self.followers),
            "true_engagement_rate": float(engagements / self.real_followers),
            "cost": float(self.bought_followers / 1000 * self.price_per_1000),
        }


def simulate_page(
    page: Page | None = None,
    weeks: int = 26,
    bought_from_week: int = 0,
    posts_per_week: float = 5.0,
    seed: int = 0,
) -> pd.DataFrame:
    """Simulate a page's posts; the bought followers arrive at the start of ``bought_from_week``.

    Returns
    -------
    pandas.DataFrame
        One row per post: ``post_id``, ``week``, ``followers`` (the shown count), ``bought``
        (bought followers at the time), ``impressions``, ``real_reach`` and ``engagements``
        (binomial draws around :meth:`Page.expected`).
    """
    page = page or Page()
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    check_range("", "bought_from_week", bought_from_week, 0, weeks, "week", integer=True)
    check_range("", "posts_per_week", posts_per_week, 0.1, 70, "posts per week")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([int(seed), 12])
    per_week = rng.poisson(posts_per_week, int(weeks))
    week = np.repeat(np.arange(int(weeks)), per_week)
    after = week >= int(bought_from_week)
    before_page = page.replace(bought_followers=0)
    rows = {}
    for key, chosen in (("before", before_page), ("after", page)):
        rows[key] = chosen.expected()
    pick = {name: np.where(after, rows["after"][name], rows["before"][name]) for name in rows["after"]}
    impressions = rng.poisson(pick["impressions"])
    real_share = 1 - pick["bought_share"]
    real_reach = rng.binomial(impressions, real_share)
    engaging_fake = page.engagements_per_impression * page.bought_engagement_factor
    engagements = rng.binomial(real_reach, page.engagements_per_impression) + rng.binomial(
        impressions - real_reach, engaging_fake
    )
    return pd.DataFrame(
        {
            "post_id": np.arange(len(week)),
            "week": week,
            "followers": pick["followers"].astype(np.int64),
            "bought": np.where(after, page.bought_followers, 0).astype(np.int64),
            "impressions": impressions.astype(np.int64),
            "real_reach": real_reach.astype(np.int64),
            "engagements": engagements.astype(np.int64),
        }
    )


def precision_recall(flagged: np.ndarray | pd.Series, bought: np.ndarray | pd.Series) -> tuple[float, float]:
    """Precision (flagged accounts that were bought) and recall (bought accounts flagged).

    Precision is 0 when nothing is flagged; recall is 0 when nothing was bought.
    """
    flagged = np.asarray(flagged, dtype=bool)
    bought = np.asarray(bought, dtype=bool)
    if flagged.shape != bought.shape:
        raise ValueError(f"flagged has shape {flagged.shape} but bought has {bought.shape}; they must match")
    hits = float((flagged & bought).sum())
    precision = hits / flagged.sum() if flagged.any() else 0.0
    recall = hits / bought.sum() if bought.any() else 0.0
    return float(precision), float(recall)


__all__ = [
    "FEATURES",
    "AccountTraits",
    "Page",
    "precision_recall",
    "simulate_accounts",
    "simulate_page",
    "username_digits",
]
