"""The arithmetic of rates, checked against the figures of seed 002."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import rates


def test_organised_crime_groups_per_million() -> None:
    # Seed 002: "58 organised crime groups (OCGs). This represents 33 OCGs per one
    # million of the population." The population is not given; 1,757,000 is one that
    # fits, and the test is that 33 is what 58 per million of it rounds to.
    assert rates.round_to(rates.rate(58, 1_757_000, per=1_000_000), 0) == 33
    assert rates.agrees(33, 58, 1_757_000, per=1_000_000, decimals=0)
    assert not rates.agrees(34, 58, 1_757_000, per=1_000_000, decimals=0)


# Seed 002, Figure 4: outcomes in the 12 months to 30 June 2015 (count, rate per 100 offences).
ESSEX_OUTCOMES = {
    "Charged/Summonsed": (15_133, 15.0),
    "Taken into consideration": (641, 0.6),
    "Out-of-court (formal)": (4_006, 4.0),
    "Caution - youths": (692, 0.7),
    "Caution - adults": (2_631, 2.6),
    "Penalty Notices for Disorder": (683, 0.7),
    "Out-of-court (informal)": (5_348, 5.3),
    "Cannabis/Khat warning": (1_004, 1.0),
    "Community resolution": (4_344, 4.3),
}
ENGLAND_AND_WALES_OUTCOMES = {
    "Charged/Summonsed": (577_678, 16.0),
    "Taken into consideration": (21_318, 0.6),
    "Out-of-court (formal)": (165_384, 4.6),
    "Caution - youths": (19_703, 0.5),
    "Caution - adults": (115_000, 3.2),
    "Penalty Notices for Disorder": (30_681, 0.8),
    "Out-of-court (informal)": (159_915, 4.4),
    "Cannabis/Khat warning": (41_964, 1.2),
    "Community resolution": (117_951, 3.3),
}
SUBGROUPS = {
    "Out-of-court (formal)": [
        "Caution - youths",
        "Caution - adults",
        "Penalty Notices for Disorder",
    ],
    "Out-of-court (informal)": ["Cannabis/Khat warning", "Community resolution"],
}


@pytest.mark.parametrize("table", [ESSEX_OUTCOMES, ENGLAND_AND_WALES_OUTCOMES])
def test_outcome_subgroups_add_up(table: dict[str, tuple[int, float]]) -> None:
    # Seed 002: 692 + 2,631 + 683 = 4,006; rates 0.7 + 2.6 + 0.7 = 4.0.
    for group, parts in SUBGROUPS.items():
        assert sum(table[p][0] for p in parts) == table[group][0]
        slack = (len(parts) + 1) * rates.tolerance(1)
        assert (
            abs(sum(Fraction(str(table[p][1])) for p in parts) - Fraction(str(table[group][1])))
            <= slack
        )


def _offence_bounds(table: dict[str, tuple[int, float]]) -> tuple[Fraction, Fraction]:
    """The range of offence counts every rate of the table agrees with at one decimal."""
    low, high = Fraction(0), Fraction(10**12)
    for count, published in table.values():
        top = Fraction(str(published)) + rates.tolerance(1)
        bottom = Fraction(str(published)) - rates.tolerance(1)
        low = max(low, Fraction(count * 100) / top)
        if bottom > 0:
            high = min(high, Fraction(count * 100) / bottom)
    return low, high


@pytest.mark.parametrize("table", [ESSEX_OUTCOMES, ENGLAND_AND_WALES_OUTCOMES])
def test_each_outcome_rate_agrees_with_its_count_at_one_decimal(
    table: dict[str, tuple[int, float]],
) -> None:
    # Seed 002, note 8: rate = outcomes / offences recorded in the same 12 months. The
    # report does not print the offence count, so the test is that one count exists
    # with which every published rate agrees, and that the model accepts each row.
    low, high = _offence_bounds(table)
    assert low <= high
    offences = math.ceil(low)
    assert offences <= high
    for name, (count, published) in table.items():
        assert rates.agrees(published, count, offences, per=100, decimals=1), name
        metric = pm.Metric(
            id="outcome",
            name=name,
            value=published,
            unit=pm.Unit.PERCENT,
            decimals=1,
            count=count,
            base=offences,
        )
        assert metric.value == published


def test_a_published_rate_off_by_a_tenth_is_rejected() -> None:
    low, _ = _offence_bounds(ESSEX_OUTCOMES)
    with pytest.raises(pm.ValidationError, match=r"but 15,133 / 100,\d+ × 100 is 15\.0\d*"):
        pm.Metric(
            id="charged",
            name="Charged/Summonsed",
            value=15.1,
            unit=pm.Unit.PERCENT,
            decimals=1,
            count=15_133,
            base=math.ceil(low),
        )


def test_victim_satisfaction_against_england_and_wales() -> None:
    # Seed 002: "80.6 percent were satisfied ... lower than the national victim
    # satisfaction rate of 83.8 percent over the same time period."
    metric = pm.Metric(
        id="victim-satisfaction",
        name="Victims satisfied with their whole experience",
        value=80.6,
        unit=pm.Unit.PERCENT,
        decimals=1,
        period=pm.Period.parse("12 months to 31 March 2015"),
        comparator=pm.Comparator(value=83.8),
    )
    assert metric.comparator is not None
    assert metric.value < metric.comparator.value
    assert round(metric.comparator.value - metric.value, 1) == 3.2


def test_percent_change() -> None:
    # Seed 002: 57,205 ASB incidents, "6 percent more incidents than ... the previous 12 months".
    assert rates.percent_change(100, 106) == 6.0
    assert rates.percent_change(200, 150) == -25.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: rates.rate(5, 0, per=1000), "a rate needs a base above zero, but the base is 0"),
        (lambda: rates.rate(5, -3, per=1000), "a rate needs a base above zero, but the base is -3"),
        (lambda: rates.rate(-1, 10, per=1000), "the count must not be negative, but it is -1"),
        (lambda: rates.percent(1, 0), "a rate needs a base above zero, but the base is 0"),
        (
            lambda: rates.percent_change(0, 5),
            "a percent change needs an earlier value above zero, but it is 0",
        ),
        (lambda: rates.rate(1, math.nan, per=100), "base must be finite, not nan"),
        (lambda: rates.round_to(1.0, -1), "decimals must be 0 or more, not -1"),
    ],
)
def test_bad_bases_are_validation_errors_not_zero_division(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(pm.ValidationError) as info:
        call()
    assert info.value.problems[0].message == message


@pytest.mark.parametrize(
    ("value", "decimals", "rounded"),
    [(0.05, 1, 0.1), (0.15, 1, 0.2), (2.5, 0, 3.0), (32.95, 1, 33.0)],
)
def test_round_to_rounds_halves_up_as_published_figures_do(
    value: float, decimals: int, rounded: float
) -> None:
    assert rates.round_to(value, decimals) == rounded


counts = st.integers(min_value=0, max_value=10**6)
bases = st.integers(min_value=1, max_value=10**7)
pers = st.sampled_from([100, 1_000, 10_000, 1_000_000])
decimal_places = st.integers(min_value=0, max_value=3)


@given(counts, bases, pers, decimal_places)
def test_rate_then_rounding_agrees_with_the_consistency_test(
    count: int, base: int, per: int, decimals: int
) -> None:
    published = rates.round_to(rates.rate(count, base, per=per), decimals)
    assert rates.agrees(published, count, base, per=per, decimals=decimals)


@given(counts, bases, pers, decimal_places)
def test_a_value_one_step_off_never_agrees(count: int, base: int, per: int, decimals: int) -> None:
    published = rates.round_to(rates.rate(count, base, per=per), decimals)
    step = 10.0**-decimals
    off = rates.round_to(published + 1.01 * step, decimals)
    assert not rates.agrees(off, count, base, per=per, decimals=decimals)


@given(st.integers(1, 10**6), st.integers(0, 10**6))
def test_percent_change_inverts(old: int, new: int) -> None:
    change = rates.exact_percent_change(old, new)
    assert old + old * change / 100 == new
    assume(new != old)
    assert (change > 0) == (new > old)


@given(
    count=st.integers(min_value=0, max_value=10**12),
    base=st.integers(min_value=1, max_value=10**12),
    per=st.sampled_from([100, 1_000, 10_000, 1_000_000]),
    decimals=st.integers(min_value=0, max_value=6),
    nudge=st.sampled_from([-1.0, -0.5, -0.4999999, 0.0, 0.4999999, 0.5, 0.5000001, 1.0]),
)
def test_the_float_decision_is_the_exact_one(
    count: int, base: int, per: int, decimals: int, nudge: float
) -> None:
    # Values at and around the rounding boundary, of every size: the quick float test
    # must give the exact test's answer.
    exact = rates.exact_rate(count, base, per=per)
    value = round(float(exact) + nudge * 10.0**-decimals, decimals + 3)
    assert rates._agrees(value, count, base, per, decimals) == rates.rounds_to(
        value, exact, decimals
    )


@given(
    old=st.integers(min_value=1, max_value=10**12),
    new=st.integers(min_value=0, max_value=10**12),
    decimals=st.integers(min_value=0, max_value=6),
    nudge=st.sampled_from([-1.0, -0.5, -0.4999999, 0.0, 0.4999999, 0.5, 0.5000001, 1.0]),
)
def test_the_float_decision_of_a_change_is_the_exact_one(
    old: int, new: int, decimals: int, nudge: float
) -> None:
    exact = rates.exact_percent_change(old, new)
    value = round(float(exact) + nudge * 10.0**-decimals, decimals + 3)
    assert rates._agrees_change(value, new, old, decimals) == rates.rounds_to(
        value, exact, decimals
    )
