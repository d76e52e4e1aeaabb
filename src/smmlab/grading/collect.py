"""``smmlab collect``: file an LMS download (a zip of notebooks) under ``submitted/``.

**Learner ids.** A learner is identified by the LMS's number for them, never by their name, so
two people with one name stay two learners:

- Canvas ``<name>[_LATE]_<user id>_<submission id>_<A>[-N].ipynb`` → ``canvas-<user id>``
  (``doejane_12345_67890_01-….ipynb`` → ``canvas-12345``). The Canvas user id is the ``ID``
  column of Canvas's gradebook export, which ``smmlab roster import`` reads.
- Moodle ``<Full Name>_<participant id>_assignsubmission_file_[/]<A>.ipynb`` →
  ``moodle-<participant id>``. Moodle numbers participants per assignment; its grading
  worksheet's ``Identifier`` column (``Participant 123``) carries the same number.
- ``<learner>_<A>.ipynb`` and ``<learner>/<A>.ipynb`` (no LMS): the learner id is ``<learner>``.

The name in an LMS file name is display data: it fills the gradebook's Student record (first
and last name) unless a roster already did. ``A`` is the assignment, e.g.
``01-conversation-not-broadcast``.

Every file lands in ``submitted/<learner>/<A>/<A>.ipynb`` with a ``timestamp.txt`` taken from the
zip entry (UTC, see :mod:`smmlab.grading.late`), which nbgrader compares with the assignment's
due date for the late penalty. Canvas's ``_LATE`` flag is reported and kept, with the file's
name and time, in ``reports/<A>/collect.json`` (:func:`read_manifest`). Entries with unsafe paths
(absolute, ``..``, links), odd learner ids, other names, encryption or oversized files are
refused and reported, never written. When one learner has several files (a resubmission
``-1``, or two uploads), the newest (then the highest resubmission number) is kept and the
others are reported. A file that is not a zip, or a corrupt one, writes nothing.
"""

from __future__ import annotations

import json
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tqdm import tqdm

from smmlab.grading.course import Course
from smmlab.grading.late import due_date, parse_deadline, set_due_date

#: Largest notebook accepted from a zip (uncompressed).
MAX_NOTEBOOK_BYTES = 20 * 2**20
_FORBIDDEN = re.compile(r"[/\\*?\[\]\x00-\x1f\x7f:<>|\"]")
CANVAS, MOODLE = "canvas", "moodle"


def canvas_id(user_id: str | int) -> str:
    """The learner id of Canvas user ``user_id``: ``canvas-12345``."""
    return f"{CANVAS}-{int(user_id)}"


def moodle_id(participant: str | int) -> str:
    """The learner id of Moodle participant ``participant``: ``moodle-123``."""
    return f"{MOODLE}-{int(participant)}"


def safe_learner_id(raw: str) -> str | None:
    """Return ``raw`` as a learner id usable as a folder name, or None if it is unsafe or odd.

    Unicode letters, digits, spaces, ``.``, ``-``, ``_``, ``@``, ``,`` and apostrophes are fine;
    path separators, ``.``/``..``, leading dots or dashes, control characters, wildcards (nbgrader
    globs learner folders) and names over 100 characters are refused.
    """
    learner = unicodedata.normalize("NFC", raw).strip()
    if not learner or len(learner) > 100 or learner in (".", ".."):
        return None
    if learner[0] in ".-" or _FORBIDDEN.search(learner):
        return None
    if any(unicodedata.category(ch).startswith("C") for ch in learner):
        return None
    return learner


@dataclass(frozen=True)
class Match:
    """What a zip entry's path says about its learner.

    ``raw`` is the learner id before the safety check, ``name`` the display name from the file
    name ('' when the id is the name), ``lms`` ``"canvas"``, ``"moodle"`` or ''.
    """

    raw: str
    name: str = ""
    resubmission: int = 0
    lms: str = ""
    lms_late: bool = False


