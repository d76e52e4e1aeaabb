"""Every lesson's explorer reacts to its controls and survives their extremes."""

from __future__ import annotations

import base64
import html
import itertools
import math
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from support import lesson_params

from smmlab import style
from smmlab.lessons import module_for
from smmlab.widgets import HELD, Choice, Explorer, Headline, Prediction, Rendered, Slider

LESSONS = lesson_params("module")


def picture(explorer: Explorer) -> bytes:
    match = re.search(r'src="data:image/png;base64,([^"]+)"', explorer._plot.value)
    assert match, "the explorer shows no figure"
    return base64.b64decode(match.group(1))


def headline_text(explorer: Explorer) -> str:
    return re.sub(r"<[^>]+>", " ", explorer._headlines.value)


@pytest.mark.parametrize("lesson", LESSONS)
def test_explorer_holds_its_view_until_the_guess_is_locked(lesson):
    explorer = module_for(lesson.name).explorer()
    assert explorer.prediction is not None, f"{lesson.name}: every explorer asks for a prediction first"
    explorer.set(**explorer.prediction.scenario)  # even moved to the question's scenario by hand
    assert "<img" not in explorer._plot.value and HELD in explorer._plot.value
    assert not headline_text(explorer).strip() and explorer.alt_text == HELD
    explorer.reveal()
    assert "<img" in explorer._plot.value and headline_text(explorer).strip()


@pytest.mark.parametrize("lesson", LESSONS)
def test_explorer_shows_a_figure_with_alt_text_and_headlines(lesson):
    explorer = module_for(lesson.name).explorer()
    explorer.open()
    assert picture(explorer).startswith(b"\x89PNG")
    assert len(explorer.alt_text) > 40
    assert 'alt="' in explorer._plot.value
    assert headline_text(explorer).strip()
    for control in explorer.controls:
        assert control.label and explorer._widgets[control.name].description == control.label


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_control_changes_what_the_learner_sees(lesson):
    explorer = module_for(lesson.name).explorer()
    explorer.open()
    for control in explorer.controls:
        seen = set()
        for value in control.extremes:
            explorer.set(**{control.name: value})
            seen.add((picture(explorer), headline_text(explorer)))
        assert len(seen) > 1, f"moving {control.name!r} changes nothing on screen"


@pytest.mark.slow  # up to 64 corners of every explorer, each a full view: make test, not make check
@pytest.mark.parametrize("lesson", LESSONS)
def test_extremes_of_all_controls_give_finite_numbers(lesson):
    explorer = module_for(lesson.name).explorer()
    explorer.open()
    corners = itertools.product(*(control.extremes for control in explorer.controls))
    for corner in itertools.islice(corners, 64):
        values = dict(zip((c.name for c in explorer.controls), corner, strict=True))
        explorer.set(**values)
        assert explorer._status.value == "", f"{values}: {explorer._status.value}"
        text = headline_text(explorer).lower()
        assert not re.search(r"\bnan\b|\binf\b", text), f"{values}: {text}"
        assert picture(explorer)


@pytest.mark.parametrize("lesson", LESSONS)
def test_prediction_reveals_the_scenario_and_compares_with_the_guess(lesson):
    explorer = module_for(lesson.name).explorer()
    if explorer.prediction is None:
        pytest.fail(f"{lesson.name}: every explorer should ask for a prediction first")
    truth = explorer.reveal()
    assert explorer._guess_widget.disabled
    for name, value in explorer.prediction.scenario.items():
        assert explorer.values[name] == value
    assert "You guessed" in explorer._feedback.value and "the simulation gives" in explorer._feedback.value
    assert not (isinstance(truth, float) and math.isnan(truth))


