"""Run one learner's notebook where it cannot reach grades, answers, other learners or the network.

:func:`detect_isolation` finds out once what this machine allows; :func:`execute_notebook` runs a
prepared notebook in a child process (:mod:`smmlab.grading.runner`) and returns the executed
notebook or the reason it could not be run.

Isolation levels, strongest first:

``namespaces``
    Running as root: new mount, network and PID namespaces (``unshare``); private folders hidden
    behind empty file systems; the kernel runs under its own unused user id, so it cannot read
    other learners' workspaces either; no new privileges.
``user-namespace``
    Not root, but unprivileged user namespaces work: the same namespaces and hidden folders, the
    kernel keeps the grader's user id but loses every capability.
``limits-only``
    No namespaces: resource limits, a new session and a kill of its process group only. The
    learner's code can read anything the grader can. The commands say so loudly.

Every level applies the time limits (per cell and per notebook), a memory limit (address
space), a process limit, a file-size limit, a CPU-time limit and an output cap per cell.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from smmlab.checks import SEED_VARIABLE
from smmlab.grading import jail as _jail_module

JAIL_SCRIPT = Path(_jail_module.__file__).resolve()
NAMESPACES = "namespaces"
USER_NAMESPACE = "user-namespace"
LIMITS_ONLY = "limits-only"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one notebook.

    Parameters
    ----------
    cell_seconds
        Wall-clock time per learner cell before the kernel is interrupted.
    setup_seconds
        Wall-clock time for the instructor's read-only code cells (set-up and tests, restored from
        the gradebook before grading): importing libraries and simulating data is slow on a busy
        machine, and such cells hold no learner code.
    notebook_seconds
        Wall-clock time for the whole notebook, kernel start included, before everything is killed.
    memory_megabytes
        Address-space limit of the kernel.
    processes
        Most processes (threads count) the learner's user id may have.
    file_megabytes
        Largest file the kernel may write; also the size of each empty file system.
    output_kilobytes
        Output kept per cell; beyond it the cell is interrupted and the rest dropped.
    """

    cell_seconds: int = 60
    setup_seconds: int = 120
    notebook_seconds: int = 300
    memory_megabytes: int = 3072
    processes: int = 256
    file_megabytes: int = 64
    output_kilobytes: int = 1024


@dataclass(frozen=True)
class Isolation:
    """What the sandbox can use on this machine, found by :func:`detect_isolation`."""

    level: str
    unshare: str | None
    detail: str

    @property
    def hides_private_files(self) -> bool:
        """True when the learner's code cannot see the gradebook, ``solutions/`` or other learners."""
        return self.level in (NAMESPACES, USER_NAMESPACE)

    def describe(self) -> str:
        """One line for the command's summary."""
        return f"sandbox: {self.level} ({self.detail})"


@dataclass
class Execution:
    """Outcome of running one notebook in the sandbox."""

    outcome: str  # "executed", "timed out", "kernel died", "error"
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    notebook: nbformat.NotebookNode | None = None
    seconds: float = 0.0
    leftover_processes: int = 0

    @property
    def ok(self) -> bool:
        """True when the notebook ran to its end (cells may still have failed)."""
        return self.outcome == "executed" and self.notebook is not None


def _probe(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@functools.cache
def detect_isolation() -> Isolation:
    """Try namespaces as root, then user namespaces, and report what works."""
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or not unshare:
        return Isolation(LIMITS_ONLY, None, "no `unshare` on this system: learner code can read "
                         "what the grader can read; grade on Linux with util-linux installed")
    base = [unshare, "--mount", "--net", "--pid", "--fork", "--mount-proc", "--kill-child"]
    probe = [sys.executable, "-I", "-S", "-c", "import os; os.stat('/proc/self')"]
    if os.geteuid() == 0 and _probe([*base, *probe]):
        return Isolation(NAMESPACES, unshare, "mount, network and PID namespaces; own user id "
                         "per submission; resource limits")
    user = [unshare, "--user", "--map-root-user", *base[1:]]
    if _probe([*user, *probe]):
        return Isolation(USER_NAMESPACE, unshare, "user, mount, network and PID namespaces; no "
                         "capabilities; resource limits (not root: no separate user id)")
    return Isolation(LIMITS_ONLY, None, "namespaces are not available here (not root and "
                     "unprivileged user namespaces are off): learner code can read what the "
                     "grader can read, including the gradebook")


def sandbox_uid(index: int) -> int:
    """An unused user id for submission ``index`` of this grading run (distinct per run)."""
    return 1_500_000_000 + (os.getpid() % 100_000) * 1_000 + index % 1_000


def _python_paths() -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.realpath(sys.executable)}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    paths.add(str(Path(__file__).resolve().parents[2]))  # the smmlab package (src layout or site)
    return sorted(paths)


