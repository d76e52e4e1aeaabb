"""The instructor's ``smmlab`` commands: release, collect, autograde, feedback, export, report.

Each runs from a course root (this repository or an instructor's copy), prints a summary, shows
a progress bar on long work and exits with 1 when something needs attention.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

ATTENTION = 1


def _course(grading: bool = True):
    """The course the command acts on, named on the first line of its output.

    Every command but ``release`` refuses the package's own checkout (see ``Course.open``).
    """
    from smmlab.grading.course import Course

    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    course = Course.open(grading=grading)
    print(f"course: {course.root}", flush=True)
    return course


def _lines(title: str, items: list[str]) -> None:
    if items:
        print(f"{title} ({len(items)}):")
        for item in items:
            print(f"  - {item}")


def cmd_init(args: argparse.Namespace) -> int:
    """Make a private course folder for grading: a copy of the course, solutions and releases."""
    from smmlab.grading.course import init_course

    folder = init_course(Path(args.folder))
    print(f"course: {folder}")
    print(f"made a private course in {folder}: keep it private (solutions/ and the gradebook hold "
          f"the answers), cd there and run `smmlab release`")
    return 0


def cmd_rehearse(args: argparse.Namespace) -> int:
    """Make a rehearsal course with a synthetic class's LMS downloads, and print the term's commands."""
    from smmlab.grading.rehearsal import rehearse

    rehearsal = rehearse(Path(args.folder), args.assignment, args.learners, args.seed)
    print(f"course: {rehearsal.root}")
    print(f"{len(rehearsal.people)} synthetic learners for {rehearsal.assignment}; their LMS files are in "
          f"{rehearsal.files['canvas_zip'].parent}, what grading must find in {rehearsal.files['expected']}")
    print(f"rehearse the term there:\n  cd {rehearsal.root}")
    for line in rehearsal.commands():
        print(f"  {line}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """Regenerate exercises/ from solutions/ and check that nothing leaked."""
    from smmlab.grading.release import release

    course = _course(grading=False)  # the package's checkout releases its own exercises
    results = release(course, args.assignments or None, progress=not args.quiet)
    for result in results:
        state = "ok" if result.ok else "NEEDS ATTENTION"
        print(f"{result.assignment}: {len(result.notebooks)} notebook(s) released — {state}")
        if result.error:
            print(f"  nbgrader: {result.error[-600:]}")
        _lines("  leaks", result.leaks)
    print(f"released {len(results)} assignment(s) into {course.release}")
    return 0 if all(r.ok for r in results) else ATTENTION


def cmd_collect(args: argparse.Namespace) -> int:
    """File an LMS zip under submitted/<learner>/<assignment>/."""
    from smmlab.grading.collect import collect

    course = _course()
    assignment = course.require_assignment(args.assignment)
    result = collect(course, Path(args.archive), assignment, args.deadline,
                     progress=not args.quiet)
    print(f"collected {len(result.collected)} submission(s) of {assignment} into "
          f"{course.submitted}")
    print(f"due date: {f'{result.due:%Y-%m-%d %H:%M} UTC' if result.due else 'none set'}")
    _lines("unmatched files", result.unmatched)
    _lines("refused", result.rejected)
    _lines("duplicates", result.duplicates)
    _lines("late", result.late)
    return ATTENTION if result.needs_attention else 0


def cmd_deadline(args: argparse.Namespace) -> int:
    """Show or set an assignment's due date in the gradebook (late penalties count from it)."""
    from smmlab.grading.late import due_date, parse_deadline, set_due_date

    course = _course()
    assignment = course.require_assignment(args.assignment)
    if args.when:
        set_due_date(course, assignment, None if args.when == "none" else parse_deadline(args.when))
    due = due_date(course, assignment)
    print(f"{assignment}: due {f'{due:%Y-%m-%d %H:%M} UTC' if due else 'date not set'}")
    return 0


def cmd_roster(args: argparse.Namespace) -> int:
    """Read a Canvas gradebook export or a Moodle grading worksheet into the gradebook."""
    from smmlab.grading.roster import import_roster

    course = _course()
    result = import_roster(course, Path(args.file))
    print(f"{args.file}: {result.format}, {len(result.learners)} learner(s): "
          f"{len(result.added)} added, {len(result.updated)} updated, "
          f"{len(result.unchanged)} unchanged")
    _lines("skipped rows", result.skipped)
    return 0


