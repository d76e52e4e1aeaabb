"""``smmlab rehearse``: a synthetic class to rehearse a term before real learners arrive.

Writes what a learning platform hands an instructor for one assignment: a Canvas gradebook
export and a Moodle grading worksheet (the rosters), and both platforms' submission downloads,
for a class that has what real classes have: two people with one name, late files (Canvas marks
them ``_LATE``), resubmissions, people who never hand in, and a notebook that is not a notebook.
Every learner's expected outcome is known, so a rehearsal (or a test) can check that grading
finds it: a grade for every submission, a reason for every one it cannot grade, the late policy
applied (:mod:`smmlab.grading.late`).
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from smmlab.grading.late import DAY_SECONDS, penalty_percent

#: Given names and family names of the synthetic class (two learners may share both).
FIRST = ("Jane", "Wei", "Amara", "Lucas", "Sofia", "Kenji", "Noor", "Mateo", "Ingrid", "Tariq")
LAST = ("Doe", "Zhang", "Okafor", "Silva", "Rossi", "Tanaka", "Haddad", "Garcia", "Berg", "Khan")
#: What a submission holds: a worked solution, the untouched release, or a file that is not JSON.
KINDS = ("solution", "blank", "broken")
BROKEN = b'{"cells": [ this is not a notebook'


@dataclass(frozen=True)
class Learner:
    """One synthetic learner and what grading should find.

    ``lms_id`` is the platform's number (Canvas user id, Moodle participant id); ``kind`` is
    ``None`` for a learner who never hands in; ``late_days`` counts started days after the
    deadline; ``resubmitted`` learners hand in a blank first and their real work later.
    """

    lms: str
    lms_id: int
    first: str
    last: str
    kind: str | None
    late_days: int = 0
    resubmitted: bool = False

    @property
    def id(self) -> str:
        """The learner id ``smmlab collect`` and ``smmlab roster import`` give this learner."""
        return f"{self.lms}-{self.lms_id}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}.{self.lms_id}@example.edu"

    @property
    def penalty_share(self) -> float:
        """The share of the score the course's late policy takes (files are 2 h short of a day)."""
        return penalty_percent(self.late_days * DAY_SECONDS - 2 * 3600) / 100


