"""Claims a learner reads, pinned to what the simulation does on many seeds.

Each lesson has a module ``lesson_NN.py`` here with a list ``CLAIMS``. A :class:`Claim` quotes a
quantitative sentence of the lesson notebook (``course/``) or of its exercise's model answer
(``solutions/``) and checks that it holds: ``holds(seed)`` raises ``AssertionError`` (with the
numbers it saw) when the sentence is false on that seed. ``tests/test_claims.py`` runs every
claim on every seed of its kind and fails when a quote no longer appears in its notebook, so
text and check cannot drift apart.

Lesson claims run on the lesson scenario's default seed and ten more; exercise claims about an
*effect* run on the published seed and on ten grading draws; claims about the numbers a learner
sees in the published data (a model answer's "about 39%") use ``seeds=PUBLISHED``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Ten seeds besides a lesson scenario's default.
LESSON_SEEDS = tuple(range(1, 11))
#: Ten learners whose grading draws stand for the class (see ``sandbox.grading_seed``).
LEARNERS = tuple(f"learner-{i}" for i in range(10))
#: Marker for a claim about the published exercise data only.
PUBLISHED = "published"


@dataclass(frozen=True)
class Claim:
    """A sentence a learner reads and the check that it is true.

    Parameters
    ----------
    notebook
        ``"lesson"`` (``course/NN-slug.ipynb``) or ``"answer"`` (the model answers in
        ``solutions/NN-slug/NN-slug.ipynb``).
    quote
        An excerpt of the notebook's markdown, compared with runs of white space collapsed.
    holds
        ``holds(seed)`` checks the sentence on one seed and raises ``AssertionError`` with the
        observed numbers when it is false.
    seeds
        ``None`` for the kind's default seeds (lesson: the scenario's default seed and
        :data:`LESSON_SEEDS`; answer: the published seed and ten grading draws), a tuple of
        seeds, or :data:`PUBLISHED` for the published exercise seed only.
    """

    notebook: str
    quote: str
    holds: Callable[[int], None]
    seeds: tuple[int, ...] | str | None = None

    def __post_init__(self) -> None:
        if self.notebook not in ("lesson", "answer"):
            raise ValueError(f"Claim notebook must be 'lesson' or 'answer', not {self.notebook!r}")


def lesson(quote: str, seeds: tuple[int, ...] | None = None) -> Callable[[Callable[[int], None]], Claim]:
    """Decorator: the function checks a sentence of the lesson notebook."""
    return lambda holds: Claim("lesson", quote, holds, seeds)


def answer(
    quote: str, seeds: tuple[int, ...] | str | None = None
) -> Callable[[Callable[[int], None]], Claim]:
    """Decorator: the function checks a sentence of the exercise's model answers."""
    return lambda holds: Claim("answer", quote, holds, seeds)
