"""The book's explorers move without a kernel: a reader on the built book, JavaScript on.

The book is served from 127.0.0.1 by a local web server; nothing may leave the machine. On every
lesson page the reader locks a guess (and reads the verdict), then moves the explorer's first
control and sees the figure, the headline numbers and the alt text change. At a phone's width
(390 px) every label and read-out of the explorer shows in full.
"""

from __future__ import annotations

import re

import pytest
from browser_support import guard

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Lessons whose alt text describes the whole figure whatever the first control: lesson 13's
#: names all three targetings and not which one the figure highlights (a change for the lesson).
SAME_ALT: set[str] = set()  # every first control changes the alt text
VERDICT = re.compile(r"^(Close!|Not quite\.) You guessed .+; the simulation gives .+\.")


#: The alt texts the explorer's index.json gives the states of two image addresses.
INDEX_ALTS = """async ([first, second]) => {
    const root = document.querySelector('.smmlab-explorer');
    const index = await (await fetch(new URL(root.dataset.index, document.baseURI))).json();
    const state = src => src.split('/').pop().replace('-narrow', '').replace('.png', '');
    return [index.states[state(first)].alt, index.states[state(second)].alt];
}"""


def lesson_pages(built) -> list[str]:
    return sorted(
        path.relative_to(built.html).as_posix()
        for path in (built.html / "course").glob("*.html")
        if 'class="smmlab-explorer"' in path.read_text(encoding="utf-8")
    )


def figure(page) -> dict:
    return page.locator(".smmlab-explorer").first.evaluate(
        """root => {
            const img = root.querySelector('.smx-view img');
            return {
                src: img ? img.currentSrc || img.src : null,
                alt: img ? img.alt : null,
                loaded: img ? img.complete && img.naturalWidth > 100 : false,
                headlines: root.querySelector('.smx-headlines').innerText,
            };
        }"""
    )


def move_first_control(page) -> None:
    """Move the first control one position (up, or down from the top), as a keyboard user would."""
    control = page.locator(".smmlab-explorer .smx-controls .smx-row").first.locator("input, select")
    control.focus()
    if control.evaluate("c => c.tagName") == "SELECT":
        last = control.evaluate("c => c.options.length - 1")
        index = control.evaluate("c => c.selectedIndex")
        page.keyboard.press("ArrowUp" if index == last else "ArrowDown")
    else:
        at_top = control.evaluate("c => Number(c.value) === Number(c.max)")
        page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")


