"""Regrade some learners (``smmlab autograde A --learner ID``), status in the gradebook database.

One course: three learners are graded, one repairs their submission and is regraded alone; the
others' grades, autograded notebooks and status rows must not move. Then the Formgrader's
Autograde button of ``smmlab lab --instructor`` must go through the same sandbox and status.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from smmlab.grading import status
from smmlab.grading.course import Course

from .conftest import ASSIGNMENT, VENV_BIN, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("regrade")


def _submit(root: Path, learner: str, source: str) -> None:
    """File the solution or the blank exercise as ``learner``'s submission."""
    folder = {"solution": "solutions", "blank": "exercises"}[source]
    target = root / "submitted" / learner / ASSIGNMENT
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / folder / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", target)


def _grades(root: Path) -> dict[str, dict[str, tuple]]:
    """learner → grade name → (auto, manual, extra credit) in the gradebook."""
    with Course.open(root).gradebook() as gb:
        return {
            s.student.id: {
                g.name: (g.auto_score, g.manual_score, g.extra_credit) for n in s.notebooks for g in n.grades
            }
            for s in gb.find_assignment(ASSIGNMENT).submissions
        }


def _status_rows(root: Path) -> dict[str, dict]:
    """The raw rows of the status table (run id and time included)."""
    engine = create_engine(Course.open(root).db_url)
    with engine.connect() as connection:
        rows = connection.execute(select(status.TABLE)).mappings().all()
    engine.dispose()
    return {row["learner"]: dict(row) for row in rows}


@pytest.fixture(scope="module")
def regraded(released_course: Path):
    """Grade three learners, repair one submission, regrade that learner alone."""
    root = released_course
    for learner, source in (("ada", "solution"), ("bo", "blank"), ("cy", "blank")):
        _submit(root, learner, source)
    first = run_smmlab(root, "autograde", ASSIGNMENT, "--workers", "2", "-q")
    assert "cy: 0 of 8" in first.stdout, first.stdout + first.stderr
    before = {
        "grades": _grades(root),
        "rows": _status_rows(root),
        "autograded": {p: p.stat().st_mtime_ns for p in (root / "autograded").rglob("*.ipynb")},
    }
    _submit(root, "cy", "solution")  # cy repairs the submission
    again = run_smmlab(root, "autograde", "01", "--learner", "cy", "-q")
    return {"root": root, "first": first, "before": before, "again": again}


def test_the_first_run_writes_every_status_to_the_gradebook_database(regraded):
    root = regraded["root"]
    rows = regraded["before"]["rows"]
    assert {k: (v["status"], v["autograded_score"]) for k, v in rows.items()} == {
        "ada": ("graded", 8.0),
        "bo": ("graded", 0.0),
        "cy": ("graded", 0.0),
    }
    assert not (root / "reports" / ASSIGNMENT / "autograde.json").exists()
    assert f"status: table {status.TABLE_NAME} of sqlite:///" in regraded["first"].stdout


def test_regrading_one_learner_changes_only_that_learner(regraded):
    root, before, again = regraded["root"], regraded["before"], regraded["again"]
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{ASSIGNMENT}: graded 1 of 1 submission(s)" in again.stdout
    assert "(other learners untouched)" in again.stdout
    assert "cy: 8 of 8" in again.stdout
    assert "ada:" not in again.stdout and "bo:" not in again.stdout
    grades, rows = _grades(root), _status_rows(root)
    assert {k: grades[k] for k in ("ada", "bo")} == {k: before["grades"][k] for k in ("ada", "bo")}
    assert grades["cy"] != before["grades"]["cy"]
    assert {k: rows[k] for k in ("ada", "bo")} == {k: before["rows"][k] for k in ("ada", "bo")}
    assert rows["cy"]["autograded_score"] == 8.0 and rows["cy"]["run"] != before["rows"]["cy"]["run"]
    for path, stamp in before["autograded"].items():
        if "/cy/" not in path.as_posix():
            assert path.stat().st_mtime_ns == stamp, path
    loaded = status.load(Course.open(root), ASSIGNMENT)
    assert {k: v.autograded_score for k, v in loaded.learners.items()} == {"ada": 8.0, "bo": 0.0, "cy": 8.0}


