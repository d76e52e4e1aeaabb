"""Shared fixtures (the helpers themselves live in ``support.py``, importable from every test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "tests" / "browser"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository (course) root."""
    return ROOT


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
