"""Shared fixtures (the helpers themselves live in ``support.py``, importable from every test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository (course) root."""
    return ROOT
