"""Metrics: the figures a report quotes, with their unit, precision, period and base.

A metric that carries its ``count`` and ``base`` as well as its ``value`` must agree
with them at the precision it was published to (``decimals``): 58 organised crime
groups in a population of 1,750,000 (an illustration) is 33 per million, not 34. A percentage lies
between 0 and 100; counts and bases are never negative.
"""

from __future__ import annotations

import enum
import math

import attrs

from peelmodel import rates
from peelmodel._convert import to_float
from peelmodel._types import checked_post_init
from peelmodel.errors import Problem, ValidationError
from peelmodel.periods import Period
from peelmodel.sources import Source

__all__ = ["Comparator", "Metric", "Unit"]

ENGLAND_AND_WALES = "England and Wales"


class Unit(enum.Enum):
    """The unit of a metric; rates say what they are per."""

    PER_1000_POPULATION = "per 1,000 population"
    PER_1000_HOUSEHOLDS = "per 1,000 households"
    PER_10000_POPULATION = "per 10,000 population"
    PER_10000_HOUSEHOLDS = "per 10,000 households"
    PER_MILLION_POPULATION = "per 1,000,000 population"
    PER_MILLION_HOUSEHOLDS = "per 1,000,000 households"
    PERCENT = "percent"
    PERCENT_CHANGE = "percent change"
    COUNT = "count"
    POUNDS = "pounds"

    @property
    def per(self) -> int | None:
        """The multiplier of a rate or percentage (1,000 for per 1,000), else None."""
        return _PER.get(self)

    @property
    def is_rate(self) -> bool:
        """True for the per-population and per-household rates."""
        return self in _RATES


_PER = {
    Unit.PER_1000_POPULATION: 1_000,
    Unit.PER_1000_HOUSEHOLDS: 1_000,
    Unit.PER_10000_POPULATION: 10_000,
    Unit.PER_10000_HOUSEHOLDS: 10_000,
    Unit.PER_MILLION_POPULATION: 1_000_000,
    Unit.PER_MILLION_HOUSEHOLDS: 1_000_000,
    Unit.PERCENT: 100,
}


_RATES = frozenset(u for u in _PER if u is not Unit.PERCENT)
_NO_BASE = frozenset({Unit.COUNT, Unit.POUNDS})

# Enum class attributes and enum hashing are slow next to the rest of a figure's checks,
# which run for every figure loaded: the hot path reads these plain attributes instead.
_PERCENT, _COUNT, _PERCENT_CHANGE = Unit.PERCENT, Unit.COUNT, Unit.PERCENT_CHANGE
for _unit in Unit:
    object.__setattr__(_unit, "_per_", _PER.get(_unit))
    object.__setattr__(_unit, "_rate_", _unit in _RATES)
    object.__setattr__(_unit, "_no_base_", _unit in _NO_BASE)
del _unit


def _append(problems: list[Problem], field: str, code: str, message: str) -> None:
    problems.append(Problem(path=f"$.{field}", code=code, message=message))


