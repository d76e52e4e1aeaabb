"""Claims of lesson 03 and its exercise's model answers."""

from functools import cache

from claims import PUBLISHED, answer, lesson
from smmlab.exercises import whole_company_owns_social as ex
from smmlab.lessons import whole_company_owns_social as m


@cache
def summary(seed, routed=1, marketing=1, service=2, pr=0, sales=1):
    scenario = m.Scenario(
        marketing=marketing, service=service, pr=pr, sales=sales, cross_functional=routed, seed=seed
    )
    return m.run(scenario).summary()


@cache
def messages(seed, routed):
    return m.run(m.Scenario(cross_functional=routed, seed=seed)).messages


@cache
def exercise_data(seed):
    return ex.EXERCISE.data(seed)


@lesson("its inbox receives over a thousand messages a week")
def over_a_thousand_a_week(seed):
    scenario = m.Scenario(seed=seed)
    count = summary(seed)["messages"]
    assert count / scenario.weeks > 1000, count


@lesson("routing by kind resolves far more messages (about 86% against 57% in four weeks)")
def routing_resolves_more(seed):
    routed, alone = summary(seed)["resolved_share"], summary(seed, routed=0)["resolved_share"]
    assert 0.83 <= routed <= 0.89 and 0.54 <= alone <= 0.60, (routed, alone)


@lesson(
    "complaints, questions and leads are answered about a third sooner (a typical question in about "
    "6 minutes instead of 9)"
)
def routed_replies_faster(seed):
    def medians(frame):
        return frame.groupby("kind", observed=False)["reply_minutes"].median()

    routed, alone = medians(messages(seed, 1)), medians(messages(seed, 0))
    for kind in ("complaint", "question", "lead"):
        assert 0.55 * alone[kind] <= routed[kind] <= 0.75 * alone[kind], (kind, routed[kind], alone[kind])
    assert round(routed["question"]) == 6 and round(alone["question"]) == 9, (routed, alone)


@lesson("the routed inbox scores more extra willingness to pay per message in every run")
def routed_scores_more(seed):
    routed, alone = summary(seed)["wtp_gain_per_message"], summary(seed, routed=0)["wtp_gain_per_message"]
    assert routed > alone, (routed, alone)


@lesson(
    "service creates roughly a fifth of the leads that buy (from about 15% to 27%, run to run), yet "
    "last-touch attribution credits it with almost none (under 2%), while marketing gets a third or "
    "more of the credit"
)
def service_leads_invisible(seed):
    s = summary(seed)
    assert 0.13 <= s["service_origin_share"] <= 0.29, s["service_origin_share"]
    assert s["service_credited_share"] < 0.02, s["service_credited_share"]
    assert s["marketing_credited_share"] >= 0.32 and s["marketing_origin_share"] == 0, s


@lesson(
    "Marketing created none of these leads (sales, service and, now and then, PR answered them) yet "
    "is credited with about 40%; service created about a fifth and is credited with under 1%."
)
def quarter_attribution(seed):
    table = m.quarter_attribution(seed=10 + seed)  # the cell's quarter (seed 11) and ten more
    created, credited = table["created by"], table["credited to (last touch)"]
    assert created.get("marketing", 0) == 0 and 0.35 <= credited["marketing"] <= 0.45, table
    assert 0.16 <= created["service"] <= 0.25 and credited.get("service", 0) < 0.01, table


@lesson("the routed pair resolves more but replies much later, and earns less extra willingness to pay")
def one_pool_is_faster(seed):
    pool = summary(seed, routed=0, marketing=2, service=0, pr=0, sales=0)
    silos = summary(seed, routed=1, marketing=1, service=1, pr=0, sales=0)
    assert silos["resolved_share"] > pool["resolved_share"], (silos, pool)
    assert silos["median_reply_minutes"] > 2 * pool["median_reply_minutes"], (silos, pool)
    assert silos["wtp_gain_per_message"] < pool["wtp_gain_per_message"], (silos, pool)


@answer(
    "service resolved about 80–90% of complaints and questions against marketing's 35–50%, PR handled "
    "sensitive cases best and sales handled leads best"
)
def pilot_skills(seed):
    table = exercise_data(seed).pilot.pivot_table(
        index="team", columns="kind", values="resolved", aggfunc="mean"
    )
    for kind in ("complaint", "question"):
        assert 0.78 <= table.loc["service", kind] <= 0.92, table
        assert 0.33 <= table.loc["marketing", kind] <= 0.52, table
    assert table["sensitive"].idxmax() == "pr" and table["lead"].idxmax() == "sales", table


@answer(
    "marketing is credited with about 40% of bought leads while creating none, and service with almost "
    "none (well under 1%) while creating about a fifth"
)
def exercise_attribution(seed):
    leads = exercise_data(seed).leads
    created = leads["origin"].value_counts(normalize=True)
    credited = leads["credited"].value_counts(normalize=True)
    assert created.get("marketing", 0) == 0 and 0.35 <= credited["marketing"] <= 0.45, (created, credited)
    assert 0.17 <= created["service"] <= 0.24 and credited.get("service", 0) < 0.01, (created, credited)


@answer(
    "The best mix of four people put three in service and one in sales, so the inbox should be routed "
    "by kind rather than owned by marketing; the next few mixes score almost as well",
    seeds=PUBLISHED,  # the search simulates the lesson's own inbox, the same on every draw
)
def best_mix_of_four(seed):
    mixes = [
        (mk, sv, pr, 4 - mk - sv - pr) for mk in range(5) for sv in range(5 - mk) for pr in range(5 - mk - sv)
    ]
    score = {mix: m.simulate(*mix)["wtp_gain_per_message"] for mix in mixes}
    ranked = sorted(score, key=score.get, reverse=True)
    assert ranked[0] == (0, 3, 0, 1), ranked[:3]
    assert all(score[mix] > 0.97 * score[ranked[0]] for mix in ranked[1:3]), [score[x] for x in ranked[:4]]


CLAIMS = [
    over_a_thousand_a_week,
    routing_resolves_more,
    routed_replies_faster,
    routed_scores_more,
    service_leads_invisible,
    quarter_attribution,
    one_pool_is_faster,
    pilot_skills,
    exercise_attribution,
    best_mix_of_four,
]
