"""The web book, as a reader sees it: built warning-free from the catalog, every lesson and
exercise present, explorers rendered from embedded state with vendored JavaScript, no solutions."""

from __future__ import annotations

import html as htmllib
import importlib.util
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from book_build import ROOT, sphinx_build
from bs4 import BeautifulSoup

from smmlab import catalog
from smmlab.sim import benchmarks

pytestmark = [pytest.mark.xdist_group("book"), pytest.mark.slow]

CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "googleapis.com")
SPHINX_PROBLEM = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ", re.M)  # not kernels' own logs
# The launch ref is declared once ([tool.smmlab] of pyproject.toml); tools/release.py reads it.
_spec = importlib.util.spec_from_file_location("release", ROOT / "tools" / "release.py")
RELEASE = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(RELEASE)
LAUNCH_REF = RELEASE.declared()["launch-ref"]
BINDER = RELEASE.binder_url(RELEASE.declared()["repository"], LAUNCH_REF, "")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def lessons_in(checkout: Path) -> list[catalog.Lesson]:
    return list(catalog.load(checkout / "course" / "catalog.toml").lessons)


def lesson_pages(book) -> list[tuple[catalog.Lesson, Path]]:
    return [
        (lesson, book.html / "course" / f"{lesson.name}.html")
        for lesson in lessons_in(book.checkout)
        if (book.checkout / "course" / f"{lesson.name}.ipynb").exists()
    ]


def exercise_pages(book) -> list[tuple[catalog.Lesson, Path]]:
    return [
        (lesson, book.html / "exercises" / lesson.name / f"{lesson.name}.html")
        for lesson in lessons_in(book.checkout)
        if (book.checkout / "exercises" / lesson.name / f"{lesson.name}.ipynb").exists()
        and (book.checkout / "course" / f"{lesson.name}.ipynb").exists()
    ]


def plain_quotes(text: str) -> str:
    for fancy, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(fancy, plain)
    return text


def visible_text(path: Path) -> str:
    """The page's text as a reader sees it, whitespace collapsed and smart quotes made plain."""
    return " ".join(plain_quotes(htmllib.unescape(soup(path).get_text(" "))).split())


def all_text(path: Path) -> str:
    """Everything a file shows or carries: the raw file and, for HTML, its text with highlighted
    code joined up again (syntax highlighting splits code into many spans)."""
    raw = htmllib.unescape(path.read_text(encoding="utf-8", errors="replace"))
    if path.suffix == ".ipynb":  # JSON escapes quotes: compare with the cells' own text
        return raw + "\n" + "\n".join("".join(cell["source"]) for cell in json.loads(raw)["cells"])
    if path.suffix != ".html":
        return raw
    return raw + "\n" + plain_quotes(htmllib.unescape(soup(path).get_text("")))


def solution_lines(notebook: Path) -> tuple[list[str], list[str]]:
    """Distinctive lines of the worked solutions and of the hidden tests of a source notebook."""
    solutions, hidden = [], []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        for block in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.S):
            solutions += [line.strip() for line in block.splitlines() if len(line.strip()) > 12]
        for block in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", source, re.S):
            hidden += [line.strip() for line in block.splitlines() if len(line.strip()) > 12]
    return solutions, hidden


# ---- the build ----------------------------------------------------------------------------------
def test_book_builds_warning_free_from_a_fresh_checkout(book):
    assert book.returncode == 0
    assert not SPHINX_PROBLEM.search(book.log), book.log[-3000:]
    assert "build succeeded" in book.log
    assert not (book.html / "reports").exists(), "execution reports would publish tracebacks"
    for page in ("index", "setup", "instructor", "glossary", "sources", "key-points"):
        assert (book.html / f"{page}.html").is_file(), f"{page}.html is missing"


def test_every_lesson_with_a_notebook_gets_a_page_and_the_others_are_listed(book):
    pages = lesson_pages(book)
    assert pages, "no lesson notebook in course/"
    built = sorted(p.name for p in (book.html / "course").glob("*.html"))
    assert built == sorted(f"{lesson.name}.html" for lesson, _ in pages)
    index_text = visible_text(book.html / "index.html")
    for lesson, page in pages:
        title = soup(page).find("h1").get_text()
        assert lesson.title in title, f"{page.name}: heading {title!r}"
    nav = soup(book.html / "index.html").select("nav.bd-links a")
    linked = {a["href"] for a in nav}
    for lesson, _ in pages:
        assert f"course/{lesson.name}.html" in linked, f"{lesson.name} is not in the navigation"
    for lesson in lessons_in(book.checkout):  # the lessons table covers the whole catalog
        assert lesson.title in index_text
    if len(pages) < len(lessons_in(book.checkout)):
        assert "in preparation" in index_text


