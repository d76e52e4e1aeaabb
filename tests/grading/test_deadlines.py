"""Deadlines that count: a due date in the gradebook, Canvas's ``_LATE`` flag kept, and the
course's late policy (10 % of the score per started day, at most 50 %) applied by
``smmlab autograde``."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from smmlab.grading.course import Course
from smmlab.grading.late import DailyPercentPenalty, parse_deadline, penalty_percent

from .conftest import ASSIGNMENT, REPO, run_smmlab

pytestmark = pytest.mark.xdist_group("deadlines")
A = ASSIGNMENT


@pytest.mark.parametrize(
    ("seconds", "percent"),
    [
        (0, 0),
        (-5, 0),
        (60, 10),
        (24 * 3600, 10),
        (25 * 3600, 20),
        (4.5 * 24 * 3600, 50),
        (30 * 24 * 3600, 50),
    ],
)
def test_policy_ten_percent_per_started_day_capped_at_half(seconds, percent):
    assert penalty_percent(seconds) == percent


def test_the_course_config_selects_the_policy():
    from nbgrader.preprocessors import AssignLatePenalties

    course = Course.open(REPO)
    step = AssignLatePenalties(config=course.config)
    step.init_plugin()
    assert isinstance(step.plugin_inst, DailyPercentPenalty)
    assert step.plugin_inst.late_submission_penalty("x", 8.0, 3600) == pytest.approx(0.8)
    assert step.plugin_inst.late_submission_penalty("x", 8.0, 0) is None


def test_deadlines_are_utc_and_bad_ones_are_refused():
    assert parse_deadline("2026-03-01T17:00") == datetime(2026, 3, 1, 17, 0)
    assert parse_deadline("2026-03-01T18:00+01:00") == datetime(2026, 3, 1, 17, 0)
    with pytest.raises(ValueError, match="not an ISO date and time"):
        parse_deadline("1 March")


def test_a_late_canvas_file_loses_the_configured_share_after_autograde(released_course: Path, tmp_path: Path):
    solved = (released_course / "solutions" / A / f"{A}.ipynb").read_bytes()
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(zipfile.ZipInfo(f"doejane_12345_1_{A}.ipynb", (2026, 3, 1, 12, 0, 0)), solved)
        bundle.writestr(zipfile.ZipInfo(f"doejane_LATE_99999_2_{A}.ipynb", (2026, 3, 2, 18, 30, 0)), solved)
    bad = run_smmlab(released_course, "deadline", "01", "tomorrow")
    assert bad.returncode == 2 and "not an ISO date and time" in bad.stderr
    due = run_smmlab(released_course, "deadline", "01", "2026-03-01T18:00+01:00")
    assert due.returncode == 0, due.stdout + due.stderr
    assert f"{A}: due 2026-03-01 17:00 UTC" in due.stdout

    collected = run_smmlab(released_course, "collect", str(archive), "--assignment", A, "-q")
    assert "late (1)" in collected.stdout, collected.stdout + collected.stderr
    assert (
        "canvas-99999 (doejane): submitted 2026-03-02 18:30 UTC, 1 d 1 h 30 min after the "
        "deadline; flagged late by Canvas"
    ) in collected.stdout

    graded = run_smmlab(released_course, "autograde", A, "--workers", "2", "-q")
    assert "graded 2 of 2" in graded.stdout, graded.stdout + graded.stderr
    with Course.open(released_course).gradebook() as gb:
        on_time = gb.find_submission(A, "canvas-12345")
        late = gb.find_submission(A, "canvas-99999")
        assert on_time.score == late.score > 0
        assert not on_time.late_submission_penalty
        assert late.total_seconds_late == 25.5 * 3600
        assert late.late_submission_penalty == pytest.approx(0.2 * late.score)  # 2 started days
