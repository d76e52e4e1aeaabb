"""An explorer names its slider handles in JupyterLab with a JavaScript output of its own (the
browser test checks the names in Chromium's accessibility tree); the book uses its own script."""

from __future__ import annotations

from importlib import import_module

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from smmlab import catalog
from smmlab.widgets import SLIDER_NAMES_JS


@pytest.fixture
def shell():
    """An IPython shell for the display, cleared after (other tests check outside IPython)."""
    yield InteractiveShell.instance()
    InteractiveShell.clear_instance()


def shown(monkeypatch, book: bool) -> list[dict]:
    monkeypatch.setenv("SMMLAB_BOOK", "1" if book else "0")
    explorer = import_module(catalog.load().lesson(1).module).explorer()
    with capture_output() as captured:
        explorer._ipython_display_()
    return [output.data for output in captured.outputs]


def test_the_explorer_comes_with_the_script_that_names_its_sliders(shell, monkeypatch):
    first, second = shown(monkeypatch, book=False)
    assert "application/vnd.jupyter.widget-view+json" in first
    assert second == {"application/javascript": SLIDER_NAMES_JS, "text/plain": ""}
    assert ".noUi-handle:not([aria-label])" in SLIDER_NAMES_JS and "aria-label" in SLIDER_NAMES_JS


def test_the_book_names_sliders_with_its_own_script(shell, monkeypatch):
    outputs = shown(monkeypatch, book=True)
    assert len(outputs) == 1 and "application/vnd.jupyter.widget-view+json" in outputs[0]
