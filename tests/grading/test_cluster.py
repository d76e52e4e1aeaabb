"""``smmlab autograde --cluster``: the same grades as ``--workers``, on a real Dask cluster.

A ``distributed.LocalCluster`` with two worker processes over TCP on 127.0.0.1 grades the
hostile-submission corpus and a synthetic class (``smmlab rehearse``: Canvas and Moodle
files, late and broken ones), each in a twin of a course graded locally (the corpus and the class
that ``test_autograde`` and ``test_term`` go on with, from ``conftest``), and every learner must
end with the same status, reason and score for every cell. During the class's cluster run a
worker process is killed while it grades: no submission is lost, and the gradebook holds each
one graded exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import distributed
import pytest

from smmlab.grading import status as status_store
from smmlab.grading.course import Course

from .conftest import (
    ASSIGNMENT,
    CLASS_SIZE,
    CORPUS_LIMITS,
    VENV_BIN,
    build_corpus,
    corpus,
    make_course,
    run_smmlab,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]

@pytest.fixture(scope="module")
def cluster():
    """Two worker processes (one thread each) and a scheduler, all on 127.0.0.1 over TCP."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  protocol="tcp", host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                  silence_logs=50) as local:
        with distributed.Client(local, set_as_default=False) as client:
            yield local, client


def outcome(root: Path, assignment: str) -> dict[str, dict]:
    """Per learner: status, reason, autograded score, late penalty and every cell's score, read
    back from the gradebook database; ``_submissions`` counts the gradebook's rows per learner."""
    course = Course.open(root)
    found: dict[str, dict] = {}
    for learner, state in status_store.load(course, assignment).learners.items():
        found[learner] = {"status": state.status, "reason": state.reason,
                          "score": state.autograded_score}
    rows: dict[str, int] = {}
    with course.gradebook() as gb:
        for submission in gb.find_assignment(assignment).submissions:
            learner = submission.student.id
            rows[learner] = rows.get(learner, 0) + 1
            cells = found.setdefault(learner, {}).setdefault("cells", {})
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    cells[f"{notebook.name}/{grade.name}"] = (grade.auto_score, grade.max_score)
            found[learner]["late penalty"] = submission.late_submission_penalty
    found["_submissions"] = rows
    return found


@pytest.fixture(scope="module")
def corpus_twins(tmp_path_factory, cluster, corpus_graded):
    """The corpus graded with ``--workers 2`` (``conftest.corpus_graded``, as it was right after
    grading) and in a twin course on the cluster."""
    local_cluster, _ = cluster
    root = make_course(tmp_path_factory.mktemp("corpus-cluster"))
    build_corpus(root, 9, str(910_000 + os.getpid() % 80_000))
    done = run_smmlab(root, "autograde", ASSIGNMENT, "--cluster", local_cluster.scheduler_address,
                      *CORPUS_LIMITS, "-q")
    local = corpus_graded["result"]
    assert "Traceback" not in local.stderr + done.stderr, local.stderr + done.stderr
    return {"local": (local, outcome(corpus_graded["pristine"], ASSIGNMENT)),
            "cluster": (done, outcome(root, ASSIGNMENT))}


def test_the_corpus_gets_the_same_grades_on_the_cluster_as_locally(corpus_twins):
    (local_run, local), (cluster_run, on_cluster) = corpus_twins["local"], corpus_twins["cluster"]
    assert cluster_run.returncode == local_run.returncode == 1, cluster_run.stdout
    assert "cluster: tcp://127.0.0.1:" in cluster_run.stdout
    assert "sandbox: namespaces" in cluster_run.stdout
    assert set(on_cluster) == set(local) >= set(corpus.EXPECTED)
    for learner in corpus.EXPECTED:
        assert on_cluster[learner] == local[learner], learner
    for learner, (status, score, _) in corpus.EXPECTED.items():
        assert on_cluster[learner]["status"] == status, (learner, on_cluster[learner])
        assert score is None or on_cluster[learner]["score"] == score, learner
    assert "CHECKS FAILED" not in cluster_run.stdout


