"""``smmlab export``: grades as a CSV a spreadsheet or an LMS gradebook reads correctly.

Three formats, one row per learner of the gradebook's roster (its Student records) so that a
learner without a submission is listed with an empty grade, never a silent zero:

- ``long`` (default): one row per learner and assignment, with a ``status`` column, the raw
  score, the late penalty and the final score. Unlike ``nbgrader export`` it quotes fields (a
  name like "Doe, Jr." stays one field) and caps each score at its maximum.
- ``canvas``: Canvas's gradebook import CSV. Header ``Student,ID,SIS User ID,SIS Login ID,
  Section`` then one column per assignment; Canvas matches a row by ``ID``, the Canvas user id,
  and an assignment column by its title (or ``Title (assignment id)`` as in Canvas's own export);
  a title Canvas does not know becomes a new assignment. Checked against
  https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
  (required columns: student name or ID, SIS Login ID, Section, one column per assignment) and
  https://ts.vcu.edu/askit/teaching-and-learning/canvas/faculty/grading-faculty/gradebook-action-menu-faculty/
  (the export's columns; read-only columns are ignored on import).
- ``moodle``: a CSV for Moodle's "Import grades from CSV": ``First name``, ``Last name``,
  ``Email address`` and one column per grade item; on import, "Map from" Email address to
  "useremail" and map each column to its grade item
  (https://docs.moodle.org/311/en/Grade_import). Moodle aborts the whole import when one row's
  user is not found (grade/import/csv/classes/load_data.php: "User not found, abort whole
  import"), so learners without an e-mail address are left out and listed.

The score is the final one nbgrader holds: autograded plus manual points minus the late penalty
(nbgrader's own export: ``max(0, score - late_submission_penalty)``). A submission that could not
be graded, or was not graded yet, has an empty grade and is listed by the command.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from smmlab.grading.course import Course
from smmlab.grading.status import GRADED, NOT_AUTOGRADED, NOT_GRADED, AssignmentStatus

LONG, CANVAS, MOODLE = "long", "canvas", "moodle"
FORMATS = (LONG, CANVAS, MOODLE)
NO_SUBMISSION = "no submission"

COLUMNS = [
    "assignment",
    "learner",
    "last_name",
    "first_name",
    "email",
    "status",
    "reason",
    "score",
    "max_score",
    "raw_score",
    "late_penalty",
    "autograded_score",
    "autograded_max",
    "needs_manual_grade",
    "timestamp",
]
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["First name", "Last name", "Email address"]


@dataclass
class Grade:
    """One learner's grade on one assignment, as the export shows it."""

    assignment: str
    learner: str
    status: str
    reason: str = ""
    score: float | None = None
    max_score: float = 0.0
    raw_score: float | None = None
    late_penalty: float | None = None
    autograded_score: float | None = None
    autograded_max: float = 0.0
    needs_manual_grade: bool | None = None
    timestamp: str = ""


