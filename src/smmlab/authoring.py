"""Helpers for course authors: build lesson and exercise notebooks with the right metadata.

Notebooks are the source of truth once written; these helpers make the first version with fixed
cell ids, nbgrader cell metadata (schema 3) and the ``smmlab`` notebook metadata the tests and
the book rely on. ``normalise`` re-applies the conventions to an edited notebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbgrader(
    grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None
) -> dict:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def md(text: str, **meta: Any):
    """A markdown cell."""
    return new_markdown_cell(text.strip("\n"), metadata=meta)


def code(source: str, *, alt: str | None = None, tags: list[str] | None = None, **meta: Any):
    """A code cell; ``alt`` sets myst-nb's alt text for a figure it displays."""
    if alt:
        meta["mystnb"] = {"image": {"alt": alt}}
    if tags:
        meta["tags"] = tags
    return new_code_cell(source.strip("\n"), metadata=meta)


def readonly(source: str, grade_id: str, markdown: bool = False):
    """A locked cell learners cannot edit (set-up code or instructions)."""
    maker = new_markdown_cell if markdown else new_code_cell
    return maker(source.strip("\n"), metadata=_nbgrader(grade_id, grade=False, solution=False, locked=True))


def answer(source: str, grade_id: str):
    """An autograded answer cell; wrap the solution in ``### BEGIN SOLUTION`` / ``### END SOLUTION``."""
    return new_code_cell(
        source.strip("\n"), metadata=_nbgrader(grade_id, grade=False, solution=True, locked=False)
    )


def test(source: str, grade_id: str, points: float):
    """A locked, graded test cell; hidden parts go between ``### BEGIN/END HIDDEN TESTS``."""
    return new_code_cell(
        source.strip("\n"),
        metadata=_nbgrader(grade_id, grade=True, solution=False, locked=True, points=points),
    )


def written(text: str, grade_id: str, points: float):
    """A manually graded written answer (markdown)."""
    return new_markdown_cell(
        text.strip("\n"), metadata=_nbgrader(grade_id, grade=True, solution=True, locked=False, points=points)
    )


def notebook(cells: list, *, lesson: str, kind: str, items: list[str]) -> nbformat.NotebookNode:
    """Assemble a notebook for ``lesson`` (e.g. ``"01-conversation-not-broadcast"``)."""
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["smmlab"] = {"lesson": lesson, "kind": kind, "items": items}
    return normalise(nb, prefix=f"{kind}{lesson[:2]}")


def normalise(nb: nbformat.NotebookNode, prefix: str) -> nbformat.NotebookNode:
    """Strip outputs and execution counts; give every cell a fixed id."""
    used: set[str] = set()
    for index, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell_id = cell.get("id") if cell.get("id") and not str(cell.get("id")).startswith("auto-") else None
        cell_id = cell_id or (grade_id or f"{prefix}-{index:02d}")
        while cell_id in used:
            cell_id = f"{cell_id}-{index}"
        used.add(cell_id)
        cell["id"] = cell_id
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def write(nb: nbformat.NotebookNode, path: Path | str) -> Path:
    """Validate and write a notebook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path