def test_explorer_pattern_on_a_toy_model():
    """The pattern itself: compute is called with control values; render updates in place."""
    calls = []

    def compute(rate, mode):
        calls.append((rate, mode))
        return rate * (2 if mode == "double" else 1)

    def render(result, figure):
        figure.subplots().bar([0], [result])
        return Rendered([Headline("Result", f"{result:.1f}")], alt_text=f"One bar of height {result:.1f}")

    explorer = Explorer(
        title="toy",
        controls=[
            Slider("rate", "Rate", 0, 10, 1, 5),
            Choice("mode", "Mode", {"single": "single", "double": "double"}, "single"),
        ],
        compute=compute,
        render=render,
        prediction=Prediction(
            "How high at rate 10?", Slider("guess", "Guess", 0, 20, 1, 3), {"rate": 10}, float
        ),
    )
    assert explorer.result == 5 and calls == [(5, "single")]
    assert explorer._headlines.value == "" and "<img" not in explorer._plot.value  # held: predict first
    explorer.set(rate=2, mode="double")
    assert explorer.result == 4 and calls[-1] == (2, "double") and len(calls) == 2  # one update for two moves
    assert explorer.reveal(guess=9) == 20
    assert "Not quite" in explorer._feedback.value and "20.0" in explorer._headlines.value
    explorer._widgets["rate"].value = 3  # as a learner dragging the slider
    assert explorer.result == 6 and "6.0" in explorer._headlines.value


def test_close_is_relative_to_the_truth_or_one_step_of_the_guess():
    rate = Prediction("?", Slider("guess", "Guess", 0, 0.05, 0.001, 0.01, fmt="{:.1%}"), {}, float)
    assert not rate.close(0.01, 0.0006)  # 1% is not close to 0.06%, although the slider spans 5%
    assert rate.close(0.001, 0.0006)  # the nearest setting to the truth is close
    share = Prediction("?", Slider("guess", "Guess", 0, 1, 0.05, 0.5), {}, float)
    assert share.close(0.5, 0.6) and not share.close(0.3, 0.6)


def test_compute_errors_are_shown_not_raised():
    def compute(rate):
        if rate > 5:
            raise ValueError("rate = 6 is outside the allowed range [0, 5]")
        return rate

    def render(result, figure):
        figure.subplots()
        return Rendered([], alt_text="empty")

    explorer = Explorer("toy", [Slider("rate", "Rate", 0, 10, 1, 1)], compute, render)
    explorer.set(rate=6)
    assert "Cannot compute" in explorer._status.value and "allowed range" in explorer._status.value
    explorer.set(rate=2)
    assert explorer._status.value == "" and explorer.result == 2


def test_bad_control_declarations_are_rejected():
    with pytest.raises(ValueError, match="outside"):
        Slider("x", "X", 0, 1, 0.1, 2)
    with pytest.raises(ValueError, match="not one of the options"):
        Choice("m", "M", {"a": 1}, 2)
    with pytest.raises(ValueError, match="Unknown control"):
        Explorer("t", [Slider("x", "X", 0, 1, 0.1, 0)], lambda x: x, lambda r, f: Rendered([], "a")).set(y=1)


#: Lessons whose main result an assumption puts there (issue 9; 09 ranks responses by assumed
#: reactions): the explorer must say so.
RESULT_IS_AN_INPUT = ("09", "15", "17", "18", "20")


@pytest.mark.parametrize("number", RESULT_IS_AN_INPUT)
def test_explorer_says_when_its_result_is_an_input(number):
    explorer = module_for(number).explorer()
    assert len(explorer.built_in) > 40, f"lesson {number}: name the assumption behind the result"
    shown = " ".join(child.value for child in explorer.widget.children if hasattr(child, "value"))
    assert "This result is an input, not a finding." in shown and html.escape(explorer.built_in[:30]) in shown


#: A phone's column: the book's narrow figure, 4.2 x 7.5 in at 100 dpi, shown 390 CSS px wide.
NARROW_INCHES, PHONE_PX, SMALLEST_PX = (4.2, 7.5), 390, 9


def narrow_figure(lesson) -> Figure:
    """The lesson's explorer at its scenario, drawn on a narrow figure as the book does."""
    explorer = module_for(lesson.name).explorer()
    result = explorer.compute(**{**explorer.values, **explorer.prediction.scenario})
    figure = Figure(figsize=NARROW_INCHES)
    with style.styled():
        explorer.render(result, figure)
    style.png_bytes(figure)  # lays the figure out as the reader sees it
    return figure


