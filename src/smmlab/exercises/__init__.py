"""One module per exercise: its data (by seed) and its declared questions, nothing more.

Every exercise module offers the same names:

``EXERCISE``
    The :class:`smmlab.checks.Exercise`: slug, data builder, questions.
``data(seed=None)``
    The exercise's data: the published draw, or the grading draw while ``smmlab autograde``
    sets ``SMMLAB_EXERCISE_SEED`` (see :mod:`smmlab.checks`).
``checks()``
    The self-checks ``q1, q2, …``.

No module here holds a reference answer: the reference solutions are in ``solutions/`` (the
instructor's side), and ``keys/<slug>.json`` holds only salted digests of the reference answers
on the published data, written by ``smmlab release`` (:func:`write_key`).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

from smmlab.catalog import course_root, load


def module_for(lesson: str | int) -> ModuleType:
    """Import the exercise module of a lesson given by number, slug or name."""
    return importlib.import_module(load().lesson(lesson).module.replace(".lessons.", ".exercises."))


def solution_answers(slug: str, root: Path | None = None) -> dict[str, Any]:
    """Run the code cells of ``solutions/<slug>/<slug>.ipynb`` in this process; return their names.

    For instructors and tests only: this reads the reference solution, which learners do not get.
    The notebook always sees the published data, whatever ``SMMLAB_EXERCISE_SEED`` says.
    """
    import nbformat
    from IPython.display import display

    from smmlab.checks import SEED_VARIABLE

    path = (root or course_root()) / "solutions" / slug / f"{slug}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    namespace: dict[str, Any] = {"__name__": "__main__", "display": display}
    grading_seed = os.environ.pop(SEED_VARIABLE, None)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            _run_cells(notebook, namespace, path.name)
    finally:
        if grading_seed is not None:
            os.environ[SEED_VARIABLE] = grading_seed
    return namespace


def _run_cells(notebook: Any, namespace: dict, filename: str) -> None:
    for cell in notebook.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue  # test cells check against the key being made
        source = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*$", "", cell.source, flags=re.M)
        exec(compile(source, f"{filename}:{cell.get('id')}", "exec"), namespace)


def write_key(slug: str, root: Path | None = None) -> Path:
    """Write ``keys/<slug>.json`` from the reference solution; return its path."""
    exercise = module_for(slug).EXERCISE
    key = exercise.make_key(solution_answers(slug, root))
    path = exercise.key_path()
    text = json.dumps(key, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:  # an installed package is read-only
        path.write_text(text, encoding="utf-8")
    return path
