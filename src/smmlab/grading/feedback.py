"""``smmlab feedback``: one HTML page per graded learner, with no hidden test in it.

nbgrader's feedback shows hidden tests by default, also inside tracebacks. The course's
``nbgrader_config.py`` clears them (``ClearHiddenTests``) and keeps tracebacks minimal
(``--InteractiveShell.xmode=Minimal``); :func:`check_config` verifies both, and every page written
is searched for nbgrader's markers and for every line of the source's hidden tests.

**Bundles** (``smmlab feedback A --bundle --format canvas|moodle``, :func:`bundle`): one zip of
every learner's page, named so the LMS's bulk upload gives each page to its learner.

- Moodle, assignment → "Upload multiple feedback files in a zip" (feedback type "Feedback
  files" on): each file in a folder ``<Full name>_<participant id>_assignsubmission_file_/``, as
  Moodle's own "Download all submissions" names them. Moodle's importer splits each path part at
  ``_`` and takes the second field as the participant id and the next two as the plugin, see
  ``is_valid_filename_for_import`` in mod/assign/feedback/file/importziplib.php
  (https://github.com/moodle/moodle/blob/main/mod/assign/feedback/file/importziplib.php);
  underscores in a name are therefore written as spaces. How teachers use it:
  https://help.itc.rwth-aachen.de/en/service/8d9eb2f36eea4fcaa9abd0e1ca008b22/article/0cfca4212fef4712ad2d432ac83eaf3e/
- Canvas has no upload of feedback files as such. The closest is the assignment's
  "Re-Upload Submissions" (after "Download Submissions"), which attaches each file of a zip as a
  comment on the learner's submission. Canvas matches a file by the first two all-digit,
  ``_``-separated parts of its name, the user id and the id of a file already in that submission
  (``infer_comment_context_from_filename`` in app/models/abstract_assignment.rb,
  https://github.com/instructure/canvas-lms/blob/master/app/models/abstract_assignment.rb), and
  ignores any other file. The file id exists only in the name of the file Canvas gave for
  download, which ``smmlab collect`` keeps in ``reports/<A>/collect.json``; so a page is named
  ``<name>_<user id>_<file id>_<A>-feedback.html`` from that name, and a learner without it is
  listed, not bundled.
"""

from __future__ import annotations

import json
import re
import zipfile
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
    steps = [
        getattr(s, "__module__", "") + "." + getattr(s, "__name__", "") if isinstance(s, type) else str(s)
        for s in course.config.GenerateFeedback.get("preprocessors", [])
    ]
    if not any(step.endswith("ClearHiddenTests") for step in steps):
        problems.append(
            f"GenerateFeedback.preprocessors lacks {REQUIRED_FEEDBACK_STEP}: feedback would show hidden tests"
        )
    if MINIMAL_TRACEBACKS not in list(course.config.Execute.get("extra_arguments", [])):
        problems.append(
            f"Execute.extra_arguments lacks {MINIMAL_TRACEBACKS}: tracebacks could quote hidden tests"
        )
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
    assignment = course.require_assignment(assignment)
    result = FeedbackResult(problems=check_config(course))
    status = AssignmentStatus.load(course, assignment)
    learners = sorted(k for k, v in status.learners.items() if v.status == GRADED)
    result.skipped = [
        f"{k}: {v.status} ({v.reason})" for k, v in sorted(status.learners.items()) if v.status != GRADED
    ]
    hidden = set()
    for source in (course.source / assignment).glob("*.ipynb"):
        hidden |= secret_lines(source, kinds=("HIDDEN TESTS",))
    api = course.api()
    for learner in tqdm(learners, desc="feedback", unit="learner", disable=not progress):
        outcome = api.generate_feedback(assignment, learner, force=True)
        pages = sorted((course.feedback / learner / assignment).glob("*.html"))
        if not outcome["success"] or not pages:
            result.problems.append(
                f"{learner}: nbgrader could not write feedback: "
                + (outcome.get("error") or "").strip()[-300:]
            )
            continue
        for page in pages:
            if leaks := leaks_in(page, hidden):
                page.unlink()
                result.problems.append(
                    f"{learner}: {page.name} showed hidden tests ({leaks[0]!r}); the page was deleted"
                )
            else:
                result.pages[learner] = page
    return result


