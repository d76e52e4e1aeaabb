"""A follower network and how a message spreads through it.

Two pieces, both seeded and vectorised:

* :func:`follower_graph` builds a random social graph with a heavy-tailed number of friends per
  person (an expected-degree, or Chung-Lu, configuration model): a few people have many
  connections, most have a handful. The graph is stored as compressed sparse rows
  (``indptr``/``indices``), the format of ``scipy.sparse``, built with numpy alone.
* :func:`cascade` spreads a message from the people who first see it (an independent cascade):
  each person who sees it passes it on with a chance that depends on how they got it, and each
  of their connections then sees the pass-on with a chance of its own (feeds show only part of
  what friends post). It runs round by round until nobody new sees the message.

Trust in a message depends on where it comes from (:func:`trust_by_source`): Nielsen's surveys
asked people how far they trust each form of advertising (TRUST1, 2015; TRUST2, 2012). The
surveys measure stated trust, not behaviour; the lessons use them as weights, and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from smmlab.sim import benchmarks
from smmlab.sim.params import Params, bounded, check_range

#: Trust survey → benchmark key per source of a message.
TRUST_KEYS: dict[int, dict[str, str]] = {
    2015: {
        "friends": "trust_friends_2015",
        "brand_site": "trust_brand_site_2015",
        "online_opinions": "trust_online_opinions_2015",
    },
    2012: {
        "friends": "trust_friends_2012",
        "brand_site": "trust_brand_site_2012",
        "online_opinions": "trust_online_opinions_2012",
    },
}


def trust_by_source(survey: int = 2015) -> dict[str, float]:
    """Share of people who trust each source of a message, from Nielsen's survey of ``survey``.

    Keys: ``friends`` (recommendations from people one knows), ``brand_site`` (brand websites,
    the nearest form to a brand's own blog or page) and ``online_opinions`` (consumer opinions
    posted online).
    """
    if survey not in TRUST_KEYS:
        raise ValueError(f"survey = {survey!r} is not one of the allowed surveys {sorted(TRUST_KEYS)}")
    return {source: benchmarks.value(key) for source, key in TRUST_KEYS[survey].items()}


@dataclass(frozen=True, eq=False)
class Graph:
    """An undirected graph in compressed sparse rows: the connections of person ``i`` are
    ``indices[indptr[i]:indptr[i + 1]]``."""

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def people(self) -> int:
        """Number of people (nodes)."""
        return len(self.indptr) - 1

    @property
    def degree(self) -> np.ndarray:
        """Number of connections of each person."""
        return np.diff(self.indptr)

    def neighbours(self, people: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every connection of ``people``: (whose connection it is, the connected person)."""
        people = np.asarray(people, dtype=np.int64)
        if people.size and (people.min() < 0 or people.max() >= self.people):
            bad = people[(people < 0) | (people >= self.people)][0]
            raise ValueError(f"person = {int(bad)} is outside the allowed range [0, {self.people - 1}]")
        starts, counts = self.indptr[people], self.degree[people]
        owner = np.repeat(people, counts)
        # Positions starts[k] .. starts[k] + counts[k] - 1, for every k at once.
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        return owner, self.indices[np.repeat(starts, counts) + offsets]

    def reach_of(self, people: np.ndarray) -> int:
        """Number of distinct people connected to any of ``people`` (themselves excluded)."""
        _owner, connected = self.neighbours(people)
        return int(np.setdiff1d(np.unique(connected), people).size)


def expected_degrees(people: int, mean_degree: float, degree_spread: float, seed: int) -> np.ndarray:
    """Draw each person's expected number of connections: log-normal with mean ``mean_degree``.

    ``degree_spread`` is the standard deviation of the log; 0 gives everyone the same.
    """
    check_range("", "people", people, 2, 5_000_000, "people", integer=True)
    check_range("", "mean_degree", mean_degree, 0, 1000, "connections per person")
    check_range("", "degree_spread", degree_spread, 0, 3, "standard deviation of log degree")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([seed, 18])
    weights = rng.lognormal(0.0, degree_spread, size=int(people))
    return weights * mean_degree / weights.mean()


