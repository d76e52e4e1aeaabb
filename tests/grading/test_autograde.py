"""Autograde a corpus of broken and hostile submissions, then feedback, export and report.

One grading run (``conftest.corpus_graded``, shared with ``test_cluster``) over every case of
``tests/fixtures/submissions/corpus.py``; each test checks what an instructor would notice: the
right score or a named reason, nothing leaked or changed, no process left, and usable feedback,
CSV and report.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict
from pathlib import Path

import nbformat
import pytest

from smmlab.grading import status as status_store
from smmlab.grading.course import Course
from smmlab.grading.release import secret_lines

from .conftest import ASSIGNMENT, SLEEP_MARKER, corpus, run_smmlab

# The corpus graded once per worker is shared with test_cluster: one group, so one worker.
pytestmark = pytest.mark.xdist_group("cluster")


@pytest.fixture(scope="module")
def graded(corpus_graded: dict) -> dict:
    """The graded corpus (``conftest.corpus_graded``) with its status read from the gradebook."""
    root = corpus_graded["root"]
    loaded = status_store.load(Course.open(root), ASSIGNMENT)  # from the gradebook database
    status_data = {"learners": {k: asdict(v) for k, v in loaded.learners.items()}}
    return {**corpus_graded, "status": status_data}


def _output_text(root: Path, learner: str) -> str:
    path = root / "autograded" / learner / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")


@pytest.mark.parametrize("learner", sorted(corpus.EXPECTED))
def test_every_submission_gets_its_expected_outcome(graded, learner):
    expected_status, expected_score, words = corpus.EXPECTED[learner]
    state = graded["status"]["learners"][learner]
    assert state["status"] == expected_status, state
    if expected_score is not None:
        assert state["autograded_score"] == expected_score, state
        assert state["autograded_max"] == 8
    if words:
        assert words in state["reason"] + " ".join(state["notes"]), state


def test_the_summary_names_every_ungraded_learner_with_its_reason(graded):
    result = graded["result"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert "sandbox: namespaces" in result.stdout
    for learner, (status, _, words) in corpus.EXPECTED.items():
        if status == "not graded":
            assert re.search(rf"- {re.escape(learner)}: .*{re.escape(words)}", result.stdout), (
                learner, result.stdout)
    assert "solution: 8 of 8" in result.stdout
    assert "CHECKS FAILED" not in result.stdout


def test_learner_code_cannot_read_or_change_grades_and_secrets(graded):
    text = _output_text(graded["root"], "snoop")
    attempts = text[text.index("SNOOP"):]
    assert "READ" not in attempts and "UPDATED" not in attempts, attempts
    assert attempts.count("denied") == 6, attempts
    assert graded["status"]["learners"]["snoop"]["autograded_score"] == 8


def test_learner_code_cannot_reach_the_network(graded):
    assert graded["received"] == []
    assert "NETWORK blocked" in _output_text(graded["root"], "network")


def _processes() -> dict[str, dict]:
    """pid → uid, parent, state and command line of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            table[entry.name] = {
                "uid": int(re.search(r"Uid:\s+(\d+)", status).group(1)),
                "parent": re.search(r"PPid:\s+(\d+)", status).group(1),
                "state": re.search(r"State:\s+(.*)", status).group(1),
                "command": command,
            }
    return table


def test_no_learner_process_is_left_running(graded):
    # A learner process is left over when it outlived its sandbox: it runs as a sandbox user id
    # (or is the "sleeper" corpus case's sleep) but no sandbox runner is among its ancestors.
    # Sandboxes of another grading run still in progress (a parallel test worker) are not leftovers.
    table = _processes()

    def inside_a_sandbox(pid: str) -> bool:
        while pid in table:
            if "smmlab.grading.runner" in table[pid]["command"]:
                return True
            pid = table[pid]["parent"]
        return False

    leftovers = [
        f"{info['command']} (uid {info['uid']}, {info['state']})"
        for pid, info in table.items()
        if (SLEEP_MARKER in info["command"] or info["uid"] >= 1_500_000_000)
        and not info["state"].startswith(("Z", "X"))  # dead, waiting to be collected
        and not inside_a_sandbox(pid)
    ]
    assert leftovers == []


