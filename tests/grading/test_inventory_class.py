"""The inventory through the real pipeline: release both forms, a synthetic class hands in its
notebooks as an LMS download, ``smmlab collect`` and ``smmlab autograde`` (sandboxed) grade
completion into the gradebook, and ``smmlab inventory report`` reads the answers back."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from smmlab import inventory
from smmlab.inventory.cohort import Cohort, hand_in, simulate
from smmlab.inventory.report import analyse

from .conftest import REPO, run_smmlab

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("inventory-class")]

FORMS = ("inventory-pre", "inventory-post")
SKIPPER = "learner-003"  # left three items of the pre-test blank
#: The smallest cohort (each notebook is a sandboxed kernel run): the report reads any size the same way.
LEARNERS = 10  # seed 5: one absent from the post-test


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for name in FORMS:
        shutil.copytree(REPO / "solutions" / name, root / "solutions" / name)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "course", root / "course")  # the catalog names the misconceptions' lessons
    released = run_smmlab(root, "release", "-q")
    assert released.returncode == 0, released.stdout + released.stderr

    responses = simulate(inventory.load(), Cohort(learners=LEARNERS, absent_after=0.1), seed=5)
    skipped = (responses["learner"] == SKIPPER) & responses["item"].isin(["A02", "A09", "A17"])
    responses = responses[~skipped]
    lms = tmp_path_factory.mktemp("lms")
    outputs = {}
    for archive in hand_in(responses, root / "exercises", lms):
        name = archive.stem
        collected = run_smmlab(root, "collect", str(archive), "--assignment", name, "-q")
        assert collected.returncode == 0, collected.stdout + collected.stderr
        graded = run_smmlab(root, "autograde", name, "-q", timeout=1200)
        outputs[name] = graded.stdout + graded.stderr
    return root, responses, outputs


def test_completion_is_graded_and_the_skipper_loses_the_point(graded_class, tmp_path):
    root, responses, outputs = graded_class
    exported = run_smmlab(root, "export", "--to", str(tmp_path / "grades.csv"), "-q")
    assert (tmp_path / "grades.csv").exists(), exported.stdout + exported.stderr  # absent learners: 1
    with open(tmp_path / "grades.csv", newline="") as stream:
        rows = list(csv.DictReader(stream))
    scores = {(r["assignment"], r["learner"]): float(r["score"]) for r in rows if r["score"] != ""}
    pre = responses.query("phase == 'pre'")["learner"].unique()
    post = responses.query("phase == 'post'")["learner"].unique()
    assert len(pre) == LEARNERS and 0.6 * LEARNERS <= len(post) < LEARNERS, outputs  # some were absent
    assert scores[("inventory-pre", SKIPPER)] == 0
    assert all(scores[("inventory-pre", learner)] == 1 for learner in pre if learner != SKIPPER)
    assert all(scores[("inventory-post", learner)] == 1 for learner in post)


def test_the_report_reads_the_class_from_the_gradebook(graded_class):
    root, responses, _ = graded_class
    reported = run_smmlab(root, "inventory", "report", "--boots", "300")
    assert reported.returncode == 1, reported.stdout + reported.stderr  # the skipper needs attention
    assert f"incomplete: {SKIPPER} / inventory-pre: 3 of 26 items unanswered" in reported.stdout
    assert f"course: {root}" in reported.stdout and "normalised gain" in reported.stdout
    learners = pd.read_csv(root / "reports" / "inventory-learners.csv", index_col="learner")
    direct = analyse(responses, inventory.load(), boots=300)
    pd.testing.assert_frame_equal(learners, direct.scores, check_names=False)
    table = pd.read_csv(root / "reports" / "inventory-misconceptions.csv", index_col="misconception")
    assert table["held_before"].to_dict() == pytest.approx(direct.misconceptions["held_before"].to_dict())
    assert (root / "reports" / "inventory.png").stat().st_size > 10_000
