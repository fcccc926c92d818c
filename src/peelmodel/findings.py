"""Findings: areas for improvement, causes of concern with their recommendations, and
innovative or promising practice. Each attaches to a subject of its inspection."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

import attrs

from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._types import checked_post_init
from peelmodel.errors import Problem, ValidationError
from peelmodel.sources import Source

__all__ = [
    "AreaForImprovement",
    "CauseOfConcern",
    "Practice",
    "PracticeKind",
    "Recommendation",
]


def _text_problems(text: str, what: str) -> list[Problem]:
    if text.strip():
        return []
    return [Problem(path="$.text", code="finding.empty", message=f"{what} needs its text")]


def _tuple_of_recommendation(items: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    return to_tuple(items)


tuple_converters(_tuple_of_recommendation)


@attrs.frozen(kw_only=True)
class AreaForImprovement:
    """Something the force should improve ("The force should ensure that ...")."""

    subject: str
    text: str
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if problems := _text_problems(self.text, "an area for improvement"):
            raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class Recommendation:
    """What the force must do about a cause of concern, by an optional deadline."""

    text: str
    deadline: date | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if problems := _text_problems(self.text, "a recommendation"):
            raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class CauseOfConcern:
    """A serious failing; it always comes with one or more recommendations."""

    subject: str
    text: str
    recommendations: tuple[Recommendation, ...] = attrs.field(converter=_tuple_of_recommendation)
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        problems = _text_problems(self.text, "a cause of concern")
        if not self.recommendations:
            problems.append(
                Problem(
                    path="$.recommendations",
                    code="cause_of_concern.no_recommendation",
                    message="a cause of concern must come with at least one recommendation",
                )
            )
        if problems:
            raise ValidationError(problems)


class PracticeKind(enum.Enum):
    """How a report describes practice it wants others to know of."""

    INNOVATIVE = "innovative"
    PROMISING = "promising"


@attrs.frozen(kw_only=True)
class Practice:
    """Innovative or promising practice a report notes."""

    subject: str
    text: str
    kind: PracticeKind = PracticeKind.PROMISING
    source: Source | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        if problems := _text_problems(self.text, "a practice"):
            raise ValidationError(problems)


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
