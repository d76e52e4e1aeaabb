"""``smmlab inventory report``: did the course change minds, and are the items any good?

Classical test theory on the class's answers, picture first:

- per item: difficulty (share correct), corrected point-biserial discrimination (the item
  against the rest of its form), upper-lower discrimination (top 27% minus bottom 27%) and how
  often each option was picked; flags for items that misbehave;
- per form: reliability (KR-20);
- per misconception: how many learners held it before and after (picked its option on the
  item that measures it), the share of them who were sure, and its normalised gain;
- the class's normalised gain ``g = (post - pre) / (100% - pre)`` (Hake 1998), on learners who
  took both forms, with a bootstrap 95% interval over learners.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smmlab import style
from smmlab.inventory import CONFIDENCE, FORMS, Inventory
from smmlab.inventory import load as load_inventory

#: Share of learners at each end for the upper-lower index.
TAIL = 0.27
#: A distractor picked by fewer than this share of learners before the course does no work.
UNPICKED = 0.02
#: An item answered right by more than this share before the course cannot show a gain.
CEILING = 0.9
RESPONSE_COLUMNS = ("learner", "phase", "item", "choice")


@dataclass
class InventoryReport:
    """The numbers behind the report."""

    items: pd.DataFrame
    misconceptions: pd.DataFrame
    reliability: dict[str, float]
    gain: tuple[float, float, float]
    scores: pd.DataFrame

    @property
    def flagged(self) -> pd.DataFrame:
        """Items with at least one flag."""
        return self.items[self.items["flags"] != ""]

    def alt_text(self) -> str:
        """A description of the figure for screen readers."""
        g, low, high = self.gain
        m = self.misconceptions.sort_values("held_before", ascending=False)
        top = "; ".join(
            f"{i} {row.held_before:.0%} before, {row.held_after:.0%} after" for i, row in m.head(3).iterrows()
        )
        flags = ", ".join(f"{i} ({row.flags})" for i, row in self.flagged.iterrows()) or "none"
        return (
            f"Misconception inventory of {len(self.scores)} learners who took both forms: mean score "
            f"{self.scores['pre'].mean():.0%} before and {self.scores['post'].mean():.0%} after, a "
            f"normalised gain of {g:.2f} (95% interval {low:.2f} to {high:.2f}). Most common "
            f"misconceptions before the course: {top}. Items flagged: {flags}."
        )


def _validate(responses: pd.DataFrame, inventory: Inventory) -> pd.DataFrame:
    missing = [c for c in RESPONSE_COLUMNS if c not in responses.columns]
    if missing:
        raise ValueError(f"the responses lack the column(s) {missing}; expected {list(RESPONSE_COLUMNS)}")
    if responses.empty:
        raise ValueError("there are no responses to report on")
    unknown = sorted(set(responses["item"]) - set(inventory.items))
    if unknown:
        raise ValueError(f"responses name items the inventory does not have: {unknown[:5]}")
    phases = sorted(set(responses["phase"]) - set(FORMS.values()))
    if phases:
        raise ValueError(f"phase must be 'pre' or 'post', not {phases}")
    frame = responses.copy()
    frame["form"] = frame["item"].map(lambda i: inventory.items[i].form)
    wrong_form = frame[frame["phase"] != frame["form"].map(FORMS)]
    if not wrong_form.empty:
        row = wrong_form.iloc[0]
        raise ValueError(f"item {row['item']} is in form {row['form']}, not the {row['phase']}-test form")
    frame = frame.drop_duplicates(["learner", "item"], keep="last")
    frame["correct"] = [
        int(c == inventory.items[i].answer) for i, c in zip(frame["item"], frame["choice"], strict=True)
    ]
    return frame


def _kr20(matrix: pd.DataFrame) -> float:
    k = matrix.shape[1]
    p = matrix.mean()
    variance = matrix.sum(axis=1).var(ddof=0)
    return float(k / (k - 1) * (1 - (p * (1 - p)).sum() / variance)) if variance > 0 else float("nan")


def _item_table(frame: pd.DataFrame, inventory: Inventory) -> tuple[pd.DataFrame, dict[str, float]]:
    rows, reliability = [], {}
    for form, phase in FORMS.items():
        answered = frame[frame["form"] == form]
        if answered.empty:
            continue
        matrix = answered.pivot(index="learner", columns="item", values="correct").dropna()
        reliability[phase] = _kr20(matrix)
        total = matrix.sum(axis=1)
        ranked = total.sort_values(kind="stable").index
        tail = max(1, round(TAIL * len(ranked)))
        lower, upper = ranked[:tail], ranked[-tail:]
        for item_id in matrix.columns:
            item = inventory.items[item_id]
            score = matrix[item_id]
            rest = total - score
            r = float(np.corrcoef(score, rest)[0, 1]) if score.std() > 0 and rest.std() > 0 else float("nan")
            picks = answered[answered["item"] == item_id]["choice"].value_counts(normalize=True)
            share = [float(picks.get(i, 0.0)) for i in range(len(item.options))]
            flags = []
            if r < 0 or score[upper].mean() < score[lower].mean():
                flags.append("negative discrimination")
            if phase == "pre":
                if score.mean() > CEILING:
                    flags.append("ceiling before the course")
                idle = [i for i in range(len(item.options)) if i != item.answer and share[i] < UNPICKED]
                if idle:
                    flags.append("distractor nobody picks: " + ", ".join("ABCD"[i] for i in idle))
            rows.append(
                {
                    "item": item_id,
                    "form": form,
                    "phase": phase,
                    "measures": item.measures,
                    "learners": len(score),
                    "difficulty": float(score.mean()),
                    "point_biserial": r,
                    "upper_lower": float(score[upper].mean() - score[lower].mean()),
                    **{f"picked_{'ABCD'[i]}": s for i, s in enumerate(share)},
                    "answer": "ABCD"[item.answer],
                    "flags": "; ".join(flags),
                }
            )
    return pd.DataFrame(rows).set_index("item"), reliability


def _gain(pre: np.ndarray, post: np.ndarray) -> float:
    before, after = pre.mean(), post.mean()
    return float((after - before) / (1 - before)) if before < 1 else float("nan")


def _bootstrap(
    pre: np.ndarray, post: np.ndarray, boots: int, rng: np.random.Generator
) -> tuple[float, float]:
    picks = rng.integers(0, len(pre), size=(boots, len(pre)))
    before, after = pre[picks].mean(axis=1), post[picks].mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gains = (after - before) / (1 - before)
    low, high = np.nanpercentile(gains, [2.5, 97.5])
    return float(low), float(high)


def analyse(
    responses: pd.DataFrame, inventory: Inventory, boots: int = 2000, seed: int = 0
) -> InventoryReport:
    """The report's numbers from long-form responses.

    Parameters
    ----------
    responses
        One row per learner and item: ``learner``, ``phase`` (pre or post), ``item``, ``choice``
        (0-based option) and, optionally, ``confidence`` (0-3). A learner's last answer to an
        item counts.
    inventory
        The items the class answered.
    boots, seed
        Bootstrap resamples for the intervals, and their seed.
    """
    frame = _validate(responses, inventory)
    items, reliability = _item_table(frame, inventory)
    rng = np.random.default_rng(seed)
    totals = frame.pivot_table(index="learner", columns="phase", values="correct", aggfunc="mean")
    scores = totals.reindex(columns=["pre", "post"]).dropna()  # learners who took both forms
    pre, post = scores["pre"].to_numpy(), scores["post"].to_numpy()
    gain = (_gain(pre, post), *_bootstrap(pre, post, boots, rng)) if len(scores) > 1 else (float("nan"),) * 3
    sure = frame.get("confidence", pd.Series(0, index=frame.index)) >= 2
    frame = frame.assign(
        held=[
            inventory.items[i].holds(c) == inventory.items[i].measures
            for i, c in zip(frame["item"], frame["choice"], strict=True)
        ],
        sure=sure,
    )
    rows = {}
    for m, misconception in inventory.misconceptions.items():
        row = {"lesson": misconception.lesson, "belief": misconception.belief}
        answers = {}
        for phase in FORMS.values():
            on = frame[
                (frame["phase"] == phase) & (frame["item"].map(lambda i: inventory.items[i].measures) == m)
            ]
            answers[phase] = on.set_index("learner")
            when = "before" if phase == "pre" else "after"
            row[f"correct_{when}"] = float(on["correct"].mean()) if len(on) else float("nan")
            row[f"held_{when}"] = float(on["held"].mean()) if len(on) else float("nan")
            held = on[on["held"]]
            row[f"sure_{when}"] = float(held["sure"].mean()) if len(held) else float("nan")
        paired = answers["pre"].merge(
            answers["post"], left_index=True, right_index=True, suffixes=("_pre", "_post")
        )
        if len(paired) > 1:
            pre, post = paired["correct_pre"].to_numpy(float), paired["correct_post"].to_numpy(float)
            row["gain"] = _gain(pre, post)
            row["gain_low"], row["gain_high"] = _bootstrap(pre, post, boots, rng)
        else:
            row["gain"] = row["gain_low"] = row["gain_high"] = float("nan")
        rows[m] = row
    return InventoryReport(items, pd.DataFrame(rows).T.infer_objects(), reliability, gain, scores)


def figure(report: InventoryReport):
    """Left: how many held each misconception before and after. Right: the items' quality."""
    from matplotlib.figure import Figure

    m = report.misconceptions.iloc[::-1]
    with style.styled():
        fig = Figure(figsize=(12, 9), layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=(1.3, 1))
        y = np.arange(len(m))
        left.hlines(y, m["held_after"] * 100, m["held_before"] * 100, color=style.PALETTE["grey"], lw=2)
        for column, marker, size, colour, label in (
            ("held_before", "o", 55, "vermillion", "before (form A)"),
            ("held_after", "s", 45, "blue", "after (form B)"),
        ):
            left.scatter(
                m[column] * 100,
                y,
                marker=marker,
                s=size,
                color=style.PALETTE[colour],
                edgecolor="black",
                label=label,
                zorder=3,
            )
        left.set_yticks(y, [f"{i} (L{int(row.lesson):02d})" for i, row in m.iterrows()], fontsize=9)
        left.set(
            xlabel="learners who chose the misconception on its item (%)",
            xlim=(0, 100),
            title="Who held each misconception",
        )
        left.legend(loc="lower right")
        g, low, high = report.gain
        fig.suptitle(
            f"Normalised gain g = {g:.2f} (95% interval {low:.2f} to {high:.2f}), "
            f"{len(report.scores)} learners",
            fontsize=13,
            fontweight="bold",
        )
        items = report.items
        for (form, phase), marker, colour in ((("A", "pre"), "o", "orange"), (("B", "post"), "s", "sky")):
            part = items[items["form"] == form]
            right.scatter(
                part["difficulty"],
                part["point_biserial"],
                marker=marker,
                s=45,
                color=style.PALETTE[colour],
                edgecolor="black",
                label=f"form {form} ({phase})",
            )
        bad = report.flagged
        right.scatter(
            bad["difficulty"],
            bad["point_biserial"],
            marker="x",
            s=110,
            linewidths=2.5,
            color=style.PALETTE["black"],
            label="flagged",
            zorder=4,
        )
        for item_id, row in bad.iterrows():
            right.annotate(
                item_id,
                (row["difficulty"], row["point_biserial"]),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=9,
            )
        right.axhline(0, color=style.PALETTE["vermillion"], ls="--", lw=1.2)
        right.set(
            xlabel="difficulty (share correct)",
            ylabel="discrimination (point-biserial)",
            xlim=(0, 1),
            title="Item quality",
        )
        right.legend(loc="lower left")
    return fig


