"""What exists for each lesson: notebook, explorer, exercise and hidden tests."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from smmlab.catalog import Catalog, Lesson, course_root, load

PARTS = ("lesson", "explorer", "exercise", "hidden tests", "release")


@dataclass(frozen=True)
class LessonStatus:
    """Which parts of one lesson exist."""

    lesson: Lesson
    parts: dict[str, bool]

    @property
    def complete(self) -> bool:
        """True when every part exists."""
        return all(self.parts.values())


def lesson_status(lesson: Lesson, root: Path) -> LessonStatus:
    """Inspect the files and the scenario module of one lesson."""
    solution = root / "solutions" / lesson.name / f"{lesson.name}.ipynb"
    release = root / "exercises" / lesson.name / f"{lesson.name}.ipynb"
    text = solution.read_text(encoding="utf-8") if solution.exists() else ""
    try:
        module = importlib.import_module(lesson.module)
        has_explorer = callable(getattr(module, "explorer", None))
    except ModuleNotFoundError:
        has_explorer = False
    parts = {
        "lesson": (root / "course" / f"{lesson.name}.ipynb").exists(),
        "explorer": has_explorer,
        "exercise": solution.exists(),
        "hidden tests": "BEGIN HIDDEN TESTS" in text,
        "release": release.exists(),
    }
    return LessonStatus(lesson, parts)


def course_status(catalog: Catalog | None = None, root: Path | None = None) -> list[LessonStatus]:
    """Status of every lesson in the catalog."""
    catalog = catalog or load()
    root = root or course_root()
    return [lesson_status(lesson, root) for lesson in catalog.lessons]


def status_table(statuses: list[LessonStatus]) -> str:
    """A plain-text table: one row per lesson, ✔ or · per part."""
    width = max(len(s.lesson.name) for s in statuses)
    head = f"{'lesson':<{width}}  " + "  ".join(f"{part:^12}" for part in PARTS)
    rows = [head, "-" * len(head)]
    for status in statuses:
        marks = "  ".join(f"{'✔' if status.parts[part] else '·':^12}" for part in PARTS)
        rows.append(f"{status.lesson.name:<{width}}  {marks}")
    done = sum(status.complete for status in statuses)
    rows.append(f"\n{done} of {len(statuses)} lessons complete.")
    return "\n".join(rows)