@pytest.mark.parametrize("lesson", LESSONS)
def test_explorer_stacks_its_panels_on_a_phone(lesson):
    figure = narrow_figure(lesson)
    panels = [axes for axes in figure.axes if axes.get_title()]
    assert len(panels) >= 2, f"{lesson.name}: the narrow figure has {len(panels)} titled panels"
    scale = PHONE_PX / (figure.get_figwidth() * figure.dpi)  # image px -> CSS px on the phone
    renderer = figure.canvas.get_renderer()
    for text in figure.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_window_extent(renderer).width > 0:
            shown = text.get_fontsize() * figure.dpi / 72 * scale
            assert shown >= SMALLEST_PX, f"{lesson.name}: {text.get_text()!r} is {shown:.1f} px on a phone"
    titles = sorted((axes.title.get_window_extent(renderer) for axes in panels), key=lambda box: -box.y1)
    for upper, lower in itertools.pairwise(titles):
        assert lower.y1 <= upper.y0, f"{lesson.name}: panel titles overlap on a phone"
    width, height = figure.get_size_inches() * figure.dpi
    for box in titles:
        assert 0 <= box.x0 and box.x1 <= width and box.y1 <= height, f"{lesson.name}: a title is cut off"
    page, problems = figure.bbox.padded(CUT_TOLERANCE_PX), []
    for axes in figure.axes:  # its tight box: ticks, labels, title, legend, texts
        if not _inside(axes.get_tightbbox(renderer), page):
            cut = "; ".join(_cut_off(axes, renderer, page)) or "something"
            problems.append(f"cut off in the panel {axes.get_title()!r}: {cut}")
        legend, title = axes.get_legend(), axes.title.get_window_extent(renderer)
        if legend is not None and legend.get_visible() and axes.get_title():
            both = Bbox.intersection(legend.get_window_extent(renderer), title)
            if both is not None and min(both.width, both.height) > CUT_TOLERANCE_PX:
                problems.append(f"the {_name(legend)} overlaps the title {axes.get_title()!r}")
    assert not problems, f"{lesson.name} on a phone: " + "\n".join(problems)


#: How far (image px) a drawn thing may stick out of the figure before it counts as cut off.
CUT_TOLERANCE_PX = 0.5


def _inside(box: Bbox | None, page: Bbox) -> bool:
    return box is None or (page.contains(box.x0, box.y0) and page.contains(box.x1, box.y1))


def _name(artist) -> str:
    """A reader's name for a drawn thing: its text, or a legend's first entries."""
    if isinstance(artist, Legend):
        return "legend " + " | ".join(repr(text.get_text()) for text in artist.get_texts()[:3])
    if isinstance(artist, Text):
        return repr(artist.get_text())
    return f"{type(artist).__name__} {artist.get_label()!r}"


def _cut_off(axes, renderer, page: Bbox) -> list[str]:
    """What of ``axes`` is drawn outside ``page``: its texts, drawn tick labels, legend, other artists."""
    drawn = [axes.title]
    for axis in (axes.xaxis, axes.yaxis):
        low, high = sorted(axis.get_view_interval())
        ticks = [t for t in axis.get_major_ticks() + axis.get_minor_ticks() if low <= t.get_loc() <= high]
        drawn += [axis.label, *(text for tick in ticks for text in (tick.label1, tick.label2))]
    drawn += axes.get_default_bbox_extra_artists()
    found = []
    for artist in drawn:
        if not artist.get_visible() or (isinstance(artist, Text) and not artist.get_text().strip()):
            continue
        box = artist.get_tightbbox(renderer)
        if not _inside(box, page):
            found.append(f"{_name(artist)} at x {box.x0:.0f}..{box.x1:.0f}, y {box.y0:.0f}..{box.y1:.0f}")
    return found


