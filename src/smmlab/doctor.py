"""``smmlab doctor``: is this machine ready for the workshop (or for grading)?

A pre-flight check a participant or an instructor runs before the day: the Python version, the
packages the course needs, a kernel that starts and builds a lesson's explorer (its figure and
controls, as JupyterLab will show them), the course files, disk space, and, for an instructor,
the grading sandbox this machine allows and what it means. Each check says what to do when it
fails; the last line is the verdict.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

#: Free disk space below which the check warns (the course, a kernel and its caches).
MIN_FREE_GB = 1.0
#: How long a kernel may take to start and build an explorer.
KERNEL_SECONDS = 120
#: The code the kernel check runs: the same imports and explorer a participant's lesson 01 runs.
KERNEL_CODE = """
from smmlab.lessons import module_for

explorer = module_for(1).explorer()
explorer.reveal()  # as after a locked-in guess


def html(widget):
    own = [widget.value] if type(widget).__name__ == "HTML" else []
    return own + [v for child in getattr(widget, "children", ()) for v in html(child)]


figures = sum("<img" in value and "alt=" in value for value in html(explorer.widget))
print("explorer figures", figures)
"""


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``status`` is ``"ok"``, ``"warn"`` or ``"fail"``."""

    name: str
    status: str
    detail: str
    fix: str = ""

    @property
    def mark(self) -> str:
        return {"ok": "✓", "warn": "!", "fail": "✗"}[self.status]


def python_version() -> Check:
    """The interpreter against the package's ``Requires-Python``."""
    from packaging.specifiers import SpecifierSet

    wanted = metadata.metadata("smmlab").get("Requires-Python") or ""
    have = ".".join(map(str, sys.version_info[:3]))
    if SpecifierSet(wanted).contains(have):
        return Check("Python", "ok", f"{have} ({sys.executable})")
    return Check(
        "Python",
        "fail",
        f"{have}, the course needs {wanted}",
        f"install Python {wanted.lstrip('>=')} or newer and run `make lab` again",
    )


def packages() -> Check:
    """Every runtime requirement of the package is installed in a matching version."""
    from packaging.requirements import Requirement

    wrong = []
    for text in metadata.requires("smmlab") or []:
        requirement = Requirement(text)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra (test, book) or another platform
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{requirement.name} missing")
            continue
        if requirement.specifier and not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{requirement.name} {version} (needs {requirement.specifier})")
    if wrong:
        return Check(
            "Packages",
            "fail",
            "; ".join(wrong),
            "run `make lab` (or `pip install -e .`) in the course folder",
        )
    key = ", ".join(
        f"{n} {metadata.version(n)}"
        for n in ("smmlab", "ipywidgets", "matplotlib", "jupyterlab")
        if _installed(n)
    )
    return Check("Packages", "ok", key)


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def widgets_in_lab() -> Check:
    """JupyterLab can show widgets: its widget extension matches ipywidgets."""
    if not _installed("jupyterlab_widgets"):
        return Check(
            "Widgets in JupyterLab",
            "fail",
            "jupyterlab_widgets is not installed: explorers would show as text",
            "pip install jupyterlab_widgets (make lab does it)",
        )
    lab, widgets = metadata.version("jupyterlab_widgets"), metadata.version("ipywidgets")
    if lab.split(".")[0] != "3" or widgets.split(".")[0] != "8":
        return Check(
            "Widgets in JupyterLab",
            "warn",
            f"jupyterlab_widgets {lab} with ipywidgets {widgets}: the course is tested with 3.x and 8.x",
            "run `make lab` to install the tested versions",
        )
    return Check("Widgets in JupyterLab", "ok", f"jupyterlab_widgets {lab}, ipywidgets {widgets}")


