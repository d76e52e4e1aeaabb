"""``smmlab roster import``: Canvas and Moodle class lists become Student records keyed by LMS id,
the ids ``collect`` gives their submissions; re-importing changes nothing; bad files are refused
in one line and change nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from smmlab.grading.course import Course

from .conftest import ASSIGNMENT, make_course, run_smmlab

pytestmark = pytest.mark.xdist_group("roster")
FIXTURES = Path(__file__).parent / "fixtures"
A = ASSIGNMENT


def _students(root: Path) -> dict[str, tuple]:
    with Course.open(root).gradebook() as gb:
        return {s.id: (s.first_name, s.last_name, s.email, s.lms_user_id) for s in gb.students}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return make_course(tmp_path / "course")


def test_canvas_roster_then_collect_names_every_learner_once(course: Path, tmp_path: Path):
    result = run_smmlab(course, "roster", "import", str(FIXTURES / "canvas-gradebook.csv"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Canvas gradebook export, 3 learner(s): 3 added, 0 updated, 0 unchanged" in result.stdout
    assert "row 6: Canvas's test student" in result.stdout
    expected = {
        "canvas-12345": ("Jane", "Doe", "jane.doe@example.edu", "12345"),
        "canvas-99999": ("Jane", "Doe", "jdoe2@example.edu", "99999"),
        "canvas-23456": ("Seán", "O'Neil", "sean.oneil@example.edu", "23456"),
    }
    assert _students(course) == expected

    again = run_smmlab(course, "roster", "import", str(FIXTURES / "canvas-gradebook.csv"))
    assert "0 added, 0 updated, 3 unchanged" in again.stdout, again.stdout + again.stderr
    assert _students(course) == expected

    notebook = (course / "exercises" / A / f"{A}.ipynb").read_bytes()
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(f"doejane_99999_5550_{A}.ipynb", notebook)
        bundle.writestr(f"oneilsean_23456_5551_{A}.ipynb", notebook)
    collected = run_smmlab(course, "collect", str(archive), "--assignment", A, "-q")
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["canvas-23456", "canvas-99999"]
    assert _students(course) == expected  # the roster's names win over the file names'


def test_moodle_grading_worksheet_matches_moodle_file_names(course: Path):
    result = run_smmlab(course, "roster", "import", str(FIXTURES / "moodle-grading-worksheet.csv"), "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Moodle grading worksheet, 3 learner(s): 3 added" in result.stdout
    assert _students(course) == {
        "moodle-101": ("Wei", "Zhang", "wei.zhang@example.edu", "101"),
        "moodle-202": ("Wei", "Zhang", "wzhang7@example.edu", "202"),
        "moodle-303": ("María José García", "López", "mj.garcia@example.edu", "303"),
    }
    edited = course / "worksheet.csv"
    edited.write_text(
        (FIXTURES / "moodle-grading-worksheet.csv").read_text().replace("wzhang7@", "wei.zhang.2@"),
        encoding="utf-8",
    )
    again = run_smmlab(course, "roster", "import", str(edited))
    assert "0 added, 1 updated, 2 unchanged" in again.stdout, again.stdout + again.stderr
    assert _students(course)["moodle-202"][2] == "wei.zhang.2@example.edu"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'Student,ID,SIS User ID\n"Doe, Jane",12a45,S1\n',
            "roster.csv, row 2: column 'ID' is '12a45', not a number",
        ),
        (
            'Identifier,Full name,Email address\n"Participant 1",A B,a@b\n"Someone",C D,c@d\n',
            "roster.csv, row 3: column 'Identifier' is 'Someone', not 'Participant <number>'",
        ),
        ('Student,ID\n"Doe, Jane",1\n"Roe, Jo",1\n', "roster.csv: learner canvas-1 appears twice"),
        ('Student,ID\n"Doe, Jane",1,extra,fields\n', "roster.csv, row 2: 4 fields but the header has 2"),
        ("name,score\nJane,3\n", "roster.csv: neither a Canvas gradebook export"),
        ("", "roster.csv: empty file, no header row"),
    ],
)
def test_a_malformed_roster_is_refused_in_one_line_and_changes_nothing(course: Path, text, message):
    path = course / "roster.csv"
    path.write_text(text, encoding="utf-8")
    result = run_smmlab(course, "roster", "import", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"smmlab: {course}/{message}"), result.stderr
    assert not (course / "gradebook.db").exists() or _students(course) == {}


def test_a_moodle_grades_export_is_refused_with_what_to_download_instead(course: Path):
    result = run_smmlab(course, "roster", "import", str(FIXTURES / "moodle-grades-export.csv"))
    assert result.returncode == 2
    assert "has no participant id" in result.stderr
    assert "Download grading worksheet" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