@dataclass
class Learner:
    """A Student record of the gradebook: the id and the display data."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""

    @property
    def sortable_name(self) -> str:
        """``Last, First`` as Canvas writes it (or whichever part is known)."""
        return ", ".join(part for part in (self.last_name, self.first_name) if part)

    def lms_number(self, lms: str) -> str | None:
        """The learner's number in ``lms`` ("canvas" or "moodle"), or None if unknown.

        ``canvas-123`` / ``moodle-45`` ids carry it (see :mod:`smmlab.grading.collect`); a plain
        numeric id or the Student record's ``lms_user_id`` are taken as it too.
        """
        prefixed = re.fullmatch(r"(canvas|moodle)-(\d+)", self.id)
        if prefixed:
            return prefixed[2] if prefixed[1] == lms else None
        for candidate in (self.lms_user_id, self.id):
            if candidate and re.fullmatch(r"\d{1,18}", candidate):
                return candidate
        return None


@dataclass
class Gradebook:
    """Everything an export needs: assignments, roster and one grade per learner and assignment."""

    assignments: list[str] = field(default_factory=list)
    max_scores: dict[str, float] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    grades: dict[tuple[str, str], Grade] = field(default_factory=dict)

    def ungraded(self) -> list[Grade]:
        """Submissions that have no grade: not gradable or not autograded yet."""
        return [g for g in self.grades.values() if g.status not in (GRADED, NO_SUBMISSION)]

    def missing(self) -> list[Grade]:
        """Roster learners who handed nothing in."""
        return [g for g in self.grades.values() if g.status == NO_SUBMISSION]


def _cap(value: float | None, maximum: float) -> float | None:
    return None if value is None else round(min(max(value, 0.0), maximum), 4)


def require_gradebook(course: Course) -> None:
    """Refuse a course whose gradebook does not exist yet, instead of creating an empty one."""
    url = course.db_url
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if not path.is_file():
            raise FileNotFoundError(f"no gradebook at {path}: release and autograde first")
        return
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        known = inspect(engine).has_table("assignment")
    except Exception as error:  # any driver error means: no usable gradebook
        raise FileNotFoundError(
            f"cannot open the gradebook at {_safe(url)} ({error.__class__.__name__})"
        ) from None
    finally:
        engine.dispose()
    if not known:
        raise FileNotFoundError(f"no gradebook at {_safe(url)}: release and autograde first")


def _safe(url: str) -> str:
    """A database address without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def _submitted(course: Course, learner: str, assignment: str) -> bool:
    return (course.submitted / learner / assignment).is_dir()


def _grade(course: Course, record, learner: str, submission, state) -> Grade:
    """The grade of ``learner`` from the gradebook record and the grading status."""
    grade = Grade(
        record.name, learner, NOT_AUTOGRADED, max_score=record.max_score, autograded_max=record.max_code_score
    )
    if state is not None:
        grade.status, grade.reason = state.status, state.reason
    elif submission is None and not _submitted(course, learner, record.name):
        grade.status = NO_SUBMISSION
    if grade.status == GRADED and submission is None:
        grade.status = NOT_GRADED
        grade.reason = "graded status but no gradebook record: autograde this learner again"
    if grade.status != GRADED:
        return grade
    raw = _cap(submission.score, record.max_score)
    penalty = round(submission.late_submission_penalty or 0.0, 4)
    grade.raw_score, grade.late_penalty = raw, penalty
    grade.score = round(max(0.0, raw - penalty), 4)
    grade.autograded_score = _cap(submission.code_score, record.max_code_score)
    grade.needs_manual_grade = submission.needs_manual_grade
    grade.timestamp = submission.timestamp.isoformat() if submission.timestamp else ""
    return grade


def read_gradebook(course: Course) -> Gradebook:
    """The roster, the assignments and every learner's grade (``FileNotFoundError`` if none)."""
    require_gradebook(course)
    book = Gradebook()
    with course.gradebook() as gb:
        for student in gb.students:
            book.learners[student.id] = Learner(
                student.id,
                student.first_name or "",
                student.last_name or "",
                student.email or "",
                str(student.lms_user_id or ""),
            )
        for record in sorted(gb.assignments, key=lambda a: a.name):
            book.assignments.append(record.name)
            book.max_scores[record.name] = record.max_score
            status = AssignmentStatus.load(course, record.name)
            submitted = {s.student.id: s for s in record.submissions}
            for learner in sorted(set(book.learners) | set(submitted) | set(status.learners)):
                book.learners.setdefault(learner, Learner(learner))
                grade = _grade(course, record, learner, submitted.get(learner), status.learners.get(learner))
                book.grades[(record.name, learner)] = grade
    return book


