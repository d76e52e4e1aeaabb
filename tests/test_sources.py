"""Sources anyone can open: every citation a learner sees is in benchmarks.toml, with a link."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from support import CATALOG, ROOT

from smmlab.lessons import module_for
from smmlab.sim import benchmarks

LESSONS = [lesson for lesson in CATALOG.lessons if (ROOT / "course" / f"{lesson.name}.ipynb").exists()]
LEARNER_FILES = sorted(
    [
        *(ROOT / "course").glob("*.ipynb"),
        *(ROOT / "solutions").rglob("*.ipynb"),
        *(ROOT / "exercises").rglob("*.ipynb"),
        *(ROOT / "src" / "smmlab").rglob("*.py"),
        *(ROOT / "src" / "smmlab").rglob("*.toml"),
        *(ROOT / "book").glob("*.md"),
    ]
)
OUTSIDE = re.compile(
    r"shared/|domain-benchmarks|research notes|\.\./research|section \d+ (?:of the benchmarks|descriptions)",
    re.I,
)


def markdown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("path", LEARNER_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_text_points_outside_the_repository(path):
    hits = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if OUTSIDE.search(line)]
    assert not hits, f"{path.name} points outside the repository: {hits[:3]}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.number)
def test_every_id_a_learner_sees_is_in_the_lesson_sources(lesson):
    """The notebook's ids are refs of benchmarks.toml and of the lesson's own sources table."""
    known = benchmarks.references()
    texts = [markdown(ROOT / "course" / f"{lesson.name}.ipynb")]
    solution = ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb"
    if solution.exists():
        texts.append(markdown(solution))
    module = module_for(lesson.number)
    texts.append(open(module.__file__, encoding="utf-8").read())
    shown = {ref for text in texts for ref in benchmarks.cited_ids(text)}
    assert not shown - set(known), f"ids not in benchmarks.toml: {sorted(shown - set(known))}"
    listed = {benchmarks.get(key).ref for key in module.SOURCES if not benchmarks.get(key).assumption}
    assert not shown - listed, f"lesson {lesson.number} shows {sorted(shown - listed)} but SOURCES lacks them"


def test_every_cited_figure_names_its_source_year_and_link():
    for b in benchmarks.all_benchmarks().values():
        if b.assumption:
            assert b.rationale, f"{b.key}: an assumption needs a rationale"
        else:
            assert b.source and b.ref and b.url.startswith("http"), f"{b.key}: source, ref and URL"
            assert benchmarks.REF_ID.fullmatch(b.ref), f"{b.key}: ref {b.ref!r} is not an id like CARE5"


def test_cited_ids_finds_ids_in_brackets_only():
    text = "See *[CARE5]*, [CONT4–CONT6,\nENG4] and [FAKE6, low confidence]; KARR #1 and ENG9 are not."
    assert benchmarks.cited_ids(text) == ["CARE5", "CONT4", "CONT6", "ENG4", "FAKE6"]


def test_references_group_documents_by_id():
    care4 = benchmarks.references()["CARE4"]
    assert {d.year for d in care4.documents} == {"2013", "2015"}
    assert set(care4.keys) >= {"brand_reply_rate"}
    assert care4.anchor == "cite-care4"


def test_sources_command_prints_the_links_of_a_lesson():
    out = subprocess.run(
        [sys.executable, "-m", "smmlab.cli", "sources", "01"], capture_output=True, text=True, check=True
    ).stdout
    assert "Read the sources:" in out
    assert "[CARE5] Sprout Social Index 2013 (2013): https://" in out