def kernel(kernel_name: str = "python3", timeout: float = KERNEL_SECONDS) -> Check:
    """A kernel starts and draws lesson 01's explorer, as after a locked-in guess."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    try:
        manager, client = start_new_kernel(
            kernel_name=kernel_name,
            startup_timeout=timeout,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except Exception as error:
        return Check(
            "Kernel",
            "fail",
            f"the '{kernel_name}' kernel does not start: {type(error).__name__}: {error}",
            "run `python -m ipykernel install --user` and `make lab` again",
        )
    try:
        lines: list[str] = []

        def keep(message: dict) -> None:  # printed text and error values
            content = message["content"]
            lines.append(
                content.get("text", "") if message["msg_type"] == "stream" else content.get("evalue", "")
            )

        reply = client.execute_interactive(KERNEL_CODE, timeout=timeout, output_hook=keep)
    except Exception as error:
        return Check(
            "Kernel",
            "fail",
            f"the kernel did not answer within {timeout:.0f} s: {error}",
            "close other programs, then run `smmlab doctor` again",
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    seconds = time.perf_counter() - start
    text = " ".join("".join(lines).split())
    if reply["content"]["status"] != "ok" or not text.startswith("explorer figures") or text.endswith(" 0"):
        return Check(
            "Kernel",
            "fail",
            f"lesson 01's explorer failed in the kernel: {text[:300]}",
            "run `make lab` again; if it persists, report this line",
        )
    return Check(
        "Kernel",
        "ok" if seconds < 30 else "warn",
        f"starts and draws lesson 01's explorer (its figure, with alt text) in {seconds:.1f} s",
        "" if seconds < 30 else "a slow machine: close other programs before the workshop",
    )


def course_files() -> Check:
    """The course's catalog and lessons are where the notebooks look for them."""
    from smmlab import catalog

    try:
        root = catalog.course_root()
        lessons = catalog.load().lessons
    except (FileNotFoundError, ValueError) as error:
        return Check("Course files", "fail", str(error), "run from the course folder or set SMMLAB_ROOT")
    present = sum((root / "course" / f"{lesson.name}.ipynb").is_file() for lesson in lessons)
    status = "ok" if present == len(lessons) else "warn"
    return Check(
        "Course files",
        status,
        f"{present} of {len(lessons)} lessons in {root / 'course'}",
        "" if status == "ok" else "get a complete copy of the course (git clone or the release zip)",
    )


def disk_space(path: Path | None = None, minimum_gb: float = MIN_FREE_GB) -> Check:
    """Free space where the course lives."""
    folder = Path(path or Path.cwd())
    free = shutil.disk_usage(folder).free / 2**30
    if free < minimum_gb:
        return Check(
            "Disk space",
            "warn",
            f"{free:.1f} GB free in {folder}",
            f"free at least {minimum_gb:g} GB: kernels, figures and the book's caches need room",
        )
    return Check("Disk space", "ok", f"{free:.1f} GB free in {folder}")


def sandbox() -> Check:
    """What the grading sandbox can hide from learner code on this machine."""
    from smmlab.grading.sandbox import detect_isolation

    isolation = detect_isolation()
    if isolation.hides_private_files:
        return Check("Grading sandbox", "ok", isolation.describe())
    return Check(
        "Grading sandbox",
        "warn",
        isolation.describe(),
        "grade on Linux where user namespaces are allowed (or as root), or keep solutions/ "
        "and the gradebook off this machine while grading",
    )


def run(instructor: bool = False, checks: list[Callable[[], Check]] | None = None) -> list[Check]:
    """Run the checks (an instructor's add the grading sandbox) and return their outcomes."""
    checks = checks or [python_version, packages, widgets_in_lab, course_files, disk_space, kernel]
    if instructor and sandbox not in checks:
        checks = [*checks, sandbox]
    return [check() for check in checks]


def verdict(results: list[Check]) -> tuple[str, int]:
    """The last line and the exit status: 0 ready (perhaps with warnings), 1 not ready."""
    failed = [r.name for r in results if r.status == "fail"]
    if failed:
        return f"Not ready: fix {', '.join(failed)} (see ✗ above), then run `smmlab doctor` again.", 1
    warned = [r.name for r in results if r.status == "warn"]
    if warned:
        return f"Ready, with warnings about {', '.join(warned)} (see ! above).", 0
    return "Ready for the workshop.", 0


def report(results: list[Check]) -> str:
    """The checks as lines a participant can read and paste into a help request."""
    width = max(len(r.name) for r in results)
    lines = []
    for r in results:
        lines.append(f"{r.mark} {r.name.ljust(width)}  {r.detail}")
        if r.fix and r.status != "ok":
            lines.append(f"  {' ' * width}  → {r.fix}")
    return "\n".join(lines)