def follower_graph(
    people: int = 60_000,
    mean_degree: float = 12.0,
    degree_spread: float = 0.8,
    seed: int = 0,
    degrees: np.ndarray | None = None,
) -> Graph:
    """A random social graph with heavy-tailed numbers of connections (expected-degree model).

    About ``mean_degree × people / 2`` connections are drawn, each joining two people chosen with
    probability proportional to their expected degree; self-connections and repeats are dropped,
    so realised degrees are slightly below the expected ones for the best-connected people.

    Parameters
    ----------
    people
        Number of people in the population.
    mean_degree
        Average number of connections per person.
    degree_spread
        Standard deviation of log expected degree (0: everyone alike; 0.8: a long tail).
    seed
        Random seed; the same seed gives the same graph.
    degrees
        Explicit expected degrees (length ``people``), overriding ``mean_degree`` and
        ``degree_spread`` (for placing well-connected people such as employees).
    """
    if degrees is None:
        weights = expected_degrees(people, mean_degree, degree_spread, seed)
    else:
        check_range("", "people", people, 2, 5_000_000, "people", integer=True)
        check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
        weights = np.asarray(degrees, dtype=float)
        if weights.shape != (int(people),) or not np.isfinite(weights).all() or (weights < 0).any():
            raise ValueError(
                f"degrees must be {int(people)} finite numbers ≥ 0; allowed range [0, inf) per person"
            )
    return _build(int(people), weights, int(seed))


def _build(people: int, weights: np.ndarray, seed: int) -> Graph:
    rng = np.random.default_rng([seed, 180])
    total = weights.sum()
    edges = int(np.rint(total / 2))
    if edges == 0 or total <= 0:
        return Graph(indptr=np.zeros(people + 1, dtype=np.int64), indices=np.zeros(0, dtype=np.int64))
    cumulative = np.cumsum(weights) / total
    # Searching sorted uniforms is cache-friendly; a permutation then pairs the ends at random.
    ends = np.searchsorted(cumulative, np.sort(rng.random(2 * edges)), side="right").clip(0, people - 1)
    ends = rng.permutation(ends).reshape(2, edges)
    return _csr(people, ends[0], ends[1])


def _csr(people: int, low: np.ndarray, high: np.ndarray) -> Graph:
    """Symmetric CSR graph from undirected pairs (self-pairs and repeats dropped)."""
    keep = low != high
    low, high = np.minimum(low, high)[keep].astype(np.int64), np.maximum(low, high)[keep].astype(np.int64)
    pairs = np.sort(low * people + high)
    pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if pairs.size else pairs
    low, high = pairs // people, pairs % people
    source = np.concatenate([low, high])
    target = np.concatenate([high, low])
    order = np.argsort(source, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(source, minlength=people))]).astype(np.int64)
    return Graph(indptr=indptr, indices=target[order])


def ego_graph(degrees: np.ndarray, centres: np.ndarray, seed: int = 0) -> Graph:
    """Only the connections of ``centres`` in the expected-degree model of :func:`follower_graph`.

    Each centre gets a Poisson number of connections with mean its expected degree, to people
    chosen in proportion to theirs; connections among the other people are left out. Much faster
    than the whole graph when only the centres' connections matter (for example employees).
    """
    weights = np.asarray(degrees, dtype=float)
    if weights.ndim != 1 or weights.size < 2 or not np.isfinite(weights).all() or (weights < 0).any():
        raise ValueError("degrees must be at least 2 finite numbers ≥ 0; allowed range [0, inf) per person")
    people = weights.size
    centres = np.unique(np.asarray(centres, dtype=np.int64))
    if centres.size and (centres.min() < 0 or centres.max() >= people):
        bad = centres[(centres < 0) | (centres >= people)][0]
        raise ValueError(f"centres = {int(bad)} is outside the allowed range [0, {people - 1}]")
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng([seed, 184])
    total = weights.sum()
    if total <= 0 or centres.size == 0:
        return Graph(indptr=np.zeros(people + 1, dtype=np.int64), indices=np.zeros(0, dtype=np.int64))
    counts = rng.poisson(weights[centres])
    owner = np.repeat(centres, counts)
    ends = np.searchsorted(np.cumsum(weights) / total, rng.random(owner.size), side="right").clip(
        0, people - 1
    )
    return _csr(people, owner, ends)


@lru_cache(maxsize=8)
def cached_graph(people: int, mean_degree: float, degree_spread: float, seed: int) -> Graph:
    """:func:`follower_graph` with the default model, cached (explorers rebuild nothing per update)."""
    return follower_graph(people, mean_degree, degree_spread, seed)


