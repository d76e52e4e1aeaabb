"""The colours of smmlab's HTML (explorers, self-checks), declared once.

Each is one of JupyterLab's theme variables, so text keeps its contrast in JupyterLab Light and
Dark (the book's widget bundle defines the light values too); the fallback after the comma is
what a page without them shows. Text sits on the page's own background: no box here paints one.
The lock button is the exception: it paints its own blue, so its colours are fixed.
"""

from __future__ import annotations

#: Body text: 16:1 on JupyterLab Light, 19:1 on Dark.
TEXT = "var(--jp-content-font-color1, #222)"
#: Secondary text (a headline's note): JupyterLab's own, 4.6:1 on Light, 9.5:1 on Dark.
MUTED = "var(--jp-content-font-color2, #555)"
#: Frames and cards (not text).
BORDER = "var(--jp-border-color1, #ccc)"
#: The predict-first box's frame (not text).
ACCENT = "var(--jp-brand-color1, #0072B2)"
#: The bar beside "This result is an input" (not text).
CAUTION = "var(--jp-warn-color1, #E69F00)"
#: The bar beside a self-check's message, by status (not text: the status is also written).
STATUS = {
    "correct": "var(--jp-success-color1, #00795A)",
    "incorrect": "var(--jp-error-color1, #B8400A)",
}
#: The bar beside any other self-check message (hint, solution, not attempted...).
NEUTRAL = BORDER
#: The lock button paints its own background: white on this blue is 5.8:1 in any theme
#: (ipywidgets' "primary" blue gives 3.1:1).
BUTTON = "#1565c0"
BUTTON_TEXT = "white"
#: The button once the guess is locked: ipywidgets fades a disabled button to 60% opacity, which
#: leaves white on the blue at 2.6:1 (3.8:1 on Dark); on black it still reads 5.7:1 over a white
#: page and 7.7:1 over JupyterLab Dark's.
LOCKED_BUTTON = "black"


def status_colour(status: str) -> str:
    """The colour of the bar beside a self-check message of ``status``."""
    return STATUS.get(status, NEUTRAL)
