"""The catalog covers the curriculum, and `smmlab status` reports what exists."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from support import CATALOG, ROOT

from smmlab.catalog import load

CURRICULUM_IDS = (
    [f"myth-{i}" for i in range(1, 6)]
    + ["myth-2b"]
    + [f"mistake-{i}" for i in range(1, 11)]
    + [f"truth-{i}" for i in range(1, 11)]
)


def test_catalog_has_every_curriculum_item_and_23_lessons():
    assert sorted(CATALOG.items) == sorted(CURRICULUM_IDS)
    assert [lesson.number for lesson in CATALOG.lessons] == list(range(23))


def test_catalog_is_consistent():
    assert CATALOG.problems() == []


def test_problems_are_found_in_a_broken_catalog(tmp_path):
    text = (ROOT / "course" / "catalog.toml").read_text(encoding="utf-8")
    broken = text.replace('items = ["myth-3", "truth-8"]', 'items = ["myth-3", "truth-99"]')
    (tmp_path / "catalog.toml").write_text(broken, encoding="utf-8")
    problems = load(tmp_path / "catalog.toml").problems()
    assert "item truth-8 has no lesson" in problems
    assert "lesson 03-whole-company-owns-social names unknown item truth-99" in problems


def test_lessons_are_found_by_number_slug_or_name():
    assert CATALOG.lesson(1).slug == "conversation-not-broadcast"
    assert CATALOG.lesson("1").name == "01-conversation-not-broadcast"
    assert CATALOG.lesson("roi-compounds").number == 2
    with pytest.raises(KeyError, match="No lesson 'nope'"):
        CATALOG.lesson("nope")


def test_status_command_prints_a_row_per_lesson_with_what_exists():
    out = subprocess.run(
        [sys.executable, "-m", "smmlab.cli", "status"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    rows = {line.split()[0]: line for line in out.stdout.splitlines() if re.match(r"^\d\d-", line)}
    assert len(rows) == 23
    assert rows["01-conversation-not-broadcast"].count("✔") == 5
    assert "lessons complete" in out.stdout


def test_unknown_lesson_gives_a_clear_error_not_a_traceback():
    out = subprocess.run(
        [sys.executable, "-m", "smmlab.cli", "sources", "99"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 2
    assert "No lesson 99" in out.stderr and "Traceback" not in out.stderr