@dataclass(frozen=True)
class Spread(Params):
    """How a message passes from person to person.

    Attributes
    ----------
    see_chance
        Chance that one connection sees a person's pass-on (feeds show only part of what friends
        post; assumption).
    max_rounds
        Rounds of passing-on simulated at most.
    """

    see_chance: float = bounded(low=0, high=1, unit="chance per connection", benchmark="peer_see_chance")
    max_rounds: int = bounded(12, low=1, high=100, unit="rounds", integer=True)


def cascade(
    graph: Graph,
    first_seen: np.ndarray,
    pass_on: Mapping[str, float],
    first_channel: str,
    spread: Spread | None = None,
    seed: int = 0,
    channel_after: str | None = None,
) -> pd.DataFrame:
    """Spread a message from the people who see it first (an independent cascade).

    Each person who sees the message passes it on with the chance ``pass_on[channel]`` of the
    channel they got it through; each connection of a person who passes it on sees it with the
    chance ``spread.see_chance``. People see the message once (the first time counts).

    Parameters
    ----------
    graph
        The social graph.
    first_seen
        People who see the message first (round 0); repeats are counted once.
    pass_on
        Chance of passing the message on, by channel name; must hold ``first_channel`` and
        ``channel_after``.
    first_channel
        Channel of the round-0 viewers (e.g. ``"owned"``).
    spread
        See-chance and round limit (default: calibrated).
    seed
        Random seed.
    channel_after
        Channel of everyone reached by a pass-on (default: the same as ``first_channel``).

    Returns
    -------
    pandas.DataFrame
        One row per person who saw the message: ``person``, ``round`` (0 = first viewers),
        ``channel``, ``via`` (who passed it to them, -1 in round 0) and ``passed_on``.
    """
    spread = spread or Spread()
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    channel_after = channel_after or first_channel
    for channel in (first_channel, channel_after):
        if channel not in pass_on:
            raise ValueError(f"pass_on lacks channel {channel!r}; it has {sorted(pass_on)}")
    for channel, chance in pass_on.items():
        check_range("pass_on", channel, chance, 0, 1, "chance of passing on")
    rng = np.random.default_rng([seed, 181])
    current = np.unique(np.asarray(first_seen, dtype=np.int64))
    if current.size and (current.min() < 0 or current.max() >= graph.people):
        bad = current[(current < 0) | (current >= graph.people)][0]
        raise ValueError(f"first_seen = {int(bad)} is outside the allowed range [0, {graph.people - 1}]")
    seen = np.zeros(graph.people, dtype=bool)
    seen[current] = True
    people, rounds, vias, passed = [current], [np.zeros(current.size, dtype=np.int64)], [], []
    vias.append(np.full(current.size, -1, dtype=np.int64))
    for step in range(int(spread.max_rounds) + 1):
        chance = pass_on[first_channel if step == 0 else channel_after]
        passes = rng.random(current.size) < chance
        passed.append(passes)
        if step == int(spread.max_rounds) or not passes.any():
            break
        owner, friend = graph.neighbours(current[passes])
        shown = rng.random(friend.size) < spread.see_chance
        owner, friend = owner[shown], friend[shown]
        fresh = ~seen[friend]
        owner, friend = owner[fresh], friend[fresh]
        friend, first = np.unique(friend, return_index=True)  # several friends may pass it to one
        if friend.size == 0:
            break
        seen[friend] = True
        people.append(friend)
        rounds.append(np.full(friend.size, step + 1, dtype=np.int64))
        vias.append(owner[first])
        current = friend
    count = sum(len(p) for p in passed)
    person = np.concatenate(people)[:count]
    round_ = np.concatenate(rounds)[:count]
    return pd.DataFrame(
        {
            "person": person,
            "round": round_,
            "channel": np.where(round_ == 0, first_channel, channel_after),
            "via": np.concatenate(vias)[:count],
            "passed_on": np.concatenate(passed),
        }
    )


# ---- a brand's market: owned posts and earned word of mouth ---------------------------------------


