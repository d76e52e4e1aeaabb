"""The two nbgrader assignments of the inventory: ``inventory-pre`` (form A) and ``inventory-post``.

Both are generated from ``items.toml`` by :func:`notebook` and written to ``solutions/`` by
:func:`write_sources`; ``smmlab release`` releases them like the exercises. The one graded cell
gives a point for a complete, saved set of answers: the inventory measures the course, it does
not grade the learner (its keys are public, on the book's self-scoring page).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from smmlab import authoring
from smmlab.inventory import FORMS, load
from smmlab.inventory.quiz import notebook_name

#: Points for a complete, saved set of answers.
POINTS = 1

_INTRO = {
    "pre": (
        "# Before the course: what do you think?\n\n"
        "These {n} short situations come from everyday social media marketing. For each, pick the "
        "option you would choose and say how sure you are. There are no trick questions, and "
        "**your answers do not count towards any grade**: completing the questionnaire does. Answer "
        "from your own experience, without looking anything up; *guessing* is a fine answer.\n\n"
        "Your instructor sees how the whole class answered before and after the course, to learn "
        "which ideas the course changes and which it does not. It takes about 15 minutes."
    ),
    "post": (
        "# After the course: what do you think now?\n\n"
        "These {n} situations are new, but they ask about the same ideas as the questionnaire you "
        "answered before the course. For each, pick the option you would choose and say how sure "
        "you are. **Your answers do not count towards any grade**: completing the questionnaire "
        "does. Answer from what you now think, without looking back at the lessons.\n\n"
        "Your instructor compares the class's answers before and after, idea by idea. It takes "
        "about 15 minutes."
    ),
}


def notebook(form: str) -> nbformat.NotebookNode:
    """The nbgrader source notebook of one form."""
    phase = FORMS[form]
    name = notebook_name(form).removesuffix(".ipynb")
    count = len(load().form(form))
    cells = [
        authoring.readonly(_INTRO[phase].format(n=count), "intro", markdown=True),
        authoring.readonly(f'from smmlab.inventory.quiz import Quiz\n\nquiz = Quiz("{form}")\nquiz', "quiz"),
        authoring.readonly(
            "When every item has an answer and a confidence, **save the notebook** (Ctrl+S or "
            "File → Save) and run the cell below. It checks that your answers are saved in the "
            "notebook, the file you hand in.",
            "save",
            markdown=True,
        ),
        authoring.test("quiz.assert_complete()", "complete", POINTS),
    ]
    nb = authoring.notebook(cells, lesson=name, kind="inventory", items=sorted(load().misconceptions))
    nb.metadata["smmlab"]["form"] = form
    return nb


def source_path(root: Path, form: str) -> Path:
    """Where the source notebook of a form lives in a course checkout."""
    name = notebook_name(form)
    return root / "solutions" / name.removesuffix(".ipynb") / name


def write_sources(root: Path) -> list[Path]:
    """Write both forms' source notebooks under ``root/solutions``."""
    return [authoring.write(notebook(form), source_path(root, form)) for form in FORMS]
