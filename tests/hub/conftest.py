"""Fixtures of the hub tests: one real workshop hub (JupyterHub, PAM users, nbgrader exchange)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hub_support import running_hub

LEARNERS = ["smmhub-ada", "smmhub-bo", "smmhub-cy"]
INSTRUCTOR = "smmhub-teach"
ASSIGNMENT = "01-conversation-not-broadcast"


@pytest.fixture(scope="session")
def hub():
    """A hub on loopback ports with three learners and an instructor (Unix users made for it and
    deleted afterwards), and exercise 01 released to the exchange by the instructor."""
    with running_hub(LEARNERS, [INSTRUCTOR]) as started:
        teacher = started.server(INSTRUCTOR)
        kernel = teacher.kernel()
        # What the instructor types in a terminal of their server: generate exercise 01 into
        # their private course (fills the gradebook), then the formgrader's Release button.
        out = kernel.run("import subprocess\n"
                         "done = subprocess.run(['smmlab', 'release', '01'], capture_output=True, "
                         "text=True)\nprint(done.returncode, done.stdout, done.stderr)")
        assert out.startswith("0 "), out
        kernel.shutdown()
        released = teacher.call("POST", f"formgrader/api/assignment/{ASSIGNMENT}/release").json()
        assert released["success"], released
        yield started