def test_every_exercise_page_is_the_learner_release_without_solutions(book):
    pages = exercise_pages(book)
    assert pages, "no exercise page was built"
    for lesson, page in pages:
        assert page.is_file(), f"no page for exercise {lesson.name}"
        text = visible_text(page)
        assert "NotImplementedError" in text and "YOUR ANSWER HERE" in text
        solutions, hidden = solution_lines(ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb")
        assert solutions and hidden, "the solutions notebook should hold solutions and hidden tests"
        raw = all_text(page)
        leaked = [line for line in solutions + hidden if line in raw]
        assert not leaked, f"{page.name} shows solution or hidden-test code: {leaked[:3]}"
        assert "BEGIN HIDDEN TESTS" not in raw and "BEGIN SOLUTION" not in raw


def test_solutions_and_hidden_tests_are_nowhere_in_the_default_book(book):
    assert not (book.html / "solutions").exists()
    assert not (book.html / "_sources" / "solutions").exists()
    secrets = []
    for notebook in (ROOT / "solutions").glob("*/*.ipynb"):
        solutions, hidden = solution_lines(notebook)
        secrets += hidden + [line for line in solutions if "=" in line or "return" in line]
    assert secrets
    for path in book.html.rglob("*"):
        if path.suffix in {".html", ".ipynb", ".js", ".md", ".txt"} and "vendor" not in path.parts:
            text = all_text(path)
            found = [line for line in secrets if line in text]
            assert not found, f"{path.relative_to(book.html)} leaks {found[:2]}"


# ---- explorers without a kernel -----------------------------------------------------------------
def explorer_lessons(book) -> list[tuple[catalog.Lesson, Path]]:
    found = []
    for lesson, page in lesson_pages(book):
        module = book.checkout / "src" / Path(*lesson.module.split(".")).with_suffix(".py")
        if module.exists() and "def explorer(" in module.read_text(encoding="utf-8"):
            found.append((lesson, page))
    return found


def test_lesson_pages_carry_an_offline_explorer_instead_of_a_dead_widget(book):
    pages = explorer_lessons(book)
    assert pages, "no lesson has an explorer"
    for lesson, page in pages:
        document = soup(page)
        explorer = document.select_one(".smmlab-explorer[data-index]")
        assert explorer, f"{lesson.name}: no offline explorer"
        # the explorer's ipywidget, whose sliders do nothing without a kernel, is gone, and with
        # it the widget state and the widget JavaScript (3.7 MB)
        assert not document.find("script", type="application/vnd.jupyter.widget-view+json"), lesson.name
        sources = [tag.get("src", "") for tag in document.find_all("script")]
        assert not any("embed-amd.js" in src for src in sources), f"{lesson.name} loads the widget bundle"
        assert any(src.startswith("../_static/smmlab-explorers.js") for src in sources), lesson.name
        # predict first: nothing on the page gives the answer before the guess is locked
        assert "View held." in explorer.select_one(".smx-view").get_text(), lesson.name
        assert not explorer.select(".smx-view img"), f"{lesson.name}: answer shown first"
        assert explorer.select_one(".smx-predict button.smx-lock").get_text() == "Lock in my guess"
        # every control is native, labelled and read out
        controls = explorer.select(".smx-row input, .smx-row select")
        assert len(controls) >= 2, lesson.name
        for control in controls:
            label = explorer.find("label", attrs={"for": control["id"]})
            assert label and label.get_text(strip=True), f"{lesson.name}: {control['id']} has no label"
            if control.name == "input":
                assert control["type"] == "range" and control.get("aria-valuetext"), lesson.name
                output = explorer.find("output", attrs={"for": control["id"]})
                assert output.get_text() == control["aria-valuetext"], lesson.name
        assert explorer.select_one(".smx-headlines")["aria-live"] == "polite"
        assert "offline explorer was drawn ahead of time" in explorer.select_one(".smx-steps").get_text()


def test_every_state_of_an_explorer_has_its_images_alt_text_and_headlines(book):
    for lesson, page in explorer_lessons(book):
        explorer = soup(page).select_one(".smmlab-explorer")
        index_path = (page.parent / explorer["data-index"].split("?")[0]).resolve()
        index = json.loads(index_path.read_text(encoding="utf-8"))
        sizes = [
            len(control.select("option")) or int(control["max"]) + 1
            for control in explorer.select(".smx-controls .smx-row input, .smx-controls .smx-row select")
        ]
        assert len(index["states"]) == math.prod(sizes), f"{lesson.name}: missing states"
        assert {explorer["data-start"], index["prediction"]["scenario"]} <= set(index["states"])
        alts = set()
        for state, entry in index["states"].items():
            assert len(entry["alt"]) > 20 and entry["headlines"], f"{lesson.name} {state}"
            alts.add(entry["alt"])
            for suffix in ("", "-narrow"):
                image = index_path.parent / f"{state}{suffix}.png"
                assert image.is_file(), f"{lesson.name}: no {image.name}"
        assert len(alts) > 1, f"{lesson.name}: every state has the same alt text"
        guesses = explorer.select_one(".smx-predict input, .smx-predict select")
        count = len(guesses.select("option")) or int(guesses["max"]) + 1
        assert len(index["prediction"]["close"]) == count, lesson.name


def test_widget_javascript_is_vendored_and_no_page_uses_a_cdn(book):
    vendor = ROOT / "book" / "_static" / "vendor"
    for name in ("require.js", "embed-amd.js"):
        assert (book.html / "_static" / "vendor" / name).read_bytes() == (vendor / name).read_bytes()
    for page in book.html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [host for host in CDN_HOSTS if host in text], f"{page.name} loads from a CDN"
        for tag in soup(page).find_all(["script", "link"]):
            url = tag.get("src") or (
                tag.get("href") if tag.name == "link" and "stylesheet" in tag.get("rel", []) else ""
            )
            assert not (url or "").startswith(("http:", "https:", "//")), f"{page.name}: {url}"


def test_every_image_in_the_book_has_alt_text(book):
    for page in book.html.rglob("*.html"):
        for img in soup(page).find_all("img"):
            assert img.get("alt", "").strip(), (
                f"{page.relative_to(book.html)}: <img src={img.get('src')!r}> has no alt"
            )
            assert not img["alt"].endswith(".png"), f"{page.name}: alt text is a file name"


def test_lesson_pages_offer_the_notebook_download_and_a_binder_launch_on_the_tag(book):
    for lesson, page in lesson_pages(book):
        document = soup(page)
        download = document.find("a", href=f"../_sources/course/{lesson.name}.ipynb")
        assert download, f"{lesson.name}: no .ipynb download button"
        served = json.loads((book.html / "_sources" / "course" / f"{lesson.name}.ipynb").read_text())
        original = json.loads((ROOT / "course" / f"{lesson.name}.ipynb").read_text())
        assert served["cells"] == original["cells"], "the download is not the lesson notebook"
        launch = document.find("a", href=f"{BINDER}course/{lesson.name}.ipynb")
        assert launch, f"{lesson.name}: no Binder launch on {LAUNCH_REF} in JupyterLab"
    for lesson, page in exercise_pages(book):
        target = f"{BINDER}exercises/{lesson.name}/{lesson.name}.ipynb"
        assert soup(page).find("a", href=target), f"{lesson.name}: exercise has no launch button"


# ---- generated reference pages ------------------------------------------------------------------
def test_sources_page_lists_every_benchmark_with_its_link(book):
    page = book.html / "sources.html"
    text = visible_text(page)
    hrefs = {a.get("href") for a in soup(page).find_all("a")}
    for entry in benchmarks.all_benchmarks().values():
        assert entry.description in text, f"sources page lacks {entry.key}"
        if not entry.assumption:
            assert entry.url in hrefs, f"sources page does not link {entry.url}"
        else:
            assert entry.rationale in text


def test_key_points_page_gathers_every_lesson_s_key_points(book):
    def words(markdown_or_text: str) -> list[str]:
        # Compare words only: no emphasis marks, no parenthesised asides such as "(truth-7)".
        return re.sub(r"[*_`]|\([^)]*\)", " ", markdown_or_text).replace(" :", ":").split()

    raw = visible_text(book.html / "key-points.html")
    text = " ".join(words(raw))
    for lesson, _page in lesson_pages(book):
        notebook = json.loads((book.checkout / "course" / f"{lesson.name}.ipynb").read_text())
        cell = next(
            (
                "".join(c["source"])
                for c in notebook["cells"]
                if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Key points")
            ),
            None,
        )
        assert cell, f"{lesson.name} has no '## Key points' cell"
        first = re.search(r"^[*-] (.+)$", cell, re.M).group(1)
        assert " ".join(words(first)[:6]) in text, f"key points of {lesson.name} missing"
        assert lesson.title in raw


def test_instructor_guide_has_schedules_from_the_catalog_and_the_grading_commands(book):
    text = visible_text(book.html / "instructor.html")
    for heading in ("Half day", "One day", "Full course"):
        assert heading in text
    total = sum(lesson.minutes for lesson in lessons_in(book.checkout))
    assert f"{total} minutes" in text
    for command in ("release", "collect", "autograde", "feedback", "export", "report"):
        assert f"smmlab {command}" in text
    assert "09:00" in text


def test_set_up_page_warns_about_binder_s_idle_cull_and_launches_on_the_tag(book):
    page = book.html / "setup.html"
    text = visible_text(page)
    assert "10 minutes" in text and "Download" in text and "make lab" in text
    launches = [a["href"] for a in soup(page).find_all("a", href=True) if a["href"].startswith(BINDER)]
    assert launches, "no Binder launch link on the set-up page"
    assert RELEASE.ref_exists(LAUNCH_REF), f"the launch links open {LAUNCH_REF}, which this repository lacks"
    for href in launches:
        assert (ROOT / href.removeprefix(BINDER)).is_file(), f"{href} opens a missing notebook"


# ---- the solutions switch -----------------------------------------------------------------------
def test_publishing_solutions_adds_worked_solutions_without_hidden_tests(book, tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(book.checkout, checkout, ignore=shutil.ignore_patterns("_build"))
    html = tmp_path / "html"
    # the lessons are already executed and their explorers drawn: reuse both
    cache = book.html.parent / "jupyter_cache"
    shutil.copytree(book.html / "_explorers", html / "_explorers")
    built = sphinx_build(checkout, html, publish_solutions=True, cache=cache)
    assert built.returncode == 0 and not SPHINX_PROBLEM.search(built.log), built.log[-3000:]
    published = sorted((html / "solutions").glob("*/*.html"))
    expected = sorted(
        p.parent.name
        for p in (checkout / "solutions").glob("*/*.ipynb")
        if (checkout / "course" / f"{p.parent.name}.ipynb").exists()
    )
    assert [p.parent.name for p in published] == expected and expected
    for page in published:
        raw = all_text(page)
        solutions, hidden = solution_lines(checkout / "solutions" / page.parent.name / f"{page.stem}.ipynb")
        unmarked = re.sub(r"[*_`\\]", "", raw)  # markdown answers lose emphasis marks and escapes
        # and a list item its bullet: compare what is left of the line
        missing = [line for line in solutions if re.sub(r"[*_`\\]", "", line).strip() not in unmarked]
        assert not missing, f"worked solutions missing from {page.name}: {missing[:2]}"
        # hidden tests recompute with reference code; a line they share with the solution is not secret
        secret = [line for line in hidden if line in raw and line not in solutions]
        assert not secret, f"hidden tests were published: {secret[:2]}"
        assert "### BEGIN" not in raw and "### END" not in raw
    nav = {a["href"] for a in soup(html / "index.html").select("nav.bd-links a")}
    assert any(href.startswith("solutions/") for href in nav)


def test_lesson_citations_and_glossary_terms_link_to_their_pages(book):
    for lesson, page in lesson_pages(book):
        hrefs = [a.get("href", "") for a in soup(page).find_all("a")]
        original = json.loads((ROOT / "course" / f"{lesson.name}.ipynb").read_text())
        text = "\n".join("".join(c["source"]) for c in original["cells"] if c["cell_type"] == "markdown")
        for ref in set(benchmarks.cited_ids(text)):
            assert f"../sources.html#cite-{ref.lower()}" in hrefs, f"{lesson.name}: [{ref}] is not linked"
        assert any(h.startswith("../glossary.html#term-") for h in hrefs), f"{lesson.name}: no glossary link"
    assert "Northwind Kettles at a glance" in visible_text(book.html / "northwind.html")
