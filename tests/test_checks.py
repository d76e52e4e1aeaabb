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


def test_lesson_03_whole_company_checks_name_the_typical_misconceptions():
    from smmlab.lessons import whole_company_owns_social as whole

    data = whole.exercise_data()
    q1, q2, q3, q4 = whole.checks()
    q1._namespace = {"best_for_complaints": "marketing"}
    assert "answering is a different skill" in q1.check().message
    q1._namespace = {"best_for_complaints": "service"}
    assert q1.check()
    table = whole.resolution_table(data.pilot)
    q2._namespace = {"resolution_by_team": table.T}
    assert "swapped" in q2.check().message
    counts = data.pilot.pivot_table(index="team", columns="kind", values="resolved", aggfunc="sum")
    q2._namespace = {"resolution_by_team": counts}
    assert "counts of resolved" in q2.check().message
    q3._namespace = {"best_mix": lambda head_count: (head_count, 0, 0, 0)}
    assert "the myth this lesson tests" in q3.check().message
    attribution = whole.attribution(data.leads)
    q4._namespace = {"attribution_table": attribution * len(data.leads)}
    assert "counts" in q4.check().message
    q4._namespace = {"attribution_table": attribution.drop(index="marketing")}
    assert not q4.check()


def test_lesson_04_mishaps_checks_name_the_typical_misconceptions():
    from smmlab.lessons import mishaps_rarely_catastrophic as mishaps

    data = mishaps.exercise_data()
    q1, q2, q3, q4 = mishaps.checks()
    day = int(mishaps.most_severe(data.incidents)["day"])
    q1._namespace = {"naive_change": -mishaps.naive_change(data.sales, day)}
    assert "sign is reversed" in q1.check().message
    q2._namespace = {"car_most_severe": mishaps.naive_change(data.sales, day)}
    assert "naive before/after" in q2.check().message
    late_start = mishaps.car_for(data.sales, day, mishaps.EventWindow(start=0, end=10))
    q2._namespace = {"car_most_severe": late_start}
    assert "starts on day 0" in q2.check().message
    simple = mishaps._simple_t_table
    q3._namespace = {"event_table": simple}
    assert "simple standard error" in q3.check().message
    q3._namespace = {"event_table": mishaps.event_table}
    assert q3.check()
    table = mishaps.event_table(data.sales, data.incidents)
    q4._namespace = {"significant_ids": sorted(table.index[table["car"] < 0])}
    assert "not the same as a significant one" in q4.check().message
    q4._namespace = {"significant_ids": sorted(data.incidents["incident_id"])}
    assert "Not every mishap" in q4.check().message


@pytest.mark.parametrize("module", ["whole_company_owns_social", "mishaps_rarely_catastrophic"])
def test_lesson_03_04_checks_start_not_attempted(module):
    import importlib

    lesson_module = importlib.import_module(f"smmlab.lessons.{module}")
    for question in lesson_module.checks():
        question._namespace = {}
        assert question.check().status == "not attempted"


def test_lesson_09_negative_feedback_checks_name_the_typical_misconceptions():
    from smmlab.lessons import negative_feedback as feedback

    data = feedback.exercise_data()
    q1, q2, q3, q4 = feedback.checks()
    q1._namespace = {"most_customers_lost": "ignore"}
    assert "not the worst" in q1.check().message
    outcomes = data.groupby("strategy")[["churned", "shamed", "recommends", "backlash"]]
    q2._namespace = {"outcomes": outcomes.sum()}
    assert "counts" in q2.check().message
    q2._namespace = {"outcomes": outcomes.mean().T}
    assert "swapped" in q2.check().message
    q3._namespace = {"answering_value": -feedback.value_of_answering(data)}
    assert "sign is reversed" in q3.check().message
    q4._namespace = {
        "value_by_strategy": lambda complaints, _value: feedback.value_by_strategy(complaints, 120)
    }
    assert "ignores its `customer_value`" in q4.check().message
    q4._namespace = {"value_by_strategy": feedback.value_by_strategy}
    assert q4.check()


