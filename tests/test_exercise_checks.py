"""Every exercise's self-checks, from their declarations: right answers pass, every declared
misconception names itself, no answer ships with the package, hints stop short of the answer."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from functools import cache

import pandas as pd
import pytest
from support import CATALOG, ROOT

import smmlab
from smmlab import checks as ck
from smmlab.exercises import module_for, solution_answers

EXERCISES = [
    pytest.param(lesson, id=lesson.name)
    for lesson in CATALOG.lessons
    if (ROOT / "solutions" / lesson.name / f"{lesson.name}.ipynb").exists()
]


@cache
def reference(name: str) -> dict:
    """The solution notebook's namespace (run in this process, published data)."""
    return solution_answers(name, ROOT)


def checks_for(lesson, namespace: dict) -> list[ck.Check]:
    checks = list(module_for(lesson.name).checks())
    for check in checks:
        check._namespace = namespace
    return checks


def as_answer(question: ck.Question, value):
    """A learner's answer giving ``value``: for a function task, a function returning it
    (with several cases, the next of the outputs ``value`` lists at each call)."""
    kind = question.kind
    if not isinstance(kind, ck.Function):
        return value
    if kind.cases is None:
        return lambda *_args: value
    calls = iter(value * 1000)
    return lambda *_args: next(calls)


@pytest.fixture(autouse=True)
def published_data(monkeypatch):
    monkeypatch.delenv(ck.SEED_VARIABLE, raising=False)


@pytest.mark.parametrize("lesson", EXERCISES)
def test_key_is_current_with_the_solution(lesson):
    exercise = module_for(lesson.name).EXERCISE
    stored = json.loads(exercise.key_path().read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(exercise.make_key(reference(lesson.name)))), (
        f"{exercise.key_path().name} is stale: run `make release`"
    )


@pytest.mark.parametrize("lesson", EXERCISES)
def test_reference_answers_are_correct_and_no_misconception_matches_them(lesson):
    namespace = reference(lesson.name)
    data = module_for(lesson.name).data()
    for check in checks_for(lesson, namespace):
        question = check.question
        assert check.check(), f"{question.label}: the solution's answer fails its own check"
        answer = namespace[question.name]
        output = question.kind.outputs(answer, data) if isinstance(question.kind, ck.Function) else answer
        for wrong in question.wrong:
            if wrong.value is not None:
                assert not question.kind.same(output, wrong.value(data)), (
                    f"{question.label}: a declared wrong answer equals the right one: {wrong.message}"
                )


@pytest.mark.parametrize("lesson", EXERCISES)
def test_every_misconception_message_comes_back_for_its_wrong_answer(lesson):
    namespace = dict(reference(lesson.name))
    data = module_for(lesson.name).data()
    checks = checks_for(lesson, namespace)
    assert any(check.question.wrong for check in checks), f"{lesson.name} declares no misconception"
    for check in checks:
        for wrong in check.question.wrong:
            value = wrong.example if wrong.when is not None else wrong.value(data)
            if wrong.column is not None:  # the right table with the one wrong column
                by_label = {str(k): v for k, v in value.items()}
                value = namespace[check.question.name].copy()
                value[wrong.column] = [by_label[str(k)] for k in value.index]
            result = check.judge(as_answer(check.question, value))
            assert result.status == "incorrect" and wrong.message in result.message, (
                f"{check.label} fed {value!r:.80}: expected {wrong.message!r:.80}, got {result!r:.160}"
            )


@pytest.mark.parametrize("lesson", EXERCISES)
def test_checks_start_not_attempted_and_predictions_come_first(lesson):
    namespace = dict(reference(lesson.name))
    for check in checks_for(lesson, {}):
        assert check.check().status == "not attempted"
        assert "Try first" in check.solution()
    for check in checks_for(lesson, namespace):
        question = check.question
        if question.predict:
            guess = namespace.pop(question.predict)
            assert "Predict first" in check.check().message
            namespace[question.predict] = guess
            assert f"You predicted {question.kind.show(guess)}" in check.check().message


@pytest.mark.parametrize("lesson", EXERCISES)
def test_on_grading_data_a_check_leaves_the_verdict_to_the_hidden_tests(lesson, monkeypatch):
    namespace = reference(lesson.name)
    monkeypatch.setenv(ck.SEED_VARIABLE, "424242")
    for check in checks_for(lesson, namespace):
        result = check.check()
        assert result.status == "unchecked" and result, result


