"""The course catalog: curriculum items and lessons, read from ``course/catalog.toml``.

The catalog is the one list of lessons. The book, ``smmlab status``, the grading commands and the
tests all read it, so adding a lesson means adding one entry here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path


def course_root() -> Path:
    """Return the course root: ``$SMMLAB_ROOT``, else the nearest folder holding ``course/``.

    The search starts at the working directory and then at this package's own location, so the
    notebooks find the catalog from ``course/``, ``exercises/<slug>/`` or an autograder's folder.
    """
    if env_root := os.environ.get("SMMLAB_ROOT"):
        return Path(env_root).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "course" / "catalog.toml").is_file():
                return folder
    raise FileNotFoundError(
        "Cannot find the course root (a folder with course/catalog.toml). "
        "Run from the course folder or set SMMLAB_ROOT."
    )


@dataclass(frozen=True)
class Item:
    """One misconception, mistake or truth from the curriculum."""

    id: str
    source: str
    number: str
    claim: str


@dataclass(frozen=True)
class Lesson:
    """One lesson and its paired exercise."""

    number: int
    slug: str
    title: str
    items: tuple[str, ...]
    teaching_minutes: int
    exercise_minutes: int

    @property
    def name(self) -> str:
        """The lesson's folder and notebook name, e.g. ``01-conversation-not-broadcast``."""
        return f"{self.number:02d}-{self.slug}"

    @property
    def module(self) -> str:
        """The dotted name of the lesson's scenario module in :mod:`smmlab.lessons`."""
        return "smmlab.lessons." + self.slug.replace("-", "_")

    @property
    def minutes(self) -> int:
        """Teaching plus exercise time."""
        return self.teaching_minutes + self.exercise_minutes


@dataclass(frozen=True)
class Catalog:
    """Sources, items and lessons of the course."""

    sources: dict[str, dict[str, str]]
    items: dict[str, Item]
    lessons: tuple[Lesson, ...]

    def lesson(self, key: str | int) -> Lesson:
        """Find a lesson by number, slug or name (``1``, ``"roi-compounds"``, ``"02-roi-compounds"``)."""
        if isinstance(key, str) and key.isdigit():
            key = int(key)
        for lesson in self.lessons:
            if key in (lesson.number, lesson.slug, lesson.name):
                return lesson
        known = ", ".join(lesson.name for lesson in self.lessons)
        raise KeyError(f"No lesson {key!r} in the catalog. Known lessons: {known}")

    def problems(self) -> list[str]:
        """List inconsistencies: items without a lesson, unknown items, duplicate numbers or slugs."""
        found: list[str] = []
        taught = {item for lesson in self.lessons for item in lesson.items}
        found += [f"item {item} has no lesson" for item in sorted(set(self.items) - taught)]
        for lesson in self.lessons:
            found += [
                f"lesson {lesson.name} names unknown item {item}"
                for item in lesson.items
                if item not in self.items
            ]
        for field in ("number", "slug"):
            values = [getattr(lesson, field) for lesson in self.lessons]
            found += [f"duplicate lesson {field} {v}" for v in sorted(set(values)) if values.count(v) > 1]
        found += [
            f"item {item.id} cites unknown source {item.source}"
            for item in self.items.values()
            if item.source not in self.sources
        ]
        return found


def load(path: Path | None = None) -> Catalog:
    """Read the catalog from ``path`` (default: ``course/catalog.toml`` under the course root)."""
    return _load(Path(path) if path else course_root() / "course" / "catalog.toml")


@cache
def _load(path: Path) -> Catalog:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    items = {
        key: Item(id=key, source=v["source"], number=str(v["number"]), claim=v["claim"])
        for key, v in data["items"].items()
    }
    lessons = tuple(
        Lesson(
            number=int(entry["number"]),
            slug=entry["slug"],
            title=entry["title"],
            items=tuple(entry["items"]),
            teaching_minutes=int(entry["teaching_minutes"]),
            exercise_minutes=int(entry["exercise_minutes"]),
        )
        for entry in sorted(data["lessons"], key=lambda entry: entry["number"])
    )
    return Catalog(sources=data["sources"], items=items, lessons=lessons)
