"""The misconception inventory's self-scoring page: built from ``smmlab.inventory``, both forms
listed in the HTML, its data file matching ``load()``, the keys kept out of the page's HTML, and
nothing fetched from elsewhere."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest
from bs4 import BeautifulSoup

from smmlab import catalog, inventory

pytestmark = [pytest.mark.xdist_group("book"), pytest.mark.slow]

DATA = re.compile(r"^window\.smmlabInventory = (.*);\s*$", re.S)


def page(book) -> BeautifulSoup:
    path = book.html / "inventory.html"
    assert path.is_file(), "inventory.html is not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def data(book) -> dict:
    path = book.html / "_static" / "inventory-data.js"
    assert path.is_file(), "the inventory's data file is not in _static/"
    found = DATA.match(path.read_text(encoding="utf-8"))
    assert found, "inventory-data.js is not one assignment to window.smmlabInventory"
    return json.loads(found.group(1))


def test_the_page_is_built_in_the_reference_navigation_and_explains_itself(book):
    html = page(book)
    assert "Check your own thinking: before and after" in html.find("h1").get_text()
    text = " ".join(html.get_text(" ").split())
    for phrase in (
        "form A before you start the lessons",
        "form B when you have finished",
        "Nothing is sent anywhere",
        "only after you finish a form",
    ):
        assert phrase in text, phrase
    index = BeautifulSoup((book.html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "inventory.html" in {a["href"] for a in index.select("nav.bd-links a")}
    scripts = [s.get("src", "") for s in html.find_all("script")]
    data_at = next(i for i, s in enumerate(scripts) if s.startswith("_static/inventory-data.js"))
    code_at = next(i for i, s in enumerate(scripts) if s.startswith("_static/smmlab-inventory.js"))
    assert data_at < code_at, "the data must load before the script"
    assert (book.html / "_static" / "smmlab-inventory.js").is_file()
    assert any(
        link.get("href", "").startswith("_static/smmlab-inventory.css") for link in html.find_all("link")
    )
    for other in ("index.html", "sources.html"):  # the page's assets are on that page only
        assert "smmlab-inventory.js" not in (book.html / other).read_text(encoding="utf-8")


def test_the_page_lists_every_item_of_both_forms_as_accessible_html(book):
    html = page(book)
    expected = inventory.load()
    for form in "AB":
        section = html.find(id=f"inv-form-{form}")
        assert section is not None, f"form {form} is missing"
        items = expected.form(form)
        shown = section.select(".inv-item")
        assert [node["data-item"] for node in shown] == [item.id for item in items]
        for item, node in zip(items, shown, strict=True):
            assert " ".join(node.select_one(".inv-situation").get_text().split()) == item.situation
            options = node.select_one("fieldset.inv-options")
            assert options.legend.get_text().strip() == item.question
            radios = options.select("input[type=radio]")
            assert len(radios) == 4 and len({r["name"] for r in radios}) == 1
            for letter, option, radio in zip("ABCD", item.options, radios, strict=True):
                label = node.find("label", attrs={"for": radio["id"]})
                assert label is not None, f"{item.id}: option without a label"
                assert " ".join(label.get_text().split()) == f"{letter}. {option}".strip()
            confidence = node.select_one("fieldset.inv-confidence")
            assert confidence.legend is not None
            labels = [
                confidence.find("label", attrs={"for": r["id"]}).get_text()
                for r in confidence.select("input")
            ]
            assert labels == list(inventory.CONFIDENCE)
    # the keys and the misconceptions behind the options are in the data file, not in the HTML
    ids = set(expected.misconceptions)
    for node in html.find(id="smmlab-inventory").find_all(True):
        assert not any(name.endswith("answer") or str(value) in ids for name, value in node.attrs.items()), (
            node
        )


def test_the_data_file_matches_the_inventory_and_links_the_lessons(book):
    got = data(book)
    expected = inventory.load()
    assert got["confidence"] == list(inventory.CONFIDENCE)
    for form in "AB":
        assert got["forms"][form] == [
            {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(item).items() if k != "form"}
            for item in expected.form(form)
        ]
    lessons = {
        lesson.number: lesson for lesson in catalog.load(book.checkout / "course" / "catalog.toml").lessons
    }
    assert [m["id"] for m in got["misconceptions"]] == list(expected.misconceptions)
    for entry in got["misconceptions"]:
        misconception = expected.misconceptions[entry["id"]]
        assert (entry["belief"], entry["lesson"]) == (misconception.belief, misconception.lesson)
        lesson = lessons[misconception.lesson]
        assert entry["lessonTitle"] == lesson.title
        if (book.checkout / "course" / f"{lesson.name}.ipynb").is_file():
            assert entry["href"] == f"course/{lesson.name}.html"
            assert (book.html / entry["href"]).is_file(), entry["href"]
        else:
            assert entry["href"] is None
