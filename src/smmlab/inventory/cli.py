"""``smmlab inventory``: the misconception inventory's commands.

``smmlab inventory report`` reads the class's answers (from the course's gradebook and its
submitted notebooks, or from a CSV) and writes the report; ``smmlab inventory cohort`` writes
the answers of a synthetic class with a planted truth, to try the report before a real class.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def cmd_report(args: argparse.Namespace) -> int:
    """Write the inventory report (PNG, HTML, CSV) from a course or a CSV of answers."""
    import pandas as pd

    from smmlab.inventory import load
    from smmlab.inventory.report import analyse, from_course, write

    os.environ.setdefault("MPLBACKEND", "Agg")
    problems: list[str] = []
    if args.responses:
        responses = pd.read_csv(args.responses)
        out = Path(args.out or ".")
    else:
        from smmlab.grading.cli import _course

        course = _course()
        responses, problems = from_course(course)
        out = Path(args.out) if args.out else course.reports
    report = analyse(responses, load(), boots=args.boots)
    paths = write(report, out)
    print(report.alt_text())
    for line in problems:
        print(f"  incomplete: {line}")
    print(f"wrote {paths['html']}, {paths['png']} and {len(paths) - 2} CSV tables")
    return 1 if problems else 0


def cmd_cohort(args: argparse.Namespace) -> int:
    """Write the answers of a synthetic class (an item-response model with planted gains)."""
    from smmlab.inventory import load
    from smmlab.inventory.cohort import Cohort, simulate

    responses = simulate(load(), Cohort(learners=args.learners), seed=args.seed)
    responses.to_csv(args.to, index=False)
    print(f"wrote {responses['learner'].nunique()} synthetic learners' answers to {args.to}")
    return 0


def add_inventory_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``smmlab inventory report`` and ``smmlab inventory cohort``."""
    inventory = subparsers.add_parser("inventory", help="the misconception inventory: report, cohort")
    commands = inventory.add_subparsers(dest="inventory_command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report", help="item analysis and the class's gain", description=cmd_report.__doc__
    )
    report.add_argument("--responses", help="CSV of answers (learner, phase, item, choice[, confidence])")
    report.add_argument("--out", help="folder for the report (default: the course's reports folder)")
    report.add_argument("--boots", type=int, default=2000, help="bootstrap resamples (default 2000)")
    report.set_defaults(run=cmd_report)
    cohort = commands.add_parser("cohort", help="a synthetic class's answers", description=cmd_cohort.__doc__)
    cohort.add_argument("--learners", type=int, default=200)
    cohort.add_argument("--seed", type=int, default=0)
    cohort.add_argument("--to", default="inventory-cohort.csv", help="CSV file to write")
    cohort.set_defaults(run=cmd_cohort)
