"""The inventory as a participant takes it in a real JupyterLab: click an option and a confidence
for every item, save, and the answers are in the notebook file that goes to the LMS."""

from __future__ import annotations

import time

import pytest
from browser_support import guard, learner_lab

from smmlab import inventory
from smmlab.inventory.quiz import saved_answers

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("inventory-lab")]

IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
NOTEBOOK = "exercises/inventory-pre/inventory-pre.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with learner_lab(tmp_path_factory.mktemp("inventory-lab")) as server:
        yield server


def test_answers_clicked_in_jupyterlab_are_saved_in_the_notebook(chromium, lab, artifacts):
    context = chromium.new_context(viewport={"width": 1300, "height": 1000})
    found = guard(context)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(lab.address(f"lab/workspaces/inventory/tree/{NOTEBOOK}"))
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()

    quiz = page.locator(".jp-NotebookPanel .jp-CodeCell", has_text='quiz = Quiz("A")')
    quiz.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    items = quiz.locator(".smmlab-inventory-item")
    form = inventory.load().form("A")
    items.nth(len(form) - 1).wait_for()
    assert items.count() == len(form)

    picked = {}
    for index, item in enumerate(form):
        box = items.nth(index)
        box.scroll_into_view_if_needed()
        choice, sure = index % 4, (index + 1) % 4
        box.locator(".smmlab-inventory-choice input[type=radio]").nth(choice).check()
        box.locator(".widget-toggle-buttons button").nth(sure).click()
        picked[item.id] = {"choice": choice, "confidence": sure}
    quiz.locator(".jp-OutputArea", has_text=f"Answered {len(form)} of {len(form)} items").wait_for()
    page.screenshot(path=str(artifacts / "lab-inventory.png"))

    # the save button of the notebook's toolbar (Ctrl+S with the focus on a widget is the browser's)
    page.locator(".jp-NotebookPanel-toolbar [data-command='docmanager:save']").click()
    path = lab.root / NOTEBOOK
    deadline = time.monotonic() + 30
    while saved_answers(path) != picked and time.monotonic() < deadline:
        page.wait_for_timeout(300)  # keeps the browser's events flowing while the file is written
    assert saved_answers(path) == picked, "the answers clicked are not in the saved notebook"

    check = page.locator(".jp-NotebookPanel .jp-CodeCell", has_text="quiz.assert_complete()")
    check.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    check.locator(".jp-OutputArea", has_text=f"All {len(form)} answers are saved").wait_for()
    context.close()
    assert not found.blocked_requests, found.blocked_requests
    assert not found.page_errors, found.page_errors
