"""The course being graded: its root, its nbgrader configuration and its gradebook.

nbgrader's ``NbGraderAPI`` does not read ``nbgrader_config.py`` by itself; :func:`load_config`
reads it with ``PyFileConfigLoader`` so every command sees the same settings (including a
PostgreSQL gradebook from ``SMMLAB_GRADEBOOK_URL``).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from smmlab import catalog

if TYPE_CHECKING:  # pragma: no cover
    from nbgrader.api import Gradebook
    from traitlets.config import Config


def ensure_tools_on_path() -> None:
    """Put this environment's ``bin/`` on ``PATH``: nbgrader starts its tools (``alembic``) by name."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


@functools.cache
def schema_head() -> str:
    """The newest revision of nbgrader's gradebook schema, which a new gradebook is stamped with."""
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    return ScriptDirectory(ALEMBIC_DIR).get_current_head()


def stamp_in_process() -> None:
    """Have nbgrader stamp each new gradebook with :func:`schema_head`, read in this process.

    nbgrader's own ``get_alembic_version`` asks a separate ``alembic heads`` process, which
    imports nbgrader again: about two CPU-seconds for every new gradebook (a release into a
    fresh course, the first grading of a term, every course of a test run). Alembic's script
    directory gives the same revision here in a tenth of a second.
    """
    import nbgrader.api

    nbgrader.api.get_alembic_version = schema_head


def package_checkout() -> Path | None:
    """The repository this ``smmlab`` runs from (an editable install), or None."""
    src = Path(__file__).resolve().parents[2]
    return src.parent if src.name == "src" and (src.parent / "pyproject.toml").is_file() else None


def find_root() -> Path:
    """The course folder: ``$SMMLAB_ROOT``, else the working folder or the nearest one above it
    with ``nbgrader_config.py``. Never the package's location: a command run from the wrong
    folder must say so, not act on another course."""
    if env_root := os.environ.get("SMMLAB_ROOT"):
        return Path(env_root).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file():
            return folder
    raise FileNotFoundError(
        f"No course here: neither {here} nor a folder above it has nbgrader_config.py. Run from "
        "your course folder (make one with `smmlab init DIR`) or set SMMLAB_ROOT."
    )


def init_course(destination: Path, template: Path | None = None) -> Path:
    """Copy a course (``course/``, ``solutions/``, ``exercises/``, ``nbgrader_config.py``) into
    ``destination``, a new or empty folder: the instructor's private course for grading."""
    import shutil

    template = Path(template or catalog.course_root()).resolve()
    destination = destination.resolve()
    if destination.exists() and any(destination.iterdir()):
        raise FileExistsError(f"{destination} is not empty: choose a new folder for the course")
    if template == destination or template in destination.parents:
        raise ValueError(f"{destination} is inside the course it would copy ({template})")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("course", "solutions", "exercises"):
        shutil.copytree(template / folder, destination / folder, ignore=ignore)
    shutil.copy2(template / "nbgrader_config.py", destination / "nbgrader_config.py")
    return destination


