"""The whole nbgrader exchange cycle on the workshop hub: the instructor releases exercise 01,
three learners fetch it from their Assignments panel, answer (all, one, none of the questions)
and submit; the instructor collects and `smmlab autograde` grades what was collected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hub_support import ASSIGNMENT, INSTRUCTOR, LEARNERS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("hub")]

ROOT = Path(__file__).resolve().parents[2]
SOLVED = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"


def answer(notebook: dict, questions: set[str]) -> dict:
    """``notebook`` with the solution typed into the answer cells of ``questions``."""
    solved = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in SOLVED["cells"]
              if c["metadata"].get("nbgrader", {}).get("grade_id")}
    for cell in notebook["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if grade_id.removesuffix("-answer") in questions and grade_id.endswith("-answer"):
            cell["source"] = solved[grade_id]
    return notebook


def test_release_fetch_submit_collect_autograde(hub):
    course = hub.course_id
    answered = {LEARNERS[0]: {"q1", "q2", "q3", "q4"}, LEARNERS[1]: {"q1"}, LEARNERS[2]: set()}
    for learner, questions in answered.items():
        server = hub.server(learner)
        listed = server.fetch(course, ASSIGNMENT)
        assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "fetched" for a in listed), listed
        server.save(NOTEBOOK, answer(server.notebook(NOTEBOOK), questions))
        listed = server.submit(course, ASSIGNMENT)
        mine = [a for a in listed if a["assignment_id"] == ASSIGNMENT and a["status"] == "submitted"]
        assert mine and mine[0]["submissions"], listed

    teacher = hub.server(INSTRUCTOR)
    collected = teacher.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect").json()
    assert collected["success"], collected
    kernel = teacher.kernel()
    out = kernel.run("import subprocess\n"
                     "done = subprocess.run(['smmlab', 'autograde', '01'], capture_output=True, "
                     "text=True)\nprint(done.returncode, done.stdout, done.stderr)")
    kernel.shutdown()
    assert "graded 3 of 3 submission(s)" in out, out
    scores = {m[1]: (float(m[2]), float(m[3]))
              for m in re.finditer(r"^\s+(smmhub-\w+): ([\d.]+) of ([\d.]+)", out, re.M)}
    full, one, none = (scores[name] for name in LEARNERS)
    assert full[0] == full[1] > 0, out  # every question answered: every point
    assert 0 < one[0] < full[0], out   # one question: its points only
    assert none[0] == 0, out           # nothing answered: nothing
