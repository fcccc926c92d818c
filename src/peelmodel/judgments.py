"""Judgments: the grade (or the lack of one) given to a pillar, question or area."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._types import checked_post_init
from peelmodel.errors import Problem, ValidationError
from peelmodel.grades import Grade
from peelmodel.sources import Source

__all__ = ["GradeCount", "Judgment", "JudgmentStatus"]


class JudgmentStatus(enum.Enum):
    """The state of a judgment: graded, not graded, or carried over from an earlier year."""

    GRADED = "graded"
    NOT_GRADED = "not graded"
    CARRIED_OVER = "carried over"


def _tuple_of_str(items: Iterable[str]) -> tuple[str, ...]:
    return to_tuple(items)


tuple_converters(_tuple_of_str)


@attrs.frozen(kw_only=True)
class Judgment:
    """What an inspection concluded about one subject of its programme.

    * graded: ``grade`` is set;
    * not graded: ``grade`` is None (Greater Manchester's 2017 efficiency and
      legitimacy; or a narrative-only question, which only has a summary);
    * carried over: ``carried_over_from`` is the year whose grade still stands, and
      ``grade`` is that grade.

    >>> Judgment(subject="effectiveness", grade=Grade.GOOD).status
    <JudgmentStatus.GRADED: 'graded'>
    """

    subject: str
    grade: Grade | None = None
    carried_over_from: int | None = None
    summary: str = ""
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if self.carried_over_from is not None and self.grade is None:
            raise ValidationError.single(
                "$.grade",
                "judgment.carried_over_without_grade",
                f"a judgment carried over from {self.carried_over_from} keeps the grade it was "
                "given then, but no grade is given",
            )

    @property
    def status(self) -> JudgmentStatus:
        """Graded, not graded or carried over."""
        if self.carried_over_from is not None:
            return JudgmentStatus.CARRIED_OVER
        if self.grade is None:
            return JudgmentStatus.NOT_GRADED
        return JudgmentStatus.GRADED

    @property
    def is_graded(self) -> bool:
        """True when the judgment has a grade (given now or carried over)."""
        return self.grade is not None

    def __repr__(self) -> str:
        return f"<Judgment {self.subject}: {self.describe()}>"

    def describe(self) -> str:
        """The outcome in words: "Good", "not graded", "Good (carried over from 2016)"."""
        if self.grade is None:
            return "not graded"
        if self.carried_over_from is not None:
            return f"{self.grade.value} (carried over from {self.carried_over_from})"
        return self.grade.value


@attrs.frozen(kw_only=True)
class GradeCount:
    """A published count of the subjects an inspection graded at one grade.

    Press releases often say only "3 areas graded good, 4 adequate": the count is the
    fact, and :func:`peelmodel.check` tests the judgments recorded against it.
    ``excluding`` names subjects the count leaves out (Essex's 2021/22 release counts
    eight areas "in addition to" crime data integrity).

    >>> GradeCount(grade=Grade.ADEQUATE, count=4)
    GradeCount(grade=<Grade.ADEQUATE: 'Adequate'>, count=4, excluding=(), source=None)
    """

    grade: Grade
    count: int
    excluding: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if not 0 <= self.count <= 1_000:
            raise ValidationError(
                [
                    Problem(
                        path="$.count",
                        code="grade_count.range",
                        message=f"a count of graded subjects lies between 0 and 1,000, "
                        f"not {self.count}",
                    )
                ]
            )


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
