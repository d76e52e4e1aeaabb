"""Shared fixtures (the helpers themselves live in ``support.py``, importable from every test)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from support import CATALOG, ROOT

from smmlab import catalog

sys.path.insert(0, str(ROOT / "tests" / "browser"))


#: The longest xdist groups, longest first (seconds on 2 cores, from ``pytest --durations``). The
#: workers take groups in collection order (``make test`` turns off xdist's reordering by test
#: count), so the long ones start first and the short ones fill in at the end.
LONGEST_FIRST = (
    "book",
    "cluster",  # with test_autograde and test_term: they share the corpus and the class
    "hub",
    "book-pages",  # after the book's build: its pages wait for it
    "wheel",
    "binder",
    "postgres",
    "export",
    "dark-theme",
    "participant-path",
    "inventory-class",
    "roster",
    "regrade",
    "collect",
    "inventory-lab",
    "deadlines",
    "release",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--lesson", action="append", type=int, default=[], metavar="NN",
        help="only the tests of lesson NN (repeatable): its explorer, claims on every seed, "
             "notebooks, exercise and nbgrader grading; the loop while editing one lesson")


def lesson_of(item: pytest.Item) -> int | None:
    """The lesson a test is about: a lesson, its number (``number``) or one of its notebooks
    among the test's parameters, or a ``test_lesson_NN_*.py`` module; None for the whole course."""
    if match := re.match(r"test_lesson_(\d+)_", item.path.name):
        return int(match.group(1))
    params = item.callspec.params if hasattr(item, "callspec") else {}
    for name, value in params.items():
        if isinstance(value, catalog.Lesson):
            return value.number
        if isinstance(value, Path) and (match := re.match(r"(\d{2})-.*\.ipynb$", value.name)):
            return int(match.group(1))
        if name == "number":
            return int(value)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep only the ``--lesson`` tests if asked; put the tests of the longest xdist groups first,
    in :data:`LONGEST_FIRST` order."""
    if wanted := set(config.getoption("lesson")):
        unknown = wanted - {lesson.number for lesson in CATALOG.lessons}
        if unknown:
            raise pytest.UsageError(f"--lesson: no lesson {sorted(unknown)} in course/catalog.toml")
        kept = {item: lesson_of(item) in wanted for item in items}
        config.hook.pytest_deselected(items=[item for item in items if not kept[item]])
        items[:] = [item for item in items if kept[item]]

    def rank(item: pytest.Item) -> int:
        marker = item.get_closest_marker("xdist_group")
        group = marker.args[0] if marker and marker.args else marker.kwargs.get("name") if marker else None
        return LONGEST_FIRST.index(group) if group in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository (course) root."""
    return ROOT


@pytest.fixture(autouse=True)
def _no_drawing_ahead_left_waiting():
    """Explorers a test made stop drawing ahead when it ends. Once Playwright's sync API has run
    in this process, the main thread's loop counts as running, so every explorer schedules its
    drawing ahead there, and the next browser call (or Playwright's exit) would draw every view
    ahead for every explorer of every earlier test: minutes of a worker's time."""
    yield
    widgets = sys.modules.get("smmlab.widgets")
    if widgets is not None:
        widgets.stop_drawing_ahead()


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian chromium driven by Playwright's sync API, one per test process: while a
    sync Playwright lives, no second one (nor an asyncio loop in this thread) can start."""
    from browser_support import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