def test_lesson_12_engage_checks_name_the_typical_misconceptions():
    from smmlab.lessons import engage_your_audience as engage

    data = engage.exercise_data()
    q1, q2, q3, q4 = engage.checks()
    q1._namespace = {"reply_rate": 1 - engage.reply_share(data)}
    assert "*unanswered*" in q1.check().message
    bins = pd.cut(data["reply_hours"], [0, 1, 4, 24, float("inf")], labels=["0-1h", "1-4h", "4-24h", "24h+"])
    q2._namespace = {"engagement_by_bin": data.groupby(bins, observed=False)["returned"].sum()}
    assert "counts" in q2.check().message
    q3._namespace = {"loyalty_gap": -engage.loyalty_gap(data)}
    assert "sign is reversed" in q3.check().message
    q4._namespace = {"reply_time_target": lambda comments, goal: 0.5}
    assert "shortest target" in q4.check().message
    q4._namespace = {"reply_time_target": engage.reply_time_target}
    assert q4.check()


def test_lesson_16_culture_checks_name_the_typical_misconceptions():
    from smmlab.lessons import culture_and_capacity as culture

    data = culture.exercise_data()
    q1, q2, q3, q4 = culture.checks()
    one = data[data["people"] == 1]
    q1._namespace = {"one_manager_within_4h": float((one["reply_hours"].dropna() <= 4).mean())}
    assert "never answered" in q1.check().message
    table = culture.waiting_table(data)
    q2._namespace = {"waiting": table.assign(median_reply_hours=data.groupby("people")["reply_hours"].mean())}
    assert "use the median" in q2.check().message
    q3._namespace = {"backlog": data.groupby("people")["waited_hours"].mean()}
    assert "average wait of one message" in q3.check().message
    q4._namespace = {"people_needed": lambda messages, target, share: 8}
    assert "largest head count" in q4.check().message
    q4._namespace = {"people_needed": culture.people_needed}
    assert q4.check()


@pytest.mark.parametrize("module", ["negative_feedback", "engage_your_audience", "culture_and_capacity"])
def test_lesson_09_12_16_checks_start_not_attempted(module):
    import importlib

    lesson_module = importlib.import_module(f"smmlab.lessons.{module}")
    for question in lesson_module.checks():
        question._namespace = {}
        assert question.check().status == "not attempted"


# Shared matchers: what a learner would notice when comparing a Series or DataFrame answer.

RATES = pd.Series({"1": 0.25, "2": 0.5, "3": 0.125})
TABLE = pd.DataFrame({"rate": [0.1, 0.2], "share": [0.6, 0.4]}, index=["agency", "in-house"])


def test_series_with_the_right_numbers_passes_whatever_the_label_type_or_order():
    assert ck.series_matches(RATES, RATES)
    assert ck.series_matches(pd.Series({1: 0.25, 2: 0.5, 3: 0.125}), RATES)
    assert ck.series_matches(RATES.iloc[::-1], RATES)
    assert ck.series_matches(RATES.rename(index=int), RATES.rename(index=int), label=int)
    assert ck.series_matches(RATES, RATES.rename(index=int), label=int)
    assert ck.series_matches(RATES.astype(object), RATES)
    assert ck.series_matches(RATES * (1 + 1e-9), RATES)


@pytest.mark.parametrize(
    "answer",
    [
        RATES.replace(0.5, 0.51),  # a wrong number
        RATES * 100,  # percentages
        RATES.drop("3"),  # a missing label
        pd.concat([RATES, pd.Series({"4": 0.0})]),  # an extra label
        RATES.rename(index={"3": "4"}),  # a wrong label
        pd.concat([RATES, RATES.iloc[:1]]),  # a duplicate label
        RATES.replace(0.5, np.nan),  # NaN where a number is expected
        RATES.astype(str),  # numbers as text
        RATES > 0.2,  # booleans are not numbers
        RATES.tolist(),  # a list instead of a Series
        RATES.to_dict(),
        RATES.to_frame(),
        0.25,
        "0.25",
        None,
    ],
    ids=lambda answer: type(answer).__name__,
)
def test_series_with_a_wrong_value_label_or_type_fails(answer):
    assert ck.series_matches(answer, RATES) is False


def test_series_label_conversion_that_fails_is_a_wrong_answer_not_an_error():
    assert ck.series_matches(pd.Series({"agency": 0.25, "2": 0.5, "3": 0.125}), RATES, label=int) is False
    assert ck.series_matches(pd.Series({1: 0.25, "1": 0.5, 3: 0.125}), RATES) is False  # equal after str


