"""``smmlab export --format long|canvas|moodle`` and ``smmlab feedback --bundle``.

One class, graded for real: Canvas and Moodle learners (two with one name), a full and a blank
submission, one late submission (penalised by nbgrader's late plugin), one that cannot be graded
(not JSON) and one roster learner who handed nothing in. Each test reads the files an instructor
would upload to the LMS.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from smmlab.grading.course import Course

from .conftest import ASSIGNMENT, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("export")
A = ASSIGNMENT
DUE = datetime(2026, 3, 1, 17, 0)

# learner id → (first, last, e-mail, notebook, submitted at, Canvas download name)
CLASS = {
    "canvas-12345": (
        "Jane",
        "Doe",
        "jane.doe@example.edu",
        "solutions",
        DUE,
        f"doejane_12345_7001_{A}.ipynb",
    ),
    "canvas-99999": ("Jane", "Doe", "jdoe2@example.edu", "exercises", DUE, f"doejane_99999_7002_{A}.ipynb"),
    "canvas-23456": (
        "Seán",
        "O'Neil, Jr.",
        "sean@example.edu",
        "solutions",
        datetime(2026, 3, 2, 18, 0),
        f"oneilsean_LATE_23456_7003_{A}.ipynb",
    ),
    "canvas-55555": ("Bad", "File", "bad@example.edu", None, DUE, f"filebad_55555_7004_{A}.ipynb"),
    "canvas-77777": ("Never", "Came", "never@example.edu", "absent", DUE, ""),
    "moodle-101": ("Wei", "Zhang", "wei.zhang@example.edu", "solutions", DUE, ""),
    "moodle-202": ("Wei", "Zhang", "wzhang7@example.edu", "exercises", DUE, ""),
}
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """A released course, its roster in the gradebook, submissions graded by ``smmlab autograde``."""
    root = make_course(tmp_path_factory.mktemp("export"))
    released = run_smmlab(root, "release", "-q")
    assert released.returncode == 0, released.stdout + released.stderr
    deadline = run_smmlab(root, "deadline", A, DUE.isoformat())
    assert deadline.returncode == 0, deadline.stdout + deadline.stderr
    with Course.open(root).gradebook() as gb:
        for learner, (first, last, email, *_rest) in CLASS.items():
            gb.update_or_create_student(
                learner, first_name=first, last_name=last, email=email, lms_user_id=learner.split("-")[1]
            )
    manifest = {}
    for learner, (_, _, _, source, when, download) in CLASS.items():
        if source == "absent":
            continue
        folder = root / "submitted" / learner / A
        folder.mkdir(parents=True)
        if source is None:
            (folder / f"{A}.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
        else:
            shutil.copy(root / source / A / f"{A}.ipynb", folder)
        (folder / "timestamp.txt").write_text(_stamp(when), encoding="utf-8")
        if download:
            manifest[learner] = {"file": download, "lms": "canvas", "submitted": when.isoformat()}
    (root / "reports" / A).mkdir(parents=True, exist_ok=True)
    (root / "reports" / A / "collect.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_smmlab(root, "autograde", A, "--workers", "2", "-q")
    assert "canvas-55555" in result.stdout and "canvas-12345: 8 of 8" in result.stdout, (
        result.stdout + result.stderr
    )
    return root


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def test_canvas_csv_has_canvas_header_and_final_scores_by_user_id(graded: Path, tmp_path: Path):
    target = tmp_path / "canvas.csv"
    title = "01 Conversation not broadcast (2201)"
    result = run_smmlab(
        graded, "export", "--format", "canvas", "--to", str(target), "--column", f"01={title}"
    )
    assert result.returncode == 1, result.stdout + result.stderr  # one submission not graded
    header, rows = _read(target)
    assert header == [*CANVAS_HEADER, title]
    by_id = {row["ID"]: row for row in rows}
    assert set(by_id) == {"12345", "99999", "23456", "55555", "77777"}  # Moodle learners: no ID
    assert by_id["12345"][title] == "8" and by_id["12345"]["Student"] == "Doe, Jane"
    assert by_id["99999"][title] == "0"
    assert float(by_id["23456"][title]) == pytest.approx(8 * 0.8)  # 25 h late: 20 % off
    assert by_id["23456"]["Student"] == "O'Neil, Jr., Seán"
    assert by_id["55555"][title] == "" and by_id["77777"][title] == ""  # never a silent zero
    assert "NOT GRADED (empty grade)" in result.stdout
    assert f"{A} / canvas-55555: not graded" in result.stdout
    assert f"no submission (empty grade) (1):\n  - {A} / canvas-77777" in result.stdout
    assert "moodle-101: no Canvas user id" in result.stdout


def test_moodle_csv_is_keyed_by_email_with_one_column_per_grade_item(graded: Path, tmp_path: Path):
    target = tmp_path / "moodle.csv"
    result = run_smmlab(graded, "export", "--format", "moodle", "--to", str(target))
    header, rows = _read(target)
    assert header == ["First name", "Last name", "Email address", A], result.stdout
    by_mail = {row["Email address"]: row for row in rows}
    assert len(rows) == len(CLASS) == len(by_mail)  # the two Wei Zhangs stay two rows
    assert by_mail["wei.zhang@example.edu"][A] == "8"
    assert by_mail["wzhang7@example.edu"][A] == "0"
    assert by_mail["never@example.edu"][A] == "" and by_mail["bad@example.edu"][A] == ""
    assert result.returncode == 1  # canvas-55555 not graded


def test_long_csv_shows_the_late_penalty_and_every_roster_learner(graded: Path, tmp_path: Path):
    target = tmp_path / "long.csv"
    run_smmlab(graded, "export", "--to", str(target))
    header, rows = _read(target)
    assert {"late_penalty", "raw_score", "score", "status", "email"} <= set(header)
    by_id = {row["learner"]: row for row in rows}
    assert set(by_id) == set(CLASS)
    late = by_id["canvas-23456"]
    assert float(late["raw_score"]) == 8 and float(late["late_penalty"]) == pytest.approx(1.6)
    assert float(late["score"]) == pytest.approx(6.4)
    assert float(by_id["canvas-12345"]["late_penalty"]) == 0
    assert by_id["canvas-77777"]["status"] == "no submission" and by_id["canvas-77777"]["score"] == ""
    assert by_id["canvas-55555"]["status"] == "not graded" and by_id["canvas-55555"]["reason"]


def test_feedback_bundles_follow_each_lms_upload_naming(graded: Path):
    moodle = run_smmlab(graded, "feedback", A, "--bundle", "--format", "moodle", "-q")
    assert "moodle bundle: 2 page(s)" in moodle.stdout, moodle.stdout + moodle.stderr
    with zipfile.ZipFile(graded / "feedback" / f"{A}-moodle-feedback.zip") as archive:
        names = sorted(archive.namelist())
        assert names == [
            f"Wei Zhang_101_assignsubmission_file_/{A}-feedback.html",
            f"Wei Zhang_202_assignsubmission_file_/{A}-feedback.html",
        ]
        page = (graded / "feedback" / "moodle-101" / A / f"{A}.html").read_bytes()
        assert archive.read(names[0]) == page
    assert "canvas-12345: no Moodle participant id" in moodle.stdout
    assert "canvas-77777: no submission" in moodle.stdout
    assert moodle.returncode == 1

    canvas = run_smmlab(graded, "feedback", "01", "--bundle", "--format", "canvas", "-q")
    assert "canvas bundle: 3 page(s)" in canvas.stdout, canvas.stdout + canvas.stderr
    with zipfile.ZipFile(graded / "feedback" / f"{A}-canvas-feedback.zip") as archive:
        names = sorted(archive.namelist())
        assert names == [
            f"doejane_12345_7001_{A}-feedback.html",
            f"doejane_99999_7002_{A}-feedback.html",
            f"oneilsean_LATE_23456_7003_{A}-feedback.html",
        ]
        for name in names:
            assert b"<html" in archive.read(name).lower()
    assert "canvas-55555: not graded" in canvas.stdout and "moodle-101: no Canvas" in canvas.stdout


def test_export_of_a_fresh_course_is_refused_without_creating_a_gradebook(tmp_path: Path):
    root = make_course(tmp_path / "fresh")
    result = run_smmlab(root, "export", "--format", "canvas", "--to", str(tmp_path / "g.csv"))
    assert result.returncode != 0
    assert result.stderr.strip() == (
        f"smmlab: no gradebook at {root / 'gradebook.db'}: release and autograde first"
    )
    assert not (root / "gradebook.db").exists() and not (tmp_path / "g.csv").exists()


def test_an_export_with_no_learner_says_why(tmp_path: Path):
    root = make_course(tmp_path / "empty")
    assert run_smmlab(root, "release", "-q").returncode == 0
    result = run_smmlab(root, "export", "--to", str(tmp_path / "g.csv"))
    assert result.returncode != 0 and "has no learner" in result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "g.csv").exists()
    assert os.listdir(tmp_path) == ["empty"]