def _table(frame: pd.DataFrame, percent: list[str], decimals: list[str]) -> str:
    shown = frame.copy()
    for column in percent:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.0%}")
    for column in decimals:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    return shown.to_html(escape=True, border=0)


def write(report: InventoryReport, out: Path) -> dict[str, Path]:
    """Write ``inventory.png``, ``inventory.html`` and the CSV tables into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "png": out / "inventory.png",
        "html": out / "inventory.html",
        "items": out / "inventory-items.csv",
        "misconceptions": out / "inventory-misconceptions.csv",
        "learners": out / "inventory-learners.csv",
    }
    fig = figure(report)
    fig.savefig(paths["png"])
    report.items.to_csv(paths["items"])
    report.misconceptions.to_csv(paths["misconceptions"], index_label="misconception")
    report.scores.to_csv(paths["learners"])
    g, low, high = report.gain
    reliability = ", ".join(
        f"form {f} ({p}) {report.reliability.get(p, float('nan')):.2f}" for f, p in FORMS.items()
    )
    picked = [c for c in report.items.columns if c.startswith("picked_")]
    sure = ", ".join(f"{i} {label}" for i, label in enumerate(CONFIDENCE))
    paths["html"].write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Misconception inventory</title>
<style>body{{font-family:sans-serif;max-width:70rem;margin:auto}}td,th{{padding:2px 8px}}
.flag{{color:#D55E00}}img{{max-width:100%}}</style></head><body>
<h1>Misconception inventory</h1>
<p><img src="{paths["png"].name}" alt="{html.escape(report.alt_text())}"></p>
<p>Normalised gain <strong>g = {g:.2f}</strong> (95% bootstrap interval {low:.2f} to {high:.2f}) over
{len(report.scores)} learners who took both forms. For comparison, Hake (1998) found about 0.23 for
lecture courses and 0.48 for interactive ones in physics. Reliability (KR-20): {reliability}.</p>
<h2>Items that misbehave</h2>
{
            _table(
                report.flagged[["form", "measures", "difficulty", "point_biserial", "flags"]],
                ["difficulty"],
                ["point_biserial"],
            )
            if len(report.flagged)
            else "<p>None.</p>"
        }
<h2>Misconceptions</h2>
<p><em>held</em>: learners who chose the misconception's own option on the item that measures it;
<em>sure</em>: of those, the share who rated their confidence "fairly sure" or "certain" ({sure}).</p>
{
            _table(
                report.misconceptions,
                ["correct_before", "correct_after", "held_before", "held_after", "sure_before", "sure_after"],
                ["gain", "gain_low", "gain_high"],
            )
        }
<h2>Items</h2>
{_table(report.items, ["difficulty", *picked], ["point_biserial", "upper_lower"])}
</body></html>
""",
        encoding="utf-8",
    )
    return paths


