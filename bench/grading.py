"""Grading throughput: ``smmlab autograde`` (parallel, sandboxed) vs nbgrader's own autograde.

Builds 36 synthetic submissions of exercise 01 (solution, blank and partly solved copies) in two
scratch copies of the course, grades one copy with :func:`smmlab.grading.autograde.autograde`
(all cores) and the other with nbgrader's ``autograde`` through ``NbGraderAPI`` (sequential,
in-process, learner code unsandboxed), checks that both give every learner the same score, and
prints notebooks per second for each and their ratio. Then it times one notebook executed
directly with nbclient and in the sandbox, and prints the sandbox's overhead per notebook, and
what an exercise module's imports cost each graded kernel, beside the same with matplotlib and
ipywidgets (which grading does not load).

Run ``python -m bench.grading`` (``bench/__main__.py`` calls :func:`main`).
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01-conversation-not-broadcast"
SUBMISSIONS = int(os.environ.get("SMMLAB_BENCH_SUBMISSIONS", "36"))


def _course_copy(destination: Path) -> Path:
    destination.mkdir(parents=True)
    shutil.copytree(REPO / "course", destination / "course")
    for name in ("solutions", "exercises"):
        shutil.copytree(REPO / name / ASSIGNMENT, destination / name / ASSIGNMENT)
    shutil.copy(REPO / "nbgrader_config.py", destination / "nbgrader_config.py")
    return destination


def _submissions(root: Path, count: int) -> dict[str, float]:
    """Write ``count`` submissions; return each learner's expected autograded score."""
    import nbformat

    solution = nbformat.read(REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    release = nbformat.read(REPO / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    solved = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in solution.cells}
    partial = copy.deepcopy(release)
    for cell in partial.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in ("q1-answer", "q3-answer"):
            cell.source = "\n".join(line for line in solved[cell.metadata.nbgrader.grade_id]
                                    .splitlines() if "### " not in line)
    kinds = [("solution", solution, 8.0), ("blank", release, 0.0), ("partial", partial, 3.0)]
    expected = {}
    for index in range(count):
        kind, nb, score = kinds[index % 3]
        learner = f"{kind}-{index:03d}"
        folder = root / "submitted" / learner / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")
        expected[learner] = score
    return expected


def _scores(course) -> dict[str, float]:
    with course.gradebook() as gb:
        return {s.student.id: float(s.code_score)
                for s in gb.find_assignment(ASSIGNMENT).submissions}


def _sandbox_overhead(course, scratch: Path, repeats: int = 3) -> tuple[float, float]:
    import nbformat
    from nbclient import NotebookClient

    from smmlab.grading import sandbox

    nb = nbformat.read(REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    direct, boxed = [], []
    for index in range(repeats):
        started = time.perf_counter()
        NotebookClient(copy.deepcopy(nb), timeout=60, resources={
            "metadata": {"path": str(course.root / "exercises" / ASSIGNMENT)}}).execute()
        direct.append(time.perf_counter() - started)
        started = time.perf_counter()
        execution = sandbox.execute_notebook(
            copy.deepcopy(nb), files={}, course_root=course.root, assignment=ASSIGNMENT,
            index=900 + index, limits=sandbox.Limits(), extra_arguments=[], scratch=scratch)
        boxed.append(time.perf_counter() - started)
        assert execution.ok, execution.reason
    return min(direct), min(boxed)


def _exercise_start(repeats: int = 5) -> tuple[float, float]:
    """Seconds (best of ``repeats`` fresh interpreters) to import exercise 01's module, as each
    graded notebook's kernel does, and to import it with matplotlib's figure and ipywidgets too
    (what lessons loaded at import until grading stopped needing them)."""
    import subprocess

    timer = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    light = "import smmlab.exercises.conversation_not_broadcast"
    heavy = light + "; import matplotlib.figure, ipywidgets"
    seconds = {}
    for name, code in (("light", light), ("heavy", heavy)):
        runs = [float(subprocess.run([sys.executable, "-c", timer.format(code)], capture_output=True,
                                     text=True, check=True).stdout) for _ in range(repeats)]
        seconds[name] = min(runs)
    return seconds["light"], seconds["heavy"]


def main() -> None:
    """Print grading throughput of smmlab vs nbgrader and the sandbox's overhead."""
    warnings.filterwarnings("ignore")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    os.environ.pop("SMMLAB_GRADEBOOK_URL", None)
    from smmlab.grading import sandbox
    from smmlab.grading.autograde import autograde
    from smmlab.grading.course import Course

    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="smmlab-bench-grading-") as scratch_name:
        scratch = Path(scratch_name)
        ours, theirs = (Course.open(_course_copy(scratch / n)) for n in ("smmlab", "nbgrader"))
        for course in (ours, theirs):
            outcome = course.api().generate_assignment(ASSIGNMENT, force=True, create=True)
            assert outcome["success"], outcome.get("error")
        expected = _submissions(ours.root, SUBMISSIONS)
        _submissions(theirs.root, SUBMISSIONS)

        started = time.perf_counter()
        workers = int(os.environ.get("SMMLAB_BENCH_WORKERS", "0")) or None
        result = autograde(ours, ASSIGNMENT, workers=workers, progress=False)
        smmlab_seconds = time.perf_counter() - started
        reasons = [(s.learner, s.reason) for s in result.status.learners.values() if s.reason]
        assert not result.needs_attention, reasons[:3]

        started = time.perf_counter()
        outcome = theirs.api().autograde(ASSIGNMENT, "*", force=True, create=True)
        nbgrader_seconds = time.perf_counter() - started
        assert outcome["success"], (outcome.get("error") or "")[-500:]

        ours_scores, their_scores = _scores(ours), _scores(theirs)
        identical = ours_scores == their_scores == expected
        direct, boxed = _sandbox_overhead(ours, scratch)
    light, heavy = _exercise_start()

    print(f"grading: {SUBMISSIONS} submissions of {ASSIGNMENT} on {cores} core(s), "
          f"{result.isolation.level} sandbox")
    print(f"  smmlab autograde (parallel, sandboxed):   {smmlab_seconds:6.1f} s  "
          f"{SUBMISSIONS / smmlab_seconds:5.2f} notebooks/s")
    print(f"    phases: {result.phases}")
    print(f"  nbgrader autograde (sequential, API):     {nbgrader_seconds:6.1f} s  "
          f"{SUBMISSIONS / nbgrader_seconds:5.2f} notebooks/s")
    print(f"  throughput ratio smmlab / nbgrader:       {nbgrader_seconds / smmlab_seconds:5.2f}x"
          "  (target >= 1.8x on 2 cores)")
    if load_before > 0.5:
        print(f"  note: load average {load_before:.1f} before the run; other work on this "
              "machine lowers the measured ratio")
    print(f"  identical grades: {identical} (solution 8, partial 3, blank 0 of 8 each)")
    print(f"  one notebook: nbclient directly {direct:.2f} s, in the sandbox {boxed:.2f} s, "
          f"overhead {boxed - direct:+.2f} s per notebook")
    print(f"  an exercise's imports in its kernel: {light:.2f} s; with matplotlib and ipywidgets "
          f"{heavy:.2f} s ({heavy / light:.2f}x): grading loads neither")
    if not identical:
        raise SystemExit("grades differ between smmlab and nbgrader")
    del sandbox


if __name__ == "__main__":
    main()
