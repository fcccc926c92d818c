"""The rules peelmodel enforces beyond field types and bounds, as standalone code that
every comparison model (pydantic, msgspec, dataclasses) calls the same way.

Each ``check_*`` function takes the model's object (all three models use peelmodel's
field names) and raises ``ValueError`` at the first rule broken; each library turns that
into its own validation error. The decisions are peelmodel's, made the same way:

* a rate's or a percent change's value against its count and base is decided in
  floats, and only a value within a hair of the rounding boundary (half a unit ± a
  relative 1e-9, widened by 1e-14 of the value for the float error of large
  quotients) is decided exactly, in fractions (peelmodel's ``rates._agrees`` and
  ``rates._agrees_change``);
* the precision of a value is the built-in ``round(value, decimals) == value``.

This module imports nothing from peelmodel; its catalogue tables are plain data in
``bench/_tables.py`` (regenerate with ``python -m bench.gen_tables``). ``fractions`` is
imported only when a value needs the exact decision, as peelmodel does.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import TYPE_CHECKING, Any

from bench import _tables

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "DATE_MAX",
    "DATE_MIN",
    "FIGURE_MAX",
    "FORCES",
    "GRADES",
    "INT_BOUNDS",
    "PILLARS",
    "PROGRAMMES",
    "SCHEMA_VERSION",
    "TEXT_MAX",
    "UNITS",
    "check_comparator",
    "check_date",
    "check_figure",
    "check_finding",
    "check_inspection",
    "check_judgment",
    "check_metric",
    "check_period",
    "check_text",
]

FORCES = frozenset(_tables.FORCES)
GRADES = frozenset(_tables.GRADES)
PILLARS = frozenset(_tables.PILLARS)
UNITS = frozenset(_tables.UNITS)
SCHEMA_VERSION = _tables.SCHEMA_VERSION
TEXT_MAX = _tables.TEXT_MAX
FIGURE_MAX = _tables.FIGURE_MAX
DATE_MIN = _dt.date.fromisoformat(_tables.DATE_MIN)
DATE_MAX = _dt.date.fromisoformat(_tables.DATE_MAX)
INT_BOUNDS: dict[str, tuple[int | None, int]] = _tables.INT_BOUNDS

_PER: dict[str, int | None] = _tables.UNITS
_RATES = frozenset(_tables.RATE_UNITS)
_NO_BASE = frozenset(_tables.NO_BASE_UNITS)

# id -> (year, grades on its scale, {subject id: (pillar or None, graded)}, pillars judged)
PROGRAMMES: dict[
    str, tuple[int, frozenset[str], dict[str, tuple[str | None, bool]], frozenset[str]]
]
PROGRAMMES = {
    pid: (
        year,
        frozenset(scale),
        subjects,
        frozenset(p for p, _ in subjects.values() if p is not None),
    )
    for pid, (year, scale, subjects) in _tables.PROGRAMMES.items()
}

_HALF = tuple(0.5 * 10.0**-d for d in range(16))


# --- figures (peelmodel: metrics._figure_problems, rates._agrees) --------------------


def _fraction(value: int | float) -> Fraction:
    from fractions import Fraction

    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(value))  # a float is read as it prints, as a person reads a report


def _rounds_to(value: float, exact: Fraction, decimals: int) -> bool:
    from fractions import Fraction

    return abs(_fraction(value) - exact) <= Fraction(1, 2 * 10**decimals)


def _float_decision(value: float, quotient: float, decimals: int) -> bool | None:
    """In floats, as peelmodel decides: None within a hair of the rounding boundary,
    whose band widens for the float error of large quotients."""
    gap = abs(value - quotient)
    half = _HALF[decimals] if decimals < 16 else 0.5 * 10.0**-decimals
    slack = half * 1e-9 + abs(value) * 1e-14
    if gap < half - slack:
        return True
    if gap > half + slack:
        return False
    return None


def _agrees(value: float, count: int, base: int, per: int, decimals: int) -> bool:
    decided = _float_decision(value, count * per / base, decimals)
    if decided is not None:
        return decided
    return _rounds_to(value, _fraction(count) * per / _fraction(base), decimals)


def _agrees_change(value: float, new: int, old: int, decimals: int) -> bool:
    """A percent change from ``old`` (above zero) to ``new``: floats first, as _agrees."""
    decided = _float_decision(value, (new - old) * 100 / old, decimals)
    if decided is not None:
        return decided
    exact = (_fraction(new) - _fraction(old)) * 100 / _fraction(old)
    return _rounds_to(value, exact, decimals)


def check_figure(
    value: float, count: int | None, base: int | None, unit: str, decimals: int
) -> None:
    """One value with its optional count and base, in its unit, at its precision."""
    if not math.isfinite(value):
        raise ValueError(f"the value must be a finite number, not {value}")
    if count is not None and count < 0:
        raise ValueError(f"the count must not be negative, but it is {count}")
    if base is not None and base <= 0:
        raise ValueError(f"the base must be above zero, but it is {base}")
    if decimals >= 0 and round(value, decimals) != value:
        raise ValueError(f"{value} has more decimal places than the {decimals} it is published to")
    if unit == "percent" and not 0 <= value <= 100:
        raise ValueError(f"{value} percent is outside 0 to 100")
    if unit == "count" and (value < 0 or value != int(value)):
        raise ValueError(f"a count must be a whole number 0 or more, not {value}")
    if unit in _RATES and value < 0:
        raise ValueError(f"a rate must not be negative, but it is {value}")
    if unit in _NO_BASE:
        if count is not None or base is not None:
            raise ValueError(f"a value in {unit} has no count and base")
        return
    if count is None or base is None:
        return
    if unit == "percent change":
        if not _agrees_change(value, count, base, decimals):
            raise ValueError(f"{value} percent disagrees with the change from {base} to {count}")
        return
    per = _PER[unit]
    assert per is not None
    if not _agrees(value, count, base, per, decimals):
        raise ValueError(f"{value} {unit} disagrees with {count} / {base} x {per}")


def check_metric(m: Any) -> None:
    """A metric: its id, precision and figures (and its comparator's, in its unit)."""
    if not m.id.strip():
        raise ValueError("a metric needs an id")
    if m.decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {m.decimals}")
    check_figure(m.value, m.count, m.base, m.unit, m.decimals)
    c = m.comparator
    if c is not None:
        check_figure(c.value, c.count, c.base, m.unit, m.decimals)


def check_comparator(c: Any) -> None:
    if not c.area.strip():
        raise ValueError("a comparator names its area")


# --- other objects ---------------------------------------------------------------------


def check_date(d: _dt.date | None) -> None:
    if d is not None and not DATE_MIN <= d <= DATE_MAX:
        raise ValueError(f"{d} is outside the years {DATE_MIN.year} to {DATE_MAX.year}")


def check_period(p: Any) -> None:
    """Both ends within the years allowed, and the end not before the start."""
    start, end = p.start, p.end
    if not DATE_MIN <= start <= DATE_MAX or not DATE_MIN <= end <= DATE_MAX:
        raise ValueError(f"a date is outside the years {DATE_MIN.year} to {DATE_MAX.year}")
    if end < start:
        raise ValueError("the period ends before it starts")


def check_judgment(j: Any) -> None:
    if j.carried_over_from is not None and j.grade is None:
        raise ValueError("a judgment carried over keeps its grade, but no grade is given")


def check_finding(f: Any) -> None:
    if not f.text.strip():
        raise ValueError("an area for improvement needs its text")


def check_text(value: str) -> None:
    """Text no longer than peelmodel allows and valid Unicode (no lone surrogate); for a
    loader whose JSON parser does not check these itself."""
    if len(value) > 200 or not value.isascii():
        if len(value) > TEXT_MAX:
            raise ValueError(f"text of {len(value)} characters is longer than {TEXT_MAX}")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("text holds a lone surrogate") from None


def check_inspection(i: Any) -> None:
    """The inspection as a whole (peelmodel: inspections._problems)."""
    if i.force not in FORCES:
        raise ValueError(f"{i.force!r} is not a police force of England and Wales")
    found = PROGRAMMES.get(i.programme)
    if found is None:
        raise ValueError(f"{i.programme!r} is not a known PEEL programme")
    year, scale, subjects, pillars = found
    pillar = i.pillar
    if pillar is not None and pillar not in pillars:
        raise ValueError(f"{i.programme} judges nothing under {pillar}")
    if i.tranche is not None and not 1 <= i.tranche <= 9:
        raise ValueError(f"a tranche is a small whole number, not {i.tranche}")
    check_date(i.published)
    seen = set()
    for j in i.judgments:
        sid = j.subject
        subject = subjects.get(sid)
        if subject is None:
            raise ValueError(f"{i.programme} does not judge {sid!r}")
        if pillar is not None and subject[0] != pillar:
            raise ValueError(f"{sid!r} is not part of the {pillar} pillar")
        if sid in seen:
            raise ValueError(f"{sid!r} is judged twice")
        seen.add(sid)
        grade = j.grade
        if grade is not None:
            if grade not in scale:
                raise ValueError(f"grade {grade!r} is not on the scale of {i.programme}")
            if not subject[1]:
                raise ValueError(f"{i.programme} does not grade {sid!r} (narrative only)")
        if j.carried_over_from is not None and j.carried_over_from >= year:
            raise ValueError(f"a judgment can only be carried over from a year before {year}")
    for a in i.areas_for_improvement:
        subject = subjects.get(a.subject)
        if subject is None:
            raise ValueError(f"{i.programme} does not judge {a.subject!r}")
        if pillar is not None and subject[0] != pillar:
            raise ValueError(f"{a.subject!r} is not part of the {pillar} pillar")
    ids = set()
    for m in i.metrics:
        if m.id in ids:
            raise ValueError(f"the metric id {m.id!r} is used twice")
        ids.add(m.id)
    for m in i.metrics:
        if m.part_of is not None and (m.part_of not in ids or m.part_of == m.id):
            raise ValueError(f"{m.id!r} is part of {m.part_of!r}, which is not another metric")
