"""Claims of lesson 04 and its exercise's model answers."""

from functools import cache

from claims import PUBLISHED, answer, lesson
from smmlab.exercises import mishaps_rarely_catastrophic as ex
from smmlab.lessons import mishaps_rarely_catastrophic as m
from smmlab.sim.eventstudy import event_study


@cache
def study(seed, severity=0.3, response_quality=0.5):
    return m.run(m.Scenario(seed=seed, severity=severity, response_quality=response_quality))


@cache
def many(seed):
    return m.many_incidents(series=40, seed=100 + 40 * (seed - 1))  # seed 1: the lesson's cell


@cache
def exercise_table(seed):
    data = ex.EXERCISE.data(seed)
    incidents = ex.without_t_stat(data.incidents)
    summary = event_study(data.sales, incidents, ex.WINDOW).summary.set_index("event")
    table = incidents.set_index("incident_id").join(summary[["car", "car_share", "t_stat"]])
    assert abs(table["t_stat"] - data.incidents.set_index("incident_id")["t_stat"]).max() < 1e-9
    table["rank"] = table["what"].map({what: rank for rank, what in enumerate(ex.DESCRIPTIONS)})
    return table


@lesson("A moderate mishap with an average response really moves sales by about 1% over the window")
def moderate_mishap_is_small(seed):
    result = study(seed)
    expected = result.study.summary.iloc[0]
    window_sales = float(expected["car"] / expected["car_share"])  # expected sales in the window
    share = -result.true_car / window_sales
    assert 0.005 <= share <= 0.02, share


@lesson("The event study rarely flags it (in fewer than one case in ten)")
def moderate_mishap_rarely_flagged(seed):
    share = study(seed).summary()["share_significant"]
    assert share < 0.1, share


@lesson("With severity 0 the study still flags about 5% of the 400 cases")
def false_alarms(seed):
    share = study(seed, severity=0.0).summary()["share_significant"]
    assert 0.03 <= share <= 0.075, share


@lesson("a severe mishap (0.8) with a poor response (0.1) is detected almost every time")
def severe_and_badly_handled(seed):
    share = study(seed, severity=0.8, response_quality=0.1).summary()["share_significant_down"]
    assert share >= 0.95, share


@lesson(
    "The typical mishap moves the window's sales by about 2% or less, up or down, but the worst lose "
    "over 10%, mostly after poor responses"
)
def tails(seed):
    incidents = many(seed)
    assert incidents["car_share"].abs().median() <= 0.025, incidents["car_share"].abs().median()
    worst = incidents[incidents["car_share"] < -0.10]
    assert len(worst) and (worst["response_quality"] < 1 / 3).mean() > 0.5, worst


@lesson(
    "After a good response significant drops are rare (a few percent of cases) and significant rises "
    "appear (about one in ten)"
)
def winners_after_good_responses(seed):
    table = m.outcome_table(many(seed))
    good = table.loc["good (0.67-1)"]
    assert good["significant_drop"] <= 0.04 and 0.05 <= good["significant_rise"] <= 0.15, good
    assert (table["no_significant_change"] > 0.6).all(), table


@answer(
    "at most a quarter of the mishaps move sales significantly, the largest loss comes from one of the "
    "eight more severe mishaps, and the typo never shows a significant drop"
)
def severity_and_descriptions_agree(seed):
    table = exercise_table(seed)
    significant = table["t_stat"].abs() > ex.WINDOW.critical_t
    assert significant.sum() <= 4, table[significant]
    worst = table.loc[table["car"].idxmin()]
    assert worst["rank"] < 8, worst
    typo = table[table["what"].str.startswith("Typo")].iloc[0]
    assert typo["t_stat"] > -ex.WINDOW.critical_t, typo


@answer("Only three of the 16 mishaps changed sales significantly", seeds=PUBLISHED)
def three_significant(seed):
    table = exercise_table(seed)
    assert (table["t_stat"].abs() > ex.WINDOW.critical_t).sum() == 3, table


@answer("here the naive before/after comparison did not even show the worst one", seeds=PUBLISHED)
def naive_misses_the_worst(seed):
    data = ex.EXERCISE.data(seed)
    change = ex._before_after(data.sales, ex._severest_day(data))
    assert change > -10, change


@answer(
    "the kettle-explodes video (severity 0.75, response 0.17) lost about 570 kettles, some 13% of that "
    "window's expected sales, and the influencer post without #ad disclosure (severity 0.23, response "
    "0.10) lost about 270",
    seeds=PUBLISHED,
)
def costly_ones(seed):
    table = exercise_table(seed).set_index("what")
    video = table.loc["Kettle-explodes video from a customer trended"]
    assert (video["severity"], video["response_quality"]) == (0.75, 0.17), video
    assert round(video["car"], -1) == -570 and round(video["car_share"], 2) in (-0.13, -0.14), video
    influencer = table.loc["Influencer post without the #ad disclosure"]
    assert (influencer["severity"], influencer["response_quality"]) == (0.23, 0.10), influencer
    assert round(influencer["car"], -1) == -270 and influencer["t_stat"] < -ex.WINDOW.critical_t, influencer


@answer(
    'a typo in the brand\'s own name in a post (severity 0.01) that "raised" sales with a t just above 1.96',
    seeds=PUBLISHED,
)
def typo_false_alarm(seed):
    table = exercise_table(seed)
    typo = table[table["what"].str.startswith("Typo")].iloc[0]
    assert typo["severity"] == 0.01 and 1.96 < typo["t_stat"] < 2.2, typo


CLAIMS = [
    moderate_mishap_is_small,
    moderate_mishap_rarely_flagged,
    false_alarms,
    severe_and_badly_handled,
    tails,
    winners_after_good_responses,
    severity_and_descriptions_agree,
    three_significant,
    naive_misses_the_worst,
    costly_ones,
    typo_false_alarm,
]