def test_going_back_to_a_recent_setting_shows_it_again_without_recomputing():
    calls = []

    def compute(rate):
        calls.append(rate)
        return rate

    def render(result, figure):
        figure.subplots().bar([0], [result])
        return Rendered([Headline("Result", f"{result:.1f}")], alt_text=f"One bar of height {result:.1f}")

    explorer = Explorer("toy", [Slider("rate", "Rate", 0, 10, 1, 5)], compute, render)
    first = picture(explorer)
    explorer.set(rate=6)
    assert picture(explorer) != first and "6.0" in headline_text(explorer)
    explorer.set(rate=5)  # an arrow key pressed back
    assert calls == [5, 6] and picture(explorer) == first and "5.0" in headline_text(explorer)
    assert explorer.result == 5 and explorer.alt_text == "One bar of height 5.0"
    # The figure itself follows too (the book's gallery encodes it after each move).
    assert style.png_bytes(explorer.figure) == first


def counting_toy(calls: list) -> Explorer:
    """A toy explorer with a slider, a choice and a prediction, counting its computations."""

    def compute(rate, shape):
        calls.append((rate, shape))
        return rate * (2 if shape == "tall" else 1)

    def render(result, figure):
        figure.subplots().bar([0], [result])
        return Rendered([Headline("Result", f"{result:.1f}")], alt_text=f"One bar of height {result:.1f}")

    controls = [
        Slider("rate", "Rate", 0, 10, 0.1, 5),
        Choice("shape", "Shape", {"Flat": "flat", "Tall": "tall", "Wide": "wide"}, "flat"),
    ]
    guess = Slider("guess", "Your guess", 0, 20, 1, 0)
    prediction = Prediction("How tall at rate 8?", guess, {"rate": 8}, answer=lambda result: result)
    return Explorer("toy", controls, compute, render, prediction=prediction)


def test_explorer_draws_ahead_the_moves_a_learner_makes_next():
    calls: list = []
    explorer = counting_toy(calls)
    # While the guess is open: only the scenario that locking the guess moves to.
    assert explorer.ahead() == [{"rate": 8, "shape": "flat"}]
    assert explorer.draw_ahead() == 1 and explorer.ahead() == []
    assert not explorer.figure.axes  # the scenario drawn ahead stays held
    explorer.reveal(10)
    assert calls == [(5, "flat"), (8, "flat")]  # the reveal showed the view drawn ahead
    assert "8.0" in headline_text(explorer) and explorer.alt_text == "One bar of height 8.0"
    # After a move down: the next step that way first, then the choice's other options (the
    # step back is the view just seen, kept already).
    explorer._widgets["rate"].value = 7.9
    assert explorer.ahead() == [
        {"rate": 7.8, "shape": "flat"},
        {"rate": 7.9, "shape": "tall"},
        {"rate": 7.9, "shape": "wide"},
    ]
    assert explorer.draw_ahead() == 3
    computed = len(calls)
    # A slider stepped in the browser lands on 7.8 with float error: still the view drawn ahead.
    explorer._widgets["rate"].value = 7.9 - 0.1
    assert len(calls) == computed and "7.8" in headline_text(explorer)
    explorer._widgets["shape"].value = "tall"  # not drawn ahead from 7.9: drawn now
    assert len(calls) == computed + 1 and "15.6" in headline_text(explorer)


@pytest.mark.slow  # every explorer's moves drawn twice: make test, not make check
@pytest.mark.parametrize("lesson", LESSONS)
def test_a_view_drawn_ahead_is_the_view_drawn_on_the_spot(lesson):
    ahead = module_for(lesson.name).explorer()
    ahead.reveal()
    moves = ahead.ahead()
    assert moves, f"{lesson.name}: nothing to draw ahead"
    ahead.draw_ahead(2)
    on_the_spot = module_for(lesson.name).explorer()
    on_the_spot.reveal()
    for values in moves[:2]:
        ahead.set(**values)
        on_the_spot._views.clear()
        on_the_spot.set(**values)
        assert picture(ahead) == picture(on_the_spot), f"{lesson.name} at {values}"
        assert headline_text(ahead) == headline_text(on_the_spot) and ahead.alt_text == on_the_spot.alt_text


