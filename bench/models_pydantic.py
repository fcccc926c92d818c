"""The benchmark model in pydantic v2: strict types, unknown keys forbidden, frozen,
no NaN or infinity; field bounds as ``Field`` constraints; the other rules in
``model_validator(mode="after")`` through bench.rules. Loaded with
``Model.model_validate_json``, written with ``model_dump_json(exclude_defaults=True)``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bench import _tables, rules

GradeName = Literal[_tables.GRADES]  # type: ignore[valid-type]
UnitName = Literal[tuple(_tables.UNITS)]  # type: ignore[valid-type]
PillarName = Literal[_tables.PILLARS]  # type: ignore[valid-type]

Text = Annotated[str, Field(max_length=rules.TEXT_MAX)]
Figure = Annotated[float, Field(ge=-rules.FIGURE_MAX, le=rules.FIGURE_MAX)]


def _bounded(name: str) -> object:
    # A lowest of None: the low end is a rule of bench.rules (a negative count), as in
    # peelmodel.
    low, high = rules.INT_BOUNDS[name]
    if low is None:
        return Annotated[int, Field(le=high)]
    return Annotated[int, Field(ge=low, le=high)]


Decimals = _bounded("Metric.decimals")
Count = _bounded("Metric.count")
Base = _bounded("Metric.base")
Year = _bounded("Judgment.carried_over_from")
Tranche = _bounded("Inspection.tranche")
SchemaVersion = Annotated[int, Field(ge=1, le=rules.SCHEMA_VERSION)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class Period(_Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _rules(self) -> Period:
        rules.check_period(self)
        return self


class Judgment(_Model):
    subject: Text
    grade: GradeName | None = None
    carried_over_from: Year | None = None  # type: ignore[valid-type]
    summary: Text = ""

    @model_validator(mode="after")
    def _rules(self) -> Judgment:
        rules.check_judgment(self)
        return self


class AreaForImprovement(_Model):
    subject: Text
    text: Text

    @model_validator(mode="after")
    def _rules(self) -> AreaForImprovement:
        rules.check_finding(self)
        return self


class Comparator(_Model):
    value: Figure
    count: Count | None = None  # type: ignore[valid-type]
    base: Base | None = None  # type: ignore[valid-type]
    area: Text = "England and Wales"

    @model_validator(mode="after")
    def _rules(self) -> Comparator:
        rules.check_comparator(self)
        return self


class Metric(_Model):
    id: Text
    name: Text
    value: Figure
    unit: UnitName
    decimals: Decimals = 0  # type: ignore[valid-type]
    period: Period | None = None
    compared_with: Period | None = None
    count: Count | None = None  # type: ignore[valid-type]
    base: Base | None = None  # type: ignore[valid-type]
    part_of: Text | None = None
    comparator: Comparator | None = None

    @model_validator(mode="after")
    def _rules(self) -> Metric:
        rules.check_metric(self)
        return self


class Inspection(_Model):
    force: Text
    programme: Text
    published: dt.date | None = None
    pillar: PillarName | None = None
    fieldwork: tuple[Period, ...] = ()
    evidence_period: Period | None = None
    tranche: Tranche | None = None  # type: ignore[valid-type]
    judgments: tuple[Judgment, ...] = ()
    areas_for_improvement: tuple[AreaForImprovement, ...] = ()
    metrics: tuple[Metric, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Inspection:
        rules.check_inspection(self)
        return self


class InspectionDocument(Inspection):
    """An inspection as a top-level document, which may carry its schema version."""

    # Not Optional: an explicit null is rejected; left out, it is not written back.
    schema_version: SchemaVersion = None  # type: ignore[assignment]


class Dataset(_Model):
    schema_version: SchemaVersion = None  # type: ignore[assignment]
    inspections: tuple[Inspection, ...] = ()
    title: Text = ""


def load(text: str | bytes) -> Dataset:
    return Dataset.model_validate_json(text)


def dump(obj: Dataset) -> str:
    return obj.model_dump_json(exclude_defaults=True)


def load_one(text: str | bytes) -> InspectionDocument:
    return InspectionDocument.model_validate_json(text)
