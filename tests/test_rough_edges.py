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