def match_entry(name: str, assignment: str) -> Match | None:
    """The learner named by a zip entry path, or None if no accepted pattern fits."""
    path = PurePosixPath(name)
    a = re.escape(assignment)
    suffix = rf"{a}(?:-(?P<re>\d+)| \((?P<copy>\d+)\))?\.ipynb"
    found = re.fullmatch(suffix, path.name)
    parent = path.parent.name if len(path.parts) > 1 else ""
    if parent and found:
        again = _resubmission(found)
        moodle = re.fullmatch(r"(?P<name>.+?)_(?P<id>\d+)_assignsubmission_file_?", parent)
        if moodle:
            return Match(moodle_id(moodle["id"]), moodle["name"].strip(), again, MOODLE)
        return Match(parent, "", again)
    if found := re.fullmatch(rf"(?P<name>.+?)_(?P<id>\d+)_assignsubmission_file_{suffix}", path.name):
        return Match(moodle_id(found["id"]), found["name"].strip(), _resubmission(found), MOODLE)
    if found := re.fullmatch(rf"(?P<name>.+?)(?P<late>_LATE)?_(?P<id>\d+)_\d+_{suffix}", path.name):
        return Match(
            canvas_id(found["id"]), found["name"].strip(), _resubmission(found), CANVAS, bool(found["late"])
        )
    if found := re.fullmatch(rf"(?P<name>.+?)_{suffix}", path.name):
        return Match(found["name"], "", _resubmission(found))
    return None


def _resubmission(found: re.Match) -> int:
    return int(found["re"] or found["copy"] or 0)


def split_name(name: str, lms: str) -> tuple[str, str]:
    """First and last name from a file name's name part.

    Moodle writes the full name (``Wei Zhang`` → ``Wei``, ``Zhang``); Canvas writes the sortable
    name without separators (``doejane``), kept whole as the last name.
    """
    if lms == MOODLE and " " in name.strip():
        first, _, last = name.strip().rpartition(" ")
        return first, last
    return "", name.strip()


@dataclass
class Candidate:
    """One zip entry that names a learner."""

    learner: str
    entry: zipfile.ZipInfo
    match: Match

    @property
    def modified(self) -> datetime:
        """The entry's time stamp (zip times carry no zone; taken as UTC)."""
        return datetime(*self.entry.date_time)


@dataclass
class CollectResult:
    """What ``smmlab collect`` did."""

    collected: dict[str, Path] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    due: datetime | None = None

    @property
    def needs_attention(self) -> bool:
        """True when anything was refused, doubled or late."""
        return bool(self.unmatched or self.rejected or self.duplicates or self.late)

    def label(self, learner: str) -> str:
        """``canvas-12345 (doejane)``: the id, with the name from the file when there is one."""
        name = self.names.get(learner)
        return f"{learner} ({name})" if name else learner


