"""Shared test support: the course root, the catalog, and which lessons exist so far."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smmlab import catalog

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SMMLAB_ROOT", str(ROOT))
os.environ.pop("MPLBACKEND", None)  # kernels started by tests must draw figures
# nbgrader runs alembic as a subprocess: the environment's bin/ must be on PATH.
_BIN = str(Path(os.sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")

CATALOG = catalog.load(ROOT / "course" / "catalog.toml")


def lessons_with(part: str) -> list[catalog.Lesson]:
    """Lessons of the catalog that have ``part``: ``"notebook"``, ``"module"`` or ``"exercise"``."""
    found = []
    for lesson in CATALOG.lessons:
        path = {
            "notebook": ROOT / "course" / f"{lesson.name}.ipynb",
            "exercise": ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb",
            "module": ROOT / "src" / Path(*lesson.module.split(".")).with_suffix(".py"),
        }[part]
        if path.exists():
            found.append(lesson)
    return found


def lesson_params(part: str) -> list:
    """``pytest.param`` per lesson having ``part``, with the lesson name as id."""
    return [pytest.param(lesson, id=lesson.name) for lesson in lessons_with(part)]


def fresh_venv(venv: Path, requirements: Path) -> Path:
    """A new venv at ``venv`` with the pins of ``requirements``: what ``pip install -r`` gives.

    uv installs the pinned wheels (the same ones pip picks: every package is pinned) from its
    cache and byte-compiles them, as pip does, on both cores: seconds, where pip takes a minute.
    (Compiled at install, not at first import: ``PYTHONDONTWRITEBYTECODE`` would make every
    kernel compile its imports again.) The venv has its own pip (``--seed``) for the steps a
    participant or Binder does with pip.
    """
    import subprocess
    import sys

    uv = Path(sys.executable).parent / "uv"
    base = getattr(sys, "_base_executable", sys.executable)
    for command in ([uv, "venv", "--quiet", "--seed", "--python", base, venv],
                    [uv, "pip", "install", "--quiet", "--compile-bytecode",
                     "--python", venv / "bin" / "python", "-r", requirements]):
        done = subprocess.run(list(map(str, command)), capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, f"{command}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return venv
