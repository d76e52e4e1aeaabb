"""The inventory in a notebook: one widget per item, answers kept in the notebook itself.

A learner picks an option and a confidence for each item. Each change rewrites one output of
the quiz cell (a display with an id), whose metadata holds every answer so far; saving the
notebook saves them. An LMS upload carries only the ``.ipynb``, so that is where the answers
must live. :func:`saved_answers` reads them back from the file: when the learner opens the
notebook again (the quiz starts from them), when the completion test runs, and when
``smmlab inventory report`` reads a class's submissions.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import ipywidgets as w
from IPython.display import display

from smmlab.inventory import CONFIDENCE, FORMS, load

#: The output metadata key that holds the answers.
KEY = "smmlab-inventory"
LETTERS = "ABCD"


def notebook_name(form: str) -> str:
    """The assignment notebook of a form: ``inventory-pre.ipynb`` or ``inventory-post.ipynb``."""
    return f"inventory-{FORMS[form]}.ipynb"


def answers_in(nb: dict) -> dict[str, dict[str, int]]:
    """The answers a notebook carries: ``{item: {"choice": i, "confidence": c}}``.

    The quiz's last output holds them in a notebook as saved in JupyterLab; a notebook prepared
    for grading holds them in its metadata (outputs are cleared before grading, see
    :class:`smmlab.grading.autograde.KeepInventoryAnswers`). Malformed entries are ignored.
    """
    found = nb.get("metadata", {}).get(KEY, {})
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            answers = output.get("metadata", {}).get(KEY) if isinstance(output, dict) else None
            if isinstance(answers, dict):
                found = answers
    if not isinstance(found, dict):
        return {}
    return {
        str(item): {"choice": a["choice"], "confidence": a["confidence"]}
        for item, a in found.items()
        if isinstance(a, dict)
        and all(type(a.get(field)) is int and 0 <= a[field] < 4 for field in ("choice", "confidence"))
    }


def saved_answers(notebook: Path | str) -> dict[str, dict[str, int]]:
    """The answers saved in a notebook file (none when it is missing or unreadable)."""
    try:
        return answers_in(json.loads(Path(notebook).read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError):
        return {}


class Quiz:
    """One form of the inventory as widgets.

    Parameters
    ----------
    form
        ``"A"`` (before the course) or ``"B"`` (after it).
    notebook
        The notebook file the answers are saved in (default: the form's assignment notebook in
        the working folder).
    """

    def __init__(self, form: str, notebook: Path | str | None = None) -> None:
        self.items = load().form(form)
        self.notebook = Path(notebook or notebook_name(form))
        self.answers: dict[str, dict[str, int | None]] = {
            item.id: {"choice": None, "confidence": None} for item in self.items
        }
        for item_id, answer in saved_answers(self.notebook).items():
            if item_id in self.answers:
                self.answers[item_id] = dict(answer)
        self._handle = None
        self.widget = w.VBox([self._item_box(n, item) for n, item in enumerate(self.items, 1)])

    def _item_box(self, number: int, item) -> w.VBox:
        saved = self.answers[item.id]
        choice = w.RadioButtons(
            options=[(f"{LETTERS[i]}. {text}", i) for i, text in enumerate(item.options)],
            value=saved["choice"],
            layout=w.Layout(width="auto"),
            description_allow_html=False,
        )
        choice.add_class("smmlab-inventory-choice")
        sure = w.ToggleButtons(
            options=[(label, i) for i, label in enumerate(CONFIDENCE)],
            value=saved["confidence"],
            description="How sure?",
            style={"button_width": "auto"},
        )
        choice.observe(lambda change, i=item.id: self._record(i, "choice", change["new"]), names="value")
        sure.observe(lambda change, i=item.id: self._record(i, "confidence", change["new"]), names="value")
        text = w.HTML(
            f"<p><strong>{number}. </strong>{html.escape(item.situation)}</p>"
            f"<p><strong>{html.escape(item.question)}</strong></p>"
        )
        box = w.VBox([text, choice, sure], layout=w.Layout(margin="0 0 1.2em 0"))
        box.add_class("smmlab-inventory-item")
        return box

    def _record(self, item_id: str, field: str, value) -> None:
        self.answers[item_id][field] = value
        if self._handle is not None:
            data, metadata = self._bundle()
            self._handle.update(data, raw=True, metadata=metadata)

    @property
    def complete(self) -> list[str]:
        """Items with both a choice and a confidence."""
        return [i for i, a in self.answers.items() if a["choice"] is not None and a["confidence"] is not None]

    def _bundle(self) -> tuple[dict, dict]:
        done = len(self.complete)
        text = f"Answered {done} of {len(self.items)} items." + (
            " Save the notebook (Ctrl+S) to keep your answers." if done else ""
        )
        answers = {i: a for i, a in self.answers.items() if i in self.complete}
        return {"text/plain": text, "text/html": f"<p><em>{html.escape(text)}</em></p>"}, {KEY: answers}

    def _ipython_display_(self) -> None:
        display(self.widget)
        data, metadata = self._bundle()
        self._handle = display(data, raw=True, metadata=metadata, display_id=True)

    def assert_complete(self) -> None:
        """Fail unless every item has an answer and a confidence saved in the notebook file."""
        saved = saved_answers(self.notebook)
        missing = [item.id for item in self.items if item.id not in saved]
        if missing:
            unsaved = [i for i in missing if i in self.complete]
            hint = (
                f" {len(unsaved)} of them are answered but not saved: save the notebook (Ctrl+S) "
                "and run this cell again."
                if unsaved
                else " Pick an option and how sure you are for each, then save the notebook."
            )
            raise AssertionError(
                f"{len(missing)} of {len(self.items)} items have no saved answer: {', '.join(missing)}.{hint}"
            )
        print(f"All {len(self.items)} answers are saved. Thank you!")


def answered(nb, answers: dict[str, dict[str, int]]):
    """A copy of a released inventory notebook with ``answers`` saved in its quiz cell.

    The output is the one the quiz writes in JupyterLab when a learner answers and saves; a
    synthetic class (:mod:`smmlab.inventory.cohort`) hands in notebooks made this way.
    """
    import copy

    from nbformat.v4 import new_output

    nb = copy.deepcopy(nb)
    quiz = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "quiz")
    text = f"Answered {len(answers)} items."
    quiz.outputs = [new_output("display_data", data={"text/plain": text}, metadata={KEY: answers})]
    return nb