def test_learner_code_on_a_worker_cannot_read_the_gradebook_or_reach_the_network(corpus_twins):
    import nbformat

    cluster_run, on_cluster = corpus_twins["cluster"]
    root = Path(cluster_run.stdout.splitlines()[0].removeprefix("course: "))
    nb = nbformat.read(root / "autograded" / "snoop" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")
    attempts = text[text.index("SNOOP"):]
    assert "READ" not in attempts and "UPDATED" not in attempts, attempts
    assert on_cluster["snoop"]["score"] == 8


def _worker_pid_while_grading(client, deadline_seconds: float = 300) -> tuple[int, str]:
    """Wait until a worker is grading a submission; return its process id and the task's key."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            grading = [k for k in keys if str(k).startswith("smmlab-")]
            if grading:
                time.sleep(1.0)  # let its sandbox start: the kill lands mid-notebook
                pid = client.run(os.getpid, workers=[worker])[worker]
                return pid, str(grading[0])
        time.sleep(0.2)
    raise AssertionError("no worker started grading")


@pytest.fixture(scope="module")
def class_twins(cluster, rehearsed_class):
    """The rehearsed class (``conftest.rehearsed_class``) as graded locally, and its twin copied
    before that grading, graded on the cluster, whose busy worker is killed mid-run."""
    local_cluster, client = cluster
    rehearsal, cluster_root = rehearsed_class["rehearsal"], rehearsed_class["ungraded"]
    assignment = rehearsal.assignment
    local_run = rehearsed_class["autograde"]
    environment = {**os.environ, "SMMLAB_ROOT": str(cluster_root),
                   "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", "")}
    grading = subprocess.Popen(
        [sys.executable, "-m", "smmlab.cli", "autograde", assignment, "--cluster",
         local_cluster.scheduler_address, "-q"],
        cwd=cluster_root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        pid, key = _worker_pid_while_grading(client)
        os.kill(pid, signal.SIGKILL)
        stdout, stderr = grading.communicate(timeout=1800)
    finally:
        if grading.poll() is None:
            grading.kill()
            grading.communicate()
    cluster_run = subprocess.CompletedProcess(grading.args, grading.returncode, stdout, stderr)
    return {"rehearsal": rehearsal, "killed": key, "killed_pid": pid,
            "local": (local_run, outcome(rehearsed_class["graded"], assignment)),
            "cluster": (cluster_run, outcome(cluster_root, assignment))}


def test_a_class_gets_the_same_grades_per_learner_and_cell_on_the_cluster(class_twins):
    (local_run, local), (cluster_run, on_cluster) = class_twins["local"], class_twins["cluster"]
    assert "Traceback" not in cluster_run.stderr, cluster_run.stderr
    assert cluster_run.returncode == local_run.returncode, cluster_run.stdout
    graded = [k for k, v in local.items() if k != "_submissions" and v["status"] == "graded"]
    assert len(graded) >= CLASS_SIZE * 0.7, local_run.stdout
    assert on_cluster == local
    assert any(v.get("late penalty") for k, v in local.items() if k != "_submissions")


def test_a_worker_killed_mid_run_loses_no_submission(class_twins, cluster):
    _, client = cluster
    cluster_run, on_cluster = class_twins["cluster"]
    killed = class_twins["killed"].split(f"-{class_twins['rehearsal'].assignment}-", 1)[1]
    learner = killed.rsplit("-", 1)[0]
    assert on_cluster[learner]["status"] == "graded", cluster_run.stdout
    assert f"  {learner}: " in cluster_run.stdout
    assert class_twins["killed_pid"] not in client.run(os.getpid).values(), "the worker was killed"
    submitted = {p.id for p in class_twins["rehearsal"].people if p.kind is not None}
    graded = {k for k, v in on_cluster.items() if k != "_submissions" and v["status"] == "graded"}
    assert graded <= submitted
    assert set(on_cluster["_submissions"]) >= graded
    assert all(count == 1 for count in on_cluster["_submissions"].values())
    assert all(learner in cluster_run.stdout for learner in submitted), "each one graded or named"


def test_an_unreachable_scheduler_is_one_line_exit_2_and_changes_nothing(released_course):
    before = sorted(p.relative_to(released_course) for p in released_course.rglob("*"))
    gradebook = (released_course / "gradebook.db").read_bytes()
    done = run_smmlab(released_course, "autograde", ASSIGNMENT, "--cluster", "tcp://127.0.0.1:9")
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("smmlab: cannot reach the Dask scheduler at tcp://127.0.0.1:9"), lines
    assert sorted(p.relative_to(released_course) for p in released_course.rglob("*")) == before
    assert (released_course / "gradebook.db").read_bytes() == gradebook


def test_workers_without_smmlab_are_refused_before_any_grading(released_course):
    """A worker whose Python has distributed but not smmlab (site-packages without its .pth)."""
    with distributed.LocalCluster(n_workers=0, processes=True, protocol="tcp", host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=50) as bare:
        environment = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
        worker = subprocess.Popen(
            [sys.executable, "-S", "-m", "distributed.cli.dask_worker", bare.scheduler_address,
             "--no-nanny", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            done = run_smmlab(released_course, "autograde", ASSIGNMENT, "--cluster",
                              bare.scheduler_address)
        finally:
            worker.kill()
            worker.wait()
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("smmlab: every worker needs smmlab 0.1.0"), lines
    assert "No module named 'smmlab'" in lines[0]
    assert not (released_course / "autograded").exists()
