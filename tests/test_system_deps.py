"""``tools/system-deps``: ``make test`` gets Debian's chromium and PostgreSQL, or stops and says how.

Nothing is uninstalled: a machine without chromium is a ``PATH`` without it, and a user without
root is this one dropped to ``nobody`` (``setpriv``) when the tests run as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from support import ROOT

SCRIPT = ROOT / "tools" / "system-deps"
NOBODY = 65534


@pytest.fixture
def shared_tmp():
    """A temporary folder that ``nobody`` can read (pytest's own is private to this user), holding
    a copy of the script (the checkout itself may sit in a folder only its owner can enter)."""
    folder = Path(tempfile.mkdtemp(prefix="smmlab-system-deps-"))
    folder.chmod(0o755)
    shutil.copy(SCRIPT, folder / SCRIPT.name)
    yield folder
    shutil.rmtree(folder)


def bin_dir(folder: Path, *tools: str) -> str:
    """A ``PATH`` of one folder holding only ``tools`` (links to this machine's)."""
    folder.mkdir(parents=True, exist_ok=True)
    for tool in tools:
        (folder / tool).symlink_to(shutil.which(tool))
    folder.chmod(0o755)
    return str(folder)


def run_as_learner(command: list[str], path: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``command`` as a user without root and without sudo, with only ``path`` on ``PATH``."""
    if os.geteuid() == 0:
        command = [
            shutil.which("setpriv"),
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            *command,
        ]
    env = {"PATH": path, "HOME": "/nonexistent", "LANG": "C.UTF-8"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def missing_here() -> list[str]:
    """What this machine lacks of the script's packages (besides chromium, hidden by PATH)."""
    return [] if list(Path("/usr/lib/postgresql").glob("*/bin/initdb")) else ["postgresql"]


def test_a_machine_with_chromium_and_postgresql_passes_silently():
    """After `make test` installed them (or on a machine that had them), nothing to do."""
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=120, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_debian_without_root_stops_and_prints_the_apt_get_command(shared_tmp):
    path = bin_dir(shared_tmp / "bin", "bash", "apt-get")  # Debian, chromium missing, no sudo
    result = run_as_learner([str(shared_tmp / SCRIPT.name)], path, shared_tmp)
    packages = " ".join(["chromium", *missing_here()])
    assert result.returncode == 1
    assert f"    sudo apt-get update && sudo apt-get install -y {packages}\n" in result.stderr
    assert "installing needs root" in result.stderr
    assert result.stdout == ""  # installed nothing


def test_a_system_without_apt_get_stops_and_prints_the_container_command(shared_tmp):
    path = bin_dir(shared_tmp / "bin", "bash")
    result = run_as_learner([str(shared_tmp / SCRIPT.name)], path, shared_tmp)
    assert result.returncode == 1
    assert "this system has no apt-get" in result.stderr
    assert '    docker run --rm -v "$PWD":/src -w /src python:3.11-bookworm make test\n' in result.stderr
    assert "`make lab` works on any system" in result.stderr


def test_make_test_stops_before_it_creates_anything(shared_tmp):
    """`make test` runs the script first: on a refusal it has made no .venv and run no test."""
    project = shared_tmp / "project"
    (project / "tools").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "requirements-dev.lock"):
        shutil.copyfile(ROOT / name, project / name)
    shutil.copy2(SCRIPT, project / "tools" / "system-deps")
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(project)], check=True)
    path = bin_dir(shared_tmp / "bin", "bash", "make", "python3", "env")
    result = run_as_learner(["make", "test"], path, cwd=project)
    assert result.returncode != 0
    assert "this system has no apt-get" in result.stderr
    assert not (project / ".venv").exists()
    assert "pytest" not in result.stdout