def cmd_autograde(args: argparse.Namespace) -> int:
    """Grade every submission (or only those of --learner) in parallel, in the sandbox, on this
    machine's cores or on a Dask cluster's workers."""
    from smmlab.grading import sandbox
    from smmlab.grading.autograde import LocalExecutor, autograde, check_learners
    from smmlab.grading.status import GRADED
    from smmlab.grading.status import where as status_where

    course = _course()
    if args.learner:  # an unknown id fails before any work
        check_learners(course, course.require_assignment(args.assignment), args.learner)
    if args.cluster and args.workers:
        raise ValueError("--workers and --cluster do not go together: the cluster's workers "
                         "set how many notebooks run at once")
    if args.cluster:  # an unreachable or unfit cluster fails before any work
        from smmlab.grading.cluster import connect

        executor = connect(args.cluster)
    else:
        executor = LocalExecutor(args.workers)
    try:
        print(executor.describe())
        print(executor.isolation.describe())
        if not executor.isolation.hides_private_files:
            print("WARNING: learner code can read the gradebook and solutions/ on this machine."
                  if not args.cluster else "WARNING: learner code can read what the cluster's "
                  "workers can read on their machines.", file=sys.stderr)
        limits = sandbox.Limits(
            cell_seconds=args.cell_timeout or int(course.config.Execute.get("timeout", 60)),
            notebook_seconds=args.notebook_timeout, memory_megabytes=args.memory_mb,
            output_kilobytes=args.output_kb)
        result = autograde(course, args.assignment, limits=limits, progress=not args.quiet,
                           learners=args.learner, executor=executor)
    finally:
        if args.cluster:
            executor.close()
    learners = result.status.learners
    graded = [s for s in learners.values() if s.status == GRADED]
    print(f"{result.status.assignment}: graded {len(graded)} of {len(learners)} submission(s) "
          f"in {result.seconds:.1f} s" + (" (other learners untouched)" if args.learner else ""))
    for state in graded:
        note = f"  ({'; '.join(state.notes)})" if state.notes else ""
        print(f"  {state.learner}: {state.autograded_score:g} of {state.autograded_max:g}{note}")
    _lines("NOT GRADED", [f"{s.learner}: {s.reason}" for s in learners.values()
                          if s.status != GRADED])
    _lines("CHECKS FAILED", result.status.problems)
    print(f"status: {status_where(course)}")
    return ATTENTION if result.needs_attention else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Write HTML feedback for every graded learner; with --bundle, also the LMS's upload zip."""
    from smmlab.grading.feedback import bundle, feedback

    course = _course()
    assignment = course.require_assignment(args.assignment)
    if args.format and not args.bundle:
        raise ValueError("--format goes with --bundle: smmlab feedback A --bundle --format canvas")
    result = feedback(course, assignment, progress=not args.quiet)
    print(f"wrote feedback for {len(result.pages)} learner(s) into {course.feedback}")
    _lines("no feedback (not graded)", result.skipped)
    _lines("PROBLEMS", result.problems)
    attention = result.needs_attention
    if args.bundle:
        packed = bundle(course, assignment, args.format, result.pages)
        if packed.path:
            print(f"{packed.lms} bundle: {len(packed.members)} page(s) in {packed.path}")
        else:
            print(f"{packed.lms} bundle: NOT WRITTEN, no page could be named for {packed.lms}")
        _lines("not in the bundle (no feedback)", packed.missing)
        _lines("not in the bundle (no LMS id)", packed.left_out)
        attention = attention or packed.needs_attention or packed.path is None
    return ATTENTION if attention else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every grade to a CSV file: long (default), or Canvas's or Moodle's import format."""
    from smmlab.grading.export import export

    course = _course()
    destination = Path(args.to)
    columns = {}
    for item in args.column or []:
        name, sep, header = item.partition("=")
        if not sep or not header.strip():
            raise ValueError(f"--column {item!r}: write ASSIGNMENT=HEADER, e.g. "
                             "'01=01 Conversation not broadcast (2201)'")
        columns[course.require_assignment(name.strip())] = header.strip()
    result = export(course, destination, args.format, columns)
    print(f"wrote {result.rows} row(s) to {destination} ({result.format} format)")
    _lines("NOT GRADED (empty grade)", result.ungraded)
    _lines("no submission (empty grade)", result.missing)
    _lines("NOT EXPORTED", result.left_out)
    return ATTENTION if result.needs_attention else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the class report (PNG and HTML)."""
    from smmlab.grading.report import write_report

    os.environ.setdefault("MPLBACKEND", "Agg")
    course = _course()
    assignment = course.require_assignment(args.assignment)
    png, page, report = write_report(course, assignment)
    print(f"{assignment}: {len(report.scores)} graded learner(s)")
    print(report.alt_text())
    print(f"wrote {page} and {png}")
    return ATTENTION if report.ungraded or not report.scores else 0


