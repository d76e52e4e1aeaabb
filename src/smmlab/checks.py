"""Learner self-checks in the manner of Kaggle's learntools.

Each exercise task has a :class:`Question`. In the notebook::

    q1.check()      # is my answer right? names the misconception behind a typical wrong answer
    q1.hint()       # first hint; q1.hint(2) a more direct one
    q1.solution()   # only where the instructor allows it

``check()`` reads the learner's variable (or function) by name from the notebook, says
"not attempted" until it exists, and returns a :class:`CheckResult` that is true only for a
correct answer, so a visible test cell can simply ``assert q1.check()``.
"""

from __future__ import annotations

import html
import inspect
import math
import numbers
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

#: Marker for "the learner has not answered yet".
NOT_ATTEMPTED = object()


@dataclass(frozen=True)
class Misconception:
    """A typical wrong answer and what it reveals.

    ``applies(answer, expected)`` is true when the answer shows this misconception; ``message``
    explains it in the lesson's terms.
    """

    applies: Callable[[Any, Any], bool]
    message: str


def looks_like_percent(answer: Any, expected: Any) -> bool:
    """True when a share was given in percent (e.g. 42 instead of 0.42)."""
    try:
        return abs(float(expected)) <= 1 and math.isclose(float(answer), 100 * float(expected), rel_tol=0.02)
    except (TypeError, ValueError):
        return False


PERCENT = Misconception(
    looks_like_percent,
    "That looks like a percentage. Give shares as fractions between 0 and 1 (0.42, not 42).",
)


def number_matches(answer: Any, expected: float, rel_tol: float = 1e-3, abs_tol: float = 1e-6) -> bool:
    """True when ``answer`` is a real number (not a bool or look-alike object) close to ``expected``."""
    is_number = isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool)
    return bool(is_number and math.isclose(float(answer), float(expected), rel_tol=rel_tol, abs_tol=abs_tol))


def series_matches(
    answer: Any,
    expected: pd.Series,
    *,
    label: Callable[[Any], Hashable] | None = str,
    ordered: bool = False,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-6,
) -> bool:
    """True when ``answer`` is a Series holding ``expected``'s numbers under ``expected``'s labels.

    Parameters
    ----------
    answer
        The learner's answer; anything that is not a :class:`pandas.Series` fails.
    expected
        The reference Series, computed by the lesson.
    label
        How index labels are normalised before they are compared, on both sides: ``str`` (the
        default) lets ``1`` match ``"1"``; ``int`` lets ``"1"`` match ``1``; ``bool`` suits a
        True/False grouping. ``None`` ignores the labels and compares the values by position.
    ordered
        If true, the labels must also come in ``expected``'s order (e.g. a ranking). Without
        labels (``label=None``) the order always matters.
    rel_tol, abs_tol
        Tolerances for each value, as in :func:`number_matches`.

    Returns
    -------
    bool
        True only when both have the same labels (after ``label``; no duplicates, none missing,
        none extra) and every value of ``answer`` is a real number close to the expected one.
        Never raises: wrong types, labels ``label`` cannot convert, duplicate labels and
        non-numbers such as NaN all give False.

    Examples
    --------
    >>> expected = pd.Series({"1": 0.5, "2": 0.25})
    >>> series_matches(pd.Series({1: 0.5, 2: 0.25}), expected)
    True
    >>> series_matches([0.5, 0.25], expected)
    False
    """
    try:
        if not isinstance(answer, pd.Series) or not isinstance(expected, pd.Series):
            return False
        if len(answer) != len(expected):
            return False
        given, wanted = answer.tolist(), expected.tolist()
        if label is not None:
            given_labels = _distinct_labels(answer.index, label)
            wanted_labels = _distinct_labels(expected.index, label)
            if given_labels is None or wanted_labels is None:
                return False
            same = given_labels == wanted_labels if ordered else set(given_labels) == set(wanted_labels)
            if not same:
                return False
            by_label = dict(zip(given_labels, given, strict=True))
            given = [by_label[key] for key in wanted_labels]
        return all(
            number_matches(value, target, rel_tol=rel_tol, abs_tol=abs_tol)
            for value, target in zip(given, wanted, strict=True)
        )
    except Exception:  # an odd answer must read as wrong, never break the check
        return False


def frame_matches(
    answer: Any,
    expected: pd.DataFrame,
    *,
    label: Callable[[Any], Hashable] | None = str,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-6,
) -> bool:
    """True when ``answer`` is a DataFrame holding ``expected``'s numbers in the same cells.

    Parameters
    ----------
    answer
        The learner's answer; anything that is not a :class:`pandas.DataFrame` fails.
    expected
        The reference table, computed by the lesson.
    label
        How row labels are normalised before they are compared, as in :func:`series_matches`
        (``str`` by default, ``int``, ``bool``; ``None`` compares the rows by position). Column
        names are compared as they are.
    rel_tol, abs_tol
        Tolerances for each cell, as in :func:`number_matches`.

    Returns
    -------
    bool
        True only when every column of ``expected`` is in ``answer`` (extra columns are
        ignored), the row labels are the same (after ``label``; order ignored, no duplicates)
        and each cell of those columns matches, as :func:`series_matches` judges a column.
        Never raises.

    Examples
    --------
    >>> expected = pd.DataFrame({"rate": [0.1, 0.2]}, index=["a", "b"])
    >>> frame_matches(pd.DataFrame({"rate": [0.2, 0.1], "n": [5, 9]}, index=["b", "a"]), expected)
    True
    >>> frame_matches(expected.T, expected)
    False
    """
    try:
        if not isinstance(answer, pd.DataFrame) or not isinstance(expected, pd.DataFrame):
            return False
        if not all(column in answer.columns for column in expected.columns):
            return False
        return all(
            series_matches(answer[column], expected[column], label=label, rel_tol=rel_tol, abs_tol=abs_tol)
            for column in expected.columns
        )
    except Exception:  # an odd answer must read as wrong, never break the check
        return False


