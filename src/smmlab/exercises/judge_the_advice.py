"""Exercise 22 -- judge the advice: a consultant's case study, its comparison group, a benchmark
of follower growth, and the consultant's pitch deck to triage against the course's evidence.

The deck is the same on every draw of the data, so a learner's labels grade the same on the
grading draw. Its reference labels are not in this package: the self-checks compare a learner's
labels with the salted digests ``smmlab release`` writes to ``keys/`` from the solution notebook,
and a misconception message names the belief a wrong label reveals, never the right label.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from smmlab import checks as ck
from smmlab.lessons.judge_the_advice import CLAIMED_FOLLOWER_GROWTH
from smmlab.sim.casestudy import BrandPanel, CaseStudy, benchmark_growth, simulate_case_study

#: The case study behind the exercise: the consultant's real effect and selection.
TRUE_EFFECT = 0.05
SELECTION = 0.9
PANEL_COLUMNS = ["brand_id", "month", "period", "group", "engagement_per_1000"]


#: GrowthForge's pitch deck: ten pieces of advice drawn from lessons 01-21, the same on every draw.
DECK = (
    ("c1", "Social media is a free channel: there is no media bill, so every post is pure profit."),
    ("c2", "Put a link to the shop in every post: the more links, the more clicks."),
    (
        "c3",
        "When a customer complains on your page, answer in public, then take it to a private channel "
        "and fix the problem; never delete the complaint.",
    ),
    ("c4", "Let the marketing team run the accounts alone: customer service and PR have no business there."),
    ("c5", "Buy 10,000 followers so the account looks established; real fans follow a crowd."),
    ("c6", "Judge every post by its ROI: a post that has not paid for itself within the month should go."),
    (
        "c7",
        "Hand the whole inbox to our agency: it replies within minutes, around the clock, and your "
        "staff never need to read a complaint again.",
    ),
    (
        "c8",
        "Post the same message on Facebook, Instagram, Twitter and TikTok: one voice, a quarter of the work.",
    ),
    (
        "c9",
        "Before you speak, listen: search what people say about you and what your competitor's customers "
        "complain about, not just your notifications.",
    ),
    ("c10", "Leave '#ad' off the influencer posts: the label hurts sales, and nobody ever finds out."),
)
#: The labels a claim of the deck can get.
VERDICTS = ("myth", "mistake", "sound advice")
#: The lessons whose evidence can decide a claim of the deck.
LESSONS = range(1, 22)
#: Tasks whose data are the same on every draw (the deck): an answer typed by hand grades the same
#: on the grading draw, so the copy test counts them with the warm-ups.
SAME_ON_EVERY_DRAW = ("q4", "q5")


class ExerciseData(NamedTuple):
    """The exercise's three tables."""

    panel: pd.DataFrame
    growth: pd.DataFrame
    deck: pd.DataFrame


def pitch_deck() -> pd.DataFrame:
    """GrowthForge's advice, one row per claim (index ``claim``, column ``advice``)."""
    ids, advice = zip(*DECK, strict=True)
    return pd.DataFrame({"advice": advice}, index=pd.Index(ids, name="claim"))


def build(seed: int) -> ExerciseData:
    """The consultant's case study, a benchmark of follower growth, and the consultant's deck.

    ``panel``: one row per brand and month (300 brands, 18 months): ``brand_id``, ``month``
    (from 0), ``period`` (baseline, before, after), ``group`` (client, comparison, other) and
    ``engagement_per_1000`` (engagements per 1,000 followers per post). ``growth``: six-month
    organic follower growth of 1,000 benchmark brands (``brand_id``, ``growth_6m``). ``deck``:
    the ten claims of :func:`pitch_deck`, whatever the seed.
    """
    case = simulate_case_study(
        BrandPanel(),
        CaseStudy(true_effect=TRUE_EFFECT, selection=SELECTION),
        comparison="similar",
        seed=seed,
    )
    panel = case.panel[PANEL_COLUMNS].copy()
    panel["engagement_per_1000"] = panel["engagement_per_1000"].round(3)
    growth = benchmark_growth(brands=1000, seed=seed)
    growth["growth_6m"] = growth["growth_6m"].round(4)
    return ExerciseData(panel, growth, pitch_deck())


def _quarter_means(panel: pd.DataFrame, group: str) -> tuple[float, float]:
    rows = panel[panel["group"] == group]
    means = rows.groupby("period")["engagement_per_1000"].mean()
    return float(means["before"]), float(means["after"])


