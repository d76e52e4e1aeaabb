"""Shared fixtures of the grading tests: a throwaway course copy and a throwaway PostgreSQL.

Nothing is written to the repository: every course lives in a temporary folder and every
gradebook, ``submitted/``, ``autograded/``, ``feedback/`` and ``reports/`` with it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "01-conversation-not-broadcast"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
VENV_BIN = str(Path(sys.executable).parent)

_spec = importlib.util.spec_from_file_location(
    "corpus", REPO / "tests" / "fixtures" / "submissions" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
#: The limits the corpus is graded under: its endless loop and its sleeper time out quickly.
CORPUS_LIMITS = ("--cell-timeout", "4", "--notebook-timeout", "40", "--memory-mb", "1536")
#: In the command line of the corpus's "sleeper" process (a leftover must be findable).
SLEEP_MARKER = str(900_000 + os.getpid() % 90_000)


def make_course(destination: Path) -> Path:
    """Copy the course with exercise 01 (no gradebook, no submissions) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "course", destination / "course")
    for name in ("solutions", "exercises"):  # only exercise 01: the others are not graded here
        shutil.copytree(REPO / name / ASSIGNMENT, destination / name / ASSIGNMENT)
    shutil.copy(REPO / "nbgrader_config.py", destination / "nbgrader_config.py")
    return destination


def run_smmlab(course_root: Path, *args: str, env: dict | None = None,
               timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the ``smmlab`` command in ``course_root`` and return its result."""
    environment = {**os.environ, **(env or {}), "SMMLAB_ROOT": str(course_root)}
    environment["PATH"] = VENV_BIN + os.pathsep + environment.get("PATH", "")
    return subprocess.run([sys.executable, "-m", "smmlab.cli", *args], cwd=course_root,
                          env=environment, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(autouse=True)
def _tools_on_path(monkeypatch):
    monkeypatch.setenv("PATH", VENV_BIN + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.delenv("SMMLAB_GRADEBOOK_URL", raising=False)


@pytest.fixture(scope="module")
def released_course(tmp_path_factory) -> Path:
    """A course copy with the assignment released (so its gradebook knows the hidden tests)."""
    root = make_course(tmp_path_factory.mktemp("course"))
    result = run_smmlab(root, "release", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def copy_course(root: Path, destination: Path) -> Path:
    """A twin of a course (gradebook, submissions and all) at ``destination``."""
    shutil.copytree(root, destination, symlinks=True)
    return destination


def build_corpus(root: Path, port: int, sleep_marker: str) -> None:
    """Release the assignment in ``root`` and hand in every case of the hostile corpus."""
    released = run_smmlab(root, "release", "-q")
    assert released.returncode == 0, released.stdout + released.stderr
    corpus.build(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                 root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", root / "submitted",
                 {"course_root": str(root), "package_root": str(REPO), "port": port,
                  "sleep_marker": sleep_marker})


@pytest.fixture(scope="session")
def corpus_graded(tmp_path_factory) -> dict:
    """The corpus graded by ``smmlab autograde --workers 2`` while a listener waits for the
    connections its hostile code tries: once per test process, for ``test_autograde`` (which goes
    on to feedback, export and report in ``root``) and ``test_cluster`` (which compares a cluster's
    grades with ``pristine``, a copy of ``root`` made right after grading).

    Returns
    -------
    dict
        ``root``, ``pristine``, ``result`` (the command's), ``received`` (what the listener got).
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    received: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            received.append(connection.recv(16) or b"connected")
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    root = make_course(tmp_path_factory.mktemp("corpus") / "course")
    try:
        build_corpus(root, listener.getsockname()[1], SLEEP_MARKER)
        result = run_smmlab(root, "autograde", ASSIGNMENT, "--workers", "2", *CORPUS_LIMITS, "-q")
    finally:
        stop.set()
        thread.join()
        listener.close()
    pristine = copy_course(root, root.parent / "pristine")
    return {"root": root, "pristine": pristine, "result": result, "received": received}


#: The class of ``smmlab rehearse`` the term and cluster tests take through a term, the smallest
#: with every kind of learner they check: seed 0 gives 6 solutions and 6 blanks, two broken files
#: (one per LMS), one never handed in, three late (one a solution), one resubmitted and one
#: same-name pair.
CLASS_SIZE, CLASS_SEED = 15, 0


@pytest.fixture(scope="session")
def rehearsed_class(tmp_path_factory) -> dict:
    """A rehearsed class taken through its term's commands up to and with ``smmlab autograde``
    (with the default workers): once per test process, for ``test_term`` (which goes on to the
    exports and a regrade in the rehearsal's own folder) and ``test_cluster`` (which grades
    ``ungraded``, a copy made just before the autograde, on a cluster, and compares it with
    ``graded``, a copy made right after).

    Returns
    -------
    dict
        ``rehearsal``, ``done`` (each command line run: its completed process), ``autograde``
        (the autograde's), ``ungraded``, ``graded``, and ``rest`` (the command lines after the
        autograde, not run).
    """
    from smmlab.grading.rehearsal import rehearse

    folder = tmp_path_factory.mktemp("class")
    rehearsal = rehearse(folder / "course", "01", CLASS_SIZE, seed=CLASS_SEED)
    commands, done = rehearsal.commands(), {}
    for index, line in enumerate(commands):
        grading = line.startswith("smmlab autograde")
        if grading:
            ungraded = copy_course(rehearsal.root, folder / "ungraded")
        done[line] = run_smmlab(rehearsal.root, *line.split()[1:], "-q", timeout=1800)
        assert done[line].returncode in (0, 1), f"{line}:\n{done[line].stdout}\n{done[line].stderr}"
        assert "Traceback" not in done[line].stderr, done[line].stderr
        if grading:
            graded = copy_course(rehearsal.root, folder / "graded")
            return {"rehearsal": rehearsal, "done": done, "autograde": done[line],
                    "ungraded": ungraded, "graded": graded, "rest": commands[index + 1:]}
    raise AssertionError(f"the rehearsal's commands have no autograde: {commands}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL 15 server in a temporary folder, run by the ``postgres`` user; its URL.

    The folder is made directly in the temporary directory (pytest's own is private to root,
    and the server must not run as root).
    """
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is needed for the gradebook tests: apt-get install postgresql "
                    "(.ci/run does it)")
    folder = Path(tempfile.mkdtemp(prefix="smmlab-postgres-"))
    os.chmod(folder, 0o755)
    data = folder / "data"
    port = _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    made = subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-D", str(data), "-U", "grader",
                           "--auth=trust", "-E", "UTF8"], capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    log = folder / "server.log"
    subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                    "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"],
                   check=True, capture_output=True)
    try:
        url = f"postgresql://grader@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                import psycopg2

                psycopg2.connect(url).close()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
