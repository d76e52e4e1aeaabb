"""Project hygiene a user or maintainer would notice: set-up files agree, code is lint-clean."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
from support import ROOT


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_lock_tool():
    return load_tool("lock")


def test_the_locks_split_the_pins_into_runtime_and_dev_extras_and_binder_gets_the_runtime_set():
    lock = load_lock_tool()
    runtime = lock.read_pins(ROOT / "requirements.lock")
    dev = lock.read_pins(ROOT / "requirements-dev.lock")
    binder = lock.read_pins(ROOT / "binder" / "requirements.txt")
    assert runtime and dev, "a lock pins nothing"
    assert not set(runtime) & set(dev), "a package is pinned in both locks"
    assert binder == runtime, "binder/requirements.txt is not the runtime lock: run `make lock`"
    assert lock.split(runtime | dev)[0] == list(runtime.values()), "run `make lock`"
    for needed in ("ipywidgets", "jupyterlab", "nbgrader", "numpy", "pandas", "matplotlib"):
        assert needed in runtime
    for tool in ("pytest", "hypothesis", "playwright", "sphinx", "myst-nb", "ruff", "psycopg2-binary"):
        assert tool in dev and tool not in runtime, f"{tool} belongs to the dev extras only"
    assert not any(
        line.startswith(("-e", ".", "/"))
        for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    )


def test_every_dependency_is_pinned_in_its_lock():
    lock = load_lock_tool()
    runtime = lock.read_pins(ROOT / "requirements.lock")
    dev = lock.read_pins(ROOT / "requirements-dev.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name = re.compile(r"[A-Za-z0-9_.-]+")
    for requirement in project["dependencies"]:
        assert lock.canonical(name.match(requirement)[0]) in runtime, (
            f"{requirement} is not in requirements.lock"
        )
    for extra in lock.DEV_EXTRAS:
        for requirement in project["optional-dependencies"][extra]:
            pinned = lock.canonical(name.match(requirement)[0])
            assert pinned in runtime or pinned in dev, f"{requirement} ({extra}) is in no lock"


def test_binder_post_build_installs_smmlab_and_hides_instructor_tools():
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert post_build.startswith("#!/usr/bin/env bash") and "set -e" in post_build
    assert "pip install" in post_build and "smmlab.learner" in post_build
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_learner_mode_disables_and_locks_instructor_plugins(tmp_path):
    subprocess.run([sys.executable, "-m", "smmlab.learner", str(tmp_path)], check=True, capture_output=True)
    page = (tmp_path / "labconfig" / "page_config.json").read_text()
    server = (tmp_path / "jupyter_server_config.json").read_text()
    for plugin in ("formgrader", "create-assignment", "course-list"):
        assert f'"@jupyter/nbgrader:{plugin}": true' in page
    assert '"nbgrader.server_extensions.formgrader": false' in server


def test_readme_promises_the_two_set_up_commands_that_the_makefile_provides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme and "pip install smmlab" in readme
    assert re.search(r"^lab: \$\(STAMP\)$", makefile, flags=re.M), "make lab installs the runtime only"
    assert re.search(r"^test: system-deps \$\(DEV\)$", makefile, flags=re.M), "system packages first"
    assert re.search(r"^\$\(DEV\): \$\(STAMP\) requirements-dev.lock$", makefile, flags=re.M)
    assert re.search(r"^system-deps:\n\t@tools/system-deps$", makefile, flags=re.M)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "apt-get" not in ci, ".ci/run leaves the system packages to make test"


def test_launch_buttons_and_the_binder_badge_point_at_a_ref_that_exists():
    release = load_tool("release")
    declared = release.declared()
    ref = declared["launch-ref"]
    assert release.ref_exists(ref), f"launch-ref {ref!r} (pyproject.toml) is no commit of this repository"
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert release.readme_badge(declared["repository"], ref) in readme, "README badge: run tools/release.py"
    conf = (ROOT / "book" / "conf.py").read_text(encoding="utf-8")
    assert 'LAUNCH_REF = DECLARED["launch-ref"]' in conf and 'REPOSITORY_URL = DECLARED["repository"]' in conf
    assert not release.ref_exists("v0.0.0-never-released")


@pytest.fixture
def project(tmp_path):
    """A repository with the files a release changes, committed: the release tool's playground."""
    for name in ("pyproject.toml", "README.md", "src/smmlab/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    for command in (
        ["init", "--quiet", "--initial-branch", "main"],
        ["config", "user.email", "release@example.org"],
        ["config", "user.name", "Release test"],
        ["add", "."],
        ["commit", "--quiet", "-m", "before the release"],
    ):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def test_a_release_bumps_the_version_points_every_launch_link_at_its_tag_and_tags(project):
    release = load_tool("release")
    assert release.release("9.8.7", root=project, book=False) == "v9.8.7"
    assert release.ref_exists("v9.8.7", project)
    tagged = release.git("rev-parse", "v9.8.7^{commit}", root=project)
    assert tagged == release.git("rev-parse", "HEAD", root=project), "the tag is the release commit"
    assert release.git("status", "--porcelain", root=project) == ""
    assert release.declared(project)["launch-ref"] == "v9.8.7"
    assert '__version__ = "9.8.7"' in (project / "src/smmlab/__init__.py").read_text(encoding="utf-8")
    badge = release.readme_badge(release.declared(project)["repository"], "v9.8.7")
    assert badge in (project / "README.md").read_text(encoding="utf-8").splitlines()
    assert "/v9.8.7?urlpath=lab/tree/course/00-welcome.ipynb" in badge
    with pytest.raises(ValueError, match=r"tag v9\.8\.7 exists already"):
        release.release("9.8.7", root=project, book=False)


