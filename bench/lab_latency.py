"""Key press to new figure in JupyterLab, per lesson, beside the kernel-side update time.

For each lesson a learner-mode JupyterLab (the browser tests' helpers, Debian's chromium through
Playwright) opens the notebook, runs every cell, locks the guess, focuses the explorer's first
slider and presses an arrow key up to ``PRESSES`` times, always the same way, each press after
``LOOK`` seconds spent looking at the figure (the kernel draws ahead meanwhile, see
:mod:`smmlab.widgets`). Each press is timed in the page, from the ``keydown`` event to the
figure's ``<img>`` getting a new ``src`` or alt text: the round trip through the widget's comm,
the kernel's update and the browser's repaint. Beside it, the kernel side: the same slider steps
timed in this process with ``Explorer.set``, each after ``Explorer.draw_ahead``. Prints p50/p95
of both, and the machine's load average (drawing ahead pauses on a busy machine).

Usage: ``python -m bench.lab_latency [LESSON ...]`` (number or name; default every lesson).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from smmlab import catalog
from smmlab.lessons import module_for
from smmlab.widgets import Slider

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_support import launch, learner_lab  # noqa: E402

PRESSES = 12
#: Seconds a learner looks at the figure before the next press.
LOOK = 2.0
IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
FIGURE = ".jp-NotebookPanel .widget-html img[alt]"
#: Resolves with the milliseconds from the next keydown to the figure's new src or alt text (a
#: move can leave the picture as it was and change what it says, e.g. one more person on duty
#: where the figure shows no change).
ARM = """(selector) => {
  const seen = (img) => img ? img.src + "\\n" + img.alt : "";
  const old = seen(document.querySelector(selector));
  window.__figureLatency = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("no new figure within 20 s of the key press")), 20000);
    let pressed = null;
    document.addEventListener("keydown", () => { pressed = performance.now(); }, {capture: true, once: true});
    const observer = new MutationObserver(() => {
      const img = document.querySelector(selector);
      if (pressed !== null && img && seen(img) !== old) {
        observer.disconnect();
        resolve(performance.now() - pressed);
      }
    });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true});
  });
}"""


def steps(slider: Slider, start: float, presses: int) -> list[str]:
    """Arrow keys that move ``slider`` one step at a time from ``start`` to settings not yet seen.

    All go the way with more room (at most ``presses``), so no press finds a view the learner
    has seen before.
    """
    up, down = round((slider.high - start) / slider.step), round((start - slider.low) / slider.step)
    return ["ArrowRight"] * min(presses, up) if up >= down else ["ArrowLeft"] * min(presses, down)


def kernel_side(lesson: catalog.Lesson, slider: Slider, keys: list[str]) -> list[float]:
    """Seconds per ``Explorer.set`` for the same steps, in this process."""
    explorer = module_for(lesson.name).explorer()
    explorer.reveal()
    value, timings = explorer.values[slider.name], []
    for key in keys:
        value += slider.step if key == "ArrowRight" else -slider.step
        explorer.draw_ahead()  # what the idle kernel does while the learner looks
        started = time.perf_counter()
        explorer.set(**{slider.name: value})
        timings.append(time.perf_counter() - started)
    return timings


def lab_side(page, lab, lesson: catalog.Lesson, slider: Slider, keys: list[str]) -> list[float]:
    """Seconds from each key press to the new figure in JupyterLab."""
    page.goto(lab.address(f"lab/workspaces/bench-{lesson.number:02d}/tree/course/{lesson.name}.ipynb"))
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.get_by_role("button", name="Lock in my guess").click()
    page.locator(FIGURE).first.wait_for()
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()
    handle = page.locator(".widget-slider", has=page.locator(".widget-label", has_text=slider.label))
    timings = []
    for key in keys:
        page.wait_for_timeout(LOOK * 1000)
        handle.locator(".noUi-handle").first.focus()
        page.evaluate(ARM, FIGURE)
        page.keyboard.press(key)
        timings.append(page.evaluate("() => window.__figureLatency") / 1000)
    return timings


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    return statistics.median(timings) * 1000, float(np.percentile(timings, 95)) * 1000


def main(wanted: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    os.environ.pop("MPLBACKEND", None)
    chosen = {catalog.load().lesson(key).name for key in wanted or []}
    lessons = [
        lesson
        for lesson in catalog.load().lessons
        if (ROOT / "course" / f"{lesson.name}.ipynb").exists() and (not chosen or lesson.name in chosen)
    ]
    print(f"JupyterLab: key press -> new figure, {PRESSES} presses of the first slider per lesson,")
    print(f"each after {LOOK:g} s looking; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'lesson':<34}{'lab p50 ms':>11}{'lab p95 ms':>11}{'kernel p50':>11}{'kernel p95':>11}")
    with (
        tempfile.TemporaryDirectory() as scratch,
        learner_lab(Path(scratch)) as lab,
        sync_playwright() as playwright,
    ):
        browser, worst = launch(playwright), 0.0
        for lesson in lessons:
            explorer = module_for(lesson.name).explorer()
            slider = next(control for control in explorer.controls if isinstance(control, Slider))
            start = {**explorer.values, **explorer.prediction.scenario}[slider.name]
            keys = steps(slider, start, PRESSES)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(180_000)
            try:
                lab_p50, lab_p95 = percentiles(lab_side(page, lab, lesson, slider, keys))
            except Exception as error:  # report and go on with the next lesson
                print(f"{lesson.name:<34} FAILED: {type(error).__name__}: {str(error)[:120]}", flush=True)
                context.close()
                continue
            context.close()
            kernel_p50, kernel_p95 = percentiles(kernel_side(lesson, slider, keys))
            worst = max(worst, lab_p95)
            print(
                f"{lesson.name:<34}{lab_p50:>11.0f}{lab_p95:>11.0f}{kernel_p50:>11.0f}{kernel_p95:>11.0f}",
                flush=True,
            )
        browser.close()
    print(f"slowest lesson, p95 of key press -> new figure: {worst:.0f} ms (target: 150 ms)")


if __name__ == "__main__":
    main(sys.argv[1:])
