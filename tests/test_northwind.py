"""One Northwind: what the notebooks say about the brand matches its fact sheet."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from support import ROOT

from smmlab import northwind
from smmlab.sim import benchmarks

NOTEBOOKS = sorted(
    p
    for folder in ("course", "solutions")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
SOURCES = sorted((ROOT / "src" / "smmlab").rglob("*.py"))
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"


def sentences(path: Path) -> list[str]:
    """The markdown of a notebook, one sentence per item (line breaks inside a sentence joined)."""
    nb = nbformat.read(path, as_version=4)
    text = "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    found = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[*-] |\s*\d+\. |#)", text):
        found += re.split(r"(?<=[.!?])\s+(?=[A-Z*])", " ".join(paragraph.split()))
    return found


def number(text: str) -> float:
    return float(text.replace(",", ""))


def about_northwind(sentence: str) -> bool:
    return bool(re.search(r"Northwind|\bour (page|brand|accounts?)\b", sentence))


def test_the_fact_sheet_reads_its_values_from_benchmarks():
    sheet = northwind.fact_sheet()
    assert list(sheet.columns) == ["topic", "fact", "basis"]
    assert "20,000 on Facebook" in sheet.set_index("topic").loc["Followers today", "fact"]
    assert northwind.hourly_cost() == pytest.approx(36, abs=0.5)
    assert northwind.inbound_per_week() == pytest.approx(180, abs=1)


@pytest.mark.parametrize("path", NOTEBOOKS + SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_money_is_in_dollars_everywhere(path):
    text = path.read_text(encoding="utf-8")
    assert "€" not in text and not re.search(r"\bEUR\b", text), f"{path.name}: Northwind's currency is USD"


def test_no_benchmark_is_in_euros():
    assert not [b.key for b in benchmarks.all_benchmarks().values() if re.search(r"\bEUR\b|€", b.unit)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_northwind_follower_counts_are_from_the_fact_sheet(path):
    allowed = {*northwind.followers_today().values(), *northwind.followers_by_year().values()}
    allowed.add(sum(northwind.followers_today().values()))
    wrong = [
        (count, sentence)
        for sentence in sentences(path)
        if about_northwind(sentence)
        for count in re.findall(NUMBER + r"(?= (?:real |Facebook )?followers)", sentence)
        if number(count) >= 1000 and number(count) not in allowed
    ]
    assert not wrong, f"{path.name}: follower counts not on Northwind's fact sheet {sorted(allowed)}: {wrong}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_northwind_posting_volume_is_from_the_fact_sheet(path):
    weekly = [benchmarks.value(f"posts_per_week_{name.lower()}") for name in northwind.followers_today()]
    allowed = {*weekly, round(weekly[0], 1), 5.0, round(sum(weekly))}
    wrong = [
        (count, sentence)
        for sentence in sentences(path)
        if about_northwind(sentence)
        for count in re.findall(
            NUMBER + r"(?= (?:campaign |promotional )?posts a week| times a week)", sentence
        )
        if number(count) not in allowed
    ]
    assert not wrong, f"{path.name}: Northwind posts {sorted(allowed)} a week (fact sheet): {wrong}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_northwind_market_and_team_are_from_the_fact_sheet(path):
    market = benchmarks.value("market_adults")
    hours = benchmarks.value("team_hours_per_week")
    wrong = []
    for sentence in sentences(path):
        if re.search(r"\b(market|region)\b", sentence) and about_northwind(sentence):
            sizes = [number(n) for n in re.findall(NUMBER + r"(?= (?:adults|people))", sentence)]
            if sizes and market not in sizes:
                wrong.append(("market", sentence))
        if re.search(r"social media manager|one person\b", sentence, re.I):
            for n in re.findall(NUMBER + r"(?= hours a week)", sentence):
                if number(n) != hours:
                    wrong.append(("team hours", sentence))
        if re.search(r"\b(two|three|\d+) social media managers\b", sentence):
            wrong.append(("one manager", sentence))
    assert not wrong, f"{path.name}: market {market:,.0f} adults, one manager, {hours:g} h a week: {wrong}"
