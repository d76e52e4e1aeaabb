"""Sphinx extension: every lesson's explorer moves in the web book, with no kernel.

On ``builder-inited`` it plans each lesson explorer's states (:mod:`smmlab.book_states`) and
starts drawing the stale ones in a process pool, beside the notebooks' execution. On
``doctree-read`` it replaces the output of a lesson's explorer cell (an ipywidget whose sliders
would do nothing without a kernel) by the offline explorer: native labelled controls, the
predict-first box, the steps note and a held view that ``smmlab-explorers.js`` fills from the
explorer's ``_explorers/<lesson>/index.json`` and images. With the explorer gone, a page that
has no other widget no longer loads the widget JavaScript. On ``build-finished`` it waits for
the drawing and writes each explorer's index.

States live in ``<html>/_explorers/<lesson>/`` and are redrawn only when their key changes
(see :func:`smmlab.book_states.state_key`).
"""

from __future__ import annotations

import html
import importlib.util
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FOLDER = "_explorers"


def _has_explorer(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return bool(spec and spec.origin and "def explorer(" in Path(spec.origin).read_text("utf-8"))


def _start(app: Sphinx) -> None:
    from smmlab import book_states, catalog

    store = book_states.StateStore(Path(app.outdir) / FOLDER)
    for lesson in catalog.load(Path(app.config.smmlab_repo) / "course" / "catalog.toml").lessons:
        if (Path(app.config.smmlab_repo) / "course" / f"{lesson.name}.ipynb").is_file() and _has_explorer(
            lesson.module
        ):
            store.plan(lesson.name, lesson.module)
    store.prune(store.plans)
    drawn = store.start()
    states = sum(store.plans[name].grid.size for name in drawn)
    logger.info("smmlab: drawing %d states of %d explorers for the book", states, len(drawn))
    app.smmlab_states = store  # type: ignore[attr-defined]


def _finish(app: Sphinx, exception: Exception | None) -> None:
    store = getattr(app, "smmlab_states", None)
    if store is None:
        return
    if exception is not None:
        store.close()
        return
    store.finish()


# ---- the page -----------------------------------------------------------------------------------
def _slider(id_: str, shown: list[str], start: int, help_id: str | None) -> str:
    described = f' aria-describedby="{help_id}"' if help_id else ""
    return (
        f'<input type="range" id="{id_}" min="0" max="{len(shown) - 1}" step="1" value="{start}" '
        f'aria-valuetext="{html.escape(shown[start])}"{described} '
        f"data-shown='{html.escape(json.dumps(shown))}'>"
        f'<output for="{id_}" class="smx-readout">{html.escape(shown[start])}</output>'
    )


def _select(id_: str, shown: list[str], start: int, help_id: str | None) -> str:
    described = f' aria-describedby="{help_id}"' if help_id else ""
    options = "".join(
        f'<option value="{i}"{" selected" if i == start else ""}>{html.escape(text)}</option>'
        for i, text in enumerate(shown)
    )
    return f'<select id="{id_}"{described}>{options}</select>'


def _control_row(id_: str, entry: dict[str, Any]) -> str:
    help_id = f"{id_}-help" if entry["help"] else None
    field = (
        _select(id_, entry["shown"], entry["start"], help_id)
        if entry["kind"] == "choice"
        else _slider(id_, entry["shown"], entry["start"], help_id)
    )
    help_text = f'<p class="smx-help" id="{help_id}">{html.escape(entry["help"])}</p>' if help_id else ""
    return (
        f'<div class="smx-row" data-control="{html.escape(entry["name"])}">'
        f'<label for="{id_}">{html.escape(entry["label"])}</label><div class="smx-field">{field}</div>'
        f"{help_text}</div>"
    )


def explorer_html(plan: Any, prefix: str) -> str:
    """The offline explorer of one plan (``smmlab.book_states.Plan``), ``prefix`` up to the root."""
    from smmlab import book_states, widgets

    explorer, grid, name = plan.explorer, plan.grid, plan.name
    uid = f"smx-{name[:2]}"
    parts = [f'<p class="smx-title"><b>{html.escape(explorer.title)}</b></p>']
    if explorer.intro:
        parts.append(f"<p>{html.escape(explorer.intro)}</p>")
    if explorer.prediction is not None:
        guess = explorer.prediction.guess
        values = book_states.guess_values(guess)
        entry = book_states.control_entry(guess, values, guess.value)
        parts.append(
            f'<div class="smx-predict" role="group" aria-labelledby="{uid}-question">'
            f'<p id="{uid}-question"><b>Predict first.</b> {html.escape(explorer.prediction.question)}</p>'
            f"{_control_row(f'{uid}-guess', entry | {'help': ''})}"
            '<button type="button" class="smx-lock" disabled>Lock in my guess</button>'
            '<p class="smx-verdict" role="status" aria-live="polite"></p></div>'
        )
    rows = "".join(
        _control_row(f"{uid}-{i}", book_states.control_entry(c, values, c.value))
        for i, (c, values) in enumerate(zip(explorer.controls, grid.positions, strict=True))
    )
    parts.append(f'<div class="smx-controls">{rows}</div>')
    parts.append(f'<p class="smx-steps">{html.escape(book_states.steps_note(explorer, grid))}</p>')
    held = widgets.HELD if explorer.prediction is not None else "Loading the explorer's figure..."
    parts.append(
        '<div class="smx-view" aria-live="polite">'
        f'<div class="smx-held" role="status"><b>View held.</b> {html.escape(held)}</div></div>'
        '<div class="smx-headlines" role="region" aria-label="Headline numbers" aria-live="polite"></div>'
    )
    if explorer.built_in:
        parts.append(f'<div class="smx-built-in" hidden>{widgets.built_in_html(explorer.built_in)}</div>')
    parts.append(
        "<noscript><p>This explorer moves with JavaScript, which is off: turn it on, or launch the "
        "page (rocket icon) to use the explorer in JupyterLab.</p></noscript>"
    )
    index = f"{prefix}{FOLDER}/{name}/index.json?v={plan.key[:12]}"
    return (
        f'<div class="smmlab-explorer" id="offline-explorer" data-index="{html.escape(index)}" '
        f'data-start="{book_states.state_id(book_states.grid_start(grid, explorer))}">'
        f"{''.join(parts)}</div>"
    )


def _explorer_cell(doctree: nodes.document) -> nodes.Element | None:
    for node in doctree.findall(nodes.container):
        if "cell" in node.get("classes", []) and WIDGET_VIEW in node.astext() + "".join(
            str(raw) for raw in node.findall(nodes.raw)
        ):
            return node
    return None


def add_offline_explorer(app: Sphinx, doctree: nodes.document) -> None:
    """Put the offline explorer in place of the explorer cell's widget output."""
    docname = app.env.docname
    store = getattr(app, "smmlab_states", None)
    if store is None or not docname.startswith("course/"):
        return
    plan = store.plans.get(docname.split("/", 1)[1])
    cell = _explorer_cell(doctree)
    if plan is None or cell is None:
        return
    app.env.note_dependency(str(plan.module_file))
    outputs = [child for child in cell.children if "cell_output" in child.get("classes", [])]
    target = outputs[0] if outputs else cell
    target.children = []
    target += nodes.raw("", explorer_html(plan, "../" * docname.count("/")), format="html")
    if WIDGET_VIEW not in "".join(str(raw) for raw in doctree.findall(nodes.raw)):
        # no widget left on the page: drop myst-nb's widget state and JavaScript (3.7 MB)
        metadata = getattr(app.env, "nb_metadata", {}).get(docname, {})
        for key in [k for k in metadata.get("js_files", {}) if k.startswith("ipywidgets")]:
            del metadata["js_files"][key]


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is not None and any("smmlab-explorer" in str(raw) for raw in doctree.findall(nodes.raw)):
        app.add_js_file("smmlab-explorers.js", loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _start, priority=600)  # after smmlab_book writes the notebooks
    app.connect("doctree-read", add_offline_explorer, priority=400)
    app.connect("html-page-context", _page_scripts)
    app.connect("build-finished", _finish)
    app.add_css_file("smmlab-explorers.css")
    return {"version": "0.1", "parallel_read_safe": False, "parallel_write_safe": True}
