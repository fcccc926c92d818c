"""Force histories and movements, honest about the change of scale."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel.history import compare

FOUR_POINT_AREAS = pm.Programme(
    id="test-four-point-areas",
    title="Test four-point areas",
    year=2019,
    scale=pm.GradingScale.FOUR_POINT,
    subjects=[
        pm.Subject(
            id="responding-to-the-public",
            title="Responding to the public",
            kind=pm.SubjectKind.AREA,
        )
    ],
)


def one(
    programme: pm.Programme,
    grade: pm.Grade | None,
    published: date,
    subject: str = "responding-to-the-public",
) -> pm.Inspection:
    return pm.Inspection(
        force="kent",
        programme=programme,
        published=published,
        judgments=[pm.Judgment(subject=subject, grade=grade)],
    )


def test_a_comparison_across_the_change_of_scale_is_not_a_movement() -> None:
    before = one(FOUR_POINT_AREAS, pm.Grade.GOOD, date(2019, 6, 1))
    after = one(pm.programmes.get("peel-2021-22"), pm.Grade.GOOD, date(2022, 6, 1))
    history = pm.ForceHistory.of("kent", [after, before])
    assert [i.published for i in history] == [date(2019, 6, 1), date(2022, 6, 1)]  # time order
    (change,) = history.changes()
    assert change.movement is pm.Movement.NOT_COMPARABLE
    assert change.reason == (
        "Test four-point areas graded on the four-point scale and PEEL 2021/22 on the five-point scale; "
        "HMICFRS says such grades cannot be compared"
    )
    assert history.compare(before, after) == (change,)


def test_not_graded_is_not_a_movement() -> None:
    p = pm.programmes.get("peel-2021-22")
    history = pm.ForceHistory.of(
        "kent",
        [
            one(p, None, date(2022, 1, 1)),
            one(pm.programmes.get("peel-2023-25"), pm.Grade.GOOD, date(2024, 1, 1)),
        ],
    )
    (change,) = history.changes()
    assert change.movement is pm.Movement.NOT_COMPARABLE
    assert change.reason == "not graded in PEEL 2021/22"


def test_history_rejects_other_forces() -> None:
    kent = one(FOUR_POINT_AREAS, pm.Grade.GOOD, date(2019, 6, 1))
    with pytest.raises(pm.ValidationError) as info:
        pm.ForceHistory(force="essex", inspections=[kent])
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "$.inspections[0].force",
            "this is the history of 'essex', but the inspection is of 'kent'",
        )
    ]


five = st.sampled_from(pm.GradingScale.FIVE_POINT.grades)


@given(five, five)
def test_movement_on_one_scale_follows_the_grade_order(a: pm.Grade, b: pm.Grade) -> None:
    first = one(pm.programmes.get("peel-2021-22"), a, date(2022, 1, 1))
    second = one(pm.programmes.get("peel-2023-25"), b, date(2024, 1, 1))
    forward, backward = (
        compare("responding-to-the-public", first, second),
        compare("responding-to-the-public", second, first),
    )
    expected = (
        pm.Movement.IMPROVED if b > a else pm.Movement.DECLINED if b < a else pm.Movement.UNCHANGED
    )
    assert forward.movement is expected
    mirror = {
        pm.Movement.IMPROVED: pm.Movement.DECLINED,
        pm.Movement.DECLINED: pm.Movement.IMPROVED,
    }
    assert backward.movement is mirror.get(expected, expected)
