"""Calibrated defaults and their sources, read from ``benchmarks.toml``.

Each entry is either a cited figure (source, year, URL, confidence) or a modelling assumption
with a one-line rationale. Lessons print their sources with :func:`sources_table`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd


@dataclass(frozen=True)
class Benchmark:
    """One calibrated default."""

    key: str
    value: float
    unit: str
    description: str
    source: str = ""
    year: int | None = None
    url: str = ""
    confidence: str = ""
    ref: str = ""
    assumption: bool = False
    rationale: str = ""

    @property
    def citation(self) -> str:
        """A short citation, or the assumption's rationale."""
        if self.assumption:
            return f"Modelling assumption: {self.rationale}"
        return f"{self.source} ({self.year or 'n.d.'}) [{self.ref}, confidence {self.confidence}]"


@cache
def all_benchmarks() -> dict[str, Benchmark]:
    """Every entry of ``benchmarks.toml``, by key."""
    text = resources.files("smmlab.sim").joinpath("benchmarks.toml").read_text(encoding="utf-8")
    return {key: Benchmark(key=key, **entry) for key, entry in tomllib.loads(text).items()}


def get(key: str) -> Benchmark:
    """Return one benchmark entry; ``KeyError`` names the known keys when ``key`` is unknown."""
    try:
        return all_benchmarks()[key]
    except KeyError:
        raise KeyError(f"No benchmark {key!r}; known: {', '.join(sorted(all_benchmarks()))}") from None


def value(key: str) -> float:
    """The calibrated value of one benchmark."""
    return get(key).value


def sources_table(keys: list[str] | None = None) -> pd.DataFrame:
    """A table of values and their sources, for a lesson's "where the numbers come from" cell.

    Parameters
    ----------
    keys
        Benchmark keys to include (default: all). Duplicates are dropped, order kept.
    """
    chosen = [get(key) for key in dict.fromkeys(keys or all_benchmarks())]
    return pd.DataFrame(
        {
            "parameter": [b.description for b in chosen],
            "value": [f"{b.value:g} {b.unit}" for b in chosen],
            "kind": ["assumption" if b.assumption else "cited" for b in chosen],
            "source": [b.citation for b in chosen],
            "url": [b.url for b in chosen],
        }
    )
