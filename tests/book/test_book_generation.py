"""The book's pages come from the catalog alone: a new lesson appears, a removed one goes, the
schedules follow the catalog's minutes, and published solutions never carry hidden tests."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from book_build import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import itertools

import smmlab_book

from smmlab import catalog, gallery

pytestmark = pytest.mark.xdist_group("book")

NEW_LESSON = """
[[lessons]]
number = 90
slug = "test-only-lesson"
title = "A lesson added after the book was written"
items = []
teaching_minutes = 10
exercise_minutes = 5
"""


def notebook(title: str, key_points: str = "") -> str:
    cells = [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": f"# {title}"}]
    if key_points:
        cells.append({"cell_type": "markdown", "id": "kp", "metadata": {}, "source": key_points})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def repo(tmp_path) -> Path:
    """A small course: the real catalog plus one lesson, with its notebooks."""
    (tmp_path / "course").mkdir()
    text = (ROOT / "course" / "catalog.toml").read_text(encoding="utf-8") + NEW_LESSON
    (tmp_path / "course" / "catalog.toml").write_text(text, encoding="utf-8")
    points = (
        "## Key points\n\n* Added lessons appear by themselves.\n"
        "* See [the exercise](../x.ipynb).\n\n**Next:** more"
    )
    (tmp_path / "course" / "90-test-only-lesson.ipynb").write_text(notebook("Lesson 90", points))
    (tmp_path / "exercises" / "90-test-only-lesson").mkdir(parents=True)
    (tmp_path / "exercises" / "90-test-only-lesson" / "90-test-only-lesson.ipynb").write_text(
        notebook("Ex 90")
    )
    return tmp_path


def test_a_lesson_added_to_the_catalog_gets_pages_toctree_and_key_points(repo, tmp_path):
    src = tmp_path / "book"
    docs = smmlab_book.generate(src, repo, publish_solutions=False)
    assert docs["lessons"] == ["course/90-test-only-lesson"]
    assert docs["exercises"] == ["exercises/90-test-only-lesson/90-test-only-lesson"]
    assert (src / "course" / "90-test-only-lesson.ipynb").is_file()
    toctree = (src / "_generated" / "lessons-toctree.md").read_text()
    assert "course/90-test-only-lesson\nexercises/90-test-only-lesson/90-test-only-lesson" in toctree
    table = (src / "_generated" / "lessons-table.md").read_text()
    assert "A lesson added after the book was written" in table and "in preparation" in table
    points = (src / "_generated" / "key-points.md").read_text()
    assert "- Added lessons appear by themselves." in points
    assert "- See the exercise." in points, "relative links must be unwrapped"
    assert "more" not in points.split("Lesson 90", 1)[1].split("[Read")[0]
    assert "binder:course/90-test-only-lesson.ipynb" in (src / "_generated" / "launch.md").read_text()


def test_a_lesson_whose_notebook_goes_away_loses_its_pages(repo, tmp_path):
    src = tmp_path / "book"
    smmlab_book.generate(src, repo, publish_solutions=False)
    (repo / "course" / "90-test-only-lesson.ipynb").unlink()
    docs = smmlab_book.generate(src, repo, publish_solutions=False)
    assert docs["lessons"] == [] and docs["exercises"] == []
    assert not (src / "course" / "90-test-only-lesson.ipynb").exists()
    assert not (src / "exercises" / "90-test-only-lesson").exists()
    assert "course/90" not in (src / "_generated" / "lessons-toctree.md").read_text()


def test_solutions_are_copied_only_with_the_switch_and_lose_hidden_tests(tmp_path):
    repo = tmp_path / "repo"
    for part in ("course", "exercises", "solutions"):
        shutil.copytree(ROOT / part, repo / part)
    withheld = smmlab_book.generate(tmp_path / "a", repo, publish_solutions=False)
    assert withheld["solutions"] == [] and not (tmp_path / "a" / "solutions").exists()
    published = smmlab_book.generate(tmp_path / "b", repo, publish_solutions=True)
    assert published["solutions"]
    for doc in published["solutions"]:
        text = (tmp_path / "b" / f"{doc}.ipynb").read_text()
        assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert "assert q1.check()" in text  # the visible tests stay
    smmlab_book.generate(tmp_path / "b", repo, publish_solutions=False)
    assert not list((tmp_path / "b").glob("solutions/*/*.ipynb")), "switching off must remove them"


def test_strip_solution_removes_hidden_tests_and_mark_schemes():
    cells = [
        {
            "cell_type": "code",
            "source": "x = 1\n### BEGIN HIDDEN TESTS\nassert secret\n### END HIDDEN TESTS\n",
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}],
            "execution_count": 3,
        },
        {
            "cell_type": "markdown",
            "source": "Answer\n=== BEGIN MARK SCHEME ===\ngive 2 points\n=== END MARK SCHEME ===\n",
        },
        {
            "cell_type": "code",
            "source": ["### BEGIN SOLUTION\n", "y = 2\n", "### END SOLUTION\n"],
            "outputs": [],
        },
    ]
    stripped = smmlab_book.strip_solution({"cells": cells})
    assert stripped["cells"][0]["source"] == "x = 1" and stripped["cells"][0]["outputs"] == []
    assert stripped["cells"][1]["source"] == "Answer"
    assert stripped["cells"][2]["source"] == "y = 2"
    assert "secret" in cells[0]["source"], "the input notebook must not be changed"


# ---- schedules ----------------------------------------------------------------------------------
def files() -> list:
    return smmlab_book.catalog_lessons(ROOT)


@pytest.mark.parametrize("fmt", smmlab_book.FORMATS[:2], ids=lambda f: f.name)
def test_one_day_formats_fit_their_budget_in_catalog_order_from_lesson_00(fmt):
    sessions = smmlab_book.plan(files(), fmt)
    assert len(sessions) == 1
    slots = sessions[0]
    lessons = [slot.lesson.lesson for slot in slots if slot.lesson is not None]
    assert lessons[0].number == 0
    assert [lesson.number for lesson in lessons] == sorted(lesson.number for lesson in lessons)
    assert slots[-1].end <= fmt.day_minutes, "the day overruns"
    one_more = smmlab_book.lay_out(files()[: len(lessons) + 1], fmt)
    assert one_more[-1].end > fmt.day_minutes, "another lesson would have fitted"
    for before, after in itertools.pairwise(slots):
        assert after.start == before.end, "gaps or overlaps in the timetable"
    assert any(slot.what in ("Break", "Lunch") for slot in slots)


def test_full_course_covers_every_catalog_lesson_once_in_sessions_that_fit():
    fmt = smmlab_book.FORMATS[2]
    sessions = smmlab_book.plan(files(), fmt)
    taught = [slot.lesson.name for session in sessions for slot in session if slot.lesson]
    assert taught == [lesson.name for lesson in catalog.load(ROOT / "course" / "catalog.toml").lessons]
    for session in sessions:
        assert session[-1].end <= fmt.session_minutes, "a session overruns"
    for session, following in itertools.pairwise(sessions):
        longer = smmlab_book.lay_out([s.lesson for s in session if s.lesson] + [following[0].lesson], fmt)
        assert longer[-1].end > fmt.session_minutes, "sessions are split too early"


def test_schedule_minutes_follow_the_catalog(repo):
    before = smmlab_book.schedules_fragment(smmlab_book.catalog_lessons(ROOT), {"lessons": []})
    after = smmlab_book.schedules_fragment(smmlab_book.catalog_lessons(repo), {"lessons": []})
    total = sum(lesson.minutes for lesson in catalog.load(repo / "course" / "catalog.toml").lessons)
    assert f"{total} minutes" in after and f"{total} minutes" not in before


# ---- gallery ------------------------------------------------------------------------------------
def test_gallery_renders_distinct_figures_with_alt_text_and_restores_the_explorer():
    from smmlab.lessons import conversation_not_broadcast as lesson

    explorer = lesson.explorer()
    initial = dict(explorer.values)
    settings = gallery.representative_settings(explorer)
    assert settings[0] == {"broadcast_share": 0.5} and len(settings) >= 4
    panels = gallery.render(explorer, settings, limit=3)
    assert len(panels) == 3 and len({panel.png for panel in panels}) == 3
    assert panels[0].caption.startswith("Starting point")
    repeated = gallery.render(explorer, [{"broadcast_share": 0.2}, {"broadcast_share": 0.2}])
    assert len(repeated) == 1, "a setting that draws the same figure again is skipped"
    assert all(panel.alt_text.startswith(panel.caption) for panel in panels)
    assert explorer.values == initial
    assert gallery.to_html(panels).count("<img") == len(panels)
    with pytest.raises(ValueError, match="Unknown control"):
        gallery.describe(explorer, {"no_such_control": 1})


def test_a_change_to_the_package_changes_its_fingerprint_so_lessons_run_again(tmp_path):
    shutil.copytree(
        ROOT / "src" / "smmlab", tmp_path / "src" / "smmlab", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = smmlab_book.package_fingerprint(tmp_path)
    assert before == smmlab_book.package_fingerprint(tmp_path)
    for instructors in ("grading/autograde.py", "cli.py"):  # no lesson imports these
        changed = tmp_path / "src" / "smmlab" / instructors
        changed.write_text(changed.read_text() + "\n# changed\n")
    assert smmlab_book.package_fingerprint(tmp_path) == before
    widgets = tmp_path / "src" / "smmlab" / "widgets.py"
    widgets.write_text(widgets.read_text() + "\n# changed\n")
    assert smmlab_book.package_fingerprint(tmp_path) != before


def test_every_smmlab_command_the_book_shows_exists():
    import argparse
    import re

    from smmlab.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    pages = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.md"))
    shown = set(re.findall(r"`smmlab (\w+)", pages))
    assert {"release", "collect", "autograde", "feedback", "export", "report", "lab"} <= shown
    assert not shown - set(commands) - {"COMMAND"}, (
        f"the book shows unknown commands: {shown - set(commands)}"
    )


# ---- links in lesson text -------------------------------------------------------------------------
def test_citation_ids_in_brackets_link_to_the_bibliography():
    text = "Sprout found it *[CARE5]*; see [RESP1, RESP2] and [FAKE6, low confidence], not [a link](x)."
    linked = smmlab_book.link_citations(text)
    assert "*[{ref}`CARE5 <cite-care5>`]*" in linked
    assert "[{ref}`RESP1 <cite-resp1>`, {ref}`RESP2 <cite-resp2>`]" in linked
    assert "[{ref}`FAKE6 <cite-fake6>`, low confidence]" in linked
    assert "[a link](x)" in linked


def test_first_use_of_a_glossary_term_links_to_the_glossary_and_later_uses_do_not():
    terms = smmlab_book.glossary_terms(ROOT / "book" / "glossary.md")
    assert {"CTR", "CPA", "ROI", "Lift", "Recall", "Event study"} <= set(terms)
    cells = [
        "# CTR in a heading\n\nThe CTR of `CTR` code and an event study.",
        "Another CTR, a [lift](x) link, then lift.",
    ]
    first, second = smmlab_book.link_terms(cells, terms)
    assert first.startswith("# CTR in a heading")
    assert "The {term}`CTR <CTR>` of `CTR` code and an {term}`event study <Event study>`." in first
    assert "Another CTR" in second and "[lift](x)" in second
    assert second.endswith("then {term}`lift <Lift>`.")


def test_bibliography_has_an_entry_per_citation_id_with_its_links():
    from smmlab.sim import benchmarks

    text = smmlab_book.bibliography_fragment()
    for reference in benchmarks.references().values():
        assert f"({reference.anchor})=\n{reference.ref}\n" in text
        for document in reference.documents:
            assert f"<{document.url}>" in text
