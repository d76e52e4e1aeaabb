"""The misconception inventory: does the course change minds?

A concept inventory in the manner of physics education's (Hestenes, Wells and Swackhamer 1992;
Hake 1998): short multiple-choice items whose wrong options are the misconceptions the course
teaches against, given before the course (form A) and after it (form B, parallel items in new
situations, so the post-test is not a memory test). ``items.toml`` holds the items, their keys
and the misconception each option expresses; the misconceptions carry the same ids as the
curriculum and the self-checks' "that is the belief that ..." messages.

The inventory measures; it does not grade. Its keys are public data (the book's self-scoring
page needs them), so a class gives credit for taking it, never for its answers.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smmlab import catalog

#: The inventory's data file.
ITEMS = Path(__file__).with_name("items.toml")
#: The two parallel forms: A before the course, B after it.
FORMS = {"A": "pre", "B": "post"}
#: How sure a learner is of an answer, the scale of the confidence rating.
CONFIDENCE = ("guessing", "unsure", "fairly sure", "certain")


@dataclass(frozen=True)
class Misconception:
    """A belief the course teaches against, by its curriculum id (``myth-1``, ``mistake-5``).

    ``lesson`` is the lesson that teaches it, from the course catalog.
    """

    id: str
    lesson: int
    belief: str


@dataclass(frozen=True)
class Item:
    """One multiple-choice item.

    ``misconceptions[i]`` is the curriculum id whose belief option ``i`` expresses, ``""`` for
    the defensible answer at ``answer``.
    """

    id: str
    form: str
    measures: str
    situation: str
    question: str
    options: tuple[str, ...]
    answer: int
    misconceptions: tuple[str, ...]
    why: str

    def holds(self, choice: int) -> str:
        """The misconception a choice expresses (``""`` for the answer)."""
        return self.misconceptions[choice]


@dataclass(frozen=True)
class Inventory:
    """Both forms and the misconceptions they measure."""

    misconceptions: dict[str, Misconception]
    items: dict[str, Item]

    def form(self, form: str) -> list[Item]:
        """The items of form ``"A"`` or ``"B"``, in order."""
        if form not in FORMS:
            raise ValueError(f"no inventory form {form!r}; the forms are A (pre) and B (post)")
        return [item for item in self.items.values() if item.form == form]

    def parallel(self, item: Item) -> Item:
        """The item of the other form that measures the same misconception."""
        other = "B" if item.form == "A" else "A"
        return next(i for i in self.form(other) if i.measures == item.measures)


def _problems(misconceptions: dict[str, Misconception], items: list[Item]) -> list[str]:
    problems = []
    for form in FORMS:
        measured = sorted(item.measures for item in items if item.form == form)
        if measured != sorted(misconceptions):
            missing = sorted(set(misconceptions) - set(measured))
            twice = sorted({m for m in measured if measured.count(m) > 1})
            problems.append(
                f"form {form} must measure every misconception once: missing {missing}, twice {twice}"
            )
    ids = [item.id for item in items]
    problems += [f"item id {i} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for item in items:
        where = f"item {item.id}"
        if item.form not in FORMS:
            problems.append(f"{where}: form {item.form!r} is neither A nor B")
        if len(item.options) != 4 or len(set(item.options)) != 4:
            problems.append(f"{where}: needs four distinct options")
        if len(item.misconceptions) != len(item.options):
            problems.append(f"{where}: name a misconception for every option")
            continue
        if not 0 <= item.answer < len(item.options) or item.misconceptions[item.answer] != "":
            problems.append(f"{where}: its answer must be an option whose misconception is empty")
        wrong = [m for i, m in enumerate(item.misconceptions) if i != item.answer]
        unknown = sorted({m for m in wrong if m not in misconceptions})
        if unknown:
            problems.append(f"{where}: distractors name unknown misconceptions {unknown}")
        if item.measures not in wrong:
            problems.append(
                f"{where}: no distractor expresses {item.measures}, the misconception it measures"
            )
    return problems


def parse(text: str) -> Inventory:
    """An inventory from the text of an ``items.toml``; ``ValueError`` lists what is wrong."""
    data = tomllib.loads(text)
    teaches = {item: lesson.number for lesson in catalog.load().lessons for item in lesson.items}
    unknown = sorted(m["id"] for m in data["misconception"] if m["id"] not in teaches)
    if unknown:
        raise ValueError(f"the inventory names misconceptions no lesson teaches: {unknown}")
    misconceptions = {
        m["id"]: Misconception(m["id"], teaches[m["id"]], m["belief"]) for m in data["misconception"]
    }
    items = [
        Item(
            id=raw["id"],
            form=raw["form"],
            measures=raw["measures"],
            situation=" ".join(raw["situation"].split()),
            question=raw["question"].strip(),
            options=tuple(o.strip() for o in raw["options"]),
            answer=int(raw["answer"]),
            misconceptions=tuple(raw["misconceptions"]),
            why=" ".join(raw.get("why", "").split()),
        )
        for raw in data["item"]
    ]
    problems = _problems(misconceptions, items)
    if problems:
        raise ValueError("the inventory is not valid:\n  " + "\n  ".join(problems))
    return Inventory(misconceptions, {item.id: item for item in items})


@cache
def load() -> Inventory:
    """The course's inventory (``smmlab/inventory/items.toml``)."""
    return parse(ITEMS.read_text(encoding="utf-8"))
