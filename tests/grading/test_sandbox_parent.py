"""A sandbox dies with the grader that started it: a killed grader (or cluster worker) leaves no
learner notebook running on the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

GRADER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import nbformat
    from smmlab.grading.sandbox import Limits, execute_notebook

    root, marker = Path(sys.argv[1]), sys.argv[2]
    (root / "course").mkdir(exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        f"import time\\nprint({marker!r}, flush=True)\\ntime.sleep(600)  # {marker}")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    execute_notebook(notebook, files={}, course_root=root, assignment="01", index=0,
                     limits=Limits(cell_seconds=600, notebook_seconds=600), extra_arguments=[],
                     scratch=root / "scratch")
    """
)


def processes_mentioning(text: str) -> list[int]:
    """Ids of live processes whose command line or open notebook cell mentions ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_a_killed_grader_takes_its_sandbox_with_it(tmp_path):
    marker = f"smmlab-orphan-{os.getpid()}-{time.monotonic_ns()}"
    (tmp_path / "scratch").mkdir()
    grader = subprocess.Popen([sys.executable, "-c", GRADER, str(tmp_path), marker],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    # the kernel is running the learner's cell once the sandbox's runner has a kernel child
    deadline = time.monotonic() + 120
    runners: list[int] = []
    while time.monotonic() < deadline and not runners:
        runners = processes_mentioning("smmlab.grading.runner")
        runners = [pid for pid in runners if _descends_from(pid, grader.pid)]
        time.sleep(0.5)
    assert runners, "the sandbox never started"
    time.sleep(3)  # let the kernel start inside it
    sandbox = _descendants(grader.pid)
    assert sandbox, "the sandbox has no processes"
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (alive := [pid for pid in sandbox if _alive(pid)]):
        time.sleep(0.5)
    assert not alive, f"the killed grader left sandbox processes running: {alive}"


def _parent(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        pid = _parent(pid)
        if pid == ancestor:
            return True
    return False


def _descendants(ancestor: int) -> list[int]:
    return [int(e.name) for e in Path("/proc").iterdir()
            if e.name.isdigit() and _descends_from(int(e.name), ancestor)]


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