def load_config(root: Path) -> Config:
    """Read ``<root>/nbgrader_config.py`` (required) into a traitlets ``Config``."""
    from traitlets.config.loader import PyFileConfigLoader

    path = root / "nbgrader_config.py"
    if not path.is_file():
        raise FileNotFoundError(f"No nbgrader_config.py in {root}: run from the course folder.")
    config = PyFileConfigLoader(path.name, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    if "db_url" in config.CourseDirectory:
        config.CourseDirectory.db_url = postgres_driver(str(config.CourseDirectory.db_url))
    return config


def postgres_driver(db_url: str) -> str:
    """Name the installed PostgreSQL driver in ``db_url``.

    SQLAlchemy 2.1 reads ``postgresql://`` as psycopg 3; the course installs ``psycopg2-binary``,
    so a plain address is rewritten to ``postgresql+psycopg2://`` when only psycopg2 is present.
    """
    import importlib.util

    for prefix in ("postgresql://", "postgres://"):
        if db_url.startswith(prefix) and importlib.util.find_spec("psycopg") is None \
                and importlib.util.find_spec("psycopg2") is not None:
            return "postgresql+psycopg2://" + db_url[len(prefix):]
    return db_url


@dataclass
class Course:
    """A course folder with its nbgrader configuration.

    Parameters
    ----------
    root
        The course root (holds ``nbgrader_config.py``, ``solutions/``, ``exercises/``).
    config
        nbgrader's configuration read from that root.
    """

    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path | None = None, *, grading: bool = False) -> Course:
        """The course at ``root`` (default: :func:`find_root`).

        With ``grading``, the package's own checkout is refused: learners' submissions, the
        gradebook and the reports belong in an instructor's private course folder.
        """
        ensure_tools_on_path()
        root = Path(root or find_root()).resolve()
        if grading and root == package_checkout():
            raise ValueError(
                f"{root} is the smmlab package's own checkout, not a course to grade in. "
                "Make a private course folder once with `smmlab init ../my-course` and run the "
                "instructor commands there."
            )
        return cls(root, load_config(root))

    def _folder(self, name: str, default: str) -> Path:
        value = self.config.CourseDirectory.get(name, default)
        return (self.root / value).resolve()

    @property
    def source(self) -> Path:
        """``solutions/``: the instructor's source notebooks."""
        return self._folder("source_directory", "source")

    @property
    def release(self) -> Path:
        """``exercises/``: the learner release."""
        return self._folder("release_directory", "release")

    @property
    def submitted(self) -> Path:
        """``submitted/<learner>/<assignment>/``."""
        return self._folder("submitted_directory", "submitted")

    @property
    def autograded(self) -> Path:
        """``autograded/<learner>/<assignment>/``."""
        return self._folder("autograded_directory", "autograded")

    @property
    def feedback(self) -> Path:
        """``feedback/<learner>/<assignment>/``."""
        return self._folder("feedback_directory", "feedback")

    @property
    def reports(self) -> Path:
        """``reports/<assignment>/``: grading status and the report (git-ignored)."""
        return self.root / "reports"

    @property
    def db_url(self) -> str:
        """The gradebook's SQLAlchemy address (SQLite file or PostgreSQL)."""
        return str(self.config.CourseDirectory.get(
            "db_url", "sqlite:///" + str(self.root / "gradebook.db")))

    @property
    def course_id(self) -> str:
        """nbgrader's course id."""
        return str(self.config.CourseDirectory.get("course_id", ""))

    def assignments(self) -> list[str]:
        """Every assignment with a folder in ``solutions/``, sorted."""
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def require_assignment(self, assignment: str) -> str:
        """The assignment's folder name in ``solutions/``, from that name or a lesson's number or
        slug (``01``, ``1``, ``conversation-not-broadcast``); ``KeyError`` names the known ones."""
        known = self.assignments()
        if assignment in known:
            return assignment
        key = assignment.strip()
        by_lesson = [a for a in known if key.isdigit() and a[:2].isdigit() and int(a[:2]) == int(key)]
        by_lesson += [a for a in known if a[:2].isdigit() and a[3:] == key]
        if len(by_lesson) == 1:
            return by_lesson[0]
        raise KeyError(f"No assignment {assignment!r} in {self.source}. "
                       f"Known: {', '.join(known) or 'none'}")

    def api(self, config: Config | None = None):
        """An ``NbGraderAPI`` for this course (with ``config``, default: the course's)."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        stamp_in_process()
        config = config or self.config
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    @contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        """Open the gradebook (SQLite or PostgreSQL)."""
        from nbgrader.api import Gradebook

        stamp_in_process()
        with Gradebook(self.db_url, self.course_id) as gradebook:
            yield gradebook


def print_summary(lines: list[str], stream=None) -> None:
    """Print a summary block, one item per line."""
    stream = stream or sys.stdout
    for line in lines:
        print(line, file=stream)
    stream.flush()
