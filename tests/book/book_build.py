"""Build the web book from a fresh copy of the repository, once per test session.

The copy holds what a fresh checkout holds (tracked and new, not git-ignored files), so a page
that only builds thanks to a stale local file fails here. Under pytest-xdist the build is shared
by every worker: the first to arrive builds under a file lock, the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPHINX = [sys.executable, "-m", "sphinx"]
FALLBACK_PARTS = (
    "book",
    "course",
    "exercises",
    "solutions",
    "src",
    "binder",
    "pyproject.toml",
    "README.md",
    "nbgrader_config.py",
    "requirements.lock",
    "Makefile",
)
NEVER_COPY = (
    "_build",
    "jupyter_execute",
    ".jupyter_cache",
    "__pycache__",
    ".ipynb_checkpoints",
    "gradebook.db",
    "*.egg-info",
)


@dataclass(frozen=True)
class Built:
    """A finished book build."""

    checkout: Path  # the fresh copy the book was built from
    html: Path
    returncode: int
    log: str
    seconds: float


def fresh_checkout(dest: Path, root: Path = ROOT) -> Path:
    """Copy the files a fresh checkout of ``root`` would have (plus new, not ignored files)."""
    try:
        listed = (
            subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root,
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .split("\0")
        )
    except (OSError, subprocess.CalledProcessError):
        listed = []
    dest.mkdir(parents=True, exist_ok=True)
    if listed:
        for name in filter(None, listed):
            source = root / name
            if source.is_file():  # deleted but still tracked files are skipped
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        return dest
    for part in FALLBACK_PARTS:  # no git: copy the parts the book needs
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns(*NEVER_COPY))
        elif source.is_file():
            shutil.copy2(source, dest / part)
    return dest


def build_env(publish_solutions: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "SMMLAB_PUBLISH_SOLUTIONS")}
    if publish_solutions:
        env["SMMLAB_PUBLISH_SOLUTIONS"] = "1"
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    return env


def sphinx_build(
    checkout: Path,
    html: Path,
    *,
    publish_solutions: bool = False,
    cache: Path | None = None,
    timeout: float = 600,
) -> Built:
    """``sphinx-build -nW --keep-going -b html`` (``make book``) into ``html``."""
    command = [*SPHINX, "-nW", "--keep-going", "-b", "html", str(checkout / "book"), str(html)]
    if cache is not None:
        command += ["-D", f"nb_execution_cache_path={cache}"]
    started = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=checkout,
        env=build_env(publish_solutions),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Built(
        checkout, html, result.returncode, result.stdout + result.stderr, time.perf_counter() - started
    )


def shared_book(tmp_path_factory) -> Built:
    """The session's book, built once from a fresh checkout and shared by xdist workers."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "smmlab-book"
    folder.mkdir(exist_ok=True)
    record = folder / "built.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not record.exists():
                checkout = fresh_checkout(folder / "checkout")
                built = sphinx_build(checkout, folder / "html", cache=folder / "jupyter_cache")
                record.write_text(
                    json.dumps(
                        {
                            "checkout": str(built.checkout),
                            "html": str(built.html),
                            "returncode": built.returncode,
                            "log": built.log,
                            "seconds": built.seconds,
                        }
                    )
                )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    data = json.loads(record.read_text())
    return Built(Path(data["checkout"]), Path(data["html"]), data["returncode"], data["log"], data["seconds"])
