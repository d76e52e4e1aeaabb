"""Project hygiene a user or maintainer would notice: set-up files agree, code is lint-clean."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from support import ROOT


def load_lock_tool():
    spec = importlib.util.spec_from_file_location("lock", ROOT / "tools" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_binder_requirements_are_derived_from_the_lock_file():
    lock = load_lock_tool()
    pins = lock.read_pins(ROOT / "requirements.lock")
    binder = lock.read_pins(ROOT / "binder" / "requirements.txt")
    assert binder, "binder/requirements.txt pins nothing"
    for name, line in binder.items():
        assert pins.get(name) == line, f"binder pins {line} but the lock has {pins.get(name)}"
    assert sorted(binder.values(), key=str.lower) == lock.binder_lines(pins), "run `make lock`"
    for needed in ("ipywidgets", "jupyterlab", "nbgrader", "numpy", "pandas", "matplotlib"):
        assert needed in binder
    assert not any(
        line.startswith(("-e", ".", "/"))
        for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    )


def test_every_runtime_dependency_is_pinned_in_the_lock():
    lock = load_lock_tool()
    pins = lock.read_pins(ROOT / "requirements.lock")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for requirement in re.findall(r'^\s+"([A-Za-z0-9_.-]+)[<>=!~ ]', text, flags=re.M):
        assert lock.canonical(requirement) in pins, f"{requirement} is not in requirements.lock"


def test_binder_post_build_installs_smmlab_and_hides_instructor_tools():
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert post_build.startswith("#!/usr/bin/env bash") and "set -e" in post_build
    assert "pip install" in post_build and "smmlab.learner" in post_build
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_learner_mode_disables_and_locks_instructor_plugins(tmp_path):
    subprocess.run([sys.executable, "-m", "smmlab.learner", str(tmp_path)], check=True, capture_output=True)
    page = (tmp_path / "labconfig" / "page_config.json").read_text()
    server = (tmp_path / "jupyter_server_config.json").read_text()
    for plugin in ("formgrader", "create-assignment", "course-list"):
        assert f'"@jupyter/nbgrader:{plugin}": true' in page
    assert '"nbgrader.server_extensions.formgrader": false' in server


def test_readme_promises_the_two_set_up_commands_that_the_makefile_provides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert re.search(r"^lab: \$\(STAMP\)", makefile, flags=re.M)
    assert re.search(r"^test: \$\(STAMP\)", makefile, flags=re.M)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "chromium" in ci


def test_gitignore_keeps_private_and_generated_nbgrader_files_out():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for entry in ("gradebook.db", "submitted/", "autograded/", "feedback/", "book/_build/", ".venv/"):
        assert entry in ignored


def test_code_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
