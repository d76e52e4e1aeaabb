"""Lesson 01's explorer and exercise 01's self-checks in JupyterLab Light and Dark, as a participant
sees them and as a screen reader reads them: every text reads 4.5:1 or more against what is
really behind it (WCAG AA), and every slider has its label as its accessible name."""

from __future__ import annotations

from importlib import import_module

import pytest
from browser_support import guarded_page, learner_lab

from smmlab import catalog
from smmlab.widgets import Slider

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("dark-theme")]

LESSON = catalog.load().lesson(1)
THEMES = ["JupyterLab Light", "JupyterLab Dark"]
AA = 4.5
IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
EXPLORER = ".jp-NotebookPanel .jp-OutputArea-output:has(.widget-vbox .widget-slider)"
CHECKS = ".jp-NotebookPanel .jp-OutputArea-output:has([role=status])"

#: The contrast of every visible text node under ``selector`` against the colour really behind
#: it: backgrounds (with their alpha) and opacities of every ancestor, composited up to the page.
CONTRASTS = """
(selector) => {
  const rgba = (css) => {
    const m = css.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {  // Porter-Duff "over" of two colours with alpha
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a).concat([a]);
  };
  const seen = (element, paint) => {  // the on-screen colour of `paint` drawn inside `element`
    let colour = paint;
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      colour = over(colour, rgba(style.backgroundColor));
      colour = [colour[0], colour[1], colour[2], colour[3] * Number(style.opacity)];
    }
    return over(colour, [255, 255, 255, 1]);  // the canvas
  };
  const luminance = (c) => {
    const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      const style = getComputedStyle(element);
      const visible = style.visibility !== "hidden" && element.getClientRects().length > 0;
      if (!text.textContent.trim() || !visible) continue;
      const fg = seen(element, rgba(style.color)), bg = seen(element, [0, 0, 0, 0]);
      const [high, low] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const shown = (c) => c.slice(0, 3).map(Math.round).join(",");
      found.push({text: text.textContent.trim().slice(0, 60), ratio: (high + 0.05) / (low + 0.05),
                  fg: shown(fg), bg: shown(bg)});
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with learner_lab(tmp_path_factory.mktemp("theme-lab")) as server:
        yield server


@pytest.fixture
def page(chromium, lab):
    with guarded_page(chromium, "JupyterLab") as page:
        yield page


def open_in_theme(page, lab, path: str, theme: str) -> None:
    """Open a notebook in a workspace of its own and choose ``theme`` in the Settings menu."""
    workspace = f"{path.removesuffix('.ipynb').replace('/', '-')}-{theme.split()[-1]}"
    page.goto(lab.address(f"lab/workspaces/{workspace}/tree/{path}"))
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()
    page.locator(".lm-MenuBar-item", has_text="Settings").click()
    page.locator(".lm-Menu-item", has_text="Theme").first.hover()
    page.locator(".lm-Menu-item", has_text=theme).first.click()
    page.wait_for_selector(f"body[data-jp-theme-name='{theme}']", state="attached")
    dark = page.evaluate("getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim()")
    assert (dark == "#111") == theme.endswith("Dark"), f"{theme} not in force: page colour {dark}"


def unreadable(page, selector: str, least: int) -> list[dict]:
    """The texts under ``selector`` that read below 4.5:1 (there must be ``least`` texts)."""
    texts = page.evaluate(CONTRASTS, selector)
    assert len(texts) >= least, f"only {len(texts)} texts under {selector}: {texts}"
    return [t for t in texts if t["ratio"] < AA]


@pytest.mark.parametrize("theme", THEMES)
def test_lesson_01_explorer_reads_and_names_its_sliders(page, lab, artifacts, theme):
    open_in_theme(page, lab, f"course/{LESSON.name}.ipynb", theme)
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    held = page.locator(".jupyter-widgets [role=status]", has_text="once you lock in your guess")
    held.first.wait_for()
    assert not unreadable(page, EXPLORER, least=10), "before the lock"

    page.get_by_role("button", name="Lock in my guess").click()
    page.get_by_role("region", name="Headline numbers").first.wait_for()
    assert page.get_by_role("button", name="Guess locked").is_disabled()
    assert not unreadable(page, EXPLORER, least=30), "after the lock"
    page.get_by_role("button", name="Guess locked").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"lab-theme-{theme.split()[-1].lower()}-prediction.png"))

    explorer = import_module(LESSON.module).explorer()
    labels = {c.label for c in explorer.controls if isinstance(c, Slider)} | {explorer.prediction.guess.label}
    for label in labels:
        assert page.get_by_role("slider", name=label, exact=True).count() == 1, label
    # Chromium's own accessibility tree, as a screen reader gets it
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    named = {n.get("name", {}).get("value", "") for n in tree if n.get("role", {}).get("value") == "slider"}
    assert named == labels

    page.get_by_role("region", name="Headline numbers").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"lab-theme-{theme.split()[-1].lower()}-lesson.png"))


@pytest.mark.parametrize("theme", THEMES)
def test_exercise_01_self_checks_read(page, lab, artifacts, theme):
    open_in_theme(page, lab, f"exercises/{LESSON.name}/{LESSON.name}.ipynb", theme)
    cells = page.locator(".jp-NotebookPanel .jp-CodeCell")

    def run(cell, code: str | None = None) -> None:
        if code is not None:
            cell.locator(".jp-InputArea-editor .cm-content").click()
            page.keyboard.press("Control+A")
            page.keyboard.insert_text(code)
        else:
            cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")

    def check(number: int):
        return cells.filter(has=page.locator(".jp-InputArea-editor", has_text=f"assert q{number}.check()"))

    def shown(cell, text: str) -> None:
        """Wait for a failed self-check's message and its assertion: the kernel is done with it
        (a cell run while another fails would be cancelled)."""
        cell.locator(".jp-OutputArea [role=status]", has_text=text).wait_for()
        cell.locator(".jp-OutputArea", has_text="AssertionError").wait_for()

    setup = cells.filter(has_text="Set-up: run this cell first")
    run(setup)
    setup.locator(".jp-OutputArea-output table").wait_for()
    run(check(1))
    shown(check(1), "Not attempted")
    answer = cells.filter(has=page.locator(".jp-InputArea-editor", has_text="complaint_share_4w")).first
    run(answer, 'complaint_share_4w = 100 * (messages[messages["week"] < 4]["kind"] == "complaint").mean()')
    run(check(2))
    shown(check(2), "looks like a percentage")
    assert not unreadable(page, CHECKS, least=4), "not attempted, incorrect"
    check(2).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"lab-theme-{theme.split()[-1].lower()}-exercise.png"))
    run(answer, 'complaint_share_4w = (messages[messages["week"] < 4]["kind"] == "complaint").mean()')
    run(check(2))
    check(2).locator(".jp-OutputArea [role=status]", has_text="Correct").wait_for()
    assert not unreadable(page, CHECKS, least=4), "correct"
