"""Exercises under the real nbgrader and its gradebook: release, leaks, scores, feedback."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from support import ROOT, lesson_params
from traitlets.config.loader import PyFileConfigLoader

from smmlab import checks as ck
from smmlab.checks import SEED_VARIABLE
from smmlab.exercises import module_for, solution_answers
from smmlab.grading.course import stamp_in_process

# One xdist group per exercise: its tests share the worker's course copy, so the release and the
# solution's grading are done once per exercise, and the 23 exercises spread over the workers.
EXERCISES = [
    pytest.param(*param.values, id=param.id, marks=pytest.mark.xdist_group(f"exercise-{param.id}"))
    for param in lesson_params("exercise")
]


def regions(source: str, begin: str, end: str) -> list[str]:
    """Text between nbgrader's begin/end markers."""
    return re.findall(rf"{re.escape(begin)}\n(.*?){re.escape(end)}", source, flags=re.S)


def meaningful_lines(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if len(line.strip()) > 12 and not line.strip().startswith("#")
    ]


def test_points(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Autograded points per question label (``q2-test`` → ``q2``)."""
    return {
        cell.metadata["nbgrader"]["grade_id"].removesuffix("-test"): float(
            cell.metadata["nbgrader"]["points"]
        )
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")
    }


test_points.__test__ = False  # a helper, not a test


class Course:
    """A scratch copy of the course where nbgrader runs for real."""

    def __init__(self, path: Path) -> None:
        self.path = path
        shutil.copy(ROOT / "nbgrader_config.py", path / "nbgrader_config.py")
        shutil.copytree(ROOT / "solutions", path / "solutions")
        config = PyFileConfigLoader("nbgrader_config.py", path=str(path)).load_config()
        # Kernels on Unix sockets named in this course, one kernel at a time, not on TCP ports:
        # another test's process cannot take a kernel's port between its choice and its bind.
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(path / "kernel")
        stamp_in_process()  # as smmlab's own commands do: no `alembic` process per gradebook
        self.api = NbGraderAPI(config=config)
        self.db_url = f"sqlite:///{path / 'gradebook.db'}"
        self._released: set[str] = set()
        self._graded: dict[tuple[str, str, str | None], str] = {}

    def release(self, name: str) -> Path:
        """Generate the student version once per exercise (tests share it)."""
        if name not in self._released:
            result = self.api.generate_assignment(name, force=True)
            assert result["success"], result["error"]
            self._released.add(name)
        return self.path / "exercises" / name / f"{name}.ipynb"

    def submit(self, name: str, student: str, nb: nbformat.NotebookNode) -> None:
        """Submit ``nb`` as ``student`` and autograde it (once per notebook, data draw and student)."""
        key = (name, student, os.environ.get(SEED_VARIABLE))
        text = nbformat.writes(nb)
        if self._graded.get(key) == text:
            return
        folder = self.path / "submitted" / student / name
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
        result = self.api.autograde(name, student, force=True, create=True)
        assert result["success"], result["error"] + result["log"]
        self._graded[key] = text

    def code_score(self, name: str, student: str) -> tuple[float, float]:
        with Gradebook(self.db_url) as gradebook:
            notebook = gradebook.find_submission_notebook(name, name, student)
            return notebook.code_score, notebook.max_code_score


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    return Course(tmp_path_factory.mktemp("course"))


def partial_submission(solution: nbformat.NotebookNode, release: nbformat.NotebookNode, keep: set[str]):
    """The solution notebook with only the answers of questions in ``keep``; others left blank."""
    blank_cells = {cell.get("id"): cell for cell in release.cells}
    nb = nbformat.from_dict(release)
    cells = []
    for cell in solution.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer") and grade_id.removesuffix("-answer") in keep:
            answered = nbformat.from_dict(blank_cells[cell.get("id")])
            # Drop whole marker lines, indented ones too (a solution inside a function body).
            answered.source = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", "", cell.source, flags=re.M)
            cells.append(answered)
        else:
            cells.append(blank_cells[cell.get("id")])
    nb.cells = cells
    return nb


@pytest.mark.parametrize("lesson", EXERCISES)
def test_committed_release_is_exactly_what_nbgrader_generates(course, lesson):
    generated = course.release(lesson.name)
    committed = ROOT / "exercises" / lesson.name / f"{lesson.name}.ipynb"
    assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
        f"exercises/{lesson.name} is stale: run `make release`"
    )


@pytest.mark.parametrize("lesson", EXERCISES)
def test_release_leaks_no_solution_or_hidden_test(lesson):
    source = (ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb").read_text(encoding="utf-8")
    released = (ROOT / "exercises" / lesson.name / f"{lesson.name}.ipynb").read_text(encoding="utf-8")
    source_nb = nbformat.reads(source, as_version=4)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in released
    secret = []
    for cell in source_nb.cells:
        secret += regions(cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
        secret += regions(cell.source, "### BEGIN SOLUTION", "### END SOLUTION")
    assert secret, "the source has solutions and hidden tests"
    released_text = "\n".join(cell.source for cell in nbformat.reads(released, as_version=4).cells)
    for line in (line for text in secret for line in meaningful_lines(text)):
        assert line not in released_text, f"leaked into exercises/: {line}"


@pytest.fixture
def grading_draw(monkeypatch):
    """Grade as ``smmlab autograde`` does: on a draw of the data the learner never saw."""
    monkeypatch.setenv(SEED_VARIABLE, "31337")


def unanswered_submission(release: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The release with every answer cell's stub removed (``pass`` instead of the ``raise``):
    nothing answered, and the hidden asserts run on nothing and fail."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-answer"):
            cell.source = re.sub(r"raise NotImplementedError\(\)", "pass", cell.source)
    return nb


@pytest.mark.parametrize("lesson", EXERCISES)
def test_scores_solution_full_unanswered_zero_partial_exact(course, lesson, grading_draw):
    name = lesson.name
    release_path = course.release(name)
    solution = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    release = nbformat.read(release_path, as_version=4)
    points = test_points(solution)
    total = sum(points.values())
    keep = set(sorted(points)[::2])  # every other question answered

    course.submit(name, "solution", solution)
    course.submit(name, "wrong", unanswered_submission(release))
    course.submit(name, "partial", partial_submission(solution, release, keep))

    assert course.code_score(name, "solution") == (total, total)
    assert course.code_score(name, "wrong") == (0, total)
    assert course.code_score(name, "partial") == (sum(points[q] for q in keep), total)
    assert 0 < sum(points[q] for q in keep) < total


@pytest.mark.parametrize("lesson", EXERCISES)
def test_feedback_shows_scores_but_no_hidden_test_text(course, lesson, grading_draw):
    name = lesson.name
    course.release(name)
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    release = nbformat.read(course.path / "exercises" / name / f"{name}.ipynb", as_version=4)
    # A learner whose answers are wrong triggers the hidden asserts: tracebacks must not show them.
    course.submit(name, "wrong", unanswered_submission(release))
    course.submit(name, "solution", source)
    for student in ("wrong", "solution"):
        result = course.api.generate_feedback(name, student, force=True)
        assert result["success"], result["error"]
        html = (course.path / "feedback" / student / name / f"{name}.html").read_text(encoding="utf-8")
        assert "Score" in html or "score" in html
        for cell in source.cells:
            for hidden in regions(cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"):
                for line in meaningful_lines(hidden):
                    assert line not in html and line.replace('"', "&quot;") not in html, (
                        f"feedback shows: {line}"
                    )


def star_points(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Stars of each question's heading (``## Task 1 ★ — …`` → ``{"q1": 1}``), in task order."""
    stars = [heading.count("★") for cell in nb.cells if cell.cell_type == "markdown"
             for heading in re.findall(r"^## Task \d+ (★+)", cell.source, flags=re.M)]
    labels = [cell.metadata["nbgrader"]["grade_id"].removesuffix("-test") for cell in nb.cells
              if cell.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-test")]
    return dict(zip(labels, stars, strict=False))


def freeze(value) -> str:
    """Python source that rebuilds ``value`` exactly (a number, a table, anything picklable)."""
    import base64
    import pickle

    frozen = base64.b64encode(pickle.dumps(value))
    return f"__import__('pickle').loads(__import__('base64').b64decode({frozen!r}))"


def copying_submission(release: nbformat.NotebookNode, lesson) -> nbformat.NotebookNode:
    """A learner who solves nothing and copies what the environment offers.

    Every answer is the published data's reference value typed in (as if read off a classmate's
    screen or brute-forced from a self-check); a function answer returns the published output
    whatever its input; a task's last hint is pasted in too.
    """
    exercise = module_for(lesson.name).EXERCISE
    answers = solution_answers(lesson.name, ROOT)
    data = exercise.data()
    by_label = {q.label: q for q in exercise.questions}
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        question = by_label.get(grade_id.removesuffix("-answer"))
        if not grade_id.endswith("-answer") or question is None:
            continue
        lines = [f"# hint: {line}" for line in question.hints[-1:]]
        value = answers[question.name]
        if isinstance(question.kind, ck.Function):
            output = question.kind.outputs(value, data)
            if question.kind.cases is None:
                lines.append(f"def {question.name}(*args, **kwargs):\n    return {freeze(output)}")
            else:  # the published cases' outputs, one per call, round and round
                lines.append(f"_outputs = {freeze(output)}\n_calls = [0]\n"
                             f"def {question.name}(*args, **kwargs):\n"
                             "    _calls[0] += 1\n    return _outputs[(_calls[0] - 1) % len(_outputs)]")
        else:
            lines.append(f"{question.name} = {freeze(value)}")
        if question.predict:
            lines.append(f"{question.predict} = {freeze(answers[question.predict])}")
        cell.source = "\n".join(lines)
    return nb


@pytest.mark.parametrize("lesson", EXERCISES)
def test_copying_published_answers_earns_nothing_beyond_the_warm_ups(course, lesson, grading_draw):
    name = lesson.name
    release = nbformat.read(course.release(name), as_version=4)
    solution = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    points, stars = test_points(solution), star_points(solution)
    assert set(stars) == set(points), f"every graded task needs a ★ heading: {stars} vs {points}"
    course.submit(name, "copier", copying_submission(release, lesson))
    score, total = course.code_score(name, "copier")
    # A task on data that are the same on every draw (lesson 22's pitch deck) grades a typed answer
    # as right by design; its exercise module lists it, and its reasons are graded by hand.
    fixed = set(getattr(module_for(name), "SAME_ON_EVERY_DRAW", ()))
    warm_ups = sum(points[q] for q, n in stars.items() if n == 1)
    copyable = warm_ups + sum(points[q] for q in fixed)
    assert score <= copyable, f"copied answers earned {score} of {total}; warm-ups are worth {warm_ups}"
    assert copyable < total
