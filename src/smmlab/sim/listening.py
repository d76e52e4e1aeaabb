"""Social listening: public posts that mention a brand or its competitor, and what a brand reads.

People post about kettles whether or not the brand is listening. Each simulated post names one
brand (Northwind or its competitor, Brightwater), carries a sentiment (positive, neutral,
negative) and a topic, and may or may not *tag* the brand's account. A brand that only reads its
notifications sees the tagged posts about itself; a listening search sees every post naming it,
and, if it searches for the competitor too, what the competitor's customers say. Reading takes
time, so a listening budget (hours a week) reads a random sample of the posts in scope.

Tagging is not random: people tag a brand when they want something from it (a late delivery, a
refund), and rarely to say a kettle is loud. The notifications are therefore a biased sample of
the conversation, not a small copy of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded, check_range

BRANDS = ("Northwind", "Brightwater")
SENTIMENTS = ("positive", "neutral", "negative")
TOPICS = ("limescale", "lid", "noise", "design", "price", "delivery")
#: What the brand reads: posts tagging its account, every post naming it, or also the competitor's.
SCOPES = ("notifications", "own brand", "own and competitor")
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class TopicMix(Params):
    """Relative weights of the topics in a group of posts (normalised when used)."""

    limescale: float = bounded(1.0, low=0, high=100, unit="weight")
    lid: float = bounded(1.0, low=0, high=100, unit="weight")
    noise: float = bounded(1.0, low=0, high=100, unit="weight")
    design: float = bounded(1.0, low=0, high=100, unit="weight")
    price: float = bounded(1.0, low=0, high=100, unit="weight")
    delivery: float = bounded(1.0, low=0, high=100, unit="weight")

    def __post_init__(self) -> None:
        super().__post_init__()
        if sum(self.weights) <= 0:
            raise ValueError(
                f"{type(self).__name__}: all topic weights are 0; at least one must be in (0, 100]"
            )

    @property
    def weights(self) -> tuple[float, ...]:
        """The weights in the order of :data:`TOPICS`."""
        return tuple(float(getattr(self, topic)) for topic in TOPICS)

    @property
    def shares(self) -> np.ndarray:
        """The weights normalised to shares that sum to 1."""
        weights = np.array(self.weights)
        return weights / weights.sum()

    @classmethod
    def calibrated(cls, prefix: str) -> TopicMix:
        """The mix stored in ``benchmarks.toml`` under ``{prefix}_{topic}`` for every topic."""
        return cls(**{topic: benchmarks.value(f"{prefix}_{topic}") for topic in TOPICS})


@dataclass(frozen=True)
class Chatter(Params):
    """Who posts about the two brands, how they feel, what about, and whether they tag the brand.

    Attributes
    ----------
    northwind_per_week, competitor_per_week
        Public posts a week naming each brand (assumptions).
    northwind_positive, northwind_negative, competitor_positive, competitor_negative
        Sentiment mix of each brand's posts; the rest are neutral (assumptions).
    complaint_tag_share
        Share of Northwind's complaints that tag its account. Anchored on CARE8: only 41% of
        people who complain on social media expect an answer; the model assumes those who do are
        the ones who address the brand.
    positive_tag_factor, neutral_tag_factor
        How much less often praise and neutral posts tag the brand than complaints (assumptions).
    delivery_tag_factor
        How much more often posts about delivery and orders tag the brand than posts about the
        product (assumption: people tag a brand when they need something done).
    competitor_reply_rate
        Share of messages the competitor answers, as brands did on average (CARE4).
    ignored_switch_share
        Ignored complainers who switch to a competitor (CARE7).
    northwind_complaints, competitor_complaints, other_topics
        Topic mixes of each brand's complaints and of every other post (assumptions).
    """

    northwind_per_week: float = bounded(
        low=0, high=100_000, unit="posts per week", benchmark="listening_northwind_posts_week"
    )
    competitor_per_week: float = bounded(
        low=0, high=100_000, unit="posts per week", benchmark="listening_competitor_posts_week"
    )
    northwind_positive: float = bounded(low=0, high=1, unit="share", benchmark="listening_northwind_positive")
    northwind_negative: float = bounded(low=0, high=1, unit="share", benchmark="listening_northwind_negative")
    competitor_positive: float = bounded(
        low=0, high=1, unit="share", benchmark="listening_competitor_positive"
    )
    competitor_negative: float = bounded(
        low=0, high=1, unit="share", benchmark="listening_competitor_negative"
    )
    complaint_tag_share: float = bounded(
        low=0, high=1, unit="share", benchmark="complainers_expect_reply_share"
    )
    positive_tag_factor: float = bounded(
        low=0, high=1, unit="factor", benchmark="listening_positive_tag_factor"
    )
    neutral_tag_factor: float = bounded(
        low=0, high=1, unit="factor", benchmark="listening_neutral_tag_factor"
    )
    delivery_tag_factor: float = bounded(
        low=1, high=20, unit="factor", benchmark="listening_delivery_tag_factor"
    )
    competitor_reply_rate: float = bounded(low=0, high=1, unit="share", benchmark="brand_reply_rate")
    ignored_switch_share: float = bounded(low=0, high=1, unit="share", benchmark="ignored_switch_share")
    northwind_complaints: TopicMix = field(
        default_factory=lambda: TopicMix.calibrated("listening_northwind_complaints")
    )
    competitor_complaints: TopicMix = field(
        default_factory=lambda: TopicMix.calibrated("listening_competitor_complaints")
    )
    other_topics: TopicMix = field(default_factory=lambda: TopicMix.calibrated("listening_other_topics"))

    def __post_init__(self) -> None:
        super().__post_init__()
        for brand in ("northwind", "competitor"):
            positive, negative = getattr(self, f"{brand}_positive"), getattr(self, f"{brand}_negative")
            if positive + negative > 1:
                raise ValueError(
                    f"Chatter.{brand}_positive + {brand}_negative = {positive + negative:g} "
                    "is outside the allowed range [0, 1] (share)"
                )
        for name in ("northwind_complaints", "competitor_complaints", "other_topics"):
            if not isinstance(getattr(self, name), TopicMix):
                raise ValueError(f"Chatter.{name} = {getattr(self, name)!r} is not a TopicMix")

    def sentiment_shares(self, brand: str) -> np.ndarray:
        """Shares of positive, neutral and negative posts about ``brand``."""
        _check_brand(brand)
        prefix = "northwind" if brand == BRANDS[0] else "competitor"
        positive, negative = getattr(self, f"{prefix}_positive"), getattr(self, f"{prefix}_negative")
        neutral = max(0.0, 1 - positive - negative)  # validated <= 1; max() drops round-off (1 + 5e-324)
        return np.array([positive, neutral, negative])

    def topic_shares(self, brand: str) -> np.ndarray:
        """Topic shares (rows: sentiments, columns: topics) of posts about ``brand``."""
        _check_brand(brand)
        complaints = self.northwind_complaints if brand == BRANDS[0] else self.competitor_complaints
        return np.vstack([self.other_topics.shares, self.other_topics.shares, complaints.shares])

    def tag_chances(self) -> np.ndarray:
        """Chance that a post tags the brand, by sentiment (rows) and topic (columns).

        Scaled so that ``complaint_tag_share`` of Northwind's complaints tag it (capped at 1).
        """
        topic_factor = np.where(np.array(TOPICS) == "delivery", self.delivery_tag_factor, 1.0)
        sentiment_factor = np.array([self.positive_tag_factor, self.neutral_tag_factor, 1.0])
        scale = self.complaint_tag_share / float(self.northwind_complaints.shares @ topic_factor)
        return np.clip(scale * np.outer(sentiment_factor, topic_factor), 0, 1)


def _check_brand(brand: str) -> None:
    if brand not in BRANDS:
        raise ValueError(f"brand = {brand!r} is not one of the allowed values {BRANDS}")


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope = {scope!r} is not one of the allowed values {SCOPES}")


def simulate_mentions(chatter: Chatter | None = None, weeks: int = 12, seed: int = 0) -> pd.DataFrame:
    """Draw every public post naming either brand over ``weeks`` weeks.

    Returns
    -------
    pandas.DataFrame
        One row per post, in time order: ``mention_id``, ``day`` and ``week`` (from 0),
        ``brand``, ``sentiment``, ``topic``, ``tags_brand`` (the post tags the brand's account)
        and ``read_order`` (a random key: a listener with a budget reads the posts in scope with
        the smallest keys, so a bigger budget reads a superset).
    """
    chatter = chatter or Chatter()
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([seed, 21])
    tags = chatter.tag_chances()
    frames = []
    for brand_code, (brand, rate) in enumerate(
        zip(BRANDS, (chatter.northwind_per_week, chatter.competitor_per_week), strict=True)
    ):
        count = int(rng.poisson(rate * weeks))
        sentiment = rng.choice(len(SENTIMENTS), size=count, p=chatter.sentiment_shares(brand))
        cumulative = np.cumsum(chatter.topic_shares(brand), axis=1)[sentiment]
        topic = np.minimum((rng.random((count, 1)) > cumulative).sum(axis=1), len(TOPICS) - 1)
        frames.append(
            pd.DataFrame(
                {
                    "time": rng.uniform(0, weeks * DAYS_PER_WEEK, count),
                    "brand": np.full(count, brand_code),
                    "sentiment": sentiment,
                    "topic": topic,
                    "tags_brand": rng.random(count) < tags[sentiment, topic],
                }
            )
        )
    posts = pd.concat(frames, ignore_index=True).sort_values("time", kind="stable").reset_index(drop=True)
    day = posts["time"].to_numpy().astype(int)
    return pd.DataFrame(
        {
            "mention_id": np.arange(len(posts)),
            "day": day,
            "week": day // DAYS_PER_WEEK,
            "brand": pd.Categorical.from_codes(posts["brand"].to_numpy(), categories=BRANDS),
            "sentiment": pd.Categorical.from_codes(posts["sentiment"].to_numpy(), categories=SENTIMENTS),
            "topic": pd.Categorical.from_codes(posts["topic"].to_numpy(), categories=TOPICS),
            "tags_brand": posts["tags_brand"].to_numpy(),
            "read_order": rng.random(len(posts)),
        }
    )


def in_scope(mentions: pd.DataFrame, scope: str) -> pd.Series:
    """Which posts a listener with ``scope`` (see :data:`SCOPES`) can see at all (Northwind's view)."""
    _check_scope(scope)
    northwind = mentions["brand"] == BRANDS[0]
    if scope == "notifications":
        return northwind & mentions["tags_brand"].astype(bool)
    if scope == "own brand":
        return northwind
    return pd.Series(True, index=mentions.index)


# ---- analysis (what the summary and the explorer report; private: the exercise asks for it) -----


def _share_of_voice(mentions: pd.DataFrame, brand: str = BRANDS[0]) -> float:
    """Share of all posts that name ``brand`` (NaN when there are no posts)."""
    _check_brand(brand)
    return float((mentions["brand"] == brand).mean()) if len(mentions) else float("nan")


def _sentiment_shares(mentions: pd.DataFrame) -> pd.DataFrame:
    """Share of positive, neutral and negative posts for each brand, plus ``net`` (positive − negative).

    One row per brand that has posts; each row's three shares sum to 1.
    """
    counts = pd.crosstab(mentions["brand"].astype(str), mentions["sentiment"].astype(str))
    counts = counts.reindex(columns=list(SENTIMENTS), fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares["net"] = shares["positive"] - shares["negative"]
    shares.index.name, shares.columns.name = "brand", None
    return shares


def _complaint_topics(mentions: pd.DataFrame, brand: str) -> pd.Series:
    """Number of negative posts about ``brand`` by topic, largest first (ties keep topic order)."""
    _check_brand(brand)
    complaints = mentions[(mentions["brand"] == brand) & (mentions["sentiment"] == "negative")]
    counts = complaints["topic"].astype(str).value_counts().reindex(list(TOPICS), fill_value=0)
    return counts.sort_values(ascending=False, kind="stable").rename("complaints").rename_axis("topic")


def _top_complaint(mentions: pd.DataFrame, brand: str, tagged_only: bool = False) -> str | None:
    """The most common topic among the negative posts about ``brand``.

    Only the posts that tag the brand count if ``tagged_only``.
    """
    chosen = mentions[mentions["tags_brand"].astype(bool)] if tagged_only else mentions
    counts = _complaint_topics(chosen, brand)
    return str(counts.index[0]) if counts.iloc[0] > 0 else None


# ---- what a brand learns with a given scope and budget ------------------------------------------


@dataclass(frozen=True)
class Listening(Params):
    """How Northwind listens.

    Attributes
    ----------
    hours_per_week
        Time spent reading posts (0 = the brand publishes and never listens).
    seconds_per_post
        Time to read one post and note its sentiment and topic (assumption).
    scope
        Which posts it looks at: one of :data:`SCOPES`.
    """

    hours_per_week: float = bounded(2.0, low=0, high=168, unit="hours per week")
    seconds_per_post: float = bounded(
        low=1, high=3600, unit="seconds", benchmark="listening_seconds_per_post"
    )
    scope: str = field(default="notifications")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.scope not in SCOPES:
            raise ValueError(f"Listening.scope = {self.scope!r} is not one of the allowed values {SCOPES}")

    @property
    def posts_per_week(self) -> float:
        """How many posts the budget reads a week."""
        return self.hours_per_week * 3600 / self.seconds_per_post


@dataclass(frozen=True)
class ListeningResult:
    """The whole conversation, and the part of it Northwind read.

    Attributes
    ----------
    mentions
        Every post (the truth nobody sees whole).
    read
        The posts Northwind read.
    read_share
        Share of the posts in scope that were read (each read post stands for ``1 / read_share``).
    """

    mentions: pd.DataFrame
    read: pd.DataFrame
    read_share: float
    scope_posts: int
    listening: Listening
    chatter: Chatter
    weeks: int

    def weekly(self, brand: str, seen: bool) -> pd.Series:
        """Posts a week about ``brand`` by sentiment: all of them, or Northwind's estimate."""
        _check_brand(brand)
        table = self.read if seen else self.mentions
        counts = table.loc[table["brand"] == brand, "sentiment"].astype(str).value_counts()
        counts = counts.reindex(list(SENTIMENTS), fill_value=0).astype(float)
        scale = 1 / self.read_share if seen and self.read_share > 0 else 1.0
        return counts * scale / self.weeks

    def sees(self, brand: str) -> bool:
        """Whether Northwind's scope and budget let it read any post about ``brand``."""
        _check_brand(brand)
        return bool((self.read["brand"] == brand).any())

    def switch_candidates_per_week(self, seen: bool) -> float:
        """Competitor complainers a week who are ignored and ready to switch (CARE4, CARE7).

        Only complaints that tag the competitor count: CARE7's switchers contacted the brand and
        were ignored, and the model lets only those who expect an answer tag it (CARE8). Of them,
        the competitor leaves unanswered ``1 - competitor_reply_rate`` (CARE4), and
        ``ignored_switch_share`` of those switch (CARE7).
        """
        _check_brand(BRANDS[1])
        table = self.read if seen else self.mentions
        addressed = (
            (table["brand"] == BRANDS[1])
            & (table["sentiment"] == "negative")
            & table["tags_brand"].astype(bool)
        )
        scale = 1 / self.read_share if seen and self.read_share > 0 else 1.0
        complaints = float(addressed.sum()) * scale / self.weeks
        return float(
            complaints * (1 - self.chatter.competitor_reply_rate) * self.chatter.ignored_switch_share
        )

    def summary(self) -> dict[str, float | str | None]:
        """Headline numbers: the truth and what Northwind learns (NaN or None where it cannot know)."""
        mentions, read = self.mentions, self.read
        northwind_read = read[read["brand"] == BRANDS[0]]
        seen_sov = _share_of_voice(read) if self.listening.scope == SCOPES[2] and len(read) else float("nan")
        truth = _sentiment_shares(mentions)
        seen = _sentiment_shares(northwind_read) if len(northwind_read) else None
        return {
            "posts": float(len(mentions)),
            "posts_in_scope": float(self.scope_posts),
            "posts_read": float(len(read)),
            "read_share": self.read_share,
            "northwind_posts_seen_share": len(northwind_read)
            / max(int((mentions["brand"] == BRANDS[0]).sum()), 1),
            "share_of_voice": _share_of_voice(mentions),
            "share_of_voice_seen": seen_sov,
            "net_sentiment": float(truth.loc[BRANDS[0], "net"]),
            "net_sentiment_seen": float(seen.loc[BRANDS[0], "net"]) if seen is not None else float("nan"),
            "top_complaint": _top_complaint(mentions, BRANDS[0]),
            "top_complaint_seen": _top_complaint(read, BRANDS[0]) if len(northwind_read) else None,
            "competitor_top_complaint": _top_complaint(mentions, BRANDS[1]),
            "competitor_top_complaint_seen": (
                _top_complaint(read, BRANDS[1]) if self.sees(BRANDS[1]) else None
            ),
            "switch_candidates_week": self.switch_candidates_per_week(seen=False),
            "switch_candidates_week_seen": (
                self.switch_candidates_per_week(seen=True) if self.sees(BRANDS[1]) else float("nan")
            ),
        }


def listen(mentions: pd.DataFrame, listening: Listening, weeks: int) -> tuple[pd.DataFrame, float, int]:
    """The posts a listener reads: a random sample of those in scope, as many as the budget allows.

    Returns the posts read, the share of the posts in scope they make up, and how many were in scope.
    """
    check_range("", "weeks", weeks, 1, 520, "weeks", integer=True)
    visible = mentions[in_scope(mentions, listening.scope)]
    budget = round(listening.posts_per_week * weeks)
    read = visible.nsmallest(min(budget, len(visible)), "read_order").sort_index()
    share = len(read) / len(visible) if len(visible) else 0.0
    return read, share, len(visible)


def simulate_listening(
    listening: Listening | None = None,
    chatter: Chatter | None = None,
    weeks: int = 12,
    seed: int = 0,
) -> ListeningResult:
    """Simulate ``weeks`` of public posts and what Northwind reads of them.

    Parameters
    ----------
    listening, chatter
        Parameter sets; defaults are the calibrated values in ``benchmarks.toml``.
    weeks
        Length of the period, 1 to 520.
    seed
        Random seed; the same seed gives the same posts (and the same reading order).
    """
    listening = listening or Listening()
    chatter = chatter or Chatter()
    mentions = simulate_mentions(chatter, weeks, seed)
    read, share, in_scope_count = listen(mentions, listening, weeks)
    return ListeningResult(
        mentions=mentions,
        read=read,
        read_share=share,
        scope_posts=in_scope_count,
        listening=listening,
        chatter=chatter,
        weeks=int(weeks),
    )


__all__ = [
    "BRANDS",
    "SCOPES",
    "SENTIMENTS",
    "TOPICS",
    "Chatter",
    "Listening",
    "ListeningResult",
    "TopicMix",
    "in_scope",
    "listen",
    "simulate_listening",
    "simulate_mentions",
]
