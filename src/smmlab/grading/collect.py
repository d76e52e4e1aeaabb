"""``smmlab collect``: file an LMS download (a zip of notebooks) under ``submitted/``.

Accepted file names inside the zip (``A`` is the assignment, e.g. ``01-conversation-not-broadcast``;
the learner id is the part the pattern names):

``<learner>_<A>.ipynb``
    Plain: ``jdoe_01-conversation-not-broadcast.ipynb``.
``<learner>[_LATE]_<digits>_<digits>_<A>[-N].ipynb``
    Canvas: ``doejane_12345_67890_01-conversation-not-broadcast.ipynb``; ``_LATE`` and a
    resubmission suffix ``-1`` are understood.
``<learner>_<digits>_assignsubmission_file_[/]<A>.ipynb``
    Moodle, flat or one folder per learner:
    ``Jane Doe_12345_assignsubmission_file_/01-conversation-not-broadcast.ipynb``.
``<learner>/<A>.ipynb``
    One folder per learner.

Every file lands in ``submitted/<learner>/<A>/<A>.ipynb`` with a ``timestamp.txt`` taken from the
zip entry. Entries with unsafe paths (absolute, ``..``, links), odd learner ids, other names or
oversized files are refused and reported, never written. When a learner has several files, the
newest (then the highest resubmission number) is kept and the others are reported.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tqdm import tqdm

from smmlab.grading.course import Course

#: Largest notebook accepted from a zip (uncompressed).
MAX_NOTEBOOK_BYTES = 20 * 2**20
_FORBIDDEN = re.compile(r"[/\\*?\[\]\x00-\x1f\x7f:<>|\"]")


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


@dataclass
class Candidate:
    """One zip entry that names a learner."""

    learner: str
    entry: zipfile.ZipInfo
    resubmission: int

    @property
    def modified(self) -> datetime:
        """The entry's time stamp (zip times carry no time zone)."""
        return datetime(*self.entry.date_time)


@dataclass
class CollectResult:
    """What ``smmlab collect`` did."""

    collected: dict[str, Path] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """True when anything was refused, doubled or late."""
        return bool(self.unmatched or self.rejected or self.duplicates or self.late)


def match_learner(name: str, assignment: str) -> tuple[str, int] | None:
    """Learner id and resubmission number named by a zip entry path, or None if no pattern fits."""
    path = PurePosixPath(name)
    a = re.escape(assignment)
    suffix = rf"{a}(?:-(?P<re>\d+)| \((?P<copy>\d+)\))?\.ipynb"
    parent = path.parent.name if len(path.parts) > 1 else ""
    patterns = [
        (rf"(?P<learner>.+?)_\d+_assignsubmission_file_{suffix}", path.name),
        (rf"(?P<learner>.+?)(?:_LATE)?_\d+_\d+_{suffix}", path.name),
        (rf"(?P<learner>.+?)_{suffix}", path.name),
    ]
    if parent:
        moodle = re.fullmatch(r"(?P<learner>.+?)_\d+_assignsubmission_file_?", parent)
        if moodle and re.fullmatch(suffix, path.name):
            found = re.fullmatch(suffix, path.name)
            return moodle.group("learner"), int(found.group("re") or found.group("copy") or 0)
        if re.fullmatch(suffix, path.name):
            found = re.fullmatch(suffix, path.name)
            return parent, int(found.group("re") or found.group("copy") or 0)
    for pattern, text in patterns:
        found = re.fullmatch(pattern, text)
        if found:
            return found.group("learner"), int(found.group("re") or found.group("copy") or 0)
    return None


def _unsafe_entry(entry: zipfile.ZipInfo) -> str | None:
    path = PurePosixPath(entry.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", entry.filename):
        return "unsafe path"
    if stat.S_ISLNK(entry.external_attr >> 16):
        return "a symbolic link"
    if entry.file_size > MAX_NOTEBOOK_BYTES:
        return f"larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    return None


def parse_deadline(text: str | None) -> datetime | None:
    """An ISO date and time (``2026-03-01T17:00``); zip times are compared in the same zone."""
    if not text:
        return None
    deadline = datetime.fromisoformat(text)
    return deadline.replace(tzinfo=None) if deadline.tzinfo else deadline


def collect(course: Course, archive: Path, assignment: str, deadline: str | None = None,
            progress: bool = True) -> CollectResult:
    """File the notebooks of ``archive`` under ``submitted/<learner>/<assignment>/``."""
    course.require_assignment(assignment)
    due = parse_deadline(deadline)
    result = CollectResult()
    candidates: dict[str, list[Candidate]] = {}
    with zipfile.ZipFile(archive) as bundle:
        for entry in bundle.infolist():
            name = entry.filename
            base = PurePosixPath(name.replace("\\", "/")).name
            if entry.is_dir() or name.startswith("__MACOSX/") or base == ".DS_Store" \
                    or base.startswith("._"):
                continue  # folders and macOS metadata, not submissions
            if problem := _unsafe_entry(entry):
                result.rejected.append(f"{name!r}: {problem}")
                continue
            found = match_learner(name.replace("\\", "/"), assignment)
            if found is None:
                result.unmatched.append(f"{name!r}: no accepted pattern ends in "
                                        f"'{assignment}.ipynb'")
                continue
            learner = safe_learner_id(found[0])
            if learner is None:
                result.rejected.append(f"{name!r}: odd learner id {found[0]!r}")
                continue
            candidates.setdefault(learner, []).append(Candidate(learner, entry, found[1]))
        for learner, options in tqdm(sorted(candidates.items()), desc="collect", unit="learner",
                                     disable=not progress):
            options.sort(key=lambda c: (c.modified, c.resubmission))
            chosen = options[-1]
            if len(options) > 1:
                others = ", ".join(repr(c.entry.filename) for c in options[:-1])
                result.duplicates.append(f"{learner}: {len(options)} files; kept "
                                         f"{chosen.entry.filename!r} (newest), ignored {others}")
            folder = course.submitted / learner / assignment
            if folder.resolve().parent.parent != course.submitted.resolve():
                result.rejected.append(f"{chosen.entry.filename!r}: learner folder escapes "
                                       "submitted/")
                continue
            folder.mkdir(parents=True, exist_ok=True)
            with bundle.open(chosen.entry) as stream:
                data = stream.read(MAX_NOTEBOOK_BYTES + 1)
            if len(data) > MAX_NOTEBOOK_BYTES:
                result.rejected.append(f"{chosen.entry.filename!r}: too large")
                continue
            target = folder / f"{assignment}.ipynb"
            target.write_bytes(data)
            stamp = chosen.modified
            (folder / "timestamp.txt").write_text(
                stamp.replace(tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z"),
                encoding="utf-8")
            result.collected[learner] = target
            if due is not None and stamp > due:
                result.late.append(f"{learner}: submitted {stamp:%Y-%m-%d %H:%M}, "
                                   f"{_late_by(stamp - due)} after the deadline")
    return result


def _late_by(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
