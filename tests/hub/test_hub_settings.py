"""`smmlab hub`'s settings, checked without starting a hub: class lists, account names, the
nbgitpuller link, and one clear line for bad input."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from smmlab import hub
from smmlab.cli import main


def test_a_number_of_learners_makes_numbered_accounts():
    assert hub.names("3", "learner") == ["learner01", "learner02", "learner03"]
    assert hub.names("120", "l")[-1] == "l120"


def test_a_file_of_learners_keeps_its_names(tmp_path):
    roster = tmp_path / "names.txt"
    roster.write_text("# room 2\nana\n\nbo-li\n")
    assert hub.names(str(roster), "learner") == ["ana", "bo-li"]


@pytest.mark.parametrize("name", ["Ana", "bo li", "../etc", "-x", "a" * 33, ""])
def test_unusable_account_names_are_refused(name):
    with pytest.raises(ValueError, match="not a usable account name"):
        hub.check_user_name(name)


def test_the_course_link_pulls_into_smmlab_and_opens_lesson_01():
    link = urlsplit(hub.course_link("file:///srv/smmlab-hub/course.git"))
    query = {k: v[0] for k, v in parse_qs(link.query).items()}
    assert link.path == "/git-pull"
    assert query == {"repo": "file:///srv/smmlab-hub/course.git", "branch": "main",
                     "targetpath": "smmlab",
                     "urlpath": "lab/tree/smmlab/course/01-conversation-not-broadcast.ipynb"}


def test_the_hub_uses_the_courses_own_id(tmp_path):
    workshop = hub.Workshop(tmp_path, ["ana"], ["teach"])
    settings = workshop.settings()
    assert settings["course_id"] == hub.course_id() == "smmlab"
    assert settings["ip"] == "127.0.0.1"  # loopback unless asked for a room
    assert settings["exchange"] == str(tmp_path / "exchange")


@pytest.mark.parametrize(("argv", "says"), [
    (["hub", "--learners", "many"], "neither a number nor a file"),
    (["hub", "--learners", "0"], "between 1 and 500"),
    (["hub", "--learners", "2", "--instructor", "Dr Who"], "not a usable account name"),
])
def test_bad_input_gets_one_line_and_exit_2(argv, says, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1
