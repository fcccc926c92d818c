"""Periods and the phrases reports use for them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import Period


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("12 months to 30 June 2015", date(2014, 7, 1), date(2015, 6, 30)),  # seed 002, Figure 2
        ("12 months to December 2019", date(2019, 1, 1), date(2019, 12, 31)),  # seed 001
        ("between June 2021 and June 2022", date(2021, 6, 1), date(2022, 6, 30)),  # seed 001
        ("between June and August 2015", date(2015, 6, 1), date(2015, 8, 31)),  # seed 002, note 4
        ("between September and November 2015", date(2015, 9, 1), date(2015, 11, 30)),  # seed 002
        ("as at 30 June 2015", date(2015, 6, 30), date(2015, 6, 30)),  # seed 002, Figure 6
        ("the five year period to 30 June 2015", date(2010, 7, 1), date(2015, 6, 30)),  # seed 002
        (
            "four year period to 31 March 2015",
            date(2011, 4, 1),
            date(2015, 3, 31),
        ),  # seed 002, Fig. 5
        ("12 months to 31 March 2015", date(2014, 4, 1), date(2015, 3, 31)),  # seed 002
        ("in the 12 months to September 2022", date(2021, 10, 1), date(2022, 9, 30)),  # seed 001
        ("12 months to 29 February 2016", date(2015, 3, 1), date(2016, 2, 29)),
        (
            "September 2018",
            date(2018, 9, 1),
            date(2018, 9, 30),
        ),  # seed 004: "in September last year"
    ],
)
def test_parse_report_phrases(phrase: str, start: date, end: date) -> None:
    period = Period.parse(phrase)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        (
            "12 months to 31 June 2015",
            "cannot read '12 months to 31 June 2015' as a period: 31 June 2015 is not a date",
        ),
        (
            "as at 30 Febuary 2015",
            "cannot read 'as at 30 Febuary 2015' as a period: 'febuary' is not a month",
        ),
        (
            "between August and June 2015",
            "'between August and June 2015' ends (2015-06-30) before it starts (2015-08-01)",
        ),
        (
            "between June and August",
            "cannot read 'between June and August' as a period: no year is given for 'august'",
        ),
        (
            "as at June 2015",
            "cannot read 'as at June 2015' as a period: 'as at' needs a day, as in 'as at 30 June 2015'",
        ),
        (
            "0 months to 30 June 2015",
            "cannot read '0 months to 30 June 2015' as a period: '0' is not a number of months or years",
        ),
        (
            "last year",
            "cannot read 'last year' as a period: expected a phrase such as '12 months to 30 June 2015', 'between June and August 2015' or 'as at 30 June 2015'",
        ),
    ],
)
def test_parse_rejects_impossible_or_unreadable(phrase: str, message: str) -> None:
    with pytest.raises(pm.ValidationError) as info:
        Period.parse(phrase)
    assert [p.message for p in info.value.problems] == [message]


def test_reversed_period_is_an_error_naming_both_dates() -> None:
    with pytest.raises(pm.ValidationError) as info:
        Period(start=date(2015, 6, 30), end=date(2015, 6, 1))
    (problem,) = info.value.problems
    assert problem.path == "$.end"
    assert problem.code == "period.reversed"
    assert problem.message == "the period ends (2015-06-01) before it starts (2015-06-30)"


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(days)
    shape = draw(st.sampled_from(["instant", "months", "any"]))
    if shape == "instant":
        return Period(start=start, end=start)
    if shape == "months":
        from dateutil.relativedelta import relativedelta

        first = start.replace(day=1)
        n = draw(st.integers(1, 120))
        return Period(start=first, end=first + relativedelta(months=n) - timedelta(days=1))
    return Period(start=start, end=start + timedelta(days=draw(st.integers(0, 4000))))


@given(periods())
def test_parse_of_rendered_period_gives_it_back(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(periods())
def test_days_and_membership(period: Period) -> None:
    assert period.days >= 1
    assert period.start in period
    assert period.end in period
    assert period.start - timedelta(days=1) not in period
    assert period.end + timedelta(days=1) not in period
