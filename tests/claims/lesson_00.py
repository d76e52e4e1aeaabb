"""Claims of lesson 00 and its exercise's model answers."""

from functools import cache

import numpy as np

from claims import answer, lesson
from smmlab.exercises import welcome as ex
from smmlab.lessons import welcome as m
from smmlab.sim import benchmarks, simulate_posts
from smmlab.sim.platforms import northwind_platforms


@cache
def weeks(seed):
    """The rates of all twelve weeks the explorer can show, for one seed."""
    return [m.run(m.Scenario(week=week, seed=seed)).rates() for week in range(1, m.WEEKS + 1)]


@cache
def published(seed):
    posts = ex.EXERCISE.data(seed)
    rate = posts["engagements"] / posts["followers"]
    return posts, rate.groupby(posts["platform"]).median()


@lesson("a TikTok post earns many times more engagements per follower")
def tiktok_many_times(seed):
    for week, rates in enumerate(weeks(seed), start=1):
        if {"TikTok", "Facebook"} <= set(rates.index):  # a week may have no post on a platform
            assert rates["TikTok"] > 5 * rates["Facebook"], (week, rates.to_dict())


@lesson("moves fewer than one follower in a thousand in most weeks, and never one in two hundred.")
def facebook_rare(seed):
    facebook = np.array([rates["Facebook"] for rates in weeks(seed) if "Facebook" in rates.index])
    assert np.mean(facebook < 0.001) > 0.5 and facebook.max() < 0.005, facebook


@lesson("the simulated *mean* per post is higher than the median: about 1.4 times it.")
def mean_above_median(seed):
    posts = simulate_posts(northwind_platforms(), weeks=200, seed=seed)
    cited = posts["platform"].map(lambda name: benchmarks.value(m.BENCHMARK_KEYS[name]))
    relative = posts["engagements"] / posts["followers"] / cited
    ratio = float(relative.mean() / relative.median())
    assert 1.25 < ratio < 1.55, ratio


@lesson("the week's median can sit far from the long-run value")
def week_noisy(seed):
    facebook = np.array([rates["Facebook"] for rates in weeks(seed) if "Facebook" in rates.index])
    cited = benchmarks.value("engagement_rate_facebook")
    assert np.max(np.abs(np.log(facebook / cited))) > np.log(1.5), facebook


@answer(
    "its median rate was several percent, tens of times Facebook's or more (Facebook's median was below 0.2%)"
)
def tiktok_vs_facebook(seed):
    _posts, rates = published(seed)
    assert rates["TikTok"] >= 0.02 and rates["TikTok"] >= 20 * rates["Facebook"], rates.to_dict()
    assert rates["Facebook"] < 0.002, rates.to_dict()


@answer("The typical Facebook post earned only a few dozen engagements at most from 20,000 followers.")
def few_engagements(seed):
    posts, _rates = published(seed)
    facebook = posts[posts["platform"] == "Facebook"]
    assert set(facebook["followers"]) == {20_000}
    assert facebook["engagements"].median() <= 50, facebook["engagements"].tolist()


@answer("Facebook's audience is almost seven times larger than TikTok's")
def audience_ratio(seed):
    posts, _rates = published(seed)
    followers = posts.groupby("platform")["followers"].first()
    assert 6 <= followers["Facebook"] / followers["TikTok"] < 7, followers.to_dict()


CLAIMS = [
    tiktok_many_times,
    facebook_rare,
    mean_above_median,
    week_noisy,
    tiktok_vs_facebook,
    few_engagements,
    audience_ratio,
]