def from_course(course) -> tuple[pd.DataFrame, list[str]]:
    """The class's answers, for every submission of both forms the gradebook knows.

    Returns the responses (see :func:`analyse`) and one line per submission without a complete
    set of saved answers. Reads the submitted notebooks, where the quiz keeps its answers.
    """
    from smmlab.inventory.quiz import notebook_name, saved_answers

    inventory = load_inventory()
    rows, problems = [], []
    with course.gradebook() as gradebook:
        known = {a.name for a in gradebook.assignments}
        for form, phase in FORMS.items():
            name = notebook_name(form).removesuffix(".ipynb")
            if name not in known:
                continue
            for submission in gradebook.assignment_submissions(name):
                learner = submission.student.id
                path = course.submitted / learner / name / f"{name}.ipynb"
                answers = saved_answers(path)
                expected = [item.id for item in inventory.form(form)]
                missing = [i for i in expected if i not in answers]
                if missing:
                    problems.append(f"{learner} / {name}: {len(missing)} of {len(expected)} items unanswered")
                for item_id in expected:
                    if item_id in answers:
                        rows.append({"learner": learner, "phase": phase, "item": item_id, **answers[item_id]})
    if not rows:
        raise ValueError(
            "the gradebook has no answered inventory yet: release, collect and autograde "
            "inventory-pre (and later inventory-post) first"
        )
    return pd.DataFrame(rows), problems
