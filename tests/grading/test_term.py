"""A term, rehearsed end to end: ``smmlab rehearse`` writes a synthetic class's LMS files
(Canvas and Moodle, same-name pairs, late and resubmitted files, non-submitters, broken files)
and the real commands take it through roster, deadline, collect, autograde, a regrade of one
learner and the export each LMS imports. Every learner ends with the grade ``expected.csv``
says, or with a reason, by id."""

from __future__ import annotations

import csv
import shutil

import pytest

from .conftest import run_smmlab

# The class graded once per worker is shared with test_cluster: one group, so one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]

FULL_MARKS = 8.0  # exercise 01's autograded points


def rows(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def term(rehearsed_class):
    """The class of ``conftest.rehearsed_class`` taken through the rest of its term's commands."""
    rehearsal = rehearsed_class["rehearsal"]
    outputs = {line: done.stdout for line, done in rehearsed_class["done"].items()}
    for line in rehearsed_class["rest"]:
        done = run_smmlab(rehearsal.root, *line.split()[1:], "-q", timeout=1800)
        assert done.returncode in (0, 1), f"{line}:\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        outputs[line] = done.stdout
    return rehearsal, outputs


def test_every_submission_is_graded_or_reported_by_id(term):
    rehearsal, outputs = term
    grading = next(text for line, text in outputs.items() if line.startswith("smmlab autograde"))
    for person in rehearsal.people:
        if person.kind in ("solution", "blank"):
            assert f"{person.id}: " in grading, f"{person.id} was not graded"
        elif person.kind == "broken":
            assert f"{person.id}: 01-conversation-not-broadcast.ipynb is not valid JSON" in grading
    pairs = {(p.lms, p.first, p.last) for p in rehearsal.people}
    assert len(pairs) < len(rehearsal.people), "the class has same-name pairs"
    assert any(p.resubmitted for p in rehearsal.people) and any(p.late_days for p in rehearsal.people)


def test_the_lms_exports_carry_the_expected_grades_by_lms_id(term):
    rehearsal, _ = term
    canvas = {r["ID"]: r for r in rows(rehearsal.root / "canvas-grades.csv")}
    moodle = {r["Email address"]: r for r in rows(rehearsal.root / "moodle-grades.csv")}
    column = rehearsal.assignment
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert list(next(iter(canvas.values())))[:5] == header
    assert list(next(iter(moodle.values())))[:3] == ["First name", "Last name", "Email address"]
    for person in rehearsal.people:
        row = canvas[str(person.lms_id)] if person.lms == "canvas" else moodle[person.email]
        share = {"solution": 1 - person.penalty_share, "blank": 0.0}.get(person.kind)
        if share is None:
            assert row[column] == "", f"{person.id} ({person.kind}) must have no grade, not {row[column]!r}"
        else:
            assert float(row[column]) == pytest.approx(FULL_MARKS * share), (person, row)
    assert any(p.kind == "solution" and p.late_days for p in rehearsal.people), "a late solution loses marks"


def test_regrading_one_repaired_submission_changes_only_that_learner(term):
    rehearsal, _ = term
    broken = next(p for p in rehearsal.people if p.kind == "broken" and p.lms == "canvas")
    name = rehearsal.assignment
    before = {r["ID"]: r[name] for r in rows(rehearsal.root / "canvas-grades.csv")}
    shutil.copy(
        rehearsal.root / "solutions" / name / f"{name}.ipynb",
        rehearsal.root / "submitted" / broken.id / name / f"{name}.ipynb",
    )
    done = run_smmlab(rehearsal.root, "autograde", "01", "--learner", broken.id, "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{broken.id}: 8 of 8" in done.stdout and "graded 1 of 1" in done.stdout
    run_smmlab(rehearsal.root, "export", "--format", "canvas", "--to", "canvas-after.csv")
    after = {r["ID"]: r[name] for r in rows(rehearsal.root / "canvas-after.csv")}
    assert float(after[str(broken.lms_id)]) == FULL_MARKS and before[str(broken.lms_id)] == ""
    assert {k: v for k, v in after.items() if k != str(broken.lms_id)} == {
        k: v for k, v in before.items() if k != str(broken.lms_id)
    }
