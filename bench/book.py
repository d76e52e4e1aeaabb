"""Book build times: a clean build (every lesson executed) and a cached rebuild.

``python -m bench`` calls :func:`main`; ``python -m bench.book`` runs it alone. The book is built
from a fresh copy of the repository into a temporary folder, exactly as ``make book`` builds it
(``sphinx-build -nW --keep-going -b html``), so the working tree's ``book/_build`` is untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _copy_checkout(dest: Path) -> Path:
    """The files of a fresh checkout (tracked and new, not git-ignored)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def _build(checkout: Path, html: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "SMMLAB_PUBLISH_SOLUTIONS")}
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-nWq",
        "--keep-going",
        "-b",
        "html",
        str(checkout / "book"),
        str(html),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"book build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds


def measure() -> dict[str, float]:
    """Seconds for a clean build, a rebuild with nothing changed, and a rebuild after one lesson
    notebook changed (only that lesson is executed again)."""
    from smmlab import catalog

    with tempfile.TemporaryDirectory(prefix="smmlab-bench-book-") as tmp:
        checkout = _copy_checkout(Path(tmp) / "repo")
        html = Path(tmp) / "html"
        clean = _build(checkout, html)
        cached = _build(checkout, html)
        lessons = [
            lesson
            for lesson in catalog.load(checkout / "course" / "catalog.toml").lessons
            if (checkout / "course" / f"{lesson.name}.ipynb").exists()
        ]
        notebook = checkout / "course" / f"{lessons[-1].name}.ipynb"
        text = notebook.read_text(encoding="utf-8")  # a one-character edit of a markdown cell
        notebook.write_text(text.replace("## Key points", "## Key points ", 1), encoding="utf-8")
        one_lesson = _build(checkout, html)
        return {"lessons": float(len(lessons)), "clean": clean, "cached": cached, "one_lesson": one_lesson}


def main() -> None:
    """Print the book's clean and cached build times."""
    times = measure()
    print(f"book: {int(times['lessons'])} lessons")
    print(f"book: clean build (every lesson executed)  {times['clean']:6.1f} s")
    print(f"book: cached rebuild (nothing changed)     {times['cached']:6.1f} s")
    print(f"book: rebuild after one lesson changed     {times['one_lesson']:6.1f} s")


if __name__ == "__main__":
    main()
