"""A PostgreSQL gradebook (several graders at once) through ``SMMLAB_GRADEBOOK_URL``."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, select

from smmlab.grading import status
from smmlab.grading.course import Course, postgres_driver

from .conftest import ASSIGNMENT, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("postgres")


def test_release_and_autograde_with_a_postgresql_gradebook(postgres_url: str, tmp_path: Path):
    root = make_course(tmp_path / "course")
    env = {"SMMLAB_GRADEBOOK_URL": postgres_url}
    result = run_smmlab(root, "release", "-q", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for learner, folder in (("sol", "solutions"), ("blank", "exercises")):
        target = root / "submitted" / learner / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copy(root / folder / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", target)
    result = run_smmlab(root, "autograde", ASSIGNMENT, "--workers", "2", "-q", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sol: 8 of 8" in result.stdout and "blank: 0 of 8" in result.stdout
    assert not (root / "gradebook.db").exists()  # everything went to PostgreSQL
    with Gradebook(postgres_driver(postgres_url), "smmlab") as gb:
        scores = {s.student.id: s.code_score for s in gb.find_assignment(ASSIGNMENT).submissions}
    assert scores == {"sol": 8.0, "blank": 0.0}
    export = run_smmlab(root, "export", "--to", str(root / "grades.csv"), env=env)
    assert export.returncode == 0, export.stdout + export.stderr
    assert "sol" in (root / "grades.csv").read_text(encoding="utf-8")


def _submit(root: Path, learner: str, kind: str) -> None:
    target = root / "submitted" / learner / ASSIGNMENT
    target.mkdir(parents=True)
    notebook = target / f"{ASSIGNMENT}.ipynb"
    if kind == "broken":
        notebook.write_text('{"cells": [', encoding="utf-8")
    else:
        folder = "solutions" if kind == "solution" else "exercises"
        shutil.copy(root / folder / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", notebook)


def test_two_graders_on_one_postgresql_gradebook_lose_and_double_nothing(postgres_url: str,
                                                                         tmp_path: Path,
                                                                         monkeypatch):
    """Two graders, each with a copy of the course, grade different learners at the same time."""
    database = f"{postgres_url.rsplit('/', 1)[0]}/two_graders"
    engine = create_engine(postgres_driver(postgres_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE DATABASE two_graders")
    engine.dispose()
    env = {"SMMLAB_GRADEBOOK_URL": database}
    first = make_course(tmp_path / "grader-a")
    result = run_smmlab(first, "release", "-q", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    learners = {"a1": "solution", "a2": "blank", "a3": "broken",
                "b1": "solution", "b2": "blank", "b3": "broken"}
    for learner, kind in learners.items():
        _submit(first, learner, kind)
    second = tmp_path / "grader-b"
    shutil.copytree(first, second)
    jobs = [(first, ["a1", "a2", "a3"]), (second, ["b1", "b2", "b3"])]

    def grade(job):
        root, mine = job
        flags = [arg for learner in mine for arg in ("--learner", learner)]
        return run_smmlab(root, "autograde", ASSIGNMENT, *flags, "--workers", "1", "-q", env=env)

    with ThreadPoolExecutor(2) as pool:  # both processes start at the same time
        results = list(pool.map(grade, jobs))
    for result, (_, mine) in zip(results, jobs, strict=True):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output  # the broken notebook needs attention
        assert "CHECKS FAILED" not in output and "Traceback" not in output, output
        assert f"{mine[0]}: 8 of 8" in output and f"{mine[1]}: 0 of 8" in output, output
        assert f"{mine[2]}: {ASSIGNMENT}.ipynb is not valid JSON" in output, output

    # every learner: one grade in the gradebook (if gradable) and exactly one status row
    with Gradebook(postgres_driver(database), "smmlab") as gb:
        submissions = Counter(s.student.id for s in gb.find_assignment(ASSIGNMENT).submissions)
        scores = {s.student.id: s.code_score for s in gb.find_assignment(ASSIGNMENT).submissions}
    assert submissions == Counter(["a1", "a2", "b1", "b2"])
    assert scores == {"a1": 8.0, "a2": 0.0, "b1": 8.0, "b2": 0.0}
    engine = create_engine(postgres_driver(database))
    with engine.connect() as connection:
        rows = connection.execute(select(status.TABLE)).mappings().all()
    engine.dispose()
    assert Counter((r["assignment"], r["learner"]) for r in rows) == Counter(
        (ASSIGNMENT, learner) for learner in learners)
    assert len({r["run"] for r in rows}) == 2  # two graders wrote them
    expected = {"solution": "graded", "blank": "graded", "broken": "not graded"}
    assert {r["learner"]: r["status"] for r in rows} == {
        k: expected[v] for k, v in learners.items()}

    # both graders see the same status, export and report
    monkeypatch.setenv("SMMLAB_GRADEBOOK_URL", database)
    views = [status.load(Course.open(root), ASSIGNMENT) for root in (first, second)]
    assert [asdict(v) for v in views[0].learners.values()] == [
        asdict(v) for v in views[1].learners.values()]
    assert set(views[0].learners) == set(learners)
    exports = []
    for root in (first, second):
        result = run_smmlab(root, "export", "--to", str(root / "grades.csv"), env=env)
        assert result.returncode == 1, result.stdout + result.stderr  # a3, b3 not graded
        with (root / "grades.csv").open(encoding="utf-8") as stream:
            exports.append({r["learner"]: (r["status"], r["score"]) for r in csv.DictReader(stream)})
        report = run_smmlab(root, "report", ASSIGNMENT, env=env)
        assert "4 graded learner(s)" in report.stdout, report.stdout + report.stderr
    assert exports[0] == exports[1]
    assert {k: v[0] for k, v in exports[0].items()} == {
        k: expected[v] for k, v in learners.items()}
