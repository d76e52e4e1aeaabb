"""Claims of lesson 15 and its exercise's model answers."""

from functools import cache

from claims import answer, lesson
from smmlab.exercises import post_regularly as ex
from smmlab.lessons import post_regularly as m


@cache
def run(seed, burstiness, floor=None):
    scenario = m.Scenario(seed=seed, burstiness=burstiness)
    if floor is not None:
        scenario = m.Scenario(seed=seed, burstiness=burstiness, visibility_floor=floor)
    return m.run(scenario)


def ratio(seed, burstiness, floor=None):
    result = run(seed, burstiness, floor)
    return result.chosen.summary()["impressions"] / result.regular.summary()["impressions"]


@cache
def gaps(seed):
    posts = ex.data(seed=seed).sort_values("day")
    gap = posts["day"].diff()
    keep = gap.notna()
    return posts[keep], gap[keep]


def gap_means(seed, min_gap):
    posts, gap = gaps(seed)
    means = posts.groupby(gap >= min_gap)["impressions"].mean()
    return float(means[False]), float(means[True])


@lesson("Up to about a quarter burstiness, the impressions stay close to the even schedule's")
def mild_irregularity(seed):
    for burstiness in (0.1, 0.25):
        assert 0.9 < ratio(seed, burstiness) < 1.1, (burstiness, ratio(seed, burstiness))


@lesson("at 50% they fall to about four fifths of it")
def half_bursty(seed):
    assert 0.75 < ratio(seed, 0.5) < 0.88, ratio(seed, 0.5)


@lesson("At 80% burstiness the same 130 posts get less than half the impressions")
def bursts_waste_posts(seed):
    result = run(seed, 0.8)
    assert result.chosen.summary()["posts"] == result.regular.summary()["posts"] == 130
    assert ratio(seed, 0.8) < 0.5, ratio(seed, 0.8)


@lesson("80% burstiness still leaves the posts about half the impressions")
def crowding_does_most(seed):
    with_penalty, without = ratio(seed, 0.8), ratio(seed, 0.8, floor=1.0)
    assert 0.45 < without < 0.56, without
    assert 1 - without > without - with_penalty, (with_penalty, without)


@lesson("fewer new followers")
def loss_compounds(seed):
    result = run(seed, 0.8)
    chosen, regular = result.chosen.summary(), result.regular.summary()
    assert chosen["engagements"] < regular["engagements"], (chosen, regular)
    assert chosen["follows"] < regular["follows"], (chosen["follows"], regular["follows"])


@answer("a post averaged only about a third of the impressions of a post in the regular period")
def reach_ratio(seed):
    data = ex.data(seed=seed)
    late = data.loc[data["week"] >= ex.SWITCH_WEEK, "impressions"].mean()
    early = data.loc[data["week"] < ex.SWITCH_WEEK, "impressions"].mean()
    assert 0.28 < late / early < 0.4, late / early


@answer("the longest silence lasted two to three weeks")
def longest_gap(seed):
    _, gap = gaps(seed)
    assert 14 <= gap.max() <= 22, gap.max()


@answer("(between a quarter and a third as many)")
def after_a_gap(seed):
    regular, after = gap_means(seed, 4)
    assert 0.25 < after / regular < 0.36, (regular, after)


@answer("With a 2-day threshold the gap posts seemed to do better")
def two_day_threshold(seed):
    regular, after = gap_means(seed, 2)
    assert after > regular, (regular, after)


CLAIMS = [
    mild_irregularity,
    half_bursty,
    bursts_waste_posts,
    crowding_does_most,
    loss_compounds,
    reach_ratio,
    longest_gap,
    after_a_gap,
    two_day_threshold,
]
