"""Claims of lesson 14 and its exercise's model answers."""

from functools import cache

from claims import answer, lesson
from smmlab.exercises import social_media_policy as ex
from smmlab.lessons import social_media_policy as m
from smmlab.policy import RULES, check_post, check_posts, checker_scores, drafts_table
from smmlab.sim.breaches import PolicyRisk, expected_breaches, simulate_breaches


@cache
def summary(strictness=2, awareness=None):
    scenario = m.Scenario(strictness=strictness) if awareness is None else m.Scenario(strictness, awareness)
    return m.run(scenario).summary()


def drafts_by_label():
    return drafts_table().set_index("label")


@lesson("a ten-person team with no policy has at least one breach in about 70% of years")
def breach_in_most_years(seed):
    risk = PolicyRisk()
    assert risk.employees == 10, risk.employees
    expected = summary(strictness=0)["chance_of_incident"]
    assert 0.67 <= expected <= 0.73, expected
    years = simulate_breaches(risk, None, years=2000, seed=seed).groupby("year")["incidents"].sum()
    assert 0.66 <= (years > 0).mean() <= 0.74, (years > 0).mean()


@lesson("the standard checker misses both")
def standard_misses_launch_hint_and_meme(seed):
    drafts = drafts_by_label()
    assert drafts.loc["Launch hint", "confidential"] and not check_post(drafts.loc["Launch hint", "text"])
    assert drafts.loc["Borrowed meme", "uncredited"] and not check_post(drafts.loc["Borrowed meme", "text"])


@lesson(
    "Even the standard checker raises two false alarms: the shop's own customer line looks like "
    "a customer's phone number"
)
def standard_false_alarms(seed):
    drafts = drafts_by_label()
    flags = check_posts(drafts["text"], "standard").set_index(drafts.index)
    false = {
        (label, rule)
        for label in drafts.index
        for rule in RULES
        if flags.loc[label, rule] and not drafts.loc[label, rule]
    }
    assert false == {("Phone callback", "personal_data"), ("Cheap and cheerful", "uncredited")}, false


@lesson("The strict lists catch every problem the reviewer found, and flag more innocent wording on top")
def strict_catches_all_with_more_alarms(seed):
    strict, standard = checker_scores("strict"), checker_scores("standard")
    assert (strict["recall"] == 1).all(), strict["recall"].to_dict()
    assert strict["false_alarms"].sum() > standard["false_alarms"].sum(), strict["false_alarms"].to_dict()
    drafts = drafts_by_label()
    assert "off_voice" in check_post(drafts.loc["Order reply", "text"], "strict")  # the friendly "!"
    assert "off_voice" in check_post(drafts.loc["Cheap and cheerful", "text"], "strict")  # "cheapest"


@lesson(
    "With 18% of posts checked, the standard checker avoids about 13% of incidents, and even a "
    "perfect checker at most 18%"
)
def unknown_policy_avoids_little(seed):
    avoided = summary()["avoided_share"]
    assert m.Scenario().awareness == 0.18 and 0.12 <= avoided <= 0.145, avoided
    risk = PolicyRisk()
    perfect = expected_breaches(risk, dict.fromkeys(RULES, 1.0))["incidents"].sum()
    none = expected_breaches(risk, None)["incidents"].sum()
    assert abs(1 - perfect / none - 0.18) < 1e-9, perfect / none


@answer("About three drafts in four broke a rule")
def three_in_four_flagged(seed):
    drafts = ex.EXERCISE.data(seed).drafts
    share = drafts[list(RULES)].any(axis=1).mean()
    assert 0.7 <= share <= 0.82, share


@answer("caught only part of the reviewer's problems (about half of them or fewer in these drafts")
def checker_catches_part(seed):
    drafts = ex.EXERCISE.data(seed).drafts
    flags = check_posts(drafts["text"])
    problems = drafts[list(RULES)].to_numpy()
    caught = (flags.to_numpy() & problems).sum() / problems.sum()
    assert caught <= 0.6, caught
    false_posts = (flags.to_numpy() & ~problems).any(axis=1).sum()
    assert false_posts == 1, false_posts  # "a false alarm on an innocent post"


@answer("(`avoided`: between about a third and three quarters, depending on the draw)")
def standard_policy_avoids_much(seed):
    yearly = ex.EXERCISE.data(seed).incidents.groupby(["policy", "year"])["incidents"].sum()
    mean = yearly.groupby("policy").mean()
    avoided = 1 - mean["standard"] / mean["none"]
    assert 0.3 <= avoided <= 0.78, avoided


@answer("the lesson's default, with only 18% of posts checked, avoids little")
def default_avoids_little(seed):
    avoided = summary()["avoided_share"]
    assert avoided < 0.15, avoided


CLAIMS = [
    breach_in_most_years,
    standard_misses_launch_hint_and_meme,
    standard_false_alarms,
    strict_catches_all_with_more_alarms,
    unknown_policy_avoids_little,
    three_in_four_flagged,
    checker_catches_part,
    standard_policy_avoids_much,
    default_avoids_little,
]
