"""Grades, grading scales and pillars.

HMIC's 2014-2019 reports graded on four points: Outstanding, Good, Requires
improvement and Inadequate (defined in Annex A of HMIC's *PEEL: Police effectiveness
2015 – Essex Police*, 18 February 2016). From PEEL 2021/22 a fifth grade, Adequate,
sits between Good and Requires improvement (Essex Police's release of 14 October 2022
on its PEEL 2021/22 report: "a new grading introduced recently by the Inspectorate").
"""

from __future__ import annotations

import enum
import re
from typing import Any

from peelmodel._convert import close_matches as _close_matches
from peelmodel.errors import ValidationError

__all__ = ["Grade", "GradingScale", "Pillar"]

_QUOTES = "'\"‘’“”`´"
_SPACES = re.compile(r"[\s_\-]+")


class Grade(enum.Enum):
    """A PEEL grade. Its value is the wording reports publish; grades are ordered.

    >>> Grade.GOOD > Grade.ADEQUATE > Grade.REQUIRES_IMPROVEMENT
    True
    """

    OUTSTANDING = "Outstanding"
    GOOD = "Good"
    ADEQUATE = "Adequate"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"

    def __str__(self) -> str:
        """The published wording: ``str(Grade.GOOD)`` is "Good"."""
        return str(self.value)

    @property
    def rank(self) -> int:
        """Position in the order: Inadequate is 0, Outstanding 4."""
        return _RANK[self]

    def __lt__(self, other: Any) -> bool:
        if other.__class__ is Grade:
            return _RANK[self] < _RANK[other]
        return NotImplemented

    def __le__(self, other: Any) -> bool:
        if other.__class__ is Grade:
            return _RANK[self] <= _RANK[other]
        return NotImplemented

    def __gt__(self, other: Any) -> bool:
        if other.__class__ is Grade:
            return _RANK[self] > _RANK[other]
        return NotImplemented

    def __ge__(self, other: Any) -> bool:
        if other.__class__ is Grade:
            return _RANK[self] >= _RANK[other]
        return NotImplemented

    @classmethod
    def parse(cls, text: str) -> Grade:
        """The grade that ``text`` names, as reports and press releases print it.

        Case, surrounding quotes (‘Good’), extra spaces, hyphens and underscores
        don't matter; anything else is a :class:`ValidationError` that suggests the
        nearest grade.

        >>> Grade.parse("‘Requires Improvement’")
        <Grade.REQUIRES_IMPROVEMENT: 'Requires improvement'>
        """
        if not isinstance(text, str):
            raise ValidationError.single(
                "$", "grade.type", f"a grade must be text, not {type(text).__name__} {text!r}"
            )
        found = _BY_KEY.get(_key(text))
        if found is not None:
            return found
        raise ValidationError.single("$", "grade.unknown", unknown_grade_message(text))


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().strip(_QUOTES).strip()).casefold()


def unknown_grade_message(text: object) -> str:
    """The sentence for a value that is not a grade, suggesting the nearest one."""
    names = [g.value for g in Grade]
    if isinstance(text, str):
        close = _close_matches(_key(text), [n.casefold() for n in names], n=1)
        if close:
            nearest = next(n for n in names if n.casefold() == close[0])
            return f"{text!r} is not a grade; did you mean {nearest!r}?"
    return f"{text!r} is not a grade; the grades are " + ", ".join(repr(n) for n in names)


_RANK = {
    Grade.INADEQUATE: 0,
    Grade.REQUIRES_IMPROVEMENT: 1,
    Grade.ADEQUATE: 2,
    Grade.GOOD: 3,
    Grade.OUTSTANDING: 4,
}
_BY_KEY = {_key(g.value): g for g in Grade} | {_key(g.name): g for g in Grade}


class GradingScale(enum.Enum):
    """The grades an inspection may give.

    >>> Grade.ADEQUATE in GradingScale.FOUR_POINT
    False
    """

    FOUR_POINT = "four-point"
    FIVE_POINT = "five-point"

    @property
    def grades(self) -> tuple[Grade, ...]:
        """The grades on this scale, best first."""
        return self._grades_  # type: ignore[attr-defined,no-any-return]

    def __contains__(self, grade: object) -> bool:
        return grade in self._grades_  # type: ignore[attr-defined]

    @property
    def label(self) -> str:
        """How the scale is described in prose: "four-point"."""
        return self.value


_SCALE_GRADES = {
    GradingScale.FOUR_POINT: (
        Grade.OUTSTANDING,
        Grade.GOOD,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE,
    ),
    GradingScale.FIVE_POINT: (
        Grade.OUTSTANDING,
        Grade.GOOD,
        Grade.ADEQUATE,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.INADEQUATE,
    ),
}


# Read as a plain attribute: enum hashing in a dict lookup is slow on the load path.
for _scale, _grades in _SCALE_GRADES.items():
    object.__setattr__(_scale, "_grades_", _grades)
del _scale, _grades


class Pillar(enum.Enum):
    """The three pillars of PEEL: Police Effectiveness, Efficiency and Legitimacy."""

    EFFECTIVENESS = "Effectiveness"
    EFFICIENCY = "Efficiency"
    LEGITIMACY = "Legitimacy"


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
