"""Make a release: bump the version, point the launch links at its tag, tag it, build its book.

``make release-tag VERSION=x.y.z`` runs ``python tools/release.py x.y.z``. In order, it

1. refuses a tree with uncommitted changes, a version that is not ``x.y.z`` or a tag that exists;
2. writes the version (``src/smmlab/__init__.py``) and the launch ref (``launch-ref`` in
   ``[tool.smmlab]`` of ``pyproject.toml``, the one place the book's launch buttons and the
   README's Binder badge read) as ``vx.y.z``, and regenerates the README badge from it;
3. commits that and tags the commit ``vx.y.z``;
4. builds the book from that commit (``make book``; ``--no-book`` skips it, for tests).

Then push the commit and the tag (``git push origin HEAD vx.y.z``): the book workflow publishes the
tag's book, and Binder builds the tag the launch buttons open.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDERHUB_URL = "https://mybinder.org"
FIRST_NOTEBOOK = "course/00-welcome.ipynb"


def declared(root: Path = ROOT) -> dict[str, str]:
    """``[tool.smmlab]`` of ``pyproject.toml``: ``repository`` and ``launch-ref``."""
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["smmlab"]


def binder_url(repository: str, ref: str, path: str) -> str:
    """The Binder address that opens ``path`` of ``repository`` at ``ref`` in JupyterLab."""
    return f"{BINDERHUB_URL}/v2/gh/{repository.removeprefix('https://github.com/')}/{ref}?urlpath=lab/tree/{path}"


def readme_badge(repository: str, ref: str) -> str:
    """The README's first line after the title: the Binder badge at ``ref``."""
    return (
        f"[![Launch the workshop on Binder]({BINDERHUB_URL}/badge_logo.svg)]"
        f"({binder_url(repository, ref, FIRST_NOTEBOOK)})"
    )


def git(*args: str, root: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def ref_exists(ref: str, root: Path = ROOT) -> bool:
    """Whether ``ref`` names a commit of this repository (here or on its ``origin``)."""
    return any(
        subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd=root, capture_output=True
        ).returncode
        == 0
        for name in (ref, f"origin/{ref}")
    )


def substitute(path: Path, pattern: str, line: str) -> None:
    """Replace the first line of ``path`` matching ``pattern`` by ``line``."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, lambda _: line, text, count=1, flags=re.M), encoding="utf-8")


def set_version(root: Path, version: str) -> None:
    """Write ``version`` as the package version, its tag as the launch ref, and the README badge."""
    tag = f"v{version}"
    substitute(root / "src" / "smmlab" / "__init__.py", r'^__version__ = ".*"$', f'__version__ = "{version}"')
    substitute(root / "pyproject.toml", r'^launch-ref = ".*"$', f'launch-ref = "{tag}"')
    badge = readme_badge(declared(root)["repository"], tag)
    substitute(root / "README.md", r"^\[!\[Launch the workshop on Binder\].*$", badge)


def release(version: str, root: Path = ROOT, book: bool = True) -> str:
    """Release ``version`` from ``root``; return the tag. ValueError (nothing changed) on refusal."""
    tag = f"v{version}"
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise ValueError(f"version {version!r} is not x.y.z (e.g. 0.2.0)")
    if git("status", "--porcelain", root=root).strip():
        raise ValueError("the working tree has uncommitted changes: commit or stash them first")
    if ref_exists(tag, root):
        raise ValueError(f"tag {tag} exists already")
    set_version(root, version)
    git(
        "commit",
        "--quiet",
        "-am",
        f"Release {tag}: launch buttons and the Binder badge open {tag}",
        root=root,
    )
    if book:
        subprocess.run(["make", "book"], cwd=root, check=True)
    git("tag", "--annotate", tag, "--message", f"smmlab {version}", root=root)
    return tag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, x.y.z")
    parser.add_argument("--no-book", action="store_true", help="do not build the book (tests only)")
    args = parser.parse_args()
    try:
        tag = release(args.version, book=not args.no_book)
    except ValueError as error:
        print(f"release: {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(
            f"release: {' '.join(error.cmd)} failed; the release commit is made but not tagged",
            file=sys.stderr,
        )
        return 1
    print(f"release: tagged {tag}. Publish it with: git push origin HEAD {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
