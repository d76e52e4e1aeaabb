"""Sphinx extension: the misconception inventory's self-scoring page (``book/inventory.md``).

On ``builder-inited`` it writes, from :func:`smmlab.inventory.load` and the course catalog,

- ``_generated/inventory.md``: both forms as static HTML (situations, questions, four options
  labelled A-D, a confidence scale), included by ``inventory.md``, so the items read without
  JavaScript;
- ``_generated/inventory-data.js``: the data the page's script scores with (options, the
  misconception each option expresses, the keyed answer, the ``why`` text, the misconceptions'
  beliefs and the lessons that teach them, with links to the lesson pages that exist), also
  copied to ``_static/``. The keys live here only, never in the page's HTML.

``html-page-context`` adds the data, ``_static/smmlab-inventory.js`` (answers kept in the
browser's localStorage, scoring, the before-and-after table) and its stylesheet to that page
only. Without ``items.toml`` the page says the inventory is in preparation.
"""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

PAGE = "inventory"
DATA = "inventory-data.js"  # in _generated/, copied to _static/
SCRIPT = "smmlab-inventory.js"
STYLE = "smmlab-inventory.css"
DATA_VARIABLE = "smmlabInventory"
LETTERS = "ABCD"
FORM_NAMES = {"A": "Form A (before)", "B": "Form B (after)"}


def item_data(item) -> dict:
    """One item as the page's script reads it (its form is the key it is filed under)."""
    data = {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(item).items()}
    data.pop("form")
    return data


def _lesson_pages(repo: Path) -> dict[int, dict[str, Any]]:
    """Every catalog lesson by number: its title and, when its page is built, its address."""
    from smmlab_book import catalog_lessons

    return {
        files.lesson.number: {
            "label": files.label,
            "title": files.lesson.title,
            "href": f"{files.lesson_doc}.html" if files.lesson_notebook.is_file() else None,
        }
        for files in catalog_lessons(repo)
    }


def inventory_data(inventory: Any, repo: Path) -> dict[str, Any]:
    """What the page's script needs to score both forms and explain every wrong choice."""
    from smmlab.inventory import CONFIDENCE

    lessons = _lesson_pages(repo)
    return {
        "confidence": list(CONFIDENCE),
        "misconceptions": [
            {
                "id": m.id,
                "belief": m.belief,
                "lesson": m.lesson,
                "lessonLabel": lessons[m.lesson]["label"] if m.lesson in lessons else f"{m.lesson:02d}",
                "lessonTitle": lessons[m.lesson]["title"] if m.lesson in lessons else "",
                "href": lessons[m.lesson]["href"] if m.lesson in lessons else None,
            }
            for m in inventory.misconceptions.values()
        ],
        "forms": {form: [item_data(item) for item in inventory.form(form)] for form in FORM_NAMES},
    }


