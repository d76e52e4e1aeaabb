"""Grading on a Dask cluster against ``--workers`` on the same cores: the cluster's overhead.

Builds synthetic submissions of exercise 01 (solution, blank and partly solved copies, as
``bench.grading`` does) in two scratch copies of the course, grades one with
:func:`smmlab.grading.autograde.autograde` on this machine's cores (a
:class:`~smmlab.grading.autograde.LocalExecutor` of one sandbox per core) and the other through a
``distributed.LocalCluster`` of one single-threaded worker process per core over TCP on
127.0.0.1 (:class:`~smmlab.grading.cluster.ClusterExecutor`), checks that both give every learner
the same score, and prints notebooks per second for each (best of ``ROUNDS`` alternating runs)
and their ratio, with the ratio of the execute phase alone.

Run ``python -m bench.cluster`` (``bench/__main__.py`` calls :func:`main`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

from bench.grading import ASSIGNMENT, _course_copy, _scores, _submissions

SUBMISSIONS = int(os.environ.get("SMMLAB_BENCH_SUBMISSIONS", "24"))
ROUNDS = int(os.environ.get("SMMLAB_BENCH_ROUNDS", "2"))


def main() -> None:
    """Print grading throughput on a local Dask cluster vs ``--workers`` and their ratio."""
    warnings.filterwarnings("ignore")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    os.environ.pop("SMMLAB_GRADEBOOK_URL", None)
    from distributed import LocalCluster

    from smmlab.grading.autograde import LocalExecutor, autograde
    from smmlab.grading.cluster import connect
    from smmlab.grading.course import Course

    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="smmlab-bench-cluster-") as scratch_name:
        scratch = Path(scratch_name)
        local, remote = (Course.open(_course_copy(scratch / n)) for n in ("local", "cluster"))
        for course in (local, remote):
            outcome = course.api().generate_assignment(ASSIGNMENT, force=True, create=True)
            assert outcome["success"], outcome.get("error")
        expected = _submissions(local.root, SUBMISSIONS)
        _submissions(remote.root, SUBMISSIONS)

        best: dict[str, tuple[float, object]] = {}

        def timed(name: str, course, executor) -> None:
            started = time.perf_counter()
            result = autograde(course, ASSIGNMENT, executor=executor, progress=False)
            seconds = time.perf_counter() - started
            assert not result.needs_attention, result.status.problems
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, result)

        with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, protocol="tcp",
                          host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=50) as cluster:
            started = time.perf_counter()
            executor = connect(cluster.scheduler_address)
            connect_seconds = time.perf_counter() - started
            try:
                for _ in range(ROUNDS):  # alternate, so a change in the machine's load hits both
                    timed("local", local, LocalExecutor(cores))
                    timed("cluster", remote, executor)
            finally:
                executor.close()
        (local_seconds, local_result), (cluster_seconds, cluster_result) = best["local"], best["cluster"]
        identical = _scores(local) == _scores(remote) == expected

    print(f"cluster: {SUBMISSIONS} submissions of {ASSIGNMENT} on {cores} core(s), "
          f"{cluster_result.isolation.level} sandbox")
    print(f"  --workers {cores} (this machine):           {local_seconds:6.1f} s  "
          f"{SUBMISSIONS / local_seconds:5.2f} notebooks/s")
    print(f"    phases: {local_result.phases}")
    print(f"  --cluster (LocalCluster, {cores} worker processes, TCP): {cluster_seconds:6.1f} s  "
          f"{SUBMISSIONS / cluster_seconds:5.2f} notebooks/s  (+{connect_seconds:.1f} s to connect "
          "and check the workers)")
    print(f"    phases: {cluster_result.phases}")
    print(f"  throughput ratio cluster / --workers:     {local_seconds / cluster_seconds:5.2f}x"
          "  (1.00x = no overhead; the same cores do the work)")
    execute = local_result.phases["execute"] / cluster_result.phases["execute"]
    record = local_result.phases["record"] / cluster_result.phases["record"]
    print(f"  execute phase alone:                      {execute:5.2f}x  (record phase, the same "
          f"code in both: {record:.2f}x, a gauge of load drift)")
    if load_before > 0.5:
        print(f"  note: load average {load_before:.1f} before the run; other work on this "
              "machine blurs the ratio")
    print(f"  identical grades: {identical} (solution 8, partial 3, blank 0 of 8 each)")
    if not identical:
        raise SystemExit("grades differ between --cluster and --workers")


if __name__ == "__main__":
    main()