def synthetic_class(learners: int, seed: int = 0) -> list[Learner]:
    """A class of ``learners``: two thirds on Canvas, one third on Moodle.

    About 60% hand in a solution, 25% the blank release, 5% never hand in; two hand in a broken
    file; one in eight of the rest is late by one to three days; one in ten resubmits; every
    tenth learner shares both names with the one before.
    """
    if learners < 10:
        raise ValueError(f"a rehearsal class needs at least 10 learners, not {learners}")
    rng = np.random.default_rng(seed)
    people = []
    for index in range(learners):
        lms = "canvas" if index % 3 else "moodle"
        first, last = FIRST[index % len(FIRST)], LAST[(index * 7 + index // 10) % len(LAST)]
        if index % 10 == 9:  # the same name as the learner before, on the same platform
            first, last, lms = people[-1].first, people[-1].last, people[-1].lms
        draw = rng.random()
        kind = "solution" if draw < 0.62 else "blank" if draw < 0.95 else None
        if index in (4, learners - 3):
            kind = "broken"
        late = int(rng.integers(1, 4)) if kind in ("solution", "blank") and rng.random() < 0.125 else 0
        resubmitted = kind == "solution" and not late and rng.random() < 0.1
        people.append(Learner(lms, 1000 + 37 * index, first, last, kind, late, resubmitted))
    return people


def _entry(bundle: zipfile.ZipFile, name: str, data: bytes, when: datetime) -> None:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, data)


def write_lms_files(
    people: list[Learner], assignment: str, notebooks: dict[str, bytes], deadline: datetime, folder: Path
) -> dict[str, Path]:
    """Write the rosters and the submission downloads into ``folder``.

    ``notebooks`` maps ``"solution"`` and ``"blank"`` to notebook bytes. Returns the paths by
    name: ``canvas_roster``, ``moodle_roster``, ``canvas_zip``, ``moodle_zip``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "canvas_roster": folder / "canvas-gradebook.csv",
        "moodle_roster": folder / "moodle-grading-worksheet.csv",
        "canvas_zip": folder / f"canvas-{assignment}.zip",
        "moodle_zip": folder / f"moodle-{assignment}.zip",
    }
    files = {**notebooks, "broken": BROKEN}
    title = assignment.replace("-", " ")
    with open(paths["canvas_roster"], "w", newline="", encoding="utf-8") as stream:
        rows = csv.writer(stream)
        rows.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{title} (2201)"])
        rows.writerow(["    Points Possible", "", "", "", "", "10.00"])
        for p in people:
            if p.lms == "canvas":
                rows.writerow([f"{p.last}, {p.first}", p.lms_id, "", p.email, "Rehearsal", ""])
    with open(paths["moodle_roster"], "w", newline="", encoding="utf-8") as stream:
        rows = csv.writer(stream)
        rows.writerow(["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade"])
        for p in people:
            if p.lms == "moodle":
                status = "Submitted for grading" if p.kind else "No submission"
                name = f"{p.first} {p.last}"
                rows.writerow([f"Participant {p.lms_id}", name, p.email, status, "", "10.00"])
    with (
        zipfile.ZipFile(paths["canvas_zip"], "w") as canvas,
        zipfile.ZipFile(paths["moodle_zip"], "w") as moodle,
    ):
        for number, p in enumerate(people):
            if p.kind is None:
                continue
            when = deadline + timedelta(hours=24 * p.late_days - 2)
            versions = [(p.kind, when, "")]
            if p.resubmitted:
                versions = [("blank", deadline - timedelta(hours=5), ""), (p.kind, when, "-1")]
            for kind, stamp, suffix in versions:
                if p.lms == "canvas":
                    login = f"{p.last}{p.first}".lower()
                    flag = "_LATE" if p.late_days else ""
                    name = f"{login}{flag}_{p.lms_id}_{50_000 + number}_{assignment}{suffix}.ipynb"
                    _entry(canvas, name, files[kind], stamp)
                else:
                    name = f"{p.first} {p.last}_{p.lms_id}_assignsubmission_file_/{assignment}{suffix}.ipynb"
                    _entry(moodle, name, files[kind], stamp)
    return paths


def expected_final(learner: Learner, full_marks: float) -> float | None:
    """The final score export must show (``None``: no grade, with a reason or no submission)."""
    if learner.kind == "solution":
        return round(full_marks * (1 - learner.penalty_share), 6)
    if learner.kind == "blank":
        return 0.0
    return None


def deadline_of(days_ago: int = 0) -> datetime:
    """A round deadline (17:00 UTC), ``days_ago`` days before today."""
    today = datetime.now(UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days_ago)


@dataclass(frozen=True)
class Rehearsal:
    """A rehearsal course: where it is, its assignment, deadline, LMS files and class."""

    root: Path
    assignment: str
    deadline: str
    files: dict[str, Path]
    people: list[Learner]

    def commands(self) -> list[str]:
        """The term's commands, in order, as an instructor types them in the course folder."""
        lms = {key: path.relative_to(self.root) for key, path in self.files.items()}
        a = self.assignment[:2]
        return [
            f"smmlab release {a}",
            f"smmlab roster import {lms['canvas_roster']}",
            f"smmlab roster import {lms['moodle_roster']}",
            f"smmlab deadline {a} {self.deadline}",
            f"smmlab collect {lms['canvas_zip']} --assignment {a}",
            f"smmlab collect {lms['moodle_zip']} --assignment {a}",
            f"smmlab autograde {a}",
            "smmlab export --format canvas --to canvas-grades.csv",
            "smmlab export --format moodle --to moodle-grades.csv",
            f"smmlab feedback {a} --bundle",
        ]


def rehearse(folder: Path, assignment: str = "01", learners: int = 300, seed: int = 0) -> Rehearsal:
    """Make a private course in ``folder`` with a synthetic class's LMS files for ``assignment``.

    Writes ``lms-downloads/`` (rosters and submission zips) and ``expected.csv`` (per learner:
    platform, name, what they handed in, days late, and the share of full marks the export
    must show, empty where it must show no grade).
    """
    from smmlab.grading.course import Course, init_course

    course = Course.open(init_course(folder))
    name = course.require_assignment(assignment)
    notebooks = {
        "solution": (course.source / name / f"{name}.ipynb").read_bytes(),
        "blank": (course.release / name / f"{name}.ipynb").read_bytes(),
    }
    people = synthetic_class(learners, seed)
    deadline = deadline_of(days_ago=7)
    files = write_lms_files(people, name, notebooks, deadline, course.root / "lms-downloads")
    files["expected"] = course.root / "expected.csv"
    with open(files["expected"], "w", newline="", encoding="utf-8") as stream:
        rows = csv.writer(stream)
        rows.writerow(["learner", "lms", "name", "handed_in", "days_late", "resubmitted", "expected_share"])
        for p in people:
            share = expected_final(p, 1.0)
            rows.writerow(
                [
                    p.id,
                    p.lms,
                    f"{p.first} {p.last}",
                    p.kind or "nothing",
                    p.late_days,
                    p.resubmitted,
                    "" if share is None else share,
                ]
            )
    return Rehearsal(course.root, name, deadline.strftime("%Y-%m-%dT%H:%M"), files, people)
