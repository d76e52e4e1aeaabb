"""``smmlab release``: regenerate ``exercises/`` from ``solutions/`` and prove nothing leaked.

nbgrader's ``generate_assignment`` strips solutions and hidden tests and records the source cells
in the gradebook. :func:`find_leaks` then reads every released notebook and looks for nbgrader's
region markers and for any line that appears only inside a solution or hidden-test region of the
source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from smmlab.grading.course import Course

MARKERS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)")
_REGION = re.compile(
    r"^[ \t]*#*[ \t]*BEGIN (SOLUTION|HIDDEN TESTS)[^\n]*\n(.*?)^[ \t]*#*[ \t]*END \1",
    re.MULTILINE | re.DOTALL,
)
#: Lines shorter than this are too common to call a leak (``pass``, ``)``, ``return x``).
MIN_LEAK_LENGTH = 12


@dataclass
class ReleaseResult:
    """What ``smmlab release`` did for one assignment."""

    assignment: str
    notebooks: list[Path] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """True when nbgrader succeeded and nothing leaked."""
        return not self.error and not self.leaks


def _cell_sources(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in data.get("cells", [])]


def secret_lines(source_notebook: Path, kinds: tuple[str, ...] = ("SOLUTION", "HIDDEN TESTS")
                 ) -> set[str]:
    """Lines that occur only inside the ``kinds`` of regions of a source notebook.

    ``kinds`` are nbgrader's region names: ``"SOLUTION"`` and ``"HIDDEN TESTS"``.
    """
    inside: set[str] = set()
    outside: set[str] = set()
    for text in _cell_sources(source_notebook):
        regions = [m.group(2) for m in _REGION.finditer(text) if m.group(1) in kinds]
        for region in regions:
            inside.update(line.strip() for line in region.splitlines())
        public = _REGION.sub("", text)
        outside.update(line.strip() for line in public.splitlines())
    return {line for line in inside - outside if len(line) >= MIN_LEAK_LENGTH}


def find_leaks(source_notebook: Path, released_notebook: Path) -> list[str]:
    """Describe every marker or secret line of the source that appears in the released notebook."""
    raw = released_notebook.read_text(encoding="utf-8")
    leaks = [f"{released_notebook.name}: marker '{m.group(0)}'" for m in MARKERS.finditer(raw)]
    released = {line.strip() for text in _cell_sources(released_notebook)
                for line in text.splitlines()}
    leaks += [f"{released_notebook.name}: secret line {line!r}"
              for line in sorted(secret_lines(source_notebook) & released)]
    return leaks


def release(course: Course, assignments: list[str] | None = None,
            progress: bool = True) -> list[ReleaseResult]:
    """Regenerate the release of ``assignments`` (default: every assignment in ``solutions/``)."""
    names = [course.require_assignment(a) for a in assignments] if assignments \
        else course.assignments()
    api = course.api()
    results = []
    for assignment in tqdm(names, desc="release", unit="assignment", disable=not progress):
        result = ReleaseResult(assignment)
        outcome = api.generate_assignment(assignment, force=True, create=True)
        if outcome["success"]:
            _write_key(course, assignment, result)
        else:
            log = (outcome.get("log") or "").strip().splitlines()
            detail = [line.strip() for line in log
                      if re.match(r"\s*[\w.]+(Error|Exception)\b", line)][-2:] or log[-3:]
            result.error = "\n".join([*detail, (outcome.get("error") or "").strip()[-400:]])
        for source in sorted((course.source / assignment).glob("*.ipynb")):
            released = course.release / assignment / source.name
            if not released.exists():
                result.leaks.append(f"{source.name}: not released")
                continue
            result.notebooks.append(released)
            result.leaks += find_leaks(source, released)
        results.append(result)
    return results


def _write_key(course: Course, assignment: str, result: ReleaseResult) -> None:
    """Refresh the self-checks' key of ``assignment`` from its solution (see :mod:`smmlab.checks`)."""
    from smmlab.exercises import write_key

    try:
        write_key(assignment, course.root)
    except (LookupError, ModuleNotFoundError):  # an assignment of the course's own: no key
        pass
    except Exception as error:  # a solution that no longer runs must not ship a stale key
        result.error = f"self-check key: {type(error).__name__}: {error}"