TOY_IN_A_KERNEL = """
from smmlab.widgets import Choice, Explorer, Headline, Rendered, Slider
calls = []
def compute(rate, shape):
    calls.append((rate, shape))
    return rate
def render(result, figure):
    figure.subplots().bar([0], [result])
    return Rendered([Headline("Result", f"{result:.1f}")], alt_text=f"One bar of height {result:.1f}")
explorer = Explorer(
    "toy",
    [
        Slider("rate", "Rate", 0, 10, 0.5, 5),
        Choice("shape", "Shape", {"Flat": "flat", "Tall": "tall"}, "flat"),
    ],
    compute,
    render,
)
"""


@pytest.mark.slow
def test_in_a_kernel_an_explorer_draws_ahead_only_while_idle():
    from jupyter_client.manager import start_new_kernel

    without_book = {k: v for k, v in os.environ.items() if k != "SMMLAB_BOOK"}  # a learner's kernel

    manager, client = start_new_kernel(kernel_name="python3", env={**without_book, "SMMLAB_PREFETCH": "1"})

    def run(code: str) -> str:
        out: list[str] = []
        reply = client.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda msg: out.append(msg["content"].get("text", "")),
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out).strip()

    try:
        run(TOY_IN_A_KERNEL)
        # A move, then code that keeps the kernel busy: nothing is drawn ahead meanwhile.
        busy = "explorer._widgets['rate'].value = 6; import time; time.sleep(1.5); print(len(calls))"
        assert run(busy) == "2"
        # Idle: the views one move away get drawn (6.5, 5.5 and the other shape), one per turn.
        deadline = time.monotonic() + 60
        while run("print(len(explorer.ahead()))") != "0":
            assert time.monotonic() < deadline, "the idle kernel did not draw ahead"
            time.sleep(1)
        assert run("print(sorted(calls[2:]))") == "[(5.5, 'flat'), (6.0, 'tall'), (6.5, 'flat')]"
        # The learner's next move shows a view drawn ahead, without computing it again.
        assert run("explorer._widgets['rate'].value = 6.5; print(len(calls), explorer.alt_text)") == (
            "5 One bar of height 6.5"
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_move_that_cannot_be_computed_is_not_drawn_ahead_and_the_others_are():
    def compute(rate, shape):
        if rate > 5:
            raise ValueError("rates above 5 are not modelled")
        return rate

    def render(result, figure):
        figure.subplots().bar([0], [result])
        return Rendered([Headline("Result", f"{result:.1f}")], alt_text=f"One bar of height {result:.1f}")

    controls = [Slider("rate", "Rate", 0, 10, 1, 5), Choice("shape", "Shape", {"Flat": 0, "Tall": 1}, 0)]
    explorer = Explorer("toy", controls, compute, render)
    assert [values["rate"] for values in explorer.ahead()] == [6, 4, 5]
    assert explorer.draw_ahead(2) == 2  # 6 cannot be computed: 4 and the other shape are drawn
    assert explorer.ahead() == []
    explorer.set(rate=6)
    assert "rates above 5 are not modelled" in explorer._status.value


@pytest.mark.parametrize(("setting", "draws"), [("auto", False), ("1", True), (None, True), ("0", False)])
def test_drawing_ahead_on_a_busy_machine_follows_smmlab_prefetch(monkeypatch, setting, draws):
    import asyncio

    from smmlab import widgets

    monkeypatch.setattr(widgets, "BUSY_LOAD", -1.0)  # any load average is above it: a busy machine
    monkeypatch.delenv("SMMLAB_BOOK", raising=False)  # as in a learner's kernel, not a book build
    if setting is None:
        monkeypatch.delenv("SMMLAB_PREFETCH", raising=False)
    else:
        monkeypatch.setenv("SMMLAB_PREFETCH", setting)

    async def a_move_then_a_look() -> tuple[Explorer, int]:  # in an event loop, as in a kernel
        explorer = counting_toy([])
        explorer.open()
        explorer.set(rate=6)
        waiting = len(explorer.ahead())
        await asyncio.sleep(widgets.IDLE_SECONDS + 1.0)
        return explorer, waiting

    # In a thread of its own: a test before this one may have left this thread's loop running.
    with ThreadPoolExecutor(1) as thread:
        explorer, waiting = thread.submit(asyncio.run, a_move_then_a_look()).result()
    assert waiting and len(explorer.ahead()) == (0 if draws else waiting)