def test_gradebook_is_intact_and_no_score_exceeds_its_maximum(graded):
    assert "CHECKS FAILED" not in graded["result"].stdout
    course = Course.open(graded["root"])
    with course.gradebook() as gb:
        record = gb.find_assignment(ASSIGNMENT)
        assert record.max_code_score == 8 and record.max_score == 11
        points = {c.name: c.max_score for n in record.notebooks for c in n.grade_cells}
        assert points == {"q1-test": 1, "q2-test": 2, "q3-test": 2, "q4-test": 3, "written": 3}
        hidden = {c.name: c.source for n in record.notebooks for c in n.source_cells}
        assert "BEGIN HIDDEN TESTS" in hidden["q1-test"]
        for submission in record.submissions:
            assert submission.code_score <= submission.max_code_score
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    assert grade.extra_credit in (None, 0)
                    assert grade.manual_score is None
                    assert grade.auto_score is None or grade.auto_score <= grade.max_score
        ungraded = {k for k, v in corpus.EXPECTED.items() if v[0] == "not graded"}
        in_gradebook = {s.student.id for s in record.submissions}
        assert not ungraded & in_gradebook


def test_feedback_shows_no_hidden_test(graded):
    root = graded["root"]
    result = run_smmlab(root, "feedback", ASSIGNMENT, "-q")
    assert "PROBLEMS" not in result.stdout, result.stdout + result.stderr
    hidden = secret_lines(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                          kinds=("HIDDEN TESTS",))
    assert 'assert abs(float(unanswered) - (~_data["answered"]).mean()) < 1e-6' in hidden
    pages = sorted((root / "feedback").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.html"))
    graded_learners = [k for k, v in corpus.EXPECTED.items() if v[0] == "graded"]
    assert len(pages) == len(graded_learners)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text
        for line in hidden:
            assert line not in text.replace("&quot;", '"').replace("&#39;", "'"), (page, line)
    solution_page = (root / "feedback" / "solution" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    assert "Graded on a fresh draw of the data" in solution_page.read_text(encoding="utf-8")
    partial = (root / "feedback" / "partial" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    assert "Not attempted" in partial.read_text(encoding="utf-8")


def test_export_quotes_names_caps_scores_and_marks_ungraded(graded):
    root = graded["root"]
    course = Course.open(root)
    with course.gradebook() as gb:
        gb.update_or_create_student("solution", last_name="Doe, Jr.", first_name="Jane")
    target = root / "grades.csv"
    result = run_smmlab(root, "export", "--to", str(target))
    assert result.returncode == 1  # some submissions are not graded
    raw = target.read_text(encoding="utf-8")
    assert '"Doe, Jr."' in raw
    rows = {row["learner"]: row for row in csv.DictReader(raw.splitlines())}
    assert set(rows) == set(corpus.EXPECTED)
    assert rows["solution"]["last_name"] == "Doe, Jr."
    assert rows["solution"]["autograded_score"] == "8.0"
    assert rows["zoë 李 smith"]["status"] == "graded"
    assert rows["stubborn-loop"]["status"] == "not graded"
    assert rows["stubborn-loop"]["score"] == ""
    assert "timed out" in rows["stubborn-loop"]["reason"]
    for row in rows.values():
        if row["score"]:
            assert float(row["score"]) <= float(row["max_score"])


def test_report_shows_scores_pass_rates_and_misconceptions(graded):
    import matplotlib.image

    root = graded["root"]
    result = run_smmlab(root, "report", ASSIGNMENT)
    page = (root / "reports" / ASSIGNMENT / "report.html").read_text(encoding="utf-8")
    png = root / "reports" / ASSIGNMENT / "report.png"
    pixels = matplotlib.image.imread(png)
    assert pixels.shape[2] == 3 or float(pixels[..., 3].min()) == 1.0  # opaque
    alt = re.search(r'<img src="report.png" alt="([^"]+)"', page).group(1)
    assert "Pass rate per test" in alt and "q4-test" in alt
    assert "Not attempted" in page  # the blank and partial learners' check messages
    assert "stubborn-loop" in page and "timed out" in page
    assert result.returncode == 1  # some submissions are not graded
