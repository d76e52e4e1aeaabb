"""Self-checks: not attempted, correct, misconception-keyed feedback, hints."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmlab import checks as ck
from smmlab.lessons import conversation_not_broadcast as lesson


def question(namespace, **kwargs):
    return ck.Question(
        "share",
        expected=lambda: 0.42,
        hints=["Look at the column.", "Use .mean()."],
        _namespace=namespace,
        **kwargs,
    )


def test_missing_or_placeholder_answer_is_not_attempted():
    for namespace in ({}, {"share": ...}, {"share": None}):
        result = question(namespace).check()
        assert result.status == "not attempted" and not result
        assert "Define `share`" in result.message


def test_correct_answer_passes_and_is_truthy():
    assert question({"share": 0.42}).check()
    assert question({"share": np.float64(0.42)}).check()


def test_percentage_instead_of_share_is_named():
    result = question({"share": 42.0}).check()
    assert result.status == "incorrect" and "percentage" in result.message


def test_look_alike_objects_do_not_pass():
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True

    assert not question({"share": True}).check()
    assert not question({"share": "0.42"}).check()
    assert not question({"share": pd.Series([0.42])}).check()
    assert ck.number_matches(AlwaysEqual(0.1), 0.42) is False


def test_hints_are_numbered_and_bounded():
    q = question({})
    assert q.hint() == "Hint (hint 1 of 2): Look at the column."
    assert "Use .mean()" in q.hint(2)
    assert "numbered 1 to 2" in q.hint(3)


def test_solution_is_withheld_unless_allowed():
    assert "not released" in question({}, solution_text="x = 1").solution()
    assert question({}, solution_text="x = 1", allow_solution=True).solution() == "x = 1"


def test_a_failing_learner_function_is_reported_not_raised():
    q = ck.Question(
        "f",
        expected=lambda: 1,
        hints=[],
        matches=lambda answer, _e: answer() == 1,
        _namespace={"f": lambda: 1 / 0},
    )
    result = q.check()
    assert result.status == "incorrect" and "ZeroDivisionError" in result.message


def test_lesson_01_checks_name_the_typical_misconceptions():
    data = lesson.exercise_data()
    q1, q2, q3, q4 = lesson.checks()
    for q, ns in ((q1, {"first_week_top_kind": "lead"}),):
        q._namespace = ns
        assert "marketing channel" in q.check().message
    q2._namespace = {"complaint_share_4w": lesson.complaint_share(data, 26)}
    assert "all 26 weeks" in q2.check().message
    q2._namespace = {"complaint_share_4w": lesson.complaint_share(data, 5)}
    assert "numbered from 0" in q2.check().message
    q3._namespace = {"unanswered": 1 - lesson.unanswered_rate(data)}
    assert "*answered*" in q3.check().message
    q4._namespace = {"churn_by_answer": lambda m: m.groupby("answered")["churned"].mean()}
    assert "complaints and questions" in q4.check().message
    q4._namespace = {"churn_by_answer": lesson.churn_by_answer}
    assert q4.check()


@pytest.mark.parametrize("label", ["q1", "q2", "q3", "q4"])
def test_lesson_01_checks_start_not_attempted(label):
    checks = lesson.checks()
    q = getattr(checks, label)
    q._namespace = {}
    assert q.check().status == "not attempted"
