"""Exercise 14 -- a social media policy: reviewed drafts, a policy written as word lists, incidents.

The drafts are a draw of 12 to 16 from a pool of posts a reviewer has judged: for each rule two or
three posts that break only that rule, one post that breaks two rules (both in words no keyword
list anticipates), one innocent post that contains a warning word, and two more innocent posts.
So the checker's recall differs from draw to draw, and never equals its precision (it misses at
least two problems and raises exactly one false alarm).

The function the learner writes, ``rules_broken(text, policy)``, reads the word lists from the
policy it is given; the course's checker (:func:`smmlab.policy.check_post`) applies the course's
own lists and cannot read a policy, so it cannot stand in for it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from smmlab import checks as ck
from smmlab.policy import (
    CONFIDENTIAL_TERMS,
    CREDIT_MARKERS,
    HARSH_WORDS,
    RULES,
    THIRD_PARTY_MARKERS,
    check_posts,
    checker_scores,
)
from smmlab.sim import benchmarks
from smmlab.sim.breaches import PolicyRisk, simulate_breaches

#: The exercise's policy scenario: most staff trained on the standard policy.
AWARENESS = 0.8
YEARS = 20
DRAFT_COLUMNS = ["label", "text", *RULES]
#: How many posts breaking only one rule a draw holds, for each rule.
SINGLES_PER_RULE = (2, 3)

#: Northwind's policy as written: the word lists each rule reads (see the exercise's task 4).
POLICY: dict[str, tuple[str, ...]] = {
    "confidential": CONFIDENTIAL_TERMS,
    "third_party": THIRD_PARTY_MARKERS,
    "credit": CREDIT_MARKERS,
    "harsh": HARSH_WORDS,
}
#: The lists after the spring review: Project Ember has launched (no longer confidential), a new
#: code name and new kinds of borrowed content, credit and harsh words.
REVISED_POLICY: dict[str, tuple[str, ...]] = {
    "confidential": (
        *(term for term in CONFIDENTIAL_TERMS if term != "project ember"),
        "project willow",
        "cost price",
    ),
    "third_party": (*THIRD_PARTY_MARKERS, "duet", "stitch"),
    "credit": (*CREDIT_MARKERS, "shared by"),
    "harsh": (*HARSH_WORDS, "calm down"),
}

# ---- the pool of reviewed posts the drafts are drawn from --------------------------------------

#: Posts that break exactly one rule, by rule (label, text); the course's checker catches some.
SINGLE: dict[str, tuple[tuple[str, str], ...]] = {
    "personal_data": (
        ("Order reply", "Sorry about the cracked lid, Maria! Your order NW-482913 is on its way again."),
        ("Customer e-mail", "Tom, we replied to tom.baker@example.com with the refund details."),
        (
            "Delivery note",
            "Good news, Mrs Patel: the courier will leave your kettle at 14 Elm Road tomorrow.",
        ),
        ("Callback promise", "Jamie, we will ring you back on 07700 900 123 before noon."),
        ("Named refund", "Refund sent to Sarah Lee in Leeds for her order 55817, sorry again."),
    ),
    "confidential": (
        ("Prototype teaser", "Sneak peek: our prototype travel kettle on the test bench today."),
        (
            "Launch hint",
            "Big news soon. Our new glass kettle arrives in stores on 3 March, but you heard it here first.",
        ),
        ("Roadmap slide", "A peek at our product roadmap for next year, straight from the team meeting."),
        (
            "Supplier gossip",
            "Our new tea supplier in Assam charges less than the old one, so expect lower prices.",
        ),
        ("Margin talk", "Fun fact: we make a better margin on teapots than on kettles."),
    ),
    "uncredited": (
        ("Reposted photo", "Repost: the most beautiful tea garden we have ever seen."),
        ("Borrowed meme", "This meme is every tea lover at 7 a.m."),
        ("Found online", "Found this gorgeous teacup on a blog, look at that glaze."),
        ("Someone's video", "Watch this barista pour the perfect latte art in one go."),
        ("Mood board", "Our autumn mood board, all pictures from Pinterest."),
    ),
    "off_voice": (
        ("Harsh reply", "If the kettle leaks, read the manual before you complain."),
        ("Shouting sale", "HUGE SALE on all kettles this weekend!!"),
        ("Sarcastic reply", "Oh sure, because boiling water is so hard to get right."),
        ("Blaming reply", "It is your fault for using the wrong plug."),
        ("Mocking a rival", "Kettle Kings? Their kettles look like a toaster from 1995."),
    ),
}
#: Posts that break two rules, in words no keyword list anticipates (label, text, rules).
DOUBLE: tuple[tuple[str, str, tuple[str, str]], ...] = (
    (
        "Angry leak",
        "Honestly, stop asking. The new kettle comes in May and that is that.",
        ("confidential", "off_voice"),
    ),
    (
        "Neighbour's kitchen",
        "Lovely shot of Anna's kitchen at 22 Mill Lane, taken off her Instagram.",
        ("personal_data", "uncredited"),
    ),
    ("Shared rant", "Someone's TikTok of our kettle, bless them, what a clown.", ("uncredited", "off_voice")),
)
#: Innocent posts with one warning word the course's checker flags (a false alarm each).
WARNING_WORD: tuple[tuple[str, str], ...] = (
    ("Phone callback", "Call our customer line on +44 20 7946 0018 any weekday."),
    (
        "Cheap and cheerful",
        "Our cheapest kettle, still boiling happily after five years. Photo from a customer, Ana.",
    ),
    ("Shop e-mail", "Questions about your order? Write to hello@northwind.example any time."),
    ("Party thanks", "Our launch date party was a blast, thank you all for coming."),
    ("Award news", "We are THRILLED: the GOLDEN Kettle award is ours."),
)
#: Innocent posts.
CLEAN: tuple[tuple[str, str], ...] = (
    ("Autumn tea guide", "Five teas for autumn evenings, and the water temperature each one likes."),
    ("Credited photo", "What a view for a cuppa. Photo by @lena_on_tour, shared with her permission."),
    ("Credited regram", "Regram via @kettle_kate: her morning ritual with our Nordic kettle."),
    ("Weekend wishes", "Have a lovely weekend, and enjoy a slow cup of tea."),
    ("Product facts", "The Nordic kettle boils a litre in under three minutes."),
    ("Brewing tip", "Let green tea cool for a minute before you pour."),
)


class ExerciseData(NamedTuple):
    """The exercise's two tables."""

    drafts: pd.DataFrame
    incidents: pd.DataFrame


