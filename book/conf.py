"""Sphinx configuration of the smmlab web book.

Build with ``make book`` (``sphinx-build -nW --keep-going -b html book book/_build/html``).
The lesson, exercise and (optionally) solution pages are generated at build time from
``course/catalog.toml`` by the ``smmlab_book`` extension in ``_ext/``; see ``README.md`` here.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

BOOK = Path(__file__).resolve().parent
REPO = BOOK.parent

# ---------------------------------------------------------------------------------------------
# The public repository and the git ref the book's links point at are declared in ONE place,
# [tool.smmlab] of pyproject.toml (the README's Binder badge is generated from it too). Launch
# buttons (Binder, JupyterLab interface), "open on GitHub" links and the set-up page's Binder badge
# are all derived from them. The ref is `main` until the first release; `make release-tag
# VERSION=x.y.z` sets it to the new tag, so a released book launches the code it was built from.
DECLARED = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["smmlab"]
REPOSITORY_URL = DECLARED["repository"]
LAUNCH_REF = DECLARED["launch-ref"]
BINDERHUB_URL = "https://mybinder.org"
# ---------------------------------------------------------------------------------------------

# Kernels and this process use the smmlab package and course of *this* checkout.
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BOOK / "_ext"))
os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
os.environ["SMMLAB_ROOT"] = str(REPO)
os.environ["SMMLAB_BOOK"] = "1"  # the book's build (smmlab.book_states draws explorers offline)
# MPLBACKEND=Agg in the environment silently drops every figure from the executed notebooks.
os.environ.pop("MPLBACKEND", None)

project = "smmlab"
author = "The smmlab authors"
copyright = "2026, the smmlab authors"
release = __import__("smmlab").__version__  # this checkout's smmlab (src/ is on sys.path)
language = "en"

extensions = ["myst_nb", "smmlab_book"]  # myst_nb brings myst_parser; do not list both

# Switch: publish worked solutions from solutions/ (hidden tests are always stripped).
smmlab_publish_solutions = os.environ.get("SMMLAB_PUBLISH_SOLUTIONS", "0") == "1"
smmlab_repo = str(REPO)

exclude_patterns = [
    "_build",
    "_static",
    "_ext",
    "_generated",  # fragments included by hand-written pages
    "jupyter_execute",
    "**.ipynb_checkpoints",
    "README.md",
]

# ---- myst-nb ----------------------------------------------------------------------------------
nb_execution_mode = "cache"
nb_execution_raise_on_error = True  # a failing lesson fails the build (not only a warning)
nb_execution_timeout = 180  # seconds per cell
nb_execution_show_tb = True
# Learner exercises stop at `raise NotImplementedError()` by design; solutions are not run either.
nb_execution_excludepatterns = ["exercises/*/*.ipynb", "solutions/*/*.ipynb"]
# Widget JavaScript vendored from npm (see _static/vendor/README.md): pages work offline and
# under a strict content security policy. Paths are relative to _static/.
nb_ipywidgets_js = {
    "vendor/require.js": {},
    "smmlab-widgets.js": {},  # maps the bundle's module names to vendor/ (its icon fonts live there)
    "vendor/embed-amd.js": {},
}
nb_merge_streams = True

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_url_schemes = {
    "http": None,
    "https": None,
    "mailto": None,
    # [text](gh:path/in/repo) links a file at the launch ref on GitHub
    "gh": f"{REPOSITORY_URL}/blob/{LAUNCH_REF}/{{{{path}}}}",
    # [text](binder:course/NN-slug.ipynb) opens that notebook on Binder in JupyterLab
    "binder": f"{BINDERHUB_URL}/v2/gh/{REPOSITORY_URL.removeprefix('https://github.com/')}"
    f"/{LAUNCH_REF}?urlpath=lab/tree/{{{{path}}}}",
}
myst_substitutions = {"repository_url": REPOSITORY_URL, "release_tag": LAUNCH_REF}

# ---- HTML -------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "smmlab: social media marketing, myths and mistakes"
html_static_path = ["_static"]
html_css_files = ["smmlab.css"]
html_js_files = ["smmlab-a11y.js"]
html_last_updated_fmt = ""
html_context = {"default_mode": "light"}  # the figures are drawn on white
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": LAUNCH_REF,
    # Generated pages mirror the repository (course/NN-slug.ipynb, exercises/NN-slug/NN-slug.ipynb),
    # so page names are paths from the repository root and launch links open the real notebooks.
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": True,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "use_source_button": False,
    "launch_buttons": {
        "binderhub_url": BINDERHUB_URL,
        "notebook_interface": "jupyterlab",
    },
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
