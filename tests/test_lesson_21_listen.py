"""Lesson 21 (listen-first): the exercise's story and self-check feedback, and calibration against
the cited figures."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlab.exercises import listen_first as exercise
from smmlab.lessons import listen_first as lesson
from smmlab.sim import benchmarks
from smmlab.sim.listening import Chatter, Listening, simulate_listening, simulate_mentions


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return exercise.data(seed=exercise.EXERCISE.seed)


def top_complaint(mentions: pd.DataFrame, brand: str, tagged_only: bool = False) -> str:
    rows = mentions[(mentions["brand"] == brand) & (mentions["sentiment"] == "negative")]
    if tagged_only:
        rows = rows[rows["tags_brand"]]
    return str(rows["topic"].value_counts().index[0])


def test_checks_read_the_learners_answers_and_name_the_typical_misconceptions(mentions):
    """A few of the declared misconceptions, reached through the learner's answers as written."""
    q1, q2, q3, q4 = exercise.checks()
    northwind = mentions["brand"] == "Northwind"
    q1._namespace = {"predicted_share_of_voice": 0.5, "northwind_share_of_voice": 100 * northwind.mean()}
    assert "percentage" in q1.check().message
    assert "ratio of the two" in q1.judge(northwind.sum() / (~northwind).sum()).message

    counts = pd.crosstab(mentions["brand"], mentions["sentiment"])
    assert "counts" in q2.judge(counts.assign(net=counts["positive"] - counts["negative"])).message
    shares = pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="index")
    assert "'net'" in q2.judge(shares).message

    competitor = mentions[mentions["brand"] == "Brightwater"]
    assert "praise included" in q3.judge(competitor["topic"].value_counts(normalize=True).head(3)).message

    assert "ignores `tagged_only`" in q4.judge(lambda data, brand, tagged: top_complaint(data, brand)).message
    assert "as a string" in q4.judge(lambda data, brand, tagged: data["topic"].value_counts()).message
    assert q4.judge(top_complaint)


def test_the_exercise_tells_the_lessons_story_on_every_draw():
    """The data show what the lesson claims, on the published draw and on grading draws alike:
    a small voice, a brand liked better than its competitor, and notifications that mislead."""
    for seed in (exercise.EXERCISE.seed, 31337, 424242):
        mentions = exercise.data(seed=seed)
        assert 0.25 < (mentions["brand"] == "Northwind").mean() < 0.35
        table = pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="index")
        net = table["positive"] - table["negative"]
        assert net["Northwind"] > 0 > net["Brightwater"]
        complaints = mentions[(mentions["brand"] == "Brightwater") & (mentions["sentiment"] == "negative")]
        assert list(complaints["topic"].value_counts().index[:3]) == ["limescale", "lid", "delivery"]
        assert top_complaint(mentions, "Northwind") == "noise"
        assert top_complaint(mentions, "Northwind", tagged_only=True) == "delivery"


def test_sources_cover_every_parameter_and_label_assumptions():
    table = lesson.sources()
    assert len(table) == len(set(lesson.SOURCES))
    keys = set(Chatter.benchmark_keys()) | set(Listening.benchmark_keys())
    keys |= {key for key in lesson.SOURCES if key.startswith("listening_") and "_complaints_" in key}
    assert keys <= set(lesson.SOURCES)
    cited = {key for key in lesson.SOURCES if not benchmarks.get(key).assumption}
    assert {
        "complainers_expect_reply_share",
        "brand_reply_rate",
        "ignored_switch_share",
        "listening_business_share",
        "marketers_competitor_insight_share",
    } <= cited
    for key in cited:
        entry = benchmarks.get(key)
        assert entry.source and entry.year and entry.url.startswith("http") and entry.ref


# ---- calibration ------------------------------------------------------------------------------


def test_calibration_share_of_complaints_tagging_the_brand_matches_care8():
    """CARE8: 41% of social complainers expect an answer; the model lets those tag the brand."""
    mentions = simulate_mentions(weeks=200, seed=11)
    complaints = mentions[(mentions["brand"] == "Northwind") & (mentions["sentiment"] == "negative")]
    cited = benchmarks.value("complainers_expect_reply_share")
    assert cited == pytest.approx(0.41)
    assert complaints["tags_brand"].mean() == pytest.approx(cited, abs=0.01)


def test_calibration_switch_candidates_follow_care4_and_care7():
    """CARE4: brands answered 17.3% of messages; CARE7: about 1 in 3 ignored customers switch.

    Only complaints addressed to Brightwater (tagging it) count: a complaint told to friends
    expects no reply, so it cannot be ignored.
    """
    result = simulate_listening(Listening(hours_per_week=168, scope="own and competitor"), seed=2)
    mentions = result.mentions
    complaints = (mentions["brand"] == "Brightwater") & (mentions["sentiment"] == "negative")
    addressed = (complaints & mentions["tags_brand"]).sum()
    expected = addressed / result.weeks * (1 - 0.173) * 0.333
    assert expected < 0.5 * complaints.sum() / result.weeks * (1 - 0.173) * 0.333
    assert benchmarks.value("brand_reply_rate") == pytest.approx(0.173)
    assert benchmarks.value("ignored_switch_share") == pytest.approx(0.333)
    assert result.summary()["switch_candidates_week"] == pytest.approx(expected)


def test_calibration_listening_figures_match_list1():
    """LIST1: 61% of businesses listen, 82% of them rate it highly; 90% / 86% of marketers (Sprout)."""
    for key, value in {
        "listening_business_share": 0.61,
        "listening_valuable_share": 0.82,
        "marketers_social_data_ahead_share": 0.90,
        "marketers_competitor_insight_share": 0.86,
    }.items():
        assert benchmarks.value(key) == pytest.approx(value)
        assert benchmarks.get(key).ref == "LIST1"


def test_reading_every_post_takes_about_seven_hours_a_week():
    """The listening slider's range covers the whole conversation at the assumed 30 s a post."""
    chatter = Chatter()
    hours = (chatter.northwind_per_week + chatter.competitor_per_week) * Listening().seconds_per_post / 3600
    assert 6 < hours < 8
