"""The grading status of each submission, kept beside the gradebook in ``reports/<A>/``.

nbgrader's gradebook has no place for "could not be graded, and why", and its export shows such
a submission as 0.0. ``smmlab autograde`` therefore writes ``reports/<A>/autograde.json``; the
export and the report read it, so an ungraded submission is never a silent zero.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

GRADED = "graded"
NOT_GRADED = "not graded"
NOT_AUTOGRADED = "not autograded yet"


@dataclass
class LearnerStatus:
    """Outcome of autograding one learner's submission."""

    learner: str
    status: str
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    autograded_score: float | None = None
    autograded_max: float | None = None
    seconds: float | None = None


@dataclass
class AssignmentStatus:
    """Outcome of one ``smmlab autograde`` run."""

    assignment: str
    sandbox: str = ""
    finished: str = ""
    learners: dict[str, LearnerStatus] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def path(self, reports: Path) -> Path:
        """Where this status is stored under ``reports/``."""
        return reports / self.assignment / "autograde.json"

    def save(self, reports: Path) -> Path:
        """Write the status as JSON."""
        self.finished = datetime.now(UTC).isoformat(timespec="seconds")
        path = self.path(reports)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, reports: Path, assignment: str) -> AssignmentStatus:
        """Read the status of ``assignment`` (empty if it was never autograded)."""
        path = reports / assignment / "autograde.json"
        if not path.exists():
            return cls(assignment)
        data = json.loads(path.read_text(encoding="utf-8"))
        learners = {k: LearnerStatus(**v) for k, v in data.pop("learners", {}).items()}
        return cls(learners=learners, **data)
