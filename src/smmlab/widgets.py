"""The one pattern every lesson explorer is built from.

An explorer has

- declared **controls** (:class:`Slider`, :class:`Choice`), each with a label that screen readers
  announce and a help text;
- a pure **compute** function: control values in, a result out (no drawing, no globals);
- a **render** function that draws the result on one figure and returns a few
  :class:`Headline` numbers and the figure's alt text;
- optionally a :class:`Prediction`: the learner commits a guess about a scenario before the
  explorer shows anything. Until the guess is locked the figure and headline numbers are held
  back (the controls work, the view waits), so nothing on screen gives the answer away; locking
  moves the explorer to the scenario and reveals it.

Every change of a control recomputes and redraws in place: the figure and the headline numbers
are updated, never appended. An explorer keeps its last :data:`VIEWS_KEPT` views by control
values, so going back to a recent setting (an arrow key pressed back) shows it at once.

Drawing a view takes matplotlib 90-170 ms (2 cores), most of it the Agg draw itself, so an
explorer **draws ahead** while the learner looks: once the kernel has been idle for
:data:`IDLE_SECONDS`, it draws the views one move away (each slider a step either way, the
moved one first in the direction it moved; every other option of a choice; while a guess is
open, the prediction's scenario), one per turn of the kernel's event loop, so a cell or a key
press waits for at most one drawing. A move to a view drawn ahead only swaps the image and
headlines. ``SMMLAB_PREFETCH`` says when: unset or ``1``, always (a laptop's or a Binder
session's CPU is the learner's own); ``auto``, on spare CPU only, pausing while the machine's
load average is above :data:`BUSY_LOAD` per core (the workshop hub sets this: its learners share
the cores); ``0``, never.
"""

from __future__ import annotations

import asyncio
import base64
import html
import math
import os
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smmlab import style, theme

if TYPE_CHECKING:  # both load when an explorer is made: grading an exercise never does
    import ipywidgets as w
    from matplotlib.figure import Figure

TRACK_EM = 20  # width of a slider's track, beside its label
#: How many recent views (result, figure, headlines) an explorer keeps by control values.
VIEWS_KEPT = 64
#: Seconds without a cell run or a control move before an explorer draws ahead.
IDLE_SECONDS = 0.3
#: Most views drawn ahead after one move.
AHEAD_MOST = 10
#: Load average per core above which an explorer does not draw ahead (the CPU is wanted elsewhere).
BUSY_LOAD = 0.75

#: The explorers alive in this process, by id (see :func:`stop_drawing_ahead`).
_explorers: weakref.WeakValueDictionary[int, Explorer] = weakref.WeakValueDictionary()

#: What a predict-first explorer shows until the guess is locked.
HELD = "The simulation appears once you lock in your guess above: predict first, then see."


#: Names every slider handle after its visible label. ipywidgets 8 draws a slider with noUiSlider,
#: whose handle (role "slider") has no name, so a screen reader announces only "slider", and no
#: widget option sets one. JupyterLab runs this as the explorer's JavaScript output (it trusts the
#: outputs of a cell run in the session); the book does the same with book/_static/smmlab-a11y.js.
SLIDER_NAMES_JS = """\
(function () {
  if (window.smmlabSliderNames) return;
  window.smmlabSliderNames = true;
  function name() {
    document.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])").forEach(function (handle) {
      var label = handle.closest(".widget-slider").querySelector(".widget-label");
      var text = label && label.textContent.trim();
      if (text) handle.setAttribute("aria-label", text);
    });
  }
  var queued = false;  // widgets render after this runs: name new handles once per frame
  new MutationObserver(function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; name(); });
  }).observe(document.body, { childList: true, subtree: true });
  name();
})();
"""


def label_em(labels: Sequence[str]) -> int:
    """Width (em) that shows the longest of ``labels`` in full, within 10-24 em."""
    return int(min(24, max(10, 0.55 * max(map(len, labels), default=0) + 1.5)))


