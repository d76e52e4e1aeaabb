"""Learner self-checks that give feedback without holding the graded answer.

An exercise declares its data and its questions once, in ``smmlab.exercises.<slug>``::

    EXERCISE = Exercise(
        slug="01-conversation-not-broadcast",
        build=build,                       # seed -> the exercise's data
        questions=(
            Question("q2", "complaint_share_4w", Number(share=True), hints=(...,),
                     wrong=(Wrong("That is the share over all 26 weeks...", value=lambda d: ...),)),
            Question("q4", "churn_by_answer", Function(Series(label=bool)), hints=(...,)),
        ),
    )

In the notebook, ``q2.check()`` names the misconception behind a typical wrong answer,
``q2.hint()`` / ``q2.hint(2)`` help, and ``q2.solution()`` shows the worked answer from the
course's ``solutions/`` once the learner has tried (an instructor turns it off with
``SMMLAB_SOLUTIONS=off``, or by not giving learners ``solutions/``).

How grades stay true
--------------------
- **No answer ships with the package.** The package has no reference solution. A self-check
  compares the learner's answer with a *key*: salted digests of the reference answer on the
  published data (``exercises/keys/<slug>.json``), written by ``smmlab release`` from the
  solution notebook. A digest confirms a right answer but does not tell it.
- **Grading uses data the learner never saw.** ``smmlab autograde`` sets
  ``SMMLAB_EXERCISE_SEED`` to a seed derived from the assignment and the learner, so the read-only
  set-up cell loads another draw of the data; the hidden tests (instructor-side reference code,
  never released) recompute every graded value from that data and run every graded function on
  a further case. A copied number, a copied self-check or a copied call to a package function
  cannot pass. On such data the self-checks say they cannot judge and leave it to the hidden tests.
- Misconceptions are data (:class:`Wrong`): a wrong answer computed from the data, or a test of
  the answer, plus the message that names it. A test feeds every one to its question.
"""

from __future__ import annotations

import copy
import hashlib
import html
import inspect
import json
import math
import numbers
import os
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from smmlab import theme

#: Marker for "the learner has not answered yet".
NOT_ATTEMPTED = object()

#: The environment variable through which grading chooses the exercise data's seed.
SEED_VARIABLE = "SMMLAB_EXERCISE_SEED"

#: How a check on grading data starts when the answer looks like a declared misconception.
POSSIBLE_SLIP = "Possible slip:"

#: Where the keys (digests of reference answers on the published data) live.
KEYS = Path(__file__).resolve().parent / "exercises" / "keys"


# ---- matchers ---------------------------------------------------------------------------------


def is_real_number(value: Any) -> bool:
    """True for ints and floats (Python or numpy), false for bools and look-alikes."""
    return (
        isinstance(value, numbers.Real)
        and type(value).__module__ in ("builtins", "numpy")
        and not isinstance(value, bool)
    )


def number_matches(answer: Any, expected: float, rel_tol: float = 1e-3, abs_tol: float = 1e-6) -> bool:
    """True when ``answer`` is a real number (not a bool or look-alike object) close to ``expected``."""
    try:
        return bool(
            is_real_number(answer)
            and math.isclose(float(answer), float(expected), rel_tol=rel_tol, abs_tol=abs_tol)
        )
    except (TypeError, ValueError):
        return False


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
        The reference Series.
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
        Never raises.

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

    Every column of ``expected`` must be in ``answer`` (extra columns are ignored), with the same
    row labels (after ``label``, as in :func:`series_matches`; order ignored) and matching cells.
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


# ---- digests ----------------------------------------------------------------------------------


def _digest(salt: str, token: str) -> str:
    return hashlib.sha256(f"{salt}|{token}".encode()).hexdigest()[:24]


def _spell(value: float) -> str:
    """A number to 4 significant digits; anything within 1e-9 of zero is zero."""
    value = float(value)
    return f"{(0.0 if abs(value) < 1e-9 else value) + 0.0:.3e}"


