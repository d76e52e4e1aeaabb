"""A synthetic class with a known truth, to test that the inventory report recovers it.

An item-response model (two-parameter logistic): learner ``j`` of ability ``theta_j ~ N(0, 1)``
answers an item measuring misconception ``m`` correctly with probability
``sigmoid(a_i * (theta_j - b_m) + effect_m * post)``. Parallel items of forms A and B share
``b_m`` (that is what makes them parallel); ``effect_m`` is the planted learning effect, in
log-odds. A wrong answer picks the item's own misconception more often than its other
distractors. A *bad item* has a negative ``a_i``: the abler the learner, the likelier a wrong
answer, which the report must flag.

:func:`expected` integrates the same model over the ability distribution (Gauss-Hermite
quadrature): the population's correct rates and normalised gains that a class of finite size
estimates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from smmlab.inventory import CONFIDENCE, FORMS, Inventory, Item

#: How much likelier a wrong answer is to be the item's own misconception than another distractor.
OWN_DISTRACTOR_WEIGHT = 3.0


@dataclass(frozen=True)
class Cohort:
    """A class and its planted truth.

    Parameters
    ----------
    learners
        Learners who take the pre-test.
    difficulty
        ``b_m`` per misconception (log-odds at average ability); 0.5 when not given.
    effect
        Planted learning effect per misconception, in log-odds added after the course; 1.2 when
        not given.
    discrimination
        ``a_i`` of every item but the bad ones.
    bad_items
        Item ids answered with negative discrimination ``-discrimination``.
    absent_after
        Share of learners who miss the post-test.
    """

    learners: int = 200
    difficulty: Mapping[str, float] = field(default_factory=dict)
    effect: Mapping[str, float] = field(default_factory=dict)
    discrimination: float = 1.3
    bad_items: Sequence[str] = ()
    absent_after: float = 0.05

    def __post_init__(self) -> None:
        if self.learners < 10:
            raise ValueError(f"a cohort needs at least 10 learners, not {self.learners}")
        if not 0 <= self.absent_after < 1:
            raise ValueError(f"absent_after is a share in [0, 1), not {self.absent_after}")

    def b(self, misconception: str) -> float:
        return float(self.difficulty.get(misconception, 0.5))

    def delta(self, misconception: str) -> float:
        return float(self.effect.get(misconception, 1.2))

    def a(self, item: Item) -> float:
        return -self.discrimination if item.id in self.bad_items else self.discrimination

    def logit(self, item: Item, theta: np.ndarray, post: bool) -> np.ndarray:
        return self.a(item) * (theta - self.b(item.measures)) + (self.delta(item.measures) if post else 0.0)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def simulate(inventory: Inventory, cohort: Cohort = Cohort(), seed: int = 0) -> pd.DataFrame:
    """Responses of a synthetic class: form A before the course, form B after.

    Returns one row per learner and item: ``learner``, ``phase`` (pre, post), ``item``,
    ``choice`` (0-based option) and ``confidence`` (0-3, see :data:`smmlab.inventory.CONFIDENCE`).
    """
    rng = np.random.default_rng(seed)
    learners = np.array([f"learner-{i:03d}" for i in range(cohort.learners)])
    theta = rng.normal(size=cohort.learners)
    present_after = rng.random(cohort.learners) >= cohort.absent_after
    rows = []
    for form, phase in FORMS.items():
        who = np.ones(cohort.learners, bool) if phase == "pre" else present_after
        for item in inventory.form(form):
            correct = rng.random(who.sum()) < _sigmoid(cohort.logit(item, theta[who], phase == "post"))
            wrong = [i for i in range(len(item.options)) if i != item.answer]
            weights = np.array(
                [OWN_DISTRACTOR_WEIGHT if item.holds(i) == item.measures else 1.0 for i in wrong]
            )
            distractor = rng.choice(wrong, size=who.sum(), p=weights / weights.sum())
            choice = np.where(correct, item.answer, distractor)
            # sure when right more often than when wrong, but misconceptions are held with conviction too
            sure = np.where(correct, 0.6, 0.45)
            confidence = rng.binomial(len(CONFIDENCE) - 1, sure)
            rows.append(
                pd.DataFrame(
                    {
                        "learner": learners[who],
                        "phase": phase,
                        "item": item.id,
                        "choice": choice,
                        "confidence": confidence,
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def expected(inventory: Inventory, cohort: Cohort = Cohort()) -> pd.DataFrame:
    """The population truth behind :func:`simulate`, per misconception.

    Columns ``pre`` and ``post`` (expected share correct on the item measuring it in form A and
    form B) and ``gain`` (normalised gain ``(post - pre) / (1 - pre)``); the row ``"class"`` has
    the class's expected scores (shares of the whole form) and gain.
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(60)
    weights = weights / weights.sum()
    table = {}
    for item in inventory.form("A"):
        after = inventory.parallel(item)
        pre = float(weights @ _sigmoid(cohort.logit(item, nodes, post=False)))
        post = float(weights @ _sigmoid(cohort.logit(after, nodes, post=True)))
        table[item.measures] = (pre, post)
    frame = pd.DataFrame(table, index=["pre", "post"]).T
    frame.loc["class"] = frame.mean()
    frame["gain"] = (frame["post"] - frame["pre"]) / (1 - frame["pre"])
    return frame


def hand_in(responses: pd.DataFrame, release: Path, destination: Path) -> list[Path]:
    """Write the class's notebooks as an LMS download: one zip per form, ready for ``smmlab collect``.

    ``release`` is the course's release folder (``exercises/``); each learner's notebook is the
    released one with their answers saved in it, named ``<learner>_<assignment>.ipynb``.
    """
    import zipfile

    import nbformat

    from smmlab.inventory.quiz import answered, notebook_name

    destination.mkdir(parents=True, exist_ok=True)
    archives = []
    for form, phase in FORMS.items():
        name = notebook_name(form)
        released = nbformat.read(release / name.removesuffix(".ipynb") / name, as_version=4)
        archive = destination / f"{name.removesuffix('.ipynb')}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for learner, rows in responses[responses["phase"] == phase].groupby("learner"):
                answers = {
                    row.item: {"choice": int(row.choice), "confidence": int(row.confidence)}
                    for row in rows.itertuples()
                }
                bundle.writestr(f"{learner}_{name}", nbformat.writes(answered(released, answers)))
        archives.append(archive)
    return archives
