"""``smmlab autograde``: grade every submission of an assignment, in parallel and sandboxed.

Why this design: nbgrader's own ``autograde`` runs learner code as the grader, one notebook at a
time, in the process that holds the gradebook. Here the work is split in three steps.

1. **Prepare** (grading process, serial, fast): check each submission (present, UTF-8, JSON, a
   notebook, a sensible learner id), strip widget state, and restore locked and test cells from
   the gradebook with nbgrader's own sanitising preprocessors (``OverwriteCells`` with
   ``add_missing_cells``, ``DeduplicateIds``, ``CheckCellMetadata``…).
2. **Execute** (sandbox, parallel): each prepared notebook becomes a :class:`Job` (the notebook,
   the submission's other files and its data seed: nothing else) and runs in
   :mod:`smmlab.grading.sandbox`, which cannot see the gradebook, ``solutions/``, other learners
   or the network, under time, memory, process, file and output limits. An executor runs the
   jobs: :class:`LocalExecutor` on this machine's cores (``--workers``), or
   :class:`smmlab.grading.cluster.ClusterExecutor` on the workers of a Dask cluster
   (``--cluster``); both call :func:`execute` for each job.
3. **Record** (grading process, serial): nbgrader's ``Autograde`` converter runs in-process with
   its usual preprocessors, except that ``Execute`` is replaced by :class:`SandboxedExecute`,
   which hands over the outputs from step 2 (and refuses if the notebook differs from the one
   that was executed). nbgrader thus writes ``autograded/`` and the gradebook exactly as it
   would, and learner code never touches either.

Afterwards every score is checked (never above its maximum, no extra credit or manual score
appeared, the assignment's cells in the gradebook unchanged) and every submission that could not
be graded is reported with its reason.

``learners`` limits a run to some learners (``smmlab autograde A --learner ID``): only their
submissions are read, executed and recorded, so every other learner's grades, ``autograded/``
folder and status stay as they were. The status of each learner is written to the gradebook
database (:mod:`smmlab.grading.status`), so graders sharing a PostgreSQL gradebook can grade
different learners at the same time and all see the same status.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

import nbformat
from nbconvert.preprocessors import Preprocessor
from tqdm import tqdm
from traitlets import Bool, Unicode

from smmlab.grading import sandbox
from smmlab.grading import status as status_store
from smmlab.grading.collect import safe_learner_id
from smmlab.grading.course import Course
from smmlab.grading.status import GRADED, NOT_GRADED, AssignmentStatus, LearnerStatus

#: Other files of a submission copied into the sandbox, in total at most this many bytes.
MAX_EXTRA_BYTES = 50 * 2**20


class StripWidgetState(Preprocessor):
    """Remove ``metadata.widgets``: a state without ``state`` breaks nbgrader's feedback later."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        """Drop notebook- and cell-level widget metadata."""
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("widgets", None)
        return nb, resources