def _number_tokens(value: float) -> set[str]:
    """The 4-significant-digit spellings of ``value`` and of its two near neighbours.

    A key holds the spelling of the reference; an answer agrees when any of its spellings is that
    one, which accepts answers within about 0.03% of the reference (rounding noise) and no more.
    """
    value = float(value)
    return {_spell(v) for v in (value, value * (1 + 2.5e-4), value * (1 - 2.5e-4))}


def _text_token(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return f"bool:{bool(value)}"
    if is_real_number(value) and float(value).is_integer():
        return f"int:{int(value)}"
    return "text:" + " ".join(str(value).strip().lower().split())


# ---- question kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A single number. ``share=True``: a share between 0 and 1 (a percentage reads as a slip)."""

    share: bool = False
    rel_tol: float = 1e-3

    def fits(self, answer: Any) -> bool:
        return is_real_number(answer) and math.isfinite(float(answer))

    def key(self, value: Any, salt: str) -> Any:
        return _digest(salt, _spell(value))

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        return self.fits(answer) and any(_digest(salt, t) == key for t in _number_tokens(answer))

    def same(self, answer: Any, other: Any) -> bool:
        return number_matches(answer, other, rel_tol=self.rel_tol)

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if self.share and self.fits(answer) and self.agrees(float(answer) / 100, key, salt):
            return "That looks like a percentage. Give shares as fractions between 0 and 1 (0.42, not 42)."
        return None

    def show(self, value: Any) -> str:
        return f"{float(value):.4g}" if self.fits(value) else repr(value)


@dataclass(frozen=True)
class Choice:
    """One of a few answers (a label, a name, True/False); case and spacing do not matter."""

    options: tuple[Any, ...] = ()

    def fits(self, answer: Any) -> bool:
        if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray)) or callable(answer):
            return False
        return not self.options or _text_token(answer) in {_text_token(o) for o in self.options}

    def key(self, value: Any, salt: str) -> Any:
        return _digest(salt, _text_token(value))

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        return self.fits(answer) and _digest(salt, _text_token(answer)) == key

    def same(self, answer: Any, other: Any) -> bool:
        return self.fits(answer) and _text_token(answer) == _text_token(other)

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if self.options and not self.fits(answer):
            return "Answer with one of: " + ", ".join(repr(o) for o in self.options) + "."
        return None

    def show(self, value: Any) -> str:
        return repr(value)


@dataclass(frozen=True)
class Series:
    """A pandas Series under labels (``label`` normalises them, as in :func:`series_matches`).

    Its values are numbers, or with ``text=True`` labels such as a format or segment name per
    row (compared as :class:`Choice` compares them).
    """

    label: Callable[[Any], Hashable] | None = str
    ordered: bool = False
    text: bool = False

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, pd.Series)

    def _cells(self, series: pd.Series) -> list[tuple[str, Any]] | None:
        labels = (
            list(range(len(series))) if self.label is None else _distinct_labels(series.index, self.label)
        )
        if labels is None:
            return None
        return [(str(label), value) for label, value in zip(labels, series.tolist(), strict=True)]

    def _tokens(self, value: Any) -> set[str]:
        if self.text or isinstance(value, (bool, np.bool_)):
            return {_text_token(value)}
        return _number_tokens(value) if is_real_number(value) else set()

    def key(self, value: Any, salt: str) -> Any:
        cells = self._cells(value)
        def spell(v: Any) -> str:
            return _text_token(v) if self.text or isinstance(v, (bool, np.bool_)) else _spell(v)

        return {"labels": [label for label, _ in cells],
                "cells": {label: _digest(f"{salt}|{label}", spell(v)) for label, v in cells}}

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        try:
            cells = self._cells(answer) if self.fits(answer) else None
            if cells is None or len(cells) != len(key["labels"]):
                return False
            labels = [label for label, _ in cells]
            if (labels != key["labels"]) if self.ordered else (set(labels) != set(key["labels"])):
                return False
            return all(
                any(_digest(f"{salt}|{label}", t) == key["cells"][label] for t in self._tokens(v))
                for label, v in cells
            )
        except Exception:  # an odd answer reads as wrong
            return False

    def same(self, answer: Any, other: Any) -> bool:
        if self.text or (isinstance(other, pd.Series) and pd.api.types.is_bool_dtype(other)):
            mine, theirs = self._cells(answer) if self.fits(answer) else None, self._cells(other)
            if mine is None or theirs is None:
                return False
            spelled = ([(k, _text_token(v)) for k, v in cells] for cells in (mine, theirs))
            first, second = spelled
            return first == second if self.ordered else sorted(first) == sorted(second)
        return series_matches(answer, other, label=self.label, ordered=self.ordered, rel_tol=1e-3)

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            return "That is a one-column DataFrame; give a Series (select the column with ['name'])."
        return None

    def show(self, value: Any) -> str:
        return f"a {type(value).__name__}" + (f" of length {len(value)}" if hasattr(value, "__len__") else "")