def test_every_lesson_explorer_moves_offline_after_a_locked_guess(chromium, built_book, book_url, artifacts):
    pages = lesson_pages(built_book)
    assert len(pages) >= 20, f"only {len(pages)} lesson pages have an offline explorer"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    found = guard(context)
    same_alt: list[str] = []
    try:
        for relative in pages:
            page = context.new_page()
            page.goto(f"{book_url}/{relative}", wait_until="load")
            explorer = page.locator(".smmlab-explorer").first
            # predict first: the view is held and no figure or headline gives the answer away
            assert "View held" in explorer.locator(".smx-view").inner_text(), relative
            assert explorer.locator(".smx-view img").count() == 0, relative
            lock = explorer.get_by_role("button", name="Lock in my guess")
            lock.wait_for()
            page.wait_for_function(
                "() => !document.querySelector('.smmlab-explorer .smx-lock').disabled", timeout=15_000
            )
            guess = explorer.locator(".smx-predict input, .smx-predict select").first
            guess.focus()
            page.keyboard.press("ArrowRight" if guess.evaluate("g => g.tagName") == "INPUT" else "ArrowDown")
            lock.click()
            verdict = explorer.locator(".smx-verdict")
            verdict.wait_for()
            assert VERDICT.match(verdict.inner_text()), f"{relative}: {verdict.inner_text()!r}"
            assert explorer.get_by_role("button", name="Guess locked").is_disabled()
            page.wait_for_function(
                "() => { const i = document.querySelector('.smmlab-explorer .smx-view img');"
                " return i && i.complete && i.naturalWidth > 100; }",
                timeout=15_000,
            )
            before = figure(page)
            assert before["alt"] and len(before["alt"]) > 20 and before["headlines"].strip(), relative
            if relative.startswith("course/01"):
                explorer.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "book-explorer-revealed.png"), full_page=False)
            move_first_control(page)
            page.wait_for_function(
                "src => { const i = document.querySelector('.smmlab-explorer .smx-view img');"
                " return i.src !== src && i.complete && i.naturalWidth > 100; }",
                arg=before["src"],
                timeout=15_000,
            )
            after = figure(page)
            assert after["src"] != before["src"], relative
            assert after["headlines"] != before["headlines"], f"{relative}: the headlines did not change"
            # the alt text is the one drawn with the state shown (the lesson's own words), so it
            # changes whenever the lesson's alt text for the two settings differs
            drawn = page.evaluate(INDEX_ALTS, [before["src"], after["src"]])
            assert [before["alt"], after["alt"]] == drawn, f"{relative}: the alt text is not the figure's"
            if drawn[0] != drawn[1]:
                assert after["alt"] != before["alt"], f"{relative}: the alt text did not follow the figure"
            else:
                same_alt.append(relative)
            page.close()
    finally:
        context.close()
    assert not found.problems(), "\n".join(found.problems())
    assert set(same_alt) <= SAME_ALT, f"the first control leaves the alt text as it was on {same_alt}"


def test_on_a_phone_the_explorer_stacks_and_nothing_is_cut(chromium, built_book, book_url, artifacts):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    found = guard(context)
    cut: dict[str, list[str]] = {}
    try:
        for relative in lesson_pages(built_book):
            page = context.new_page()
            page.goto(f"{book_url}/{relative}", wait_until="load")
            page.wait_for_function(
                "() => !document.querySelector('.smmlab-explorer .smx-lock').disabled", timeout=15_000
            )
            page.locator(".smmlab-explorer .smx-lock").click()
            page.wait_for_function(
                "() => { const i = document.querySelector('.smmlab-explorer .smx-view img');"
                " return i && i.complete && i.naturalWidth > 100; }",
                timeout=15_000,
            )
            problems = page.locator(".smmlab-explorer").first.evaluate(
                """root => {
                    const found = [];
                    const box = root.getBoundingClientRect();
                    root.querySelectorAll('label, output, select, .smx-help, .smx-headline').forEach(e => {
                        const r = e.getBoundingClientRect();
                        const overflows = e.scrollWidth > e.clientWidth + 1;
                        if (overflows || r.right > box.right + 1 || r.left < box.left - 1)
                            found.push(e.tagName + ': ' + e.textContent.trim().slice(0, 40));
                    });
                    if (root.scrollWidth > root.clientWidth + 1) found.push('the explorer scrolls sideways');
                    // stacked: each label sits above its control, not beside it
                    root.querySelectorAll('.smx-controls .smx-row').forEach(row => {
                        const label = row.querySelector('label').getBoundingClientRect();
                        const field = row.querySelector('input, select').getBoundingClientRect();
                        if (field.top < label.bottom - 1)
                            found.push('beside its label: ' + row.innerText.slice(0, 30));
                    });
                    const img = root.querySelector('.smx-view img');
                    if (!img.currentSrc.endsWith('-narrow.png'))
                        found.push('wide figure on a phone: ' + img.currentSrc);
                    return found;
                }"""
            )
            if problems:
                cut[relative] = problems
            if relative.startswith("course/05"):
                page.locator(".smmlab-explorer").first.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "book-explorer-phone.png"), full_page=False)
                page.locator(".smmlab-explorer .smx-view").scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "book-explorer-phone-figure.png"), full_page=False)
            page.close()
    finally:
        context.close()
    assert not cut, cut
    assert not found.problems(), "\n".join(found.problems())
