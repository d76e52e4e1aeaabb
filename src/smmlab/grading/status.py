"""The grading status of each submission, kept in the gradebook database.

nbgrader's gradebook has no place for "could not be graded, and why", and its export shows such
a submission as 0.0. ``smmlab autograde`` therefore writes one row per assignment and learner
into a table of its own, ``smmlab_grading_status``, in the gradebook's database (the same
SQLAlchemy address, SQLite or PostgreSQL). Every grader who opens that gradebook sees the same
status: ``export``, ``feedback`` and ``report`` read it with :func:`load`.

Each learner's row is written in its own transaction (an upsert), so two graders autograding
different learners at the same time never overwrite each other. A run first *claims* its learners
(status ``being autograded``) and then writes each outcome; a run that stopped half-way leaves
its unfinished learners visibly claimed, never silently graded.

An older smmlab kept the status in ``reports/<assignment>/autograde.json``. Such a file is read
when the database has no row for the assignment, and imported (then renamed to
``autograde.json.imported``) by the next ``smmlab autograde`` of that assignment.
"""

from __future__ import annotations

import getpass
import json
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    select,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:  # pragma: no cover
    from smmlab.grading.course import Course

GRADED = "graded"
NOT_GRADED = "not graded"
NOT_AUTOGRADED = "not autograded yet"
IN_PROGRESS = "being autograded"

TABLE_NAME = "smmlab_grading_status"
_metadata = MetaData()
TABLE = Table(
    TABLE_NAME,
    _metadata,
    Column("assignment", String(128), primary_key=True),
    Column("learner", String(128), primary_key=True),  # nbgrader's student ids are 128 long
    Column("status", String(32), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default="[]"),  # JSON list of strings
    Column("autograded_score", Float),
    Column("autograded_max", Float),
    Column("seconds", Float),
    Column("sandbox", Text, nullable=False, default=""),
    Column("run", String(64), nullable=False, default=""),  # the autograde run that wrote it
    Column("grader", String(255), nullable=False, default=""),  # user@host of that run
    Column("updated", DateTime(timezone=True), nullable=False),
)


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
    """The status of every learner of one assignment (or of one ``smmlab autograde`` run).

    ``problems`` are the checks of one run that failed; they are printed by that run and not
    stored (they concern the run, not a learner).
    """

    assignment: str
    sandbox: str = ""
    finished: str = ""
    learners: dict[str, LearnerStatus] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, course: Course | Path, assignment: str) -> AssignmentStatus:
        """Same as :func:`load`; ``course`` may also be the course's ``reports/`` folder."""
        if isinstance(course, Path):
            from smmlab.grading.course import Course

            course = Course.open(course.parent)
        return load(course, assignment)


def grader_name() -> str:
    """``user@host`` of this process, stored with each row it writes."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers)
        user = "?"
    return f"{user}@{socket.gethostname()}"[:255]


_engines: dict[str, Engine] = {}


def engine(course: Course) -> Engine:
    """An engine on the course's gradebook database (one per address and process)."""
    url = course.db_url
    if url not in _engines:
        # SQLite: wait for another grader's write instead of failing with "database is locked".
        arguments = {"timeout": 60} if url.startswith("sqlite") else {}
        _engines[url] = create_engine(url, connect_args=arguments)
    return _engines[url]


def where(course: Course) -> str:
    """The table and database the status is kept in, password hidden."""
    shown = make_url(course.db_url).render_as_string(hide_password=True)
    return f"table {TABLE_NAME} of {shown}"


def _has_database(course: Course) -> bool:
    """False for a SQLite gradebook that does not exist yet (reading must not create it)."""
    url = make_url(course.db_url)
    return (
        url.get_backend_name() != "sqlite"
        or not url.database
        or url.database == ":memory:"
        or Path(url.database).exists()
    )


def ensure_table(course: Course) -> None:
    """Create the status table if it is missing (two graders may race: both succeed)."""
    db = engine(course)
    try:
        _metadata.create_all(db, checkfirst=True)
    except DBAPIError:  # another grader created it between the check and the CREATE
        if not inspect(db).has_table(TABLE_NAME):
            raise