def data_script(data: dict[str, Any] | None) -> str:
    """The data file: one assignment to ``window.smmlabInventory`` (``null`` without items)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # safe inside any HTML context and for JavaScript parsers that dislike U+2028/9
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{DATA_VARIABLE} = {text};\n"


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _item_html(item: Any, number: int, total: int, confidence: list[str]) -> list[str]:
    key = f"inv-{item.id}"
    out = [
        f'<div class="inv-item" id="{key}" data-item="{_e(item.id)}">',
        f'<h3 class="inv-item-title">Question {number} of {total} '
        f'<span class="inv-id">({_e(item.id)})</span></h3>',
        f'<p class="inv-situation">{_e(item.situation)}</p>',
        '<fieldset class="inv-options">',
        f'<legend class="inv-question">{_e(item.question)}</legend>',
    ]
    for index, option in enumerate(item.options):
        out.append(
            f'<div class="inv-option" data-index="{index}">'
            f'<input type="radio" name="{key}" id="{key}-{index}" value="{index}">'
            f'<label for="{key}-{index}"><span class="inv-letter">{LETTERS[index]}.</span> '
            f'<span class="inv-text">{_e(option)}</span> <span class="inv-mark"></span></label></div>'
        )
    out += ["</fieldset>", '<fieldset class="inv-confidence">', "<legend>How sure are you?</legend>"]
    for index, label in enumerate(confidence):
        out.append(
            f'<span class="inv-conf-choice"><input type="radio" name="{key}-confidence" '
            f'id="{key}-confidence-{index}" value="{index}">'
            f'<label for="{key}-confidence-{index}">{_e(label)}</label></span>'
        )
    out += ["</fieldset>", '<div class="inv-feedback" hidden></div>', "</div>"]
    return out


def page_fragment(inventory: Any | None) -> str:
    """Both forms as static HTML in a ``{raw}`` block (the script adds tabs and scoring)."""
    from smmlab.inventory import CONFIDENCE

    if inventory is None:
        return "*The inventory is in preparation: its items are not written yet.*\n"
    forms = {form: inventory.form(form) for form in FORM_NAMES}
    lines = [
        '<div id="smmlab-inventory" class="smmlab-inventory">',
        '<p class="inv-noscript">This page needs JavaScript to keep and score your answers; '
        "without it you can still read every question.</p>",
        '<div class="inv-storage-warning" role="alert" hidden></div>',
    ]
    for form, items in forms.items():
        lines += [
            f'<section class="inv-form" id="inv-form-{form}" data-form="{form}" '
            f'aria-labelledby="inv-form-{form}-title">',
            f'<h2 class="inv-form-title" id="inv-form-{form}-title">{_e(FORM_NAMES[form])}</h2>',
            f'<p class="inv-form-intro">{len(items)} questions. '
            + (
                "Take this form before you start the lessons.</p>"
                if form == "A"
                else "Take this form when you have finished the lessons.</p>"
            ),
            '<div class="inv-form-summary" role="status" tabindex="-1"></div>',
        ]
        for number, item in enumerate(items, start=1):
            lines += _item_html(item, number, len(items), list(CONFIDENCE))
        lines += [
            '<div class="inv-finish">',
            f'<button type="button" class="inv-finish-button" data-form="{form}" disabled>'
            "Finish form</button>",
            '<p class="inv-progress" aria-live="polite"></p>',
            "</div>",
            "</section>",
        ]
    lines += [
        '<section class="inv-results" id="inv-results" aria-labelledby="inv-results-title">',
        '<h2 id="inv-results-title">Your before and after</h2>',
        '<div class="inv-results-body"><p>Finish both forms to see your before and after.</p></div>',
        "</section>",
        '<div class="inv-restart">',
        '<button type="button" class="inv-restart-button">Start again</button>',
        '<div class="inv-restart-confirm" hidden>',
        "<p>This clears your answers to both forms from this browser. Are you sure?</p>",
        '<button type="button" class="inv-restart-yes">Yes, clear my answers</button> ',
        '<button type="button" class="inv-restart-no">No, keep them</button>',
        "</div>",
        "</div>",
        "</div>",
    ]
    # a raw block: one HTML node, no Markdown parsing inside (no blank lines may end it early)
    return "```{raw} html\n" + "\n".join(lines) + "\n```\n"


def load_inventory() -> Any | None:
    """The course's inventory, or None while ``items.toml`` is not written (a broken one raises)."""
    from smmlab import inventory

    if not inventory.ITEMS.is_file():
        logger.info("smmlab: no %s yet; the inventory page says it is in preparation", inventory.ITEMS.name)
        return None
    return inventory.load()


def write(srcdir: Path, repo: Path) -> Any | None:
    """Write the page's fragment and data file into ``_generated/``; return the inventory."""
    from smmlab_book import FRAGMENTS, _write_if_changed

    inventory = load_inventory()
    folder = srcdir / FRAGMENTS
    _write_if_changed(folder / "inventory.md", page_fragment(inventory))
    data = inventory_data(inventory, repo) if inventory is not None else None
    _write_if_changed(folder / DATA, data_script(data))
    return inventory


def _builder_inited(app: Sphinx) -> None:
    from smmlab_book import FRAGMENTS

    write(Path(app.srcdir), Path(app.config.smmlab_repo))
    if app.builder.format == "html":  # in _static/ before the pages are written (for its ?v= hash)
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(app.srcdir) / FRAGMENTS / DATA, static / DATA)


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == PAGE:
        app.add_css_file(STYLE)
        app.add_js_file(DATA, loading_method="defer")
        app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_assets)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
