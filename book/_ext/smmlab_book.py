"""Sphinx extension: build the book's lesson pages from ``course/catalog.toml``.

On ``builder-inited`` it copies, for every lesson in the catalog whose notebook exists,

- ``course/NN-slug.ipynb`` → ``book/course/NN-slug.ipynb`` (executed by myst-nb, widget state
  embedded),
- ``exercises/NN-slug/NN-slug.ipynb`` → ``book/exercises/...`` (the learner release, not run),
- with ``SMMLAB_PUBLISH_SOLUTIONS=1`` only: ``solutions/NN-slug/NN-slug.ipynb`` →
  ``book/solutions/...`` with hidden tests and mark schemes stripped,

removes copies of lessons that no longer exist, and writes Markdown fragments into
``book/_generated/`` that hand-written pages include: the lessons table and toctree, the
Binder launch badge, the key points of every lesson, the sources of every benchmark and the
workshop schedules. The copies mirror the repository's layout, so links between notebooks and
the theme's launch buttons point at the real files. All generated paths are git-ignored.

It sets up ``smmlab_explorers``, which puts on each lesson page an explorer that moves without
a kernel, from states drawn at build time (:mod:`smmlab.book_states`).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

GENERATED_DIRS = ("course", "exercises", "solutions")
#: The inventory's two questionnaires (``smmlab.inventory``): before lesson 01 and after lesson 22.
INVENTORY_FORMS = ("inventory-pre", "inventory-post")
FRAGMENTS = "_generated"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

HIDDEN_TESTS = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)
MARK_SCHEME = re.compile(r"^[ \t]*=== BEGIN MARK SCHEME ===.*?=== END MARK SCHEME ===[ \t]*\n?", re.S | re.M)
SOLUTION_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)


# ---- paths --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LessonFiles:
    """Where one catalog lesson's notebooks are in the repository and in the book."""

    lesson: Any  # smmlab.catalog.Lesson
    repo: Path

    @property
    def name(self) -> str:
        return self.lesson.name

    @property
    def lesson_notebook(self) -> Path:
        return self.repo / "course" / f"{self.name}.ipynb"

    @property
    def exercise_notebook(self) -> Path:
        return self.repo / "exercises" / self.name / f"{self.name}.ipynb"

    @property
    def solution_notebook(self) -> Path:
        return self.repo / "solutions" / self.name / f"{self.name}.ipynb"

    @property
    def lesson_doc(self) -> str:
        return f"course/{self.name}"

    @property
    def exercise_doc(self) -> str:
        return f"exercises/{self.name}/{self.name}"

    @property
    def solution_doc(self) -> str:
        return f"solutions/{self.name}/{self.name}"

    @property
    def label(self) -> str:
        return f"{self.lesson.number:02d}"


def catalog_lessons(repo: Path) -> list[LessonFiles]:
    """Every lesson of ``repo``'s catalog, in catalog order."""
    from smmlab import catalog

    return [LessonFiles(lesson, repo) for lesson in catalog.load(repo / "course" / "catalog.toml").lessons]


# ---- notebooks ----------------------------------------------------------------------------------
def strip_solution(notebook: dict) -> dict:
    """A worked-solution notebook safe to publish: no hidden tests, no mark schemes, no markers."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        source = HIDDEN_TESTS.sub("", source)
        source = MARK_SCHEME.sub("", source)
        source = SOLUTION_MARKER.sub("", source)
        cell["source"] = source.rstrip("\n")
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return notebook


# ---- links in lesson text -------------------------------------------------------------------------
#: A bracketed group that is not a link: ``[CARE5]``, ``[RESP1, RESP2]``, ``[FAKE6, low confidence]``.
CITATION_GROUP = re.compile(r"(?<![\]!\\])\[([^\[\]]*)\](?![(\[])")
#: Text a term link must not go into: code, roles, links, HTML, headings, quotes, maths.
PROTECTED = re.compile(
    r"```[\s\S]*?```|`[^`\n]*`|\{[a-z:-]+\}`[^`]*`|!?\[[^\]]*\]\([^)]*\)|<[^>\n]+>|^#[^\n]*|^>[^\n]*"
    r"|\$[^$\n]+\$",
    re.M,
)


def link_citations(markdown: str) -> str:
    """Turn every citation id in brackets into a link to its entry on the sources page."""
    from smmlab.sim.benchmarks import REF_ID

    def group(match: re.Match) -> str:
        inner = REF_ID.sub(
            lambda ref: f"{{ref}}`{ref.group(0)} <cite-{ref.group(0).lower()}>`", match.group(1)
        )
        return f"[{inner}]"

    return CITATION_GROUP.sub(group, markdown)


def glossary_terms(glossary: Path) -> list[str]:
    """The terms defined in the book's glossary page (unindented lines of its glossary block)."""
    block = re.search(r"```\{glossary\}\n(.*?)```", glossary.read_text(encoding="utf-8"), re.S)
    return [line.strip() for line in (block.group(1) if block else "").splitlines() if line[:1].strip()]


