"""Claims of lesson 11 and its exercise's model answers.

The lesson's headline numbers are expected values (``Page.expected``), the same on every seed; the
exercise's posts and audit are random draws, checked on the published seed and the grading draws.
"""

from functools import cache

from claims import answer, lesson
from smmlab.exercises import real_followers as ex
from smmlab.lessons import real_followers as m
from smmlab.sim.followers import precision_recall


@cache
def summary(seed, bought=15_000, boost_power=None):
    extra = {} if boost_power is None else {"boost_power": boost_power}
    return m.run(m.Scenario(bought=bought, seed=seed, **extra)).summary()


@cache
def exercise(seed):
    posts, audit = ex.EXERCISE.data(seed)
    rate = posts["engagements"] / posts["followers"]
    after = posts["week"] >= m.PURCHASE_WEEK
    fake = audit["bought"].mean()
    late = posts[after]
    true_er = (late["engagements"] / (late["followers"] * (1 - fake))).mean()
    digits = audit["username"].str.count(r"\d")
    signs = (
        (audit["followers"] < 0.1 * audit["following"]).astype(int)
        + (audit["posts"] < 10)
        + ~audit["has_profile_picture"]
        + (digits >= 3)
        + (audit["account_age_days"] < 365)
    )
    precision, recall = precision_recall(signs >= 3, audit["bought"])
    return {
        "before": rate[~after].mean(),
        "ratio": rate[after].mean() / rate[~after].mean(),
        "fake": fake,
        "true_er": true_er,
        "precision": precision,
        "recall": recall,
        "count_rise": posts.loc[after, "followers"].iloc[0] / posts.loc[~after, "followers"].iloc[0] - 1,
    }


@lesson("with 5.2% of followers reached, about 0.078% of followers per post")
def baseline_rate(seed):
    assert round(summary(seed)["engagement_rate_before"] * 100, 3) == 0.078, summary(seed)


@lesson("doubling the count with silent accounts halves it before anything else happens")
def dilution_halves(seed):
    arithmetic = summary(seed, bought=20_000, boost_power=0.0)["engagement_rate_ratio"]
    assert abs(arithmetic - 0.5) < 1e-9, arithmetic
    assert summary(seed, bought=20_000)["engagement_rate_ratio"] < arithmetic  # then the feed notices


@lesson("In the simulation Northwind reaches *fewer real people* than before buying")
def fewer_real_people(seed):
    for bought in (2_500, 15_000, 60_000):
        assert summary(seed, bought=bought)["real_reach_ratio"] < 1, bought


@lesson("(with 15,000 bought, by about an eighth against a half)")
def impressions_hide_it(seed):
    s = summary(seed)
    impressions = s["impressions"] / (s["real_reach_before"])  # before, every impression is a real person
    assert 0.84 <= impressions <= 0.9 and 0.45 <= s["real_reach_ratio"] <= 0.55, (impressions, s)


@lesson("real reach would stay where it was")
def no_feed_no_reach_loss(seed):
    assert abs(summary(seed, boost_power=0.0)["real_reach_ratio"] - 1) < 1e-9


@lesson(
    "1,000 bought followers (5% of the count) lower the engagement rate by about a tenth and the real "
    "reach by about 6%"
)
def small_purchase(seed):
    s = summary(seed, bought=1_000)
    assert 0.87 <= s["engagement_rate_ratio"] <= 0.92 and 0.93 <= s["real_reach_ratio"] <= 0.95, s


@answer("The purchase lifted the count by three quarters")
def three_quarters(seed):
    assert abs(exercise(seed)["count_rise"] - 0.75) < 1e-9, exercise(seed)


@answer("engagement rate per post fell to between a quarter and a third of its old level")
def rate_fell(seed):
    assert 0.25 <= exercise(seed)["ratio"] <= 0.34, exercise(seed)


@answer("About two in five of the audited followers were bought")
def two_in_five(seed):
    assert 0.38 <= exercise(seed)["fake"] <= 0.46, exercise(seed)


@answer("Even among real followers the rate roughly halved (from about 0.08% to about 0.04% per post)")
def true_rate_halved(seed):
    e = exercise(seed)
    assert 0.00072 <= e["before"] <= 0.00084 and 0.00035 <= e["true_er"] <= 0.00045, e
    assert 0.42 <= e["true_er"] / e["before"] <= 0.6, e


@answer("with a feed that ignored reactions the rate among real followers would have stayed where it was")
def no_feed_no_true_loss(seed):
    s = summary(1, boost_power=0.0)
    assert abs(s["true_engagement_rate"] / s["engagement_rate_before"] - 1) < 1e-9, s


@answer(
    "a precision close to 1 and a recall of roughly 0.85 to 0.9, so it misses roughly one fake in "
    "eight to ten"
)
def detector(seed):
    e = exercise(seed)
    assert e["precision"] >= 0.98 and 0.85 <= e["recall"] <= 0.92, e


CLAIMS = [
    baseline_rate,
    dilution_halves,
    fewer_real_people,
    impressions_hide_it,
    no_feed_no_reach_loss,
    small_purchase,
    three_quarters,
    rate_fell,
    two_in_five,
    true_rate_halved,
    no_feed_no_true_loss,
    detector,
]