@dataclass(frozen=True)
class Market(Params):
    """The people around a brand: a social graph of which some people follow the brand.

    Attributes
    ----------
    people
        People in the simulated market.
    followers
        How many of them follow the brand.
    mean_degree, degree_spread
        Shape of the social graph (see :func:`follower_graph`).
    """

    people: int = bounded(low=2, high=2_000_000, unit="people", integer=True, benchmark="network_people")
    followers: int = bounded(low=0, high=2_000_000, unit="followers", integer=True, benchmark="followers")
    mean_degree: float = bounded(low=0, high=1000, unit="connections", benchmark="network_mean_degree")
    degree_spread: float = bounded(low=0, high=3, unit="log sd", benchmark="network_degree_spread")

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("Market", "followers", self.followers, 0, self.people, "followers (at most people)")

    def graph(self, seed: int = 0) -> Graph:
        """The market's social graph (cached)."""
        return cached_graph(int(self.people), float(self.mean_degree), float(self.degree_spread), int(seed))

    def follower_ids(self, seed: int = 0) -> np.ndarray:
        """Which people follow the brand: a random subset of ``followers`` people, sorted."""
        check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
        rng = np.random.default_rng([seed, 182])
        return np.sort(rng.choice(int(self.people), size=int(self.followers), replace=False))


@dataclass(frozen=True)
class Campaign(Params):
    """A launch told two ways: the brand's own posts, and customers telling their friends.

    Attributes
    ----------
    owned_posts
        Posts about the launch on the brand's blog and page; each reaches a random
        ``reach_share`` of followers (RCH3).
    reach_share
        Share of followers one organic post reaches.
    owned_pass_on
        Chance that a viewer shares the brand's post (assumption).
    happy_customers
        Early customers who liked the product and tell their connections (assumption).
    recommend_chance
        Chance that someone told by a friend passes the recommendation on (assumption).
    buy_if_convinced
        Chance that someone who believes the message buys (assumption, the same for every channel).
    survey
        Which Nielsen survey sets trust by source: 2015 (TRUST1) or 2012 (TRUST2).
    """

    owned_posts: int = bounded(10, low=0, high=365, unit="posts", integer=True)
    reach_share: float = bounded(low=0, high=1, unit="share of followers", benchmark="organic_reach_share")
    owned_pass_on: float = bounded(low=0, high=1, unit="chance", benchmark="owned_pass_on_chance")
    happy_customers: int = bounded(
        low=0, high=100_000, unit="customers", integer=True, benchmark="happy_customers"
    )
    recommend_chance: float = bounded(low=0, high=1, unit="chance", benchmark="recommend_chance")
    buy_if_convinced: float = bounded(low=0, high=1, unit="chance", benchmark="buy_if_convinced")
    survey: int = bounded(2015, low=2012, high=2015, unit="survey year", integer=True)

    def __post_init__(self) -> None:
        super().__post_init__()
        trust_by_source(int(self.survey))  # only the surveyed years are allowed