def test_ordered_series_must_keep_the_ranking():
    ranking = pd.Series({"lid": 9, "delivery": 5, "price": 2})
    assert ck.series_matches(ranking, ranking, ordered=True)
    assert ck.series_matches(ranking.astype(float), ranking, ordered=True)
    assert not ck.series_matches(ranking.iloc[::-1], ranking, ordered=True)
    assert ck.series_matches(ranking.iloc[::-1], ranking)  # unordered by default


def test_series_without_labels_compares_values_by_position():
    by_month = pd.Series([0.1, 0.3, 0.6], index=[1, 2, 3])
    assert ck.series_matches(pd.Series([0.1, 0.3, 0.6]), by_month, label=None)
    assert not ck.series_matches(pd.Series([0.6, 0.3, 0.1]), by_month, label=None)
    assert not ck.series_matches(pd.Series([0.1, 0.3]), by_month, label=None)
    assert not ck.series_matches([0.1, 0.3, 0.6], by_month, label=None)


def test_true_false_groups_may_be_labelled_0_and_1():
    churn = pd.Series({False: 0.3, True: 0.1})
    assert ck.series_matches(pd.Series([0.3, 0.1]), churn, label=bool)
    assert not ck.series_matches(pd.Series([0.1, 0.3]), churn, label=bool)
    assert not ck.series_matches(pd.Series({"no": 0.3, "yes": 0.1}), churn, label=bool)


def test_frame_with_the_right_cells_passes_in_any_row_order_and_with_extra_columns():
    assert ck.frame_matches(TABLE, TABLE)
    assert ck.frame_matches(TABLE.iloc[::-1], TABLE)
    assert ck.frame_matches(TABLE[["share", "rate"]], TABLE)
    assert ck.frame_matches(TABLE.assign(n=[10, 20]), TABLE)
    numbered = pd.DataFrame({"rate": [0.1, 0.2]}, index=[1, 2])
    assert ck.frame_matches(numbered.rename(index=str), numbered, label=int)


@pytest.mark.parametrize(
    "answer",
    [
        TABLE.drop(columns="share"),  # a missing column
        TABLE.drop(index="agency"),  # a missing row
        pd.concat([TABLE, TABLE.iloc[:1].rename(index={"agency": "other"})]),  # an extra row
        TABLE.T,  # rows and columns swapped
        TABLE * 100,
        TABLE.mask(TABLE == 0.2),  # NaN
        TABLE.set_axis(["rate", "rate"], axis=1),  # duplicate columns
        pd.concat([TABLE, TABLE.iloc[:1]]),  # a duplicate row
        TABLE.reset_index(drop=True),  # row labels lost
        TABLE["rate"],
        TABLE.to_dict(),
        TABLE.to_numpy(),
        None,
    ],
    ids=lambda answer: type(answer).__name__,
)
def test_frame_with_a_wrong_cell_row_column_or_type_fails(answer):
    assert ck.frame_matches(answer, TABLE) is False


def test_matchers_never_raise_on_odd_input():
    class Exploding(pd.Series):
        def tolist(self):
            raise RuntimeError("boom")

    odd = [
        pd.Series(dtype=float),
        pd.Series([object()], index=["1"]),
        pd.Series([[1, 2]], index=[("a", "b")]),
        pd.Series({frozenset(): 1.0}),
        pd.Series([1.0, 2.0], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)])),
        pd.Series([pd.NA, 0.5, 0.1], index=["1", "2", "3"], dtype="Float64"),
        Exploding([0.25, 0.5, 0.125], index=["1", "2", "3"]),
        pd.DataFrame(),
        lambda: RATES,
        np.array([0.25, 0.5, 0.125]),
    ]
    for answer in odd:
        for expected in (RATES, TABLE, None, 0.5):
            assert ck.series_matches(answer, expected) is False
            assert ck.series_matches(answer, expected, label=int, ordered=True) is False
            assert ck.frame_matches(answer, expected) is False
            assert ck.frame_matches(answer, expected, label=None) is False
    assert ck.series_matches(pd.Series(dtype=float), pd.Series(dtype=float))
