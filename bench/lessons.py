"""Explorer update latency and lesson notebook execution time, per lesson.

Latency: each control is swept across its range (eleven settings for a slider, every option of a
choice) and the time from ``explorer.set`` to the redrawn figure is recorded; the median and
95th percentile are printed. Execution: each lesson notebook runs once in a fresh kernel.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import nbformat
import numpy as np
from nbclient import NotebookClient

from smmlab import catalog
from smmlab.lessons import module_for

ROOT = Path(__file__).resolve().parent.parent


def sweep_values(control) -> list:
    """Settings to visit for one control."""
    if hasattr(control, "options"):
        return list(control.options.values())
    return [float(v) for v in np.linspace(control.low, control.high, 11)]


def explorer_latency(module_name: str) -> list[float]:
    """Seconds per update over a sweep of every control."""
    explorer = module_for(module_name).explorer()
    explorer.open()  # past the predict-first hold: measure the full redraw
    timings = []
    for control in explorer.controls:
        start_value = explorer.values[control.name]
        for value in sweep_values(control):
            started = time.perf_counter()
            explorer.set(**{control.name: value})
            timings.append(time.perf_counter() - started)
        explorer.set(**{control.name: start_value})
    return timings


def notebook_seconds(path: Path) -> float:
    """Wall time to run a notebook top to bottom in a fresh kernel (kernel start included)."""
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return time.perf_counter() - started


def main() -> None:
    os.environ.pop("MPLBACKEND", None)
    print("Lessons: explorer update latency (sweep of every control) and notebook execution time")
    print(f"{'lesson':<34}{'updates':>8}{'median ms':>11}{'p95 ms':>9}{'notebook s':>12}")
    for lesson in catalog.load().lessons:
        notebook = ROOT / "course" / f"{lesson.name}.ipynb"
        if not notebook.exists():
            continue
        try:
            timings = explorer_latency(lesson.name)
        except ModuleNotFoundError:
            timings = []
        median = statistics.median(timings) * 1000 if timings else float("nan")
        p95 = float(np.percentile(timings, 95)) * 1000 if timings else float("nan")
        print(
            f"{lesson.name:<34}{len(timings):>8}{median:>11.0f}{p95:>9.0f}{notebook_seconds(notebook):>12.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
