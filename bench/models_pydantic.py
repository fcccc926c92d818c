"""The same model and rules in pydantic v2 (strict, extra keys forbidden, frozen)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from bench.rules import check_figure, check_inspection

GradeName = Literal["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
UnitName = Literal[
    "per 1,000 population",
    "per 1,000 households",
    "per 10,000 population",
    "per 10,000 households",
    "per 1,000,000 population",
    "per 1,000,000 households",
    "percent",
    "percent change",
    "count",
    "pounds",
]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Period(_Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Period:
        if self.end < self.start:
            raise ValueError("period ends before it starts")
        return self


class Judgment(_Model):
    subject: str
    grade: GradeName | None = None
    carried_over_from: int | None = None
    summary: str = ""


class AreaForImprovement(_Model):
    subject: str
    text: str


class Comparator(_Model):
    value: float
    count: int | None = None
    base: int | None = None
    area: str = "England and Wales"


class Metric(_Model):
    id: str
    name: str
    value: float
    unit: UnitName
    decimals: int = 0
    period: Period | None = None
    count: int | None = None
    base: int | None = None
    part_of: str | None = None
    comparator: Comparator | None = None

    @model_validator(mode="after")
    def _figures(self) -> Metric:
        check_figure(self.value, self.count, self.base, self.unit, self.decimals)
        if self.comparator is not None:
            c = self.comparator
            check_figure(c.value, c.count, c.base, self.unit, self.decimals)
        return self


class Inspection(_Model):
    schema_version: int | None = None
    force: str
    programme: str
    published: dt.date
    pillar: Literal["Effectiveness", "Efficiency", "Legitimacy"] | None = None
    fieldwork: tuple[Period, ...] = ()
    judgments: tuple[Judgment, ...] = ()
    areas_for_improvement: tuple[AreaForImprovement, ...] = ()
    metrics: tuple[Metric, ...] = ()

    @model_validator(mode="after")
    def _whole(self) -> Inspection:
        check_inspection(
            self.force,
            self.programme,
            [(j.subject, j.grade) for j in self.judgments],
            [a.subject for a in self.areas_for_improvement],
        )
        return self


class Dataset(_Model):
    schema_version: int
    inspections: tuple[Inspection, ...] = ()
    title: str = ""


def load(text: str) -> Dataset:
    return Dataset.model_validate_json(text)


def dump(obj: Dataset) -> str:
    return obj.model_dump_json(exclude_defaults=True)


def load_one(text: str) -> Inspection:
    return Inspection.model_validate_json(text)
