"""A PostgreSQL gradebook (several graders at once) through ``SMMLAB_GRADEBOOK_URL``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from smmlab.grading.course import postgres_driver

from .conftest import ASSIGNMENT, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("grading")


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