@dataclass(frozen=True)
class Labels:
    """A collection of labels (ids, names): a list, tuple, set, Index, array or Series of them.

    Order matters only with ``ordered=True`` (a ranking); case and spacing never do.
    """

    ordered: bool = False

    def _tokens(self, answer: Any) -> list[str] | None:
        if isinstance(answer, (str, bytes)) or not isinstance(
            answer, (list, tuple, set, frozenset, pd.Index, np.ndarray, pd.Series)
        ):
            return None
        tokens = [_text_token(item) for item in (answer.tolist() if hasattr(answer, "tolist") else answer)]
        return tokens if self.ordered else sorted(set(tokens))

    def fits(self, answer: Any) -> bool:
        return self._tokens(answer) is not None

    def key(self, value: Any, salt: str) -> Any:
        return _digest(salt, "|".join(self._tokens(value)))

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        tokens = self._tokens(answer)
        return tokens is not None and _digest(salt, "|".join(tokens)) == key

    def same(self, answer: Any, other: Any) -> bool:
        mine = self._tokens(answer)
        return mine is not None and mine == self._tokens(other)

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if isinstance(answer, str):
            return "Give a list of labels, even for a single one: ['a'], not 'a'."
        return None

    def show(self, value: Any) -> str:
        return repr(list(value)) if self.fits(value) else repr(value)


@dataclass(frozen=True)
class Tuple:
    """Several answers in one tuple, e.g. ``(real_rate, bought_rate)``; ``items`` are their kinds."""

    items: tuple[Any, ...]

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, (tuple, list)) and len(answer) == len(self.items)

    def key(self, value: Any, salt: str) -> Any:
        return [kind.key(v, f"{salt}|{i}") for i, (kind, v) in enumerate(zip(self.items, value, strict=True))]

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        return self.fits(answer) and all(
            kind.agrees(v, k, f"{salt}|{i}")
            for i, (kind, v, k) in enumerate(zip(self.items, answer, key, strict=True))
        )

    def same(self, answer: Any, other: Any) -> bool:
        return self.fits(answer) and all(
            kind.same(v, o) for kind, v, o in zip(self.items, answer, other, strict=True)
        )

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if not self.fits(answer):
            return f"Give a tuple of {len(self.items)} values, in the order the task names them."
        for i, (kind, v, k) in enumerate(zip(self.items, answer, key, strict=True)):
            if (message := kind.slip(v, k, f"{salt}|{i}")) is not None:
                return message
        return None

    def show(self, value: Any) -> str:
        return repr(tuple(value)) if isinstance(value, (tuple, list)) else repr(value)


