"""The misconception inventory: valid items, answers kept in the notebook, and a report that
recovers what a synthetic class with a known truth planted."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pandas as pd
import pytest
from support import CATALOG, ROOT

from smmlab import inventory
from smmlab.inventory import assignment
from smmlab.inventory.cohort import Cohort, expected, simulate
from smmlab.inventory.quiz import Quiz, answered, notebook_name, saved_answers
from smmlab.inventory.report import analyse, write

INVENTORY = inventory.load()
#: A class with planted truths: one misconception the course does not move, one it moves a lot,
#: one every learner already avoids, and one item that works backwards.
PLANTED = Cohort(
    learners=200,
    effect={"myth-4": 0.0, "truth-9": 2.5},
    difficulty={"myth-5": -3.5},
    bad_items=("A08",),
)


def test_both_forms_measure_every_curriculum_item_once():
    assert set(INVENTORY.misconceptions) == set(CATALOG.items)
    for form in inventory.FORMS:
        items = INVENTORY.form(form)
        assert sorted(i.measures for i in items) == sorted(CATALOG.items)
        positions = np.bincount([i.answer for i in items], minlength=4)
        assert positions.min() >= 4, f"form {form}: the answer sits at A-D {positions} times"
    for item in INVENTORY.form("A"):
        assert INVENTORY.parallel(item).situation != item.situation


def test_the_self_checks_name_misconceptions_in_the_inventory_s_words():
    """A belief a self-check names ("... that is the belief that <belief>.") is an inventory belief,
    so a class's wrong answers and its inventory answers can be joined by misconception."""
    from smmlab.exercises import module_for

    beliefs = {m.id: m.belief for m in INVENTORY.misconceptions.values()}
    named = set()
    for lesson in CATALOG.lessons:
        exercise = module_for(lesson.name).EXERCISE
        for message in (wrong.message for q in exercise.questions for wrong in q.wrong):
            named |= {" ".join(b.split()) for b in re.findall(r"the belief that ([^.]+)", message)}
    assert len(named) >= 8
    for belief in named:
        matches = [m for m, text in beliefs.items() if belief in text]
        assert len(matches) == 1, f"self-check belief {belief!r} matches {matches} in the inventory"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('id = "A03"', 'id = "A01"', 1), "used twice"),
        (
            lambda t: re.sub(
                r'(\[\[item\]\]\nid = "B05"\n(?:.*\n)*?)measures = "[^"]+"',
                r'\1measures = "myth-1"',
                t,
                count=1,
            ),
            "form B must measure every misconception once",
        ),
        (
            lambda t: re.sub(r"answer = (\d)", lambda m: f"answer = {(int(m.group(1)) + 1) % 4}", t, count=1),
            "its answer must be an option whose misconception is empty",
        ),
        (lambda t: t.replace('id = "truth-9"', 'id = "truth-99"', 1), "no lesson teaches"),
    ],
    ids=["duplicate id", "form misses one", "answer with a misconception", "unknown misconception"],
)
def test_a_broken_inventory_is_refused_with_what_is_wrong(change, message):
    text = inventory.ITEMS.read_text(encoding="utf-8")
    broken = change(text)
    assert broken != text
    with pytest.raises(ValueError, match=message):
        inventory.parse(broken)


@pytest.fixture(scope="module")
def planted():
    responses = simulate(INVENTORY, PLANTED, seed=11)
    return responses, analyse(responses, INVENTORY, boots=1000), expected(INVENTORY, PLANTED)


def test_the_report_recovers_the_planted_class_gain(planted):
    responses, report, truth = planted
    _, low, high = report.gain
    assert low <= truth.loc["class", "gain"] <= high, (report.gain, truth.loc["class"])
    assert high - low < 0.1, "200 learners pin the class's gain to a narrow interval"
    assert len(report.scores) == responses.query("phase == 'post'")["learner"].nunique() < 200


def test_the_report_recovers_each_misconception_s_gain(planted):
    _, report, truth = planted
    m = report.misconceptions.join(truth["gain"].rename("true"))
    usable = m.drop(index="myth-5")  # at the ceiling before the course: no room for a gain
    inside = (usable["gain_low"] <= usable["true"]) & (usable["true"] <= usable["gain_high"])
    assert inside.sum() >= len(usable) - 2, usable[~inside][["gain", "gain_low", "gain_high", "true"]]
    assert m.loc["myth-4", "gain_low"] < 0 < m.loc["myth-4", "gain_high"], "no effect planted, none found"
    assert m.loc["truth-9", "gain_low"] > m.loc["mistake-3", "gain_high"], "the big planted effect stands out"
    assert (
        m.loc["myth-4", "held_before"] > 0.2
        and m.loc["truth-9", "held_after"] < m.loc["truth-9", "held_before"]
    )


