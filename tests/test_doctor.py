"""``smmlab doctor``: a pre-flight check whose verdict is true, with a fix for each problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from smmlab import doctor


def test_doctor_on_this_machine_says_ready_and_names_every_check(tmp_path):
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(
        [sys.executable, "-m", "smmlab.cli", "doctor", "--instructor"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in (
        "Python",
        "Packages",
        "Widgets in JupyterLab",
        "Course files",
        "Disk space",
        "Kernel",
        "Grading sandbox",
    ):
        assert f" {name} " in done.stdout, name
    assert "draws lesson 01's explorer (its figure, with alt text)" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1].startswith("Ready")
    assert "Traceback" not in done.stderr


def test_a_kernel_that_cannot_start_fails_with_what_to_do():
    check = doctor.kernel(kernel_name="no-such-kernel", timeout=20)
    assert check.status == "fail" and "'no-such-kernel' kernel does not start" in check.detail
    assert "ipykernel install" in check.fix
    line, status = doctor.verdict([check])
    assert status == 1 and line.startswith("Not ready: fix Kernel")
    assert "✗ Kernel" in doctor.report([check]) and "→ run `python -m ipykernel install" in doctor.report(
        [check]
    )


def test_little_disk_space_is_a_warning_not_a_failure(tmp_path):
    check = doctor.disk_space(tmp_path, minimum_gb=1e9)
    assert check.status == "warn" and "GB free" in check.detail and "free at least" in check.fix
    assert doctor.verdict([check, doctor.python_version()]) == (
        "Ready, with warnings about Disk space (see ! above).",
        0,
    )


def test_a_folder_without_the_course_fails_the_course_check(tmp_path, monkeypatch):
    monkeypatch.setenv("SMMLAB_ROOT", str(tmp_path))
    check = doctor.course_files()
    assert check.status == "fail" and "SMMLAB_ROOT" in check.fix