def _row(assignment: str, state: LearnerStatus, *, run: str, sandbox: str) -> dict:
    return {
        "assignment": assignment,
        "learner": state.learner,
        "status": state.status,
        "reason": state.reason or "",
        "notes": json.dumps(list(state.notes), ensure_ascii=False),
        "autograded_score": state.autograded_score,
        "autograded_max": state.autograded_max,
        "seconds": state.seconds,
        "sandbox": sandbox,
        "run": run,
        "grader": grader_name(),
        "updated": datetime.now(UTC),
    }


def _upsert(db: Engine, row: dict):
    """INSERT … ON CONFLICT (assignment, learner) DO UPDATE, for SQLite and PostgreSQL."""
    if db.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(TABLE).values(**row)
    changed = {k: statement.excluded[k] for k in row if k not in ("assignment", "learner")}
    return statement.on_conflict_do_update(index_elements=["assignment", "learner"], set_=changed)


def save(
    course: Course, assignment: str, states: list[LearnerStatus], *, run: str, sandbox: str = ""
) -> None:
    """Write each learner's status, one transaction per learner; other learners' rows stay."""
    ensure_table(course)
    db = engine(course)
    for state in states:
        with db.begin() as connection:
            connection.execute(_upsert(db, _row(assignment, state, run=run, sandbox=sandbox)))


def claim(course: Course, assignment: str, learners: list[str], *, run: str, sandbox: str = "") -> None:
    """Mark ``learners`` as being autograded by ``run`` (imports an old JSON status first)."""
    ensure_table(course)
    _import_legacy(course, assignment)
    since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    reason = f"autograde started by {grader_name()} at {since} has not finished"
    save(
        course,
        assignment,
        [LearnerStatus(learner, IN_PROGRESS, reason) for learner in learners],
        run=run,
        sandbox=sandbox,
    )


def claims(course: Course, assignment: str) -> dict[str, tuple[str, str]]:
    """``learner → (run, status)`` of every row of ``assignment`` (which run wrote it last)."""
    if not _has_database(course) or not inspect(engine(course)).has_table(TABLE_NAME):
        return {}
    query = select(TABLE.c.learner, TABLE.c.run, TABLE.c.status).where(TABLE.c.assignment == assignment)
    with engine(course).connect() as connection:
        return {learner: (run, state) for learner, run, state in connection.execute(query)}


def load(course: Course, assignment: str) -> AssignmentStatus:
    """The status of every learner of ``assignment`` (empty if it was never autograded)."""
    result = AssignmentStatus(assignment)
    if not _has_database(course) or not inspect(engine(course)).has_table(TABLE_NAME):
        return _load_legacy(course, assignment) or result
    query = select(TABLE).where(TABLE.c.assignment == assignment).order_by(TABLE.c.learner)
    with engine(course).connect() as connection:
        rows = connection.execute(query).mappings().all()
    if not rows:
        return _load_legacy(course, assignment) or result
    for row in rows:
        result.learners[row["learner"]] = LearnerStatus(
            row["learner"],
            row["status"],
            row["reason"],
            json.loads(row["notes"] or "[]"),
            row["autograded_score"],
            row["autograded_max"],
            row["seconds"],
        )
    latest = max(rows, key=lambda r: _aware(r["updated"]))
    result.sandbox = latest["sandbox"]
    result.finished = _aware(latest["updated"]).isoformat(timespec="seconds")
    return result


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _legacy_path(course: Course, assignment: str) -> Path:
    return course.reports / assignment / "autograde.json"


def _load_legacy(course: Course, assignment: str) -> AssignmentStatus | None:
    """The status an older smmlab wrote to ``reports/<A>/autograde.json``, if any."""
    path = _legacy_path(course, assignment)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    learners = {k: LearnerStatus(**v) for k, v in data.get("learners", {}).items()}
    return AssignmentStatus(
        assignment, data.get("sandbox", ""), data.get("finished", ""), learners, data.get("problems", [])
    )


def _import_legacy(course: Course, assignment: str) -> None:
    """Move an old JSON status into the database, unless the database already has rows."""
    legacy = _load_legacy(course, assignment)
    if legacy is None or claims(course, assignment):
        return
    save(
        course,
        assignment,
        list(legacy.learners.values()),
        run="imported from autograde.json",
        sandbox=legacy.sandbox,
    )
    path = _legacy_path(course, assignment)
    path.rename(path.with_name("autograde.json.imported"))