def link_terms(cells: list[str], terms: Sequence[str]) -> list[str]:
    """Link the first use of each glossary term in a lesson's markdown cells to the glossary."""
    pending = {
        term: re.compile(
            rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", 0 if term.isupper() else re.IGNORECASE
        )
        for term in sorted(terms, key=len, reverse=True)
    }
    linked, roles = [], []
    for text in cells:
        pieces, last = [], 0
        for match in [*PROTECTED.finditer(text), None]:
            end = match.start() if match else len(text)
            plain = text[last:end]
            for term in list(pending):
                found = pending[term].search(plain)
                if found:
                    roles.append(f"{{term}}`{found.group(0)} <{term}>`")
                    plain = plain[: found.start()] + f"\x00{len(roles) - 1}\x00" + plain[found.end() :]
                    del pending[term]
            pieces.append(plain)
            if match:
                pieces.append(match.group(0))
                last = match.end()
        linked.append(re.sub(r"\x00(\d+)\x00", lambda m: roles[int(m.group(1))], "".join(pieces)))
    return linked


def linked_lesson(text: str, terms: Sequence[str]) -> str:
    """A lesson notebook (JSON text) whose markdown links its citations and glossary terms."""
    notebook = json.loads(text)
    markdown = [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    sources = [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"] for cell in markdown
    ]
    for cell, source in zip(markdown, link_terms([link_citations(s) for s in sources], terms), strict=True):
        cell["source"] = source
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it (keeps mtimes, so Sphinx rereads less)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def sync_notebooks(srcdir: Path, repo: Path, publish_solutions: bool) -> dict[str, list[str]]:
    """Copy the notebooks of the catalog's existing lessons (and the inventory's questionnaires)
    into the book; drop stale copies.

    Returns the docnames written, by kind (``lessons``, ``exercises``, ``solutions``, ``inventory``).
    """
    wanted: dict[Path, str] = {}
    docs: dict[str, list[str]] = {"lessons": [], "exercises": [], "solutions": [], "inventory": []}
    glossary = srcdir / "glossary.md"
    terms = glossary_terms(glossary) if glossary.is_file() else []
    for files in catalog_lessons(repo):
        if not files.lesson_notebook.is_file():
            continue
        wanted[srcdir / f"{files.lesson_doc}.ipynb"] = linked_lesson(
            files.lesson_notebook.read_text(encoding="utf-8"), terms
        )
        docs["lessons"].append(files.lesson_doc)
        if files.exercise_notebook.is_file():
            wanted[srcdir / f"{files.exercise_doc}.ipynb"] = files.exercise_notebook.read_text(
                encoding="utf-8"
            )
            docs["exercises"].append(files.exercise_doc)
        if publish_solutions and files.solution_notebook.is_file():
            notebook = json.loads(files.solution_notebook.read_text(encoding="utf-8"))
            wanted[srcdir / f"{files.solution_doc}.ipynb"] = (
                json.dumps(strip_solution(notebook), indent=1, ensure_ascii=False) + "\n"
            )
            docs["solutions"].append(files.solution_doc)
    for name in INVENTORY_FORMS:  # released like an exercise, not executed
        release = repo / "exercises" / name / f"{name}.ipynb"
        if release.is_file():
            wanted[srcdir / "exercises" / name / f"{name}.ipynb"] = release.read_text(encoding="utf-8")
            docs["inventory"].append(f"exercises/{name}/{name}")
    for folder in GENERATED_DIRS:
        for stale in (srcdir / folder).rglob("*") if (srcdir / folder).is_dir() else ():
            if stale.is_file() and stale not in wanted:
                stale.unlink()
    for path, text in wanted.items():
        _write_if_changed(path, text)
    for folder in GENERATED_DIRS:  # empty folders of removed lessons
        root = srcdir / folder
        if root.is_dir():
            for sub in sorted(root.rglob("*"), reverse=True):
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()
    return docs


def key_points(notebook_path: Path) -> list[str]:
    """The bullet points of a lesson's ``## Key points`` cell (links to other files unwrapped)."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and source.lstrip().startswith("## Key points"):
            return _bullets(source.lstrip().split("\n", 1)[1] if "\n" in source else "")
    return []


def _bullets(markdown: str) -> list[str]:
    points: list[str] = []
    for line in markdown.splitlines():
        if re.match(r"^\s*[*+-]\s+", line) and not line.startswith((" ", "\t")):
            points.append(re.sub(r"^\s*[*+-]\s+", "", line).strip())
        elif points and line.startswith((" ", "\t")) and line.strip():
            points[-1] += " " + line.strip()
        elif points and not line.strip():
            continue
        elif points:
            break
    # keep web links; a relative link would point nowhere from the key-points page
    return [re.sub(r"\[([^\]]+)\]\((?!https?:)[^)]*\)", r"\1", point) for point in points]


# ---- fragments ----------------------------------------------------------------------------------
def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def lessons_table(lessons: Sequence[LessonFiles], docs: dict[str, list[str]], items: dict) -> str:
    rows = [
        "| No. | Lesson | Curriculum items | Minutes (teach + exercise) | Pages |",
        "|---|---|---|---|---|",
    ]
    for files in lessons:
        lesson = files.lesson
        pages = []
        if files.lesson_doc in docs["lessons"]:
            pages.append(f"[lesson](/{files.lesson_doc}.ipynb)")
        if files.exercise_doc in docs["exercises"]:
            pages.append(f"[exercise](/{files.exercise_doc}.ipynb)")
        if files.solution_doc in docs["solutions"]:
            pages.append(f"[solution](/{files.solution_doc}.ipynb)")
        covered = ", ".join(f"{item}" for item in lesson.items if item in items) or "—"
        rows.append(
            f"| {files.label} | {_cell(lesson.title)} | {covered} | "
            f"{lesson.teaching_minutes} + {lesson.exercise_minutes} | "
            f"{' · '.join(pages) or 'in preparation'} |"
        )
    available = len(docs["lessons"])
    return (
        f"{available} of the {len(lessons)} lessons in the catalog are ready; the others are in "
        "preparation.\n\n" + "\n".join(rows) + "\n"
    )


def lessons_toctree(docs: dict[str, list[str]], order: Sequence[LessonFiles]) -> str:
    entries = []
    for files in order:
        for kind, doc in (
            ("lessons", files.lesson_doc),
            ("exercises", files.exercise_doc),
            ("solutions", files.solution_doc),
        ):
            if doc in docs[kind]:
                entries.append(doc)
    before, after = ([d for d in docs.get("inventory", []) if d.endswith(end)] for end in ("-pre", "-post"))
    entries = [*before, *entries, *after]
    body = "\n".join(entries)
    return f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n:caption: Lessons and exercises\n\n{body}\n```\n"


def launch_fragment(docs: dict[str, list[str]]) -> str:
    if not docs["lessons"]:
        return "No lesson is ready yet.\n"
    first = docs["lessons"][0]
    return (
        f"**[Launch the workshop on Binder](binder:{first}.ipynb)** (no installation needed)\n\n"
        f"The badge opens `{first}.ipynb` in JupyterLab on mybinder.org; the course's other "
        "notebooks are in the file browser on the left (`course/` for lessons, `exercises/` for "
        "exercises).\n"
    )


def key_points_fragment(lessons: Sequence[LessonFiles], docs: dict[str, list[str]]) -> str:
    parts = []
    for files in lessons:
        if files.lesson_doc not in docs["lessons"]:
            continue
        points = key_points(files.lesson_notebook)
        parts.append(f"## Lesson {files.label} — {files.lesson.title}\n")
        if points:
            parts.append("\n".join(f"- {point}" for point in points) + "\n")
        else:
            parts.append("*This lesson has no key points yet.*\n")
        links = [f"[Read the lesson](/{files.lesson_doc}.ipynb)"]
        if files.exercise_doc in docs["exercises"]:
            links.append(f"[do the exercise](/{files.exercise_doc}.ipynb)")
        parts.append(" · ".join(links) + "\n")
    return "\n".join(parts) if parts else "No lesson is ready yet.\n"


def sources_fragment() -> str:
    from smmlab.sim import benchmarks

    entries = list(benchmarks.all_benchmarks().values())
    cited = [b for b in entries if not b.assumption]
    assumed = [b for b in entries if b.assumption]
    lines = [
        f"The simulation uses {len(entries)} calibrated values: {len(cited)} cited figures and "
        f"{len(assumed)} modelling assumptions. Confidence: H high, M medium, L low.\n",
        "### Cited figures\n",
        "| Figure | Value | Source | Year | Confidence | Reference |",
        "|---|---|---|---|---|---|",
    ]
    for b in cited:
        source = f"[{_cell(b.source)}]({b.url})" if b.url else _cell(b.source)
        lines.append(
            f"| {_cell(b.description)} | {b.figure} {_cell(b.unit)} | {source} | {b.year or ''} | "
            f"{b.confidence} | {{ref}}`{b.ref} <cite-{b.ref.lower()}>` |"
        )
    lines += [
        "",
        "### Modelling assumptions\n",
        "These values have no published source; each lesson labels them as assumptions.\n",
        "| Assumption | Value | Rationale |",
        "|---|---|---|",
    ]
    lines += [
        f"| {_cell(b.description)} | {b.figure} {_cell(b.unit)} | {_cell(b.rationale)} |" for b in assumed
    ]
    return "\n".join(lines) + "\n\n" + bibliography_fragment()


def northwind_fragment() -> str:
    """The Northwind fact sheet as a Markdown table, its ids linked to the bibliography."""
    from smmlab import northwind

    rows = [f"| {fact.topic} | {_cell(fact.fact)} | {_cell(fact.basis)} |" for fact in northwind.facts()]
    return link_citations("\n".join(["| Topic | Fact | Basis |", "|---|---|---|", *rows])) + "\n"


def bibliography_fragment() -> str:
    """One entry per citation id the lessons show: its documents (source, year, link) and figures."""
    from smmlab.sim import benchmarks

    entries = benchmarks.all_benchmarks()
    lines = [
        "### Bibliography\n",
        "Every citation id a lesson shows, such as *[CARE5]*, links here: the documents it stands for "
        "(source and publisher, the year of the figures, a link) and the figures the course takes "
        "from them.\n",
    ]
    for reference in benchmarks.references().values():
        documents = "; ".join(
            f"{_cell(d.source)}, {d.year}, <{d.url}>" if d.url else f"{_cell(d.source)}, {d.year}"
            for d in reference.documents
        )
        figures = "; ".join(
            f"{_cell(entries[key].description)} ({entries[key].figure} {_cell(entries[key].unit)})"
            for key in reference.keys
        )
        lines += [
            f"({reference.anchor})=",
            f"{reference.ref}",
            f": {documents}.",
            f"  Figures: {figures}.",
            "",
        ]
    return "\n".join(lines)


# ---- schedules ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Slot:
    """One row of a schedule: start and end in minutes from the start of the day or session."""

    start: int
    end: int
    what: str
    lesson: Any = None  # a LessonFiles for lesson rows


@dataclass(frozen=True)
class Format:
    """A workshop format: one day of ``day_minutes`` (breaks included), or every lesson over
    sessions of at most ``session_minutes`` (``day_minutes`` None)."""

    name: str
    day_minutes: int | None
    session_minutes: int
    break_every: int = 90
    break_minutes: int = 15
    lunch_after: int | None = None
    lunch_minutes: int = 60


FORMATS = (
    Format("Half day", day_minutes=210, session_minutes=210),  # 09:00-12:30
    Format("One day", day_minutes=480, session_minutes=480, lunch_after=180),  # 09:00-17:00
    Format("Full course", day_minutes=None, session_minutes=180),  # three-hour sessions
)


def lay_out(group: Sequence[LessonFiles], fmt: Format) -> list[Slot]:
    """Timetable one session: lessons in order, never split. A break falls between lessons when
    the next lesson would run past ``break_every`` minutes since the last break; lunch comes at
    the first lesson boundary after ``lunch_after`` minutes."""
    slots: list[Slot] = []
    clock = since_break = 0
    lunched = False
    for index, files in enumerate(group):
        minutes = files.lesson.minutes
        if index and fmt.lunch_after is not None and not lunched and clock >= fmt.lunch_after:
            slots.append(Slot(clock, clock + fmt.lunch_minutes, "Lunch"))
            clock += fmt.lunch_minutes
            since_break, lunched = 0, True
        elif index and since_break + minutes > fmt.break_every:
            slots.append(Slot(clock, clock + fmt.break_minutes, "Break"))
            clock += fmt.break_minutes
            since_break = 0
        slots.append(Slot(clock, clock + minutes, files.lesson.title, files))
        clock += minutes
        since_break += minutes
    return slots


def plan(lessons: Sequence[LessonFiles], fmt: Format) -> list[list[Slot]]:
    """Lay lessons out in catalog order: as many as fit one day (breaks included), or all of
    them over as many sessions as needed."""
    sessions: list[list[Slot]] = []
    current: list[LessonFiles] = []
    for files in lessons:
        trial = lay_out([*current, files], fmt)
        if current and trial[-1].end > fmt.session_minutes:
            if fmt.day_minutes is not None:
                break
            sessions.append(lay_out(current, fmt))
            current = [files]
        else:
            current.append(files)
    if current:
        sessions.append(lay_out(current, fmt))
    return sessions[:1] if fmt.day_minutes is not None else sessions


def _clock(minutes: int, start_hour: int = 9) -> str:
    total = start_hour * 60 + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def _slot_rows(slots: Iterable[Slot], docs: dict[str, list[str]]) -> list[str]:
    rows = ["| Time | What | Minutes |", "|---|---|---|"]
    for slot in slots:
        if slot.lesson is None:
            rows.append(
                f"| {_clock(slot.start)}–{_clock(slot.end)} | *{slot.what}* | {slot.end - slot.start} |"
            )
            continue
        files, lesson = slot.lesson, slot.lesson.lesson
        title = f"Lesson {files.label}: {_cell(lesson.title)}"
        if files.lesson_doc in docs["lessons"]:
            title = f"[{title}](/{files.lesson_doc}.ipynb)"
        else:
            title += " (in preparation)"
        rows.append(
            f"| {_clock(slot.start)}–{_clock(slot.end)} | {title} | "
            f"{lesson.teaching_minutes} teaching + {lesson.exercise_minutes} exercise |"
        )
    return rows


def schedules_fragment(lessons: Sequence[LessonFiles], docs: dict[str, list[str]]) -> str:
    everything = sum(files.lesson.minutes for files in lessons)
    out = [
        f"The catalog holds {len(lessons)} lessons: {everything} minutes "
        f"({everything / 60:.1f} hours) of teaching and exercises. The schedules below are computed "
        "from each lesson's teaching and exercise minutes in `course/catalog.toml`, in catalog "
        "order; swap lessons to suit your group, keeping lesson 00 first.\n"
    ]
    for fmt in FORMATS:
        sessions = plan(lessons, fmt)
        taught = [slot.lesson for session in sessions for slot in session if slot.lesson is not None]
        minutes = sum(files.lesson.minutes for files in taught)
        out.append(f"### {fmt.name}\n")
        if fmt.day_minutes is not None:
            left = len(lessons) - len(taught)
            out.append(
                f"{len(taught)} lessons, {minutes} minutes of lessons, "
                f"{_clock(0)}–{_clock(sessions[0][-1].end)} with breaks. "
                + (f"The other {left} lessons make good self-study.\n" if left else "\n")
            )
            out += _slot_rows(sessions[0], docs)
            out.append("")
        else:
            out.append(
                f"Every lesson, {minutes} minutes in all, as {len(sessions)} sessions of at most "
                f"{fmt.session_minutes} minutes with breaks (for example one a week), "
                "each starting at 09:00.\n"
            )
            for number, session in enumerate(sessions, start=1):
                out.append(f"**Session {number}**\n")
                out += _slot_rows(session, docs)
                out.append("")
    return "\n".join(out) + "\n"


def write_fragments(srcdir: Path, repo: Path, docs: dict[str, list[str]]) -> None:
    from smmlab import catalog

    lessons = catalog_lessons(repo)
    items = catalog.load(repo / "course" / "catalog.toml").items
    folder = srcdir / FRAGMENTS
    _write_if_changed(folder / "lessons-table.md", lessons_table(lessons, docs, items))
    _write_if_changed(folder / "lessons-toctree.md", lessons_toctree(docs, lessons))
    _write_if_changed(folder / "launch.md", launch_fragment(docs))
    _write_if_changed(folder / "key-points.md", key_points_fragment(lessons, docs))
    _write_if_changed(folder / "sources.md", sources_fragment())
    _write_if_changed(folder / "northwind.md", northwind_fragment())
    _write_if_changed(folder / "schedules.md", schedules_fragment(lessons, docs))


def generate(srcdir: Path, repo: Path, publish_solutions: bool) -> dict[str, list[str]]:
    """Write every generated page and fragment; return the notebook docnames by kind."""
    docs = sync_notebooks(srcdir, repo, publish_solutions)
    write_fragments(srcdir, repo, docs)
    return docs


def package_fingerprint(repo: Path) -> str:
    """A hash of the smmlab code and data a lesson can reach: the lessons' outputs depend on it.

    The instructor's side of the package (:data:`smmlab.book_states.UNRELATED`, which no lesson
    imports: ``tests/book`` checks it) is left out, so an edit to the grading code executes no
    lesson again.
    """
    from smmlab.book_states import lesson_side

    digest = hashlib.sha256()
    package = repo / "src" / "smmlab"
    for path in lesson_side(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _refresh_execution_cache(app: Sphinx) -> None:
    """Re-execute the lessons when the package changed, not only when a notebook did.

    jupyter-cache keys executed notebooks by their cells' source alone, and Sphinx rereads a
    page only when its source changes: after an edit to ``src/smmlab`` the book would show
    stale explorers. Drop the cache and mark every lesson page outdated when the package's
    fingerprint differs from the one the cache was filled with.
    """
    fingerprint = package_fingerprint(Path(app.config.smmlab_repo))
    app.env.smmlab_package_changed = getattr(app.env, "smmlab_package", None) != fingerprint
    app.env.smmlab_package = fingerprint
    if app.env.mystnb_config.execution_mode != "cache":
        return
    cache = Path(app.env.mystnb_config.execution_cache_path)
    stamp = cache / "smmlab-package.sha256"
    if cache.exists() and (not stamp.is_file() or stamp.read_text() != fingerprint):
        logger.info("smmlab: the package changed since the lessons were executed; executing again")
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)


def _outdated_lessons(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    if getattr(env, "smmlab_package_changed", False):
        return sorted(doc for doc in env.found_docs if doc.startswith("course/"))
    return []


def _builder_inited(app: Sphinx) -> None:
    _refresh_execution_cache(app)
    docs = generate(Path(app.srcdir), Path(app.config.smmlab_repo), app.config.smmlab_publish_solutions)
    logger.info(
        "smmlab: %d lesson, %d exercise and %d solution pages from the catalog",
        len(docs["lessons"]),
        len(docs["exercises"]),
        len(docs["solutions"]),
    )


def _serve_original_lessons(app: Sphinx, exception: Exception | None) -> None:
    """The download button gives the lesson notebook itself, not the book's linked copy."""
    sources = Path(app.outdir) / "_sources"
    if exception is not None or not sources.is_dir():
        return
    for files in catalog_lessons(Path(app.config.smmlab_repo)):
        served = sources / f"{files.lesson_doc}.ipynb"
        if served.is_file() and files.lesson_notebook.is_file():
            shutil.copyfile(files.lesson_notebook, served)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("smmlab_repo", "", "env", types=[str])
    app.add_config_value("smmlab_publish_solutions", False, "env", types=[bool])
    app.connect("builder-inited", _builder_inited)  # after myst-nb's (it sets the cache path)
    app.connect("env-get-outdated", _outdated_lessons)
    app.connect("build-finished", _serve_original_lessons)
    app.setup_extension("smmlab_inventory")  # the inventory's self-scoring page
    app.setup_extension("smmlab_explorers")  # every lesson's explorer moves without a kernel
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
