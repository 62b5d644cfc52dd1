"""Exercises do not give their answer away: the cell checks an opaque key, which the solution proves."""

import ast
import re
from pathlib import Path

import nbformat
import pytest

from explainers import chapter

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
KEY = re.compile(r"^[0-9a-f]{12}$")


def _check_calls(source: str) -> list[ast.Call]:
    calls = []
    for node in ast.walk(ast.parse(source)):
        func = getattr(node, "func", None)
        if (
            isinstance(node, ast.Call)
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "chapter"
            and func.attr in ("check", "check_prediction")
        ):
            calls.append(node)
    return calls


def _keywords(call: ast.Call) -> dict:
    return {k.arg: k.value for k in call.keywords}


def _output_text(cell) -> str:
    return " ".join(
        "".join(o.get("data", {}).get("text/markdown", "")) + "".join(o.get("text", "")) for o in cell.outputs
    )


def _exercises():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        for i, cell in enumerate(code):
            if "exercise" in cell.metadata.get("tags", []) and _check_calls(cell.source):
                solution = next((c for c in code[i + 1 :] if "solution" in c.metadata.get("tags", [])), None)
                yield pytest.param(cell, solution, id=f"{path.stem[:2]}-cell{i}")


EXERCISES = list(_exercises())


def test_every_chapter_with_code_has_a_checked_exercise():
    chapters = {p.id[:2] for p in EXERCISES}
    assert {"01", "02", "03", "04", "05", "06"} <= chapters


@pytest.mark.parametrize(("exercise", "solution"), EXERCISES)
def test_exercise_cell_checks_against_a_key_and_holds_no_answer(exercise, solution):
    assert "..." in exercise.source, "an exercise leaves something for the student to fill in"
    assert solution is not None, "every exercise has a solution-tagged code cell after it"
    for call in _check_calls(exercise.source):
        if call.func.attr == "check_prediction":
            continue  # predict-then-run: the observed value is the experiment, shown on purpose
        kw = _keywords(call)
        assert len(call.args) == 1, "check(answer, ...) takes no expected value: only a key"
        assert isinstance(kw.get("key"), ast.Constant) and KEY.match(kw["key"].value), "key= is a literal key"
        assert isinstance(kw.get("exercise"), ast.Constant), "exercise= names the exercise"
        # The solution's own expression for the answer must not stand anywhere in the exercise cell.
        answer = ast.unparse(call.args[0])
        in_exercise = {
            ast.unparse(node) for node in ast.walk(ast.parse(exercise.source)) if isinstance(node, ast.expr)
        }
        for node in ast.walk(ast.parse(solution.source)):
            if isinstance(node, ast.Assign) and any(ast.unparse(t) == answer for t in node.targets):
                assert ast.unparse(node.value) not in in_exercise, f"the exercise cell computes {answer}"
        assert "Fill in" in _output_text(exercise), "as committed, the exercise asks to be filled in"
        # The solution checks against the same key, and its stored output says the key still fits the data.
        same = [
            c
            for c in _check_calls(solution.source)
            if isinstance(_keywords(c).get("key"), ast.Constant)
            and _keywords(c)["key"].value == kw["key"].value
        ]
        assert same, "the solution checks its answer against the exercise's key"
        assert "Well done" in _output_text(solution), "the key no longer matches the solution's answer"


def test_the_key_reveals_nothing_and_a_wrong_answer_gets_the_hint_not_the_answer():
    key = chapter.answer_key("t-demo", -0.1336, decimals=2)
    assert KEY.match(key) and "0.13" not in key
    assert chapter.answer_key("other-demo", -0.1336, decimals=2) != key  # salted by the exercise's name
    right = chapter.check(-0.1349, exercise="t-demo", key=key, decimals=2, what="t").data
    assert right.startswith("**Well done")
    wrong = chapter.check(
        0.5, exercise="t-demo", key=key, decimals=2, what="t", hint="test against zero"
    ).data
    assert wrong.startswith("**Not yet") and "test against zero" in wrong and "-0.13" not in wrong
    assert "Fill in" in chapter.check(..., exercise="t-demo", key=key, what="t").data
    assert chapter.check("abc", exercise="t-demo", key=key, decimals=2).data.startswith("**Not yet")


def test_authoring_slips_are_refused_with_the_bad_value():
    with pytest.raises(ValueError, match="'0.13' is not an answer key"):
        chapter.check(0.13, exercise="t-demo", key="0.13")
    with pytest.raises(ValueError, match="needs decimals="):
        chapter.answer_key("t-demo", 0.25)


def test_a_prediction_is_compared_with_what_the_data_showed():
    assert "held" in chapter.check_prediction("Negative", "negative").data
    assert "disagreed" in chapter.check_prediction("positive", "negative").data
    assert "before you run" in chapter.check_prediction(..., "negative").data