def owned_and_earned(
    campaign: Campaign | None = None,
    market: Market | None = None,
    spread: Spread | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Who hears about a launch through the brand's own posts and who through word of mouth.

    Owned: each follower sees at least one of the ``owned_posts`` with chance
    ``1 - (1 - reach_share) ** owned_posts``; viewers share with chance ``owned_pass_on``, and a
    shared post is still the brand's copy (trusted like a brand website). Earned: the happy
    customers tell their connections, who pass the recommendation on with ``recommend_chance``
    (trusted like friends). Each person who hears believes with the chance of the source's trust,
    and a believer buys with ``buy_if_convinced``.

    Returns
    -------
    pandas.DataFrame
        One row per person reached per channel: ``person``, ``follower``, ``channel`` ("owned" or
        "earned"), ``round`` (0 = saw the brand's post or heard from a happy customer),
        ``via``, ``passed_on``, ``trust`` and ``converted``. The happy customers themselves are
        not counted as reached.
    """
    campaign = campaign or Campaign()
    market = market or Market()
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    graph = market.graph(seed)
    followers = market.follower_ids(seed)
    rng = np.random.default_rng([seed, 183])
    seen_share = 1 - (1 - campaign.reach_share) ** int(campaign.owned_posts)
    viewers = followers[rng.random(followers.size) < seen_share]
    owned = cascade(graph, viewers, {"owned": campaign.owned_pass_on}, "owned", spread, seed=seed)
    customers = rng.choice(
        market.people, size=min(int(campaign.happy_customers), market.people), replace=False
    )
    earned = cascade(
        graph,
        customers,
        {"customer": 1.0, "earned": campaign.recommend_chance},
        "customer",
        spread,
        seed=seed + 1 if seed < 2**32 - 1 else 0,
        channel_after="earned",
    )
    earned = earned[earned["round"] > 0].assign(round=lambda t: t["round"] - 1)
    people = pd.concat([owned, earned], ignore_index=True)
    trust = trust_by_source(int(campaign.survey))
    people["trust"] = np.where(people["channel"] == "owned", trust["brand_site"], trust["friends"])
    is_follower = np.zeros(market.people, dtype=bool)
    is_follower[followers] = True
    people.insert(1, "follower", is_follower[people["person"].to_numpy()])
    believed = rng.random(len(people)) < people["trust"].to_numpy()
    people["converted"] = believed & (rng.random(len(people)) < campaign.buy_if_convinced)
    return people


# ---- employee advocacy: staff sharing against the brand page ------------------------------------


@dataclass(frozen=True)
class Advocacy(Params):
    """A brand page and its employees, who may share the page's posts with their own connections.

    Attributes
    ----------
    people
        People in the simulated market (large enough for the employees' networks).
    page_followers
        Followers of the brand's page.
    employees
        Staff of the brand (assumption).
    network_multiple
        Sum of the employees' connections as a multiple of the page's followers (ADV2, low
        confidence: a LinkedIn claim reported by an agency).
    sharing_share
        Share of employees who share the page's posts (ADV1: 3% do, without a programme).
    posts_per_month
        Page posts a month, each shared by every sharing employee.
    reach_share
        Share of followers one page post reaches (RCH3).
    page_ctr
        Clicks per impression of a page post (assumption: the average Facebook ad CTR, COST3).
    employee_ctr_multiple
        Click-through of an employee's share relative to the page's (ADV1: 2×).
    employee_see_chance
        Chance that one connection sees an employee's share (calibrated so that 3% of employees
        sharing produce about 30% of clicks, ADV1).
    """

    people: int = bounded(low=2, high=5_000_000, unit="people", integer=True, benchmark="advocacy_people")
    page_followers: int = bounded(
        low=0, high=5_000_000, unit="followers", integer=True, benchmark="followers"
    )
    employees: int = bounded(low=1, high=100_000, unit="employees", integer=True, benchmark="employees")
    network_multiple: float = bounded(
        low=0, high=1000, unit="× page followers", benchmark="employee_network_multiple"
    )
    sharing_share: float = bounded(
        low=0, high=1, unit="share of employees", benchmark="employee_sharer_share"
    )
    posts_per_month: int = bounded(20, low=1, high=1000, unit="posts", integer=True)
    reach_share: float = bounded(low=0, high=1, unit="share of followers", benchmark="organic_reach_share")
    page_ctr: float = bounded(low=0, high=1, unit="clicks per impression", benchmark="facebook_ctr")
    employee_ctr_multiple: float = bounded(
        low=0, high=100, unit="× page click-through", benchmark="employee_ctr_multiple"
    )
    employee_see_chance: float = bounded(
        low=0, high=1, unit="chance per connection", benchmark="employee_see_chance"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        check_range("Advocacy", "page_followers", self.page_followers, 0, self.people, "followers (≤ people)")
        check_range("Advocacy", "employees", self.employees, 1, self.people, "employees (≤ people)")

    @property
    def employee_degree(self) -> float:
        """Expected connections of one employee: the multiple of followers shared among staff."""
        return self.network_multiple * self.page_followers / self.employees

    @property
    def sharers(self) -> int:
        """Number of employees who share."""
        return round(self.sharing_share * self.employees)


@lru_cache(maxsize=4)
def _advocacy_graph(
    people: int, employees: int, employee_degree: float, mean_degree: float, spread: float, seed: int
) -> Graph:
    degrees = expected_degrees(people, mean_degree, spread, seed)
    degrees[:employees] = employee_degree  # people 0 … employees-1 are the staff
    return ego_graph(degrees, np.arange(employees), seed=seed)


@dataclass(frozen=True)
class AdvocacyResult:
    """A month of page posts and employee shares.

    Attributes
    ----------
    shares
        One row per post and sharer: ``post``, ``source`` ("page" or "employee"),
        ``employee_id`` (-1 for the page), ``impressions`` and ``clicks``.
    employees
        One row per employee: ``employee_id``, ``connections`` and ``shares`` (posts shared).
    reached
        Distinct people who saw at least one post, by source ("page", "employee", "either").
    """

    shares: pd.DataFrame
    employees: pd.DataFrame
    reached: pd.Series
    advocacy: Advocacy

    def totals(self) -> pd.DataFrame:
        """Impressions and clicks by source, with click-through rate."""
        totals = self.shares.groupby("source")[["impressions", "clicks"]].sum()
        totals = totals.reindex(["page", "employee"], fill_value=0)
        totals["ctr"] = totals["clicks"] / totals["impressions"].where(totals["impressions"] > 0)
        return totals


def simulate_advocacy(advocacy: Advocacy | None = None, seed: int = 0) -> AdvocacyResult:
    """Simulate a month of page posts, some shared by employees with their own connections.

    Every page post reaches a random ``reach_share`` of followers. Each sharing employee shares
    every post; each of their connections sees a share with ``employee_see_chance``. Viewers
    click with the page's click-through rate, or ``employee_ctr_multiple`` times it for an
    employee's share. Which employees share is drawn at random (exactly
    ``round(sharing_share × employees)`` of them).
    """
    advocacy = advocacy or Advocacy()
    check_range("", "seed", seed, 0, 2**32 - 1, integer=True)
    graph = _advocacy_graph(
        int(advocacy.people),
        int(advocacy.employees),
        float(advocacy.employee_degree),
        benchmarks.value("network_mean_degree"),
        benchmarks.value("network_degree_spread"),
        int(seed),
    )
    rng = np.random.default_rng([seed, 200])
    staff = np.arange(int(advocacy.employees))
    followers = rng.choice(
        np.arange(staff.size, advocacy.people), size=int(advocacy.page_followers), replace=False
    )
    sharers = np.sort(rng.choice(staff, size=advocacy.sharers, replace=False))
    posts = int(advocacy.posts_per_month)

    page_seen = rng.random((posts, followers.size)) < advocacy.reach_share
    page_impressions = page_seen.sum(axis=1)
    page_clicks = rng.binomial(page_impressions, advocacy.page_ctr)

    owner, friend = graph.neighbours(sharers)
    seen = rng.random((posts, friend.size)) < advocacy.employee_see_chance
    slot = np.searchsorted(sharers, owner)
    impressions = np.zeros((posts, sharers.size), dtype=np.int64)
    for post in range(posts):  # a month of posts: a few dozen bincounts
        impressions[post] = np.bincount(slot[seen[post]], minlength=sharers.size)
    employee_ctr = min(advocacy.page_ctr * advocacy.employee_ctr_multiple, 1.0)
    clicks = rng.binomial(impressions, employee_ctr)

    shares = pd.concat(
        [
            pd.DataFrame(
                {
                    "post": np.arange(posts),
                    "source": "page",
                    "employee_id": -1,
                    "impressions": page_impressions,
                    "clicks": page_clicks,
                }
            ),
            pd.DataFrame(
                {
                    "post": np.repeat(np.arange(posts), sharers.size),
                    "source": "employee",
                    "employee_id": np.tile(sharers, posts),
                    "impressions": impressions.ravel(),
                    "clicks": clicks.ravel(),
                }
            ),
        ],
        ignore_index=True,
    )
    shared = np.zeros(staff.size, dtype=np.int64)
    shared[sharers] = posts
    employees = pd.DataFrame({"employee_id": staff, "connections": graph.degree[staff], "shares": shared})
    page_people = np.unique(followers[page_seen.any(axis=0)])
    staff_people = np.unique(friend[seen.any(axis=0)])
    reached = pd.Series(
        {
            "page": page_people.size,
            "employee": staff_people.size,
            "either": np.union1d(page_people, staff_people).size,
        },
        name="people_reached",
    )
    return AdvocacyResult(shares=shares, employees=employees, reached=reached, advocacy=advocacy)


def tool_uplift(seats: np.ndarray | float, max_uplift: float | None = None, seats_scale: float | None = None):
    """Extra page clicks from a management tool, as a share: ``max × (1 - exp(-seats / scale))``.

    Diminishing returns: the first seats (scheduling, analytics) help most. Both parameters are
    modelling assumptions (``tool_max_uplift``, ``tool_seats_scale``); no study was found.
    """
    max_uplift = benchmarks.value("tool_max_uplift") if max_uplift is None else max_uplift
    seats_scale = benchmarks.value("tool_seats_scale") if seats_scale is None else seats_scale
    check_range("", "max_uplift", max_uplift, 0, 10, "share of page clicks")
    check_range("", "seats_scale", seats_scale, 0.01, 1000, "seats")
    seats = np.asarray(seats, dtype=float)
    if not np.isfinite(seats).all() or (seats < 0).any():
        raise ValueError(f"seats = {seats!r} must be finite and ≥ 0; allowed range [0, inf)")
    uplift = max_uplift * (1 - np.exp(-seats / seats_scale))
    return uplift if uplift.ndim else float(uplift)  # a plain number for one seat count
