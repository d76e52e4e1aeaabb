"""Claims of lesson 21 and its exercise's model answers."""

from functools import cache

import pandas as pd

from claims import PUBLISHED, answer, lesson
from smmlab.exercises import listen_first as ex
from smmlab.lessons import listen_first as m


@cache
def summary(seed, hours=2.0, scope="notifications"):
    return m.run(m.Scenario(seed=seed, hours_per_week=hours, scope=scope)).summary()


@cache
def posts(seed):
    return ex.EXERCISE.data(seed)


def complaints(data, brand, tagged=False):
    rows = data[(data["brand"] == brand) & (data["sentiment"] == "negative")]
    return rows[rows["tags_brand"]] if tagged else rows


def net(data):
    shares = pd.crosstab(data["brand"], data["sentiment"], normalize="index")
    return shares["positive"] - shares["negative"]


@lesson("so Northwind holds about 29% of the conversation")
def share_of_voice(seed):
    assert 0.28 <= summary(seed)["share_of_voice"] <= 0.31, summary(seed)


@lesson("that gives about 20 customers a week who may be ready to switch")
def switch_candidates(seed):
    assert 16 <= summary(seed)["switch_candidates_week"] <= 23, summary(seed)


@lesson(
    "About one post in five about Northwind tags it. The ones that do are disproportionately complaints "
    "about delivery, so the inbox looks *angrier* than the conversation and points at the wrong problem: "
    "the most common complaint is noise"
)
def notifications_are_biased(seed):
    s = summary(seed, 8.0)
    assert 0.17 <= s["northwind_posts_seen_share"] <= 0.23, s
    assert s["net_sentiment_seen"] < s["net_sentiment"], s
    assert s["top_complaint_seen"] == "delivery" and s["top_complaint"] == "noise", s


@lesson(
    "Eight hours a week on the notifications learn nothing about Brightwater; half an hour a week on a "
    "search that covers both brands finds Brightwater's top complaint and a share of voice within a few "
    "points of the truth."
)
def scope_beats_hours(seed):
    assert summary(seed, 8.0)["competitor_top_complaint_seen"] is None
    s = summary(seed, 0.5, "own and competitor")
    assert s["competitor_top_complaint_seen"] == s["competitor_top_complaint"] == "limescale", s
    assert abs(s["share_of_voice_seen"] - s["share_of_voice"]) < 0.04, s


@answer("about one in five of the posts that name it, and none about Brightwater")
def tagged_share(seed):
    northwind = posts(seed)[posts(seed)["brand"] == "Northwind"]
    assert 0.18 <= northwind["tags_brand"].mean() <= 0.23, northwind["tags_brand"].mean()


@answer("it holds a little under a third of the conversation (about 29% here)", seeds=PUBLISHED)
def published_share_of_voice(seed):
    assert round((posts(seed)["brand"] == "Northwind").mean(), 2) == 0.29


@answer("a clearly positive net sentiment, about +0.15 here) than about Brightwater (slightly negative)")
def sentiment_gap(seed):
    scores = net(posts(seed))
    assert 0.12 <= scores["Northwind"] <= 0.19 and -0.1 < scores["Brightwater"] < 0, scores


@answer(
    "The notifications point at delivery as Northwind's main complaint, while the whole conversation says "
    "noise"
)
def wrong_fix(seed):
    data = posts(seed)
    tagged = complaints(data, "Northwind", tagged=True)["topic"].value_counts()
    every = complaints(data, "Northwind")["topic"].value_counts()
    assert tagged.index[0] == "delivery" and every.index[0] == "noise", (tagged, every)


@answer("about a third of Brightwater's complaints are about limescale")
def limescale_third(seed):
    shares = complaints(posts(seed), "Brightwater")["topic"].value_counts(normalize=True)
    assert shares.index[0] == "limescale" and 0.3 <= shares["limescale"] <= 0.37, shares


CLAIMS = [
    share_of_voice,
    switch_candidates,
    notifications_are_biased,
    scope_beats_hours,
    tagged_share,
    published_share_of_voice,
    sentiment_gap,
    wrong_fix,
    limescale_third,
]
