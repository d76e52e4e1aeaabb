"""``smmlab export``: grades as a CSV a spreadsheet reads correctly.

Unlike ``nbgrader export``, this quotes fields (a name like "Doe, Jr." stays one field), caps
each score at its maximum, and has a ``status`` column so an ungraded submission is never read as
a zero.
"""

from __future__ import annotations

import csv
from pathlib import Path

from smmlab.grading.course import Course
from smmlab.grading.status import GRADED, NOT_AUTOGRADED, AssignmentStatus

COLUMNS = [
    "assignment", "learner", "last_name", "first_name", "status", "reason", "score", "max_score",
    "autograded_score", "autograded_max", "late_penalty", "needs_manual_grade", "timestamp",
]


def _cap(value: float | None, maximum: float) -> float | None:
    return None if value is None else round(min(max(value, 0.0), maximum), 4)


def grade_rows(course: Course) -> list[dict[str, object]]:
    """One row per learner and assignment: gradebook scores joined with the grading status."""
    rows: list[dict[str, object]] = []
    with course.gradebook() as gb:
        students = {s.id: s for s in gb.students}
        for record in sorted(gb.assignments, key=lambda a: a.name):
            status = AssignmentStatus.load(course.reports, record.name)
            submitted = {s.student.id: s for s in record.submissions}
            learners = sorted(set(submitted) | set(status.learners))
            for learner in learners:
                state = status.learners.get(learner)
                student = students.get(learner)
                row: dict[str, object] = {
                    "assignment": record.name, "learner": learner,
                    "last_name": (student.last_name if student else "") or "",
                    "first_name": (student.first_name if student else "") or "",
                    "status": state.status if state else NOT_AUTOGRADED,
                    "reason": state.reason if state else "",
                    "max_score": record.max_score,
                    "autograded_max": record.max_code_score,
                }
                submission = submitted.get(learner)
                if submission is not None and row["status"] == GRADED:
                    row.update(
                        score=_cap(submission.score, record.max_score),
                        autograded_score=_cap(submission.code_score, record.max_code_score),
                        late_penalty=submission.late_submission_penalty,
                        needs_manual_grade=submission.needs_manual_grade,
                        timestamp=submission.timestamp.isoformat() if submission.timestamp
                        else "",
                    )
                rows.append(row)
    return rows


def export(course: Course, destination: Path) -> list[dict[str, object]]:
    """Write every grade to ``destination`` (CSV, UTF-8, all text fields quoted when needed)."""
    rows = grade_rows(course)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k, "") for k in COLUMNS})
    return rows
