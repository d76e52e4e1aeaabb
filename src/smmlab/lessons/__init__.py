"""One module per lesson: its scenario (parameters → result) and its explorer.

Every lesson module offers the same names:

``Scenario``
    A frozen, validated dataclass of the lesson's parameters.
``run(scenario)``
    The simulation result for a scenario.
``explorer()``
    The lesson's interactive :class:`smmlab.widgets.Explorer`.
``SOURCES``
    Keys of ``benchmarks.toml`` behind the lesson's numbers; ``sources()`` prints them.

The paired exercise (its data and declared questions) is in :mod:`smmlab.exercises`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from smmlab.catalog import load


def module_for(lesson: str | int) -> ModuleType:
    """Import the scenario module of a lesson given by number, slug or name."""
    return importlib.import_module(load().lesson(lesson).module)
