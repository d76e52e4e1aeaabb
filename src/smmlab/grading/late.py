"""Due dates and the late-submission policy.

**Times.** Every time here is UTC without a zone, as nbgrader stores them: a deadline written
without a zone (``2026-03-01T17:00``) is taken as UTC, one with an offset
(``2026-03-01T17:00+01:00``) is converted to UTC. Zip entries carry no zone; ``collect`` takes
their times as UTC too (the LMS servers' clock).

**Policy** (:class:`DailyPercentPenalty`, set in ``nbgrader_config.py``): each started day
(24 h) after the due date costs ``percent_per_day`` (10) per cent of the notebook's score, at
most ``max_percent`` (50) per cent. One minute late costs 10 %, 25 hours 20 %, a week 50 %.
nbgrader's ``AssignLatePenalties`` step (run by ``smmlab autograde``) calls it with how late the
submission's ``timestamp.txt`` is past the assignment's due date in the gradebook, and stores the
result as the notebook's ``late_submission_penalty``; without a due date nothing is late.
How nbgrader loads such a plugin: https://nbgrader.readthedocs.io/en/stable/plugins/late-plugin.html
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

from smmlab.grading.course import Course

DAY_SECONDS = 24 * 3600


class DailyPercentPenalty(LateSubmissionPlugin):
    """``percent_per_day`` of the score for each started day late, capped at ``max_percent``."""

    percent_per_day = Float(10.0, help="Per cent of the score lost per started day late.").tag(config=True)
    max_percent = Float(50.0, help="The most a late submission loses, in per cent of its score.").tag(
        config=True
    )

    def late_submission_penalty(
        self, student_id: str, score: float, total_seconds_late: float
    ) -> float | None:
        """The points ``student_id`` loses on a notebook scored ``score``, or None if on time."""
        if total_seconds_late <= 0:
            return None
        return round(
            score * penalty_percent(total_seconds_late, self.percent_per_day, self.max_percent) / 100, 4
        )


def penalty_percent(seconds_late: float, per_day: float = 10.0, cap: float = 50.0) -> float:
    """The share of the score lost, in per cent, ``seconds_late`` after the due date."""
    if seconds_late <= 0:
        return 0.0
    return min(math.ceil(seconds_late / DAY_SECONDS) * per_day, cap)


def parse_deadline(text: str | None) -> datetime | None:
    """An ISO date and time (``2026-03-01T17:00``, optional offset) as naive UTC, or None."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"deadline {text!r} is not an ISO date and time, "
            "e.g. 2026-03-01T17:00 (UTC) or 2026-03-01T17:00+01:00"
        ) from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def set_due_date(course: Course, assignment: str, due: datetime | None) -> None:
    """Write ``due`` (naive UTC; None clears it) as the assignment's due date in the gradebook."""
    with course.gradebook() as gb:
        gb.update_or_create_assignment(assignment, duedate=due)


def due_date(course: Course, assignment: str) -> datetime | None:
    """The assignment's due date in the gradebook (naive UTC), or None."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            return gb.find_assignment(assignment).duedate
        except MissingEntry:
            return None
