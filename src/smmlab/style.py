"""One look for every figure: opaque background, colour-blind-safe palette, hatching and alt text.

The palette is Okabe and Ito's (2008), safe for the common colour-vision deficiencies. Colour is
never the only carrier of meaning: series also differ by hatch, marker or line style, and every
figure has alt text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

#: Okabe-Ito colours by role.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#8C8C8C",
}
CYCLE = [PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
LINESTYLES = ["-", "--", ":", "-."]

RC = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10.5,
    "font.size": 10.5,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "hatch.linewidth": 0.8,
}


def apply() -> None:
    """Make the course style the default for ``pyplot`` figures in this session."""
    mpl.rcParams.update(RC)


@contextmanager
def styled() -> Iterator[None]:
    """Use the course style inside a ``with`` block only."""
    with mpl.rc_context(RC):
        yield


def new_figure(width: float = 9.5, height: float = 3.8, ncols: int = 1) -> tuple[Figure, list]:
    """A figure outside ``pyplot`` (so it never displays by itself), with ``ncols`` axes."""
    with styled():
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.subplots(1, ncols, squeeze=False)[0].tolist()
    return figure, axes


def png_bytes(figure: Figure) -> bytes:
    """Render a figure to PNG with an opaque white background."""
    buffer = io.BytesIO()
    with styled():
        figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