def add_grading_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register the instructor commands on the ``smmlab`` parser."""
    def command(name: str, help_text: str, run) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help_text, description=run.__doc__)
        parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        parser.set_defaults(run=run)
        return parser

    init = command("init", "make a private course folder for grading", cmd_init)
    init.add_argument("folder", metavar="FOLDER", help="a new or empty folder")

    rehearse = command("rehearse", "a course with a synthetic class's LMS files, to rehearse a term",
                       cmd_rehearse)
    rehearse.add_argument("folder", metavar="FOLDER", help="a new or empty folder")
    rehearse.add_argument("--assignment", default="01", help="the exercise (default 01)")
    rehearse.add_argument("--learners", type=int, default=300, help="class size (default 300)")
    rehearse.add_argument("--seed", type=int, default=0)

    release = command("release", "regenerate exercises/ from solutions/ (nbgrader)", cmd_release)
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                         help="default: every assignment in solutions/")

    collect = command("collect", "file an LMS zip of notebooks under submitted/", cmd_collect)
    collect.add_argument("archive", metavar="ARCHIVE", help="the zip downloaded from the LMS")
    collect.add_argument("--assignment", required=True, help="e.g. 01-conversation-not-broadcast")
    collect.add_argument("--deadline", help="due date, ISO, UTC unless an offset is given "
                         "(2026-03-01T17:00 or 2026-03-01T17:00+01:00); written to the gradebook")

    deadline = command("deadline", "show or set an assignment's due date", cmd_deadline)
    deadline.add_argument("assignment")
    deadline.add_argument("when", nargs="?", metavar="WHEN",
                          help="ISO date and time (UTC unless an offset is given), or 'none'")

    roster = command("roster", "import the LMS roster (Canvas or Moodle CSV)", cmd_roster)
    roster.add_argument("action", choices=["import"])
    roster.add_argument("file", metavar="FILE", help="Canvas gradebook export or Moodle grading "
                        "worksheet (CSV)")

    grade = command("autograde", "grade every submission in parallel, sandboxed", cmd_autograde)
    grade.add_argument("assignment")
    grade.add_argument("--workers", type=int, default=None, help="default: number of cores")
    grade.add_argument("--cluster", metavar="ADDRESS",
                       help="run the notebooks on a Dask cluster: its scheduler's address, "
                       "tcp://HOST:PORT (needs smmlab[cluster] here and on every worker); the "
                       "gradebook stays on this machine")
    grade.add_argument("--cell-timeout", type=int, default=None,
                       help="seconds per cell (default: Execute.timeout)")
    grade.add_argument("--notebook-timeout", type=int, default=300, help="seconds per notebook")
    grade.add_argument("--memory-mb", type=int, default=3072, help="memory limit per notebook")
    grade.add_argument("--output-kb", type=int, default=1024, help="output kept per cell")
    grade.add_argument("--learner", action="append", metavar="ID",
                       help="regrade only this learner (repeat for several); the others' grades "
                       "and status stay as they are")

    fb = command("feedback", "HTML feedback per learner, without hidden tests", cmd_feedback)
    fb.add_argument("assignment")
    fb.add_argument("--bundle", action="store_true",
                    help="also write feedback/<A>-<format>-feedback.zip for the LMS's bulk upload: "
                    "Moodle's 'Upload multiple feedback files in a zip'; Canvas has no feedback "
                    "upload, the zip is for 'Re-Upload Submissions', which adds each page as a "
                    "comment (needs the zip collected from Canvas's 'Download Submissions')")
    fb.add_argument("--format", choices=["canvas", "moodle"], default=None,
                    help="LMS of the bundle (default: the LMS whose ids the learners have)")

    exp = command("export", "grades as CSV: long, or Canvas's/Moodle's import CSV", cmd_export)
    exp.add_argument("--to", default="grades.csv", help="CSV file to write")
    exp.add_argument("--format", choices=["long", "canvas", "moodle"], default="long",
                     help="long: one row per learner and assignment with status, late penalty "
                     "and reason (default); canvas: Canvas's gradebook import (keyed by Canvas "
                     "user ID); moodle: Moodle's 'Import grades from CSV' (map Email address)")
    exp.add_argument("--column", action="append", metavar="ASSIGNMENT=HEADER",
                     help="column header of an assignment in the canvas/moodle CSV, e.g. "
                     "'01=01 Conversation not broadcast (2201)' to match Canvas's assignment "
                     "(repeatable; default: the assignment's name)")

    rep = command("report", "class report: scores, pass rates, misconceptions", cmd_report)
    rep.add_argument("assignment")
