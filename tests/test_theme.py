"""The colours of smmlab's HTML keep text readable (WCAG AA, 4.5:1) in JupyterLab Light and Dark.

The themes' values are read from the CSS files of the installed JupyterLab, and the disabled
opacity from the installed ipywidgets bundle, so a theme that changes its colours fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jupyter_core.paths import jupyter_path

from smmlab import theme
from smmlab.checks import CheckResult
from smmlab.widgets import Headline, _headline_html, built_in_html

AA = 4.5
WHITE = (255.0, 255.0, 255.0, 1.0)


def _installed(relative: str) -> Path:
    found = [Path(folder) / relative for folder in jupyter_path() if (Path(folder) / relative).exists()]
    assert found, f"{relative} is not installed"
    return found[0]


def theme_variables(name: str) -> dict[str, str]:
    """The ``--jp-*`` variables of an installed JupyterLab theme (``light`` or ``dark``)."""
    css = _installed(f"lab/themes/@jupyterlab/theme-{name}-extension/index.css").read_text()
    return dict(re.findall(r"(--jp-[\w-]+)\s*:\s*([^;}]+)", css))


def resolve(value: str, variables: dict[str, str]) -> str:
    """``value`` with every ``var(--name, fallback)`` replaced by the variable or its fallback."""
    pattern = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)")
    while (match := pattern.search(value)) is not None:
        name, fallback = match.groups()
        value = value[: match.start()] + variables.get(name, fallback or "").strip() + value[match.end() :]
    return value.strip()


NAMED = {"white": "#fff", "black": "#000"}


def rgba(colour: str) -> tuple[float, float, float, float]:
    colour = NAMED.get(colour, colour)
    if colour.startswith("#"):
        digits = colour[1:] if len(colour) > 4 else "".join(c * 2 for c in colour[1:])
        return (*(float(int(digits[i : i + 2], 16)) for i in (0, 2, 4)), 1.0)
    parts = [float(p) for p in re.findall(r"[\d.]+", colour)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(top, under, opacity: float = 1.0):
    """``top`` painted on the opaque ``under`` at ``opacity``."""
    alpha = top[3] * opacity
    return (*(t * alpha + u * (1 - alpha) for t, u in zip(top[:3], under[:3], strict=True)), 1.0)


def contrast(one, two) -> float:
    def luminance(c) -> float:
        share = [x / 255 for x in c[:3]]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in share]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def page(variables: dict[str, str]):
    return rgba(resolve("var(--jp-layout-color0, white)", variables))


THEMES = {"light": theme_variables("light"), "dark": theme_variables("dark"), "plain HTML": {}}


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("text", ["TEXT", "MUTED"])
def test_text_colours_read_on_every_theme(name, text):
    variables = THEMES[name]
    background = page(variables)
    colour = over(rgba(resolve(getattr(theme, text), variables)), background)
    assert contrast(colour, background) >= AA, f"theme.{text} on {name}: {contrast(colour, background):.2f}:1"


def test_jupyterlab_dark_is_really_dark():
    """Guards the test above against a renamed variable silently falling back to light values."""
    assert contrast(page(THEMES["dark"]), (0, 0, 0, 1)) < 1.5
    assert "--jp-content-font-color2" in THEMES["dark"] and "--jp-content-font-color1" in THEMES["light"]


def disabled_opacity() -> float:
    bundles = _installed("labextensions/@jupyter-widgets/jupyterlab-manager/static").glob("*.js")
    pattern = re.compile(r"--jp-widgets-disabled-opacity:\s*([\d.]+)")
    found = {value for bundle in bundles for value in pattern.findall(bundle.read_text())}
    assert len(found) == 1, found
    return float(found.pop())


@pytest.mark.parametrize("name", THEMES)
def test_lock_button_reads_before_and_after_the_lock(name):
    backdrop = page(THEMES[name])
    button, text = rgba(theme.BUTTON), rgba(theme.BUTTON_TEXT)
    assert contrast(text, button) >= AA
    faded = disabled_opacity()
    locked = over(rgba(theme.LOCKED_BUTTON), backdrop, faded)
    assert contrast(over(text, backdrop, faded), locked) >= AA
    # the blue would not do once faded: the reason for a locked colour
    assert contrast(over(text, backdrop, faded), over(button, backdrop, faded)) < AA


def test_status_colours_are_theme_variables_and_unknown_statuses_are_neutral():
    assert theme.status_colour("correct").startswith("var(--jp-success-color")
    assert theme.status_colour("incorrect").startswith("var(--jp-error-color")
    assert theme.status_colour("hint") == theme.status_colour("solution") == theme.NEUTRAL


def fixed_colours(markup: str) -> list[str]:
    """Colour literals of ``markup`` that are not a theme variable's fallback."""
    return re.findall(r"#[0-9a-fA-F]{3,6}\b", re.sub(r"var\([^()]*\)", "", markup))


@pytest.mark.parametrize(
    "markup",
    [
        _headline_html([Headline("Messages answered", "23%", "brands average 17% (CARE4)")]),
        built_in_html("The trust ratio comes from a survey."),
        *(CheckResult(status, "message")._repr_html_() for status in ("correct", "incorrect", "hint")),
    ],
)
def test_explorer_and_check_html_use_only_theme_colours(markup):
    assert not fixed_colours(markup), markup
    assert f"color:{theme.TEXT}" in markup
