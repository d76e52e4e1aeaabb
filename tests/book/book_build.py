"""Build the web book from a fresh copy of the repository, once per test session.

The copy holds what a fresh checkout holds (tracked and new, not git-ignored files), so a page
that only builds thanks to a stale local file fails here. Under pytest-xdist the build is shared
by every worker: the first to arrive builds under a file lock, the others wait and reuse it.

What the build computes and keys by its inputs' content, as ``make book`` does between its own
builds, is kept between test sessions in pytest's cache folder (``pytest --cache-clear``
empties it): the lessons' executed notebooks (jupyter-cache, keyed by their cells and emptied
when the smmlab package changes) and the explorers' drawn states (redrawn when
:func:`smmlab.book_states.state_key` changes). A session after a change to one lesson executes
and draws that lesson again, not all of them.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
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
    timeout: float = 1800,
) -> Built:
    """``sphinx-build -nW --keep-going -b html`` (``make book``) into ``html``.

    A build that runs past ``timeout`` seconds (a loaded machine shares its cores with the other
    test workers) comes back as a failed build (return code -1) with its output so far, not as
    an exception: the record is then written once and no other worker starts the build again.
    """
    command = [*SPHINX, "-nW", "--keep-going", "-b", "html", str(checkout / "book"), str(html)]
    if cache is not None:
        command += ["-D", f"nb_execution_cache_path={cache}"]
    started = time.perf_counter()
    try:
        result = subprocess.run(
            command,
            cwd=checkout,
            env=build_env(publish_solutions),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        output = b"".join(part or b"" for part in (expired.stdout, expired.stderr))
        log = output.decode(errors="replace") + f"\nsphinx-build ran past {timeout:.0f} s and was stopped"
        return Built(checkout, html, -1, log, time.perf_counter() - started)
    return Built(
        checkout, html, result.returncode, result.stdout + result.stderr, time.perf_counter() - started
    )


#: The explorers' states in the html folder (``book/_ext/smmlab_explorers.py``).
STATES = "_explorers"


def _replace(source: Path, target: Path) -> None:
    """Make ``target`` a copy of the folder ``source`` (a half-copied ``target`` is never left)."""
    staged = target.with_name(target.name + ".new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(source, staged)
    shutil.rmtree(target, ignore_errors=True)
    staged.rename(target)


@contextmanager
def _locked(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _forget_other_tools(kept: Path) -> None:
    """Empty ``kept`` when Python or the locked packages differ from those that filled it (a new
    pandas may change a lesson's output; jupyter-cache would not notice)."""
    digest = hashlib.sha256(sys.version.encode())
    for lock in ("requirements.lock", "requirements-dev.lock"):
        digest.update((ROOT / lock).read_bytes() if (ROOT / lock).is_file() else b"")
    stamp = kept / "tools.sha256"
    if not stamp.is_file() or stamp.read_text() != digest.hexdigest():
        for name in (STATES, "jupyter_cache"):
            shutil.rmtree(kept / name, ignore_errors=True)
        stamp.write_text(digest.hexdigest())


def shared_book(tmp_path_factory, kept: Path | None = None) -> Built:
    """The session's book, built once from a fresh checkout and shared by xdist workers.

    ``kept`` is a folder that outlives the session (see the module's docstring): its executed
    notebooks and drawn states seed the build, and a build that passes replaces them.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "smmlab-book"
    folder.mkdir(exist_ok=True)
    record = folder / "built.json"
    with _locked(folder):
        if not record.exists():
            checkout = fresh_checkout(folder / "checkout")
            html, cache = folder / "html", folder / "jupyter_cache"
            if kept is not None:
                with _locked(kept):
                    _forget_other_tools(kept)
                    for name, target in ((STATES, html / STATES), ("jupyter_cache", cache)):
                        if (kept / name).is_dir():
                            _replace(kept / name, target)
            built = sphinx_build(checkout, html, cache=cache)
            if kept is not None and built.returncode == 0:
                with _locked(kept):
                    _replace(html / STATES, kept / STATES)
                    _replace(cache, kept / "jupyter_cache")
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
    data = json.loads(record.read_text())
    return Built(Path(data["checkout"]), Path(data["html"]), data["returncode"], data["log"], data["seconds"])
