"""``smmlab report``: what the class got right and wrong, picture first.

One PNG (course style: opaque, Okabe-Ito colours, hatching, so colour never carries meaning
alone) with the score distribution, the pass rate of each test and the most frequent
misconception-keyed failures — the messages ``smmlab.checks`` prints in the test cells — plus a
small HTML page with the same numbers as tables, the figure's alt text and the ungraded
submissions with their reasons.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from smmlab import style
from smmlab.checks import POSSIBLE_SLIP
from smmlab.grading import status as status_store
from smmlab.grading.course import Course
from smmlab.grading.status import GRADED

_CHECK = re.compile(r"^(Incorrect|Not attempted): (.+)$", re.DOTALL)
#: On grading data a check names a misconception as a possible slip and leaves the verdict to
#: the hidden tests (see smmlab.checks); a failed test with one counts it as that misconception.
_SLIP = re.compile(rf"^Unchecked: {re.escape(POSSIBLE_SLIP)} (.+?) Graded on a fresh draw", re.DOTALL)


@dataclass
class ClassReport:
    """The numbers behind the report."""

    assignment: str
    scores: list[float] = field(default_factory=list)
    maximum: float = 0.0
    pass_rates: dict[str, float] = field(default_factory=dict)
    failures: Counter = field(default_factory=Counter)
    ungraded: dict[str, str] = field(default_factory=dict)

    def alt_text(self) -> str:
        """A description of the figure for screen readers."""
        if not self.scores:
            return f"No graded submissions of {self.assignment} yet."
        mean = sum(self.scores) / len(self.scores)
        hardest = min(self.pass_rates, key=self.pass_rates.get) if self.pass_rates else "none"
        top = self.failures.most_common(1)
        return (f"Autograded scores of {len(self.scores)} learners on {self.assignment}: mean "
                f"{mean:.1f} of {self.maximum:g}. Pass rate per test: "
                + ", ".join(f"{k} {v:.0%}" for k, v in self.pass_rates.items())
                + f". Hardest test: {hardest}."
                + (f" Most frequent misconception ({top[0][1]} learners): {top[0][0][1]}"
                   if top else ""))


def _test_feedback(cell: nbformat.NotebookNode) -> list[str]:
    messages = []
    for output in cell.get("outputs", []):
        text = output.get("data", {}).get("text/plain", "") if "data" in output else ""
        if isinstance(text, list):
            text = "".join(text)
        if match := _CHECK.match(text.strip()):
            messages.append(f"{match.group(1)}: {match.group(2).strip()}")
        elif match := _SLIP.match(text.strip()):
            messages.append(f"Incorrect: {match.group(1).strip()}")
    return messages


def gather(course: Course, assignment: str) -> ClassReport:
    """Read scores from the gradebook and check messages from the autograded notebooks.

    The status comes from the gradebook database, so every grader's report shows the same
    learners as graded."""
    status = status_store.load(course, assignment)
    report = ClassReport(assignment)
    report.ungraded = {k: f"{v.status}: {v.reason}" for k, v in sorted(status.learners.items())
                       if v.status != GRADED}
    graded = sorted(k for k, v in status.learners.items() if v.status == GRADED)
    passes: Counter = Counter()
    with course.gradebook() as gb:
        record = gb.find_assignment(assignment)
        report.maximum = float(record.max_code_score)
        tests = [c.name for n in record.notebooks for c in n.grade_cells if c.cell_type == "code"]
        for learner in graded:
            submission = gb.find_submission(assignment, learner)
            report.scores.append(float(min(submission.code_score, report.maximum)))
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "code" and grade.auto_score == grade.max_score:
                        passes[grade.name] += 1
    report.pass_rates = {t: passes[t] / len(graded) if graded else 0.0 for t in tests}
    for learner in graded:
        path = course.autograded / learner / assignment / f"{assignment}.ipynb"
        if not path.exists():
            continue
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
                for message in set(_test_feedback(cell)):
                    report.failures[(grade_id, message)] += 1
    return report


def figure(report: ClassReport):
    """The report's figure: score distribution, pass rate per test, top failures."""
    from matplotlib.figure import Figure

    with style.styled():
        fig = Figure(figsize=(9.5, 9.0), layout="constrained")
        scores_ax, pass_ax, fail_ax = fig.subplots(3, 1)
        if report.scores:
            bins = [x - 0.5 for x in range(int(report.maximum) + 2)]
            scores_ax.hist(report.scores, bins=bins, color=style.PALETTE["blue"],
                           edgecolor="black", hatch="//")
        scores_ax.set(title=f"Autograded scores ({len(report.scores)} learners)",
                      xlabel=f"points (of {report.maximum:g})", ylabel="learners")
        names = list(report.pass_rates)
        rates = [100 * report.pass_rates[n] for n in names]
        pass_ax.barh(names, rates, color=style.PALETTE["green"], edgecolor="black", hatch="..")
        for y, rate in enumerate(rates):
            pass_ax.text(min(rate + 1, 95), y, f"{rate:.0f}%", va="center")
        pass_ax.set(title="Pass rate per test", xlabel="learners passing (%)", xlim=(0, 100))
        pass_ax.invert_yaxis()
        top = report.failures.most_common(6)
        labels = [f"{gid}: {_short(msg)}" for (gid, msg), _ in top] or ["no failed checks"]
        counts = [count for _, count in top] or [0]
        positions = list(range(len(labels)))
        fail_ax.barh(positions, counts, height=0.45, color=style.PALETTE["vermillion"],
                     edgecolor="black", hatch="xx")
        fail_ax.set_yticks(positions, [""] * len(positions))
        for y, label in zip(positions, labels, strict=True):
            fail_ax.text(0, y - 0.3, label, fontsize=8.5, va="bottom")  # above its bar
        fail_ax.set(title="Most frequent self-check messages in failed tests", xlabel="learners",
                    ylim=(len(labels) - 0.5, -0.9))
    return fig


def _short(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_report(course: Course, assignment: str) -> tuple[Path, Path, ClassReport]:
    """Write ``reports/<A>/report.png`` and ``report.html``; return their paths and the numbers."""
    assignment = course.require_assignment(assignment)
    report = gather(course, assignment)
    folder = course.reports / assignment
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "report.png"
    png.write_bytes(style.png_bytes(figure(report)))
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v:.0%}</td></tr>"
                   for k, v in report.pass_rates.items())
    failures = "".join(
        f"<tr><td>{html.escape(gid or '')}</td><td>{html.escape(msg)}</td><td>{n}</td></tr>"
        for (gid, msg), n in report.failures.most_common(10))
    ungraded = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>"
                       for k, v in report.ungraded.items()) or "<li>none</li>"
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(assignment)} — class report</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;background:#fff;color:#111}}
table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2rem .5rem}}</style></head>
<body><h1>{html.escape(assignment)}: class report</h1>
<figure><img src="report.png" alt="{html.escape(report.alt_text())}" width="950">
<figcaption>Score distribution, pass rate per test and the most frequent self-check messages of
failed tests.</figcaption></figure>
<h2>Pass rate per test</h2><table><tr><th>test</th><th>passing</th></tr>{rows}</table>
<h2>Most frequent failures</h2>
<table><tr><th>test</th><th>message</th><th>learners</th></tr>{failures}</table>
<h2>Not graded</h2><ul>{ungraded}</ul></body></html>
"""
    page_path = folder / "report.html"
    page_path.write_text(page, encoding="utf-8")
    return png, page_path, report
