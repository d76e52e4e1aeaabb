"""Every page of the built book in a real browser, offline: no console errors, no failed requests,
nothing fetched from the internet, explorers drawn from their embedded state, and no serious or
critical accessibility violations in our content (axe-core)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import AXE, guard

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("book-pages")]

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
UNRENDERED_VIEWS = """
    [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
    .filter(view => !view.parentElement.querySelector('.widget-subarea .jupyter-widgets')).length
"""

# axe findings that come from the third-party theme (pydata-sphinx-theme / sphinx-book-theme)
# markup, not from our pages' content. Each entry: rule id -> CSS selector fragments of the
# theme elements it is allowed on. Anything else fails the test.
THIRD_PARTY_AXE = {
    # pydata-sphinx-theme's search button is labelled "Search" but shows "Search… Ctrl+K"
    # (axe 4.14, serious; on every page, in the header and in the sidebar).
    "label-content-name-mismatch": (".search-button__button",),
}


def pages(html: Path) -> list[str]:
    found = []
    for page in sorted(html.rglob("*.html")):
        relative = page.relative_to(html).as_posix()
        if not relative.startswith(("_static/", "_sources/", "_images/")):
            found.append(relative)
    return found


def our_violations(results: dict) -> list[str]:
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        allowed = THIRD_PARTY_AXE.get(violation["id"], ())
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if not any(fragment in target for fragment in allowed):
                problems.append(f"{violation['id']} ({violation['impact']}): {target} — {violation['help']}")
    return problems


def test_every_book_page_loads_offline_without_errors_and_passes_axe(
    chromium, built_book, book_url, artifacts
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    found = guard(context)
    failures: dict[str, list[str]] = {}
    checked_widgets = 0
    full_checked: set[str] = set()
    try:
        for relative in pages(built_book.html):
            page = context.new_page()
            page.goto(f"{book_url}/{relative}", wait_until="load")
            source = (built_book.html / relative).read_text(encoding="utf-8")
            if WIDGET_STATE in source:
                # every widget renders from its embedded state: no view is left as a bare script
                page.wait_for_function(f"({UNRENDERED_VIEWS}) === 0", timeout=30_000)
                # every slider handle is named after its label (smmlab-a11y.js), not just "slider"
                names = page.locator(".widget-slider .noUi-handle").evaluate_all(
                    "handles => handles.map(h => h.getAttribute('aria-label') || '')"
                )
                assert all(names), f"{relative}: unnamed slider handles {names}"
                checked_widgets += 1
            if 'class="smmlab-explorer"' in source:  # the offline explorer waits for the guess
                explorer = page.locator(".smmlab-explorer").first
                assert "View held" in explorer.locator(".smx-view").inner_text(), relative
                assert explorer.locator(".smx-view img").count() == 0, relative
                assert explorer.get_by_role("button", name="Lock in my guess").is_visible()
                checked_widgets += 1
            page.evaluate("() => document.fonts.ready.then(() => true)")  # the late loads
            page.add_script_tag(path=str(AXE))
            # The theme's header and sidebars are the same on every page: check them in full on
            # the first page of each kind, and only our content (the article) elsewhere.
            kind = relative.split("/", 1)[0] if "/" in relative else "page"
            scope = "document"
            if kind in full_checked:
                scope = "document.querySelector('.bd-article') ? {include: [['.bd-article']]} : document"
            full_checked.add(kind)
            results = page.evaluate(f"async () => await axe.run({scope}, {{resultTypes: ['violations']}})")
            if problems := our_violations(results):
                failures[relative] = problems
            if relative.startswith("course/") and not (artifacts / "book-lesson.png").exists():
                page.locator(".smmlab-explorer").first.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "book-lesson.png"))
            if relative.startswith("exercises/") and not (artifacts / "book-exercise.png").exists():
                page.screenshot(path=str(artifacts / "book-exercise.png"))
            page.close()
    finally:
        context.close()
    assert checked_widgets, "no page with an embedded explorer was checked"
    assert not found.problems(), "\n".join(found.problems())
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


def test_the_notebook_download_button_serves_the_lesson_notebook(chromium, built_book, book_url):
    lesson = sorted((built_book.html / "course").glob("*.html"))[0]
    context = chromium.new_context(accept_downloads=True)
    found = guard(context)
    page = context.new_page()
    page.goto(f"{book_url}/course/{lesson.name}")
    page.locator("button.dropdown-toggle[aria-label='Download this page']").click()
    with page.expect_download() as download:
        page.locator("a.btn", has_text=".ipynb").click()
    path = download.value.path()
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    assert download.value.suggested_filename == lesson.with_suffix(".ipynb").name
    assert notebook["nbformat"] == 4 and notebook["cells"]
    context.close()
    assert not found.problems(), found.problems()
