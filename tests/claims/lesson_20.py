"""Claims of lesson 20 and its exercise's model answers."""

from functools import cache

from claims import PUBLISHED, answer, lesson
from smmlab.exercises import people_over_tools as ex
from smmlab.lessons import people_over_tools as m
from smmlab.sim.network import tool_uplift

AD_CLICK = 1.72


@cache
def summary(seed, sharing=0.03, seats=2, price=100.0):
    return m.run(
        m.Scenario(seed=seed, sharing_share=sharing, tool_seats=seats, tool_price_per_seat_month=price)
    ).summary()


@cache
def month(seed):
    shares, employees = ex.EXERCISE.data(seed)
    totals = shares.groupby("source")[["clicks", "impressions"]].sum()
    page, staff = float(totals.loc["page", "clicks"]), float(totals.loc["employee", "clicks"])
    staff_cost = employees["shares"].sum() * 2 / 60 * 36
    tool_clicks = page * tool_uplift(2)
    return {
        "network": employees["connections"].sum() / 20_000,
        "ctr_ratio": (totals["clicks"] / totals["impressions"])["employee"]
        / (totals["clicks"] / totals["impressions"])["page"],
        "staff_share": staff / (page + staff),
        "sharers": int((employees["shares"] > 0).sum()),
        "tool_clicks": tool_clicks,
        "tool_return": (tool_clicks * AD_CLICK - 200) / 200,
        "big_page_return": (50 * page * tool_uplift(1) * AD_CLICK - 100) / 100,
        "staff_cost": staff_cost,
        "staff_per_click": staff_cost / staff,
        "staff_return": (staff * AD_CLICK - staff_cost) / staff_cost,
    }


@lesson("Six people sharing bring about 3,000 people a month to Northwind's posts.")
def six_sharers_reach(seed):
    s = summary(seed)
    assert s["sharers"] == 6 and 2_800 <= s["employee_reached"] <= 3_400, s


@lesson(
    "Two minutes of staff time per share costs about $1.6 to $2.1 per click, about what an ad click costs "
    "($1.72 *[COST3]*); two tool seats at $100 cost about $7.5 to $9.5 per extra click."
)
def cost_per_click(seed):
    s = summary(seed)
    assert 1.55 <= s["sharing_cost_per_click"] <= 2.15, s
    assert 7.4 <= s["tool_cost_per_click"] <= 9.6, s


@lesson("Even free, do the tools bring as many clicks as six people sharing?")
def tools_fewer_clicks_than_staff(seed):
    for seats in (2, 10):
        s = summary(seed, seats=seats, price=0.0)
        assert s["tool_clicks"] < s["employee_clicks"], (seats, s)


@lesson(
    "a few percent of staff who share can bring about 30% of the clicks *[ADV1]* (a quarter to 30% in "
    "the model)"
)
def staff_share_of_clicks(seed):
    s = summary(seed)
    share = s["employee_clicks"] / (s["page_clicks"] + s["tool_clicks"] + s["employee_clicks"])
    assert 0.22 <= share <= 0.32, share


@answer("The staff's connections add up to about 10 times the page's followers")
def network_multiple(seed):
    assert 9.5 <= month(seed)["network"] <= 10.5, month(seed)


@answer("brought roughly a quarter to a third of the month's clicks")
def staff_clicks_share(seed):
    d = month(seed)
    assert d["sharers"] == 6 and 0.23 <= d["staff_share"] <= 0.35, d


@answer("about 1.8 times as often in the published data", seeds=PUBLISHED)
def published_ctr_ratio(seed):
    assert round(month(seed)["ctr_ratio"], 1) == 1.8, month(seed)


@answer(
    "some 20 to 25 clicks worth about $40 against $200 a month, a return of about −80%; a tool pays only "
    "for a page many times larger."
)
def tool_loses(seed):
    d = month(seed)
    assert 19 <= d["tool_clicks"] <= 27 and -0.85 <= d["tool_return"] <= -0.75, d
    assert d["big_page_return"] > 0, d


@answer(
    "about $150 a month, roughly $1.7 to $2.3 a click, about what an ad click costs, so valued at $1.72 a "
    "click its return is between about −25% and 0, close to breaking even"
)
def staff_about_breaks_even(seed):
    d = month(seed)
    assert 140 <= d["staff_cost"] <= 150 and 1.65 <= d["staff_per_click"] <= 2.35, d
    assert -0.26 <= d["staff_return"] <= 0.05 and d["staff_return"] > d["tool_return"], d


CLAIMS = [
    six_sharers_reach,
    cost_per_click,
    tools_fewer_clicks_than_staff,
    staff_share_of_clicks,
    network_multiple,
    staff_clicks_share,
    published_ctr_ratio,
    tool_loses,
    staff_about_breaks_even,
]