class KeepInventoryAnswers(Preprocessor):
    """Keep the inventory answers a learner saved: move them from the quiz's output (which
    ``ClearOutput`` removes next) into the notebook's metadata, where the quiz reads them when
    the notebook runs for grading. A notebook without a quiz is left as it is."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        """Copy the saved answers, if any, to ``nb.metadata``."""
        from smmlab.inventory.quiz import KEY, answers_in

        answers = answers_in(nb)
        if answers:
            nb.metadata[KEY] = answers
        return nb, resources


class RepairCellMetadata(Preprocessor):
    """Give nbgrader a notebook whose graded cells it can handle.

    nbgrader 0.9.6 fails on a submission whose graded cells are duplicated (``DeduplicateIds``
    leaves an empty ``nbgrader`` dict that ``OverwriteCells`` then indexes) or whose metadata was
    stripped together with an answer cell (``add_missing_cells`` looks for the previous cell and
    raises ``KeyError``). Before nbgrader's own steps, this one

    - keeps the first cell of each ``grade_id`` and drops the nbgrader metadata of later copies
      (and of any ``nbgrader`` entry without a ``grade_id``);
    - gives a cell whose metadata was stripped its released metadata back, found by its cell id
      (cell ids are fixed in this course);
    - inserts any released graded, answer or locked cell still missing, at its released place.

    ``OverwriteCells`` then restores the content of locked and test cells from the gradebook as
    usual, so nothing here can raise a score.
    """

    enabled = Bool(True)
    release_directory = Unicode("", help="the course's release folder").tag(config=True)

    def _released(self, resources) -> nbformat.NotebookNode | None:
        info = resources["nbgrader"]
        path = Path(self.release_directory) / info["assignment"] / f"{info['notebook']}.ipynb"
        return nbformat.read(path, as_version=4) if self.release_directory and path.exists() \
            else None

    def preprocess(self, nb, resources):
        """Repair duplicated, stripped and missing graded cells."""
        seen: set[str] = set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if not grade_id or grade_id in seen:
                del cell.metadata["nbgrader"]
            else:
                seen.add(grade_id)
        released = self._released(resources)
        if released is None:
            return nb, resources
        by_cell_id = {c.get("id"): c for c in released.cells if "nbgrader" in c.metadata}
        for cell in nb.cells:
            twin = by_cell_id.get(cell.get("id"))
            if "nbgrader" not in cell.metadata and twin is not None \
                    and twin.metadata["nbgrader"]["grade_id"] not in seen:
                cell.metadata["nbgrader"] = copy.deepcopy(twin.metadata["nbgrader"])
                cell.cell_type = twin.cell_type
                seen.add(twin.metadata["nbgrader"]["grade_id"])
        position = 0
        for source in released.cells:
            grade_id = source.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id is None:
                continue
            present = next((i for i, c in enumerate(nb.cells)
                            if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)
            if present is None:
                nb.cells.insert(position, copy.deepcopy(source))
                position += 1
            else:
                position = max(position, present + 1)
        return nb, resources


def fingerprint(nb: nbformat.NotebookNode) -> str:
    """A digest of the notebook's cells (type and source) in order."""
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(json.dumps([cell.cell_type, cell.source]).encode("utf-8"))
    return digest.hexdigest()


class SandboxedExecute(Preprocessor):
    """nbgrader's ``Execute`` step, replaced by the outputs of the sandboxed run.

    ``executed[(learner, notebook)]`` holds the fingerprint of the prepared notebook and the
    executed notebook. A submission that changed in between is refused rather than graded.
    """

    enabled = Bool(True)
    executed: ClassVar[dict[tuple[str, str], tuple[str, nbformat.NotebookNode]]] = {}
    #: Keys whose outputs were handed over (a check that this step really ran).
    handed_over: ClassVar[set[tuple[str, str]]] = set()

    def preprocess(self, nb, resources):
        """Copy outputs and execution counts from the sandboxed run into ``nb``."""
        key = (resources["nbgrader"]["student"], resources["nbgrader"]["notebook"])
        stored = self.executed.get(key)
        if stored is None:
            raise RuntimeError(f"no sandboxed run for {key}")
        digest, done = stored
        if digest != fingerprint(nb):
            raise RuntimeError(f"the notebook of {key[0]} changed after it ran in the sandbox")
        for cell, ran in zip(nb.cells, done.cells, strict=True):
            if cell.cell_type == "code":
                cell.outputs = ran.get("outputs", [])
                cell.execution_count = ran.get("execution_count")
        self.handed_over.add(key)
        return nb, resources


def sanitize_preprocessors() -> list[type]:
    """nbgrader's sanitising steps, with widget state stripped first."""
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        OverwriteCells,
        OverwriteKernelspec,
    )

    return [StripWidgetState, KeepInventoryAnswers, RepairCellMetadata, ClearOutput, DeduplicateIds,
            OverwriteKernelspec, OverwriteCells, CheckCellMetadata]


def record_preprocessors() -> list[type]:
    """nbgrader's autograding steps with :class:`SandboxedExecute` in place of ``Execute``."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    return [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
            SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]


@dataclass
class Submission:
    """One learner's submission of the assignment and what happened to it."""

    learner: str
    folder: Path
    index: int
    notebook: nbformat.NotebookNode | None = None
    extra_files: dict[str, bytes] = field(default_factory=dict)
    status: LearnerStatus | None = None
    execution: sandbox.Execution | None = None

    def refuse(self, reason: str) -> None:
        """Mark the submission as not gradable, with the reason."""
        notes = self.status.notes if self.status else []
        self.status = LearnerStatus(self.learner, NOT_GRADED, reason, notes)


