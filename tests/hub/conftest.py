"""Fixtures of the hub tests: one real workshop hub (JupyterHub, PAM users, nbgrader exchange)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hub_support import ASSIGNMENT, INSTRUCTOR, LEARNERS, running_hub


@pytest.fixture(scope="session")
def hub():
    """A hub on loopback ports with three learners and an instructor (Unix users made for it and
    deleted afterwards), and exercise 01 released to the exchange by the instructor."""
    with running_hub(LEARNERS, [INSTRUCTOR]) as started:
        teacher = started.server(INSTRUCTOR)
        # The formgrader's Generate and Release buttons: exercise 01 from the instructor's private
        # course into the gradebook, then into the exchange.
        for action in ("assign", "release"):
            done = teacher.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/{action}").json()
            assert done["success"], done
        yield started
