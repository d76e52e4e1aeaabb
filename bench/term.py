"""A term for 300 learners, end to end: how long each instructor command takes.

``smmlab rehearse`` writes a synthetic class of ``SMMLAB_BENCH_LEARNERS`` (default 300: Canvas
and Moodle downloads, same-name pairs, late and resubmitted files, non-submitters, broken files);
then the term's commands run through the real command line: release, two roster imports, the
deadline, two collects, autograde (sandboxed, all cores), a regrade of one learner, both LMS
exports and the feedback bundle. Prints each step's time, the whole run's, and autograde's
notebooks per second.

Run ``python -m bench.term`` (``bench/__main__.py`` calls :func:`main`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LEARNERS = int(os.environ.get("SMMLAB_BENCH_LEARNERS", "300"))


def _smmlab(root: Path, line: str) -> float:
    env = {**os.environ, "SMMLAB_ROOT": str(root), "MPLBACKEND": "Agg"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    command = [sys.executable, "-m", "smmlab.cli", *line.split()[1:], "-q"]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{line} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    from smmlab.grading.rehearsal import rehearse

    with tempfile.TemporaryDirectory(prefix="smmlab-term-") as scratch:
        start = time.perf_counter()
        rehearsal = rehearse(Path(scratch) / "course", "01", LEARNERS, seed=0)
        print(f"rehearse ({LEARNERS} learners): {time.perf_counter() - start:.1f} s")
        total = time.perf_counter() - start
        handed_in = sum(p.kind is not None for p in rehearsal.people)
        broken = next(p for p in rehearsal.people if p.kind == "broken")
        lines = rehearsal.commands()
        lines.insert(
            lines.index(next(x for x in lines if x.startswith("smmlab autograde"))) + 1,
            f"smmlab autograde 01 --learner {broken.id}",
        )
        for line in lines:
            seconds = _smmlab(rehearsal.root, line)
            total += seconds
            rate = (
                f" ({handed_in / seconds:.2f} notebooks per second)" if line == "smmlab autograde 01" else ""
            )
            print(f"{line}: {seconds:.1f} s{rate}")
        print(f"whole term for {LEARNERS} learners: {total:.1f} s")


if __name__ == "__main__":
    main()