def read_notebook(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """Read a submitted notebook; on failure return None and a reason a grader understands."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, f"cannot read {path.name}: {error.strerror}"
    if not raw.strip():
        return None, f"{path.name} is empty"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"{path.name} is not UTF-8 text (byte {error.start})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, f"{path.name} is JSON but not a notebook (no list of cells)"
    try:
        nb = nbformat.reads(text, as_version=4)
        for cell in nb.cells:
            cell.setdefault("metadata", {})
            if not isinstance(cell.get("source", ""), str):
                raise ValueError("a cell has no source text")
    except Exception as error:
        return None, f"{path.name} is not a readable notebook ({type(error).__name__}: {error})"
    return nb, ""


def submitted_learners(course: Course, assignment: str) -> list[str]:
    """Every learner with a ``submitted/<learner>/<assignment>/`` folder, sorted."""
    if not course.submitted.is_dir():
        return []
    return sorted(p.name for p in course.submitted.iterdir() if (p / assignment).is_dir())


def check_learners(course: Course, assignment: str, learners: Collection[str]) -> list[str]:
    """``learners`` without repeats, or ``KeyError`` naming each one with no submission of
    ``assignment`` and the submitted ids that look like it."""
    known = submitted_learners(course, assignment)
    wanted = list(dict.fromkeys(learners))
    problems = []
    for learner in (w for w in wanted if w not in known):
        alike = [k for k in known if learner.casefold() in k.casefold()][:3]
        alike += [k for k in difflib.get_close_matches(learner, known, n=3, cutoff=0.6)
                  if k not in alike]
        hint = f" (close: {', '.join(alike[:3])})" if alike else " (no close match)"
        problems.append(f"{learner!r}{hint}")
    if problems:
        raise KeyError(f"no submission of {assignment} in {course.submitted} for learner "
                       f"{'; '.join(problems)}")
    return wanted


def find_submissions(course: Course, assignment: str,
                     learners: Collection[str] | None = None) -> list[Submission]:
    """Every ``submitted/<learner>/<assignment>/`` folder (or those of ``learners``), checked
    and read, sorted by learner."""
    expected = f"{assignment}.ipynb"
    found = []
    folders = [course.submitted / learner for learner in submitted_learners(course, assignment)
               if learners is None or learner in learners]
    for index, learner_folder in enumerate(folders):
        learner = learner_folder.name
        folder = learner_folder / assignment
        submission = Submission(learner, folder, index)
        submission.status = LearnerStatus(learner, "pending")
        found.append(submission)
        if safe_learner_id(learner) != learner:
            submission.refuse(f"odd learner id {learner!r}: rename the folder (no wildcards, "
                              "path characters, leading dots or control characters)")
            continue
        if (folder / expected).is_symlink():
            submission.refuse(f"{expected} is a symbolic link")
            continue
        notebooks = sorted(p.name for p in folder.glob("*.ipynb"))
        if expected not in notebooks:
            renamed = f" (found {', '.join(notebooks)}: renamed?)" if notebooks else ""
            submission.refuse(f"missing notebook {expected}{renamed}")
            continue
        extras = [name for name in notebooks if name != expected]
        if extras:
            submission.status.notes.append(f"extra notebooks ignored: {', '.join(extras)}")
        nb, reason = read_notebook(folder / expected)
        if nb is None:
            submission.refuse(reason)
            continue
        submission.notebook = nb
        submission.extra_files = _extra_files(course, assignment, folder, expected)
    return found


def _extra_files(course: Course, assignment: str, folder: Path, expected: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for base in (folder, course.source / assignment):  # source files win, as in nbgrader
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(base).as_posix()
            if (not path.is_file() or path.is_symlink() or path.suffix == ".ipynb"
                    or relative == "timestamp.txt" or ".ipynb_checkpoints" in relative):
                continue
            size = path.stat().st_size
            if total + size > MAX_EXTRA_BYTES:
                continue
            total += size
            files[relative] = path.read_bytes()
    return files


def grading_config(course: Course):
    """The course's nbgrader configuration plus the settings of :class:`RepairCellMetadata`."""
    config = copy.deepcopy(course.config)
    config.RepairCellMetadata.release_directory = str(course.release)
    return config


def prepare(course: Course, assignment: str, submission: Submission) -> None:
    """Restore locked and test cells from the gradebook, as nbgrader's sanitising pass does."""
    resources: dict[str, Any] = {
        "unique_key": assignment,
        "nbgrader": {"student": submission.learner, "assignment": assignment,
                     "notebook": assignment, "db_url": course.db_url},
    }
    nb = copy.deepcopy(submission.notebook)
    config = grading_config(course)
    try:
        for step in sanitize_preprocessors():
            nb, resources = step(config=config)(nb, resources)
        nb = nbformat.reads(nbformat.writes(nb), as_version=4)  # as nbgrader re-reads it
    except Exception as error:
        submission.refuse(f"nbgrader could not read its cells: {type(error).__name__}: {error}")
        return
    submission.notebook = nb


@dataclass
class GradebookSnapshot:
    """What must not change while learner code runs: cells, points, other learners' grades."""

    cells: dict[str, Any]
    grades: dict[str, Any]

    @classmethod
    def take(cls, course: Course, assignment: str) -> GradebookSnapshot:
        """Read the assignment's cells and every grade of it from the gradebook."""
        cells: dict[str, Any] = {}
        grades: dict[str, Any] = {}
        with course.gradebook() as gb:
            record = gb.find_assignment(assignment)
            for notebook in record.notebooks:
                for cell in notebook.grade_cells:
                    cells[f"{notebook.name}/{cell.name}/grade"] = (cell.max_score, cell.cell_type)
                for cell in notebook.source_cells:
                    cells[f"{notebook.name}/{cell.name}/source"] = (cell.source, cell.checksum,
                                                                     cell.locked)
            for submission in record.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        key = f"{submission.student.id}/{notebook.name}/{grade.name}"
                        grades[key] = (grade.auto_score, grade.manual_score,
                                       grade.extra_credit, grade.max_score)
        return cls(cells, grades)


def verify(course: Course, assignment: str, before: GradebookSnapshot,
           graded: list[str], regraded_elsewhere: Collection[str] = ()
           ) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Check every score of this run and that nothing else changed.

    ``regraded_elsewhere``: learners another grader's run claimed meanwhile; their grades may
    change. Returns the autograded score and maximum per learner, and a list of problems.
    """
    problems: list[str] = []
    scores: dict[str, tuple[float, float]] = {}
    after = GradebookSnapshot.take(course, assignment)
    if after.cells != before.cells:
        changed = sorted(k for k in set(after.cells) | set(before.cells)
                         if after.cells.get(k) != before.cells.get(k))
        problems.append(f"the gradebook's cells of {assignment} changed: {', '.join(changed)}")
    this_run = set(graded) | set(regraded_elsewhere)
    for key, value in before.grades.items():
        learner = key.split("/", 1)[0]
        if learner not in this_run and after.grades.get(key) != value:
            problems.append(f"grade {key} of a learner not in this run changed")
    with course.gradebook() as gb:
        for learner in graded:
            try:
                submission = gb.find_submission(assignment, learner)
            except Exception:
                problems.append(f"{learner}: no submission in the gradebook after grading")
                continue
            total = maximum = 0.0
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    key = f"{learner}/{notebook.name}/{grade.name}"
                    previous = before.grades.get(key)
                    if grade.auto_score is not None and not 0 <= grade.auto_score <= grade.max_score:
                        problems.append(f"{learner}: {grade.name} scored {grade.auto_score} of "
                                        f"{grade.max_score}")
                    if grade.extra_credit and (previous is None or previous[2] != grade.extra_credit):
                        problems.append(f"{learner}: extra credit appeared on {grade.name}")
                    if grade.manual_score is not None and (previous is None
                                                           or previous[1] != grade.manual_score):
                        problems.append(f"{learner}: a manual score appeared on {grade.name}")
                    if grade.cell.cell_type == "code":  # test cells: the autograded part
                        total += grade.auto_score or 0.0
                        maximum += grade.max_score
            if total > maximum:
                problems.append(f"{learner}: {total} points of {maximum}")
            scores[learner] = (min(total, maximum), maximum)
    return scores, problems


@dataclass(frozen=True)
class Job:
    """One submission as the sandbox gets it: the prepared notebook, the submission's other files
    (and the assignment's source files) and the seed of its grading draw. No gradebook, no
    solutions, no other learner: this is all that leaves the grading process."""

    learner: str
    index: int
    notebook: nbformat.NotebookNode
    files: dict[str, bytes]
    data_seed: int


@dataclass(frozen=True)
class Settings:
    """What every job of a run shares: the assignment, the limits and the kernel's arguments."""

    assignment: str
    limits: sandbox.Limits
    extra_arguments: tuple[str, ...] = ()


def execute(job: Job, settings: Settings, course_root: Path, scratch: Path,
            isolation: sandbox.Isolation | None = None) -> sandbox.Execution:
    """Step 2 for one job, wherever it runs (this machine or a cluster worker).

    ``course_root`` holds the ``course/`` folder the notebook may read; ``scratch`` is a private
    folder for the job. A failure of the sandbox itself comes back as an ``error`` execution.
    """
    try:
        return sandbox.execute_notebook(
            job.notebook, files=job.files, course_root=course_root,
            assignment=settings.assignment, index=job.index, limits=settings.limits,
            extra_arguments=list(settings.extra_arguments), scratch=scratch, isolation=isolation,
            data_seed=job.data_seed)
    except Exception as error:  # the sandbox itself failed: report, go on
        return sandbox.Execution("error", f"sandbox: {error}")


class Executor(Protocol):
    """Runs the jobs of step 2 and yields each job with its execution, in any order."""

    isolation: sandbox.Isolation

    def describe(self) -> str:
        """One line for the command's summary: where the notebooks run."""
        ...

    def execute_all(self, jobs: list[Job], settings: Settings, course_root: Path,
                    scratch: Path) -> Iterator[tuple[Job, sandbox.Execution]]:
        """Run every job; yield each exactly once with its outcome."""
        ...


class LocalExecutor:
    """Step 2 on this machine: ``workers`` sandboxes at a time."""

    def __init__(self, workers: int | None = None, isolation: sandbox.Isolation | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.isolation = isolation or sandbox.detect_isolation()

    def describe(self) -> str:
        """Where the notebooks run."""
        return f"workers: {self.workers} on this machine"

    def execute_all(self, jobs: list[Job], settings: Settings, course_root: Path,
                    scratch: Path) -> Iterator[tuple[Job, sandbox.Execution]]:
        """Run the jobs in a pool of threads, each waiting on its sandbox process."""
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = {pool.submit(execute, job, settings, course_root, scratch, self.isolation): job
                       for job in jobs}
            for future in as_completed(futures):
                yield futures[future], future.result()


@dataclass
class AutogradeResult:
    """Everything ``smmlab autograde`` found."""

    status: AssignmentStatus
    isolation: sandbox.Isolation
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def needs_attention(self) -> bool:
        """True when a submission could not be graded or a check failed."""
        return bool(self.status.problems) or any(
            s.status != GRADED for s in self.status.learners.values())


def elsewhere(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]],
              run: str) -> set[str]:
    """Learners another run was grading at some point between two :func:`status.claims`."""
    busy = {k for k, (owner, state) in before.items()
            if owner != run and state == status_store.IN_PROGRESS}
    return busy | {k for k, (owner, state) in after.items() if owner != run
                   and (state == status_store.IN_PROGRESS or before.get(k, ("",))[0] != owner)}


def autograde(course: Course, assignment: str, *, workers: int | None = None,
              limits: sandbox.Limits | None = None, progress: bool = True,
              isolation: sandbox.Isolation | None = None,
              learners: Collection[str] | None = None,
              executor: Executor | None = None) -> AutogradeResult:
    """Grade every submission of ``assignment`` (or only those of ``learners``); see the
    module docstring for the steps. ``KeyError`` for an unknown assignment or learner.

    ``executor`` runs the notebooks (default: a :class:`LocalExecutor` of ``workers`` sandboxes
    with ``isolation``); the gradebook is only ever written here, in the grading process."""
    import time

    started = time.monotonic()
    assignment = course.require_assignment(assignment)
    if learners is not None:
        learners = check_learners(course, assignment, learners)
    executor = executor or LocalExecutor(workers, isolation)
    limits = limits or sandbox.Limits(cell_seconds=int(course.config.Execute.get("timeout", 60)))
    status = AssignmentStatus(assignment, sandbox=executor.isolation.describe())
    run = uuid.uuid4().hex
    with course.gradebook() as gb:
        gb.find_assignment(assignment)  # raises MissingEntry before any work: run release first
    submissions = find_submissions(course, assignment, learners)
    status_store.claim(course, assignment, [s.learner for s in submissions], run=run,
                       sandbox=status.sandbox)
    try:
        return _grade(course, assignment, submissions, status, run, started=started,
                      executor=executor, limits=limits, progress=progress)
    finally:  # every claimed learner gets an outcome, even when the run stops half-way
        for submission in submissions:
            if submission.status.status == "pending":
                submission.refuse("autograde stopped before this submission was recorded")
            status.learners[submission.learner] = submission.status
        status_store.save(course, assignment, list(status.learners.values()), run=run,
                          sandbox=status.sandbox)
        status.finished = datetime.now(UTC).isoformat(timespec="seconds")


def _grade(course: Course, assignment: str, submissions: list[Submission],
           status: AssignmentStatus, run: str, *, started: float, executor: Executor,
           limits: sandbox.Limits, progress: bool) -> AutogradeResult:
    """Prepare, execute, record and verify ``submissions`` (see the module docstring)."""
    import time

    for submission in submissions:
        if submission.notebook is not None:
            prepare(course, assignment, submission)
    runnable = [s for s in submissions if s.notebook is not None and s.status.status == "pending"]
    phases = {"prepare": time.monotonic() - started}
    settings = Settings(assignment, limits,
                        tuple(course.config.Execute.get("extra_arguments", [])))
    jobs = [Job(s.learner, s.index, s.notebook, s.extra_files,
                sandbox.grading_seed(assignment, s.learner)) for s in runnable]
    by_learner = {s.learner: s for s in runnable}
    scratch = Path(tempfile.mkdtemp(prefix="smmlab-grading-"))
    os.chmod(scratch, 0o700)
    try:
        done = executor.execute_all(jobs, settings, course.root, scratch)
        for job, execution in tqdm(done, total=len(jobs), desc="autograde", unit="notebook",
                                   disable=not progress):
            by_learner[job.learner].execution = execution
        phases["execute"] = time.monotonic() - started - sum(phases.values())
        ready = []
        for submission in runnable:
            execution = submission.execution or sandbox.Execution(
                "error", "no result came back from the sandbox")
            submission.status.notes += execution.notes
            submission.status.seconds = round(execution.seconds, 2)
            if execution.leftover_processes:
                submission.status.notes.append(
                    f"{execution.leftover_processes} leftover processes were killed")
            if not execution.ok:
                submission.refuse(f"{execution.outcome}: {execution.reason}")
            else:
                ready.append(submission)
        claimed = status_store.claims(course, assignment)
        before = GradebookSnapshot.take(course, assignment)
        _record(course, assignment, ready, scratch, status)
        phases["record"] = time.monotonic() - started - sum(phases.values())
        graded = [s.learner for s in ready if s.status.status == "pending"]
        others = elsewhere(claimed, status_store.claims(course, assignment), run)
        scores, problems = verify(course, assignment, before, graded, others)
        status.problems += problems
        phases["verify"] = time.monotonic() - started - sum(phases.values())
        for submission in ready:
            if submission.status.status != "pending":
                continue
            if submission.learner in scores:
                score, maximum = scores[submission.learner]
                submission.status.status = GRADED
                submission.status.autograded_score = score
                submission.status.autograded_max = maximum
            else:
                submission.refuse("nbgrader recorded no grades")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        SandboxedExecute.executed.clear()
        SandboxedExecute.handed_over.clear()
    return AutogradeResult(status, executor.isolation, time.monotonic() - started,
                           {k: round(v, 2) for k, v in phases.items()})


def _record(course: Course, assignment: str, ready: list[Submission], scratch: Path,
            status: AssignmentStatus) -> None:
    """Run nbgrader's autograde in-process over the executed notebooks, writing the gradebook."""
    if not ready:
        return
    staging = scratch / "submitted"
    for submission in ready:
        target = staging / submission.learner / assignment
        shutil.copytree(submission.folder, target, symlinks=True)
        SandboxedExecute.executed[(submission.learner, assignment)] = (
            fingerprint(submission.notebook), submission.execution.notebook)
    config = grading_config(course)
    config.CourseDirectory.submitted_directory = str(staging)
    config.Autograde.sanitize_preprocessors = sanitize_preprocessors()
    config.Autograde.autograde_preprocessors = record_preprocessors()
    outcome = course.api(config).autograde(assignment, "*", force=True, create=True)
    log = outcome.get("log", "") + "\n" + (outcome.get("error") or "")
    for submission in ready:
        done = course.autograded / submission.learner / assignment / f"{assignment}.ipynb"
        if (submission.learner, assignment) not in SandboxedExecute.handed_over:
            submission.refuse("nbgrader did not take the sandboxed outputs: "
                              + _log_excerpt(log, submission.learner))
        elif not done.exists():
            submission.refuse("nbgrader could not record the grades: "
                              + _log_excerpt(log, submission.learner))
    if not outcome["success"] and all(s.status.status != "pending" for s in ready):
        status.problems.append("nbgrader's autograde failed: " + log.strip()[-800:])


def _log_excerpt(log: str, learner: str) -> str:
    lines = [line for line in log.splitlines() if learner in line or "Error" in line]
    return " | ".join(lines[-3:])[:400] or "see nbgrader's log"
