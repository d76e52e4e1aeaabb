"""Explorers that move in the web book without a kernel: states rendered at build time.

Every explorer's inputs are a finite set of slider steps and choices, so the book can draw the
explorer ahead of time at a grid of settings and let the page's JavaScript swap between them.

- :func:`state_grid` picks the settings: every combination when there are at most
  :data:`STATE_BUDGET` of them, otherwise evenly spaced slider positions (always with the
  starting value and the prediction's scenario) as many as the budget allows, every option of
  every choice.
- :func:`render_state` draws one state with the explorer's pure contract
  (``compute`` → ``render`` on a fresh figure → :func:`smmlab.style.png_bytes`), once at the
  explorer's own figure size and once at :data:`NARROW_SIZE` for phones.
- :func:`state_key` is the cache key of an explorer's states: a hash of its lesson module, the
  package code explorers can reach, the grid and the figure sizes. :class:`StateStore` keeps
  each explorer's images and ``index.json`` in one folder and renders only explorers whose key
  changed, in a process pool.

The page side (controls, predict first, headlines) is the book's ``smmlab_explorers`` extension
and ``smmlab-explorers.js``; it reads the ``index.json`` written here.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import math
import multiprocessing
import numbers
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smmlab.widgets import Choice, Control, Explorer, Slider

#: Most states drawn per explorer (each as a wide and a narrow image).
STATE_BUDGET = 24
#: Figure size (inches) of the phone images: the panels stack on a narrow figure.
NARROW_SIZE = (4.2, 7.5)
#: Bump when the index's format or the way states are drawn changes.
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
#: Parts of the package no explorer imports (the instructor's side, the book's own helpers);
#: tests/book checks that importing every lesson module loads none of them.
UNRELATED = (
    "grading/",
    "inventory/",
    "exercises/",
    "cli.py",
    "hub.py",
    "workspace.py",
    "doctor.py",
    "status.py",
    "authoring.py",
    "learner.py",
    "gallery.py",
)


# ---- the grid -----------------------------------------------------------------------------------
def steps(slider: Slider) -> int:
    """How many positions a slider has (``low``, ``low + step``, ..., ``high``)."""
    return round((slider.high - slider.low) / slider.step) + 1


def slider_value(slider: Slider, index: int) -> float | int:
    """The value of a slider at step ``index`` (``high`` at the last step)."""
    value = slider.high if index >= steps(slider) - 1 else slider.low + index * slider.step
    return slider.rounded(value)


def distinct(values: Iterable[Any]) -> tuple[Any, ...]:
    """``values`` sorted, each once (floats equal to 9 decimals count as one)."""
    kept: list[Any] = []
    for value in sorted(values):
        if not any(_same(value, seen) for seen in kept):
            kept.append(value)
    return tuple(kept)


def evenly_spaced(count: int, positions: int) -> set[int]:
    """``count`` step indices spread evenly over ``positions`` steps, both ends included."""
    if count <= 1:
        return set()
    return {round(i * (positions - 1) / (count - 1)) for i in range(count)}


@dataclass(frozen=True)
class Grid:
    """The settings of an explorer drawn for the book.

    ``positions`` holds, per control (in the explorer's order), the values the offline explorer
    moves through; ``covers_all`` is true when they are every value the controls can take.
    """

    names: tuple[str, ...]
    positions: tuple[tuple[Any, ...], ...]
    covers_all: bool

    @property
    def size(self) -> int:
        return math.prod(len(values) for values in self.positions)

    def states(self) -> list[tuple[int, ...]]:
        """Every state as a tuple of position indices, in row-major order."""
        return list(itertools.product(*(range(len(values)) for values in self.positions)))

    def values(self, state: Sequence[int]) -> dict[str, Any]:
        """The control values of a state."""
        return {name: self.positions[i][j] for i, (name, j) in enumerate(zip(self.names, state, strict=True))}

    def state_of(self, values: Mapping[str, Any]) -> tuple[int, ...]:
        """The state holding ``values`` (controls not named stay at position 0); KeyError if none."""
        found = []
        for name, options in zip(self.names, self.positions, strict=True):
            value = values.get(name, options[0])
            matches = [j for j, option in enumerate(options) if _same(option, value)]
            if not matches:
                raise KeyError(f"{name}={value!r} is not on the grid {options}")
            found.append(matches[0])
        return tuple(found)


def state_id(state: Sequence[int]) -> str:
    """A state's name in the index and in its image files: ``"3-0-2"``."""
    return "-".join(map(str, state))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def state_grid(explorer: Explorer, budget: int = STATE_BUDGET) -> Grid:
    """The settings to draw: the whole control space if it fits ``budget``, else a declared grid.

    Every choice keeps all its options. Each slider keeps its starting value and the value the
    prediction's scenario gives it, and gets its end farther from the start if it has no other
    position (so every control moves, even past ``budget``); then, one slider at a time (the
    one with the fewest positions first, ties to the earlier control), a slider gets the next
    evenly spaced set of positions (both ends included) while the states stay within ``budget``.
    """
    scenario = dict(explorer.prediction.scenario) if explorer.prediction else {}
    sliders = [c for c in explorer.controls if isinstance(c, Slider)]
    required = {s.name: [s.value, *([scenario[s.name]] if s.name in scenario else [])] for s in sliders}
    spread = {s.name: 1 for s in sliders}

    def chosen(slider: Slider, count: int) -> tuple[Any, ...]:
        spaced = [slider_value(slider, i) for i in sorted(evenly_spaced(count, steps(slider)))]
        return distinct([*required[slider.name], *spaced])

    def counts(overrides: Mapping[str, int]) -> int:
        total = 1
        for control in explorer.controls:
            if isinstance(control, Choice):
                total *= len(control.options)
            else:
                total *= len(chosen(control, overrides.get(control.name, spread[control.name])))
        return total

    for slider in sliders:  # first, every slider moves: to its end farther from the start
        current = chosen(slider, 1)
        if len(current) == 1 and steps(slider) > 1:
            far = max((slider.low, slider.high), key=lambda end: abs(end - current[0]))
            required[slider.name].append(int(far) if slider.integer else far)
    while True:
        order = sorted(sliders, key=lambda s: (len(chosen(s, spread[s.name])), sliders.index(s)))
        for slider in order:
            current = chosen(slider, spread[slider.name])
            count = spread[slider.name] + 1
            while count <= steps(slider) and chosen(slider, count) == current:
                count += 1
            if count <= steps(slider) and counts({slider.name: count}) <= budget:
                spread[slider.name] = count
                break
        else:
            break
    positions = [
        tuple(control.options.values())
        if isinstance(control, Choice)
        else chosen(control, spread[control.name])
        for control in explorer.controls
    ]
    covers_all = all(
        len(values) >= (len(c.options) if isinstance(c, Choice) else steps(c))
        for c, values in zip(explorer.controls, positions, strict=True)
    )
    return Grid(tuple(c.name for c in explorer.controls), tuple(positions), covers_all)


# ---- the cache key ------------------------------------------------------------------------------
def lesson_side(package: Path = PACKAGE) -> list[Path]:
    """The package's code and data a lesson can reach: all of it but the :data:`UNRELATED` parts."""
    return [
        path for path in sorted(package.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".toml"} and "__pycache__" not in path.parts
        and not path.relative_to(package).as_posix().startswith(UNRELATED)
    ]


def package_sources(module_file: Path, package: Path = PACKAGE) -> list[Path]:
    """The files an explorer's drawing may depend on: its own lesson module and the package's
    :func:`lesson_side` minus the other lesson modules."""
    lessons = package / "lessons"
    others = [p for p in lesson_side(package) if p.parent != lessons or p.name == "__init__.py"]
    return [module_file.resolve(), *others]


def state_key(explorer: Explorer, grid: Grid, module_file: Path, package: Path = PACKAGE) -> str:
    """The cache key of an explorer's states (see the module's docstring)."""
    import matplotlib

    digest = hashlib.sha256()
    for path in package_sources(module_file, package):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(
        json.dumps(
            [FORMAT, matplotlib.__version__, grid.names, grid.positions, explorer.figure_size, NARROW_SIZE],
            default=repr,
        ).encode()
    )
    return digest.hexdigest()


# ---- drawing ------------------------------------------------------------------------------------
_explorers: dict[str, Explorer] = {}


def lesson_explorer(module: str) -> Explorer:
    """The explorer of a lesson module (one per process: building its widgets takes time)."""
    if module not in _explorers:
        _explorers[module] = importlib.import_module(module).explorer()
    return _explorers[module]


def render_state(module: str, values: Mapping[str, Any], folder: str, name: str) -> dict[str, Any]:
    """Draw one state into ``folder/name.png`` and ``folder/name-narrow.png``.

    Returns the state's alt text and headline numbers (label, value, note).
    """
    from matplotlib.figure import Figure

    from smmlab import style

    explorer = lesson_explorer(module)
    result = explorer.compute(**values)
    rendered = None
    for suffix, size in (("", explorer.figure_size), ("-narrow", NARROW_SIZE)):
        figure = Figure(figsize=size)
        with style.styled():
            rendered = explorer.render(result, figure)
        (Path(folder) / f"{name}{suffix}.png").write_bytes(style.png_bytes(figure))
    assert rendered is not None
    return {
        "alt": rendered.alt_text,
        "headlines": [[h.label, h.value, h.note] for h in rendered.headlines],
    }


def _worker_start() -> None:
    os.environ["SMMLAB_BOOK"] = "1"
    try:  # the book's notebooks run beside the pool: let their kernels go first
        os.nice(5)
    except OSError:
        pass


# ---- the index ----------------------------------------------------------------------------------
def control_entry(control: Control, values: Sequence[Any], default: Any) -> dict[str, Any]:
    """What the page needs to show a control: label, help, positions and their read-outs."""
    options = [str(v) for v in values]
    return {
        "name": control.name,
        "label": control.label,
        "help": control.help,
        "kind": "choice" if isinstance(control, Choice) else "slider",
        "shown": [control.show(v) for v in values],
        "values": options,
        "start": next(i for i, v in enumerate(values) if _same(v, default)),
    }


def guess_values(guess: Control) -> list[Any]:
    """Every value the guess control can take (its starting value among them)."""
    if isinstance(guess, Choice):
        return list(guess.options.values())
    return list(distinct([guess.value, *(slider_value(guess, i) for i in range(steps(guess)))]))


def prediction_entry(explorer: Explorer, grid: Grid) -> dict[str, Any] | None:
    """The predict-first question, the guess control's positions, the truth and the tolerance."""
    prediction = explorer.prediction
    if prediction is None:
        return None
    scenario = {**{c.name: c.value for c in explorer.controls}, **prediction.scenario}
    truth = prediction.answer(explorer.compute(**scenario))
    guess = prediction.guess
    values = guess_values(guess)
    verdicts = [prediction.close(v, truth) for v in values]
    return {
        "question": prediction.question,
        "explain": prediction.explain,
        # Prediction.close for every guess the control allows (relative tolerance or one step),
        # so the page's verdict is the kernel's; the numbers behind it follow
        "close": verdicts,
        "truth": guess.show(truth),
        "truth_value": float(truth) if isinstance(truth, numbers.Real) else str(truth),
        "tolerance": prediction.tolerance,
        "step": getattr(guess, "step", None),
        "scenario": state_id(grid.state_of(scenario)),
    }


def index_entry(explorer: Explorer, grid: Grid, key: str, states: Mapping[str, Mapping]) -> dict[str, Any]:
    """The explorer's ``index.json``: controls, prediction, and each state's alt text and headlines."""
    return {
        "format": FORMAT,
        "key": key,
        "title": explorer.title,
        "covers_all": grid.covers_all,
        "controls": [c.name for c in explorer.controls],
        "prediction": prediction_entry(explorer, grid),
        "start": state_id(grid.state_of({c.name: c.value for c in explorer.controls})),
        "built_in": explorer.built_in,
        "states": dict(states),
    }


def steps_note(explorer: Explorer, grid: Grid) -> str:
    """The page's sentence on what the offline explorer covers."""
    if grid.covers_all:
        return (
            f"This offline explorer was drawn ahead of time at all {grid.size} settings of its "
            "controls, so every step works here."
        )
    moves = "; ".join(
        f"{c.label} moves through {', '.join(c.show(v) for v in values)}"
        for c, values in zip(explorer.controls, grid.positions, strict=True)
        if isinstance(c, Slider)
    )
    return (
        f"This offline explorer was drawn ahead of time at {grid.size} settings, so it moves in "
        f"steps: {moves}. Launch the page (rocket icon) for every step."
    )


# ---- the store ----------------------------------------------------------------------------------
@dataclass
class Plan:
    """One explorer's states: where they go and whether they must be drawn."""

    name: str
    module: str
    module_file: Path
    explorer: Explorer
    grid: Grid
    key: str
    folder: Path

    @property
    def cached(self) -> bool:
        index = self.folder / "index.json"
        if not index.is_file():
            return False
        try:
            saved = json.loads(index.read_text(encoding="utf-8"))
        except ValueError:
            return False
        return saved.get("key") == self.key and all(
            (self.folder / f"{name}{suffix}.png").is_file()
            for name in saved.get("states", {})
            for suffix in ("", "-narrow")
        )


class StateStore:
    """Every explorer's states under ``root/<lesson name>/``, drawn only when their key changed.

    ``plan`` every explorer first, then ``start`` submits the stale ones to a process pool
    (drawing goes on while the caller does other work) and ``finish`` waits for them and writes
    each ``index.json``. ``rendered`` lists the explorers drawn in this run.
    """

    def __init__(
        self, root: Path, workers: int = 2, budget: int = STATE_BUDGET, package: Path = PACKAGE
    ) -> None:
        self.root = Path(root)
        self.package = Path(package)
        self.workers = workers
        self.budget = budget
        self.plans: dict[str, Plan] = {}
        self.rendered: list[str] = []
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, dict[str, Future]] = {}

    def plan(self, name: str, module: str) -> Plan:
        """Plan one lesson's explorer (imports its module in this process)."""
        explorer = lesson_explorer(module)
        grid = state_grid(explorer, self.budget)
        module_file = self.package.joinpath(*module.split(".")[1:]).with_suffix(".py")
        plan = Plan(
            name,
            module,
            module_file,
            explorer,
            grid,
            state_key(explorer, grid, module_file, self.package),
            self.root / name,
        )
        self.plans[name] = plan
        return plan

    def start(self) -> list[str]:
        """Submit the states of every planned explorer whose cache is stale; return their names."""
        stale = [plan for plan in self.plans.values() if not plan.cached]
        if not stale:
            return []
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start,
        )
        for plan in stale:
            if plan.folder.exists():
                shutil.rmtree(plan.folder)
            plan.folder.mkdir(parents=True)
        # the starting states first, so a page can be written while the rest is drawn
        firsts = [(plan, grid_start(plan.grid, plan.explorer)) for plan in stale]
        rest = [
            (plan, state)
            for plan in stale
            for state in plan.grid.states()
            if state != grid_start(plan.grid, plan.explorer)
        ]
        for plan, state in itertools.chain(firsts, rest):
            name = state_id(state)
            future = self._pool.submit(
                render_state, plan.module, plan.grid.values(state), str(plan.folder), name
            )
            self._futures.setdefault(plan.name, {})[name] = future
        self.rendered = [plan.name for plan in stale]
        return self.rendered

    def finish(self) -> None:
        """Wait for the drawing and write each drawn explorer's ``index.json``."""
        try:
            for name, futures in self._futures.items():
                plan = self.plans[name]
                states = {state: future.result() for state, future in futures.items()}
                states = {
                    state_id(state): states[state_id(state)] for state in plan.grid.states()
                }  # in grid order
                index = index_entry(plan.explorer, plan.grid, plan.key, states)
                (plan.folder / "index.json").write_text(
                    json.dumps(index, ensure_ascii=False), encoding="utf-8"
                )
        finally:
            self.close()

    def close(self) -> None:
        """Stop the pool (pending states are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures = {}

    def prune(self, keep: Iterable[str]) -> None:
        """Remove the folders of explorers that are no longer planned."""
        keep = set(keep)
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir() and folder.name not in keep:
                    shutil.rmtree(folder)


def grid_start(grid: Grid, explorer: Explorer) -> tuple[int, ...]:
    """The state of the explorer's starting values."""
    return grid.state_of({c.name: c.value for c in explorer.controls})
