"""The book's offline explorers: the grid of states drawn at build time and their cache."""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from smmlab import book_states, catalog
from smmlab.widgets import Choice, Explorer, Headline, Prediction, Rendered, Slider

ROOT = Path(__file__).resolve().parents[2]
LESSONS = catalog.load(ROOT / "course" / "catalog.toml").lessons


def toy(prediction: bool = True, **sliders: tuple[float, float, float, float]) -> Explorer:
    """An explorer whose sliders are ``name=(low, high, step, value)`` and a two-option choice."""
    controls = [Slider(name, name.title(), *spec) for name, spec in sliders.items()]
    controls.append(Choice("mode", "Mode", {"Calm": "calm", "Loud": "loud"}, "calm"))

    def render(result: float, figure: Figure) -> Rendered:
        figure.subplots().bar([0], [result])
        return Rendered([Headline("Total", f"{result:g}")], f"One bar of height {result:g}.")

    first = next(iter(sliders))
    return Explorer(
        title="Toy",
        controls=controls,
        compute=lambda mode, **values: sum(values.values()) * (2 if mode == "loud" else 1),
        render=render,
        prediction=Prediction(
            "What total?", Slider("guess", "Guess", 0, 100, 1, 10), {first: sliders[first][1]}, float
        )
        if prediction
        else None,
    )


# ---- the grid -----------------------------------------------------------------------------------
def test_a_small_control_space_is_drawn_whole():
    explorer = toy(a=(0, 10, 1, 5))  # 11 x 2 settings
    grid = book_states.state_grid(explorer, budget=24)
    assert grid.covers_all and grid.size == 22
    assert grid.positions[0] == tuple(range(11)) and grid.positions[1] == ("calm", "loud")
    assert "all 22 settings" in book_states.steps_note(explorer, grid)


def test_a_large_space_gets_evenly_spaced_steps_with_the_start_and_the_scenario_within_budget():
    explorer = toy(a=(0, 100, 1, 37), b=(0, 1, 0.05, 0.5), c=(10, 20, 1, 20))
    grid = book_states.state_grid(explorer, budget=24)
    assert not grid.covers_all and grid.size <= 24
    a, b, c, mode = grid.positions
    assert 37 in a and 100 in a, "the start and the prediction's scenario are states"
    assert {0, 100} <= set(a), "a spread slider reaches both ends"
    assert b == (0, 0.5) and c == (10, 20), "every slider moves: at least to its farther end"
    assert mode == ("calm", "loud"), "a choice keeps every option"
    inner = [v for v in a if v != 37]
    gaps = {round(y - x) for x, y in itertools.pairwise(inner)}
    assert len(gaps) == 1, f"evenly spaced: {a}"
    note = book_states.steps_note(explorer, grid)
    assert "moves in steps" in note and f"A moves through {', '.join(map(str, a))}" in note


def test_every_lesson_grid_holds_its_start_and_scenario_and_moves_every_control():
    for lesson in LESSONS:
        explorer = book_states.lesson_explorer(lesson.module)
        grid = book_states.state_grid(explorer)
        floor = math.prod(len(c.options) if isinstance(c, Choice) else 2 for c in explorer.controls)
        assert grid.size <= max(book_states.STATE_BUDGET, 2 * floor), lesson.name
        start = book_states.grid_start(grid, explorer)
        assert grid.values(start) == {c.name: c.value for c in explorer.controls}, lesson.name
        entry = book_states.prediction_entry(explorer, grid)
        assert entry is not None and entry["scenario"] in {book_states.state_id(s) for s in grid.states()}
        assert all(len(values) >= 2 for values in grid.positions), f"{lesson.name}: a control is stuck"
        guess = explorer.prediction.guess
        assert len(entry["close"]) == len(book_states.guess_values(guess))
        assert any(entry["close"]) and not all(entry["close"]), f"{lesson.name}: a verdict that never varies"


# ---- the cache ----------------------------------------------------------------------------------
def test_explorers_import_nothing_the_cache_key_leaves_out():
    """The key hashes the package minus UNRELATED; a lesson importing from there would go stale."""
    modules = [lesson.module for lesson in LESSONS]
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m).explorer()\n"
        "print(json.dumps([getattr(m, '__file__', None) for k, m in sys.modules.items()"
        " if k.startswith('smmlab')]))"
    )
    env = {**os.environ, "SMMLAB_BOOK": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    loaded = [Path(f) for f in json.loads(out.stdout) if f]
    keyed = set(book_states.package_sources(book_states.PACKAGE / "lessons" / "__init__.py"))
    lessons = book_states.PACKAGE / "lessons"
    missing = [str(f) for f in loaded if f.parent != lessons and f.resolve() not in keyed]
    assert not missing, f"explorers import files the cache key does not hash: {missing}"


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the smmlab sources whose files the test may touch."""
    copy = tmp_path / "smmlab"
    shutil.copytree(book_states.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


#: The budget of the cache tests' stores: the least there is (every control still moves).
BUDGET = 1


@cache
def fewest_states(count: int) -> list:
    """The ``count`` lessons whose explorers have the fewest states at :data:`BUDGET` (each state
    is two images, and the cache tests draw them again and again)."""
    return sorted(
        LESSONS,
        key=lambda lesson: book_states.state_grid(book_states.lesson_explorer(lesson.module), BUDGET).size,
    )[:count]


def draw(root: Path, package: Path, lessons) -> book_states.StateStore:
    store = book_states.StateStore(root, workers=1, budget=BUDGET, package=package)
    for lesson in lessons:
        store.plan(lesson.name, lesson.module)
    store.start()
    store.finish()
    return store


def test_a_rebuild_redraws_only_the_explorers_whose_code_changed(tmp_path, package):
    lessons = fewest_states(2)
    root = tmp_path / "_explorers"
    first = draw(root, package, lessons)
    assert first.rendered == [lesson.name for lesson in lessons]
    for lesson in lessons:
        index = json.loads((root / lesson.name / "index.json").read_text(encoding="utf-8"))
        assert index["states"] and index["prediction"]["scenario"] in index["states"]
        for state, entry in index["states"].items():
            assert len(entry["alt"]) > 20 and entry["headlines"], f"{lesson.name} {state}"
            for suffix in ("", "-narrow"):
                assert (root / lesson.name / f"{state}{suffix}.png").read_bytes()[:4] == b"\x89PNG"
    stamps = {path: path.stat().st_mtime_ns for path in root.rglob("*")}

    assert draw(root, package, lessons).rendered == [], "an unchanged rebuild draws nothing"
    assert {path: path.stat().st_mtime_ns for path in root.rglob("*")} == stamps

    (package / "grading" / "autograde.py").write_text("# the instructor's side\n", encoding="utf-8")
    assert draw(root, package, lessons).rendered == [], "grading code does not draw explorers"

    touched = package.joinpath(*lessons[0].module.split(".")[1:]).with_suffix(".py")
    touched.write_text(touched.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert draw(root, package, lessons).rendered == [lessons[0].name]

    (package / "style.py").write_text((package / "style.py").read_text() + "\n# touched\n")
    assert draw(root, package, lessons).rendered == [lesson.name for lesson in lessons]


def test_a_missing_image_is_drawn_again(tmp_path, package):
    root = tmp_path / "_explorers"
    (lesson,) = fewest_states(1)
    draw(root, package, [lesson])
    next(root.glob(f"{lesson.name}/*-narrow.png")).unlink()
    assert draw(root, package, [lesson]).rendered == [lesson.name]
