"""The hard rules (enforced at construction) and the soft rules of check()."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest

import peelmodel as pm
from peelmodel import Grade, Inspection, Judgment

P2015 = pm.programmes.get("peel-2015")
P2021 = pm.programmes.get("peel-2021-22")


def inspection(**changes: Any) -> Inspection:
    """A small valid effectiveness inspection, with changes."""
    fields: dict[str, Any] = {
        "force": "essex",
        "programme": P2015,
        "pillar": pm.Pillar.EFFECTIVENESS,
        "published": date(2016, 2, 18),
        "judgments": [
            Judgment(subject="effectiveness", grade=Grade.REQUIRES_IMPROVEMENT),
            Judgment(subject="effectiveness.preventing-crime", grade=Grade.REQUIRES_IMPROVEMENT),
            Judgment(subject="effectiveness.vulnerability", grade=Grade.INADEQUATE),
            Judgment(subject="effectiveness.serious-organised-crime", grade=Grade.GOOD),
        ],
        "areas_for_improvement": [
            pm.AreaForImprovement(
                subject="effectiveness.preventing-crime",
                text="The force should ensure that the prevention of crime and anti-social "
                "behaviour is a routine part of neighbourhood policing activity.",
            )
        ],
    }
    fields.update(changes)
    return Inspection(**fields)


def problems_of(error: pytest.ExceptionInfo[pm.ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in error.value.problems]


def test_a_valid_inspection() -> None:
    i = inspection()
    assert i.title == "PEEL 2015: Effectiveness"
    assert repr(i) == "<Inspection essex PEEL 2015: Effectiveness: Requires improvement>"
    assert i.force_record.name == "Essex Police"
    assert i.judgment("effectiveness.vulnerability") == Judgment(
        subject="effectiveness.vulnerability", grade=Grade.INADEQUATE
    )
    assert pm.check(i) == ()


def test_collections_become_tuples_and_evolve_keeps_them() -> None:
    i = inspection()
    assert isinstance(i.judgments, tuple)
    assert attrs.evolve(i) == i


# --- one negative test per hard rule -------------------------------------------------


def test_grade_off_the_scale() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(judgments=[Judgment(subject="effectiveness", grade=Grade.ADEQUATE)])
    assert problems_of(info) == [
        (
            "$.judgments[0].grade",
            "grade 'Adequate' is not on the four-point scale used by PEEL 2015",
        )
    ]


def test_judgment_of_something_the_programme_does_not_define() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(judgments=[Judgment(subject="responding-to-the-public", grade=Grade.GOOD)])
    assert problems_of(info) == [
        ("$.judgments[0].subject", "PEEL 2015 does not judge 'responding-to-the-public'")
    ]


def test_judgment_outside_the_inspections_pillar() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(judgments=[Judgment(subject="legitimacy", grade=Grade.GOOD)])
    assert problems_of(info) == [
        (
            "$.judgments[0].subject",
            "'legitimacy' is not part of PEEL 2015: Effectiveness, which covers effectiveness only",
        )
    ]


def test_two_judgments_of_the_same_thing() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(
            judgments=[
                Judgment(subject="effectiveness", grade=Grade.GOOD),
                Judgment(subject="effectiveness", grade=Grade.INADEQUATE),
            ]
        )
    assert problems_of(info) == [
        ("$.judgments[1].subject", "'effectiveness' is judged twice (also at $.judgments[0])")
    ]


def test_grade_on_a_narrative_only_subject() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(
            programme=pm.programmes.get("peel-2016"),
            judgments=[Judgment(subject="effectiveness.specialist-capabilities", grade=Grade.GOOD)],
            areas_for_improvement=[],
        )
    assert problems_of(info) == [
        (
            "$.judgments[0].grade",
            "PEEL 2016 does not grade 'effectiveness.specialist-capabilities' (narrative only), but it is given 'Good'",
        )
    ]


def test_carried_over_states() -> None:
    carried = Judgment(
        subject="effectiveness.vulnerability", grade=Grade.GOOD, carried_over_from=2016
    )
    assert carried.status is pm.JudgmentStatus.CARRIED_OVER
    assert carried.describe() == "Good (carried over from 2016)"
    not_graded = Judgment(
        subject="efficiency", summary="Not graded after the Manchester Arena attack."
    )
    assert not_graded.status is pm.JudgmentStatus.NOT_GRADED
    assert not_graded.describe() == "not graded"
    p2017 = pm.programmes.get("peel-2017")
    ok = pm.Inspection(
        force="greater-manchester",
        programme=p2017,
        published=date(2018, 3, 22),
        judgments=[carried, not_graded],
    )
    assert ok.judgment("efficiency") == not_graded
    with pytest.raises(pm.ValidationError) as info:
        pm.Inspection(
            force="essex",
            programme=p2017,
            published=date(2018, 3, 22),
            judgments=[attrs.evolve(carried, carried_over_from=2017)],
        )
    assert problems_of(info) == [
        (
            "$.judgments[0].carried_over_from",
            "a judgment can only be carried over from a year before PEEL 2017 (2017), not from 2017",
        )
    ]
    with pytest.raises(
        pm.ValidationError, match="a judgment carried over from 2016 keeps the grade"
    ):
        Judgment(subject="effectiveness", carried_over_from=2016)


def test_finding_attached_to_something_not_covered() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(
            areas_for_improvement=[
                pm.AreaForImprovement(subject="efficiency.demand", text="The force should plan.")
            ]
        )
    assert problems_of(info) == [
        (
            "$.areas_for_improvement[0].subject",
            "'efficiency.demand' is not part of PEEL 2015: Effectiveness, which covers effectiveness only",
        )
    ]


def test_cause_of_concern_without_recommendation() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.CauseOfConcern(
            subject="effectiveness.vulnerability", text="Serious weaknesses.", recommendations=[]
        )
    assert problems_of(info) == [
        ("$.recommendations", "a cause of concern must come with at least one recommendation")
    ]


def test_period_that_ends_before_it_starts() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Period(start=date(2015, 11, 30), end=date(2015, 9, 1))
    assert problems_of(info) == [
        ("$.end", "the period ends (2015-09-01) before it starts (2015-11-30)")
    ]


def test_negative_count_and_base() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Metric(
            id="m",
            name="Crime",
            value=1.0,
            unit=pm.Unit.PER_1000_POPULATION,
            decimals=1,
            count=-5,
            base=0,
        )
    assert problems_of(info) == [
        ("$.count", "the count of Crime must not be negative, but it is -5"),
        ("$.base", "the base of Crime must be above zero, but it is 0"),
    ]


def test_rate_that_disagrees_with_its_count_and_base() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Metric(
            id="ocg",
            name="OCGs",
            value=34,
            unit=pm.Unit.PER_MILLION_POPULATION,
            count=58,
            base=1_757_000,
        )
    assert problems_of(info) == [
        (
            "$.value",
            "OCGs is 34 per 1,000,000 population, but 58 / 1,757,000 × 1,000,000 is 33.01, which does not "
            "round to it at 0 decimal places",
        )
    ]


def test_comparator_that_disagrees_names_the_comparator() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Metric(
            id="charged",
            name="Charged/Summonsed",
            value=15.0,
            unit=pm.Unit.PERCENT,
            decimals=1,
            comparator=pm.Comparator(value=17.0, count=577_678, base=3_610_000),
        )
    assert problems_of(info) == [
        (
            "$.comparator.value",
            "Charged/Summonsed in England and Wales is 17.0 percent, but 577,678 / 3,610,000 × 100 is 16.002, "
            "which does not round to it at 1 decimal place",
        )
    ]


def test_percentage_outside_0_to_100() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Metric(
            id="sat", name="Victim satisfaction", value=180.6, unit=pm.Unit.PERCENT, decimals=1
        )
    assert problems_of(info) == [
        ("$.value", "Victim satisfaction is 180.6 percent, outside 0 to 100")
    ]


def test_value_more_precise_than_published() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Metric(
            id="rate", name="Crime rate", value=56.83, unit=pm.Unit.PER_1000_POPULATION, decimals=1
        )
    assert problems_of(info) == [
        (
            "$.value",
            "Crime rate is 56.83, which has more decimal places than the 1 it is published to",
        )
    ]


def test_unknown_force() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(force="esex")
    assert problems_of(info) == [
        ("$.force", "'esex' is not a police force of England and Wales; did you mean 'essex'?")
    ]


def test_metric_ids_unique_and_groups_known() -> None:
    m = pm.Metric(id="a", name="A", value=1, unit=pm.Unit.COUNT)
    with pytest.raises(pm.ValidationError) as info:
        inspection(metrics=[m, m, attrs.evolve(m, id="b", part_of="zzz")])
    assert problems_of(info) == [
        ("$.metrics[1].id", "the metric id 'a' is used twice (also at $.metrics[0])"),
        (
            "$.metrics[2].part_of",
            "'b' is part of 'zzz', which is not another metric of this inspection",
        ),
    ]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(pm.ValidationError) as info:
        inspection(
            force="nowhere",
            judgments=[
                Judgment(subject="effectiveness", grade=Grade.ADEQUATE),
                Judgment(subject="x", grade=None),
            ],
        )
    assert [p.path for p in info.value.problems] == [
        "$.force",
        "$.judgments[0].grade",
        "$.judgments[1].subject",
    ]
    assert str(info.value).startswith("3 problems:\n  $.force: 'nowhere' is not a police force")


# --- soft rules: check() -------------------------------------------------------------


def codes(obj: object) -> list[str]:
    return [p.code for p in pm.check(obj)]


def test_check_pillar_grade_outside_question_range() -> None:
    i = inspection(
        judgments=[
            Judgment(subject="effectiveness", grade=Grade.OUTSTANDING),
            Judgment(subject="effectiveness.preventing-crime", grade=Grade.REQUIRES_IMPROVEMENT),
            Judgment(subject="effectiveness.investigating-crime", grade=Grade.GOOD),
            Judgment(subject="effectiveness.vulnerability", grade=Grade.GOOD),
            Judgment(subject="effectiveness.serious-organised-crime", grade=Grade.GOOD),
        ]
    )
    (problem,) = pm.check(i)
    # With a question not recorded, the range is unknown and nothing is reported.
    assert pm.check(attrs.evolve(i, judgments=i.judgments[:3])) == ()
    assert problem.severity is pm.Severity.WARNING
    assert problem.path == "$.judgments[0].grade"
    assert problem.message == (
        "the effectiveness pillar is graded 'Outstanding', outside the range of its question grades "
        "('Requires improvement' to 'Good')"
    )


def _metric(id: str, value: float, unit: pm.Unit = pm.Unit.PERCENT, **kw: Any) -> pm.Metric:
    return pm.Metric(id=id, name=id, value=value, unit=unit, **kw)


def test_check_shares_sum_to_100_within_rounding() -> None:
    # Seed 002, Figure 7: 53 + 24 + 10 + 7 + 5 = 99, "Figures may not sum to 100 percent, due to rounding".
    whole = _metric("ocgs", 58, pm.Unit.COUNT)
    shares = [_metric(f"s{v}", v, part_of="ocgs") for v in (53, 24, 10, 7, 5)]
    assert codes(inspection(metrics=[whole, *shares])) == []
    too_few = [_metric(f"s{v}", v, part_of="ocgs") for v in (53, 24, 10, 7)]
    assert codes(inspection(metrics=[whole, *too_few])) == ["shares.do_not_sum"]
    (problem,) = pm.check(inspection(metrics=[whole, *too_few]))
    assert (
        problem.message
        == "the shares of 'ocgs' add up to 94 percent, more than rounding (2) away from 100"
    )


def test_check_sub_groups_add_up() -> None:
    # Seed 002, Figure 4: 692 + 2,631 + 683 = 4,006 and 0.7 + 2.6 + 0.7 = 4.0.
    def table(youths: int) -> list[pm.Metric]:
        return [
            _metric("formal", 4.0, decimals=1, count=4_006),
            _metric("youths", 0.7, decimals=1, count=youths, part_of="formal"),
            _metric("adults", 2.6, decimals=1, count=2_631, part_of="formal"),
            _metric("pnd", 0.7, decimals=1, count=683, part_of="formal"),
        ]

    assert codes(inspection(metrics=table(692))) == []
    found = pm.check(inspection(metrics=table(629)))
    # 629 youths at 0.7 per 100 also asks for a base no other rate of the table allows.
    assert [(p.code, p.severity) for p in found] == [
        ("parts.counts_do_not_add_up", pm.Severity.ERROR),
        ("metrics.no_common_base", pm.Severity.WARNING),
    ]
    assert (
        found[0].message
        == "the counts of the parts of 'formal' add up to 3,943, but its count is 4,006"
    )
    off = table(692)
    off[0] = _metric("formal", 4.6, decimals=1, count=4_006)
    assert codes(inspection(metrics=off)) == ["parts.do_not_add_up", "metrics.no_common_base"]


def test_check_area_for_improvement_wording() -> None:
    ok = "The force should adopt a structured and consistent problem-solving process."
    bad = "Problem solving."
    i = inspection(
        areas_for_improvement=[
            pm.AreaForImprovement(subject="effectiveness", text=ok),
            pm.AreaForImprovement(subject="effectiveness", text=bad),
        ]
    )
    assert [(p.path, p.code) for p in pm.check(i)] == [
        ("$.areas_for_improvement[1].text", "area_for_improvement.wording")
    ]


def test_check_inadequate_on_five_point_needs_cause_of_concern() -> None:
    judgments = [Judgment(subject="responding-to-the-public", grade=Grade.INADEQUATE)]
    afi = pm.AreaForImprovement(
        subject="responding-to-the-public", text="The force should answer calls sooner."
    )
    bare = pm.Inspection(
        force="essex",
        programme=P2021,
        published=date(2022, 10, 14),
        judgments=judgments,
        areas_for_improvement=[afi],
    )
    assert codes(bare) == ["inadequate.no_cause_of_concern"]
    # A record that gives no findings at all (grades only) says nothing by lacking one.
    assert codes(attrs.evolve(bare, areas_for_improvement=[])) == []
    concern = pm.CauseOfConcern(
        subject="responding-to-the-public",
        text="The force is not answering calls quickly enough.",
        recommendations=[
            pm.Recommendation(
                text="Within six months, the force should ...", deadline=date(2023, 4, 14)
            )
        ],
    )
    assert codes(attrs.evolve(bare, causes_of_concern=[concern])) == []
    # On the four-point scale the rule does not apply (2015 vulnerability was Inadequate).
    assert codes(inspection()) == []


def test_check_walks_collections_and_refuses_what_is_not_a_model_object() -> None:
    for wrong in ("not a model object", 42):
        with pytest.raises(pm.ValidationError, match="check takes an Inspection"):
            pm.check(wrong)
    bad = inspection(
        judgments=[
            Judgment(subject="effectiveness", grade=Grade.OUTSTANDING),
            *(
                Judgment(subject=f"effectiveness.{q}", grade=Grade.GOOD)
                for q in (
                    "preventing-crime",
                    "investigating-crime",
                    "vulnerability",
                    "serious-organised-crime",
                )
            ),
        ]
    )
    assert [p.path for p in pm.check([inspection(), bad])] == ["$[1].judgments[0].grade"]