@dataclass(frozen=True)
class Slider:
    """A numeric control.

    Parameters
    ----------
    name
        Keyword passed to the compute function.
    label
        Visible label, also the accessible name.
    low, high, step, value
        Range, step and initial value.
    fmt
        Python format for the read-out, e.g. ``"{:.0%}"``.
    help
        One sentence shown as a tooltip and below the controls.
    """

    name: str
    label: str
    low: float
    high: float
    step: float
    value: float
    fmt: str = "{:g}"
    help: str = ""
    integer: bool = False

    def __post_init__(self) -> None:
        if not self.low <= self.value <= self.high:
            raise ValueError(f"Slider {self.name!r}: value {self.value} is outside [{self.low}, {self.high}]")

    def make(self, label_width: int = 16) -> w.Widget:
        """Build the ipywidgets slider, its label ``label_width`` em wide."""
        import ipywidgets as w

        kind = w.IntSlider if self.integer else w.FloatSlider
        slider = kind(
            value=self.value,
            min=self.low,
            max=self.high,
            step=self.step,
            description=self.label,
            tooltip=self.help or self.label,
            continuous_update=False,
            readout=False,
            style={"description_width": f"{label_width}em"},
            layout=w.Layout(width=f"{label_width + TRACK_EM}em"),
        )
        return slider

    def show(self, value: float) -> str:
        """Format a value for the read-out."""
        return self.fmt.format(value)

    @property
    def extremes(self) -> tuple[float, float]:
        """The lowest and highest settings."""
        return (self.low, self.high)

    def rounded(self, value: float) -> float | int:
        """``value`` as the slider holds it: a whole number, or free of float noise (0.1 + 0.2)."""
        return round(value) if self.integer else round(value, 10)


@dataclass(frozen=True)
class Choice:
    """A control choosing one of a few named options.

    ``options`` maps the visible label of each option to the value passed to compute.
    """

    name: str
    label: str
    options: Mapping[str, Any]
    value: Any
    help: str = ""

    def __post_init__(self) -> None:
        if self.value not in self.options.values():
            raise ValueError(f"Choice {self.name!r}: value {self.value!r} is not one of the options")

    def make(self, label_width: int = 16) -> w.Widget:
        """Build the ipywidgets toggle buttons, their label ``label_width`` em wide."""
        import ipywidgets as w

        return w.ToggleButtons(
            options=list(self.options.items()),
            value=self.value,
            description=self.label,
            tooltip=self.help or self.label,
            style={"description_width": f"{label_width}em", "button_width": "auto"},
        )

    def show(self, value: Any) -> str:
        """The label of the option holding ``value``."""
        return next(label for label, option in self.options.items() if option == value)

    @property
    def extremes(self) -> tuple[Any, ...]:
        """Every option (a choice has no order, so all are extremes)."""
        return tuple(self.options.values())


Control = Slider | Choice


@dataclass(frozen=True)
class Headline:
    """One headline number under the figure: a label, a formatted value and a short note."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Rendered:
    """What a render function returns besides drawing: headline numbers and the figure's alt text."""

    headlines: Sequence[Headline]
    alt_text: str


@dataclass(frozen=True)
class Prediction:
    """A predict-first question: the learner guesses before the explorer shows any result.

    Parameters
    ----------
    question
        The question, naming the scenario (for example "if the team spends 90% of its time on
        posts, what share of customers with a problem gets an answer?").
    guess
        The control the learner answers with.
    scenario
        Control values the question is about; the explorer moves there on reveal.
    answer
        Computes the true value from the scenario's result.
    explain
        Text shown after the reveal: what the gap between guess and truth teaches.
    tolerance
        How near counts as "close": within this fraction of the true value (relative, so a rate
        of 0.06% is not "close" to 1%), or within one step of the guess control, whichever is
        wider (the nearest a learner can set).
    """

    question: str
    guess: Control
    scenario: Mapping[str, Any]
    answer: Callable[[Any], float]
    explain: str = ""
    tolerance: float = 0.25

    def close(self, guessed: Any, truth: Any) -> bool:
        """True when ``guessed`` is near ``truth`` (see ``tolerance``); choices must be equal."""
        if isinstance(self.guess, Choice):
            return guessed == truth
        if not isinstance(truth, (int, float)) or not math.isfinite(float(truth)):
            return False
        step = float(getattr(self.guess, "step", 0.0))
        return abs(float(guessed) - float(truth)) <= max(self.tolerance * abs(float(truth)), step)