def test_the_report_flags_the_planted_bad_item_and_the_ceiling_and_nothing_else(planted):
    _, report, _ = planted
    flags = report.items["flags"]
    assert "negative discrimination" in flags["A08"]
    ceiling = INVENTORY.form("A")[[i.measures for i in INVENTORY.form("A")].index("myth-5")].id
    assert "ceiling before the course" in flags[ceiling]
    others = flags.drop(index=["A08", ceiling])
    assert not others.str.contains("negative").any(), others[others != ""]
    assert 0.7 < report.reliability["pre"] < 1 and 0.7 < report.reliability["post"] < 1


def test_the_report_flags_a_distractor_nobody_picks(planted):
    responses, _, _ = planted
    item = INVENTORY.items["A02"]
    idle = next(i for i in range(4) if i != item.answer and item.misconceptions[i] != item.measures)
    changed = responses.copy()
    chosen = (changed["item"] == "A02") & (changed["choice"] == idle)
    changed.loc[chosen, "choice"] = item.answer
    report = analyse(changed, INVENTORY, boots=200)
    assert f"distractor nobody picks: {'ABCD'[idle]}" in report.items.loc["A02", "flags"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.drop(columns="choice"), "lack the column"),
        (lambda r: r.assign(item=r["item"].where(r.index != 0, "Z99")), "items the inventory does not have"),
        (lambda r: r.assign(phase=r["phase"].replace("post", "after")), "phase must be"),
        (lambda r: r.assign(phase="pre"), "not the pre-test form"),
        (lambda r: r.iloc[0:0], "no responses"),
    ],
    ids=["no choice", "unknown item", "odd phase", "form B as a pre-test", "empty"],
)
def test_bad_responses_get_a_clear_error(planted, change, message):
    responses, _, _ = planted
    with pytest.raises(ValueError, match=message):
        analyse(change(responses), INVENTORY, boots=10)


def test_the_report_writes_a_picture_a_page_and_tables(planted, tmp_path):
    _, report, _ = planted
    paths = write(report, tmp_path)
    assert paths["png"].read_bytes().startswith(b"\x89PNG")
    page = paths["html"].read_text(encoding="utf-8")
    assert "normalised gain of" in page and "Hake (1998)" in page and 'alt="Misconception inventory' in page
    assert "A08" in page.split("Items that misbehave")[1].split("<h2>")[0]
    items = pd.read_csv(paths["items"], index_col="item")
    assert set(items.index) == set(INVENTORY.items)
    assert len(pd.read_csv(paths["misconceptions"])) == len(INVENTORY.misconceptions)


# ---- answers kept in the notebook -------------------------------------------------------------


def test_answers_saved_by_the_quiz_are_read_back_and_restored(tmp_path):
    released = nbformat.read(ROOT / "exercises" / "inventory-pre" / "inventory-pre.ipynb", as_version=4)
    items = INVENTORY.form("A")
    answers = {item.id: {"choice": n % 4, "confidence": n % 4} for n, item in enumerate(items)}
    path = tmp_path / notebook_name("A")
    nbformat.write(answered(released, answers), path)
    assert saved_answers(path) == answers
    quiz = Quiz("A", notebook=path)
    assert quiz.complete == [item.id for item in items]
    quiz.assert_complete()

    partial = dict(list(answers.items())[:-2])
    nbformat.write(answered(released, partial), path)
    with pytest.raises(
        AssertionError, match=rf"2 of {len(items)} items have no saved answer: {items[-2].id}"
    ):
        Quiz("A", notebook=path).assert_complete()
    assert saved_answers(tmp_path / "missing.ipynb") == {}


def test_the_assignment_sources_are_generated_from_the_items():
    for form in inventory.FORMS:
        committed = nbformat.read(assignment.source_path(ROOT, form), as_version=4)
        fresh = assignment.notebook(form)
        assert [c.source for c in committed.cells] == [c.source for c in fresh.cells], (
            "run: python -c 'from smmlab.inventory import assignment; assignment.write_sources(Path(\".\"))'"
        )
        assert [c.metadata for c in committed.cells] == [c.metadata for c in fresh.cells]
        graded = [c for c in committed.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert [c.metadata["nbgrader"]["points"] for c in graded] == [assignment.POINTS]
