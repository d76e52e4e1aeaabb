"""Lesson and exercise notebooks: committed clean and complete.

That they run top to bottom, explorers shown and self-checks passing, is tested where a
participant runs them: in a fresh venv from the wheel (``test_wheel.py``); solutions, hidden
tests included, are graded with full marks by nbgrader (``test_exercises.py``).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from support import CATALOG, ROOT, lesson_params

LESSONS = lesson_params("notebook")
EXERCISES = lesson_params("exercise")
ALL_NOTEBOOKS = sorted(
    p
    for folder in ("course", "solutions", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_are_committed_without_outputs_and_with_fixed_ids(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    ids = [cell.get("id") for cell in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_notebook_follows_the_anatomy(lesson):
    nb = nbformat.read(ROOT / "course" / f"{lesson.name}.ipynb", as_version=4)
    assert nb.metadata["smmlab"]["items"] == list(lesson.items)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for heading in (
        "## What you will be able to do",
        "## The simulation",
        "## Try it",
        "## When the myth can hold" if any(i.startswith("myth") for i in lesson.items) else "## When",
        "## Key points",
    ):
        assert heading in text, f"{lesson.name} lacks '{heading}'"
    for item in lesson.items:
        assert item in text, f"{lesson.name} never names {item}"
    assert f"exercises/{lesson.name}" in text, "the lesson links to its exercise"
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "explorer()" in code and f"import {lesson.module.rsplit('.', 1)[1]}" in code


@pytest.mark.parametrize("lesson", EXERCISES)
def test_exercise_follows_the_pattern(lesson):
    nb = nbformat.read(ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb", as_version=4)
    meta = [cell.metadata.get("nbgrader", {}) for cell in nb.cells]
    grade_ids = [m["grade_id"] for m in meta if m]
    assert len(grade_ids) == len(set(grade_ids)), "grade_ids must be unique"
    tests = [
        (m["grade_id"], cell)
        for m, cell in zip(meta, nb.cells, strict=True)
        if m.get("grade") and not m.get("solution")
    ]
    answers = {m["grade_id"] for m in meta if m.get("solution") and not m.get("grade")}
    written = [cell for m, cell in zip(meta, nb.cells, strict=True) if m.get("grade") and m.get("solution")]
    assert len(tests) >= 3, "a few tiered tasks"
    assert len(written) == 1 and written[0].cell_type == "markdown", "one written answer graded by hand"
    for grade_id, cell in tests:
        question = grade_id.removesuffix("-test")
        assert f"{question}-answer" in answers, f"test {grade_id} has no answer cell {question}-answer"
        assert re.search(rf"assert {question}\.check\(\)", cell.source), f"{grade_id} calls the self-check"
        assert "### BEGIN HIDDEN TESTS" in cell.source, f"{grade_id} has hidden tests"
    assert any("hint" in cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert nb.metadata["smmlab"]["items"] == list(CATALOG.lesson(lesson.name).items)
