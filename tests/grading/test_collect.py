"""``smmlab collect``: LMS zips filed by LMS id; odd, unsafe, doubled and late files reported;
same-name learners kept apart; a bad archive refused with one line and nothing written."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from smmlab.grading.collect import Match, match_entry, safe_learner_id
from smmlab.grading.course import Course

from .conftest import ASSIGNMENT, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("collect")
A = ASSIGNMENT


def _add(
    bundle: zipfile.ZipFile, name: str, data: bytes, when=(2026, 3, 1, 12, 0, 0), link: bool = False
) -> None:
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
        _add(bundle, f"doejane_LATE_12345_67891_{A}-1.ipynb", notebook + b"\n", when=(2026, 3, 2, 9, 30, 0))
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


def test_collect_files_accepted_names_and_reports_the_rest(
    released_course: Path, lms_zip: Path, tmp_path: Path
):
    result = run_smmlab(
        released_course, "collect", str(lms_zip), "--assignment", A, "--deadline", "2026-03-01T17:00", "-q"
    )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    submitted = released_course / "submitted"
    learners = sorted(p.name for p in submitted.iterdir())
    assert learners == sorted(["jdoe", "canvas-12345", "moodle-4242", "Doe, Jr.", "zoë"])
    for learner in learners:
        assert (submitted / learner / A / f"{A}.ipynb").is_file()
        assert (submitted / learner / A / "timestamp.txt").read_text().startswith("2026-03-0")
    assert (submitted / "canvas-12345" / A / f"{A}.ipynb").read_bytes().endswith(b"\n\n")
    assert "duplicates (1)" in out and "canvas-12345 (doejane): 2 files" in out
    assert "late (1)" in out
    assert (
        "canvas-12345 (doejane): submitted 2026-03-02 09:30 UTC, 16 h 30 min after the "
        "deadline; flagged late by Canvas"
    ) in out
    assert "due date: 2026-03-01 17:00 UTC" in out
    for name in ("../evil", "/abs", "escape", ".._", "bad*name", "link_"):
        assert name in out.split("refused")[1], (name, out)
    assert "kim_homework.ipynb" in out.split("unmatched files")[1]
    assert "notes.txt" in out
    assert "__MACOSX" not in out
    for bad in (
        tmp_path / f"evil_{A}.ipynb",
        released_course / f"evil_{A}.ipynb",
        released_course / "submitted" / "..",
    ):
        assert not bad.with_name(f"evil_{A}.ipynb").exists()
    assert not Path(f"/abs_{A}.ipynb").exists()
    course = Course.open(released_course)
    with course.gradebook() as gb:
        assert gb.find_assignment(A).duedate.isoformat() == "2026-03-01T17:00:00"
        jane = gb.find_student("moodle-4242")
        assert (jane.first_name, jane.last_name) == ("Jane", "Roe")
    manifest = json.loads((released_course / "reports" / A / "collect.json").read_text())
    assert manifest["canvas-12345"]["lms_late"] is True
    assert manifest["canvas-12345"]["file"] == f"doejane_LATE_12345_67891_{A}-1.ipynb"
    assert manifest["jdoe"]["lms_late"] is False


def test_same_names_stay_apart_and_resubmissions_keep_the_newest(tmp_path: Path):
    root = make_course(tmp_path / "course")
    notebook = (root / "exercises" / A / f"{A}.ipynb").read_bytes()
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        _add(bundle, f"doejane_12345_1_{A}.ipynb", notebook + b" ")
        _add(bundle, f"doejane_99999_2_{A}.ipynb", notebook + b"  ")
        _add(bundle, f"doejane_99999_3_{A}-1.ipynb", notebook + b"   ", when=(2026, 3, 1, 13, 0, 0))
        _add(bundle, f"Wei Zhang_101_assignsubmission_file_/{A}.ipynb", notebook + b"    ")
        _add(bundle, f"Wei Zhang_202_assignsubmission_file_{A}.ipynb", notebook + b"     ")
    result = run_smmlab(root, "collect", str(archive), "--assignment", "01", "-q")
    out = result.stdout
    submitted = root / "submitted"
    folders = {p.name: (p / A / f"{A}.ipynb").read_bytes()[len(notebook) :] for p in submitted.iterdir()}
    assert folders == {
        "canvas-12345": b" ",
        "canvas-99999": b"   ",
        "moodle-101": b"    ",
        "moodle-202": b"     ",
    }, out
    assert f"collected 4 submission(s) of {A}" in out
    assert "duplicates (1)" in out and "canvas-99999 (doejane): 2 files" in out
    assert f"ignored 'doejane_99999_2_{A}.ipynb'" in out
    assert "due date: none set" in out and "late" not in out.lower().replace("latest", "")
    assert result.returncode == 1  # the resubmission is reported
    with Course.open(root).gradebook() as gb:
        names = {s.id: (s.first_name, s.last_name) for s in gb.students}
    assert names == {
        "canvas-12345": (None, "doejane"),
        "canvas-99999": (None, "doejane"),
        "moodle-101": ("Wei", "Zhang"),
        "moodle-202": ("Wei", "Zhang"),
    }


@pytest.mark.parametrize("content", [b"this is not a zip\n", b"PK\x03\x04broken", b""])
def test_a_bad_archive_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path, content):
    root = make_course(tmp_path / "course")
    archive = tmp_path / "download.zip"
    archive.write_bytes(content)
    result = run_smmlab(root, "collect", str(archive), "--assignment", A, "-q")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"smmlab: not a zip archive: {archive} (File is not a zip file)"
    ], result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (root / "submitted").exists() and not (root / "gradebook.db").exists()


def test_a_corrupt_entry_is_refused_before_anything_is_written(tmp_path: Path):
    root = make_course(tmp_path / "course")
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        _add(bundle, f"jdoe_{A}.ipynb", b"{}" * 1000)
        _add(bundle, f"kim_{A}.ipynb", b"[]" * 1000)
    data = bytearray(archive.read_bytes())
    start = data.index(b"kim_") + len(f"kim_{A}.ipynb")
    data[start + 5 : start + 15] = b"\xff" * 10  # damage kim's compressed bytes
    archive.write_bytes(bytes(data))
    result = run_smmlab(root, "collect", str(archive), "--assignment", A, "-q")
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"smmlab: corrupt zip archive: {archive}")
    assert f"kim_{A}.ipynb" in lines[0]
    assert not (root / "submitted").exists()


@pytest.mark.parametrize(
    ("name", "found"),
    [
        (f"jdoe_{A}.ipynb", Match("jdoe")),
        (f"j_doe_2_{A}.ipynb", Match("j_doe_2")),
        (f"doejane_12345_67890_{A}.ipynb", Match("canvas-12345", "doejane", 0, "canvas")),
        (
            f"doejane_LATE_12345_67890_{A}-2.ipynb",
            Match("canvas-12345", "doejane", 2, "canvas", lms_late=True),
        ),
        (f"doejane_99999_67890_{A}.ipynb", Match("canvas-99999", "doejane", 0, "canvas")),
        (f"Jane Roe_4242_assignsubmission_file_{A}.ipynb", Match("moodle-4242", "Jane Roe", 0, "moodle")),
        (f"Jane Roe_4242_assignsubmission_file_/{A}.ipynb", Match("moodle-4242", "Jane Roe", 0, "moodle")),
        (f"Jane Roe_4242_assignsubmission_file/{A}.ipynb", Match("moodle-4242", "Jane Roe", 0, "moodle")),
        (f"kim/{A}.ipynb", Match("kim")),
        (f"kim_{A} (1).ipynb", Match("kim", "", 1)),
        ("kim_homework.ipynb", None),
    ],
)
def test_accepted_lms_name_patterns(name, found):
    assert match_entry(name, A) == found


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("jdoe", "jdoe"),
        ("Zoë 李", "Zoë 李"),
        ("Doe, Jr.", "Doe, Jr."),
        ("..", None),
        (".", None),
        (".hidden", None),
        ("a/b", None),
        ("a\\b", None),
        ("x*", None),
        ("tab\there", None),
        ("", None),
        ("-rf", None),
        ("x" * 101, None),
    ],
)
def test_learner_ids_are_safe_folder_names(raw, safe):
    assert safe_learner_id(raw) == safe