def _draw_drafts(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng([int(seed), 14])
    rows: list[tuple[str, str, tuple[str, ...]]] = []
    for rule, posts in SINGLE.items():
        size = int(rng.choice(SINGLES_PER_RULE))
        rows += [(*posts[i], (rule,)) for i in rng.choice(len(posts), size=size, replace=False)]
    rows.append(DOUBLE[rng.integers(len(DOUBLE))])
    rows.append((*WARNING_WORD[rng.integers(len(WARNING_WORD))], ()))
    rows += [(*CLEAN[i], ()) for i in rng.choice(len(CLEAN), size=2, replace=False)]
    rows = [rows[i] for i in rng.permutation(len(rows))]
    table = pd.DataFrame({"label": [r[0] for r in rows], "text": [r[1] for r in rows]})
    for rule in RULES:
        table[rule] = [rule in r[2] for r in rows]
    return table[DRAFT_COLUMNS]


def build(seed: int) -> ExerciseData:
    """12 to 16 reviewed drafts, and 20 simulated years of incidents with and without a policy.

    ``drafts``: ``label``, ``text`` and one reviewer column per rule (``personal_data``,
    ``confidential``, ``uncredited``, ``off_voice``). ``incidents``: one row per year, policy and
    rule (``year``, ``policy`` = "none" or "standard", ``rule``, ``incidents``); under the
    standard policy 80% of posts are checked.
    """
    catch = checker_scores(strictness="standard")["recall"].to_dict()
    frames = []
    for name, rates, awareness in (
        ("none", None, benchmarks.value("policy_checked_share")),
        ("standard", catch, AWARENESS),
    ):
        years = simulate_breaches(PolicyRisk(awareness=awareness), rates, years=YEARS, seed=int(seed))
        frames.append(years.assign(policy=name)[["year", "policy", "rule", "incidents"]])
    return ExerciseData(_draw_drafts(int(seed)), pd.concat(frames, ignore_index=True))


# ---- the self-check's cases for rules_broken -------------------------------------------------

#: Posts the self-check runs ``rules_broken`` on before the drafts: (text, policy). Each probes one
#: way of misreading a rule; the ones after ``PROBES_NORTHWIND`` use the revised lists.
PROBES: tuple[tuple[str, dict], ...] = (
    ("Write to care@northwind.example and we will sort it out.", POLICY),  # 0
    ("Ring 0161 496 0732 for help with your order.", POLICY),  # 1
    ("Call 020.7946.0018 or +44-20-7946-0018 today.", POLICY),  # 2
    ("Your replacement for NW-000123 left the warehouse.", POLICY),  # 3
    ("A first look at the Prototype in our lab.", POLICY),  # 4
    ("Regram from @kettlefan: sunrise brew. Credit to her lens.", POLICY),  # 5
    ("Screenshot from a customer's story: our kettle on a campfire.", POLICY),  # 6
    ("Great news! The SPRING range is in.", POLICY),  # 7
    ("WHAT A DEAL, TODAY ONLY", POLICY),  # 8
    ("Not our problem, Your Fault for using tap water.", POLICY),  # 9
    ("Found this screenshot of a forum post that leaks our supplier price list, whatever.", POLICY),  # 10
    ("Five ways to descale a kettle with lemon.", POLICY),  # 11
    ("Enjoy your brew!! See you next week.", POLICY),  # 12
    ("Project Ember is finally in the shops: come and see it.", REVISED_POLICY),  # 13
    ("Psst: the Project Willow samples arrived today.", REVISED_POLICY),  # 14
    ("Duet with @brewbuddy: his reaction to our kettle.", REVISED_POLICY),  # 15
    ("Stitch of a lovely tea ritual, shared by @morningleaf.", REVISED_POLICY),  # 16
    ("Calm down, it is only a kettle.", REVISED_POLICY),  # 17
)
PERSONAL_DATA_PROBES = (0, 1, 2, 3)
CREDITED_PROBE, UNCREDITED_PROBES, CONFIDENTIAL_PROBES = 5, (6, 10), (4, 10)
POLITE_PROBE, OFF_VOICE_PROBES = 7, (8, 9, 12)
LAUNCHED_PROBE = 13  # Project Ember, confidential under Northwind's lists but not the revised ones


def _policy_cases(data: ExerciseData) -> list[tuple]:
    return [*PROBES, *((text, POLICY) for text in data.drafts["text"])]


def _not_a_set(outputs: list) -> bool:
    return any(not isinstance(found, (set, frozenset, list, tuple)) for found in outputs)


def _misses(rule: str, probes: tuple[int, ...]):
    return lambda outputs: any(rule not in outputs[i] for i in probes)


def _probe_outputs(**found: set) -> list[set]:
    """A function's outputs on the probes: ``set()`` except where ``found`` says (``p4=...``)."""
    outputs = [set() for _ in PROBES]
    for key, value in found.items():
        outputs[int(key[1:])] = value
    return outputs


_PD = {f"p{i}": {"personal_data"} for i in PERSONAL_DATA_PROBES}
_PD_UNCREDITED = {**_PD, "p6": {"uncredited"}, "p10": {"uncredited"}}
_PD_UNCREDITED_CONFIDENTIAL = {
    **_PD_UNCREDITED,
    "p4": {"confidential"},
    "p10": {"uncredited", "confidential"},
}


# ---- typical wrong answers (never the right one) ---------------------------------------------


def _breaks_per_draft(data: ExerciseData) -> float:
    return float(data.drafts[list(RULES)].sum().sum()) / len(data.drafts)


def _no_problem_share(data: ExerciseData) -> float:
    return float((~data.drafts[list(RULES)].any(axis=1)).mean())


def _still_happen(data: ExerciseData) -> float:
    """Mean incidents a year under the policy / with none; NaN at 0.5, where it is also the share avoided."""
    yearly = data.incidents.groupby(["policy", "year"])["incidents"].sum().groupby("policy").mean()
    share = float(yearly["standard"] / yearly["none"])
    return float("nan") if abs(share - 0.5) < 1e-9 else share


def _precision(data: ExerciseData) -> pd.Series:
    """Per rule, the share of the drafts the checker flags that the reviewer also flagged."""
    drafts = data.drafts
    flags = check_posts(drafts["text"])
    return pd.Series({rule: float(drafts.loc[flags[rule].to_numpy(), rule].mean()) for rule in RULES})


EXERCISE = ck.Exercise(
    slug="14-social-media-policy",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "share_flagged",
            ck.Number(share=True),
            predict="predicted_share_flagged",
            hints=(
                "A draft is flagged when any of the four rule columns is True.",
                "Select the four rule columns of `drafts`; `.any(axis=1)` is True for a row with at "
                "least one True; the mean of a boolean column is a share.",
            ),
            wrong=(
                ck.Wrong(
                    "That counts rule breaks per draft; a draft breaking two rules counts once here: use "
                    "`.any(axis=1)`.",
                    value=_breaks_per_draft,
                ),
                ck.Wrong("That is the share of drafts with no problem at all.", value=_no_problem_share),
            ),
        ),
        ck.Question(
            "q2",
            "avoided",
            ck.Number(share=True),
            hints=(
                "Sum the incidents of each year under each policy, average over the years, then compare.",
                "Group `incidents` by `policy` and `year` and sum; then group that by `policy` and "
                "take the mean; the share avoided compares the two means.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of incidents that still happen under the policy; the task asks "
                    "for the share avoided.",
                    value=_still_happen,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "recall",
            ck.Series(),
            hints=(
                "Run `course_checker` on every draft. For each rule, keep the drafts the reviewer "
                "flagged for it and take the share the checker also flagged.",
                "`drafts['text'].map(course_checker)` gives each draft's flags; for one rule, keep "
                "the rows the reviewer flagged for it and average whether the rule is among their "
                "flags; collect the four shares in a Series.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the precision (flagged drafts the reviewer agreed with); recall starts from "
                    "the reviewer's problems and asks how many the checker found.",
                    value=_precision,
                ),
            ),
        ),
        ck.Question(
            "q4",
            "rules_broken",
            ck.Function(ck.Labels(), cases=_policy_cases),
            hints=(
                "Write one test per rule and add the rule's name to a set when it fires; read the "
                "word lists from the policy you are given, `policy['confidential']`, "
                "`policy['third_party']`, `policy['credit']` and `policy['harsh']`. Compare in "
                "lower case.",
                "`re.search(r'\\+?\\d(?:[ .-]?\\d){8,}', text)` finds phone numbers; "
                "`re.search(r'\\bNW-\\d{6}\\b', text)` order numbers; "
                "`len(re.findall(r'\\b[A-Z]{4,}\\b', text)) >= 2` shouting.",
            ),
            wrong=(
                ck.Wrong(
                    "`rules_broken` must return a Python set of rule names, e.g. `{'personal_data'}`, or "
                    "`set()` for a clean post.",
                    when=_not_a_set,
                    example=[None for _ in PROBES],
                ),
                ck.Wrong(
                    "Your function ignores the word lists it is given: under the revised policy Project "
                    "Ember has launched and is no longer confidential. Read every list from the `policy` "
                    "argument, not from a copy of Northwind's.",
                    when=lambda outputs: "confidential" in outputs[LAUNCHED_PROBE],
                    example=_probe_outputs(p13={"confidential"}),
                ),
                ck.Wrong(
                    "Some personal data slips through: phone numbers may contain spaces, dashes or dots, "
                    "and order numbers look like NW-123456 (privacy).",
                    when=_misses("personal_data", PERSONAL_DATA_PROBES),
                    example=_probe_outputs(),
                ),
                ck.Wrong(
                    "A post that credits its source (via @…, credit, photo by, ©, courtesy of) breaks "
                    "no copyright rule, even if it reposts someone else's content.",
                    when=lambda outputs: "uncredited" in outputs[CREDITED_PROBE],
                    example=_probe_outputs(**_PD, p5={"uncredited"}),
                ),
                ck.Wrong(
                    "Third-party content with no credit is missed: look for the markers in "
                    "`policy['third_party']`, in any letter case.",
                    when=_misses("uncredited", UNCREDITED_PROBES),
                    example=_probe_outputs(**_PD),
                ),
                ck.Wrong(
                    'A confidential term is missed: compare in lower case ("Prototype", "Roadmap").',
                    when=_misses("confidential", CONFIDENTIAL_PROBES),
                    example=_probe_outputs(**_PD_UNCREDITED),
                ),
                ck.Wrong(
                    "Your voice rule fires on polite posts: one exclamation mark or one capitalised word "
                    'is fine; the policy asks for "!!" or two shouted words of four or more capitals.',
                    when=lambda outputs: "off_voice" in outputs[POLITE_PROBE],
                    example=_probe_outputs(**_PD_UNCREDITED_CONFIDENTIAL, p7={"off_voice"}),
                ),
                ck.Wrong(
                    'Off-voice wording is missed: harsh phrases, "!!" or two shouted words.',
                    when=_misses("off_voice", OFF_VOICE_PROBES),
                    example=_probe_outputs(**_PD_UNCREDITED_CONFIDENTIAL),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
