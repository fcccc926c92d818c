"""The programme catalogue: package data, cited, checked against the published wording.

Each expected title below is copied from the public page named beside it; the data
files cite the same pages, so a reader can check both.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import peelmodel as pm
from peelmodel import programmes

DATA = Path(pm.__file__).parent / "data" / "programmes"


def test_every_programme_is_a_data_file_read_by_the_public_loader() -> None:
    files = sorted(DATA.glob("*.json"))
    assert [f.stem for f in files] == [p.id for p in programmes.catalogue()]
    for f in files:
        text = f.read_text(encoding="utf-8")
        loaded = pm.from_json(text, pm.Programme)
        assert loaded == programmes.get(loaded.id)
        assert pm.to_json(loaded) + "\n" == text  # the files are in the stable form


def test_the_catalogue_runs_from_2014_to_2025_27() -> None:
    assert [p.title for p in programmes.catalogue()] == [
        "PEEL 2014",
        "PEEL 2015",
        "PEEL 2016",
        "PEEL 2017",
        "PEEL 2018/19",
        "PEEL 2021/22",
        "PEEL 2023–25",
        "PEEL 2025–27",
    ]
    # HMICFRS, "PEEL assessment framework (PAF) 2025–2027", published 11 April 2025.
    newest = programmes.get("peel-2025-27")
    assert newest.published is not None
    assert newest.published.start.isoformat() == "2025-04-11"
    assert newest.subject("leadership").title == (
        "How good is the force at leadership and force management?"
    )


def test_every_programme_and_subject_cites_a_public_page() -> None:
    for p in programmes.catalogue():
        assert p.sources, p.id
        assert all(s.url and s.url.startswith(("https://", "http://")) for s in p.sources), p.id
        for s in p.subjects:
            assert s.source is not None, (p.id, s.id)
            assert s.source.url, (p.id, s.id)
            assert s.source.title, (p.id, s.id)
            if s.unconfirmed:  # an unconfirmed title says why
                assert s.note, (p.id, s.id)


def test_unconfirmed_titles_are_marked_not_hidden() -> None:
    marked = {(p.id, s.id) for p in programmes.catalogue() for s in p.subjects if s.unconfirmed}
    # No stored page printed these; the data says so instead of passing them off.
    assert ("peel-2016", "efficiency.future") in marked
    assert ("peel-2017", "legitimacy.workforce") in marked
    assert ("peel-2021-22", "serious-organised-crime") in marked
    assert ("peel-2015", "effectiveness.vulnerability") not in marked


# HMIC, PEEL 2015 grades table ("three key themes or pillars, and eleven questions"):
# https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2015/?view=table&sort=alpha&data=question&group_by_region=off
PEEL_2015 = {
    "effectiveness.preventing-crime": "How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?",
    "effectiveness.investigating-crime": "How effective is the force at investigating crime and managing offenders?",
    "effectiveness.vulnerability": "How effective is the force at protecting from harm those who are vulnerable, and supporting victims?",
    "efficiency.demand": "How well does the force use its resources to meet its demand?",
    "efficiency.workforce-model": "How sustainable and affordable is the workforce model?",
    "efficiency.financial-position": "How sustainable is the force's financial position for the short and long term?",
    "legitimacy.wellbeing-and-ethics": "To what extent does practice and behaviour reinforce the wellbeing of staff and an ethical culture?",
    "legitimacy.crime-recording": "To what extent are forces recording crimes in accordance with the Home Office Counting Rules?",
    "legitimacy.engaging-the-public": "How well does the force understand, engage with and treat fairly the people it serves to maintain and improve its legitimacy?",
    "legitimacy.stop-and-search-and-taser": "To what extent are decisions taken on the use of stop and search and Taser fair and appropriate?",
}

# HMICFRS, PEEL 2018/19 grades table ("three key themes or pillars, and ten questions"):
# https://www.justiceinspectorates.gov.uk/hmicfrs/peel-assessments/peel-2018/?view=wheel&sort=alpha&data=question&group_by_region=off
PEEL_2018_19 = {
    "effectiveness.preventing-crime": "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?",
    "effectiveness.investigating-crime": "How effective is the force at investigating crime and reducing re-offending?",
    "effectiveness.vulnerability": "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?",
    "effectiveness.serious-organised-crime": "How effective is the force at tackling serious and organised crime?",
    "effectiveness.specialist-capabilities": "How effective are the force's specialist capabilities?",
    "efficiency.demand": "How well does the force use its resources to meet the demand it faces?",
    "efficiency.future": "How well does the force plan for the future?",
    "legitimacy.fairness-and-respect": "To what extent does the force treat all of the people it serves with fairness and respect?",
    "legitimacy.ethical-and-lawful": "How well does the force ensure that its workforce behaves ethically and lawfully?",
    "legitimacy.workforce": "To what extent does the force treat its workforce with fairness and respect?",
}

# HMIC, "The first PEEL assessment" and "PEEL News – Update 3".
PEEL_2014_EFFICIENCY = {
    "efficiency.efficient": "To what extent is the force efficient?",
    "efficiency.financial-position": "To what extent is the force taking steps to ensure a secure financial position for the short and long term?",
    "efficiency.affordable-policing": "To what extent has the force got an affordable way of providing policing?",
}


@pytest.mark.parametrize(
    ("programme_id", "expected"),
    [("peel-2015", PEEL_2015), ("peel-2018-19", PEEL_2018_19), ("peel-2014", PEEL_2014_EFFICIENCY)],
)
def test_titles_are_the_published_wording(programme_id: str, expected: dict[str, str]) -> None:
    p = programmes.get(programme_id)
    assert {s: p.subject(s).title for s in expected} == expected


def test_the_2015_legitimacy_questions_are_the_ones_hmic_graded() -> None:
    p = programmes.get("peel-2015")
    legitimacy = [s for s in p.pillar_subjects(pm.Pillar.LEGITIMACY) if s.parent]
    assert [s.id for s in legitimacy] == [
        "legitimacy.wellbeing-and-ethics",
        "legitimacy.crime-recording",
        "legitimacy.engaging-the-public",
        "legitimacy.stop-and-search-and-taser",
    ]
    # "This question has not been inspected or graded in 2015."
    assert [s.graded for s in legitimacy] == [True, False, True, True]


def test_2016_to_2018_19_questions_1_and_3_are_not_the_2015_wording() -> None:
    for programme_id in ("peel-2016", "peel-2017", "peel-2018-19"):
        p = programmes.get(programme_id)
        for subject in ("effectiveness.preventing-crime", "effectiveness.vulnerability"):
            assert p.subject(subject).title == PEEL_2018_19[subject]
            assert p.subject(subject).title != PEEL_2015[subject]


def test_reworded_2018_19_pillar_headlines() -> None:
    # HMICFRS, "Essex PEEL 2018: Efficiency" and "Legitimacy" (last updated 02/05/2019).
    p = programmes.get("peel-2018-19")
    assert p.subject("efficiency").title == (
        "How efficiently does the force operate and how sustainable are its services to the public?"
    )
    assert (
        p.subject("legitimacy").title
        == "How legitimately does the force treat the public and its workforce?"
    )


def test_what_2021_22_and_2023_25_grade() -> None:
    p2021 = programmes.get("peel-2021-22")
    # HMICFRS reports: "we have integrated our rolling crime data integrity inspections
    # into these PEEL assessments", so nothing may say it was graded separately.
    assert "separately" not in p2021.note
    assert p2021.subject("crime-data-integrity").graded
    assert not p2021.subject("victim-service").graded
    p2023 = programmes.get("peel-2023-25")
    # HMICFRS, "PEEL 2023–2025: An inspection of Essex Police": 10 areas assessed, 9 graded.
    in_reports = [s for s in p2023.subjects if s.id != "serious-organised-crime"]
    assert (len(in_reports), sum(s.graded for s in in_reports)) == (10, 9)
    assert not p2023.subject("serious-organised-crime").graded


def test_a_programme_exposes_nothing_that_changes_the_catalogue() -> None:
    p = programmes.get("peel-2015")
    with pytest.raises(TypeError):
        p._by_id["x"] = p.subjects[0]  # type: ignore[index]
    assert isinstance(p.subjects, tuple)


def _custom(suffix: str = "") -> pm.Programme:
    return pm.Programme(
        id=f"review-2030{suffix}",
        title=f"Review 2030{suffix}",
        year=2030,
        scale=pm.GradingScale.FIVE_POINT,
        subjects=[pm.Subject(id="leadership", title="Leadership", kind=pm.SubjectKind.AREA)],
    )


def test_register_unregister_and_a_scoped_registration() -> None:
    custom = _custom()
    with programmes.registered(custom):
        assert programmes.get("review-2030") is custom
        text = pm.to_json(
            pm.Inspection(
                force="kent",
                programme=custom,
                judgments=[pm.Judgment(subject="leadership", grade=pm.Grade.GOOD)],
            )
        )
        assert json.loads(text)["programme"] == "review-2030"
    with pytest.raises(pm.ValidationError, match="'review-2030' is not a known PEEL programme"):
        programmes.get("review-2030")
    programmes.register(custom)
    programmes.unregister("review-2030")
    with pytest.raises(pm.ValidationError, match="part of peelmodel's catalogue"):
        programmes.unregister("peel-2015")
    with pytest.raises(pm.ValidationError, match="register takes a Programme, not str"):
        programmes.register("peel-2015")  # type: ignore[arg-type]


def test_registering_from_many_threads_at_once() -> None:
    programmes._CATALOGUE_IDS.clear()  # the catalogue is read again, under the race
    programmes._REGISTRY.clear()
    customs = [_custom(f"-{i}") for i in range(40)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(batch: list[pm.Programme]) -> None:
        try:
            barrier.wait()
            for c in batch:
                programmes.register(c)
                assert programmes.get("peel-2015").title == "PEEL 2015"
                programmes.unregister(c.id)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(customs[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.id for p in programmes.all()] == [p.id for p in programmes.catalogue()]


def test_a_version_1_document_still_loads() -> None:
    # peelmodel 0.1 named a source by "document".
    old = {
        "schema_version": 1,
        "force": "essex",
        "programme": "peel-2015",
        "pillar": "Legitimacy",
        "judgments": [
            {
                "subject": "legitimacy",
                "grade": "Good",
                "source": {"document": "A report", "page": 3},
            }
        ],
        "sources": [{"document": "A report", "url": "https://example.org/report"}],
    }
    loaded = pm.from_dict(old, pm.Inspection)
    assert loaded.judgments[0].source == pm.Source(title="A report", page=3)
    assert loaded.sources[0].title == "A report"
    assert pm.to_dict(loaded)["schema_version"] == 2
    assert old["sources"] == [{"document": "A report", "url": "https://example.org/report"}]


def test_a_source_needs_only_a_title_or_a_url() -> None:
    assert pm.Source(url="https://example.org/").label == "example.org/"
    assert pm.Source(title="A report").label == "A report"
    with pytest.raises(pm.ValidationError) as info:
        pm.Source()
    assert str(info.value) == "$: a source needs a title or a URL, so that a reader can find it"
    with pytest.raises(pm.ValidationError, match="starts with https:// or http://"):
        pm.Source(url="seeds/002.txt")
