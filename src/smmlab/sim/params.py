"""Validated, frozen parameter sets for the simulator.

Every parameter field declares its allowed range with :func:`bounded`. Subclasses of
:class:`Params` check all their fields on construction, so a bad value fails at once with a
message naming the parameter, its value and the allowed range::

    >>> Team(hours_per_week=-1)
    ValueError: Team.hours_per_week = -1 is outside the allowed range [0, 2000] (hours per week)
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from smmlab.sim import benchmarks


def bounded(
    default: float | None = None,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    unit: str = "",
    integer: bool = False,
    benchmark: str | None = None,
) -> Any:
    """Declare a numeric parameter field with its allowed closed range.

    Parameters
    ----------
    default
        The default value; ignored when ``benchmark`` is given.
    low, high
        The allowed closed range.
    unit
        The unit, shown in error messages and source tables.
    integer
        Require a whole number.
    benchmark
        Key in ``benchmarks.toml`` whose value is the default (calibrated, with a citation).
    """
    if benchmark is not None:
        default = benchmarks.value(benchmark)
    meta = {"low": low, "high": high, "unit": unit, "integer": integer, "benchmark": benchmark}
    return dataclasses.field(default=default, metadata=meta)


def check_range(
    owner: str, name: str, value: Any, low: float, high: float, unit: str = "", integer: bool = False
) -> None:
    """Raise ``ValueError`` unless ``value`` is a finite number in ``[low, high]``."""
    label = f"{owner}.{name}" if owner else name
    suffix = f" ({unit})" if unit else ""
    allowed = f"[{_fmt(low)}, {_fmt(high)}]"
    if isinstance(value, bool) or (not isinstance(value, (int, float)) and not hasattr(value, "__float__")):
        raise ValueError(f"{label} = {value!r} is not a number; allowed range {allowed}{suffix}")
    number = float(value)
    if math.isnan(number) or not low <= number <= high:
        raise ValueError(f"{label} = {value!r} is outside the allowed range {allowed}{suffix}")
    if integer and number != int(number):
        raise ValueError(f"{label} = {value!r} must be a whole number in {allowed}{suffix}")


def _fmt(number: float) -> str:
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return f"{number:g}"


@dataclass(frozen=True)
class Params:
    """Base class: validates every :func:`bounded` field after construction."""

    def __post_init__(self) -> None:
        for spec in dataclasses.fields(self):
            if "low" in spec.metadata:
                meta = spec.metadata
                check_range(
                    type(self).__name__,
                    spec.name,
                    getattr(self, spec.name),
                    meta["low"],
                    meta["high"],
                    meta["unit"],
                    meta["integer"],
                )

    def replace(self, **changes: Any) -> Params:
        """Return a copy with some fields changed (validated like a new instance)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def ranges(cls) -> dict[str, tuple[float, float]]:
        """The allowed range of every bounded field, for building controls and tests."""
        return {
            spec.name: (spec.metadata["low"], spec.metadata["high"])
            for spec in dataclasses.fields(cls)
            if "low" in spec.metadata
        }

    @classmethod
    def benchmark_keys(cls) -> list[str]:
        """The ``benchmarks.toml`` keys behind this class's defaults."""
        return [
            spec.metadata["benchmark"] for spec in dataclasses.fields(cls) if spec.metadata.get("benchmark")
        ]