@dataclass(frozen=True)
class Frame:
    """A pandas DataFrame; the key covers ``columns`` (extra columns in an answer are ignored)."""

    columns: tuple[str, ...]
    label: Callable[[Any], Hashable] | None = str

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, pd.DataFrame)

    def key(self, value: Any, salt: str) -> Any:
        return {c: Series(self.label).key(value[c], f"{salt}|{c}") for c in self.columns}

    def agrees(self, answer: Any, key: Any, salt: str) -> bool:
        return self.fits(answer) and all(
            c in answer.columns and Series(self.label).agrees(answer[c], key[c], f"{salt}|{c}")
            for c in self.columns
        )

    def same(self, answer: Any, other: Any) -> bool:
        return (
            self.fits(answer)
            and isinstance(other, pd.DataFrame)
            and all(
                c in answer.columns and Series(self.label).same(answer[c], other[c])
                for c in self.columns if c in other.columns
            )
        )

    def slip(self, answer: Any, key: Any, salt: str) -> str | None:
        if self.fits(answer):
            missing = [c for c in self.columns if c not in answer.columns]
            if missing:
                return f"The table needs the column(s) {', '.join(map(repr, missing))}."
        return None

    def show(self, value: Any) -> str:
        return f"a {type(value).__name__} of shape {getattr(value, 'shape', '?')}"


@dataclass(frozen=True)
class Function:
    """A function the learner writes; the check calls it and judges what it returns.

    Parameters
    ----------
    returns
        The kind of what the function returns (:class:`Number`, :class:`Series`, …).
    inputs
        The positional arguments of one call, from the exercise data (default: the data).
    cases
        Instead of ``inputs``: several calls' arguments, from the data (or fixed cases); the
        function must be right on every one. A :class:`Wrong` value is then the list of the
        wrong function's outputs.
    """

    returns: Any
    inputs: Callable[[Any], tuple] = lambda data: (data,)
    cases: Callable[[Any], Sequence[tuple]] | None = None

    def outputs(self, function: Callable, data: Any) -> Any:
        """What ``function`` returns on the data (a list of outputs with ``cases``)."""
        if self.cases is None:
            return function(*self.inputs(data))
        return [function(*case) for case in self.cases(data)]

    def fits(self, answer: Any) -> bool:
        return callable(answer)

    def key(self, value: Any, salt: str) -> Any:  # value: the reference's output(s) on the data
        if self.cases is None:
            return self.returns.key(value, salt)
        return [self.returns.key(v, f"{salt}|{i}") for i, v in enumerate(value)]

    def agrees(self, output: Any, key: Any, salt: str) -> bool:
        if self.cases is None:
            return self.returns.agrees(output, key, salt)
        return len(output) == len(key) and all(
            self.returns.agrees(v, k, f"{salt}|{i}") for i, (v, k) in enumerate(zip(output, key, strict=True))
        )

    def same(self, output: Any, other: Any) -> bool:
        if self.cases is None:
            return self.returns.same(output, other)
        return len(output) == len(other) and all(
            self.returns.same(v, o) for v, o in zip(output, other, strict=True)
        )

    def slip(self, output: Any, key: Any, salt: str) -> str | None:
        if self.cases is None:
            return self.returns.slip(output, key, salt)
        for i, (v, k) in enumerate(zip(output, key, strict=False)):
            if (message := self.returns.slip(v, k, f"{salt}|{i}")) is not None:
                return message
        return None

    def show(self, value: Any) -> str:
        return self.returns.show(value) if self.cases is None else f"{len(value)} results"


Kind = Number | Choice | Series | Labels | Tuple | Frame | Function


# ---- misconceptions, questions, exercises -----------------------------------------------------