def test_an_unknown_learner_is_one_line_with_close_matches_and_changes_nothing(regraded):
    root = regraded["root"]
    rows = _status_rows(root)
    result = run_smmlab(root, "autograde", ASSIGNMENT, "--learner", "ady", "--learner", "zed")
    assert result.returncode != 0
    error = result.stderr.strip()
    assert "\n" not in error and "Traceback" not in error, error
    assert "'ady' (close: ada)" in error and "'zed' (no close match)" in error, error
    assert _status_rows(root) == rows


def test_report_and_export_read_the_status_from_the_database(regraded):
    root = regraded["root"]
    report = run_smmlab(root, "report", ASSIGNMENT)
    assert "3 graded learner(s)" in report.stdout, report.stdout + report.stderr
    target = root / "grades.csv"
    export = run_smmlab(root, "export", "--to", str(target))
    assert export.returncode == 0, export.stdout + export.stderr
    assert "not autograded yet" not in target.read_text(encoding="utf-8")


def test_an_old_json_status_is_read_then_imported_into_the_database(tmp_path: Path):
    root = make_course(tmp_path / "old")
    legacy = root / "reports" / ASSIGNMENT / "autograde.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        json.dumps(
            {
                "assignment": ASSIGNMENT,
                "sandbox": "sandbox: namespaces",
                "learners": {
                    "ada": {"learner": "ada", "status": "not graded", "reason": "timed out", "notes": []}
                },
            }
        )
    )
    course = Course.open(root)
    assert status.load(course, ASSIGNMENT).learners["ada"].reason == "timed out"
    assert not (root / "gradebook.db").exists()  # reading created no gradebook
    status.claim(course, ASSIGNMENT, ["bo"], run="r1")
    assert not legacy.exists() and legacy.with_name("autograde.json.imported").exists()
    loaded = status.load(course, ASSIGNMENT).learners
    assert loaded["ada"].reason == "timed out" and loaded["bo"].status == status.IN_PROGRESS


def _start_instructor_lab(root: Path) -> tuple[subprocess.Popen, str, str]:
    """``smmlab lab --instructor`` on a free port; the process, its base URL and token."""
    env = {**os.environ, "SMMLAB_ROOT": str(root), "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", "")}
    lab = subprocess.Popen(
        [sys.executable, "-m", "smmlab.cli", "lab", "--instructor", "--no-browser"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = ""
    while "token=" not in line:
        line = lab.stdout.readline()
        assert line or lab.poll() is None, "smmlab lab stopped"
    base, token = re.search(r"(http://127\.0\.0\.1:\d+)/\S*token=(\w+)", line).groups()
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).close()
            return lab, base, token
        except OSError:
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)


def test_formgraders_autograde_button_grades_in_the_sandbox_and_records_the_status(regraded):
    root = regraded["root"]
    _submit(root, "dee", "solution")
    lab, base, token = _start_instructor_lab(root)
    try:
        # What the button posts (nbgrader's formgrader/static/js/manage_submissions.js).
        request = urllib.request.Request(
            f"{base}/formgrader/api/submission/{ASSIGNMENT}/dee/autograde",
            data=b"",
            method="POST",
            headers={"Authorization": f"token {token}"},
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = json.loads(response.read())
    finally:
        lab.terminate()  # SIGTERM to `smmlab lab` alone, as from a service manager or `kill`
        lab.wait(30)
    port = int(base.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError):  # JupyterLab stopped with it, not left running
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert answer["success"] is True, answer
    assert "sandbox: " in answer["log"] and "dee: 8 of 8" in answer["log"], answer["log"]
    assert "(other learners untouched)" in answer["log"]
    row = _status_rows(root)["dee"]
    assert (row["status"], row["autograded_score"]) == ("graded", 8.0)
    assert row["sandbox"].startswith("sandbox: ")
    assert _grades(root)["dee"]["q4-test"][0] == 3
