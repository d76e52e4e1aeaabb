"""A learner's workshop on the hub, in Chromium: log in with the password on their card, land in
lesson 01 (pulled by nbgitpuller), lock in a guess and move the explorer, then fetch and submit
exercise 01 from nbgrader's Assignments panel; the exchange has the submission in their name."""

from __future__ import annotations

import pwd
import sys
from importlib import import_module
from pathlib import Path

import pytest
from hub_support import ASSIGNMENT, LEARNERS

from smmlab import catalog
from smmlab.widgets import Slider

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import guarded_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("hub")]

LESSON = catalog.load().lesson(1)
IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
FIGURE = ".jp-NotebookPanel .widget-html img[alt]"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "hub"


@pytest.fixture
def page(hub, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with guarded_page(chromium, "the hub", timeout_ms=120_000, uncaught_errors=False) as page:
        yield page


def submissions(hub, learner: str) -> list[Path]:
    """The learner's submissions of exercise 01 in the exchange, by the files' real owner."""
    inbound = hub.workshop.exchange / hub.course_id / "inbound"
    return [p for p in inbound.glob(f"*+{ASSIGNMENT}+*") if pwd.getpwuid(p.stat().st_uid).pw_name == learner]


def test_a_learner_logs_in_explores_lesson_01_and_submits_exercise_01(hub, page):
    learner = LEARNERS[1]
    before = len(submissions(hub, learner))
    page.goto(f"{hub.url}/hub/login")
    page.screenshot(path=str(ARTIFACTS / "hub-login.png"))
    page.fill("#username_input", learner)
    page.fill("#password_input", hub.passwords[learner])
    page.click("#login_submit")

    # the hub starts the learner's server, nbgitpuller pulls the course and opens lesson 01
    page.wait_for_url(f"**/user/{learner}/lab/**", timeout=240_000)
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()
    assert f"{LESSON.name}.ipynb" in page.url
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()

    # predict first, then explore
    page.get_by_role("button", name="Lock in my guess").click()
    page.locator(".jp-NotebookPanel", has_text="You guessed").wait_for()
    figure = page.locator(FIGURE).first
    figure.wait_for()
    revealed = figure.get_attribute("src")
    label = next(c.label for c in import_module(LESSON.module).explorer().controls if isinstance(c, Slider))
    slider = page.locator(".widget-slider", has=page.locator(".widget-label", has_text=label))
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([sel, old]) => document.querySelector(sel).src !== old", arg=[FIGURE, revealed])
    figure.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "hub-lesson-01.png"))

    # learner mode: no instructor tools
    assert "Nbgrader" not in page.locator(".lm-MenuBar-item").all_inner_texts()

    # the Assignments tab the hub opened next to the lesson: fetch, then submit
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Assignments").click()
    panel = page.locator("#assignments")
    fetch = panel.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT).locator("button")
    if fetch.count():  # not fetched before by this learner
        fetch.click()
    row = panel.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first
    row.wait_for()
    page.screenshot(path=str(ARTIFACTS / "hub-assignments-fetched.png"))
    row.get_by_role("button", name="Submit").click()
    panel.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "hub-assignments-submitted.png"))
    assert len(submissions(hub, learner)) == before + 1
