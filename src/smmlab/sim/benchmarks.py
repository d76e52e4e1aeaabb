"""Calibrated defaults and their sources, read from ``benchmarks.toml``.

Each entry is either a cited figure (source, year, URL, confidence) or a modelling assumption
with a one-line rationale. Lessons print their sources with :func:`sources_table`.
"""

from __future__ import annotations

import re
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
    def figure(self) -> str:
        """The value as a reader would write it: ``200,000,000``, not ``2e+08``."""
        if float(self.value).is_integer() and abs(self.value) >= 1000:
            return f"{int(self.value):,}"
        return f"{self.value:g}"

    @property
    def citation(self) -> str:
        """A short citation, or the assumption's rationale."""
        if self.assumption:
            return f"Modelling assumption: {self.rationale}"
        return f"{self.source} ({self.year or 'n.d.'}) [{self.ref}, confidence {self.confidence}]"


@dataclass(frozen=True)
class Document:
    """One published document a citation id points to."""

    source: str
    years: tuple[int, ...]
    url: str

    @property
    def year(self) -> str:
        """The year (or the span of years) of the figures taken from this document."""
        if not self.years:
            return "n.d."
        return str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}–{self.years[-1]}"


@dataclass(frozen=True)
class Reference:
    """A citation id as lessons show it (``[CARE5]``): its documents and the figures taken from them."""

    ref: str
    documents: tuple[Document, ...]
    keys: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The label of this reference on the book's sources page."""
        return f"cite-{self.ref.lower()}"


#: How a citation id looks in lesson text: letters then digits (CARE5, ROI4).
REF_ID = re.compile(r"\b[A-Z]{2,6}\d{1,2}\b")


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
            "value": [f"{b.figure} {b.unit}" for b in chosen],
            "kind": ["assumption" if b.assumption else "cited" for b in chosen],
            "source": [b.citation for b in chosen],
            "url": [b.url for b in chosen],
        }
    )


def references() -> dict[str, Reference]:
    """Every citation id of ``benchmarks.toml``, sorted, with its distinct documents."""
    by_ref: dict[str, list[Benchmark]] = {}
    for b in all_benchmarks().values():
        if not b.assumption:
            by_ref.setdefault(b.ref, []).append(b)
    found = {}
    for ref in sorted(by_ref, key=lambda r: (re.sub(r"\d", "", r), int(re.sub(r"\D", "", r) or 0))):
        urls = dict.fromkeys(b.url for b in by_ref[ref])
        documents = []
        for url in urls:
            same = [b for b in by_ref[ref] if b.url == url]
            years = tuple(sorted({b.year for b in same if b.year}))
            documents.append(Document(same[0].source, years, url))
        found[ref] = Reference(ref, tuple(documents), tuple(b.key for b in by_ref[ref]))
    return found


def cited_ids(text: str) -> list[str]:
    """Citation ids shown in ``text``: the ``[CARE5]``-style tokens inside square brackets."""
    return [ref for group in re.findall(r"\[([^\]]*)\]", text) for ref in REF_ID.findall(group)]
