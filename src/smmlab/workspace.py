"""A learner's workspace: the course files of an installed smmlab, copied into a folder of theirs.

``pip install smmlab`` ships the lessons (``course/``) and the exercises' releases
(``exercises/``) inside the package (``smmlab/course_files/``, written by ``setup.py``; never the
solutions). ``smmlab lab`` outside a checkout copies them into the current folder with
:func:`create` and works there. The workspace remembers, in ``.smmlab-workspace.json``, the
digest of each file as the course shipped it, so :func:`update` can tell the learner's edits from
the course's: a file the learner never changed is replaced by the new version, a file they
changed is kept and the new version is saved beside it (:func:`beside`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from smmlab import __version__

#: The course files inside the installed package (absent in a checkout: it has them in place).
COURSE_FILES = Path(__file__).resolve().parent / "course_files"
#: The workspace's record of the course version each of its files came from.
MANIFEST = ".smmlab-workspace.json"
FOLDERS = ("course", "exercises")


def bundled() -> Path | None:
    """The course files shipped with this installation, or None (an editable checkout)."""
    return COURSE_FILES if (COURSE_FILES / "course" / "catalog.toml").is_file() else None


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def course_digests(source: Path) -> dict[str, str]:
    """Map each course file under ``source`` (``course/…``, ``exercises/…``, posix) → its digest."""
    return {
        path.relative_to(source).as_posix(): digest(path)
        for folder in FOLDERS
        for path in sorted((source / folder).rglob("*"))
        if path.is_file() and ".ipynb_checkpoints" not in path.parts
    }


def read_manifest(folder: Path) -> dict:
    """The workspace record of ``folder``; ValueError if ``folder`` is not a workspace."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ValueError(
            f"{folder} is not a workspace made by `smmlab lab` (no {MANIFEST}); "
            "a git checkout of smmlab is updated with `git pull`"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def write_manifest(folder: Path, files: dict[str, str]) -> None:
    record = {"smmlab": __version__, "files": dict(sorted(files.items()))}
    (Path(folder) / MANIFEST).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _source(source: Path | None) -> Path:
    source = source or bundled()
    if source is None:
        raise FileNotFoundError("this smmlab installation carries no course files (is it a checkout?)")
    return source


def create(folder: Path, source: Path | None = None) -> int:
    """Copy the course into ``folder`` (``course/`` and ``exercises/``); return the file count.

    Refuses, copying nothing, when ``folder`` already has a ``course/`` or ``exercises/``.
    """
    folder, source = Path(folder), _source(source)
    for name in FOLDERS:
        if (folder / name).exists():
            raise FileExistsError(f"{folder / name} exists already; start smmlab lab in an empty folder")
    files = course_digests(source)
    for relative in files:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, folder / relative)
    write_manifest(folder, files)
    return len(files)


def beside(path: Path) -> Path:
    """A free name next to ``path`` for the course's new version: ``01-x.updated.ipynb`` (or -2…)."""
    for number in range(1, 1000):
        tag = "updated" if number == 1 else f"updated-{number}"
        candidate = path.with_name(f"{path.stem}.{tag}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"too many updated copies beside {path}")  # pragma: no cover


@dataclass
class Update:
    """What :func:`update` did, by workspace-relative path."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: dict[str, str] = field(default_factory=dict)  # the learner's file → the new version's name

    def summary(self) -> str:
        """Lines for the learner: counts, then one line per kept file."""
        lines = [
            f"smmlab: course updated: {len(self.added)} new files, {len(self.replaced)} updated, "
            f"{len(self.kept)} of yours kept."
        ]
        lines += [
            f"  you changed {mine}: kept as it is; the new version is beside it as {new}"
            for mine, new in self.kept.items()
        ]
        return "\n".join(lines)


def update(folder: Path, source: Path | None = None) -> Update:
    """Bring the installed course into the workspace ``folder`` without losing the learner's work.

    A file the learner never changed (its digest is the one recorded when it was copied) is
    replaced; a missing one is copied; a changed one is kept and the new version is written
    beside it (:func:`beside`).
    """
    folder, source = Path(folder), _source(source)
    recorded = read_manifest(folder)["files"]
    done = Update()
    for relative, new in course_digests(source).items():
        target = folder / relative
        if target.exists() and recorded.get(relative) == new:
            continue  # the course did not change this file
        if not target.exists():
            done.added.append(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / relative, target)
        elif (current := digest(target)) == new:
            pass  # already the new version
        elif current == recorded.get(relative):
            done.replaced.append(relative)
            shutil.copyfile(source / relative, target)
        else:
            copy = beside(target)
            shutil.copyfile(source / relative, copy)
            done.kept[relative] = copy.relative_to(folder).as_posix()
        recorded[relative] = new
    write_manifest(folder, recorded)
    return done


def made_by_another_version(folder: Path) -> str | None:
    """The smmlab version that made or last updated the workspace ``folder``, if not this one."""
    try:
        version = read_manifest(folder).get("smmlab")
    except ValueError:  # a checkout
        return None
    return version if version != __version__ and bundled() is not None else None