def _shown(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if 0 <= decimals <= 15 else repr(value)


def _figure_problems(
    value: float, count: int | None, base: int | None, unit: Unit, decimals: int, what: str
) -> list[Problem]:
    """The hard rules for one value with its optional count and base."""
    # This runs for every figure loaded, so the valid path builds nothing and calls
    # little: messages are made only for a problem found.
    problems: list[Problem] = []

    if not math.isfinite(value):
        _append(
            problems, "value", "metric.not_finite", f"{what} must be a finite number, not {value}"
        )
        return problems
    if count is not None and count < 0:
        _append(
            problems,
            "count",
            "metric.negative_count",
            f"the count of {what} must not be negative, but it is {count:,}",
        )
    if base is not None and base <= 0:
        _append(
            problems,
            "base",
            "metric.base_not_positive",
            f"the base of {what} must be above zero, but it is {base:,}",
        )
    if decimals >= 0 and round(value, decimals) != value:
        _append(
            problems,
            "value",
            "metric.precision",
            f"{what} is {value}, which has more decimal places than the {decimals} it is "
            "published to",
        )
    if unit is _PERCENT and not 0 <= value <= 100:
        _append(
            problems,
            "value",
            "metric.percent_range",
            f"{what} is {_shown(value, decimals)} percent, outside 0 to 100",
        )
    if unit is _COUNT and (value < 0 or value != int(value)):
        _append(
            problems,
            "value",
            "metric.count_value",
            f"{what} is a count, so it must be a whole number 0 or more, not {value}",
        )
    if unit._rate_ and value < 0:  # type: ignore[attr-defined]
        _append(
            problems,
            "value",
            "metric.negative_rate",
            f"{what} is a rate, so it must not be negative, but it is {_shown(value, decimals)}",
        )
    if unit._no_base_ and (count is not None or base is not None):  # type: ignore[attr-defined]
        _append(
            problems,
            "count" if count is not None else "base",
            "metric.count_not_applicable",
            f"{what} is measured in {unit.value}, which has no count and base",
        )
    elif problems or count is None or base is None:
        pass
    elif unit is _PERCENT_CHANGE:
        if not rates._agrees_change(value, count, base, decimals):
            expected = rates.exact_percent_change(base, count)
            _append(
                problems,
                "value",
                "metric.disagrees",
                f"{what} is {_shown(value, decimals)} percent, but the change from {base:,} to {count:,} is "
                f"{rates.round_to(expected, decimals + 1)} percent, which does not round to it at "
                f"{decimals} decimal places",
            )
    else:
        per: int = unit._per_  # type: ignore[attr-defined]
        if not rates._agrees(value, count, base, per, decimals):
            exact = rates.exact_rate(count, base, per=per)
            _append(
                problems,
                "value",
                "metric.disagrees",
                f"{what} is {_shown(value, decimals)} {unit.value}, but {count:,} / {base:,} × {per:,} is "
                f"{rates.round_to(exact, decimals + 2)}, which does not round to it at "
                f"{decimals} decimal place{'' if decimals == 1 else 's'}",
            )
    return problems


def _figure_ok(
    value: float, count: int | None, base: int | None, unit: Unit, decimals: int
) -> bool:
    """True exactly when :func:`_figure_problems` finds nothing: the same rules without
    the words, for the common case (a test holds the two to the same answers)."""
    if not math.isfinite(value) or round(value, decimals) != value:
        return False
    if unit is _PERCENT:
        if not 0 <= value <= 100:
            return False
    elif unit is _COUNT:
        if value < 0 or value != int(value):
            return False
    elif unit._rate_ and value < 0:  # type: ignore[attr-defined]
        return False
    if count is None or base is None:
        if (count is not None and count < 0) or (base is not None and base <= 0):
            return False
        return not (unit._no_base_ and (count is not None or base is not None))  # type: ignore[attr-defined]
    if count < 0 or base <= 0 or unit._no_base_:  # type: ignore[attr-defined]
        return False
    if unit is _PERCENT_CHANGE:
        return rates._agrees_change(value, count, base, decimals)
    return rates._agrees(value, count, base, unit._per_, decimals)  # type: ignore[attr-defined]


@attrs.frozen(kw_only=True)
class Comparator:
    """The same figure for a wider area (England and Wales by default)."""

    value: float = attrs.field(converter=to_float)
    count: int | None = None
    base: int | None = None
    area: str = ENGLAND_AND_WALES

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if not self.area.strip():
            raise ValidationError.single(
                "$.area", "comparator.area", "a comparator names its area (England and Wales)"
            )


@attrs.frozen(kw_only=True)
class Metric:
    """A figure a report quotes.

    ``decimals`` is the precision it was published to; ``count`` and ``base`` (the
    numerator and denominator of a rate; for a percent change the new and the old
    value), when given, must agree with ``value`` at that precision. ``part_of`` names
    the metric this one is a part of (a sub-group of a group, a share of a whole).

    >>> Metric(id="ocg", name="Organised crime groups", value=33,
    ...        unit=Unit.PER_MILLION_POPULATION, count=58, base=1_750_000).value  # illustrative base
    33.0
    """

    id: str
    name: str
    value: float = attrs.field(converter=to_float)
    unit: Unit
    decimals: int = 0
    period: Period | None = None
    compared_with: Period | None = None
    count: int | None = None
    base: int | None = None
    part_of: str | None = None
    comparator: Comparator | None = None
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        c = self.comparator
        if (
            _figure_ok(self.value, self.count, self.base, self.unit, self.decimals)
            and (c is None or _figure_ok(c.value, c.count, c.base, self.unit, self.decimals))
            and self.decimals >= 0
            and self.id.strip()
        ):
            return
        what = self.name or self.id
        problems = []
        if not self.id.strip():
            problems.append(Problem(path="$.id", code="metric.id", message="a metric needs an id"))
        if self.decimals < 0:
            problems.append(
                Problem(
                    path="$.decimals",
                    code="metric.decimals",
                    message=f"decimals must be 0 or more, not {self.decimals}",
                )
            )
        problems += _figure_problems(
            self.value, self.count, self.base, self.unit, self.decimals, what
        )
        if self.comparator is not None:
            c = self.comparator
            problems += [
                p.under("$.comparator")
                for p in _figure_problems(
                    c.value, c.count, c.base, self.unit, self.decimals, f"{what} in {c.area}"
                )
            ]
        if problems:
            raise ValidationError(problems)

    @property
    def exact(self) -> float | None:
        """count / base × multiplier before rounding, where the metric has both."""
        per = self.unit.per
        if per is None or self.count is None or self.base is None:
            return None
        return rates.rate(self.count, self.base, per=per)

    def __repr__(self) -> str:
        text = f"<Metric {self.id}: {self.value:,.{self.decimals}f} {self.unit.value}"
        if self.period is not None:
            text += f", {self.period}"
        return text + ">"

    def __str__(self) -> str:
        text = f"{self.name}: {self.value:,.{self.decimals}f} {self.unit.value}"
        if self.comparator is not None:
            text += f" ({self.comparator.area}: {self.comparator.value:,.{self.decimals}f})"
        return text


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
