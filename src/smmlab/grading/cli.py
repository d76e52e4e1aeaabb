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


def _course():
    from smmlab.grading.course import Course

    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    return Course.open()


def _lines(title: str, items: list[str]) -> None:
    if items:
        print(f"{title} ({len(items)}):")
        for item in items:
            print(f"  - {item}")


def cmd_release(args: argparse.Namespace) -> int:
    """Regenerate exercises/ from solutions/ and check that nothing leaked."""
    from smmlab.grading.release import release

    course = _course()
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
    result = collect(course, Path(args.archive), args.assignment, args.deadline,
                     progress=not args.quiet)
    print(f"collected {len(result.collected)} submission(s) of {args.assignment} into "
          f"{course.submitted}")
    _lines("unmatched files", result.unmatched)
    _lines("refused", result.rejected)
    _lines("duplicates", result.duplicates)
    _lines("late", result.late)
    return ATTENTION if result.needs_attention else 0


def cmd_autograde(args: argparse.Namespace) -> int:
    """Grade every submission in parallel, in the sandbox."""
    from smmlab.grading import sandbox
    from smmlab.grading.autograde import autograde
    from smmlab.grading.status import GRADED

    course = _course()
    isolation = sandbox.detect_isolation()
    print(isolation.describe())
    if not isolation.hides_private_files:
        print("WARNING: learner code can read the gradebook and solutions/ on this machine.",
              file=sys.stderr)
    limits = sandbox.Limits(
        cell_seconds=args.cell_timeout or int(course.config.Execute.get("timeout", 60)),
        notebook_seconds=args.notebook_timeout, memory_megabytes=args.memory_mb,
        output_kilobytes=args.output_kb)
    result = autograde(course, args.assignment, workers=args.workers, limits=limits,
                       progress=not args.quiet)
    learners = result.status.learners
    graded = [s for s in learners.values() if s.status == GRADED]
    print(f"{args.assignment}: graded {len(graded)} of {len(learners)} submission(s) in "
          f"{result.seconds:.1f} s")
    for state in graded:
        note = f"  ({'; '.join(state.notes)})" if state.notes else ""
        print(f"  {state.learner}: {state.autograded_score:g} of {state.autograded_max:g}{note}")
    _lines("NOT GRADED", [f"{s.learner}: {s.reason}" for s in learners.values()
                          if s.status != GRADED])
    _lines("CHECKS FAILED", result.status.problems)
    print(f"status: {result.status.path(course.reports)}")
    return ATTENTION if result.needs_attention else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Write HTML feedback for every graded learner."""
    from smmlab.grading.feedback import feedback

    course = _course()
    result = feedback(course, args.assignment, progress=not args.quiet)
    print(f"wrote feedback for {len(result.pages)} learner(s) into {course.feedback}")
    _lines("no feedback (not graded)", result.skipped)
    _lines("PROBLEMS", result.problems)
    return ATTENTION if result.needs_attention else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every grade to a CSV file."""
    from smmlab.grading.export import export
    from smmlab.grading.status import GRADED

    course = _course()
    destination = Path(args.to)
    rows = export(course, destination)
    ungraded = [f"{r['assignment']} / {r['learner']}: {r['status']}" for r in rows
                if r["status"] != GRADED]
    print(f"wrote {len(rows)} row(s) to {destination}")
    _lines("not graded", ungraded)
    return ATTENTION if ungraded else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the class report (PNG and HTML)."""
    from smmlab.grading.report import write_report

    os.environ.setdefault("MPLBACKEND", "Agg")
    course = _course()
    png, page, report = write_report(course, args.assignment)
    print(f"{args.assignment}: {len(report.scores)} graded learner(s)")
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

    release = command("release", "regenerate exercises/ from solutions/ (nbgrader)", cmd_release)
    release.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                         help="default: every assignment in solutions/")

    collect = command("collect", "file an LMS zip of notebooks under submitted/", cmd_collect)
    collect.add_argument("archive", metavar="ARCHIVE", help="the zip downloaded from the LMS")
    collect.add_argument("--assignment", required=True, help="e.g. 01-conversation-not-broadcast")
    collect.add_argument("--deadline", help="ISO date and time, e.g. 2026-03-01T17:00")

    grade = command("autograde", "grade every submission in parallel, sandboxed", cmd_autograde)
    grade.add_argument("assignment")
    grade.add_argument("--workers", type=int, default=None, help="default: number of cores")
    grade.add_argument("--cell-timeout", type=int, default=None,
                       help="seconds per cell (default: Execute.timeout)")
    grade.add_argument("--notebook-timeout", type=int, default=300, help="seconds per notebook")
    grade.add_argument("--memory-mb", type=int, default=3072, help="memory limit per notebook")
    grade.add_argument("--output-kb", type=int, default=1024, help="output kept per cell")

    fb = command("feedback", "HTML feedback per learner, without hidden tests", cmd_feedback)
    fb.add_argument("assignment")

    exp = command("export", "grades as CSV, with a status column", cmd_export)
    exp.add_argument("--to", default="grades.csv", help="CSV file to write")

    rep = command("report", "class report: scores, pass rates, misconceptions", cmd_report)
    rep.add_argument("assignment")
