"""Self-checks: not attempted, correct, misconception-keyed feedback, hints."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from smmlab import checks as ck


def shares(seed: int) -> pd.DataFrame:
    """A toy exercise's data: one flag per row."""
    return pd.DataFrame({"flag": np.random.default_rng(seed).random(200) < 0.42})


SHARE = ck.Question(
    "q1",
    "share",
    ck.Number(share=True),
    hints=("Look at the column.", "The mean of a flag column is a share."),
    wrong=(ck.Wrong("That is the share of rows *without* the flag.", value=lambda d: 1 - d["flag"].mean()),),
)
RATE_OF = ck.Question(
    "q2", "rate_of", ck.Function(ck.Number()), hints=("Compute from the argument.",), predict="guess"
)


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A toy exercise with its key written from a reference answer, checks bound to ``answers``."""
    monkeypatch.delenv(ck.SEED_VARIABLE, raising=False)
    exercise = ck.Exercise("99-toy", shares, (SHARE, RATE_OF), keys=tmp_path)
    reference = {"share": float(shares(2026)["flag"].mean()), "rate_of": lambda d: float(d["flag"].mean())}
    exercise.key_path().write_text(json.dumps(exercise.make_key(reference)), encoding="utf-8")

    def checks(**answers):
        q1, q2 = exercise.checks()
        q1._namespace = q2._namespace = answers
        return q1, q2

    checks.truth = reference["share"]
    return checks


def test_missing_or_placeholder_answer_is_not_attempted(toy):
    for answers in ({}, {"share": ...}, {"share": None}):
        result = toy(**answers)[0].check()
        assert result.status == "not attempted" and not result
        assert "Define `share`" in result.message


def test_correct_answer_passes_and_is_truthy(toy):
    assert toy(share=toy.truth)[0].check()
    assert toy(share=np.float64(toy.truth))[0].check()
    assert not toy(share=toy.truth + 0.01)[0].check()


def test_the_key_does_not_hold_the_answer(toy):
    q1, _ = toy()
    stored = q1.exercise.key_path().read_text(encoding="utf-8")
    assert f"{toy.truth:.3}"[2:] not in stored and not hasattr(q1, "expected")


def test_percentage_and_declared_misconceptions_are_named(toy):
    result = toy(share=100 * toy.truth)[0].check()
    assert result.status == "incorrect" and "percentage" in result.message
    result = toy(share=1 - toy.truth)[0].check()
    assert result.status == "incorrect" and "without* the flag" in result.message


def test_look_alike_objects_do_not_pass(toy):
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True

    assert not toy(share=True)[0].check()
    assert not toy(share=str(toy.truth))[0].check()
    assert not toy(share=pd.Series([toy.truth]))[0].check()
    assert ck.number_matches(AlwaysEqual(0.1), 0.42) is False


def test_hints_are_numbered_and_bounded(toy):
    q1, _ = toy()
    assert q1.hint() == "Hint (hint 1 of 2): Look at the column."
    assert "flag column" in q1.hint(2)
    assert "numbered 1 to 2" in q1.hint(3)


def test_solution_waits_for_an_attempt_and_obeys_the_instructor(toy, monkeypatch):
    assert "Try first" in toy()[0].solution()
    monkeypatch.setenv("SMMLAB_SOLUTIONS", "off")
    assert "not released" in toy(share=0.1)[0].solution()


def test_functions_are_run_on_the_data_and_failures_reported(toy):
    _, q2 = toy(guess=0.3, rate_of=lambda d: 1 / 0)
    result = q2.check()
    assert result.status == "incorrect" and "ZeroDivisionError" in result.message
    _, q2 = toy(guess=0.3, rate_of=lambda d: float(d["flag"].mean()))
    result = q2.check()
    assert result and result.message.startswith("You predicted 0.3; the data say 0.4")
    _, q2 = toy(rate_of=lambda d: float(d["flag"].mean()))
    assert "Predict first" in q2.check().message


def test_a_copied_constant_passes_the_self_check_but_not_on_other_data(toy, monkeypatch):
    constant = toy.truth
    _, q2 = toy(guess=0.5, rate_of=lambda d: constant)
    assert q2.check()  # on the published data a constant looks right…
    assert not ck.Number().same(constant, float(shares(99)["flag"].mean()))  # …another draw differs
    monkeypatch.setenv(ck.SEED_VARIABLE, "99")
    result = q2.check()
    assert result.status == "unchecked" and result  # the hidden tests, not the self-check, judge it


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
