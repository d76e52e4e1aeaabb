"""The inventory with a class of 200, end to end: what a term's pre- and post-test costs.

Releases both forms in a scratch course, hands in a synthetic class (an item-response model with
planted learning effects, :mod:`smmlab.inventory.cohort`) as two LMS downloads, then times
``smmlab collect``, ``smmlab autograde`` (sandboxed, all cores) and ``smmlab inventory report``
through the real command line, and prints the planted and the recovered normalised gains.

Run ``python -m bench.inventory`` (``bench/__main__.py`` calls :func:`main`);
``SMMLAB_BENCH_LEARNERS`` sets the class size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
LEARNERS = int(os.environ.get("SMMLAB_BENCH_LEARNERS", "200"))
FORMS = ("inventory-pre", "inventory-post")


def _smmlab(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "SMMLAB_ROOT": str(root), "MPLBACKEND": "Agg"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "smmlab.cli", *args], cwd=root, env=env, capture_output=True, text=True
    )
    return time.perf_counter() - start, done


def main() -> None:
    from smmlab import inventory
    from smmlab.inventory.cohort import Cohort, expected, hand_in, simulate

    cohort = Cohort(learners=LEARNERS, effect={"myth-4": 0.0, "truth-9": 2.5})
    with tempfile.TemporaryDirectory(prefix="smmlab-inventory-") as scratch:
        root = Path(scratch) / "course"
        for name in FORMS:
            shutil.copytree(REPO / "solutions" / name, root / "solutions" / name)
        shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
        shutil.copytree(REPO / "course", root / "course")  # the catalog names the misconceptions' lessons
        seconds, done = _smmlab(root, "release", "-q")
        print(f"release both forms: {seconds:.1f} s")
        responses = simulate(inventory.load(), cohort, seed=1)
        archives = hand_in(responses, root / "exercises", Path(scratch) / "lms")
        graded = 0
        total = 0.0
        for archive in archives:
            for step in (
                ("collect", str(archive), "--assignment", archive.stem, "-q"),
                ("autograde", archive.stem, "-q"),
            ):
                seconds, done = _smmlab(root, *step)
                if done.returncode not in (0, 1):
                    print(done.stdout[-2000:], done.stderr[-2000:])
                    raise SystemExit(f"smmlab {step[0]} failed")
                print(f"{step[0]} {archive.stem}: {seconds:.1f} s")
                total += seconds if step[0] == "autograde" else 0.0
            graded += responses.query("phase == @archive.stem.removeprefix('inventory-')")[
                "learner"
            ].nunique()
        print(f"autograde: {graded} notebooks in {total:.1f} s, {graded / total:.2f} notebooks per second")
        seconds, done = _smmlab(root, "inventory", "report")
        print(f"inventory report: {seconds:.1f} s")
        truth = expected(inventory.load(), cohort)
        table = pd.read_csv(root / "reports" / "inventory-misconceptions.csv", index_col="misconception")
        learners = pd.read_csv(root / "reports" / "inventory-learners.csv", index_col="learner")
        pre, post = learners["pre"].mean(), learners["post"].mean()
        print(
            f"class gain: planted {truth.loc['class', 'gain']:.3f}, recovered {(post - pre) / (1 - pre):.3f} "
            f"({len(learners)} learners with both forms)"
        )
        joined = table.join(truth["gain"].rename("planted"))
        inside = (
            (joined["gain_low"] <= joined["planted"]) & (joined["planted"] <= joined["gain_high"])
        ).sum()
        print(f"misconception gains: {inside} of {len(joined)} 95% intervals contain the planted gain")


if __name__ == "__main__":
    main()
