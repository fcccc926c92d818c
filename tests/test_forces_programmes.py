"""The 43 forces and the programme catalogue."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import peelmodel as pm
from peelmodel import forces, programmes

SHARED_FORCES = Path(__file__).resolve().parents[2] / "shared" / "data" / "forces.csv"


def test_the_43_forces() -> None:
    everything = forces.all()
    assert len(everything) == 43
    assert len({f.id for f in everything}) == 43
    assert len({f.ons_code for f in everything}) == 43
    assert sum(f.country is pm.Country.ENGLAND for f in everything) == 39
    assert sum(f.country is pm.Country.WALES for f in everything) == 4
    assert "btp" not in forces.ids()


@pytest.mark.skipif(not SHARED_FORCES.exists(), reason="shared/ is not beside the checkout")
def test_package_data_matches_the_shared_reference() -> None:
    with SHARED_FORCES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["id"], r["name"], r["ons_code"]) for r in rows] == [
        (f.id, f.name, f.ons_code) for f in forces.all()
    ]


@pytest.mark.parametrize(
    ("key", "force_id"),
    [
        ("essex", "essex"),
        ("Essex Police", "essex"),
        ("ESSEX", "essex"),
        ("E23000028", "essex"),
        ("Met Police", "metropolitan"),
        ("Metropolitan Police Service", "metropolitan"),
        ("Avon & Somerset Constabulary", "avon-and-somerset"),
        ("Devon and Cornwall Police", "devon-and-cornwall"),
        ("Kent", "kent"),
        ("Hampshire and Isle of Wight Constabulary", "hampshire"),
        ("dyfed powys", "dyfed-powys"),
    ],
)
def test_get_by_id_name_alias_or_code(key: str, force_id: str) -> None:
    assert forces.get(key).id == force_id


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("Esex", "'Esex' is not a police force of England and Wales; did you mean 'essex'?"),
        (
            "Kent Polic",
            "'Kent Polic' is not a police force of England and Wales; did you mean 'kent'?",
        ),
        (
            "Police Scotland",
            "'Police Scotland' is not a police force of England and Wales (see peelmodel.forces.all())",
        ),
    ],
)
def test_unknown_force_suggests_the_closest(key: str, message: str) -> None:
    with pytest.raises(pm.ValidationError) as info:
        forces.get(key)
    assert [p.message for p in info.value.problems] == [message]


def test_force_rejects_bad_ids_and_codes() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Force(
            id="Essex Police",
            name="Essex Police",
            country=pm.Country.ENGLAND,
            region="East",
            ons_code="X1",
        )
    assert [p.path for p in info.value.problems] == ["$.id", "$.ons_code"]


def _shape(programme: pm.Programme, pillar: pm.Pillar) -> tuple[bool, int, int]:
    """(has a graded overall, graded questions, questions not graded)."""
    subjects = programme.pillar_subjects(pillar)
    overall = [s for s in subjects if s.kind is pm.SubjectKind.PILLAR and s.graded]
    questions = [s for s in subjects if s.kind is pm.SubjectKind.QUESTION]
    return bool(overall), sum(q.graded for q in questions), sum(not q.graded for q in questions)


E, F, L = pm.Pillar.EFFECTIVENESS, pm.Pillar.EFFICIENCY, pm.Pillar.LEGITIMACY


@pytest.mark.parametrize(
    ("programme_id", "pillar", "shape"),
    [
        # HMIC, "PEEL News – Update 2": six effectiveness questions, three graded and
        # three answered with a narrative; no overall effectiveness grade in 2014.
        ("peel-2014", E, (False, 3, 3)),
        ("peel-2014", F, (True, 3, 0)),
        ("peel-2014", L, (False, 0, 1)),  # Kent 2014 legitimacy: first of four narrative questions
        # HMIC's report "PEEL: Police effectiveness 2015 – Essex Police": overall and four.
        ("peel-2015", E, (True, 4, 0)),
        ("peel-2015", F, (True, 3, 0)),
        # HMIC's PEEL 2015 grades table: four legitimacy questions, crime recording ungraded.
        ("peel-2015", L, (True, 3, 1)),
        ("peel-2016", E, (True, 4, 1)),
        ("peel-2016", F, (True, 3, 0)),
        ("peel-2016", L, (True, 3, 0)),
        ("peel-2017", E, (True, 4, 1)),
        ("peel-2018-19", E, (True, 4, 1)),
        ("peel-2018-19", F, (True, 2, 0)),
        ("peel-2018-19", L, (True, 3, 0)),
    ],
)
def test_catalogue_shapes(
    programme_id: str, pillar: pm.Pillar, shape: tuple[bool, int, int]
) -> None:
    assert _shape(programmes.get(programme_id), pillar) == shape


def test_scales_and_areas() -> None:
    for p in programmes.all():
        expected = pm.GradingScale.FIVE_POINT if p.year >= 2021 else pm.GradingScale.FOUR_POINT
        assert p.scale is expected
        kinds = {s.kind for s in p.subjects}
        assert (kinds == {pm.SubjectKind.AREA}) == (p.year >= 2021)
    assert programmes.get("PEEL 2021/22") is programmes.get("peel-2021-22")
    assert programmes.get("peel-2021-22").subject("crime-data-integrity").graded


def test_seed_002_question_titles() -> None:
    p = programmes.get("peel-2015")
    titles = [s.title for s in p.pillar_subjects(E)]
    assert titles[1] == (
        "How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?"
    )
    assert titles[2] == "How effective is the force at investigating crime and managing offenders?"


def test_unknown_programme_and_subject() -> None:
    with pytest.raises(
        pm.ValidationError,
        match="'pel-2015' is not a known PEEL programme; did you mean 'peel-2015'",
    ):
        programmes.get("pel-2015")
    with pytest.raises(
        pm.ValidationError,
        match=re.escape(
            "PEEL 2015 does not judge 'effectiveness.vulnerabilty'; did you mean 'effectiveness.vulnerability'"
        ),
    ):
        programmes.get("peel-2015").subject("effectiveness.vulnerabilty")


def test_a_user_can_register_a_programme() -> None:
    newer = pm.Programme(
        id="peel-2025-27-test",
        title="PEEL 2025–27 (test)",
        year=2025,
        scale=pm.GradingScale.FIVE_POINT,
        subjects=[
            pm.Subject(
                id="responding-to-the-public",
                title="Responding to the public",
                kind=pm.SubjectKind.AREA,
            )
        ],
    )
    assert programmes.register(newer) is newer
    assert programmes.get("peel-2025-27-test") is newer
    assert programmes.register(newer) is newer  # the same again is fine
    clash = pm.Programme(
        id="peel-2025-27-test",
        title="other",
        year=2025,
        scale=pm.GradingScale.FIVE_POINT,
        subjects=(),
    )
    with pytest.raises(
        pm.ValidationError,
        match="a different programme is already registered as 'peel-2025-27-test'",
    ):
        programmes.register(clash)
    inspection = pm.Inspection(
        force="kent",
        programme=newer,
        published=pm.Period.parse("as at 1 June 2026").end,
        judgments=[pm.Judgment(subject="responding-to-the-public", grade=pm.Grade.ADEQUATE)],
    )
    assert inspection.grades() == {"responding-to-the-public": pm.Grade.ADEQUATE}


def test_programme_rejects_duplicate_subjects_and_unknown_parents() -> None:
    q = pm.Subject(id="x.q", title="Q", kind=pm.SubjectKind.QUESTION, parent="x")
    with pytest.raises(pm.ValidationError) as info:
        pm.Programme(
            id="p", title="P", year=2030, scale=pm.GradingScale.FIVE_POINT, subjects=[q, q]
        )
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("$.subjects[1].id", "programme.duplicate_subject"),
        ("$.subjects[0].parent", "programme.unknown_parent"),
        ("$.subjects[1].parent", "programme.unknown_parent"),
    ]
