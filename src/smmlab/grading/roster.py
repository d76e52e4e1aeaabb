"""``smmlab roster import FILE``: the LMS's class list into the gradebook's Student records.

The format is recognised from the header row; every learner gets the id that ``smmlab collect``
gives their submissions (see :mod:`smmlab.grading.collect`), so names, e-mails and learners
without a submission appear in the gradebook and the exports.

**Canvas gradebook export** (Grades → Export → Export Entire Gradebook; format described in
Canvas's guide "How do I export grades in the Gradebook?", checked at
https://ts.vcu.edu/askit/teaching-and-learning/canvas/faculty/grading-faculty/gradebook-action-menu-faculty/
and https://help.astrialearning.com/portal/en/kb/articles/how-do-i-export-grades-in-the-gradebook).
Columns ``Student`` ("Last, First"), ``ID`` (the Canvas user id, the number in submission file
names → ``canvas-<ID>``), ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per
assignment. The row after the header may be ``Points Possible`` (and, with manual posting, a
posting-policy row); rows without an ``ID`` are skipped, as is Canvas's "Student, Test".

**Moodle grading worksheet** (assignment → View all submissions → Grading action → Download
grading worksheet; https://itrascastro.github.io/moodle-offline-task-grading-spreadsheet).
Columns ``Identifier`` (``Participant 123``: the participant id in submission file names →
``moodle-123``), ``Full name``, ``Email address``, ``Status``, ``Grade``… (Moodle's language
string ``recordid`` = "Identifier", mod/assign/lang/en/assign.php).

Moodle's grades export and participants list (``First name``, ``Last name``/``Surname``,
``ID number``, ``Email address``; grade/export/txt, checked at
https://docs.huihoo.com/phpdoc/moodle/2.8/xref/grade/export/txt/grade_export_txt.php.source.html)
carry no participant id, so they cannot be matched to submissions: they are refused with a line
saying to download the grading worksheet instead.

Importing is idempotent: a learner already in the gradebook gets the file's names and e-mail, and
a second import of the same file changes nothing. A malformed file changes nothing and is
refused with one line naming the row and column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from smmlab.grading.collect import canvas_id, moodle_id, safe_learner_id
from smmlab.grading.course import Course

CANVAS_FORMAT = "Canvas gradebook export"
MOODLE_FORMAT = "Moodle grading worksheet"


@dataclass(frozen=True)
class Learner:
    """One roster row: the learner id, the LMS's own number and the display data."""

    id: str
    lms_user_id: str
    first_name: str
    last_name: str
    email: str


@dataclass
class RosterResult:
    """What ``roster import`` read and changed."""

    format: str
    learners: list[Learner] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the data rows (with their line numbers) of a CSV file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start}); export the CSV as UTF-8") from None
    if not text.strip():
        raise ValueError(f"{path}: empty file, no header row")
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)  # Moodle lets the teacher choose ; or tab
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise ValueError(
                    f"{path}, row {reader.line_num}: {len(cells)} fields but the header has {len(header)}"
                )
            rows.append((reader.line_num, dict(zip(header, (c.strip() for c in cells), strict=False))))
    except csv.Error as error:
        raise ValueError(f"{path}, row {reader.line_num}: not valid CSV ({error})") from None
    return header, rows


def _column(header: list[str], *names: str) -> str | None:
    lowered = {h.lower(): h for h in header}
    return next((lowered[n.lower()] for n in names if n.lower() in lowered), None)


def read_roster(path: Path) -> tuple[str, list[Learner], list[str]]:
    """The format, the learners and the skipped rows of a roster file; ``ValueError`` if bad."""
    header, rows = _rows(path)
    if _column(header, "Student") and _column(header, "ID"):
        return CANVAS_FORMAT, *_canvas(path, header, rows)
    if _column(header, "Identifier") and _column(header, "Full name"):
        return MOODLE_FORMAT, *_moodle(path, header, rows)
    if _column(header, "First name") and _column(header, "Last name", "Surname"):
        raise ValueError(
            f"{path}: a Moodle grades export or participants list has no "
            "participant id, so it cannot be matched to submissions; download "
            "the assignment's grading worksheet (Grading action → Download grading "
            "worksheet) and import that"
        )
    raise ValueError(
        f"{path}: neither a Canvas gradebook export (columns Student, ID, …) nor a "
        f"Moodle grading worksheet (Identifier, Full name, …); header: "
        f"{', '.join(header[:6])}"
    )


def _number(path: Path, line: int, column: str, value: str) -> str:
    if not re.fullmatch(r"\d{1,18}", value):
        raise ValueError(f"{path}, row {line}: column {column!r} is {value!r}, not a number")
    return value


def _canvas(path: Path, header: list[str], rows) -> tuple[list[Learner], list[str]]:
    student, ident = _column(header, "Student"), _column(header, "ID")
    login = _column(header, "SIS Login ID")
    learners, skipped = [], []
    for line, row in rows:
        name, value = row.get(student, ""), row.get(ident, "")
        if not value:
            if name and "points possible" not in name.lower():
                skipped.append(f"row {line}: {name!r} has no ID")
            continue
        if name == "Student, Test":
            skipped.append(f"row {line}: Canvas's test student")
            continue
        number = _number(path, line, ident, value)
        last, _, first = name.partition(",")
        email = row.get(login, "") if login and "@" in row.get(login, "") else ""
        learners.append(Learner(canvas_id(number), number, first.strip(), last.strip(), email))
    return learners, skipped


def _moodle(path: Path, header: list[str], rows) -> tuple[list[Learner], list[str]]:
    ident, full = _column(header, "Identifier"), _column(header, "Full name")
    mail = _column(header, "Email address")
    learners = []
    for line, row in rows:
        value = row.get(ident, "")
        found = re.fullmatch(r"\D*?(\d{1,18})", value)
        if not found:
            raise ValueError(f"{path}, row {line}: column {ident!r} is {value!r}, not 'Participant <number>'")
        first, _, last = row.get(full, "").rpartition(" ")
        learners.append(
            Learner(
                moodle_id(found[1]), found[1], first.strip(), last.strip(), row.get(mail, "") if mail else ""
            )
        )
    return learners, []


def _check_unique(path: Path, learners: list[Learner]) -> None:
    seen: set[str] = set()
    for learner in learners:
        if learner.id in seen:
            raise ValueError(f"{path}: learner {learner.id} appears twice")
        if safe_learner_id(learner.id) != learner.id:
            raise ValueError(f"{path}: odd learner id {learner.id!r}")
        seen.add(learner.id)


def import_roster(course: Course, path: Path) -> RosterResult:
    """Create or update a Student record per roster learner (id, names, e-mail, LMS user id)."""
    from nbgrader.api import MissingEntry

    if not path.is_file():
        raise FileNotFoundError(f"no such roster file: {path}")
    kind, learners, skipped = read_roster(path)
    _check_unique(path, learners)
    result = RosterResult(kind, learners, skipped=skipped)
    with course.gradebook() as gb:
        for learner in learners:
            wanted = {
                "first_name": learner.first_name or None,
                "last_name": learner.last_name or None,
                "email": learner.email or None,
                "lms_user_id": learner.lms_user_id,
            }
            try:
                student = gb.find_student(learner.id)
            except MissingEntry:
                gb.add_student(learner.id, **wanted)
                result.added.append(learner.id)
                continue
            if all(getattr(student, key) == value for key, value in wanted.items()):
                result.unchanged.append(learner.id)
            else:
                gb.update_or_create_student(learner.id, **wanted)
                result.updated.append(learner.id)
    return result
