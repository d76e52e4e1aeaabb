"""``smmlab feedback``: one HTML page per graded learner, with no hidden test in it.

nbgrader's feedback shows hidden tests by default, also inside tracebacks. The course's
``nbgrader_config.py`` clears them (``ClearHiddenTests``) and keeps tracebacks minimal
(``--InteractiveShell.xmode=Minimal``); :func:`check_config` verifies both, and every page written
is searched for nbgrader's markers and for every line of the source's hidden tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from smmlab.grading.course import Course
from smmlab.grading.release import secret_lines
from smmlab.grading.status import GRADED, AssignmentStatus

REQUIRED_FEEDBACK_STEP = "nbgrader.preprocessors.ClearHiddenTests"
MINIMAL_TRACEBACKS = "--InteractiveShell.xmode=Minimal"


def check_config(course: Course) -> list[str]:
    """Problems in the course's configuration that would leak hidden tests into feedback."""
    problems = []
    steps = [getattr(s, "__module__", "") + "." + getattr(s, "__name__", "") if isinstance(s, type)
             else str(s) for s in course.config.GenerateFeedback.get("preprocessors", [])]
    if not any(step.endswith("ClearHiddenTests") for step in steps):
        problems.append(f"GenerateFeedback.preprocessors lacks {REQUIRED_FEEDBACK_STEP}: "
                        "feedback would show hidden tests")
    if MINIMAL_TRACEBACKS not in list(course.config.Execute.get("extra_arguments", [])):
        problems.append(f"Execute.extra_arguments lacks {MINIMAL_TRACEBACKS}: tracebacks could "
                        "quote hidden tests")
    return problems


@dataclass
class FeedbackResult:
    """What ``smmlab feedback`` wrote and found."""

    pages: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """True when a page leaked, failed, or a learner had no grade to report."""
        return bool(self.problems or self.skipped)


def leaks_in(page: Path, hidden: set[str]) -> list[str]:
    """Hidden-test lines or markers found in a feedback page."""
    import html

    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    found = [marker for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS") if marker in text]
    lines = {line.strip() for line in text.splitlines()}
    return found + sorted(line for line in hidden if line in lines or line in text)


def feedback(course: Course, assignment: str, progress: bool = True) -> FeedbackResult:
    """Write ``feedback/<learner>/<assignment>/<assignment>.html`` for every graded learner."""
    course.require_assignment(assignment)
    result = FeedbackResult(problems=check_config(course))
    status = AssignmentStatus.load(course.reports, assignment)
    learners = sorted(k for k, v in status.learners.items() if v.status == GRADED)
    result.skipped = [f"{k}: {v.status} ({v.reason})" for k, v in sorted(status.learners.items())
                      if v.status != GRADED]
    hidden = set()
    for source in (course.source / assignment).glob("*.ipynb"):
        hidden |= secret_lines(source, kinds=("HIDDEN TESTS",))
    api = course.api()
    for learner in tqdm(learners, desc="feedback", unit="learner", disable=not progress):
        outcome = api.generate_feedback(assignment, learner, force=True)
        pages = sorted((course.feedback / learner / assignment).glob("*.html"))
        if not outcome["success"] or not pages:
            result.problems.append(f"{learner}: nbgrader could not write feedback: "
                                   + (outcome.get("error") or "").strip()[-300:])
            continue
        for page in pages:
            if leaks := leaks_in(page, hidden):
                page.unlink()
                result.problems.append(f"{learner}: {page.name} showed hidden tests "
                                       f"({leaks[0]!r}); the page was deleted")
            else:
                result.pages[learner] = page
    return result
