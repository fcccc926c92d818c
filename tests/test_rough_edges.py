"""Small things users tripped over, each kept fixed by a test."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peelmodel as pm


def test_str_of_a_grade_is_its_wording() -> None:
    assert [str(g) for g in pm.Grade] == [g.value for g in pm.Grade]
    assert f"{pm.Grade.REQUIRES_IMPROVEMENT}" == "Requires improvement"


def test_a_dataset_supports_len_indexing_and_iteration() -> None:
    essex = pm.datasets.essex()
    assert len(essex) == len(essex.inspections)
    assert essex[0] is essex.inspections[0]
    assert essex[-1] is essex.inspections[-1]
    assert essex[1:3] == essex.inspections[1:3]
    assert list(essex) == list(essex.inspections)


def test_for_force_takes_a_name_or_alias_like_forces_get() -> None:
    national = pm.datasets.national()
    by_id = national.for_force("metropolitan")
    assert by_id
    assert national.for_force("Met Police") == by_id
    assert national.for_force("Metropolitan Police Service") == by_id
    with pytest.raises(pm.ValidationError, match="did you mean 'kent'"):
        national.for_force("kentt")


def test_period_from_one_date_to_another() -> None:
    period = pm.Period.parse("1 April 2021 to 31 March 2022")
    assert (period.start, period.end) == (date(2021, 4, 1), date(2022, 3, 31))
    assert pm.Period.parse("1 April 2021 – 31 March 2022") == period


@given(st.dates(date(2010, 1, 1), date(2030, 12, 31)), st.integers(0, 2000))
def test_any_from_to_phrase_parses_to_its_dates(start: date, days: int) -> None:
    from datetime import timedelta

    end = start + timedelta(days=days)
    text = f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    period = pm.Period.parse(text)
    assert (period.start, period.end) == (start, end)


def test_dir_lists_the_public_api_only() -> None:
    names = dir(pm)
    for leaked in ("Any", "TYPE_CHECKING", "annotations", "importlib", "_SUBMODULES"):
        assert leaked not in names
    assert {"Inspection", "Grade", "datasets", "strategies", "check", "coverage"} <= set(names)
    assert all(not n.startswith("_") or n == "__version__" for n in names)


def test_star_import_needs_no_optional_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['hypothesis'] = None; sys.modules['pandas'] = None\n"
        "from peelmodel import *\n"
        "print(Grade.GOOD, len(datasets.national()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "Good"


# --- short reprs, details, HTML views, charts -------------------------------------------


def test_the_reprs_of_a_judgment_and_a_metric_are_short() -> None:
    essex = pm.datasets.essex()
    judgment = essex[0].judgments[0]
    metric = next(m for i in essex for m in i.metrics)
    assert repr(judgment) == "<Judgment effectiveness.reducing-crime: Good>"
    assert repr(metric).startswith("<Metric recorded-crime-rate: 56.8 per 1,000 population")
    long = pm.Judgment(subject="legitimacy", grade=pm.Grade.GOOD, summary="x" * 10_000)
    assert len(repr(long)) < 80
    for inspection in essex:
        for item in (*inspection.judgments, *inspection.metrics):
            assert len(repr(item)) < 160, repr(item)


def _with_a_cause_of_concern() -> pm.Inspection:
    return pm.Inspection(
        force="kent",
        programme="peel-2023-25",
        published=date(2024, 3, 13),
        causes_of_concern=[
            pm.CauseOfConcern(
                subject="investigating-crime",
                text="The force isn't investigating crime effectively.",
                recommendations=[
                    pm.Recommendation(
                        text="The force should make sure investigations are supervised.",
                        deadline=date(2024, 9, 30),
                    )
                ],
            )
        ],
    )


def test_details_include_the_recommendations_with_their_deadlines() -> None:
    text = _with_a_cause_of_concern().details()
    assert "published: 13 March 2024" in text
    assert (
        "    recommendation: The force should make sure investigations are supervised. "
        "(by 30 September 2024)"
    ) in text


def test_history_html_names_the_force_and_gives_each_programme_once() -> None:
    history = pm.datasets.essex_history()
    page = history._repr_html_()
    assert "<strong>Essex Police: PEEL history, 12 inspections</strong>" in page
    # Each programme title is written once, spanning its judgments' rows.
    for inspection in history:
        assert page.count(f">{inspection.title}</td>") == 1, inspection.title
    assert "27 November 2014" in page
    assert "2014-11-27" not in page
    one = pm.ForceHistory.of("essex", list(history)[:1])
    assert "PEEL history, 1 inspection</strong>" in one._repr_html_()


def test_chips_say_what_they_grade_as_text_and_tooltip() -> None:
    essex = pm.datasets.essex()
    page = essex._repr_html_()
    first = essex[0]
    label = first.subject_label(first.judgments[0].subject)
    assert f'title="{label}: Good"' in page
    assert f">{label}: Good</span>" in page  # no column says the subject here
    history_page = pm.datasets.essex_history()._repr_html_()
    assert f'title="{label}: Good"' in history_page
    assert f">{label}: Good</span>" not in history_page  # the subject has its own column


def test_metric_comparison_refuses_different_units_on_one_axis() -> None:
    pytest.importorskip("matplotlib")
    from peelmodel import plot

    essex = pm.datasets.essex()
    metrics = [m for i in essex for m in i.metrics]
    units = {m.unit for m in metrics}
    assert len(units) > 1
    with pytest.raises(ValueError, match="one unit on its axis") as info:
        plot.metric_comparison(metrics)
    for unit in units:
        assert unit.value in str(info.value)


PUBLIC_MODULES = [
    "checks", "dataset", "datasets", "errors", "findings", "forces", "grades", "history",
    "inspections", "judgments", "metrics", "national", "notebook", "periods", "plot",
    "programmes", "rates", "serialization", "sources", "strategies",
]  # fmt: skip


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_dir_of_a_public_module_lists_its_public_names_only(name: str) -> None:
    import importlib

    module = importlib.import_module(f"peelmodel.{name}")
    names = dir(module)
    assert names == sorted(module.__all__)
    for leaked in ("Any", "TYPE_CHECKING", "annotations", "attrs", "Iterable"):
        assert leaked not in names
    for public in names:
        getattr(module, public)  # each name listed exists


def test_the_changelog_has_a_dated_section_for_this_version() -> None:
    import re
    from pathlib import Path

    text = (Path(__file__).parents[1] / "CHANGELOG.md").read_text(encoding="utf-8")
    version = pm.__version__
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
    assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M)
    assert re.search(r"^\[Unreleased\]: https://", text, re.M)
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.M)
    assert headings[0] == "Unreleased"
    assert headings[1] == version
