"""The participant's path in a real JupyterLab in learner mode: run lesson 01, lock in a guess,
move a control and watch the figure change; solve exercise 01 with its self-checks; validate
with nbgrader; and never see the instructor tools."""

from __future__ import annotations

import pytest
from browser_support import guarded_page, learner_lab

from smmlab import catalog
from smmlab.widgets import Slider

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("participant-path")]

LESSON = catalog.load().lesson(1)
IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"
FIGURE = ".jp-NotebookPanel .widget-html img[alt]"
ANSWERS = {  # the variable each answer cell defines → what a participant types there
    "first_week_top_kind": """\
predicted_top_kind = "lead"
first_week_top_kind = messages[messages["week"] == 0]["kind"].value_counts().idxmax()
first_week_top_kind""",
    "complaint_share_4w": """\
first_weeks = messages[messages["week"] < 4]
complaint_share_4w = (first_weeks["kind"] == "complaint").mean()
complaint_share_4w""",
    "unanswered": """\
unanswered = (~messages["answered"]).mean()
unanswered""",
    "churn_by_speed": """\
def churn_by_speed(messages):
    problems = messages[messages["kind"].isin(["complaint", "question"])]
    return problems.groupby(problems["reply_hours"] <= 4)["churned"].mean()


churn_by_speed(messages)""",
}
WRITTEN_ANSWER = (
    "Keep the share of time on posts below the point where the queue grows: about half the "
    "messages of the first month are complaints, and unanswered customers churn more. Moving even "
    "more time to posts buys little reach. The simulation cannot tell us how much our real "
    "customers are worth."
)
PERCENT_ANSWER = 'complaint_share_4w = 100 * (messages[messages["week"] < 4]["kind"] == "complaint").mean()'


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with learner_lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture
def page(chromium, lab):
    with guarded_page(chromium, "JupyterLab") as page:
        yield page


def open_notebook(page, lab, path: str) -> None:
    """Open a notebook in a workspace of its own (no tabs left over from another test)."""
    workspace = path.rsplit("/", 1)[-1].removesuffix(".ipynb") + "-" + str(abs(hash(page)))
    page.goto(lab.address(f"lab/workspaces/{workspace}/tree/{path}"))
    page.wait_for_selector(IDLE)
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for()  # the kernel is up


def run_cell(page, cell) -> None:
    """Select a cell and run it the way a participant does: click, Shift-Enter."""
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


def type_into(page, cell, code: str) -> None:
    """Replace a cell's code as a participant would by typing it."""
    cell.locator(".jp-InputArea-editor .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def test_lesson_01_run_predict_and_explore(page, lab, artifacts):
    open_notebook(page, lab, f"course/{LESSON.name}.ipynb")
    page.locator(".lm-MenuBar-item", has_text="Run").click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()

    # predict first: until a guess is locked the explorer shows no figure and no numbers
    held = page.locator(".jupyter-widgets [role=status]", has_text="once you lock in your guess")
    held.first.wait_for()
    assert page.locator(FIGURE).count() == 0
    assert page.get_by_role("region", name="Headline numbers").count() == 0
    held.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-lesson-before-lock.png"))

    # lock in a guess: the explorer moves to the question's scenario and shows it
    page.get_by_role("button", name="Lock in my guess").click()
    page.locator(".jp-NotebookPanel", has_text="You guessed").wait_for()
    assert page.get_by_role("button", name="Guess locked").is_disabled()
    figure = page.locator(FIGURE).first
    figure.wait_for()
    revealed_src = figure.get_attribute("src")
    assert revealed_src.startswith("data:image/png;base64,") and len(figure.get_attribute("alt")) > 20

    # move a control with the keyboard; the figure is redrawn in place
    from importlib import import_module

    label = next(c.label for c in import_module(LESSON.module).explorer().controls if isinstance(c, Slider))
    slider = page.locator(".widget-slider", has=page.locator(".widget-label", has_text=label))
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).src !== old", arg=[FIGURE, revealed_src]
    )
    assert page.locator(FIGURE).count() == 1, "the figure must be replaced, not appended"
    figure.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-lesson.png"))


def test_exercise_01_self_checks_and_validate(page, lab, artifacts):
    open_notebook(page, lab, f"exercises/{LESSON.name}/{LESSON.name}.ipynb")
    cells = page.locator(".jp-NotebookPanel .jp-CodeCell")
    setup = cells.filter(has_text="Set-up: run this cell first")
    run_cell(page, setup)
    setup.locator(".jp-OutputArea-output table").wait_for()

    def answer_cell(name: str):
        return cells.filter(has=page.locator(".jp-InputArea-editor", has_text=name)).first

    def check_cell(number: int):
        return cells.filter(has=page.locator(".jp-InputArea-editor", has_text=f"assert q{number}.check()"))

    # a share given in percent: the self-check names the misconception
    q2 = answer_cell("complaint_share_4w")
    type_into(page, q2, PERCENT_ANSWER)
    page.keyboard.press("Shift+Enter")
    run_cell(page, check_cell(2))
    check_cell(2).locator(".jp-OutputArea", has_text="looks like a percentage").wait_for()
    # a cell run while another is failing is cancelled: wait for the failure to finish
    check_cell(2).locator(".jp-OutputArea", has_text="AssertionError").wait_for()
    check_cell(2).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-exercise-feedback.png"))

    # right answers: every self-check says so
    for number, (name, code) in enumerate(ANSWERS.items(), start=1):
        type_into(page, answer_cell(name), code)
        page.keyboard.press("Shift+Enter")
        run_cell(page, check_cell(number))
        check_cell(number).locator(".jp-OutputArea", has_text="Correct").wait_for()
    assert "NotImplementedError" not in page.locator(".jp-NotebookPanel .jp-OutputArea").all_inner_texts()
    check_cell(1).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "lab-exercise.png"))

    # the written task: a markdown answer cell
    written = page.locator(".jp-NotebookPanel .jp-MarkdownCell", has_text="YOUR ANSWER HERE")
    written.locator(".jp-MarkdownOutput").dblclick()
    written.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(WRITTEN_ANSWER)
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-NotebookPanel .jp-MarkdownCell", has_text="Keep the share of time").wait_for()

    # nbgrader's Validate button saves, runs the notebook and reports
    page.locator(".jp-NotebookPanel-toolbar .validate-button").click()
    dialog = page.locator(".jp-Dialog", has_text="Validation Results")
    dialog.wait_for(timeout=120_000)
    page.screenshot(path=str(artifacts / "lab-validate.png"))
    assert "Success! Your notebook passes all the tests." in dialog.inner_text(), dialog.inner_text()


def test_learner_mode_hides_the_instructor_tools(page, lab):
    open_notebook(page, lab, f"exercises/{LESSON.name}/{LESSON.name}.ipynb")
    menus = page.locator(".lm-MenuBar-item").all_inner_texts()
    assert "Run" in menus and "Nbgrader" not in menus, menus
    tabs = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
    assert "Property Inspector" in " ".join(tabs), tabs
    assert not [t for t in tabs if "Create Assignment" in t or "Formgrader" in t], tabs
    assert page.locator(".jp-NotebookPanel-toolbar .validate-button").is_visible(), "learners keep Validate"
    assert lab.status("formgrader") == 404 and lab.status("api/status") == 200
