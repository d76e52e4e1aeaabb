"""Shared fixtures (the helpers themselves live in ``support.py``, importable from every test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "tests" / "browser"))


#: The longest xdist groups, longest first (seconds on 2 cores, from ``pytest --durations``). The
#: workers take groups in collection order (``make test`` turns off xdist's reordering by test
#: count), so the long ones start first and the short ones fill in at the end.
LONGEST_FIRST = (
    "book",
    "cluster",
    "hub",
    "book-pages",  # after the book's build: its pages wait for it
    "wheel",
    "autograde",
    "term",
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the tests of the longest xdist groups first, in :data:`LONGEST_FIRST` order."""

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
