"""Lesson 21 (listen-first): self-check feedback and calibration against the cited figures."""

from __future__ import annotations

import pandas as pd
import pytest

from smmlab.lessons import listen_first as lesson
from smmlab.sim import benchmarks
from smmlab.sim.listening import Chatter, Listening, simulate_listening, simulate_mentions


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return lesson.exercise_data()


def test_checks_start_not_attempted():
    for question in lesson.checks():
        question._namespace = {}
        assert question.check().status == "not attempted"


def test_reference_answers_pass(mentions):
    q1, q2, q3, q4 = lesson.checks()
    q1._namespace = {"northwind_share_of_voice": (mentions["brand"] == "Northwind").mean()}
    table = pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="index")
    q2._namespace = {"sentiment": table.assign(net=table["positive"] - table["negative"])}
    complaints = mentions[(mentions["brand"] == "Brightwater") & (mentions["sentiment"] == "negative")]
    q3._namespace = {"top_competitor_complaints": complaints["topic"].value_counts(normalize=True).head(3)}
    q4._namespace = {"top_complaint": lesson.top_complaint}
    assert q1.check() and q2.check() and q3.check() and q4.check()


def test_checks_name_the_typical_misconceptions(mentions):
    q1, q2, q3, q4 = lesson.checks()
    northwind = mentions["brand"] == "Northwind"
    q1._namespace = {"northwind_share_of_voice": northwind.sum() / (~northwind).sum()}
    assert "ratio of the two" in q1.check().message
    q1._namespace = {"northwind_share_of_voice": (northwind & mentions["tags_brand"]).sum() / len(mentions)}
    assert "notifications" in q1.check().message
    q1._namespace = {"northwind_share_of_voice": 100 * northwind.mean()}
    assert "percentage" in q1.check().message

    q2._namespace = {"sentiment": pd.crosstab(mentions["brand"], mentions["sentiment"])}
    assert "counts" in q2.check().message
    q2._namespace = {"sentiment": pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="all")}
    assert "all posts of both brands" in q2.check().message
    q2._namespace = {"sentiment": pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="columns")}
    assert "Each column sums to 1" in q2.check().message
    q2._namespace = {"sentiment": pd.crosstab(mentions["brand"], mentions["sentiment"], normalize="index")}
    assert "`net`" in q2.check().message

    competitor = mentions[mentions["brand"] == "Brightwater"]
    complaints = competitor[competitor["sentiment"] == "negative"]
    q3._namespace = {"top_competitor_complaints": complaints["topic"].value_counts().head(3)}
    assert "Those are counts" in q3.check().message
    q3._namespace = {"top_competitor_complaints": competitor["topic"].value_counts(normalize=True).head(3)}
    assert "praise included" in q3.check().message
    own = mentions[northwind & (mentions["sentiment"] == "negative")]
    q3._namespace = {"top_competitor_complaints": own["topic"].value_counts(normalize=True).head(3)}
    assert "Northwind's own complaints" in q3.check().message
    q3._namespace = {"top_competitor_complaints": complaints["topic"].value_counts().head(3) / len(mentions)}
    assert "not by all posts" in q3.check().message

    q4._namespace = {"top_complaint": lambda data, brand, tagged: lesson.top_complaint(data, brand)}
    assert "ignores `tagged_only`" in q4.check().message
    q4._namespace = {
        "top_complaint": lambda data, brand, tagged: str(
            (data[data["tags_brand"]] if tagged else data)
            .query("brand == @brand")["topic"]
            .value_counts()
            .index[0]
        )
    }
    assert "praise included" in q4.check().message
    q4._namespace = {"top_complaint": lambda data, brand, tagged: data["topic"].value_counts()}
    assert "as a string" in q4.check().message


def test_the_exercise_tells_the_lessons_story(mentions):
    """The exercise data show what the lesson claims: a small voice, notifications that mislead."""
    assert 0.25 < lesson.share_of_voice(mentions) < 0.35
    table = lesson.sentiment_shares(mentions)
    assert table.loc["Northwind", "net"] > 0 > table.loc["Brightwater", "net"]
    assert list(lesson.competitor_complaint_shares(mentions).index) == ["limescale", "lid", "delivery"]
    assert lesson.top_complaint(mentions, "Northwind") == "noise"
    assert lesson.top_complaint(mentions, "Northwind", tagged_only=True) == "delivery"


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
    """CARE4: brands answered 17.3% of messages; CARE7: about 1 in 3 ignored customers switch."""
    result = simulate_listening(Listening(hours_per_week=168, scope="own and competitor"), seed=2)
    complaints = (
        (result.mentions["brand"] == "Brightwater") & (result.mentions["sentiment"] == "negative")
    ).sum()
    expected = complaints / result.weeks * (1 - 0.173) * 0.333
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
