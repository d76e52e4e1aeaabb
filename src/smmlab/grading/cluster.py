"""Grading on a Dask cluster: step 2 of ``smmlab autograde`` (execute) on the scheduler's workers.

``smmlab autograde A --cluster tcp://HOST:PORT`` grades exactly as ``--workers`` does, with
another executor (see :mod:`smmlab.grading.autograde`). The grading process prepares each
submission from the gradebook, sends each :class:`~smmlab.grading.autograde.Job` (the prepared
notebook, its files and its data seed) to the cluster, and records what comes back in the
gradebook itself. A worker gets:

- the jobs, one task each, and once per worker the course's ``course/`` folder (the catalog the
  exercises read);
- nothing else: no gradebook, no database address, no ``solutions/``.

On the worker, :func:`run_on_worker` writes ``course/`` into a private temporary folder and
calls the same :func:`~smmlab.grading.autograde.execute` as the local path, in the worker's own
sandbox (the isolation its machine allows). A worker that dies while it grades loses nothing:
the scheduler gives its tasks to another worker, and a task that kept killing workers comes back
as an error that names the learner.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from smmlab import __version__
from smmlab.grading import sandbox
from smmlab.grading.autograde import Job, Settings, execute

#: Seconds to wait for the scheduler to answer and for a first worker to join.
CONNECT_SECONDS = 10
ADDRESS = re.compile(r"^tcp://(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+):\d{1,5}$")
STRENGTH = [sandbox.LIMITS_ONLY, sandbox.USER_NAMESPACE, sandbox.NAMESPACES]


def course_files(course_root: Path) -> dict[str, bytes]:
    """The ``course/`` folder of the course being graded, by path relative to the course root."""
    folder = course_root / "course"
    return {path.relative_to(course_root).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.is_symlink() and ".ipynb_checkpoints" not in path.parts}


def run_on_worker(job: Job, settings: Settings, course: dict[str, bytes]) -> sandbox.Execution:
    """One task on a worker: step 2 for ``job`` in this machine's sandbox, then clean up."""
    root = Path(tempfile.mkdtemp(prefix="smmlab-worker-"))
    try:
        for name, data in course.items():
            target = root / "course-root" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        scratch = root / "scratch"
        scratch.mkdir(mode=0o700)
        return execute(job, settings, root / "course-root", scratch)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def worker_facts() -> tuple[str, sandbox.Isolation]:
    """This worker's smmlab version and the sandbox its machine allows (checked before grading)."""
    return __version__, sandbox.detect_isolation()


class ClusterExecutor:
    """Step 2 on the workers of a Dask ``distributed`` scheduler; make one with :func:`connect`."""

    def __init__(self, client, address: str, isolation: sandbox.Isolation, workers: int,
                 threads: int):
        self.client = client
        self.address = address
        self.isolation = isolation
        self.workers = workers
        self.threads = threads

    def describe(self) -> str:
        """Where the notebooks run."""
        return (f"cluster: {self.address}, {self.workers} worker(s), {self.threads} thread(s), "
                f"smmlab {__version__} on each")

    def execute_all(self, jobs: list[Job], settings: Settings, course_root: Path,
                    scratch: Path) -> Iterator[tuple[Job, sandbox.Execution]]:
        """Send every job to the cluster and yield each with its execution as it comes back."""
        from distributed import as_completed

        del scratch  # each worker makes its own
        if not jobs:
            return
        [course] = self.client.scatter([course_files(course_root)], broadcast=True, hash=False)
        run = uuid.uuid4().hex[:8]
        futures = {self.client.submit(run_on_worker, job, settings, course, pure=False,
                                      key=f"smmlab-{settings.assignment}-{job.learner}-{run}"):
                   job for job in jobs}
        try:
            for future in as_completed(futures, loop=self.client.loop):
                job = futures.pop(future)  # dropping the future frees its result on the worker
                try:
                    execution = future.result()
                except Exception as error:  # lost with its workers, or the cluster went away
                    execution = sandbox.Execution(
                        "error", f"the cluster could not run it: {type(error).__name__}: "
                        f"{_one_line(error)}")
                yield job, execution
        finally:
            self.client.cancel(list(futures))

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self.client.close()


def _unfit(found) -> str:
    if isinstance(found, BaseException):
        return f"cannot run smmlab: {_one_line(found)}"
    return f"has smmlab {found[0]}"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__


def connect(address: str, timeout: float = CONNECT_SECONDS) -> ClusterExecutor:
    """Connect to the scheduler at ``address`` and check its workers before any grading.

    Raises ``ValueError`` with one line when ``distributed`` is missing, the address is not
    ``tcp://HOST:PORT``, the scheduler does not answer, no worker joins, or a worker lacks this
    version of smmlab.
    """
    if not ADDRESS.match(address):
        raise ValueError(f"--cluster {address!r}: give the scheduler's address as tcp://HOST:PORT")
    try:
        from distributed import Client
    except ImportError:
        raise ValueError("--cluster needs Dask's distributed package: "
                         "pip install 'smmlab[cluster]'") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ValueError(f"cannot reach the Dask scheduler at {address}: "
                         f"{_one_line(error)}") from None
    try:
        return _checked(client, address, timeout)
    except BaseException:
        client.close()
        raise


def _checked(client, address: str, timeout: float) -> ClusterExecutor:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        raise ValueError(f"the Dask scheduler at {address} has no workers: start some with "
                         f"`dask worker {address}`") from None
    facts = client.run(worker_facts, on_error="return")
    wrong = sorted(f"{worker} {_unfit(found)}" for worker, found in facts.items()
                   if isinstance(found, BaseException) or found[0] != __version__)
    if wrong:
        raise ValueError(f"every worker needs smmlab {__version__} (pip install "
                         f"'smmlab[cluster]=={__version__}'): {'; '.join(wrong)}")
    found = {worker: isolation for worker, (_, isolation) in facts.items()}
    weakest = min(found.values(), key=lambda isolation: STRENGTH.index(isolation.level))
    levels = sorted({isolation.level for isolation in found.values()})
    detail = weakest.detail if len(levels) == 1 else \
        f"the weakest of {', '.join(levels)} on the workers: {weakest.detail}"
    isolation = sandbox.Isolation(weakest.level, weakest.unshare, detail)
    threads = sum(client.nthreads().values())
    return ClusterExecutor(client, address, isolation, len(facts), threads)