@dataclass
class BundleResult:
    """What ``feedback --bundle`` put in the zip and whom it could not include."""

    lms: str
    path: Path | None = None
    members: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """True when a learner of the roster gets no page from the bundle."""
        return bool(self.missing or self.left_out)


def _moodle_member(learner, assignment: str) -> str | None:
    """``<Full name>_<participant id>_assignsubmission_file_/<A>-feedback.html`` or None."""
    number = learner.lms_number("moodle")
    if number is None:
        return None
    name = " ".join(p for p in (learner.first_name, learner.last_name) if p) or learner.id
    name = re.sub(r"[_/\\\x00-\x1f]+", " ", name).strip() or "learner"
    return f"{name}_{number}_assignsubmission_file_/{assignment}-feedback.html"


def _canvas_names(course: Course, assignment: str) -> dict[str, str]:
    """Learner id → the name of the file Canvas gave for download (from ``collect``)."""
    path = course.reports / assignment / "collect.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: Path(str(v.get("file", ""))).name for k, v in manifest.items() if isinstance(v, dict)}


def _canvas_member(learner, original: str | None, assignment: str) -> str | None:
    """``<name>_<user id>_<file id>_<A>-feedback.html`` from Canvas's download name, or None."""
    number = learner.lms_number("canvas")
    if number is None or not original:
        return None
    parts = original.split("_")
    numbers = [i for i, part in enumerate(parts) if re.fullmatch(r"\d+", part)][:2]
    if len(numbers) < 2 or parts[numbers[0]] != number:
        return None
    return "_".join(parts[: numbers[1] + 1]) + f"_{assignment}-feedback.html"


def guess_lms(learners) -> str:
    """``canvas`` or ``moodle``: the LMS whose ids most learners have (Moodle on a tie)."""
    ids = list(learners)
    canvas = sum(1 for i in ids if str(i).startswith("canvas-"))
    return "canvas" if canvas > sum(1 for i in ids if str(i).startswith("moodle-")) else "moodle"


def bundle(course: Course, assignment: str, lms: str | None, pages: dict[str, Path]) -> BundleResult:
    """Zip ``pages`` (learner → HTML page) for ``lms``'s bulk upload, beside the pages.

    Every learner of the roster without a page, or without the id the LMS needs, is listed in
    the result; the zip is ``feedback/<A>-<lms>-feedback.zip``. Without ``lms``, the LMS whose
    ids the learners have (:func:`guess_lms`).
    """
    from smmlab.grading.export import NO_SUBMISSION, Learner, read_gradebook

    book = read_gradebook(course)
    lms = lms or guess_lms(book.learners)
    if lms not in ("canvas", "moodle"):
        raise ValueError(f"unknown bundle format {lms!r}: choose canvas or moodle")
    result = BundleResult(lms)
    canvas_names = _canvas_names(course, assignment) if lms == "canvas" else {}
    for learner_id in sorted(set(book.learners) | set(pages)):
        learner = book.learners.get(learner_id) or Learner(learner_id)
        page = pages.get(learner_id)
        if page is None:
            grade = book.grades.get((assignment, learner_id))
            why = grade.status if grade else NO_SUBMISSION
            reason = f" ({grade.reason})" if grade and grade.reason else ""
            result.missing.append(f"{learner_id}: {why}{reason}")
            continue
        if lms == "moodle":
            member = _moodle_member(learner, assignment)
            hint = "no Moodle participant id (collect from a Moodle download or import the worksheet)"
        else:
            member = _canvas_member(learner, canvas_names.get(learner_id), assignment)
            hint = (
                "no Canvas download name with user and file id (collect the zip from Canvas's "
                "Download Submissions)"
            )
        if member is None:
            result.left_out.append(f"{learner_id}: {hint}")
        else:
            result.members[learner_id] = member
    if not result.members:
        return result
    target = course.feedback / f"{assignment}-{lms}-feedback.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for learner_id, member in sorted(result.members.items(), key=lambda kv: kv[1]):
            archive.write(pages[learner_id], member)
    partial.replace(target)
    result.path = target
    return result
