"""Build hook: the wheel carries the course, so ``pip install smmlab`` then ``smmlab lab`` works.

The lessons (``course/``) and the exercises' learner releases (``exercises/``) are copied into the
package as ``smmlab/course_files/``, never ``solutions/``. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
COURSE_FILES = ("course/catalog.toml", "course/*.ipynb", "exercises/*/*.ipynb")


class BuildWithCourse(build_py):
    """``build_py`` that also copies the course files (not for editable installs: a checkout
    reads ``course/`` and ``exercises/`` in place)."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "smmlab" / "course_files"
        shutil.rmtree(target, ignore_errors=True)
        for pattern in COURSE_FILES:
            for source in sorted(ROOT.glob(pattern)):
                destination = target / source.relative_to(ROOT)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildWithCourse})
