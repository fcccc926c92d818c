"""Notebook displays: HTML, records, DataFrames and charts."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import peelmodel as pm
from peelmodel import strategies as pst
from peelmodel.notebook import GRADE_COLOURS

ROOT = Path(__file__).resolve().parents[1]


def parse(markup: str) -> ET.Element:
    """A strict parse: the HTML must be well-formed."""
    return ET.fromstring(markup)


def all_text(element: ET.Element) -> str:
    return "".join(element.itertext())


@pytest.fixture(scope="module")
def essex() -> pm.Dataset:
    return pm.datasets.essex()


def eff2015(essex: pm.Dataset) -> pm.Inspection:
    """The 2015 effectiveness report, the most detailed record of the set."""
    (found,) = [i for i in essex if i.title == "PEEL 2015: Effectiveness"]
    return found


def test_short_reprs(essex: pm.Dataset) -> None:
    assert (
        repr(eff2015(essex)) == "<Inspection essex PEEL 2015: Effectiveness: Requires improvement>"
    )
    assert repr(pm.forces.get("essex")) == "<Force essex: Essex Police>"
    assert (
        repr(pm.datasets.essex_history())
        == f"<ForceHistory essex: {len(pm.datasets.essex())} inspections>"
    )
    assert (
        repr(pm.programmes.get("peel-2021-22"))
        == "<Programme peel-2021-22: PEEL 2021/22, 11 subjects>"
    )


def test_full_detail_on_demand(essex: pm.Dataset) -> None:
    text = eff2015(essex).details()
    assert text.splitlines()[0] == "Essex Police (essex): PEEL 2015: Effectiveness"
    assert "  Effectiveness: vulnerability: Inadequate" in text
    assert text.count("[Effectiveness: preventing crime] The force should") == 4
    assert (
        "Recorded crime (excluding fraud): 56.8 per 1,000 population (England and Wales: 63.0)"
        in text
    )


@pytest.mark.parametrize("which", ["inspections", "history", "force", "dataset"])
def test_html_parses_and_shows_every_grade_word(essex: pm.Dataset, which: str) -> None:
    objects: dict[str, list[Any]] = {
        "inspections": list(essex),
        "history": [pm.datasets.essex_history()],
        "force": [pm.forces.get("essex")],
        "dataset": [essex],
    }
    for obj in objects[which]:
        root = parse(obj._repr_html_())
        text = all_text(root)
        judgments = [
            j
            for i in (obj if isinstance(obj, pm.ForceHistory | pm.Dataset) else [obj])
            if isinstance(i, pm.Inspection)
            for j in i.judgments
        ]
        for judgment in judgments:
            assert judgment.describe() in text
        if isinstance(obj, pm.Force):
            assert "E23000028" in text


def test_findings_and_metrics_are_folded(essex: pm.Dataset) -> None:
    root = parse(eff2015(essex)._repr_html_())
    summaries = [
        all_text(d.find("summary")) for d in root.iter("details") if d.find("summary") is not None
    ]
    assert "Areas for improvement (9)" in summaries
    assert f"Metrics ({len(eff2015(essex).metrics)})" in summaries


def test_grade_colour_and_word_together(essex: pm.Dataset) -> None:
    root = parse(eff2015(essex)._repr_html_())
    badges = [s for s in root.iter("span") if s.get("class") == "grade"]
    assert [b.text for b in badges] == [j.describe() for j in eff2015(essex).judgments]
    for badge, judgment in zip(badges, eff2015(essex).judgments, strict=True):
        background, text = GRADE_COLOURS[judgment.grade]
        assert badge.get("style") == f"background:{background};color:{text}"


def test_markup_in_data_is_escaped() -> None:
    evil = "<script>alert('x')</script> & <b>bold</b>"
    inspection = pm.Inspection(
        force="essex",
        programme=pm.programmes.get("peel-2021-22"),
        judgments=[pm.Judgment(subject="investigating-crime", grade=pm.Grade.GOOD, summary=evil)],
        areas_for_improvement=[pm.AreaForImprovement(subject="investigating-crime", text=evil)],
        metrics=[pm.Metric(id="m", name=evil, value=1.0, unit=pm.Unit.COUNT)],
    )
    markup = inspection._repr_html_()
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    root = parse(markup)
    assert root.find(".//script") is None
    assert root.find(".//b") is None
    assert evil in all_text(root)


@given(pst.inspections())
@settings(max_examples=max(20, settings().max_examples // 4))
def test_html_of_any_inspection_parses(inspection: pm.Inspection) -> None:
    text = all_text(parse(inspection._repr_html_()))
    for judgment in inspection.judgments:
        assert judgment.describe() in text


def test_records_round_trip_the_values_they_show(essex: pm.Dataset) -> None:
    for inspection in essex:
        rows = inspection.to_records()
        assert len(rows) == len(inspection.judgments)
        for row, judgment in zip(rows, inspection.judgments, strict=True):
            assert row["subject"] == judgment.subject
            grade = None if row["grade"] is None else pm.Grade.parse(row["grade"])
            assert grade is judgment.grade
            assert row["published"] == inspection.published
            assert pm.programmes.get(row["programme"]) is inspection.programme
            assert all(isinstance(v, str | int | float | date | type(None)) for v in row.values())
    history_rows = pm.datasets.essex_history().to_records()
    moves = [(r["inspection"], r["subject"], r["movement"]) for r in history_rows if r["movement"]]
    # Legitimacy: Good in 2015 and 2016 (HMIC); effectiveness RI in 2015, Good in 2018/19.
    assert ("PEEL 2016: Legitimacy", "legitimacy", "unchanged") in moves
    assert [m for m in moves if m[0] == "PEEL 2018/19" and m[1] == "effectiveness"] == [
        ("PEEL 2018/19", "effectiveness", "improved")
    ] or any(m[1] == "effectiveness" and m[2] == "improved" for m in moves)
    metric_rows = eff2015(essex).metric_records()
    values = {r["metric"]: (r["value"], r["comparator"]) for r in metric_rows}
    assert values["victim-satisfaction"] == (80.6, 83.8)


pandas = pytest.importorskip("pandas")


def test_frame_dtypes_and_grade_order(essex: pm.Dataset) -> None:
    df = essex.to_frame()
    assert isinstance(df["grade"].dtype, pandas.CategoricalDtype)
    assert df["grade"].cat.ordered
    assert list(df["grade"].cat.categories) == [
        "Inadequate",
        "Requires improvement",
        "Adequate",
        "Good",
        "Outstanding",
    ]
    assert str(df["published"].dtype).startswith("datetime64")
    assert str(df["year"].dtype) == "Int64"
    assert str(df["subject"].dtype) == "string"
    worst = df.sort_values("grade").iloc[0]
    assert (worst["subject"], worst["grade"]) == ("effectiveness.vulnerability", "Inadequate")
    good_or_better = [j for i in essex for j in i.judgments if j.grade and j.grade >= pm.Grade.GOOD]
    assert (df["grade"] >= "Good").sum() == len(good_or_better)
    metrics = essex.metric_frame()
    assert str(metrics["value"].dtype) == "float64"
    assert str(metrics["count"].dtype) == "Int64"
    assert len(metrics) == sum(len(i.metrics) for i in essex)
    force = pm.forces.get("essex").to_frame()
    assert force.loc[0, "ons_code"] == "E23000028"


def test_frame_without_pandas_says_how_to_get_it() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import peelmodel as pm\n"
        "pm.datasets.essex().to_frame()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1
    assert "ImportError: to_frame() needs pandas: pip install 'peelmodel[pandas]'" in result.stderr


def test_import_peelmodel_imports_no_extra() -> None:
    code = (
        "import sys, peelmodel\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'hypothesis', 'cattrs', 'orjson', 'dateutil') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


matplotlib = pytest.importorskip("matplotlib")


@pytest.fixture
def agg() -> Any:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def _hex(rgba: Any) -> str:
    return matplotlib.colors.to_hex(rgba)


def test_grade_timeline_draws_the_data(agg: Any, tmp_path: Path) -> None:
    from peelmodel import plot

    history = pm.datasets.essex_history()
    ax = plot.grade_timeline(history)
    out = tmp_path / "timeline.png"
    ax.figure.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [t.get_text() for t in ax.get_xticklabels()] == [i.title for i in history]
    cells = {}
    for text in ax.texts:
        if text.get_text() in {j.describe() for _, j in history.timeline()}:
            cells[(round(text.get_position()[0]), round(text.get_position()[1]))] = text.get_text()
    subjects = list(history.subjects())
    expected = {
        (x, subjects.index(j.subject)): j.describe()
        for x, i in enumerate(history)
        for j in i.judgments
    }
    assert cells == expected
    colours = {p.get_gid(): _hex(p.get_facecolor()) for p in ax.patches}
    assert colours == {
        f"{x}:{j.subject}": GRADE_COLOURS[j.grade][0]
        for x, i in enumerate(history)
        for j in i.judgments
    }
    at = {i.title: x for x, i in enumerate(history)}
    assert colours[f"{at['PEEL 2021/22']}:responding-to-the-public"] == "#fdae61"  # RI
    assert colours[f"{at['PEEL 2015: Effectiveness']}:effectiveness.vulnerability"] == "#d7191c"


def test_metric_comparison_draws_values_and_comparators(
    agg: Any, tmp_path: Path, essex: pm.Dataset
) -> None:
    from peelmodel import plot

    eff = eff2015(essex)
    metrics = [m for m in eff.metrics if m.unit is pm.Unit.PER_1000_POPULATION]
    assert len(metrics) >= 4
    ax = plot.metric_comparison(metrics, label="Essex Police")
    ax.figure.savefig(tmp_path / "metrics.png")
    widths = [round(p.get_width(), 1) for p in ax.patches]
    expected = []
    for m in metrics:
        expected.append(m.value)
        if m.comparator is not None:
            expected.append(m.comparator.value)
    assert sorted(widths) == sorted(expected)
    labels = [t.get_text() for t in ax.texts]
    assert "56.8" in labels
    assert "63.0" in labels
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Essex Police",
        "England and Wales",
    ]
    with pytest.raises(ValueError, match="at least one metric"):
        plot.metric_comparison([])


def test_the_notebook_runs_clean(agg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = json.loads((ROOT / "docs" / "notebook.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert len(cells) >= 8
    namespace: dict[str, Any] = {}
    monkeypatch.setattr(
        agg, "show", lambda *a, **k: pytest.fail("the notebook must not call show()")
    )
    for cell in cells:
        exec(compile("".join(cell["source"]), "<notebook>", "exec"), namespace)
    assert isinstance(namespace["essex"], pm.Dataset)
    assert attrs.has(type(namespace["history"]))