@dataclass(frozen=True)
class Wrong:
    """A typical wrong answer and what it reveals.

    Give either ``value`` (the wrong answer itself, computed from the exercise data; for a
    function task, the wrong function's output) or ``when`` (a test of the learner's answer, or
    of a function's output) with an ``example`` answer that triggers it. For a :class:`Frame`,
    ``column`` names the one column the mistake shows in: ``value`` then gives that column only
    (a Series), so the misconception never carries the table's right columns.
    """

    message: str
    value: Callable[[Any], Any] | None = None
    when: Callable[[Any], bool] | None = None
    example: Any = None
    column: str | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.when is None):
            raise ValueError("Wrong needs exactly one of value= or when=")


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: "correct", "incorrect", "not attempted", "unchecked", "hint", "solution".

    True only when correct, or "unchecked" (data a key does not cover: the hidden tests judge).
    """

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status in ("correct", "unchecked")

    def _repr_html_(self) -> str:
        # The status is written in the text colour (4.5:1 in any theme) and coloured in the bar.
        colour = theme.status_colour(self.status)
        symbol = {
            "correct": "✔ Correct",
            "incorrect": "✘ Incorrect",
            "not attempted": "… Not attempted",
            "unchecked": "◌ Not checked here",
            "hint": "Hint",
            "solution": "Solution",
        }[self.status]
        body = (
            f'<pre style="white-space:pre-wrap">{html.escape(self.message)}</pre>'
            if self.status == "solution"
            else html.escape(self.message)
        )
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:4px 8px;color:{theme.TEXT}">'
            f"<b>{symbol}</b> {body}</div>"
        )

    def __repr__(self) -> str:
        return f"{self.status.capitalize()}: {self.message}"


@dataclass(frozen=True)
class Question:
    """One checkable task, declared once.

    Parameters
    ----------
    label
        ``"q1"``, ``"q2"``…: the name of the check object in the notebook and of its nbgrader cells.
    name
        The learner's variable or function, e.g. ``"complaint_share_4w"``.
    kind
        :class:`Number`, :class:`Choice`, :class:`Series`, :class:`Labels`, :class:`Tuple`,
        :class:`Frame` or :class:`Function`.
    hints
        From gentle to direct; the last one still leaves the learner a step to take.
    wrong
        Typical wrong answers (:class:`Wrong`), tried in order after a slip of the kind
        (a percentage for a share, a DataFrame for a Series).
    predict
        For a ★ predict-first task, the variable holding the learner's prediction: the check
        wants it set first and echoes it beside the data.
    """

    label: str
    name: str
    kind: Kind
    hints: tuple[str, ...]
    wrong: tuple[Wrong, ...] = ()
    predict: str | None = None


#: Draws of its data an exercise keeps simulated in one process (see :meth:`Exercise.judged`).
KEPT_DRAWS = 3


def published_seed(default: int) -> int:
    """The seed the exercise data use: ``$SMMLAB_EXERCISE_SEED`` while grading, else ``default``."""
    raw = os.environ.get(SEED_VARIABLE, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{SEED_VARIABLE} must be a whole number, got {raw!r}") from None


@dataclass(frozen=True)
class Exercise:
    """An exercise: its data (by seed) and its questions.

    ``data()`` gives the published data, or the grading draw when grading sets
    ``SMMLAB_EXERCISE_SEED``; ``checks()`` gives the self-checks ``q1, q2, …``.
    """

    slug: str
    build: Callable[[int], Any]
    questions: tuple[Question, ...]
    seed: int = 2026
    keys: Path = KEYS
    _draws: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def data(self, seed: int | None = None) -> Any:
        """The exercise data for ``seed`` (default: the published seed, or the grading seed).

        A fresh copy each call (see :meth:`judged`): the set-up cell, every self-check and every
        hidden test ask for the data, and only the first of them for a seed simulates it.
        """
        return self.judged(published_seed(self.seed) if seed is None else seed)

    def judged(self, seed: int) -> Any:
        """A fresh copy of the data for ``seed``, simulated once per process and then copied (a
        learner who changes their copy changes nothing a check or a test reads). The last
        :data:`KEPT_DRAWS` seeds are kept: the grading draw and a hidden test's other draws."""
        seed = int(seed)
        if seed in self._draws:
            self._draws[seed] = self._draws.pop(seed)  # the most recent last
        else:
            while len(self._draws) >= KEPT_DRAWS:
                self._draws.pop(next(iter(self._draws)))
            self._draws[seed] = self.build(seed)
        return copy.deepcopy(self._draws[seed])

    def checks(self) -> Checks:
        """The self-checks, one per question, in order."""
        return Checks(self, {q.label: Check(self, q) for q in self.questions})

    def key_path(self) -> Path:
        """Where the key of the published data is stored."""
        return self.keys / f"{self.slug}.json"

    def key(self) -> dict:
        """The stored key of the published data (``{}`` when ``smmlab release`` has not made it)."""
        try:
            return json.loads(self.key_path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def make_key(self, answers: Mapping[str, Any]) -> dict:
        """Digests of the reference ``answers`` (by variable name) on the published data."""
        data = self.build(self.seed)
        key: dict[str, Any] = {"seed": self.seed}
        for q in self.questions:
            value = answers[q.name]
            if isinstance(q.kind, Function):
                value = q.kind.outputs(value, data)
            key[q.label] = q.kind.key(value, self.salt(q))
        return key

    def salt(self, question: Question) -> str:
        return f"{self.slug}|{question.label}"


@dataclass
class Check:
    """The self-check of one question, as the learner uses it: ``check()``, ``hint(n)``, ``solution()``."""

    exercise: Exercise
    question: Question
    _namespace: dict | None = field(default=None, repr=False)
    _tried: bool = field(default=False, repr=False)

    # -- reading the learner's notebook
    def _lookup(self, name: str) -> Any:
        namespace = self._namespace if self._namespace is not None else _notebook_namespace()
        value = namespace.get(name, NOT_ATTEMPTED)
        return NOT_ATTEMPTED if value is Ellipsis or value is None else value

    def answer(self) -> Any:
        """The learner's current answer, or :data:`NOT_ATTEMPTED`."""
        return self._lookup(self.question.name)

    # -- verdicts
    def check(self) -> CheckResult:
        """Check the learner's answer; display and return the outcome."""
        result = self.judge(self.answer())
        _show(result)
        return result

    def judge(self, answer: Any) -> CheckResult:
        """The verdict on ``answer`` (the learner's variable, or function)."""
        q, label = self.question, self.question.label
        if q.predict is not None and self._lookup(q.predict) is NOT_ATTEMPTED:
            return CheckResult(
                "not attempted",
                f"Predict first: store your guess in `{q.predict}` in the cell above, then check again.",
            )
        if answer is NOT_ATTEMPTED:
            return CheckResult(
                "not attempted",
                f"Define `{q.name}` in a cell above and run it, then check again. Stuck? Try {label}.hint().",
            )
        self._tried = True
        seed = published_seed(self.exercise.seed)
        data = self.exercise.judged(seed)
        kind, salt = q.kind, self.exercise.salt(q)
        if isinstance(kind, Function):
            if not callable(answer):
                return CheckResult("incorrect", f"`{q.name}` should be a function; {_describe(answer)}.")
            try:
                answer = kind.outputs(answer, data)
            except Exception as error:  # a learner's function may fail in any way
                return CheckResult("incorrect", f"Calling `{q.name}` raised {type(error).__name__}: {error}")
        key = self.exercise.key()
        if key.get("seed") != seed or label not in key:
            # Grading data (or no key yet): name a misconception if one shows, else leave it to the
            # hidden tests, which hold the reference.
            # A wrong answer may coincide with the right one on some draw, so a misconception is
            # only named here, never held against the learner: the hidden tests decide.
            graded = (f"Graded on a fresh draw of the data (seed {seed}), which this self-check "
                      f"cannot judge: the instructor's tests grade `{q.name}`.")
            if (message := self._misconception(answer, data)) is not None:
                return CheckResult("unchecked", f"{POSSIBLE_SLIP} {message} {graded}")
            return CheckResult("unchecked", graded)
        if kind.agrees(answer, key[label], salt):
            return CheckResult("correct", self._echo(answer, "Well done."))
        verdict = self._misconception(answer, data) or kind.slip(answer, key[label], salt)
        if verdict is None:
            if isinstance(kind, Function) and kind.cases is not None:
                what = f"it was called on {len(answer)} cases and not every result is right"
            elif isinstance(kind, Function):
                what = "it returned " + _describe(answer).removeprefix("you gave ")
            else:
                what = _describe(answer)
            verdict = f"`{q.name}` is not right yet ({what}). Try {label}.hint()."
        return CheckResult("incorrect", self._echo(answer, verdict, right=False))

    def _misconception(self, answer: Any, data: Any) -> str | None:
        for wrong in self.question.wrong:
            try:
                if wrong.when is not None:
                    hit = wrong.when(answer)
                elif wrong.column is not None:
                    label = getattr(self.question.kind, "label", str)
                    hit = (isinstance(answer, pd.DataFrame) and wrong.column in answer.columns
                           and Series(label).same(answer[wrong.column], wrong.value(data)))
                else:
                    hit = self.question.kind.same(answer, wrong.value(data))
                if hit:
                    return wrong.message
            except Exception:  # a misconception test must never hide the plain verdict
                continue
        return None

    def _echo(self, answer: Any, text: str, right: bool = True) -> str:
        q = self.question
        if q.predict is None:
            return text
        guess = self._lookup(q.predict)
        if right:
            return f"You predicted {q.kind.show(guess)}; the data say {q.kind.show(answer)}. {text}"
        return f"You predicted {q.kind.show(guess)}; your answer from the data is not right yet. {text}"

    # -- help
    def hint(self, n: int = 1) -> str:
        """Show hint number ``n`` (1 is the gentlest)."""
        hints = self.question.hints
        if not hints:
            text = "There is no hint for this task."
        elif not 1 <= n <= len(hints):
            text = f"Hints are numbered 1 to {len(hints)}."
        else:
            more = f" (hint {n} of {len(hints)})" if len(hints) > 1 else ""
            text = f"Hint{more}: {hints[n - 1]}"
        _show(CheckResult("hint", text))
        return text

    def solution(self) -> str:
        """Show the worked solution from the course's ``solutions/``, once the task was tried.

        Off when ``SMMLAB_SOLUTIONS=off`` (graded use) or when the course has no ``solutions/``.
        """
        q = self.question
        if not self._tried and self.answer() is NOT_ATTEMPTED:
            text = f"Try first: define `{q.name}` and run {q.label}.check(); then the solution opens."
        elif os.environ.get("SMMLAB_SOLUTIONS", "").lower() in ("off", "0", "no", "false"):
            text = "Your instructor has not released the solutions of this exercise."
        else:
            text = solution_text(self.exercise.slug, q.label) or (
                "The solutions are not part of this copy of the course."
            )
        _show(CheckResult("solution", text))
        return text

    @property
    def label(self) -> str:
        return self.question.label


def solution_text(slug: str, label: str) -> str | None:
    """The solution code of question ``label`` from ``solutions/<slug>/<slug>.ipynb``, or None."""
    from smmlab.catalog import course_root

    try:
        path = course_root() / "solutions" / slug / f"{slug}.ipynb"
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for cell in cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{label}-answer":
            source = "".join(cell["source"])
            return re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", "", source, flags=re.M).strip()
    return None


@dataclass
class Checks:
    """The checks of one exercise, reachable as attributes ``q1``, ``q2``… and unpackable in order."""

    exercise: Exercise
    by_label: dict[str, Check]

    def __getattr__(self, label: str) -> Check:
        try:
            return self.__dict__["by_label"][label]
        except KeyError:
            raise AttributeError(label) from None

    def __iter__(self):
        return iter(self.by_label.values())


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
