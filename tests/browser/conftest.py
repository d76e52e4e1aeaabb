"""Fixtures of the browser tests: the built book on a local web server (chromium is in tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "book")]
from book_build import Built, shared_book  # noqa: E402
from browser_support import ARTIFACTS, serve  # noqa: E402


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, request) -> Built:
    """The book built from a fresh checkout (shared with tests/book)."""
    built = shared_book(tmp_path_factory, request.config.cache.mkdir("smmlab-book"))
    assert built.returncode == 0, f"the book does not build:\n{built.log[-6000:]}"
    return built


@pytest.fixture(scope="session")
def book_url(built_book):
    """Base URL of the built book, served from 127.0.0.1."""
    with serve(built_book.html) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