@dataclass
class Explorer:
    """An interactive explorer: controls → compute → render, with an optional prediction.

    Display it as the last expression of a cell. ``set(**values)`` moves controls from code
    (tests and benchmarks use it); ``result`` is the current result. With a prediction, the view
    is held until :meth:`reveal` (the learner's lock) or :meth:`open` (code that needs the
    figure without a guess: the book's gallery, benchmarks).

    ``built_in`` names a result the model produces because an assumption puts it there (for
    example a trust ratio taken from a survey): it is shown beside the headlines as
    "This result is an input", so nobody mistakes it for a finding.
    """

    title: str
    controls: Sequence[Control]
    compute: Callable[..., Any]
    render: Callable[[Any, Figure], Rendered]
    prediction: Prediction | None = None
    figure_size: tuple[float, float] = (9.5, 3.8)
    intro: str = ""
    built_in: str = ""
    _widgets: dict[str, w.Widget] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import ipywidgets as w
        from matplotlib.figure import Figure

        names = [control.name for control in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"Explorer {self.title!r}: duplicate control names in {names}")
        self._figure = Figure(figsize=self.figure_size)  # fixed margins: constrained layout doubles draw time
        self._drawn: tuple | None = None  # the control values the figure shows
        self._views: OrderedDict[tuple, _View] = OrderedDict()
        self._moved: tuple[str | None, int] = (None, 1)  # the last control moved, and which way
        self._ahead_timer: asyncio.TimerHandle | None = None
        self._cannot: set[tuple] = set()  # control values compute refuses (nothing to draw ahead)
        _explorers[id(self)] = self
        _activity.watch_cells()
        guess = [self.prediction.guess.label] if self.prediction else []
        self._label_width = label_em([c.label for c in self.controls] + guess)
        self._widgets = {control.name: control.make(self._label_width) for control in self.controls}
        self._readouts = {control.name: w.Label() for control in self.controls}
        self._plot = w.HTML(layout=w.Layout(min_height="200px"))
        self._headlines = w.HTML()
        self._status = w.HTML()
        self.result: Any = None
        self.alt_text = ""
        self.revealed = self.prediction is None
        for name, widget in self._widgets.items():
            widget.observe(self._on_change, names="value")
            self._readouts[name].value = self._control(name).show(widget.value)
        self._prediction_box = self._build_prediction() if self.prediction else None
        self.update()

    # ---- state -------------------------------------------------------------------------------
    @property
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: widget.value for name, widget in self._widgets.items()}

    def set(self, **values: Any) -> Any:
        """Move controls to ``values`` (one update in all) and return the new result."""
        unknown = set(values) - set(self._widgets)
        if unknown:
            raise ValueError(f"Unknown control(s) {sorted(unknown)}; known: {sorted(self._widgets)}")
        with self._held():
            for name, value in values.items():
                self._widgets[name].value = value
        return self.update()

    @property
    def figure(self) -> Figure:
        """The figure, drawn for the current control values."""
        key = self._key()
        if not self.revealed and self._drawn is not None:  # held: not the scenario drawn ahead
            self._figure.clear()
            self._drawn = None
        if self.revealed and self.result is not None and self._drawn != key:
            self._draw(key)
        return self._figure

    def update(self) -> Any:
        """Recompute and redraw for the current control values; return the result."""
        _activity.touch()
        try:
            return self._update()
        finally:
            self._schedule_ahead()

    def _update(self) -> Any:
        key = self._key()
        view = self._views.get(key) if self.revealed and key is not None else None
        if view is not None:  # a recent setting, or one drawn ahead: shown without drawing
            self._views.move_to_end(key)
            self._show(view)
            return self.result
        try:
            self.result = self.compute(**self.values)
        except ValueError as error:  # a clear message instead of a traceback in the widget
            self._status.value = f'<p role="alert"><b>Cannot compute:</b> {html.escape(str(error))}</p>'
            return None
        self._status.value = ""
        for name, widget in self._widgets.items():
            self._readouts[name].value = self._control(name).show(widget.value)
        if not self.revealed:
            self.alt_text = HELD
            self._plot.value = (
                '<div role="status" style="border:1px dashed currentColor;padding:2em 1em;'
                f'text-align:center;opacity:0.85"><b>View held.</b> {html.escape(self.alt_text)}</div>'
            )
            self._headlines.value = ""
            return self.result
        view = self._draw(key)
        if key is not None:
            self._keep(key, view)
        self._show(view)
        return self.result

    def _key(self, values: Mapping[str, Any] | None = None) -> tuple | None:
        """Control values (default: the current ones) as a cache key; None when one cannot be.

        Floats count to 9 decimals, so a slider stepped in the browser (0.1 + 0.2) finds the
        view drawn ahead for 0.3.
        """
        values = self.values if values is None else values
        key = tuple((name, round(v, 9) if isinstance(v, float) else v) for name, v in values.items())
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _draw(self, key: tuple | None, result: Any = None) -> _View:
        """Render ``result`` (default: the current one) on the figure and encode it."""
        result = self.result if result is None else result
        self._figure.clear()
        with style.styled():
            rendered = self.render(result, self._figure)
        self._drawn = key
        encoded = base64.b64encode(style.png_bytes(self._figure)).decode("ascii")
        plot = (
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(rendered.alt_text)}" '
            'style="max-width:100%;height:auto">'
        )
        return _View(result, plot, _headline_html(rendered.headlines), rendered.alt_text)

    def _keep(self, key: tuple, view: _View) -> None:
        self._views[key] = view
        self._views.move_to_end(key)
        while len(self._views) > VIEWS_KEPT:
            self._views.popitem(last=False)

    # ---- drawing ahead -----------------------------------------------------------------------
    def ahead(self) -> list[dict[str, Any]]:
        """The views one move away that are not kept yet, likeliest first, at most :data:`AHEAD_MOST`."""
        skip = self._views.keys() | self._cannot
        return [values for values in self._next_moves() if self._key(values) not in skip][:AHEAD_MOST]

    def _next_moves(self) -> list[dict[str, Any]]:
        """Control values one move away from the current ones, likeliest first.

        While a guess is open, only the prediction's scenario (where locking the guess moves).
        Otherwise each slider one step either way (the last moved slider first, in the direction
        it moved) and every other option of each choice.
        """
        now = self.values
        if not self.revealed:
            wanted = [{**now, **self.prediction.scenario}] if self.prediction else []
        else:
            moved, direction = self._moved
            order = sorted(self.controls, key=lambda control: control.name != moved)
            wanted = []
            for control in order:
                value = now[control.name]
                if isinstance(control, Choice):
                    nexts = [option for option in control.options.values() if option != value]
                else:
                    first = direction if control.name == moved else 1
                    nexts = [control.rounded(value + way * control.step) for way in (first, -first)]
                    nexts = [v for v in nexts if control.low - 1e-9 <= v <= control.high + 1e-9]
                wanted += [{**now, control.name: v} for v in nexts]
        return [values for values in wanted if self._key(values) is not None]

    def draw_ahead(self, most: int | None = None) -> int:
        """Draw up to ``most`` (default all) of :meth:`ahead`'s views and keep them; return how many.

        In a kernel this runs by itself while the kernel is idle; code without an event loop (the
        benchmarks, tests) calls it to stand for the time a learner spends looking.
        """
        for values in self._next_moves():  # kept ones stay: drawing the others must not evict them
            if (key := self._key(values)) in self._views:
                self._views.move_to_end(key)
        drawn = 0
        for values in self.ahead():
            if most is not None and drawn >= most:
                break
            try:
                result = self.compute(**values)
            except ValueError:  # the move would show the "cannot compute" message: nothing to draw
                self._cannot.add(self._key(values))
                continue
            key = self._key(values)
            self._keep(key, self._draw(key, result))
            drawn += 1
        return drawn

    def _schedule_ahead(self, delay: float = IDLE_SECONDS) -> None:
        """Have the kernel's event loop draw ahead in ``delay`` seconds if idle (no loop: nothing to do)."""
        if self._ahead_timer is not None or os.environ.get("SMMLAB_PREFETCH") == "0":
            return
        if os.environ.get("SMMLAB_BOOK") == "1":  # a build runs every cell and has no learner
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._ahead_timer = loop.call_later(delay, self._ahead_turn)

    def _ahead_turn(self) -> None:
        """One turn of drawing ahead: one view, then the next turn, while idle and not busy."""
        self._ahead_timer = None
        waited = time.monotonic() - _activity.last
        if waited < IDLE_SECONDS:  # a cell ran or a control moved meanwhile: wait on
            self._ahead_timer = asyncio.get_running_loop().call_later(IDLE_SECONDS - waited, self._ahead_turn)
            return
        if os.environ.get("SMMLAB_PREFETCH") == "auto" and machine_busy():
            return
        try:
            if not self.draw_ahead(1):
                return
        except Exception:  # a view that fails shows its error when the learner moves there
            return
        self._schedule_ahead(delay=0.005)  # a message that came meanwhile goes first

    def _show(self, view: _View) -> None:
        self.result, self.alt_text = view.result, view.alt_text
        self._status.value = ""
        for name, widget in self._widgets.items():
            self._readouts[name].value = self._control(name).show(widget.value)
        self._plot.value = view.plot
        self._headlines.value = view.headlines

    def open(self) -> Any:
        """Show the view without a guess (for the book's gallery and benchmarks); return the result."""
        self.revealed = True
        return self.update()

    # ---- widget assembly ---------------------------------------------------------------------
    @property
    def widget(self) -> w.Widget:
        """The assembled explorer."""
        import ipywidgets as w

        rows = [w.HBox([self._widgets[c.name], self._readouts[c.name]]) for c in self.controls]
        helps = "".join(
            f"<li><b>{html.escape(c.label)}</b>: {html.escape(c.help)}</li>" for c in self.controls if c.help
        )
        parts: list[w.Widget] = [w.HTML(f"<h4>{html.escape(self.title)}</h4>")]
        if self.intro:
            parts.append(w.HTML(f"<p>{html.escape(self.intro)}</p>"))
        if self._prediction_box is not None:
            parts.append(self._prediction_box)
        parts += [*rows, w.HTML(f'<ul style="font-size:90%">{helps}</ul>') if helps else w.HTML()]
        parts += [self._status, self._plot, self._headlines]
        if self.built_in:
            parts.append(w.HTML(built_in_html(self.built_in)))
        return w.VBox(parts, layout=w.Layout(border=f"1px solid {theme.BORDER}", padding="8px"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
        if os.environ.get("SMMLAB_BOOK") != "1":  # the book names the handles with its own script
            # an empty text: where the script may not run (an untrusted notebook), nothing shows
            display({"application/javascript": SLIDER_NAMES_JS, "text/plain": ""}, raw=True)

    def _control(self, name: str) -> Control:
        return next(c for c in self.controls if c.name == name)

    def _on_change(self, change: dict) -> None:
        old, new = change["old"], change["new"]
        direction = -1 if isinstance(new, (int, float)) and isinstance(old, (int, float)) and new < old else 1
        self._moved = (self._name_of(change["owner"]), direction)
        if not getattr(self, "_holding", False):
            self.update()

    def _name_of(self, widget: w.Widget) -> str | None:
        return next((name for name, mine in self._widgets.items() if mine is widget), None)

    def _held(self) -> _Hold:
        return _Hold(self)

    # ---- predict first -----------------------------------------------------------------------
    def _build_prediction(self) -> w.Widget:
        import ipywidgets as w

        prediction = self.prediction
        assert prediction is not None
        guess = prediction.guess.make(self._label_width)
        readout = w.Label(prediction.guess.show(guess.value))
        guess.observe(lambda change: setattr(readout, "value", prediction.guess.show(change["new"])), "value")
        button = w.Button(
            description="Lock in my guess",
            tooltip="Commit your guess; the explorer then moves to the scenario and shows the answer",
            icon="lock",
            style={"button_color": theme.BUTTON, "text_color": theme.BUTTON_TEXT},
            layout=w.Layout(width="auto", min_width="148px", align_self="flex-start"),
        )
        feedback = w.HTML()
        self._guess_widget, self._guess_button, self._feedback = guess, button, feedback
        button.on_click(lambda _button: self.reveal())
        question = w.HTML(f"<p><b>Predict first.</b> {html.escape(prediction.question)}</p>")
        return w.VBox(
            [question, w.HBox([guess, readout]), button, feedback],
            layout=w.Layout(border=f"1px dashed {theme.ACCENT}", padding="6px", margin="0 0 8px 0"),
        )

    def reveal(self, guess: Any = None) -> float:
        """Lock the learner's guess, move to the prediction's scenario and show the answer."""
        prediction = self.prediction
        if prediction is None:
            raise ValueError(f"Explorer {self.title!r} has no prediction to reveal")
        if guess is not None:
            self._guess_widget.value = guess
        guessed = self._guess_widget.value
        self._guess_widget.disabled = True
        self._guess_button.disabled = True
        self._guess_button.description = "Guess locked"
        self._guess_button.style.button_color = theme.LOCKED_BUTTON
        self.revealed = True
        truth = prediction.answer(self.set(**prediction.scenario))
        shown_guess, shown_truth = prediction.guess.show(guessed), prediction.guess.show(truth)
        verdict = "Close!" if prediction.close(guessed, truth) else "Not quite."
        self._feedback.value = (
            f'<p role="status"><b>{verdict}</b> You guessed <b>{html.escape(shown_guess)}</b>; '
            f"the simulation gives <b>{html.escape(shown_truth)}</b>. {html.escape(prediction.explain)} "
            "The controls below now show that scenario: move them to see why.</p>"
        )
        return truth


class _Activity:
    """When this kernel last ran a cell or moved a control (drawing ahead waits for quiet)."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.watching = False

    def touch(self, *_args: object) -> None:
        self.last = time.monotonic()

    def watch_cells(self) -> None:
        """Count every cell run in this IPython session as activity (once per process)."""
        if self.watching:
            return
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is not None:
            shell.events.register("pre_run_cell", self.touch)
            shell.events.register("post_run_cell", self.touch)
            self.watching = True


_activity = _Activity()


def machine_busy() -> bool:
    """Whether the machine's load average is above :data:`BUSY_LOAD` per core (False where unknown)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return load > BUSY_LOAD * cores


def stop_drawing_ahead() -> int:
    """Cancel every explorer's waiting turn of drawing ahead; return how many were cancelled.

    For a host whose event loop outlives its explorers, such as a test process in which
    Playwright's sync API holds the thread's loop: otherwise the loop draws every view ahead for
    every explorer ever made the next time it runs. A later move schedules drawing ahead again.
    """
    cancelled = 0
    for explorer in list(_explorers.values()):
        if explorer._ahead_timer is not None:
            explorer._ahead_timer.cancel()
            explorer._ahead_timer = None
            cancelled += 1
    return cancelled


@dataclass(frozen=True)
class _View:
    """What an explorer shows for one setting of its controls."""

    result: Any
    plot: str
    headlines: str
    alt_text: str


class _Hold:
    """Suspend updates while several controls move at once."""

    def __init__(self, explorer: Explorer) -> None:
        self.explorer = explorer

    def __enter__(self) -> None:
        self.explorer._holding = True

    def __exit__(self, *_exc: object) -> None:
        self.explorer._holding = False


def built_in_html(text: str) -> str:
    """The "this result is an input" note shown beside an explorer's headlines."""
    return (
        f'<p role="note" style="border-left:4px solid {theme.CAUTION};padding:4px 8px;margin:6px 0;'
        f'font-size:90%;color:{theme.TEXT}">'
        f"<b>This result is an input, not a finding.</b> {html.escape(text)}</p>"
    )


def _headline_html(headlines: Sequence[Headline]) -> str:
    cards = "".join(
        f'<div style="border:1px solid {theme.BORDER};border-radius:6px;padding:6px 10px;margin:4px;'
        f'min-width:9em;color:{theme.TEXT}">'
        f'<div style="font-size:85%">{html.escape(h.label)}</div>'
        f'<div style="font-size:140%;font-weight:bold">{html.escape(h.value)}</div>'
        f'<div style="font-size:80%;color:{theme.MUTED}">{html.escape(h.note)}</div></div>'
        for h in headlines
    )
    return (
        f'<div role="region" aria-label="Headline numbers" style="display:flex;flex-wrap:wrap">{cards}</div>'
    )
