"""The inventory's self-scoring page in a real browser, offline: answer form A, reload and find the
answers kept, finish it, answer form B with the keys, finish it, and read the before-and-after
table with the scores and the normalised gain computed here from ``smmlab.inventory``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_support import AXE, guard

from smmlab import inventory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("book-pages")]

SCREENSHOT = Path(os.environ.get("SMMLAB_INVENTORY_SCREENSHOT", "/tmp/inv/book-page.png"))


def serious_axe_findings(page) -> list[str]:
    """axe-core's serious and critical findings inside the inventory (the theme is checked by
    test_book_pages)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run({include: [['#smmlab-inventory']]}, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']}: {' '.join(map(str, node['target']))} — {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


def choose(page, form: str, choices: dict[str, int]) -> None:
    """Pick an option (by index) and a confidence for every item, by keyboard-reachable labels."""
    page.locator(f"#inv-tab-{form}").click()
    for number, (item, index) in enumerate(choices.items()):
        page.locator(f"label[for='inv-{item}-{index}']").click()
        page.locator(f"label[for='inv-{item}-confidence-{number % len(inventory.CONFIDENCE)}']").click()


def test_a_learner_takes_both_forms_offline_and_sees_their_before_and_after(chromium, book_url, artifacts):
    inv = inventory.load()
    form_a, form_b = inv.form("A"), inv.form("B")
    before = {item.id: 0 for item in form_a}  # option A everywhere
    after = {item.id: item.answer for item in form_b}  # the keys
    pre = sum(item.answer == 0 for item in form_a)
    post, top = len(form_b), len(form_a)

    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    found = guard(context)  # aborts every request that is not to this machine
    page = context.new_page()
    try:
        page.goto(f"{book_url}/inventory.html", wait_until="load")
        finish_a = page.locator("#inv-form-A .inv-finish-button")
        assert finish_a.is_disabled()
        assert page.locator("#inv-form-B").is_hidden(), "form B's tab is not selected at first"

        choose(page, "A", dict(list(before.items())[:-1]))
        assert finish_a.is_disabled(), "finish is enabled before every item is answered"
        choose(page, "A", dict(list(before.items())[-1:]))
        assert finish_a.is_enabled()
        assert page.locator("#inv-form-A .inv-feedback:visible").count() == 0, "keys shown too early"

        page.reload(wait_until="load")  # the answers are kept in the browser
        for item, index in before.items():
            assert page.locator(f"#inv-{item}-{index}").is_checked(), f"{item} lost its answer"
        assert page.locator(f"#inv-{form_a[1].id}-confidence-1").is_checked()
        finish_a.focus()
        page.keyboard.press("Enter")
        feedback = page.locator("#inv-form-A .inv-feedback")
        assert feedback.count() == top
        for item, box in zip(form_a, feedback.all(), strict=True):
            text = box.inner_text()
            if item.answer == 0:
                assert "✓ Right" in text, item.id
            else:
                belief = inv.misconceptions[item.misconceptions[0]]
                assert "✗" in text and belief.belief in text, item.id
                link = box.locator("a")
                if link.count():
                    assert link.first.get_attribute("href").startswith(f"course/{belief.lesson:02d}-")
        assert f"{pre} of {top} right" in page.locator("#inv-form-A .inv-form-summary").inner_text()
        assert "Finish both forms" in page.locator("#inv-results").inner_text()

        choose(page, "B", after)
        page.locator("#inv-form-B .inv-finish-button").click()
        assert f"{post} of {top} right" in page.locator("#inv-form-B .inv-form-summary").inner_text()

        results = page.locator("#inv-results")
        assert results.locator("#inv-score-before").get_attribute("data-value") == str(pre)
        assert results.locator("#inv-score-after").get_attribute("data-value") == str(post)
        assert f"{pre} of {top}" in results.locator("#inv-score-before").inner_text()
        gain = results.locator("#inv-gain")
        if pre < top:
            expected = (post - pre) / (top - pre)
            assert float(gain.get_attribute("data-value")) == pytest.approx(expected)
            assert f"{expected:.2f}" in gain.inner_text()
        else:
            assert "not defined" in gain.inner_text()
        rows = results.locator("tbody tr")
        assert rows.count() == len(inv.misconceptions)
        for misconception in inv.misconceptions.values():
            row = results.locator(f"tr[data-misconception='{misconception.id}']")
            a_item = next(item for item in form_a if item.measures == misconception.id)
            want = "✓ right" if a_item.answer == 0 else "✗ wrong"
            assert row.locator(".inv-before").inner_text().strip() == want, misconception.id
            assert row.locator(".inv-after").inner_text().strip() == "✓ right", misconception.id

        tab = page.locator("#inv-tab-B")  # the tabs follow the arrow keys
        tab.focus()
        page.keyboard.press("ArrowLeft")
        assert page.locator("#inv-tab-A").get_attribute("aria-selected") == "true"
        assert page.locator("#inv-form-A").is_visible() and page.locator("#inv-form-B").is_hidden()
        assert serious_axe_findings(page) == []  # with every answer, feedback and the table shown

        page.reload(wait_until="load")  # finished forms stay finished
        assert page.locator("#inv-score-after").get_attribute("data-value") == str(post)
        page.locator("#inv-results-title").evaluate("title => title.scrollIntoView({block: 'start'})")
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
        page.screenshot(path=str(artifacts / "book-inventory.png"))

        page.locator(".inv-restart-button").click()  # start again: only after confirming
        page.locator(".inv-restart-no").click()
        assert page.locator("#inv-score-after").count() == 1
        page.locator(".inv-restart-button").click()
        page.locator(".inv-restart-yes").click()
        assert page.locator("#inv-score-after").count() == 0
        assert page.locator("#inv-form-A input:checked").count() == 0
        page.reload(wait_until="load")
        assert page.locator("#inv-form-A input:checked").count() == 0
        assert page.locator("#inv-form-A .inv-finish-button").is_disabled()
    finally:
        context.close()
    assert not found.problems(), "\n".join(found.problems())
