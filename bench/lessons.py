"""Explorer update latency and lesson notebook execution time, per lesson.

Latency: each control is swept across its range (eleven settings for a slider, every option of a
choice) and the time from ``explorer.set`` to the redrawn figure and headlines is recorded; the
median and 95th percentile are printed. Beside them, the same sweep redrawn the way explorers
drew before issue 13 (a fresh figure without a kept canvas, PNG at zlib's default level), measured
in the same run, and the ratio of the two 95th percentiles. Execution: each lesson notebook runs
once in a fresh kernel (``python -m bench.lessons --no-notebooks`` skips it).
"""

from __future__ import annotations

import base64
import io
import os
import statistics
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
from matplotlib.figure import Figure
from nbclient import NotebookClient

from smmlab import catalog, style
from smmlab.lessons import module_for

ROOT = Path(__file__).resolve().parent.parent


def sweep_values(control) -> list:
    """Settings to visit for one control."""
    if hasattr(control, "options"):
        return list(control.options.values())
    return [float(v) for v in np.linspace(control.low, control.high, 11)]


def sweep(explorer) -> list[dict]:
    """Control values visited by a sweep: each control across its range, the others as they start."""
    start = explorer.values
    return [
        {**start, control.name: value} for control in explorer.controls for value in sweep_values(control)
    ]


def redraw_afresh(explorer, values: dict) -> None:
    """One update as explorers drew before issue 13: a new figure, a new canvas, PNG at level 6."""
    result = explorer.compute(**values)
    figure = Figure(figsize=explorer.figure_size)
    with style.styled():
        explorer.render(result, figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", facecolor="white")
    base64.b64encode(buffer.getvalue())


def explorer_latency(module_name: str) -> dict[str, list[float]]:
    """Seconds per update over a sweep of every control, the explorer's own and the old way's.

    The two alternate, setting by setting, so both see the same load on the machine. Keys:
    ``now``/``before`` (wall clock), ``now_cpu``/``before_cpu`` (this process's CPU time, which a
    machine shared with other work disturbs far less).
    """
    explorer = module_for(module_name).explorer()
    explorer.open()  # past the predict-first hold: measure the full redraw
    timings: dict[str, list[float]] = {"now": [], "before": [], "now_cpu": [], "before_cpu": []}

    def timed(kind: str, update) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        update()
        timings[kind].append(time.perf_counter() - wall)
        timings[f"{kind}_cpu"].append(time.process_time() - cpu)

    for values in sweep(explorer):
        explorer._views.clear()  # time the full redraw, not a recent view shown again
        timed("now", lambda values=values: explorer.set(**values))
        timed("before", lambda values=values: redraw_afresh(explorer, values))
    return timings


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    if not timings:
        return float("nan"), float("nan")
    return statistics.median(timings) * 1000, float(np.percentile(timings, 95)) * 1000


def notebook_seconds(path: Path) -> float:
    """Wall time to run a notebook top to bottom in a fresh kernel (kernel start included)."""
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return time.perf_counter() - started


def main(notebooks: bool = True) -> None:
    os.environ.pop("MPLBACKEND", None)
    print("Lessons: explorer update latency (sweep of every control) and notebook execution time")
    print("(before: the pre-issue-13 redraw of the same settings, measured alternately in this run;")
    print(" ratios: now / before, of the wall-clock p95 and of the median CPU time)")
    print(
        f"{'lesson':<34}{'updates':>8}{'median ms':>11}{'p95 ms':>9}{'before med':>12}{'before p95':>12}"
        f"{'p95 ratio':>11}{'cpu ms':>8}{'cpu ratio':>11}{'notebook s':>12}"
    )
    for lesson in catalog.load().lessons:
        notebook = ROOT / "course" / f"{lesson.name}.ipynb"
        if not notebook.exists():
            continue
        try:
            timings = explorer_latency(lesson.name)
        except ModuleNotFoundError:
            timings = {"now": [], "before": [], "now_cpu": [], "before_cpu": []}
        median, p95 = percentiles(timings["now"])
        old_median, old_p95 = percentiles(timings["before"])
        cpu, old_cpu = percentiles(timings["now_cpu"])[0], percentiles(timings["before_cpu"])[0]
        seconds = notebook_seconds(notebook) if notebooks else float("nan")
        print(
            f"{lesson.name:<34}{len(timings['now']):>8}{median:>11.0f}{p95:>9.0f}{old_median:>12.0f}"
            f"{old_p95:>12.0f}{p95 / old_p95:>11.2f}{cpu:>8.0f}{cpu / old_cpu:>11.2f}{seconds:>12.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main(notebooks="--no-notebooks" not in sys.argv)
