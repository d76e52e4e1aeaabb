"""Claims of lesson 19 and its exercise's model answers."""

from functools import cache

from claims import answer, lesson
from smmlab.exercises import transparency as ex
from smmlab.lessons import transparency as m
from smmlab.sim.disclosure import chance_found_out


@cache
def summary(seed, months=36, **settings):
    return m.run(m.Scenario(seed=seed, months=months, **settings)).summary()


@cache
def exercise(seed):
    data = ex.EXERCISE.data(seed)
    totals = data.pivot_table(index="future", columns="strategy", values="sales", aggfunc="sum")
    early = data[data["month"] <= 6].pivot_table(
        index="future", columns="strategy", values="sales", aggfunc="sum"
    )
    monthly = data.groupby(["strategy", "month"])["sales"].mean().unstack("strategy").cumsum()
    behind = monthly.index[monthly["hidden"] < monthly["disclosed"]]
    trust = data[data["month"] == 36].groupby("strategy")["trust"].mean()
    return {
        "found_out": data[data["strategy"] == "hidden"].groupby("future")["found_out"].any().mean(),
        "ahead": (totals["hidden"] > totals["disclosed"]).mean(),
        "ahead_early": (early["hidden"] > early["disclosed"]).mean(),
        "gap": (totals["hidden"] - totals["disclosed"]).mean(),
        "gap_share": (totals["hidden"] - totals["disclosed"]).mean() / totals["disclosed"].mean(),
        "behind": int(behind[0]) if len(behind) else 0,
        "trust": trust,
    }


@lesson("0.95 multiplied by itself 36 times is 0.16")
def stays_hidden_one_in_six(seed):
    staying = 1 - chance_found_out(0.05, 36)
    assert round(staying, 2) == 0.16 and round(0.95**36, 3) == 0.158, staying
    assert 0.78 <= summary(seed)["found_out_share"] <= 0.9, summary(seed)


@lesson("5% a month is about 84% in three years")
def found_out_in_three_years(seed):
    assert round(chance_found_out(0.05, 36), 2) == 0.84


@lesson(
    "After 6 months it has sold more than disclosure in about three futures out of four, because most "
    "futures have not been found out yet."
)
def hiding_works_at_first(seed):
    s = summary(seed, 6)
    assert 0.7 <= s["hiding_ahead_share"] <= 0.8 and s["found_out_share"] < 0.5, s


@lesson(
    "Yet the expected gap is already slightly negative, and from month 5 or 6 hiding is behind on average."
)
def behind_on_average_early(seed):
    s = summary(seed, 6)
    assert -0.01 < s["sales_gap_share"] < 0, s
    assert summary(seed)["break_even_month"] in (5, 6), summary(seed)


@lesson(
    "With a 1% chance a month of being found out, the label costing a large share of the campaign, and "
    "a horizon of a year or two, hiding sells more on average in the simulation, and in most single "
    "futures."
)
def hiding_can_pay(seed):
    for months in (12, 24):
        s = summary(seed, months, discovery_chance=0.01, disclosure_penalty=0.5)
        assert s["sales_gap"] > 0 and s["hiding_ahead_share"] > 0.5, (months, s)


@lesson(
    "Denial compounds.** Admitting lets trust climb back towards where it was; denying keeps the risk "
    "running and trust keeps falling."
)
def denial_compounds(seed):
    admit, deny = summary(seed, 60), summary(seed, 60, response="deny")
    assert deny["trust_end_hidden"] < 0.4 < admit["trust_end_hidden"], (admit, deny)


@answer(
    "in about one future in five hiding sold more over three years, and early on it is ahead in most futures"
)
def hiding_ahead_some_futures(seed):
    e = exercise(seed)
    assert 0.13 <= e["ahead"] <= 0.25 and e["ahead_early"] > 0.6, e


@answer("the deal came out within three years in about 80–90% of futures")
def found_out_in_data(seed):
    assert 0.8 <= exercise(seed)["found_out"] <= 0.9, exercise(seed)


@answer(
    "on average hiding sold several thousand fewer kettles (about 2.5% of sales) and ended with lower "
    "trust (about 66% against 70%); on average it falls behind by about month 6."
)
def expected_loss(seed):
    e = exercise(seed)
    assert -10_000 < e["gap"] < -3_000 and -0.03 < e["gap_share"] < -0.02, e
    assert round(e["trust"]["hidden"], 2) in (0.66, 0.67) and round(e["trust"]["disclosed"], 2) == 0.7, e
    assert 5 <= e["behind"] <= 7, e


CLAIMS = [
    stays_hidden_one_in_six,
    found_out_in_three_years,
    hiding_works_at_first,
    behind_on_average_early,
    hiding_can_pay,
    denial_compounds,
    hiding_ahead_some_futures,
    found_out_in_data,
    expected_loss,
]