def _unsafe_entry(entry: zipfile.ZipInfo) -> str | None:
    path = PurePosixPath(entry.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", entry.filename):
        return "unsafe path"
    if stat.S_ISLNK(entry.external_attr >> 16):
        return "a symbolic link"
    if entry.flag_bits & 0x1:
        return "encrypted (password-protected)"
    if entry.file_size > MAX_NOTEBOOK_BYTES:
        return f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    return None


def _scan(bundle: zipfile.ZipFile, assignment: str, result: CollectResult) -> dict[str, list[Candidate]]:
    """Group the zip's notebooks by learner id; report what is refused or unmatched."""
    candidates: dict[str, list[Candidate]] = {}
    for entry in bundle.infolist():
        name = entry.filename
        base = PurePosixPath(name.replace("\\", "/")).name
        if entry.is_dir() or name.startswith("__MACOSX/") or base == ".DS_Store" or base.startswith("._"):
            continue  # folders and macOS metadata, not submissions
        if problem := _unsafe_entry(entry):
            result.rejected.append(f"{name!r}: {problem}")
            continue
        found = match_entry(name.replace("\\", "/"), assignment)
        if found is None:
            result.unmatched.append(f"{name!r}: no accepted pattern ends in '{assignment}.ipynb'")
            continue
        learner = safe_learner_id(found.raw)
        if learner is None:
            result.rejected.append(f"{name!r}: odd learner id {found.raw!r}")
            continue
        candidates.setdefault(learner, []).append(Candidate(learner, entry, found))
    return candidates


def _choose(candidates: dict[str, list[Candidate]], result: CollectResult) -> list[Candidate]:
    """The newest file of each learner (then the highest resubmission); report the others."""
    chosen = []
    for learner, options in sorted(candidates.items()):
        options.sort(key=lambda c: (c.modified, c.match.resubmission))
        kept = options[-1]
        if kept.match.name:
            result.names[learner] = kept.match.name
        if len(options) > 1:
            others = ", ".join(repr(c.entry.filename) for c in options[:-1])
            result.duplicates.append(
                f"{result.label(learner)}: {len(options)} files; kept "
                f"{kept.entry.filename!r} (newest), ignored {others}"
            )
        chosen.append(kept)
    return chosen


def _check_readable(bundle: zipfile.ZipFile, archive: Path, chosen: list[Candidate]) -> None:
    """Decompress every chosen entry once (checking its CRC) before anything is written."""
    for candidate in chosen:
        try:
            with bundle.open(candidate.entry) as stream:
                while stream.read(2**20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise ValueError(
                f"corrupt zip archive: {archive}: {candidate.entry.filename!r}: {error}"
            ) from None


def collect(
    course: Course, archive: Path, assignment: str, deadline: str | None = None, progress: bool = True
) -> CollectResult:
    """File the notebooks of ``archive`` under ``submitted/<learner>/<assignment>/``.

    ``deadline`` (ISO, UTC unless it has an offset) is written to the gradebook as the
    assignment's due date; without it the gradebook's due date, if any, decides what is late.
    """
    assignment = course.require_assignment(assignment)
    due = parse_deadline(deadline)
    result = CollectResult()
    if not archive.is_file():
        raise FileNotFoundError(f"no such archive: {archive}")
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ValueError(f"not a zip archive: {archive} ({error})") from None
    with bundle:
        chosen = _choose(_scan(bundle, assignment, result), result)
        _check_readable(bundle, archive, chosen)
        if due is not None:
            set_due_date(course, assignment, due)
        result.due = due or due_date(course, assignment)
        manifest = read_manifest(course, assignment)
        for candidate in tqdm(chosen, desc="collect", unit="learner", disable=not progress):
            if _file(course, bundle, assignment, candidate, result):
                manifest[candidate.learner] = _manifest_entry(candidate)
    if result.collected:
        _record_students(course, chosen, result)
        _write_manifest(course, assignment, manifest)
    return result


def _file(
    course: Course, bundle: zipfile.ZipFile, assignment: str, chosen: Candidate, result: CollectResult
) -> bool:
    """Write one learner's notebook and ``timestamp.txt``; note lateness. False if refused."""
    learner = chosen.learner
    folder = course.submitted / learner / assignment
    if folder.resolve().parent.parent != course.submitted.resolve():
        result.rejected.append(f"{chosen.entry.filename!r}: learner folder escapes submitted/")
        return False
    with bundle.open(chosen.entry) as stream:
        data = stream.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        result.rejected.append(f"{chosen.entry.filename!r}: too large")
        return False
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{assignment}.ipynb"
    target.write_bytes(data)
    stamp = chosen.modified
    (folder / "timestamp.txt").write_text(
        stamp.replace(tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8"
    )
    result.collected[learner] = target
    reasons = []
    if result.due is not None and stamp > result.due:
        reasons.append(f"{_late_by(stamp - result.due)} after the deadline")
    if chosen.match.lms_late:
        reasons.append(
            "flagged late by Canvas" + ("" if result.due else " (no due date set: no penalty will apply)")
        )
    if reasons:
        result.late.append(
            f"{result.label(learner)}: submitted {stamp:%Y-%m-%d %H:%M} UTC, " + "; ".join(reasons)
        )
    return True


def _record_students(course: Course, chosen: list[Candidate], result: CollectResult) -> None:
    """Create each collected learner's Student record; names only where a roster gave none."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        for candidate in chosen:
            learner = candidate.learner
            if learner not in result.collected:
                continue
            first, last = split_name(candidate.match.name, candidate.match.lms)
            try:
                student = gb.find_student(learner)
            except MissingEntry:
                gb.add_student(learner, first_name=first or None, last_name=last or None)
                continue
            if not (student.first_name or student.last_name) and (first or last):
                gb.update_or_create_student(learner, first_name=first or None, last_name=last or None)


def _manifest_entry(candidate: Candidate) -> dict[str, object]:
    return {
        "file": candidate.entry.filename,
        "name": candidate.match.name,
        "lms": candidate.match.lms,
        "lms_late": candidate.match.lms_late,
        "submitted": candidate.modified.isoformat(),
    }


def manifest_path(course: Course, assignment: str) -> Path:
    """``reports/<A>/collect.json``: per learner, the file kept, its time and the LMS late flag."""
    return course.reports / assignment / "collect.json"


def read_manifest(course: Course, assignment: str) -> dict[str, dict[str, object]]:
    """What ``collect`` recorded per learner id (``file``, ``name``, ``lms``, ``lms_late``,
    ``submitted``); empty before the first collect."""
    path = manifest_path(course, assignment)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _write_manifest(course: Course, assignment: str, manifest: dict[str, dict[str, object]]) -> None:
    path = manifest_path(course, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False), encoding="utf-8"
    )


def _late_by(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] * bool(days) + [f"{hours} h"] * bool(hours) + [f"{minutes} min"]
    return " ".join(parts)