def package_names() -> set[str]:
    """Every public name defined anywhere in the installed package."""
    names: set[str] = set()
    for info in pkgutil.walk_packages(smmlab.__path__, "smmlab."):
        if ".grading." in info.name or info.name.endswith(("__main__", ".cli")):
            continue
        module = importlib.import_module(info.name)
        names.update(name for name in vars(module) if not name.startswith("_"))
    return names


@pytest.mark.parametrize("lesson", EXERCISES)
def test_no_function_to_write_exists_in_the_package(lesson):
    names = package_names()
    for question in module_for(lesson.name).EXERCISE.questions:
        if isinstance(question.kind, ck.Function):
            assert question.name not in names, (
                f"{question.label}: smmlab already offers `{question.name}`; a learner could import it"
            )


def fragments(hint: str) -> list[str]:
    return re.findall(r"`([^`]+)`", hint)


@pytest.mark.parametrize("lesson", EXERCISES)
def test_no_hint_is_the_answer(lesson):
    """Run every code fragment of every hint as if it were the answer: none may pass the check."""
    for check in checks_for(lesson, {}):
        question = check.question
        for fragment in (f for hint in question.hints for f in fragments(hint)):
            namespace = {k: v for k, v in reference(lesson.name).items() if not k.startswith("_")}
            namespace.pop(question.name, None)
            namespace["pd"] = pd
            candidates = []
            try:
                candidates.append(eval(fragment, namespace))
            except Exception:
                pass
            try:
                exec(fragment, namespace)
                candidates.append(namespace.get(question.name))
            except Exception:
                pass
            for candidate in candidates:
                if candidate is None or candidate is Ellipsis:
                    continue
                check._namespace = {question.name: candidate, question.predict or "_": "x"}
                assert not check.check(), f"{question.label}: the hint fragment `{fragment}` is the answer"


# ---- lesson 22: a pitch deck that is the same on every draw, its labels only in the key -------


def test_judge_the_advice_deck_is_the_same_on_every_draw_and_grades_typed_labels():
    ex = module_for("22-judge-the-advice")
    published = ex.EXERCISE.data().deck
    assert len(published) >= 8 and published.index.is_unique
    for seed in (0, 7, 31337, ex.EXERCISE.seed + 7919):
        assert ex.EXERCISE.data(seed).deck.equals(published)
    answers = reference("22-judge-the-advice")
    key = ex.EXERCISE.key()
    for question in ex.EXERCISE.questions:
        if question.label in ex.SAME_ON_EVERY_DRAW:  # a typed copy of the reference agrees with the key
            typed = pd.Series(answers[question.name].to_dict())
            assert question.kind.agrees(typed, key[question.label], ex.EXERCISE.salt(question))
    assert set(answers["verdicts"]) <= set(ex.VERDICTS)
    assert set(answers["deciding_lessons"]) <= set(ex.LESSONS)


def test_judge_the_advice_labels_are_nowhere_in_the_package():
    """Neither an object nor a line of source in smmlab pairs a claim with its reference label."""
    answers = reference("22-judge-the-advice")
    pairs = {
        name: {str(claim): value for claim, value in answers[name].items()}
        for name in ("verdicts", "deciding_lessons")
    }
    for info in pkgutil.walk_packages(smmlab.__path__, "smmlab."):
        if ".grading." in info.name or info.name.endswith(("__main__", ".cli")):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            if isinstance(value, (dict, pd.Series)) and len(value):
                try:
                    mapping = {str(k): v for k, v in dict(value).items()}
                except (TypeError, ValueError):
                    continue
                assert all(mapping != wanted for wanted in pairs.values()), f"{info.name} holds the labels"
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "smmlab").rglob("*.py"))
    for claim, label in pairs["verdicts"].items():
        assert not re.search(rf"[\'\"]{claim}[\'\"]\s*[:,]\s*[\'\"]{label}[\'\"]", sources), (claim, label)
    for claim, lesson in pairs["deciding_lessons"].items():
        assert not re.search(rf"[\'\"]{claim}[\'\"]\s*[:,]\s*{lesson}\b", sources), (claim, lesson)


def test_an_exercise_loads_no_plotting_or_widget_library():
    """Every graded notebook starts a kernel that imports its exercise module: matplotlib and
    ipywidgets load only when a lesson draws or shows an explorer, which grading never does."""
    import subprocess
    import sys

    modules = [f"smmlab.exercises.{m.name}" for m in pkgutil.iter_modules(importlib.import_module(
        "smmlab.exercises").__path__)]
    probe = f"import sys; [__import__(m) for m in {modules!r}]; " + (
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipywidgets', 'IPython'}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert len(modules) >= 23 and loaded.stdout.strip() == "[]", loaded.stdout
