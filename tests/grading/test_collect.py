"""``smmlab collect``: LMS zips filed by learner; odd, unsafe, doubled and late files reported."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from smmlab.grading.collect import match_learner, safe_learner_id

from .conftest import ASSIGNMENT, run_smmlab

pytestmark = pytest.mark.xdist_group("grading")
A = ASSIGNMENT


def _add(bundle: zipfile.ZipFile, name: str, data: bytes, when=(2026, 3, 1, 12, 0, 0),
         link: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    if link:
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
    bundle.writestr(info, data)


@pytest.fixture
def lms_zip(released_course: Path, tmp_path: Path) -> Path:
    notebook = (released_course / "exercises" / A / f"{A}.ipynb").read_bytes()
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        _add(bundle, f"jdoe_{A}.ipynb", notebook)
        _add(bundle, f"doejane_12345_67890_{A}.ipynb", notebook)
        _add(bundle, f"doejane_LATE_12345_67891_{A}-1.ipynb", notebook + b"\n",
             when=(2026, 3, 2, 9, 30, 0))
        _add(bundle, f"Jane Roe_4242_assignsubmission_file_/{A}.ipynb", notebook)
        _add(bundle, f"Doe, Jr._{A}.ipynb", notebook)
        _add(bundle, f"zoë_{A}.ipynb", notebook)
        _add(bundle, f"../evil_{A}.ipynb", notebook)
        _add(bundle, f"/abs_{A}.ipynb", notebook)
        _add(bundle, f"sub/../../escape_{A}.ipynb", notebook)
        _add(bundle, f".._{A}.ipynb", notebook)
        _add(bundle, f"bad*name_{A}.ipynb", notebook)
        _add(bundle, f"link_{A}.ipynb", b"/etc/passwd", link=True)
        _add(bundle, "kim_homework.ipynb", notebook)
        _add(bundle, "notes.txt", b"hello")
        _add(bundle, "__MACOSX/._jdoe.ipynb", b"junk")
    return archive


def test_collect_files_accepted_names_and_reports_the_rest(released_course: Path, lms_zip: Path,
                                                           tmp_path: Path):
    result = run_smmlab(released_course, "collect", str(lms_zip), "--assignment", A,
                        "--deadline", "2026-03-01T17:00", "-q")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    submitted = released_course / "submitted"
    learners = sorted(p.name for p in submitted.iterdir())
    assert learners == sorted(["jdoe", "doejane", "Jane Roe", "Doe, Jr.", "zoë"])
    for learner in learners:
        assert (submitted / learner / A / f"{A}.ipynb").is_file()
        assert (submitted / learner / A / "timestamp.txt").read_text().startswith("2026-03-0")
    assert (submitted / "doejane" / A / f"{A}.ipynb").read_bytes().endswith(b"\n\n")  # newest
    assert "duplicates (1)" in out and "doejane: 2 files" in out
    assert "late (1)" in out and "doejane: submitted 2026-03-02 09:30" in out
    for name in ("../evil", "/abs", "escape", ".._", "bad*name", "link_"):
        assert name in out.split("refused")[1], (name, out)
    assert "kim_homework.ipynb" in out.split("unmatched files")[1]
    assert "notes.txt" in out
    assert "__MACOSX" not in out
    for bad in (tmp_path / f"evil_{A}.ipynb", released_course / f"evil_{A}.ipynb",
                released_course / "submitted" / ".."):
        assert not bad.with_name(f"evil_{A}.ipynb").exists()
    assert not Path(f"/abs_{A}.ipynb").exists()


@pytest.mark.parametrize(("name", "learner"), [
    (f"jdoe_{A}.ipynb", ("jdoe", 0)),
    (f"j_doe_2_{A}.ipynb", ("j_doe_2", 0)),
    (f"doejane_12345_67890_{A}.ipynb", ("doejane", 0)),
    (f"doejane_LATE_12345_67890_{A}-2.ipynb", ("doejane", 2)),
    (f"Jane Roe_4242_assignsubmission_file_{A}.ipynb", ("Jane Roe", 0)),
    (f"Jane Roe_4242_assignsubmission_file_/{A}.ipynb", ("Jane Roe", 0)),
    (f"kim/{A}.ipynb", ("kim", 0)),
    (f"kim_{A} (1).ipynb", ("kim", 1)),
    ("kim_homework.ipynb", None),
])
def test_accepted_lms_name_patterns(name, learner):
    assert match_learner(name, A) == learner


@pytest.mark.parametrize(("raw", "safe"), [
    ("jdoe", "jdoe"), ("Zoë 李", "Zoë 李"), ("Doe, Jr.", "Doe, Jr."), ("..", None), (".", None),
    (".hidden", None), ("a/b", None), ("a\\b", None), ("x*", None), ("tab\there", None),
    ("", None), ("-rf", None), ("x" * 101, None),
])
def test_learner_ids_are_safe_folder_names(raw, safe):
    assert safe_learner_id(raw) == safe