def _distinct_labels(index: pd.Index, label: Callable[[Any], Hashable]) -> list | None:
    """``label`` applied to each entry of ``index``, or None if that fails or gives duplicates."""
    try:
        labels = [label(key) for key in index]
        return labels if len(set(labels)) == len(labels) else None
    except Exception:  # e.g. int("agency")
        return None


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: ``status`` is "correct", "incorrect" or "not attempted"."""

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def _repr_html_(self) -> str:
        colour = {"correct": "#009E73", "incorrect": "#D55E00"}.get(self.status, "#555555")
        symbol = {
            "correct": "✔ Correct",
            "incorrect": "✘ Incorrect",
            "not attempted": "… Not attempted",
            "hint": "Hint",
            "solution": "Solution",
        }[self.status]
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:4px 8px">'
            f'<b style="color:{colour}">{symbol}</b> {html.escape(self.message)}</div>'
        )

    def __repr__(self) -> str:
        return f"{self.status.capitalize()}: {self.message}"


@dataclass
class Question:
    """One checkable task.

    Parameters
    ----------
    name
        The learner's variable or function to read, e.g. ``"complaint_share"``.
    expected
        A zero-argument function giving the expected value (computed from the same seeded data
        the learner has).
    matches
        ``matches(answer, expected) -> bool``; default: a real number within a small tolerance.
    hints
        Hints from gentle to direct.
    misconceptions
        Typical wrong answers, tried in order; the first that applies explains the error.
    solution_text
        Shown by :meth:`solution` only when ``allow_solution`` is true.
    """

    name: str
    expected: Callable[[], Any]
    hints: Sequence[str]
    matches: Callable[[Any, Any], bool] = number_matches
    misconceptions: Sequence[Misconception] = (PERCENT,)
    solution_text: str = ""
    allow_solution: bool = False
    _namespace: dict | None = field(default=None, repr=False)

    def answer(self) -> Any:
        """The learner's current answer, or :data:`NOT_ATTEMPTED`."""
        namespace = self._namespace if self._namespace is not None else _notebook_namespace()
        value = namespace.get(self.name, NOT_ATTEMPTED)
        return NOT_ATTEMPTED if value is Ellipsis or value is None else value

    def check(self) -> CheckResult:
        """Check the learner's answer; display and return the outcome."""
        result = self._judge(self.answer())
        _show(result)
        return result

    def _judge(self, answer: Any) -> CheckResult:
        if answer is NOT_ATTEMPTED:
            return CheckResult(
                "not attempted",
                f"Define `{self.name}` in a cell above and run it, then check again. "
                f"Stuck? Try {self._label}.hint().",
            )
        expected = self.expected()
        try:
            correct = self.matches(answer, expected)
        except Exception as error:  # a learner's function may fail in any way
            return CheckResult("incorrect", f"Checking `{self.name}` raised {type(error).__name__}: {error}")
        if correct:
            return CheckResult("correct", "Well done.")
        for misconception in self.misconceptions:
            try:
                if misconception.applies(answer, expected):
                    return CheckResult("incorrect", misconception.message)
            except Exception:  # a misconception test must never hide the plain verdict
                continue
        return CheckResult(
            "incorrect",
            f"`{self.name}` is not right yet ({_describe(answer)}). Try {self._label}.hint().",
        )

    def hint(self, n: int = 1) -> str:
        """Show hint number ``n`` (1 is the gentlest)."""
        if not self.hints:
            text = "There is no hint for this task."
        elif not 1 <= n <= len(self.hints):
            text = f"Hints are numbered 1 to {len(self.hints)}."
        else:
            more = f" (hint {n} of {len(self.hints)})" if len(self.hints) > 1 else ""
            text = f"Hint{more}: {self.hints[n - 1]}"
        _show(CheckResult("hint", text))
        return text

    def solution(self) -> str:
        """Show the worked solution, where the instructor allows it."""
        text = (
            self.solution_text if self.allow_solution else "The solution is not released for this exercise."
        )
        _show(CheckResult("solution", text))
        return text

    @property
    def _label(self) -> str:
        return getattr(self, "label", "q")


@dataclass
class Checks:
    """The questions of one exercise, reachable as attributes ``q1``, ``q2``, …"""

    questions: dict[str, Question]

    def __post_init__(self) -> None:
        for label, question in self.questions.items():
            question.label = label  # type: ignore[attr-defined]

    def __getattr__(self, label: str) -> Question:
        try:
            return self.__dict__["questions"][label]
        except KeyError:
            raise AttributeError(label) from None

    def __iter__(self):
        return iter(self.questions.values())


def _notebook_namespace() -> dict:
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except ImportError:  # pragma: no cover - IPython is a dependency
        pass
    frame = inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__") != "__main__":
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}


def _describe(answer: Any) -> str:
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        return f"a {type(answer).__name__} of shape {answer.shape}"
    if callable(answer):
        return f"a function {getattr(answer, '__name__', '')}"
    text = repr(answer)
    return f"you gave {text[:60]}{'…' if len(text) > 60 else ''} of type {type(answer).__name__}"


def _show(result: CheckResult) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(result)
            return
    except ImportError:  # pragma: no cover
        pass
    print(repr(result))


def is_real_number(value: Any) -> bool:
    """True for ints and floats (Python or numpy), false for bools and look-alikes."""
    return (
        isinstance(value, numbers.Real)
        and type(value).__module__ in ("builtins", "numpy")
        and not isinstance(value, bool)
    )
