"""Every quantitative claim a learner reads holds on many seeds (see ``tests/claims``)."""

from __future__ import annotations

import importlib

import nbformat
import pytest
from claims import LEARNERS, LESSON_SEEDS, PUBLISHED, Claim
from support import CATALOG, ROOT

from smmlab.exercises import module_for as exercise_module
from smmlab.grading.sandbox import grading_seed
from smmlab.lessons import module_for as lesson_module

LESSONS = [lesson for lesson in CATALOG.lessons if (ROOT / "course" / f"{lesson.name}.ipynb").exists()]
MINIMUM_CLAIMS = 3


def claims_of(lesson) -> list[Claim]:
    """The lesson's pinned claims (none when ``tests/claims/lesson_NN.py`` does not exist yet)."""
    try:
        module = importlib.import_module(f"claims.lesson_{lesson.number:02d}")
    except ModuleNotFoundError as error:
        if error.name != f"claims.lesson_{lesson.number:02d}":
            raise
        return []
    return list(module.CLAIMS)


def markdown(path) -> str:
    nb = nbformat.read(path, as_version=4)
    return " ".join(" ".join(cell.source.split()) for cell in nb.cells if cell.cell_type == "markdown")


def seeds_for(lesson, claim: Claim) -> tuple[int, ...]:
    if isinstance(claim.seeds, tuple):
        return claim.seeds
    if claim.notebook == "lesson":
        default = getattr(lesson_module(lesson.number).Scenario(), "seed", None)
        return LESSON_SEEDS if default is None else (int(default), *LESSON_SEEDS)
    published = int(exercise_module(lesson.name).EXERCISE.seed)
    if claim.seeds == PUBLISHED:
        return (published,)
    return (published, *(grading_seed(lesson.name, learner) for learner in LEARNERS))


CASES = [
    pytest.param(
        lesson,
        index,
        id=f"{lesson.number:02d}-{index}",
        marks=pytest.mark.xdist_group(f"claims-{lesson.number:02d}"),
    )
    for lesson in LESSONS
    for index in range(len(claims_of(lesson)))
]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: f"{lesson.number:02d}")
def test_every_lesson_pins_its_claims(lesson):
    claims = claims_of(lesson)
    kinds = {claim.notebook for claim in claims}
    assert len(claims) >= MINIMUM_CLAIMS and kinds == {"lesson", "answer"}, (
        f"lesson {lesson.number}: pin {MINIMUM_CLAIMS}+ claims, of the lesson and its model answers"
    )


@pytest.mark.parametrize(("lesson", "index"), CASES)
def test_claim_holds_on_every_seed(lesson, index):
    claim = claims_of(lesson)[index]
    path = (
        ROOT / "course" / f"{lesson.name}.ipynb"
        if claim.notebook == "lesson"
        else ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb"
    )
    quote = " ".join(claim.quote.split())
    assert quote in markdown(path), f"{path.name} no longer says: {quote!r}"
    failures = []
    for seed in seeds_for(lesson, claim):
        try:
            claim.holds(seed)
        except AssertionError as error:
            failures.append(f"seed {seed}: {error}")
    assert not failures, f"{quote!r} is false on {len(failures)} seed(s):\n" + "\n".join(failures)


def test_a_claim_names_its_notebook():
    with pytest.raises(ValueError, match="'lesson' or 'answer'"):
        Claim("book", "x", print)
