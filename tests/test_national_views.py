"""The national record's views: standing against all forces and the region, the tidy
frame, the readable HTML summary, the heat map and the distribution chart.

Expected values are computed here from the raw judgments, independently of the code
under test, or taken from HMIC's published totals (cited)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel.national import distribution, standing
from peelmodel.notebook import GRADE_COLOURS


@pytest.fixture(scope="module")
def national() -> pm.Dataset:
    return pm.datasets.national()


def _grades(national: pm.Dataset) -> dict[tuple[str, str], dict[str, pm.Grade | None]]:
    out: dict[tuple[str, str], dict[str, pm.Grade | None]] = {}
    for inspection in national:
        for j in inspection.judgments:
            out.setdefault((inspection.programme.id, j.subject), {})[inspection.force] = j.grade
    return out


# -- distribution and standing -----------------------------------------------------------


def test_published_2015_effectiveness_total(national: pm.Dataset) -> None:
    # HMIC, "Most police forces are good at preventing crime and anti-social behaviour":
    # 1 outstanding (Durham), 24 good, 18 requires improvement, none inadequate.
    got = distribution(national, "peel-2015", "effectiveness")
    assert got == {
        pm.Grade.OUTSTANDING: 1,
        pm.Grade.GOOD: 24,
        pm.Grade.REQUIRES_IMPROVEMENT: 18,
    }
    assert list(got) == sorted(got, reverse=True)  # best first


def test_regions_partition_the_national_distribution(national: pm.Dataset) -> None:
    regions = {f.region for f in pm.forces.all()}
    for programme, subject in [
        ("peel-2015", "effectiveness"),
        ("peel-2017", "legitimacy"),
        ("peel-2021-22", "investigating-crime"),
    ]:
        total: Counter[pm.Grade | None] = Counter()
        for region in regions:
            total.update(distribution(national, programme, subject, region=region))
        assert dict(total) == distribution(national, programme, subject)


def test_unknown_region_is_refused(national: pm.Dataset) -> None:
    with pytest.raises(ValueError, match="unknown region 'Narnia'; the regions are: "):
        distribution(national, "peel-2015", "effectiveness", region="Narnia")


@settings(max_examples=25, deadline=None)
@given(force=st.sampled_from(sorted(pm.forces.ids())))
def test_standing_counts_agree_with_the_raw_grades(force: str) -> None:
    national = pm.datasets.national()
    grades = _grades(national)
    rows = standing(national, force)
    assert {(r.programme, r.subject) for r in rows} == {k for k, v in grades.items() if force in v}
    region = pm.forces.get(force).region
    for row in rows:
        own = grades[(row.programme, row.subject)][force]
        assert row.grade == own
        others = [
            (f, g)
            for f, g in grades[(row.programme, row.subject)].items()
            if f != force and g is not None
        ]
        if own is None:
            assert (row.better, row.same, row.worse) == (0, 0, 0)
            continue
        assert row.better == sum(1 for _, g in others if g.rank > own.rank)
        assert row.same == sum(1 for _, g in others if g.rank == own.rank)
        assert row.worse == sum(1 for _, g in others if g.rank < own.rank)
        near = [g for f, g in others if pm.forces.get(f).region == region]
        assert row.region_better + row.region_same + row.region_worse == len(near)
        assert sum(row.regional.values()) <= sum(row.national.values())


def test_standing_takes_a_name_and_reads(national: pm.Dataset) -> None:
    rows = standing(national, "Kent Police")
    first = rows[0]
    assert first.force == "kent"
    assert first.region == "South East"
    assert first.describe().startswith(str(first.grade))
    assert "South East:" in first.describe()
    order = [p.id for p in pm.programmes.catalogue()]
    assert [order.index(r.programme) for r in rows] == sorted(
        order.index(r.programme) for r in rows
    )


# -- the tidy frame ----------------------------------------------------------------------

pandas = pytest.importorskip("pandas")


def test_national_frame_is_tidy(national: pm.Dataset) -> None:
    df = national.to_frame()
    assert len(df) == sum(len(i.judgments) for i in national)
    assert not df.duplicated(["force", "programme", "subject"]).any()
    assert df["grade"].cat.ordered
    assert df["force"].nunique() == 43
    for force in pm.forces.all():
        regions = set(df.loc[df["force"] == force.id, "region"])
        assert regions == {force.region}
    assert df["source_url"].notna().all()
    assert df["source_url"].str.startswith("http").all()
    # force against region, the pandas way: Kent's 2017 legitimacy against the South East
    south_east = df[(df["region"] == "South East") & (df["programme"] == "peel-2017")]
    legit = south_east[south_east["subject"] == "legitimacy"]
    assert len(legit) == len([f for f in pm.forces.all() if f.region == "South East"])


# -- HTML --------------------------------------------------------------------------------


def test_national_html_is_a_summary(national: pm.Dataset) -> None:
    markup = national._repr_html_()
    root = ET.fromstring(markup)
    text = "".join(root.itertext())
    judgments = sum(len(i.judgments) for i in national)
    assert f"{len(national)} inspections of 43 forces" in text
    assert f"{judgments:,} judgments in 7 programmes" in text
    assert "not comparable" in text
    rows = root.findall(".//table")[0].findall("./tbody/tr")
    assert len(rows) == len({i.programme.id for i in national})
    assert len(markup) < 100_000  # not 547 rows of chips
    coverage_rows = root.findall(".//details//tbody/tr")
    assert len(coverage_rows) == len(
        [c for c in pm.coverage(national) if c.programme in {i.programme.id for i in national}]
    )


def test_small_dataset_html_plurals() -> None:
    national = pm.datasets.national()
    one = pm.Dataset(inspections=[national.for_force("kent")[0], national.for_force("essex")[0]])
    text = "".join(ET.fromstring(one._repr_html_()).itertext())
    assert "2 inspections of 2 forces" in text
    single = pm.Dataset(inspections=[national.for_force("kent")[0]])
    text = "".join(ET.fromstring(single._repr_html_()).itertext())
    assert "Kent Police, 1 inspection" in text
    assert "1 inspections" not in text


# -- charts ------------------------------------------------------------------------------

matplotlib = pytest.importorskip("matplotlib")


@pytest.fixture
def agg() -> Any:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_heatmap_draws_every_headline_judgment(agg: Any, national: pm.Dataset) -> None:
    from peelmodel import plot

    ax = plot.national_heatmap(national)
    expected = {}
    for inspection in national:
        for j in inspection.judgments:
            subject = inspection.programme.subject(j.subject)
            if subject.kind.value != "question" and subject.graded:
                expected[f"{inspection.force}:{inspection.programme.id}:{j.subject}"] = (
                    GRADE_COLOURS[j.grade][0]
                )
    drawn = {
        p.get_gid(): matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches if p.get_gid()
    }
    assert drawn == expected
    words = Counter(t.get_text() for t in ax.texts)
    assert words["Good"] == sum(
        1 for c in expected.values() if c == GRADE_COLOURS[pm.Grade.GOOD][0]
    )
    assert any("not comparable" in t.get_text() for t in ax.texts)
    # exactly one heavy line: the 2021 change of scale
    heavy = [line for line in ax.get_lines() if line.get_gid() == "scale-change"]
    assert len(heavy) == 1
    labels = [t.get_text() for t in ax.get_xticklabels()]
    x = heavy[0].get_xdata()[0]
    assert labels[int(x - 0.5)].startswith("PEEL 2018/19")
    assert labels[int(x + 0.5)].startswith("PEEL 2021/22")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "RI = Requires improvement" in legend


def test_distribution_chart_adds_up_to_43(agg: Any, national: pm.Dataset) -> None:
    from peelmodel import plot

    ax = plot.grade_distribution(national, "peel-2016")
    widths: Counter[str] = Counter()
    for patch in ax.patches:
        gid = patch.get_gid()
        if gid:
            widths[gid.split(":")[0]] += round(patch.get_width())
    assert set(widths) == {"effectiveness", "efficiency", "legitimacy"}
    assert all(total == 43 for total in widths.values())
    # HMIC, "Police forces urged to get back to the future" (3 November 2016):
    # 33 good, 2 outstanding, 8 requires improvement.
    eff = {
        p.get_gid().split(":")[1]: round(p.get_width())
        for p in ax.patches
        if (p.get_gid() or "").startswith("efficiency:")
    }
    assert eff == {"Outstanding": 2, "Good": 33, "Requires improvement": 8}


def test_chart_arguments_are_checked(agg: Any, national: pm.Dataset) -> None:
    from peelmodel import plot

    with pytest.raises(ValueError, match="headline"):
        plot.national_heatmap(national, subjects="some")
    with pytest.raises(ValueError, match="no judgments of peel-2025-27"):
        plot.grade_distribution(national, "peel-2025-27")
