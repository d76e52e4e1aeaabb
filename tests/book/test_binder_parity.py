"""Binder parity: a fresh environment built the way mybinder.org builds it (binder/runtime.txt,
binder/requirements.txt, then binder/postBuild from the repository root) runs the lessons a
participant lands on.

Only the first two lessons (the landing page and the first explorer): binder/requirements.txt is
the runtime lock (tests/test_project.py), and tests/test_wheel.py runs every lesson and exercise
release in a fresh environment from that lock. What this test adds is Binder's own route: its
Python, postBuild's editable install from the checkout, learner mode, and pins for everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest
from book_build import fresh_checkout
from support import fresh_venv

from smmlab import catalog

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("binder")]

RUNNER = textwrap.dedent(
    """
    import json, sys, tempfile
    from pathlib import Path
    import nbclient, nbformat
    from jupyter_client.manager import KernelManager

    SOCKETS = tempfile.mkdtemp(prefix="smmlab-kernels-")

    def execute(notebook, **kwargs):
        # Unix sockets, not TCP: another test's process cannot take the kernel's port meanwhile.
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=f"{SOCKETS}/kernel")
        return nbclient.NotebookClient(notebook, km=kernel, **kwargs).execute()

    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys, smmlab; print(sys.executable); print(smmlab.__file__)")])
    execute(probe, timeout=60)
    kernel_python, kernel_smmlab = probe.cells[0].outputs[0]["text"].split()
    report = {"kernel": kernel_python, "smmlab": kernel_smmlab, "notebooks": {}}
    for path in map(Path, sys.argv[1:]):
        notebook = nbformat.read(path, as_version=4)
        execute(notebook, timeout=180, resources={"metadata": {"path": str(path.parent)}})
        state = notebook.metadata.get("widgets", {}).get(
            "application/vnd.jupyter.widget-state+json", {}).get("state", {})
        images = sum("image/png" in out.get("data", {}) or "data:image/png" in json.dumps(out)
                     for cell in notebook.cells for out in cell.get("outputs", []))
        report["notebooks"][path.name] = {"widgets": len(state), "images": images}
    print(json.dumps(report))
    """
)


def run(command, **kwargs) -> subprocess.CompletedProcess:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    print(f"binder parity: {time.perf_counter() - started:5.1f} s  {' '.join(map(str, command))[:100]}")
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def test_a_fresh_binder_environment_runs_the_landing_lessons(tmp_path):
    checkout = fresh_checkout(tmp_path / "repo")
    runtime = (checkout / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}", (
        f"Binder runs {runtime}; this test can only build that with the same Python"
    )
    # Binder pip-installs binder/requirements.txt: every package in it is pinned (checked below),
    # so uv installs the same wheels; postBuild then runs with the venv's pip, as on Binder.
    venv = fresh_venv(tmp_path / "binder-env", checkout / "binder" / "requirements.txt")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MPLBACKEND", "SMMLAB_ROOT", "JUPYTER_PATH")
    }
    env.update(
        PATH=str(venv / "bin") + os.pathsep + os.environ.get("PATH", ""),
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),  # no kernelspecs of this machine's user
        JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
    )
    python = str(venv / "bin" / "python")
    run(["bash", "binder/postBuild"], cwd=checkout, env=env)

    # postBuild wrote learner mode where JupyterLab on Binder reads it
    page_config = json.loads((tmp_path / "jupyter-config" / "labconfig" / "page_config.json").read_text())
    assert page_config["disabledExtensions"].get("@jupyter/nbgrader:formgrader") is True

    lessons = [
        checkout / "course" / f"{lesson.name}.ipynb"
        for lesson in catalog.load(checkout / "course" / "catalog.toml").lessons[:2]
    ]
    assert all(path.exists() for path in lessons), lessons
    (tmp_path / "runner.py").write_text(RUNNER)
    ran = run([python, str(tmp_path / "runner.py"), *map(str, lessons)], cwd=checkout, env=env, timeout=600)
    report = json.loads(ran.stdout.strip().splitlines()[-1])
    assert sorted(report["notebooks"]) == sorted(path.name for path in lessons)
    assert report["kernel"].startswith(str(venv)), f"lessons ran on {report['kernel']}, not the Binder env"
    assert report["smmlab"].startswith(str(checkout)), "smmlab is not installed from the repository"
    for name, outcome in report["notebooks"].items():
        assert outcome["widgets"] or outcome["images"], f"{name} showed neither an explorer nor a figure"

    # every package Binder installs is pinned, so Binder gets the versions the tests ran with
    installed = run([python, "-m", "pip", "freeze", "--exclude-editable"], env=env).stdout.splitlines()
    pinned = {
        canonical(line.split("==")[0])
        for line in (checkout / "binder" / "requirements.txt").read_text().splitlines()
        if "==" in line
    }
    unpinned = sorted(
        line for line in installed if "==" in line and canonical(line.split("==")[0]) not in pinned
    )
    assert not unpinned, f"Binder installs packages binder/requirements.txt does not pin: {unpinned}"