@dataclass
class ExportResult:
    """What an export wrote and what the instructor must know about it."""

    format: str
    destination: Path
    rows: int = 0
    ungraded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """True when a submission has no grade or a learner could not be written."""
        return bool(self.ungraded or self.left_out)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _long_rows(book: Gradebook) -> list[list[str]]:
    rows = []
    for (_, learner), grade in sorted(book.grades.items()):
        person = book.learners[learner]
        values = {
            **grade.__dict__,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "email": person.email,
        }
        rows.append(["" if values.get(c) is None else str(values.get(c, "")) for c in COLUMNS])
    return rows


def _headers(book: Gradebook, columns: dict[str, str] | None) -> list[str]:
    return [(columns or {}).get(a, a) for a in book.assignments]


def _canvas_rows(book: Gradebook, result: ExportResult) -> list[list[str]]:
    rows = []
    for learner in sorted(book.learners.values(), key=lambda p: (p.sortable_name.lower(), p.id)):
        number = learner.lms_number(CANVAS)
        if number is None:
            result.left_out.append(f"{learner.id}: no Canvas user id (import the Canvas roster)")
            continue
        scores = [_number(book.grades[(a, learner.id)].score) for a in book.assignments]
        rows.append([learner.sortable_name or learner.id, number, "", "", "", *scores])
    return rows


def _moodle_rows(book: Gradebook, result: ExportResult) -> list[list[str]]:
    rows = []
    for learner in sorted(book.learners.values(), key=lambda p: (p.last_name.lower(), p.id)):
        if not learner.email:
            result.left_out.append(
                f"{learner.id}: no e-mail address, which Moodle's import "
                "matches on (import the grading worksheet)"
            )
            continue
        scores = [_number(book.grades[(a, learner.id)].score) for a in book.assignments]
        rows.append([learner.first_name, learner.last_name, learner.email, *scores])
    return rows


def export(
    course: Course, destination: Path, format: str = LONG, columns: dict[str, str] | None = None
) -> ExportResult:
    """Write the grades to ``destination`` in ``format`` (``long``, ``canvas`` or ``moodle``).

    Parameters
    ----------
    course
        The course whose gradebook is exported.
    destination
        The CSV file to write (UTF-8, fields quoted when needed).
    format
        ``long`` (one row per learner and assignment), ``canvas`` or ``moodle`` (one row per
        learner, one column per assignment).
    columns
        Assignment name → column header for the LMS formats (e.g. Canvas's
        ``"01 Conversation (2201)"``); the assignment's name when absent.

    Raises
    ------
    FileNotFoundError
        The course has no gradebook.
    ValueError
        Nothing to export: no assignment, no learner, or no row the LMS could match.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}: choose {', '.join(FORMATS)}")
    book = read_gradebook(course)
    if not book.assignments:
        raise ValueError(f"the gradebook of {course.root} has no assignment: release first")
    if not book.learners:
        raise ValueError(
            f"the gradebook of {course.root} has no learner: import the roster "
            "(smmlab roster import) or collect submissions first"
        )
    result = ExportResult(format, destination)
    if format == LONG:
        header, rows = COLUMNS, _long_rows(book)
    elif format == CANVAS:
        header, rows = CANVAS_COLUMNS + _headers(book, columns), _canvas_rows(book, result)
    else:
        header, rows = MOODLE_COLUMNS + _headers(book, columns), _moodle_rows(book, result)
    if not rows:
        raise ValueError(
            f"nothing to export in {format} format: "
            + "; ".join(result.left_out[:3])
            + (" …" if len(result.left_out) > 3 else "")
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    result.rows = len(rows)
    result.ungraded = [
        f"{g.assignment} / {g.learner}: {g.status}" + (f" ({g.reason})" if g.reason else "")
        for g in sorted(book.ungraded(), key=lambda g: (g.assignment, g.learner))
    ]
    result.missing = [
        f"{g.assignment} / {g.learner}"
        for g in sorted(book.missing(), key=lambda g: (g.assignment, g.learner))
    ]
    return result
