"""The national record: every force's published grades, each cited.

Coverage counts are pinned so that a regression (a lost row, a broken mapping) shows;
national totals are HMIC's and HMICFRS's published figures, cited beside them.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import peelmodel as pm
from peelmodel.national import coverage, distribution

G, OUT, RI, INAD = (
    pm.Grade.GOOD,
    pm.Grade.OUTSTANDING,
    pm.Grade.REQUIRES_IMPROVEMENT,
    pm.Grade.INADEQUATE,
)


@pytest.fixture(scope="module")
def national() -> pm.Dataset:
    return pm.datasets.national()


def test_loads_through_from_json_and_checks_clean(national: pm.Dataset) -> None:
    path = Path(pm.__file__).parent / "data" / "national.json"
    loaded = pm.from_json(path.read_bytes(), pm.Dataset)
    assert pm.to_json(loaded) + "\n" == path.read_text(encoding="utf-8")
    assert {i.force for i in national} == set(pm.forces.ids())
    assert pm.check(national) == ()


def test_every_judgment_cites_a_public_page(national: pm.Dataset) -> None:
    for inspection in national:
        for judgment in inspection.judgments:
            assert judgment.source is not None, (inspection, judgment.subject)
            assert (judgment.source.url or "").startswith(("https://", "http://"))
        for count in inspection.grade_counts:
            assert count.source is not None
            assert count.source.url


def test_essex_is_one_record_not_a_copy(national: pm.Dataset) -> None:
    keys = Counter((i.force, i.programme.id, i.pillar) for i in national)
    assert max(keys.values()) == 1
    essex = pm.datasets.essex()
    assert set(essex.inspections) <= set(national.inspections)


# The coverage of the pillar grades (and 2014 efficiency): pinned.
PINNED = {
    ("peel-2014", "efficiency"): 42,  # Northamptonshire's stored page lacks the line
    ("peel-2015", "effectiveness"): 43,
    ("peel-2015", "efficiency"): 43,
    ("peel-2015", "legitimacy"): 43,
    ("peel-2016", "effectiveness"): 42,  # Essex: only "not yet graded" copies stored
    ("peel-2016", "efficiency"): 43,
    ("peel-2016", "legitimacy"): 43,
    ("peel-2017", "effectiveness"): 42,
    ("peel-2017", "efficiency"): 42,
    ("peel-2017", "legitimacy"): 42,
    ("peel-2018-19", "effectiveness"): 42,  # Humberside: no stored page states it
    ("peel-2018-19", "efficiency"): 43,
    ("peel-2018-19", "legitimacy"): 42,  # Surrey: the stored pages show no grade
}


def test_coverage_is_pinned(national: pm.Dataset) -> None:
    rows = {(r.programme, r.subject): r for r in coverage(national)}
    assert {k: rows[k].forces for k in PINNED} == PINNED
    assert rows[("peel-2016", "effectiveness")].missing == ("essex",)
    assert rows[("peel-2014", "efficiency")].missing == ("northamptonshire",)
    pillar_judgments = sum(
        r.forces
        for r in rows.values()
        if pm.programmes.get(r.programme).subject(r.subject).kind is pm.SubjectKind.PILLAR
    )
    assert pillar_judgments == 552  # of 559: the seven missing are listed by coverage()


# The area grades of 2021/22 and 2023-25 that a cited page names: pinned too.
AREAS_PINNED = {
    "peel-2021-22": {
        "crime-data-integrity": 9, "public-treatment": 11, "preventing-crime": 11,
        "responding-to-the-public": 19, "investigating-crime": 18,
        "protecting-vulnerable-people": 15, "managing-offenders": 11,
        "serious-organised-crime": 4, "workforce": 12, "use-of-resources": 15,
    },
    "peel-2023-25": {
        "crime-data-integrity": 12, "public-treatment": 13, "preventing-crime": 19,
        "responding-to-the-public": 17, "investigating-crime": 18,
        "protecting-vulnerable-people": 19, "managing-offenders": 13, "workforce": 14,
        "leadership": 12,
    },
}  # fmt: skip


def test_area_coverage_is_pinned(national: pm.Dataset) -> None:
    got: dict[str, dict[str, int]] = {}
    for row in coverage(national):
        if row.programme in AREAS_PINNED:
            got.setdefault(row.programme, {})[row.subject] = row.graded
    assert got == AREAS_PINNED
    # Cambridgeshire 2023-25, HMICFRS news release of 13 March 2024 ("Cambridgeshire
    # Constabulary uses police powers effectively but must improve how it responds to the
    # public and manages offenders"): 1 outstanding, 2 good, 2 adequate, 1 requires
    # improvement, 2 inadequate, across eight areas.
    (cambs,) = [
        i for i in national if i.force == "cambridgeshire" and i.programme.id == "peel-2023-25"
    ]
    counts = {c.grade.value: c.count for c in cambs.grade_counts}
    assert counts == {
        "Outstanding": 1, "Good": 2, "Adequate": 2, "Requires improvement": 1, "Inadequate": 2
    }  # fmt: skip
    assert cambs.judgment("public-treatment").grade is pm.Grade.OUTSTANDING


def test_2018_19_tranches(national: pm.Dataset) -> None:
    # HMICFRS, "Thames Valley 2018/19": "inspected in tranche two"; "Essex 2018/19": one.
    ipa = {i.force: i for i in national if i.programme.id == "peel-2018-19"}
    assert (ipa["thames-valley"].tranche, ipa["essex"].tranche) == (2, 1)
    assert sum(1 for i in ipa.values() if i.tranche) == 40


def test_greater_manchester_2017_is_not_graded(national: pm.Dataset) -> None:
    # HMICFRS, "Greater Manchester 2017": efficiency and legitimacy not graded after
    # the Manchester Arena attack.
    gmp = {i.title: i for i in national.for_force("greater-manchester")}
    for title, subject in (
        ("PEEL 2017: Efficiency", "efficiency"),
        ("PEEL 2017: Legitimacy", "legitimacy"),
    ):
        judgment = gmp[title].judgment(subject)
        assert judgment is not None
        assert judgment.status is pm.JudgmentStatus.NOT_GRADED


@pytest.mark.parametrize(
    ("programme", "subject", "expected"),
    [
        # HMIC, "Most police forces are good at preventing crime and anti-social behaviour":
        # 1 outstanding (Durham), 24 good, 18 requires improvement, none inadequate.
        ("peel-2015", "effectiveness", {OUT: 1, G: 24, RI: 18}),
        # HMIC, "Police forces urged to get back to the future" (3 November 2016):
        # 33 good, 2 outstanding, 8 requires improvement.
        ("peel-2016", "efficiency", {OUT: 2, G: 33, RI: 8}),
    ],
)
def test_national_totals_agree_where_the_record_is_complete(
    national: pm.Dataset, programme: str, subject: str, expected: dict[pm.Grade, int]
) -> None:
    assert distribution(national, programme, subject) == expected


def test_partial_totals_are_not_exceeded(national: pm.Dataset) -> None:
    # Where the record lacks forces, no grade may count more than HMIC published.
    # HMICFRS, "2014 PEEL assessment": 5 outstanding, 35 good, 3 requires improvement.
    # HMICFRS, "Significantly stressed forces need to continue to change" (2017):
    # 2 outstanding, 30 good, 10 requires improvement, GMP not graded.
    for programme, published in (
        ("peel-2014", {OUT: 5, G: 35, RI: 3}),
        ("peel-2017", {OUT: 2, G: 30, RI: 10, None: 1}),
    ):
        found = distribution(national, programme, "efficiency")
        assert all(found[g] <= published.get(g, 0) for g in found), (programme, found)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peelmodel", *args], capture_output=True, text=True, check=False
    )


def test_show_any_force_and_the_national_views() -> None:
    kent = run("show", "Kent Police")
    assert kent.returncode == 0, kent.stderr
    assert kent.stdout.startswith("Kent Police (kent): PEEL history")
    flat = " ".join(kent.stdout.split())
    assert "PEEL 2015: Legitimacy 11 February 2016 Legitimacy (overall) Outstanding" in flat
    table = run("show", "--programme", "peel-2017")
    assert table.returncode == 0
    kent_row = next(line for line in table.stdout.splitlines() if line.startswith("Kent Police"))
    assert kent_row.split()[2:] == ["Good", "Good", "Outstanding"]
    cov = run("coverage")
    assert cov.returncode == 0
    assert any(
        line.split()[:3] == ["peel-2015", "effectiveness", "43"] for line in cov.stdout.splitlines()
    )
    unknown = run("show", "kentt")
    assert unknown.returncode == 1
    assert (
        unknown.stdout
        == "kentt: 'kentt' is not a police force of England and Wales; did you mean 'kent'?\n"
    )


def test_show_reads_a_file_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "mydata"  # no .json ending: still a file, not a force name
    path.write_text("{}", encoding="utf-8")
    result = run("show", str(path))
    assert result.returncode == 1
    assert (
        result.stdout.splitlines()[0] == f"{path}: $.force: the required field 'force' is missing"
    )
