"""Explorer update latency and lesson notebook execution time, per lesson.

Three latencies, from ``explorer.set`` to the new figure and headlines:

- **move**: the moves a learner makes with the keyboard and mouse (each slider :data:`STEPS`
  arrow-key steps the way with more room, each choice's options in turn), each after the
  learner has looked at the figure: the time a kernel spends idle, stood for here by
  ``explorer.draw_ahead()`` between moves, as the kernel's event loop runs it while idle;
- **cold**: a sweep of each control across its range (eleven settings for a slider, every option
  of a choice) with nothing kept or drawn ahead: a jump (a slider dragged far, code) costs this;
- **before**: the cold sweep redrawn the way explorers drew before issue 13 (a fresh figure
  without a kept canvas, PNG at zlib's default level), alternating with the cold one so both see
  the same load, and the ratio of the two 95th percentiles.

Execution: each lesson notebook runs once in a fresh kernel (``python -m bench.lessons
--no-notebooks`` skips it).
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
from smmlab.widgets import Choice

ROOT = Path(__file__).resolve().parent.parent
#: Arrow-key steps per slider in the "move" latency.
STEPS = 6


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


def learner_moves(explorer) -> list[list[dict]]:
    """Per control, the settings a learner visits in turn from the start (see the module's "move")."""
    start = explorer.values
    moves = []
    for control in explorer.controls:
        if isinstance(control, Choice):
            values = [v for v in control.options.values() if v != start[control.name]] + [start[control.name]]
        else:
            value, step = start[control.name], control.step
            way = 1 if control.high - value >= value - control.low else -1
            values = [value + way * step * (i + 1) for i in range(STEPS)]
            values = [v for v in values if control.low - 1e-9 <= v <= control.high + 1e-9]
        moves.append([{**start, control.name: value} for value in values])
    return moves


def move_latency(module_name: str) -> list[float]:
    """Seconds per learner move (see the module's "move"), each after the explorer drew ahead."""
    explorer = module_for(module_name).explorer()
    explorer.open()
    start, timings = explorer.values, []
    for visits in learner_moves(explorer):
        explorer.draw_ahead()
        for values in visits:
            started = time.perf_counter()
            explorer.set(**values)
            timings.append(time.perf_counter() - started)
            explorer.draw_ahead()  # the learner looks at the new figure
        explorer.set(**start)
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
    print("Lessons: explorer update latency and notebook execution time (see bench/lessons.py)")
    print("(move: a learner's arrow-key steps and clicks, each after a look at the figure;")
    print(" cold: a sweep of every control with nothing drawn ahead; before: the pre-issue-13 redraw")
    print(" of the cold sweep, measured alternately in this run; ratios: cold / before, of the p95")
    print(" and of the median CPU time)")
    print(
        f"{'lesson':<34}{'moves':>6}{'move p50':>9}{'move p95':>9}{'cold p50':>9}{'cold p95':>9}"
        f"{'before p95':>11}{'p95 ratio':>10}{'cpu ms':>7}{'cpu ratio':>10}{'notebook s':>11}"
    )
    worst = 0.0
    for lesson in catalog.load().lessons:
        notebook = ROOT / "course" / f"{lesson.name}.ipynb"
        if not notebook.exists():
            continue
        try:
            timings = explorer_latency(lesson.name)
            moves = move_latency(lesson.name)
        except ModuleNotFoundError:
            timings = {"now": [], "before": [], "now_cpu": [], "before_cpu": []}
            moves = []
        move_median, move_p95 = percentiles(moves)
        worst = max(worst, move_p95)
        median, p95 = percentiles(timings["now"])
        old_p95 = percentiles(timings["before"])[1]
        cpu, old_cpu = percentiles(timings["now_cpu"])[0], percentiles(timings["before_cpu"])[0]
        seconds = notebook_seconds(notebook) if notebooks else float("nan")
        print(
            f"{lesson.name:<34}{len(moves):>6}{move_median:>9.1f}{move_p95:>9.1f}{median:>9.0f}{p95:>9.0f}"
            f"{old_p95:>11.0f}{p95 / old_p95:>10.2f}{cpu:>7.0f}{cpu / old_cpu:>10.2f}{seconds:>11.1f}",
            flush=True,
        )
    print(f"slowest explorer, p95 of a learner's move: {worst:.1f} ms (target: 50 ms)")


if __name__ == "__main__":
    main(notebooks="--no-notebooks" not in sys.argv)
