"""Open every lesson in a real JupyterLab, run it, move its explorer, and save a screenshot.

For course authors reviewing the lessons as a participant sees them: JupyterLab in learner mode
(the helpers of the browser tests), Debian's chromium through Playwright. For each lesson the
script runs all cells, presses an arrow key on the explorer's first slider, checks that the
figure was redrawn in place, and writes ``<out>/NN-slug.png``. It prints one line per lesson and
exits with status 1 if any lesson failed.

Usage: ``python tools/lab_tour.py [OUT] [LESSON ...]`` (default ``tests/artifacts/tour``, all).
"""

from __future__ import annotations

import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_support import launch, learner_lab  # noqa: E402

from smmlab import catalog  # noqa: E402
from smmlab.widgets import Slider  # noqa: E402

IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
FIGURE = ".jp-NotebookPanel .widget-html img[alt]"
HEADLINES = ".jp-NotebookPanel [aria-label='Headline numbers']"
SEEN = f"() => [document.querySelector(\"{FIGURE}\").src, document.querySelector(\"{HEADLINES}\").innerText]"
CHANGED = f"(old) => {{ const now = ({SEEN})(); return now[0] !== old[0] || now[1] !== old[1]; }}"


def tour_lesson(page, lab, lesson, out: Path) -> str:
    """Run one lesson and move its first slider; return a one-line verdict."""
    page.goto(lab.address(f"lab/workspaces/tour-{lesson.number:02d}/tree/course/{lesson.name}.ipynb"))
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()
    started = time.perf_counter()
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.get_by_role("button", name="Lock in my guess").click()  # predict first: the view waits
    figure = page.locator(FIGURE).first
    figure.wait_for()
    shown = time.perf_counter() - started
    before = page.evaluate(SEEN)
    explorer = import_module(lesson.module).explorer()
    slider = next(c for c in explorer.controls if isinstance(c, Slider))
    start = {**explorer.values, **explorer.prediction.scenario}[slider.name]  # reveal moves here
    key = "ArrowLeft" if start >= slider.high else "ArrowRight"
    handle = page.locator(".widget-slider", has=page.locator(".widget-label", has_text=slider.label))
    handle.locator(".noUi-handle").first.focus()
    page.keyboard.press(key)
    page.wait_for_function(CHANGED, arg=before)  # the figure or the headline numbers
    figures = page.locator(FIGURE).count()
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count()
    figure.scroll_into_view_if_needed()
    page.screenshot(path=str(out / f"{lesson.name}.png"))
    verdict = "ok" if figures == 1 and errors == 0 else f"{figures} figures, {errors} error outputs"
    return f"{lesson.name:<34} explorer after {shown:5.1f} s; moved '{slider.label}': {verdict}"


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "artifacts" / "tour"
    wanted = sys.argv[2:]
    out.mkdir(parents=True, exist_ok=True)
    lessons = [lesson for lesson in catalog.load().lessons
               if not wanted or lesson.name in wanted or str(lesson.number) in wanted]
    failed = 0
    with tempfile.TemporaryDirectory() as scratch, learner_lab(Path(scratch)) as lab, \
            sync_playwright() as playwright:
        browser = launch(playwright)
        for lesson in lessons:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(120_000)
            try:
                line = tour_lesson(page, lab, lesson, out)
            except Exception as error:  # report and go on with the next lesson
                failed += 1
                line = f"{lesson.name:<34} FAILED: {type(error).__name__}: {str(error)[:160]}"
            print(line, flush=True)
            context.close()
        browser.close()
    print(f"screenshots in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
