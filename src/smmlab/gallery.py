"""A static gallery of an explorer: its figure at a few representative settings.

A gallery shows what an explorer draws at a few telling settings side by side, for a page or
handout that cannot move the explorer (a notebook's ``display(HTML(...))``, print). Each panel
keeps the explorer's own alt text, prefixed by its settings. The web book's lesson pages no
longer need it: their explorer moves without a kernel (:mod:`smmlab.book_states`).

A lesson module may choose its settings with a ``GALLERY_SETTINGS`` list of dicts (control name
→ value); otherwise :func:`representative_settings` picks them.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smmlab import style
from smmlab.widgets import Explorer, Slider


@dataclass(frozen=True)
class Panel:
    """One rendered setting of an explorer."""

    settings: dict[str, Any]
    caption: str
    alt_text: str
    png: bytes


def describe(explorer: Explorer, settings: Mapping[str, Any]) -> str:
    """Name a setting in the explorer's own words: ``"Team time on campaign posts: 50%; ..."``."""
    controls = {control.name: control for control in explorer.controls}
    unknown = set(settings) - set(controls)
    if unknown:
        raise ValueError(f"Unknown control(s) {sorted(unknown)}; known: {sorted(controls)}")
    return "; ".join(
        f"{controls[name].label}: {controls[name].show(value)}" for name, value in settings.items()
    )


def representative_settings(explorer: Explorer) -> list[dict[str, Any]]:
    """Telling settings to show, most telling first.

    The initial state, the first slider at its lowest and highest value, the prediction's
    scenario (if any), then every other control's extremes. A setting that would give the same
    control values as an earlier one (other controls staying at their initial values) is
    dropped. :func:`render` then keeps the first few that draw different figures.
    """
    initial = dict(explorer.values)
    sliders = [control for control in explorer.controls if isinstance(control, Slider)]
    candidates: list[dict[str, Any]] = []
    if sliders:
        first = sliders[0]
        candidates += [{first.name: first.value}, {first.name: first.low}, {first.name: first.high}]
    if explorer.prediction is not None:
        candidates.append(dict(explorer.prediction.scenario))
    for control in explorer.controls:
        candidates += [{control.name: value} for value in control.extremes]
    chosen: list[dict[str, Any]] = []
    seen: list[dict[str, Any]] = []
    for candidate in candidates:
        effective = {**initial, **candidate}
        if effective not in seen:
            seen.append(effective)
            chosen.append(candidate)
    return chosen


def render(
    explorer: Explorer, settings: Sequence[Mapping[str, Any]], limit: int | None = None
) -> list[Panel]:
    """Render the explorer at each setting (other controls at their initial values).

    A setting whose figure is identical to an earlier panel's is skipped, and rendering stops
    after ``limit`` panels. A panel's caption names the controls the setting moves away from
    their initial values (or says it is the starting point). The explorer is left at its
    initial values afterwards.
    """
    initial = dict(explorer.values)
    explorer.open()  # a gallery is for readers without a kernel, who cannot lock a guess
    panels: list[Panel] = []
    try:
        for setting in settings:
            if limit is not None and len(panels) >= limit:
                break
            explorer.set(**{**initial, **setting})
            if explorer.result is None:
                raise ValueError(f"Explorer {explorer.title!r} cannot compute setting {dict(setting)}")
            png = style.png_bytes(explorer.figure)
            if any(panel.png == png for panel in panels):
                continue
            changed = {name: value for name, value in setting.items() if value != initial[name]}
            caption = (
                describe(explorer, changed) if changed else f"Starting point: {describe(explorer, setting)}"
            )
            panels.append(
                Panel(
                    settings=dict(setting),
                    caption=caption,
                    alt_text=f"{caption}. {explorer.alt_text}",
                    png=png,
                )
            )
    finally:
        explorer.set(**initial)
    return panels


def to_html(panels: Sequence[Panel]) -> str:
    """The panels as an HTML grid of captioned figures (for a notebook's ``display(HTML(...))``)."""
    figures = "".join(
        '<figure style="margin:0">'
        f'<img src="data:image/png;base64,{base64.b64encode(panel.png).decode("ascii")}" '
        f'alt="{html.escape(panel.alt_text)}" style="max-width:100%;height:auto">'
        f"<figcaption>{html.escape(panel.caption)}</figcaption></figure>"
        for panel in panels
    )
    return (
        '<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem">'
        f"{figures}</div>"
    )