def _change(panel: pd.DataFrame, group: str) -> float:
    """Relative change of a group's mean engagement from the bad quarter to the next."""
    before, after = _quarter_means(panel, group)
    return after / before - 1


def _opposite_direction(data: ExerciseData) -> str:
    """The direction the comparison group did not take."""
    return "fell" if _change(data.panel, "comparison") > 0 else "rose"


def _gain_over_baseline(panel: pd.DataFrame) -> float:
    clients = panel[panel["group"] == "client"]
    means = clients.groupby("period")["engagement_per_1000"].mean()
    return float(means["after"] / means["baseline"] - 1)


def _comparison_before_halved(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with the comparison group's bad quarter at half its engagement: a case on which
    every typical slip of the estimate gives a clearly different number."""
    edited = panel.copy()
    rows = (edited["group"] == "comparison") & (edited["period"] == "before")
    edited.loc[rows, "engagement_per_1000"] = edited.loc[rows, "engagement_per_1000"] / 2
    return edited


def _cases(data: ExerciseData) -> list[tuple[pd.DataFrame]]:
    """The calls the self-check makes: the case study, and an edited copy of it."""
    return [(data.panel,), (_comparison_before_halved(data.panel),)]


def _level_did(panel: pd.DataFrame) -> float:
    c_before, c_after = _quarter_means(panel, "client")
    k_before, k_after = _quarter_means(panel, "comparison")
    return (c_after - c_before) - (k_after - k_before)


def _ratio_did(panel: pd.DataFrame) -> float:
    return (1 + _change(panel, "client")) / (1 + _change(panel, "comparison")) - 1


def _on_cases(estimate):
    """A wrong estimate's outputs on the self-check's cases."""
    return lambda data: [estimate(panel) for (panel,) in _cases(data)]


def _growth_column(data: ExerciseData) -> pd.Series:
    return data.growth["growth_6m"]


# ---- the pitch-deck triage -------------------------------------------------------------------


def _claim(key) -> str:
    """A claim id as the checks compare it: ``"C1 "`` and ``"c1"`` are the same claim."""
    return str(key).strip().lower()


def _spelled(value) -> str:
    return " ".join(str(value).strip().lower().split())


def _given(answer, claim: str):
    """The learner's entry for ``claim`` in a Series answer, or None."""
    if not isinstance(answer, pd.Series):
        return None
    entries = {_claim(k): v for k, v in answer.items()}
    return entries.get(claim)


def _keyed(label: str, claim: str, value) -> bool:
    """True when ``value`` is the reference entry of ``claim`` in question ``label``'s key.

    The key holds one salted digest per claim (written by ``smmlab release``); the deck is the
    same on every draw, so the published key judges every draw. False when there is no key yet.
    """
    question = next(q for q in EXERCISE.questions if q.label == label)
    cells = EXERCISE.key().get(label, {}).get("cells", {})
    if claim not in cells:
        return False
    one = {"labels": [claim], "cells": {claim: cells[claim]}}
    return question.kind.agrees(pd.Series({claim: value}), one, EXERCISE.salt(question))


def _marked(claim: str, labels: set[str]):
    """A test: the learner gave ``claim`` one of ``labels``, and that label is wrong."""

    def test(answer) -> bool:
        given = _given(answer, claim)
        return given is not None and _spelled(given) in labels and not _keyed(_VERDICT_TASK, claim, given)

    return test


def _named(claim: str, lesson: int):
    """A test: the learner named ``lesson`` for ``claim``, and that lesson is not the one."""

    def test(answer) -> bool:
        given = _given(answer, claim)
        return (
            ck.is_real_number(given)
            and float(given) == lesson
            and not _keyed(_LESSON_TASK, claim, int(lesson))
        )

    return test


def _unknown_verdicts(answer) -> bool:
    return isinstance(answer, pd.Series) and any(_spelled(v) not in VERDICTS for v in answer.tolist())


def _not_whole_numbers(answer) -> bool:
    return isinstance(answer, pd.Series) and not all(ck.is_real_number(v) for v in answer.tolist())


def _outside_the_course(answer) -> bool:
    return isinstance(answer, pd.Series) and any(
        ck.is_real_number(v) and float(v) not in LESSONS for v in answer.tolist()
    )


def _claims_missing(answer) -> bool:
    return isinstance(answer, pd.Series) and sorted(map(_claim, answer.index)) != sorted(c for c, _ in DECK)


def _only_myths_and_mistakes_swapped(answer) -> bool:
    """Every claim is on the right side of sound/unsound, but some myth and mistake are swapped."""
    if not isinstance(answer, pd.Series) or _claims_missing(answer) or _unknown_verdicts(answer):
        return False
    swapped = False
    for claim, _ in DECK:
        given = _spelled(_given(answer, claim))
        if _keyed(_VERDICT_TASK, claim, given):
            continue
        other = {"myth": "mistake", "mistake": "myth"}.get(given)
        if other is None or not _keyed(_VERDICT_TASK, claim, other):
            return False
        swapped = True
    return swapped


def _trusted(claim: str, message: str) -> ck.Wrong:
    """A bad claim marked as sound advice: ``message`` names the belief that label reveals."""
    example = pd.Series({claim: "sound advice"})
    return ck.Wrong(message, when=_marked(claim, {"sound advice"}), example=example)


def _distrusted(claim: str, message: str) -> ck.Wrong:
    """A sound claim marked as a myth or a mistake."""
    return ck.Wrong(message, when=_marked(claim, {"myth", "mistake"}), example=pd.Series({claim: "mistake"}))


def _confused(claim: str, lesson: int, message: str) -> ck.Wrong:
    """A claim put down to a neighbouring lesson that tested something else."""
    return ck.Wrong(message, when=_named(claim, lesson), example=pd.Series({claim: lesson}))


def _as_dict(answer) -> bool:
    return isinstance(answer, dict)


_VERDICT_TASK, _LESSON_TASK = "q4", "q5"
_WRAP_THE_DICT = "That is a dict; wrap it in a Series, pd.Series({...}), indexed by the claim ids."


EXERCISE = ck.Exercise(
    slug="22-judge-the-advice",
    build=build,
    questions=(
        ck.Question(
            "q1",
            "comparison_direction",
            ck.Choice(("rose", "fell")),
            predict="predicted_direction",
            hints=(
                "Keep the rows of the comparison group and compare the mean of the 'before' quarter "
                "with the mean of the 'after' quarter.",
                "Group those rows by `period` and take the mean of `engagement_per_1000`; then "
                "compare the two means you need.",
            ),
            wrong=(
                ck.Wrong(
                    "Brands picked because their quarter was bad tend to bounce back on their own: part "
                    "of a bad quarter is bad luck, and luck does not repeat (regression to the mean).",
                    value=_opposite_direction,
                ),
            ),
        ),
        ck.Question(
            "q2",
            "claimed_gain",
            ck.Number(share=True),
            hints=(
                "Keep the clients' rows; take the mean of `engagement_per_1000` in the 'before' and in "
                "the 'after' period.",
                "The relative gain is the 'after' mean divided by the 'before' mean, minus 1, as the "
                "consultant reports it.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the comparison group's change; the consultant reports the clients' change.",
                    value=lambda data: _change(data.panel, "comparison"),
                ),
                ck.Wrong(
                    "That compares the 'after' quarter with the whole baseline year; the case study "
                    "compares it with the bad quarter just before (the 'before' period).",
                    value=lambda data: _gain_over_baseline(data.panel),
                ),
                ck.Wrong(
                    "Before and after are swapped: divide the 'after' mean by the 'before' mean.",
                    value=lambda data: 1 / (1 + _change(data.panel, "client")) - 1,
                ),
            ),
        ),
        ck.Question(
            "q3",
            "follower_benchmark",
            ck.Tuple((ck.Number(share=True), ck.Number(share=True))),
            hints=(
                f"Both numbers come from the `growth_6m` column of `growth`: its median, and the share "
                f"of its values below the claimed {CLAIMED_FOLLOWER_GROWTH}.",
                "A Series has a `.median()` method; comparing it with a number gives True or False "
                "per brand, and the mean of those is a share.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the share of brands growing *faster* than the claim; the task asks for the "
                    "share the claim beats.",
                    value=lambda data: (
                        float(_growth_column(data).median()),
                        float((_growth_column(data) >= CLAIMED_FOLLOWER_GROWTH).mean()),
                    ),
                ),
                ck.Wrong(
                    "The two numbers are the wrong way round: first the median growth, then the share "
                    "of brands growing less than the claim.",
                    value=lambda data: (
                        float((_growth_column(data) < CLAIMED_FOLLOWER_GROWTH).mean()),
                        float(_growth_column(data).median()),
                    ),
                ),
            ),
        ),
        ck.Question(
            "q4",
            "verdicts",
            ck.Series(label=_claim, text=True),
            hints=(
                "Take the claims one at a time and ask which lesson put that very claim to the test. "
                "A claim that repeats one of the five beliefs lessons 01-05 tested is a myth; for the "
                "others, ask whether that lesson's evidence showed the practice pays or costs.",
                "Build a Series indexed by the claim ids, one label per claim: "
                "`pd.Series({'c1': ..., 'c2': ...})`, with each `...` replaced by a label, for all ten "
                "claims.",
            ),
            wrong=(
                ck.Wrong(_WRAP_THE_DICT, when=_as_dict, example={"c1": "?"}),
                ck.Wrong(
                    "Use only the three labels 'myth', 'mistake' and 'sound advice' (case and spacing do "
                    "not matter).",
                    when=_unknown_verdicts,
                    example=pd.Series({"c1": "maybe"}),
                ),
                _trusted(
                    "c1",
                    "You marked 'social media is a free channel' as sound advice: that is the belief that "
                    "no media bill means no cost. The course priced a 'free' account: staff hours and "
                    "tools every year, and organic reach that has shrunk until reach has to be bought.",
                ),
                _trusted(
                    "c2",
                    "You marked 'a link in every post' as sound advice: that is the belief "
                    "that more promotion buys more clicks. Clicks peak at a mix; past it, a feed full of "
                    "links loses followers and reach, and brings fewer clicks.",
                ),
                _distrusted(
                    "c3",
                    "You distrusted 'answer complaints in public, then fix them in private': that is the "
                    "belief that a complaint is best kept out of sight. Ignored complainers switch and "
                    "shame the brand, deleting tends to make it worse, and answered complainers are far "
                    "more likely to recommend the brand.",
                ),
                _trusted(
                    "c4",
                    "You marked 'let marketing run the accounts alone' as sound advice: that is the "
                    "belief that social media belongs to the marketing team, because it is a place for "
                    "messages. Customers bring complaints, "
                    "questions and orders, and the teams that handle those every day resolve them better "
                    "and faster.",
                ),
                _trusted(
                    "c5",
                    "You marked 'buy 10,000 followers' as sound advice: that is the belief that a follower "
                    "count is an audience. Bought followers never react: they lower the engagement rate, "
                    "and a feed that ranks by reactions then shows the posts to fewer real people.",
                ),
                _trusted(
                    "c6",
                    "You marked 'judge every post by its ROI within the month' as sound advice: that is "
                    "the belief that returns are immediate and traceable post by post. Returns come after "
                    "trust, with a lag, and carry over; one post's traced sales are mostly noise.",
                ),
                _trusted(
                    "c7",
                    "You marked 'hand the whole inbox to an agency' as sound advice: that is the belief "
                    "that a fast first reply is an answer. An agency that must wait for approval replies "
                    "fast and resolves slowly; conversations need people who can decide for the company.",
                ),
                _trusted(
                    "c8",
                    "You marked 'the same message on every platform' as sound advice: that is the belief "
                    "that a post travels equally well everywhere. Each platform has its own audience, "
                    "formats and language, and copy written for one loses engagement on the others.",
                ),
                _distrusted(
                    "c9",
                    "You distrusted 'listen to what your competitor's customers complain about': that is "
                    "the belief that your notifications show what people say about you. Most people talk "
                    "about a brand, not to it, and a rival's weak spots only show when you search beyond "
                    "your own mentions.",
                ),
                _trusted(
                    "c10",
                    "You marked 'leave #ad off the influencer posts' as sound advice: that is the belief "
                    "that hiding is safe while nobody has found out. A small monthly chance of exposure "
                    "grows large over a few years, the measured cost of the label is small, and the law "
                    "in many countries requires it.",
                ),
                ck.Wrong(
                    "You told sound advice from bad advice on every claim; what is left is the line "
                    "between a myth and a mistake. A myth repeats one of the five beliefs about what "
                    "social media is, returns, costs or risks that lessons 01-05 tested; a mistake is "
                    "advice to do something that lessons 06-21 show costs more than it brings.",
                    when=_only_myths_and_mistakes_swapped,
                    example=pd.Series(
                        {claim: "sound advice" if claim in ("c3", "c9") else "mistake" for claim, _ in DECK}
                    ),
                ),
                ck.Wrong(
                    "Label every claim of the deck, once, by its id: c1 to c10 (`deck.index`).",
                    when=_claims_missing,
                    example=pd.Series(dtype=object),
                ),
            ),
        ),
        ck.Question(
            "q5",
            "deciding_lessons",
            ck.Series(label=_claim),
            hints=(
                "For each claim, find the lesson whose simulation or data put that very claim to the "
                "test; the list of lesson titles above helps. Two claims may share a lesson.",
                "Give a Series of whole numbers indexed by the claim ids: "
                "`pd.Series({'c1': ..., 'c2': ...})`, with each `...` replaced by a lesson number, for "
                "all ten claims.",
            ),
            wrong=(
                ck.Wrong(_WRAP_THE_DICT, when=_as_dict, example={"c1": 0}),
                ck.Wrong(
                    "Give each lesson as a whole number: 5, not '05' or 'lesson 05'.",
                    when=_not_whole_numbers,
                    example=pd.Series({"c1": "05"}),
                ),
                ck.Wrong(
                    "The deck draws on lessons 1 to 21; lesson 22 is this one, the triage itself.",
                    when=_outside_the_course,
                    example=pd.Series({"c1": 22}),
                ),
                _confused(
                    "c2",
                    1,
                    "Lesson 01 weighed posting against answering customers; claim c2 is about what a feed "
                    "full of links does to the audience and its clicks.",
                ),
                _confused(
                    "c2",
                    15,
                    "Lesson 15 is about the rhythm of posting (gaps and bursts); claim c2 is about how many "
                    "posts push links and offers.",
                ),
                _confused(
                    "c3",
                    12,
                    "Lesson 12 measured how fast to reply to comments; claim c3 is about what to do with a "
                    "complaint in public view: answer, move it to a private channel, fix it, never delete.",
                ),
                _confused(
                    "c4",
                    16,
                    "Lesson 16 counted the hours a rota needs; claim c4 is about which departments should "
                    "answer customers at all.",
                ),
                _confused(
                    "c6",
                    7,
                    "Lesson 07 tracked ads against a cost-per-conversion target, where quick measurement "
                    "is right; claim c6 is about judging every organic post by what it returns within a "
                    "month.",
                ),
                _confused(
                    "c7",
                    16,
                    "Lesson 16 asked how many people a reply-time target needs; claim c7 is about who holds "
                    "the conversations: people who can decide for the company, or outsiders.",
                ),
                _confused(
                    "c8",
                    13,
                    "Lesson 13 chose whom to reach; claim c8 is about how one post travels on platforms "
                    "with different habits and formats.",
                ),
                _confused(
                    "c9",
                    13,
                    "Lesson 13 chose whom to advertise to; claim c9 is about hearing what people say about "
                    "you and your rival where nobody tagged you.",
                ),
                _confused(
                    "c10",
                    18,
                    "Lesson 18 compared the credibility of owned posts and word of mouth; claim c10 is "
                    "about labelling paid posts.",
                ),
                ck.Wrong(
                    "Name a lesson for every claim of the deck, once, by its id: c1 to c10 (`deck.index`).",
                    when=_claims_missing,
                    example=pd.Series(dtype=float),
                ),
            ),
        ),
        ck.Question(
            "q6",
            "diff_in_diff",
            ck.Function(ck.Number(), cases=_cases),
            hints=(
                "Compute the mean 'before' and 'after' engagement of the clients and of the comparison "
                "group from the function's argument.",
                "counterfactual = clients' before + (comparison's after − comparison's before); "
                "compare the clients' 'after' mean with it as in task 2.",
            ),
            wrong=(
                ck.Wrong(
                    "That is the difference in differences in engagements per 1,000 followers; divide "
                    "it by the counterfactual (what the clients would have had) to get a share.",
                    value=_on_cases(_level_did),
                ),
                ck.Wrong(
                    "That is the consultant's before/after claim again: subtract what the comparison "
                    "group did over the same quarters.",
                    value=_on_cases(lambda panel: _change(panel, "client")),
                ),
                ck.Wrong(
                    "That divides the two groups' growth factors (a ratio of ratios). Close, but the "
                    "task adds the comparison group's change in engagement to the clients' 'before' "
                    "level.",
                    value=_on_cases(_ratio_did),
                ),
            ),
        ),
    ),
)

data = EXERCISE.data
checks = EXERCISE.checks
