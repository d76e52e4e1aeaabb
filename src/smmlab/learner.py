"""Learner and instructor modes for JupyterLab.

Installing nbgrader gives everyone the Formgrader, Create Assignment and course list. Learners
need only the Assignments list and Validate. :func:`write_learner_config` writes a Jupyter
configuration folder that disables (and locks) the instructor plugins and server extensions.

Instructors keep the Formgrader (the written tasks are graded there), but its Autograde button
would run learner code outside the sandbox and record no grading status;
:func:`instructor_server_arguments` enables :mod:`smmlab.grading.formgrader`, which makes the
button run ``smmlab autograde <assignment> --learner <learner>`` instead.
"""

from __future__ import annotations

import json
from pathlib import Path

INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:menu",
)
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)

#: Server extension that routes formgrader's Autograde button through ``smmlab autograde``.
SANDBOXED_AUTOGRADE_EXTENSION = "smmlab.grading.formgrader"


def instructor_server_arguments() -> list[str]:
    """Command-line options of ``jupyter lab`` in instructor mode.

    They add :mod:`smmlab.grading.formgrader` to the enabled server extensions (the instructor's
    own Jupyter settings are kept): formgrader's Autograde button then grades in the sandbox and
    writes the grading status, like ``smmlab autograde A --learner ID``.
    """
    return ["--ServerApp.jpserver_extensions", f"{SANDBOXED_AUTOGRADE_EXTENSION}=True"]


def _merge_json(path: Path, update: dict) -> None:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for key, value in update.items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def write_learner_config(config_dir: Path | str) -> Path:
    """Write learner-mode settings into a Jupyter config folder (``JUPYTER_CONFIG_DIR``).

    Existing settings in the folder are kept; only the keys below are added.
    """
    config_dir = Path(config_dir)
    plugins = dict.fromkeys(INSTRUCTOR_PLUGINS, True)
    _merge_json(
        config_dir / "labconfig" / "page_config.json",
        {
            # The news pop-up ("Would you like to get notified…") distracts a workshop room.
            "disabledExtensions": {**plugins, NEWS_PLUGIN: True},
            "lockedExtensions": plugins,
        },
    )
    _merge_json(
        config_dir / "jupyter_server_config.json",
        {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, False)}},
    )
    return config_dir


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m smmlab.learner JUPYTER_CONFIG_DIR")
    print(f"smmlab: learner mode written to {write_learner_config(sys.argv[1])}")