def private_places(course_root: Path) -> list[str]:
    """Folders hidden from learner code: temporary places, the course, the grader's home."""
    places = ["/tmp", "/var/tmp", "/dev/shm", "/run", "/var/run", "/home", "/root",
              str(course_root), str(Path.home()), tempfile.gettempdir()]
    package_checkout = Path(__file__).resolve().parents[3]
    if (package_checkout / "pyproject.toml").exists():
        places.append(str(package_checkout))
    return [p for p in places if os.path.isdir(p) and os.path.realpath(p) != "/"]


def sandbox_env(course_root: Path, workspace: str) -> dict[str, str]:
    """The only environment variables learner code sees (no database address, no secrets)."""
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin",
                                 "/bin"]),
        "HOME": workspace,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "SMMLAB_ROOT": str(course_root),
        "MPLCONFIGDIR": workspace + "/.matplotlib",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_PLATFORM_DIRS": "1",
    }


def _processes_of(uid: int) -> list[int]:
    """Processes of ``uid`` that still exist, zombies (already dead, awaiting their parent) aside."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            dead = fields.get("State", "").strip().startswith(("Z", "X"))
            if int(fields.get("Uid", "-1").split()[0]) == uid and not dead:
                found.append(int(entry.name))
    return found


def kill_leftovers(uid: int, wait_seconds: float = 10.0) -> int:
    """Kill any process still running as the sandbox's ``uid`` and wait until they are gone.

    Returns how many there were. A killed kernel with a large address space takes a moment to
    tear down on a busy machine, so the kill is repeated until ``/proc`` shows none of them.
    """
    leftovers = _processes_of(uid)
    deadline = time.monotonic() + wait_seconds
    remaining = leftovers
    while remaining and time.monotonic() < deadline:
        for pid in remaining:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.05)
        remaining = _processes_of(uid)
    return len(leftovers)


def execute_notebook(
    notebook: nbformat.NotebookNode,
    *,
    files: dict[str, bytes],
    course_root: Path,
    assignment: str,
    index: int,
    limits: Limits,
    extra_arguments: list[str],
    scratch: Path,
    isolation: Isolation | None = None,
    data_seed: int | None = None,
) -> Execution:
    """Run ``notebook`` in the sandbox and return what happened.

    Parameters
    ----------
    notebook
        The prepared notebook (locked and test cells already restored by nbgrader).
    files
        Other files of the submission, by path relative to the assignment folder.
    course_root
        The course being graded (hidden from learner code, except ``course/``).
    assignment
        Assignment name; the notebook is ``<assignment>.ipynb`` in the workspace.
    index
        Position of the submission in this run (picks its user id).
    limits
        Time, memory, process, file and output limits.
    extra_arguments
        Extra kernel arguments (from ``Execute.extra_arguments``).
    scratch
        A private (0700) folder of the grader where the job folder is made.
    isolation
        What to use; default: :func:`detect_isolation`.
    data_seed
        The seed of the exercise data the notebook loads (``SMMLAB_EXERCISE_SEED``): grading
        runs the learner's code on a draw the learner never saw (see :func:`grading_seed`).
    """
    isolation = isolation or detect_isolation()
    started = time.monotonic()
    job_dir = Path(tempfile.mkdtemp(prefix=f"job{index:04d}-", dir=scratch))
    workspace = f"/tmp/grading/{assignment}" if isolation.hides_private_files \
        else str(job_dir / "workspace" / assignment)
    uid = sandbox_uid(index) if isolation.level == NAMESPACES else -1
    notebook_name = f"{assignment}.ipynb"
    all_files = {**files, notebook_name: nbformat.writes(notebook).encode("utf-8")}
    (job_dir / "files").mkdir()
    for name, data in all_files.items():
        target = job_dir / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    jail = [sys.executable, "-I", "-S", str(JAIL_SCRIPT),
            "--memory-bytes", str(limits.memory_megabytes * 2**20),
            "--processes", str(limits.processes if uid >= 0 else 0),
            "--file-bytes", str(limits.file_megabytes * 2**20),
            "--cpu-seconds", str(limits.notebook_seconds)]
    if uid >= 0:
        jail += ["--uid", str(uid), "--gid", str(uid)]
    elif isolation.level == USER_NAMESPACE:
        jail += ["--drop-capabilities"]
    job = {
        "notebook": notebook_name,
        "files": sorted(all_files),
        "workspace": workspace,
        "uid": uid,
        "gid": uid,
        "cell_timeout": limits.cell_seconds,
        "setup_timeout": max(limits.setup_seconds, limits.cell_seconds),
        "startup_timeout": max(30, limits.cell_seconds),
        "max_output_bytes": limits.output_kilobytes * 1024,
        "extra_arguments": extra_arguments,
        "jail_command": jail,
        "hide": isolation.hides_private_files,
        "network_namespace": isolation.hides_private_files,
        "hidden": [*private_places(course_root), str(scratch)],
        "visible": [*_python_paths(), str(course_root / "course")],
        "tmpfs_megabytes": max(limits.file_megabytes * 4, 64),
    }
    (job_dir / "job.json").write_text(json.dumps(job), encoding="utf-8")
    command = [sys.executable, "-m", "smmlab.grading.runner", str(job_dir)]
    if isolation.level == NAMESPACES:
        command = [isolation.unshare, "--mount", "--net", "--pid", "--fork", "--mount-proc",
                   "--kill-child", *command]
    elif isolation.level == USER_NAMESPACE:
        command = [isolation.unshare, "--user", "--map-root-user", "--mount", "--net", "--pid",
                   "--fork", "--mount-proc", "--kill-child", *command]
    if setpriv := shutil.which("setpriv"):  # the sandbox dies with its grader: a killed worker leaves none
        command = [setpriv, "--pdeathsig", "KILL", "--", *command]
    env = sandbox_env(course_root, workspace)
    if data_seed is not None:  # the grading draw of the exercise data (see smmlab.checks)
        env[SEED_VARIABLE] = str(data_seed)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p and os.path.isdir(p))
    with open(job_dir / "runner.log", "wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   env=env, cwd=str(job_dir), start_new_session=True)
        try:
            process.wait(timeout=limits.notebook_seconds)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
    leftovers = kill_leftovers(uid) if uid >= 0 else 0
    execution = _read_result(job_dir, timed_out, limits)
    execution.seconds = time.monotonic() - started
    execution.leftover_processes = leftovers
    shutil.rmtree(job_dir, ignore_errors=True)
    return execution


def _read_result(job_dir: Path, timed_out: bool, limits: Limits) -> Execution:
    if timed_out:
        return Execution("timed out", f"the notebook ran longer than {limits.notebook_seconds} s "
                         "and was stopped")
    try:
        result = json.loads((job_dir / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log = (job_dir / "runner.log").read_text(encoding="utf-8", errors="replace")[-600:]
        return Execution("error", f"the sandbox stopped without a result: {log.strip()}")
    execution = Execution(result["outcome"], result.get("reason", ""), result.get("notes", []))
    executed = job_dir / "executed.ipynb"
    if execution.outcome == "executed" and executed.exists():
        execution.notebook = nbformat.read(executed, as_version=4)
    return execution


def grading_seed(assignment: str, learner: str) -> int:
    """The seed of a learner's grading draw: stable for regrades, different per learner.

    ``$SMMLAB_GRADING_SALT`` (a secret of the instructor's) makes it unpredictable to learners;
    without it the draw still differs from the published one and between learners, so a number
    copied from the published data or from a classmate does not carry over.
    """
    import hashlib

    salt = os.environ.get("SMMLAB_GRADING_SALT", "")
    digest = hashlib.sha256(f"{salt}|{assignment}|{learner}".encode()).hexdigest()
    return 10_000 + int(digest[:8], 16) % 1_000_000_000