def test_a_release_refuses_a_dirty_tree_or_a_bad_version_and_changes_nothing(project):
    release = load_tool("release")
    head = release.git("rev-parse", "HEAD", root=project)
    with pytest.raises(ValueError, match=r"is not x\.y\.z"):
        release.release("1.0", root=project, book=False)
    (project / "README.md").write_text("edited\n", encoding="utf-8")
    with pytest.raises(ValueError, match="uncommitted changes"):
        release.release("1.0.0", root=project, book=False)
    assert release.git("rev-parse", "HEAD", root=project) == head
    assert not release.ref_exists("v1.0.0", project)
    assert release.declared(project)["launch-ref"] == release.declared()["launch-ref"]


def test_gitignore_keeps_private_and_generated_nbgrader_files_out():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for entry in ("gradebook.db", "submitted/", "autograded/", "feedback/", "book/_build/", ".venv/"):
        assert entry in ignored


def test_code_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "tools", "setup.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_xdist_groups_keep_their_tests_on_one_worker(tmp_path):
    """``make test`` runs with ``--dist loadgroup --no-loadscope-reorder``: a group shares one
    worker and so its module's fixtures (a hub's Unix accounts, a graded class) are made once,
    not once per worker."""
    for name, group in (("grouped", 'pytestmark = pytest.mark.xdist_group("g")\n'), ("free", "")):
        (tmp_path / f"test_{name}.py").write_text(
            "import os, time, pytest\n" + group + "@pytest.mark.parametrize('i', range(6))\n"
            f"def test_{name}(i):\n    time.sleep(0.05)\n"
            f"    with open('ran.txt', 'a') as ran:\n"
            f"        ran.write('{name} ' + os.environ['PYTEST_XDIST_WORKER'] + '\\n')\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist",
                           "loadgroup", "--no-loadscope-reorder", "-q", str(tmp_path)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    ran = [line.split() for line in (tmp_path / "ran.txt").read_text().splitlines()]
    assert len(ran) == 12
    workers = {worker for name, worker in ran if name == "grouped"}
    assert len(workers) == 1, f"the group ran on {sorted(workers)}: pytest and pytest-xdist disagree"


@pytest.mark.slow  # collects four test modules in subprocesses: make test, not make check
def test_one_lessons_tests_are_every_test_about_it_and_nothing_else():
    """``make test-lesson LESSON=20``: its exercise's grading, its explorer, its notebooks and its
    own test module; no other lesson's tests and no course-wide ones; a lesson the catalog lacks is
    a usage error."""
    files = ["tests/test_exercises.py", "tests/test_explorers.py", "tests/test_notebooks.py",
             "tests/test_lesson_20_people.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only",
                           "-q", "--lesson", "20", *files], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    assert {line.split("::")[0] for line in ids} == set(files)
    about_20 = re.compile(r"\[((exercises|solutions|course)/)?20[-\]]|test_lesson_20_")
    assert all(about_20.search(line) for line in ids), ids
    for expected in ("test_scores_solution_full_unanswered_zero_partial_exact[20-",
                     "test_extremes_of_all_controls_give_finite_numbers[20-",
                     "test_explorer_says_when_its_result_is_an_input[20]",
                     "test_notebooks_are_committed_without_outputs_and_with_fixed_ids[course/20-"):
        assert any(expected in line for line in ids), expected
    refused = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only",
                              "-q", "--lesson", "99", files[-1]], cwd=ROOT, capture_output=True,
                             text=True, timeout=300)
    assert refused.returncode == 4 and "no lesson [99]" in refused.stderr, refused.stderr
