"""``pip install smmlab``: the wheel carries the course, and ``smmlab lab`` works outside a checkout.

One real run, in order: build the wheel from this checkout (no network: no build isolation),
install it with the runtime lock into a fresh venv outside the repository, start ``smmlab lab``
in an empty folder (it copies the course there and serves the first lesson), execute every lesson
(each shows its explorer) and every exercise release with the solutions' answers (every
self-check passes) there with nbclient in the venv's own kernel, then simulate a new
course version and check that ``smmlab lab --update`` keeps a notebook the learner edited.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest
from support import CATALOG, ROOT, fresh_venv, lessons_with

from smmlab import inventory
from smmlab.inventory.quiz import answered, notebook_name

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

#: What the wheel is built from: the package, its build files and the course, and solutions/
#: too, so that leaving them out is the build's doing.
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "LICENSE",
    "src",
    "course",
    "exercises",
    "solutions",
)
BUILT = shutil.ignore_patterns("__pycache__", "*.egg-info")
LEAKS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS")

#: Executed by the fresh venv's Python: runs notebooks with nbclient in that venv's kernel.
RUNNER = r"""
import json, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

def run(job):
    import os
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    path, answers = Path(job[0]), job[1]
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # the learner's answers, where the test gives them
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nb.cells.insert(0, nbformat.v4.new_code_cell("import smmlab; print('SMMLAB', smmlab.__file__)"))
    # Unix sockets, not TCP: another test's process cannot take the kernel's port between its
    # choice and its bind (the kernel then died, or another kernel answered, and this one waited).
    # Each pool process runs one kernel at a time: its sockets are named after the process.
    sockets = {"transport": "ipc", "ip": f"{os.environ['JUPYTER_RUNTIME_DIR']}/k{os.getpid()}"}
    kernel = KernelManager(kernel_name="python3", **({} if os.name == "nt" else sockets))
    failure = []
    try:
        NotebookClient(nb, km=kernel, timeout=300,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except Exception as error:  # reported with the notebook's name; the outputs say more
        failure = [f"{type(error).__name__}: {str(error)[-500:]}"]
    where = "".join(o.get("text", "") for o in nb.cells[0].get("outputs", []))
    errors = failure + [f"{o.ename}: {o.evalue}" for c in nb.cells for o in c.get("outputs", [])
                        if o.output_type == "error"]
    outputs = [o for c in nb.cells[1:] for o in c.get("outputs", [])]
    stderr = [o.text[:200] for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    views = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    return {"path": str(path), "where": where, "errors": errors, "stderr": stderr, "views": views,
            "shown": json.dumps(outputs, ensure_ascii=False)}

import matplotlib.pyplot  # builds a fresh venv's font cache here, not on a notebook's stderr

jobs = json.loads(sys.stdin.read())
with ProcessPoolExecutor(2) as pool:
    print(json.dumps(list(pool.map(run, jobs))))
"""


def venv_bin(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def place():
    """A folder outside the repository (and outside pytest's, which may sit below it)."""
    folder = Path(tempfile.mkdtemp(prefix="smmlab-wheel-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def wheel(place) -> Path:
    source = place / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=BUILT)
        else:
            shutil.copyfile(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(place / "dist"),
            str(source),
        ],
        check=True,
        timeout=600,
    )
    (built,) = (place / "dist").glob("smmlab-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(place, wheel) -> Path:
    """A fresh venv with the runtime lock, then the wheel installed by the venv's own pip without an
    index: what a participant's pip install gives, and a dependency the lock lacks fails here."""
    venv = fresh_venv(place / "venv", ROOT / "requirements.lock")
    installed = subprocess.run(
        [str(venv_bin(venv) / "python"), "-m", "pip", "install", "--quiet", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


def learner_env(venv: Path, place: Path) -> dict[str, str]:
    """The participant's environment: the venv first on PATH, nothing pointing at this checkout."""
    env = {k: v for k, v in os.environ.items() if k not in {"SMMLAB_ROOT", "PYTHONPATH", "JUPYTER_PATH"}}
    env["PATH"] = str(venv_bin(venv)) + os.pathsep + env.get("PATH", "")
    env["JUPYTER_DATA_DIR"] = str(place / "jupyter-data")  # no user kernel spec overrides the venv's
    env["JUPYTER_RUNTIME_DIR"] = str(place / "jupyter-runtime")
    env.pop("MPLBACKEND", None)
    return env


def start_lab(venv: Path, place: Path, folder: Path, *extra: str):
    """Start ``smmlab lab`` in ``folder``; return the process, what it printed and its address."""
    with open(place / f"{folder.name}-lab.log", "a") as log:  # JupyterLab's messages, for a failure
        process = subprocess.Popen(
            [str(venv_bin(venv) / "smmlab"), "lab", "--no-browser", *extra],
            cwd=folder,
            env=learner_env(venv, place),
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,  # stop() ends smmlab and the JupyterLab it started
        )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    printed, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            printed.append(lines.get(timeout=1))
        except queue.Empty:
            assert process.poll() is None, f"smmlab lab ended: {''.join(printed)}"
            continue
        if match := re.search(r"http://127\.0\.0\.1:\d+/\S+", printed[-1]):
            return process, "".join(printed), match.group(0)
    stop(process)
    pytest.fail(f"smmlab lab printed no address: {''.join(printed)}")


def stop(process: subprocess.Popen) -> None:
    """End ``smmlab lab`` and its JupyterLab (their own process group)."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


def fetch(url: str, log: Path, seconds: float = 120) -> int:
    """HTTP status of ``url`` once the server answers (loopback only); ``log`` is its output."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except OSError as error:
            if time.monotonic() > deadline:
                raise AssertionError(f"{url}: {error}; JupyterLab said:\n"
                                     f"{log.read_text(errors='replace')[-3000:]}") from error
            time.sleep(1)


def solved(release: Path) -> dict[str, str]:
    """A learner's work on an exercise release: the answer cells' code by ``grade_id`` (from
    ``solutions/``), or for an inventory questionnaire its answers saved in the file itself."""
    forms = {notebook_name(form): form for form in inventory.FORMS}
    if release.name in forms:
        items = inventory.load().form(forms[release.name])
        picks = {item.id: {"choice": 0, "confidence": 1} for item in items}
        nbformat.write(answered(nbformat.read(release, as_version=4), picks), release)
        return {}
    solution = nbformat.read(ROOT / "solutions" / release.parent.name / release.name, as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in solution.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def test_the_wheel_carries_the_course_and_no_solution(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = {name for name in names if name.startswith("smmlab/course_files/")}
        for lesson in CATALOG.lessons:
            assert f"smmlab/course_files/course/{lesson.name}.ipynb" in shipped
        for release in ROOT.glob("exercises/*/*.ipynb"):
            assert f"smmlab/course_files/{release.relative_to(ROOT).as_posix()}" in shipped
        assert "smmlab/course_files/course/catalog.toml" in shipped
        data = [p for suffix in ("toml", "json") for p in (ROOT / "src" / "smmlab").rglob(f"*.{suffix}")]
        missing = [p.name for p in data if p.relative_to(ROOT / "src").as_posix() not in names]
        assert data and not missing, f"package data left out of the wheel: {missing}"
        assert not [name for name in names if "solutions/" in name]
        for name in shipped:
            text = archive.read(name).decode("utf-8")
            assert not [leak for leak in LEAKS if leak in text], f"{name} carries a graded answer"


def test_smmlab_lab_outside_a_checkout_makes_a_workspace_whose_notebooks_all_run(venv, place):
    learner = place / "learner"
    learner.mkdir()
    process, printed, url = start_lab(venv, place, learner)
    try:
        assert f"copied the course into {learner}" in printed
        assert "/lab/tree/course/00-welcome.ipynb" in url
        assert fetch(url, place / "learner-lab.log") == 200
    finally:
        stop(process)
    assert (learner / "course" / "catalog.toml").is_file() and not (learner / "solutions").exists()

    jobs = [[str(learner / "course" / f"{lesson.name}.ipynb"), {}] for lesson in CATALOG.lessons]
    for release in sorted((learner / "exercises").glob("*/*.ipynb")):  # done, as a learner would
        jobs.append([str(release), solved(release)])
    assert len(jobs) > len(CATALOG.lessons)
    result = subprocess.run(
        [str(venv_bin(venv) / "python"), "-c", RUNNER],
        input=json.dumps(jobs),
        cwd=learner,
        env=learner_env(venv, place),
        capture_output=True,
        text=True,
        timeout=3000,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (place / "runner.log").write_text(result.stderr, encoding="utf-8")  # the kernels' own messages
    runs = {Path(run["path"]): run for run in json.loads(result.stdout)}
    for path, run in runs.items():
        where = run["where"]
        assert not run["errors"], f"{path}: {run['errors']}"
        assert str(venv) in where, f"{path}: the kernel imported smmlab from {where!r}, not the venv"
        assert not run["stderr"], f"{path}: {run['stderr']}"
    for lesson in CATALOG.lessons:
        assert runs[learner / "course" / f"{lesson.name}.ipynb"]["views"], f"{lesson.name}: no explorer shown"
    for lesson in lessons_with("exercise"):  # solved as the solutions solve it: every self-check says so
        shown = runs[learner / "exercises" / lesson.name / f"{lesson.name}.ipynb"]["shown"]
        assert "✔ Correct" in shown, f"{lesson.name}: no self-check passed"
        failed = [word for word in ("Incorrect", "Not attempted") if word in shown]
        assert not failed, f"{lesson.name}: a self-check says {failed}"


def test_smmlab_lab_update_brings_a_new_course_and_keeps_an_edited_notebook(venv, place):
    learner = place / "updating"
    learner.mkdir()
    process, _, _ = start_lab(venv, place, learner)
    stop(process)
    lesson = f"course/{CATALOG.lessons[1].name}.ipynb"
    other = f"course/{CATALOG.lessons[2].name}.ipynb"
    shipped = Path(
        subprocess.run(
            [
                str(venv_bin(venv) / "python"),
                "-c",
                "from smmlab import workspace; print(workspace.bundled())",
            ],
            cwd=place,
            env=learner_env(venv, place),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    assert shipped.is_relative_to(venv)
    mine = json.loads((learner / lesson).read_text(encoding="utf-8"))
    mine["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": ["my notes"]})
    (learner / lesson).write_text(json.dumps(mine), encoding="utf-8")
    for name in (lesson, other):  # a new course version is installed
        course = json.loads((shipped / name).read_text(encoding="utf-8"))
        course["cells"].append({"cell_type": "markdown", "id": "new", "metadata": {}, "source": ["new"]})
        (shipped / name).write_text(json.dumps(course), encoding="utf-8")

    process, printed, url = start_lab(venv, place, learner, "--update")
    try:
        assert fetch(url, place / "updating-lab.log") == 200
    finally:
        stop(process)
    beside = lesson.replace(".ipynb", ".updated.ipynb")
    assert f"you changed {lesson}: kept as it is; the new version is beside it as {beside}" in printed
    assert "my notes" in (learner / lesson).read_text(encoding="utf-8")
    assert (learner / beside).read_bytes() == (shipped / lesson).read_bytes()
    assert (learner / other).read_bytes() == (shipped / other).read_bytes()
