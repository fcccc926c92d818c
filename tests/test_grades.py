"""Grades, scales and pillars."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import Grade, GradingScale

grades = st.sampled_from(list(Grade))


def test_published_order() -> None:
    # DESIGN.md and seed 001: Outstanding > Good > Adequate > Requires improvement > Inadequate.
    assert (
        Grade.OUTSTANDING
        > Grade.GOOD
        > Grade.ADEQUATE
        > Grade.REQUIRES_IMPROVEMENT
        > Grade.INADEQUATE
    )
    assert sorted(Grade, reverse=True) == [
        Grade.OUTSTANDING,
        Grade.GOOD,
        Grade.ADEQUATE,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE,
    ]


def test_scales() -> None:
    # Seed 002 Annex A lists four judgment categories; seed 001 adds Adequate in 2021/22.
    assert Grade.ADEQUATE not in GradingScale.FOUR_POINT
    assert Grade.ADEQUATE in GradingScale.FIVE_POINT
    assert [g.value.lower() for g in GradingScale.FOUR_POINT.grades] == [
        "outstanding",
        "good",
        "requires improvement",
        "inadequate",
    ]
    assert set(GradingScale.FOUR_POINT.grades) < set(GradingScale.FIVE_POINT.grades)
    assert "Good" not in GradingScale.FIVE_POINT  # membership is of grades, not strings


@given(grades, grades)
def test_order_is_total_and_antisymmetric(a: Grade, b: Grade) -> None:
    assert sum([a < b, a == b, a > b]) == 1
    assert (a <= b) == (not a > b)
    assert (a >= b) == (not a < b)
    assert (a < b) == (a.rank < b.rank)


@given(grades, grades, grades)
def test_order_is_transitive(a: Grade, b: Grade, c: Grade) -> None:
    if a < b and b < c:
        assert a < c


@pytest.mark.parametrize("scale", list(GradingScale))
def test_scale_lists_grades_best_first(scale: GradingScale) -> None:
    assert list(scale.grades) == sorted(scale.grades, reverse=True)
    for better, worse in itertools.pairwise(scale.grades):
        assert better > worse


def test_grades_do_not_compare_with_other_types() -> None:
    with pytest.raises(TypeError):
        _ = Grade.GOOD < 3  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("‘Requires Improvement’", Grade.REQUIRES_IMPROVEMENT),  # seed 001
        ("‘Good’", Grade.GOOD),  # seed 001
        ("'good'", Grade.GOOD),  # seed 003: "judged as 'good'"
        ("‘Outstanding’", Grade.OUTSTANDING),  # seed 001
        ("  requires   improvement ", Grade.REQUIRES_IMPROVEMENT),
        ("Requires-improvement", Grade.REQUIRES_IMPROVEMENT),
        ("REQUIRES_IMPROVEMENT", Grade.REQUIRES_IMPROVEMENT),
        ("“Inadequate”", Grade.INADEQUATE),
        ("Adequate", Grade.ADEQUATE),
    ],
)
def test_parse_accepts_published_spellings(text: str, grade: Grade) -> None:
    assert Grade.parse(text) is grade


@given(
    grades,
    st.sampled_from([str, str.upper, str.lower, str.title, str.swapcase]),
    st.sampled_from(["", " ", "  "]),
)
def test_parse_of_value_in_any_case_is_the_grade(grade: Grade, case: object, pad: str) -> None:
    assert callable(case)
    assert Grade.parse(pad + case(grade.value) + pad) is grade


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Goood", "'Goood' is not a grade; did you mean 'Good'?"),
        (
            "Requires improvment",
            "'Requires improvment' is not a grade; did you mean 'Requires improvement'?",
        ),
        ("Outstandng", "'Outstandng' is not a grade; did you mean 'Outstanding'?"),
        (
            "excellent",
            "'excellent' is not a grade; the grades are 'Outstanding', 'Good', 'Adequate', "
            "'Requires improvement', 'Inadequate'",
        ),
        (
            "",
            "'' is not a grade; the grades are 'Outstanding', 'Good', 'Adequate', 'Requires improvement', 'Inadequate'",
        ),
    ],
)
def test_parse_rejects_other_text_suggesting_the_nearest(text: str, message: str) -> None:
    with pytest.raises(pm.ValidationError) as info:
        Grade.parse(text)
    (problem,) = info.value.problems
    assert problem.message == message
    assert problem.code == "grade.unknown"


def test_parse_rejects_non_text() -> None:
    with pytest.raises(pm.ValidationError, match="a grade must be text, not int 3"):
        Grade.parse(3)  # type: ignore[arg-type]


@given(st.text(max_size=30))
def test_parse_either_returns_a_grade_or_raises_validation_error(text: str) -> None:
    def squash(s: str) -> str:
        return "".join(c for c in s.casefold() if c.isalnum())

    try:
        grade = Grade.parse(text)
    except pm.ValidationError as error:
        problems = error.problems
        assert [(p.path, p.code) for p in problems] == [("$", "grade.unknown")]
    else:
        assert squash(grade.value) == squash(text)


def test_pillars() -> None:
    assert [p.value for p in pm.Pillar] == ["Effectiveness", "Efficiency", "Legitimacy"]
