"""Capacity of the workshop hub on this machine: memory per learner and explorer latency under load.

For each class size N (``SMMLAB_HUB_BENCH_SIZES``, default ``1,2,4,8``) a real hub (JupyterHub,
PAM users, LocalProcessSpawner; :mod:`smmlab.hub`) serves N simulated learners. Each learner's
server starts, a kernel runs every code cell of lesson 01 (as Run All does), then all N learners
move lesson 01's explorer at once, one move every ``THINK`` seconds (a person reading the figure),
``MOVES`` times each. Printed per N: memory per learner (RSS of all that learner's processes:
server and kernel), the explorer's round trip through the hub (proxy, server, kernel) at the
median and 95th percentile, and p95 as a ratio to the single learner's measured in the same
run. Then the largest N whose p95 stays under 500 ms, and learners per core and per GB.

Needs root (it makes Unix users ``smmbench-NN`` and deletes them afterwards).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hub"))

LESSON_MODULE = "smmlab.lessons.conversation_not_broadcast"
LESSON = ROOT / "course" / "01-conversation-not-broadcast.ipynb"
THINK = 1.0
MOVES = 12
BUDGET_MS = 500.0


def lesson_code() -> str:
    """Every code cell of lesson 01, in order."""
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def learner_rss(user: str) -> float:
    """Megabytes of resident memory of every process of ``user`` (their server and kernels)."""
    total = 0
    for process in psutil.process_iter(["username", "memory_info"]):
        if process.info["username"] == user and process.info["memory_info"]:
            total += process.info["memory_info"].rss
    return total / 2**20


def moves(kernel, seed: int, out: list[float], cpu: list[float]) -> None:
    """Move the explorer ``MOVES`` times, ``THINK`` seconds apart; append each round trip (ms)
    to ``out`` and the kernel's CPU time for the move (ms) to ``cpu``."""
    time.sleep((seed % 10) * THINK / 10)  # learners do not move in lockstep
    for step in range(MOVES):
        value = ((seed + step) % 11) / 10
        started = time.perf_counter()
        printed = kernel.run(f"_t = time.process_time(); _explorer.set(broadcast_share={value}); "
                             "print(1000 * (time.process_time() - _t))")
        out.append((time.perf_counter() - started) * 1000)
        cpu.append(float(printed.strip().splitlines()[-1]))
        time.sleep(THINK)


def measure(size: int) -> dict:
    """Serve ``size`` learners, run lesson 01 for each, move every explorer at once."""
    from hub_support import running_hub

    learners = [f"smmbench-{i:02d}" for i in range(1, size + 1)]
    with running_hub(learners, ["smmbench-teach"]) as hub:
        kernels = []
        for learner in learners:
            kernel = hub.server(learner).kernel()
            kernel.run(lesson_code(), timeout=600)
            kernel.run(f"import time\nfrom importlib import import_module\n"
                       f"_explorer = import_module({LESSON_MODULE!r}).explorer()\n_explorer.open()")
            kernels.append(kernel)
        rss = [learner_rss(learner) for learner in learners]
        timings: list[float] = []
        cpu: list[float] = []
        threads = [threading.Thread(target=moves, args=(k, i, timings, cpu)) for i, k in enumerate(kernels)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rss_after = [learner_rss(learner) for learner in learners]
    ordered = sorted(timings)
    return {
        "size": size,
        "rss_mb": statistics.mean(max(a, b) for a, b in zip(rss, rss_after, strict=True)),
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "cpu_ms": statistics.median(cpu),
    }


def main() -> None:
    if os.geteuid() != 0:
        print("bench.hub needs root (it makes Unix users): skipped")
        return
    sizes = [int(s) for s in os.environ.get("SMMLAB_HUB_BENCH_SIZES", "1,2,4,8").split(",")]
    cores = os.cpu_count() or 1
    memory_gb = psutil.virtual_memory().total / 2**30
    print(f"machine: {cores} cores, {memory_gb:.0f} GB; each learner moves lesson 01's explorer "
          f"{MOVES} times, one move every {THINK:g} s, all at once")
    print(f"{'learners':>8} {'MB/learner':>11} {'median ms':>10} {'p95 ms':>8} {'p95 / 1 learner':>16} "
          f"{'CPU ms/move':>12}")
    rows = []
    for size in sizes:
        row = measure(size)
        rows.append(row)
        ratio = row["p95_ms"] / rows[0]["p95_ms"]
        print(f"{size:>8} {row['rss_mb']:>11.0f} {row['median_ms']:>10.0f} {row['p95_ms']:>8.0f} "
              f"{ratio:>16.2f} {row['cpu_ms']:>12.0f}", flush=True)
    within = [r for r in rows if r["p95_ms"] < BUDGET_MS]
    if within:
        best = max(within, key=lambda r: r["size"])
        print(f"largest measured class with p95 under {BUDGET_MS:.0f} ms: {best['size']} learners "
              f"({best['size'] / cores:.1f} per core)")
    else:
        print(f"no measured class size keeps p95 under {BUDGET_MS:.0f} ms on this machine now "
              f"(load average {os.getloadavg()[0]:.1f} on {cores} cores)")
    rss = max(r["rss_mb"] for r in rows)
    cpu_ms = statistics.median(r["cpu_ms"] for r in rows)
    print(f"memory: {rss:.0f} MB per learner at most, so {1024 / rss:.1f} learners per GB")
    print(f"CPU: {cpu_ms:.0f} ms a move; one move every {THINK:g} s per learner with a core half "
          f"busy at most: {0.5 * THINK * 1000 / cpu_ms:.1f} learners per core")


if __name__ == "__main__":
    main()
