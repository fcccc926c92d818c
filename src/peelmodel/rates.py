"""The arithmetic the reports use: rates, percentages, percent changes and rounding.

HMIC's report "PEEL: Police effectiveness 2015 – Essex Police" shows the rules: crime
per 1,000 population (burglary in a dwelling per 1,000 households), organised crime
groups per one million population (58 OCGs "represents 33 OCGs per one million of the
population"), outcomes as a percentage of the offences recorded in the same 12 months.

A published figure is rounded. :func:`agrees` is the test the model applies to every
metric that carries its count and base: the value must be what count / base ×
multiplier rounds to at the precision it was published to. Either rounding of an
exact half is accepted, since the reports do not say which they use.

When a report prints a rate and its count but not the base, :func:`base_range` gives
every base that the published rate allows, and :func:`common_base` the bases that fit
several rates at once: the report gives no population for Essex, but 58 groups at 33
per million put it between 1,731,344 and 1,784,615.

>>> base_range(33, 58, per=1_000_000, decimals=0)
(1731344, 1784615)
>>> round(rate(58, 1_750_000, per=1_000_000), 2)  # an illustrative population
33.14
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from peelmodel.errors import ValidationError

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "agrees",
    "base_range",
    "common_base",
    "exact_percent_change",
    "exact_rate",
    "percent",
    "percent_change",
    "rate",
    "round_to",
    "rounds_to",
    "tolerance",
]


def _number(name: str, value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError.single(
            f"$.{name}", "number.type", f"{name} must be a number, not {type(value).__name__}"
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError.single(
            f"$.{name}", "number.finite", f"{name} must be finite, not {value}"
        )
    return value


def _check_base(count: float, base: float) -> None:
    _number("count", count)
    _number("base", base)
    if count < 0:
        raise ValidationError.single(
            "$.count", "count.negative", f"the count must not be negative, but it is {count:,}"
        )
    if base <= 0:
        raise ValidationError.single(
            "$.base",
            "base.not_positive",
            f"a rate needs a base above zero, but the base is {base:,}",
        )


def exact_rate(count: int | float, base: int | float, *, per: int) -> Fraction:
    """count / base × per as an exact fraction (floats are read as they print)."""
    _check_base(count, base)
    return _fraction(count) * per / _fraction(base)


def rate(count: int | float, base: int | float, *, per: int) -> float:
    """count per ``per`` of ``base``: ``rate(58, 1_750_000, per=1_000_000)`` is 33.14....

    A zero or negative base, or a negative count, is a :class:`ValidationError`.
    """
    return float(exact_rate(count, base, per=per))


def percent(part: int | float, whole: int | float) -> float:
    """``part`` as a percentage of ``whole``."""
    return rate(part, whole, per=100)


def percent_change(old: int | float, new: int | float) -> float:
    """The change from ``old`` to ``new`` as a percentage of ``old``.

    >>> percent_change(100, 106)
    6.0
    """
    return float(exact_percent_change(old, new))


def exact_percent_change(old: int | float, new: int | float) -> Fraction:
    """The change from ``old`` to ``new`` as an exact percentage of ``old``."""
    _number("old", old)
    _number("new", new)
    if old <= 0:
        raise ValidationError.single(
            "$.old",
            "base.not_positive",
            f"a percent change needs an earlier value above zero, but it is {old:,}",
        )
    return (_fraction(new) - _fraction(old)) * 100 / _fraction(old)


def round_to(value: float | Fraction, decimals: int) -> float:
    """Round as reports do: to ``decimals`` places, halves away from zero."""
    if decimals < 0:
        raise ValidationError.single(
            "$.decimals", "decimals.negative", f"decimals must be 0 or more, not {decimals}"
        )
    from decimal import ROUND_HALF_UP, Decimal
    from fractions import Fraction

    exact = value if isinstance(value, Fraction) else _fraction(value)
    quantum = Decimal(1).scaleb(-decimals)
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(as_decimal.quantize(quantum, rounding=ROUND_HALF_UP))


def tolerance(decimals: int) -> Fraction:
    """Half a unit in the last published place: how far rounding may move a value."""
    from fractions import Fraction

    return Fraction(1, 2 * 10**decimals)


def agrees(value: float, count: int | float, base: int | float, *, per: int, decimals: int) -> bool:
    """Does a published ``value`` agree with count / base × per at ``decimals`` places?

    >>> agrees(15.0, 15_133, 100_887, per=100, decimals=1)
    True
    >>> agrees(16.0, 15_133, 100_887, per=100, decimals=1)
    False
    """
    _check_base(count, base)
    return _agrees(value, count, base, per, decimals)


def _agrees(value: float, count: int | float, base: int | float, per: int, decimals: int) -> bool:
    """agrees() for a count and base already checked."""
    # Fast path in floats; only a value within a hair of the rounding boundary is
    # decided exactly, in fractions.
    decided = _float_decision(value, count * per / base, decimals)
    if decided is not None:
        return decided
    return rounds_to(value, exact_rate(count, base, per=per), decimals)


def _agrees_change(value: float, new: int, old: int, decimals: int) -> bool:
    """Does ``value`` round from the percent change from ``old`` (above zero) to ``new``?
    Floats first, as in _agrees; exact fractions only near the rounding boundary."""
    decided = _float_decision(value, (new - old) * 100 / old, decimals)
    if decided is not None:
        return decided
    return rounds_to(value, exact_percent_change(old, new), decimals)


def _float_decision(value: float, quotient: float, decimals: int) -> bool | None:
    """Whether ``value`` is ``quotient`` rounded to ``decimals`` places, decided in
    floats; None within a hair of the rounding boundary, where only fractions decide.
    The band widens with the size of the quotient, whose float error grows with it."""
    gap = abs(value - quotient)
    half = _HALF[decimals] if decimals < 16 else 0.5 * 10.0**-decimals
    slack = half * 1e-9 + abs(value) * 1e-14
    if gap < half - slack:
        return True
    if gap > half + slack:
        return False
    return None


_HALF = tuple(0.5 * 10.0**-d for d in range(16))


def rounds_to(value: float, exact: Fraction, decimals: int) -> bool:
    """Is ``value`` what ``exact`` rounds to at ``decimals`` places (either way at a half)?"""
    return abs(_fraction(value) - exact) <= tolerance(decimals)


def _fraction(value: int | float) -> Fraction:
    # A float is read as it prints (0.7 is seven tenths), as a person reads a report.
    from fractions import Fraction

    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(value))


def base_range(
    value: float, count: int, *, per: int, decimals: int
) -> tuple[int, int | None] | None:
    """The whole-number bases for which count / base × per rounds to ``value``.

    Returns (lowest, highest); highest is None when any larger base fits too (a value
    that rounds from zero), and the result is None when no base fits.
    """
    from fractions import Fraction

    _check_base(count, 1)
    half = tolerance(decimals)
    exact_value = _fraction(value)
    top = exact_value + half
    bottom = exact_value - half
    if count == 0:
        return (1, None) if bottom <= 0 else None
    if top <= 0:
        return None
    lowest = max(1, math.ceil(Fraction(count * per) / top))
    highest = None if bottom <= 0 else math.floor(Fraction(count * per) / bottom)
    if highest is not None and highest < lowest:
        return None
    return lowest, highest


def common_base(
    figures: list[tuple[float, int]], *, per: int, decimals: int
) -> tuple[int, int | None] | None:
    """The bases that fit every (value, count) pair at once, or None when none does.

    A table of rates that all divide by one number (outcomes per 100 offences recorded)
    is consistent only if this is not None.
    """
    lowest, highest = 1, None
    for value, count in figures:
        found = base_range(value, count, per=per, decimals=decimals)
        if found is None:
            return None
        lowest = max(lowest, found[0])
        if found[1] is not None:
            highest = found[1] if highest is None else min(highest, found[1])
    if highest is not None and highest < lowest:
        return None
    return lowest, highest


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
