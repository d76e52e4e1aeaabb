"""Claims of lesson 07 and its exercise's model answers."""

from functools import cache

import numpy as np

from claims import PUBLISHED, answer, lesson
from smmlab.exercises import track_and_adjust as ex
from smmlab.lessons import track_and_adjust as m
from smmlab.sim import benchmarks
from smmlab.sim.ads import northwind_creatives


@cache
def averages(seed, every=1, budget=100.0):
    return m.run(m.Scenario(seed=seed, check_every_days=every, daily_budget_per_ad=budget)).averages()


def net(seed, rule, every=1, budget=100.0):
    return float(averages(seed, every, budget).loc[rule, "net_value"])


@lesson("ads A, B and E truly cost more than \\$30 per conversion (**weak**), and C, D and F less (**good**)")
def weak_and_good(seed):
    cpa = northwind_creatives().set_index("ad")["true_cpa"]
    assert list(cpa.index[cpa > 30]) == ["A", "B", "E"], cpa.round(1).to_dict()
    ctr = northwind_creatives()["true_ctr"]
    assert 0.0085 <= ctr.mean() <= 0.0095 and ctr.min() >= 0.0047 and ctr.max() <= 0.0161


@lesson("B (about \\$40 per conversion) and E (about \\$43) roughly pay back a first order")
def weak_ad_prices(seed):
    cpa = northwind_creatives().set_index("ad")["true_cpa"]
    order = benchmarks.value("average_order_value")
    margin = benchmarks.value("customer_value") * benchmarks.value("gross_margin")
    assert round(cpa["B"]) == 40 and round(cpa["E"]) == 43 and round(cpa["A"]) == 59, cpa.round(1).to_dict()
    assert order == 40 and round(margin) == 48 and cpa["A"] > margin > cpa["E"] > cpa["B"]


@lesson("half of Northwind's \\$16,800 goes to the three weak ads")
def half_on_weak(seed):
    never = averages(seed).loc["never"]
    assert abs(never["spend"] - 16_800) < 100, never["spend"]
    assert 0.48 <= never["wasted_spend"] / never["spend"] <= 0.52, never["wasted_spend"]


@lesson("the best rule earns about 7% more than never checking")
def best_rule_gap(seed):
    best = max(net(seed, rule, every) for rule in ("naive", "interval") for every in (1, 7, 14))
    gain = best / net(seed, "never") - 1
    assert 0.055 <= gain <= 0.09, gain


@lesson("The assistant's rule pauses at least one good ad in most campaigns")
def naive_pauses_good(seed):
    share = averages(seed).loc["naive", "good_paused_share"]
    assert share > 0.6, share
    assert net(seed, "naive") < net(seed, "never"), (net(seed, "naive"), net(seed, "never"))


@lesson("pauses the weak ads a little later, but almost never a good one")
def interval_safe(seed):
    for every in (1, 7, 14):
        share = averages(seed, every).loc["interval", "good_paused_share"]
        assert share <= 0.03, (every, share)
    # "Checking often is then harmless": daily checks do about as well as weekly ones.
    assert net(seed, "interval", 1) >= 0.99 * net(seed, "interval", 7), (
        net(seed, "interval", 1),
        net(seed, "interval", 7),
    )


@lesson("with \\$20 a day it is fooled nearly every time")
def small_budget(seed):
    low = averages(seed, budget=20.0).loc["naive", "good_paused_share"]
    high = averages(seed, budget=300.0).loc["naive", "good_paused_share"]
    assert low >= 0.9 and high < averages(seed).loc["naive", "good_paused_share"], (low, high)


@lesson("checking every 14 days of a 28-day campaign earns only about 5% more than never checking")
def fortnightly(seed):
    for rule in ("naive", "interval"):
        gain = net(seed, rule, 14) / net(seed, "never") - 1
        assert 0.025 <= gain <= 0.065, (rule, gain)


@cache
def report(seed):
    return ex.EXERCISE.data(seed)


@answer("so the net gain is about \\$920: worth doing, though far less than the spend suggests")
def net_gain_small(seed):
    data = report(seed)
    paused = ex._clearly_weak(data)
    saved = len(paused) * ex.DAILY_BUDGET * (ex.CAMPAIGN_DAYS - ex.DAYS)
    gain = ex._net_saved(data, paused)
    assert "A" in paused and 0 < gain < 0.4 * saved, (paused, saved, gain)


@answer("Pausing them saves \\$4,200 of spend over the last two weeks", seeds=PUBLISHED)
def published_numbers(seed):
    data = report(seed)
    totals = data.groupby("ad")[["impressions", "clicks", "conversions", "spend"]].sum()
    so_far = (totals["spend"] / totals["conversions"]).round()
    n, p, z = totals["impressions"], totals["conversions"] / totals["impressions"], 1.96
    high = (p + z**2 / (2 * n) + z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))) / (1 + z**2 / n)
    best = (totals["spend"] / (high * n)).round()
    assert ex._clearly_weak(data) == ["A", "B", "E"]
    assert list(best[["A", "B", "E"]]) == [38, 33, 36] and best["C"] < 30, best.to_dict()
    assert list(so_far[["A", "B", "E", "C", "D"]]) == [56, 47, 52, 39, 25], so_far.to_dict()
    lost = int(totals.loc[["A", "B", "E"], "conversions"].sum())
    assert lost == 82 and ex._net_saved(data, ["A", "B", "E"]) == 4200 - 40 * 82 == 920
    first = data[data["day"] == 1]
    above = (first["conversions"] == 0) | (first["spend"] > 30 * first["conversions"])
    assert int(above.sum()) == 5 and bool(above[first["ad"] == "D"].iloc[0]), first
    assert first["conversions"].min() == 0 and first["conversions"].max() == 5
    ctr = (totals["clicks"] / totals["impressions"]).sort_values(ascending=False)
    assert "B" in ctr.index[:2], ctr.to_dict()


CLAIMS = [
    weak_and_good,
    weak_ad_prices,
    half_on_weak,
    best_rule_gap,
    naive_pauses_good,
    interval_safe,
    small_budget,
    fortnightly,
    net_gain_small,
    published_numbers,
]


@lesson("\\$100 a day buys about 6,500 impressions")
def prices(seed):
    cpm = benchmarks.value("facebook_cpm_implied")
    assert round(cpm, 2) == 15.48 and 6_400 <= 100 / cpm * 1000 <= 6_600, cpm
    cvr = northwind_creatives().set_index("ad")["true_cvr"]
    assert cvr.min() == 0.03 and cvr.max() == 0.10 and all(abs(cvr[["C", "D"]] - 0.085) < 0.001)
    assert (
        round(benchmarks.value("facebook_cost_per_lead") / benchmarks.value("facebook_lead_cpc"), 1) == 11.7
    )


CLAIMS.append(prices)
