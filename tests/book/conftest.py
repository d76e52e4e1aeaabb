"""Fixtures of the web-book tests: the book built once per session from a fresh checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_build import Built, shared_book


@pytest.fixture(scope="session")
def book(tmp_path_factory, request) -> Built:
    """The book as ``make book`` builds it, from a fresh copy of the repository."""
    built = shared_book(tmp_path_factory, request.config.cache.mkdir("smmlab-book"))
    assert built.returncode == 0, f"the book does not build:\n{built.log[-6000:]}"
    return built
