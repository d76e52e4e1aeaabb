"""Self-checks of lessons 07 (track-and-adjust), 08 (platforms-differ) and 13 (target-your-audience)."""

from __future__ import annotations

import importlib

import pytest

from smmlab.lessons import platforms_differ, target_your_audience, track_and_adjust


def test_track_and_adjust_checks_name_the_typical_misconceptions():
    lesson = track_and_adjust
    report = lesson.exercise_data()
    q1, q2, q3, q4, q5 = lesson.checks()
    q1._namespace = {"n_above_target_day1": len(lesson._naive_pause(report, 30.0))}
    assert "all 14 days" in q1.check().message
    q1._namespace = {"n_above_target_day1": lesson.day_one_above_target(report)}
    assert q1.check()
    daily = report["spend"] / report["conversions"].where(report["conversions"] > 0)
    q2._namespace = {"cpa_by_ad": daily.groupby(report["ad"]).mean()}
    assert "averaged the daily CPAs" in q2.check().message
    q3._namespace = {"ctr_intervals": lesson._wald_table(report)}
    assert "Wald" in q3.check().message
    q3._namespace = {"ctr_intervals": lesson.ctr_table(report)}
    assert q3.check()
    q4._namespace = {"ads_to_pause": lesson._ctr_pause}
    assert "click-through rate" in q4.check().message
    q4._namespace = {"ads_to_pause": lesson.ads_to_pause}
    assert q4.check()
    q5._namespace = {"spend_saved": 2 * lesson.spend_saved(report, 30.0)}
    assert "14 of the campaign's 28 days" in q5.check().message


def test_platforms_differ_checks_name_the_typical_misconceptions():
    lesson = platforms_differ
    posts = lesson.exercise_data()
    q1, q2, q3, q4 = lesson.checks()
    q1._namespace = {"top_platform": "Facebook"}
    assert "most followers" in q1.check().message
    q2._namespace = {"rates": lesson.rate_table(posts).T}
    assert "swapped" in q2.check().message
    q2._namespace = {"rates": posts.pivot_table(index="platform", columns="format", values="engagements")}
    assert "not rates" in q2.check().message
    q3._namespace = {"best_format": lesson.best_format(posts).map(lambda _f: "video")}
    assert "same format" in q3.check().message
    q4._namespace = {"tailoring_lift": lesson._median_lift}
    assert "medians" in q4.check().message
    q4._namespace = {"tailoring_lift": lesson._rate_lift}
    assert "rates" in q4.check().message
    q4._namespace = {"tailoring_lift": lesson.tailoring_lift}
    assert q4.check()


def test_target_your_audience_checks_name_the_typical_misconceptions():
    lesson = target_your_audience
    test = lesson.exercise_data()
    q1, q2, q3, q4 = lesson.checks()
    q1._namespace = {"best_segment": str(test.loc[test["conversions"].idxmax(), "segment"])}
    assert q1.check() or "most conversions" in q1.check().message
    stats = lesson.segment_stats(test)
    q2._namespace = {"stats": stats.assign(lift=stats["lift"] + 1)}
    assert "minus 1" in q2.check().message
    q2._namespace = {"stats": stats}
    assert q2.check()
    q3._namespace = {"persona_cpa": lesson.persona_cpa(test, premium=0.0)}
    assert "broad prices" in q3.check().message
    q4._namespace = {"fund_segments": lambda table, budget, target: lesson._no_target_funding(table, budget)}
    assert "above the target" in q4.check().message
    q4._namespace = {
        "fund_segments": lambda table, budget, target: lesson.fund_segments(table, budget, target)
    }
    assert q4.check()


@pytest.mark.parametrize("module", ["track_and_adjust", "platforms_differ", "target_your_audience"])
def test_checks_start_not_attempted(module):
    for question in importlib.import_module(f"smmlab.lessons.{module}").checks():
        question._namespace = {}
        assert question.check().status == "not attempted"
