"""A learner's workspace: the installed course copied into their folder, updated without losing work.

The installed wheel is tested end to end in ``test_wheel.py``; here the course files come from
this checkout's ``course/`` and ``exercises/``, copied as a wheel would carry them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import CATALOG, ROOT

from smmlab import cli, workspace


@pytest.fixture
def shipped(tmp_path) -> Path:
    """The course files as an installed smmlab carries them (``smmlab/course_files/``)."""
    source = tmp_path / "course_files"
    for pattern in ("course/catalog.toml", "course/*.ipynb", "exercises/*/*.ipynb"):
        for path in ROOT.glob(pattern):
            (source / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, source / path.relative_to(ROOT))
    return source


def edit(path: Path, text: str) -> None:
    """Append a markdown cell to a notebook, as a learner (or the course's authors) would."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "markdown", "id": "added", "metadata": {}, "source": [text]})
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def test_create_copies_every_lesson_and_exercise_release_and_no_solution(shipped, tmp_path):
    folder = tmp_path / "workshop"
    folder.mkdir()
    count = workspace.create(folder, shipped)
    for lesson in CATALOG.lessons:
        assert (folder / "course" / f"{lesson.name}.ipynb").is_file()
    releases = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("exercises/*/*.ipynb"))
    assert releases and all((folder / release).is_file() for release in releases)
    assert count == len(releases) + len(list(ROOT.glob("course/*.ipynb"))) + 1
    assert not (folder / "solutions").exists()
    assert (folder / workspace.MANIFEST).is_file()


def test_create_refuses_a_folder_that_has_a_course_and_writes_nothing(shipped, tmp_path):
    (tmp_path / "exercises").mkdir()
    with pytest.raises(FileExistsError, match="exists already"):
        workspace.create(tmp_path, shipped)
    assert not (tmp_path / "course").exists() and not (tmp_path / workspace.MANIFEST).exists()


def test_update_replaces_untouched_files_and_keeps_the_learners_edits_beside_the_new_version(
    shipped, tmp_path
):
    folder = tmp_path / "workshop"
    folder.mkdir()
    workspace.create(folder, shipped)
    first, second = (f"course/{lesson.name}.ipynb" for lesson in CATALOG.lessons[1:3])
    exercise = next(p.relative_to(shipped).as_posix() for p in shipped.glob("exercises/*/*.ipynb"))
    edit(folder / first, "my notes")  # the learner's work
    edit(folder / exercise, "my answer")
    (folder / second).unlink()  # deleted by mistake
    for changed in (first, second, exercise, "course/catalog.toml"):  # a new course version
        if changed.endswith(".ipynb"):
            edit(shipped / changed, "new in the course")
        else:
            (shipped / changed).write_text((shipped / changed).read_text() + "\n# new\n")
    (shipped / "course" / "99-new.ipynb").write_bytes((shipped / first).read_bytes())

    done = workspace.update(folder, shipped)

    assert "my notes" in (folder / first).read_text(encoding="utf-8")
    assert "new in the course" not in (folder / first).read_text(encoding="utf-8")
    kept = folder / first.replace(".ipynb", ".updated.ipynb")
    assert kept.read_bytes() == (shipped / first).read_bytes()
    assert "my answer" in (folder / exercise).read_text(encoding="utf-8")
    assert done.kept == {
        first: kept.relative_to(folder).as_posix(),
        exercise: exercise.replace(".ipynb", ".updated.ipynb"),
    }
    assert (folder / second).read_bytes() == (shipped / second).read_bytes()
    assert (folder / "course/catalog.toml").read_bytes() == (shipped / "course/catalog.toml").read_bytes()
    assert done.replaced == ["course/catalog.toml"]
    assert sorted(done.added) == sorted([second, "course/99-new.ipynb"])
    summary = done.summary()
    assert f"you changed {first}: kept as it is; the new version is beside it as" in summary
    assert "2 new files, 1 updated, 2 of yours kept" in summary

    again = workspace.update(folder, shipped)  # nothing new: nothing happens
    assert (again.added, again.replaced, again.kept) == ([], [], {})
    assert not (folder / first.replace(".ipynb", ".updated-2.ipynb")).exists()


def test_a_second_update_never_overwrites_an_earlier_updated_copy(shipped, tmp_path):
    workspace.create(tmp_path, shipped)
    lesson = f"course/{CATALOG.lessons[0].name}.ipynb"
    edit(tmp_path / lesson, "mine")
    edit(shipped / lesson, "version 2")
    workspace.update(tmp_path, shipped)
    edit(tmp_path / lesson.replace(".ipynb", ".updated.ipynb"), "mine too")
    edit(shipped / lesson, "version 3")
    done = workspace.update(tmp_path, shipped)
    assert done.kept == {lesson: lesson.replace(".ipynb", ".updated-2.ipynb")}
    assert "mine too" in (tmp_path / lesson.replace(".ipynb", ".updated.ipynb")).read_text(encoding="utf-8")


def test_update_refuses_a_checkout_with_one_line():
    with pytest.raises(ValueError, match=r"not a workspace made by `smmlab lab`.*git pull"):
        workspace.update(ROOT, ROOT)
    assert cli.main(["lab", "--update"]) == 2


def test_a_checkout_serves_its_own_course_as_before():
    assert workspace.bundled() is None, "an editable checkout carries no course_files"
    assert cli.lab_root() == ROOT


def test_a_workspace_made_by_another_version_is_recognised(shipped, tmp_path, monkeypatch):
    monkeypatch.setattr(workspace, "COURSE_FILES", shipped)  # as installed from a wheel
    workspace.create(tmp_path)
    assert workspace.made_by_another_version(tmp_path) is None
    record = json.loads((tmp_path / workspace.MANIFEST).read_text(encoding="utf-8"))
    (tmp_path / workspace.MANIFEST).write_text(json.dumps({**record, "smmlab": "0.0.1"}), encoding="utf-8")
    assert workspace.made_by_another_version(tmp_path) == "0.0.1"
    assert workspace.made_by_another_version(ROOT) is None  # a checkout
