"""The benchmark model as msgspec Structs: strict by default, unknown fields forbidden,
frozen, ``gc=False`` (the objects hold no reference cycles), defaults omitted when
written; field bounds as ``Meta`` constraints; the other rules in ``__post_init__``
through bench.rules. Loaded with ``msgspec.json.decode(text, type=Dataset)``, written
with ``msgspec.json.encode``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from bench import _tables, rules

GradeName = Literal[_tables.GRADES]  # type: ignore[valid-type]
UnitName = Literal[tuple(_tables.UNITS)]  # type: ignore[valid-type]
PillarName = Literal[_tables.PILLARS]  # type: ignore[valid-type]

Text = Annotated[str, Meta(max_length=rules.TEXT_MAX)]
Figure = Annotated[float, Meta(ge=-rules.FIGURE_MAX, le=rules.FIGURE_MAX)]


def _bounded(name: str) -> object:
    # A lowest of None: the low end is a rule of bench.rules (a negative count), as in
    # peelmodel.
    low, high = rules.INT_BOUNDS[name]
    if low is None:
        return Annotated[int, Meta(le=high)]
    return Annotated[int, Meta(ge=low, le=high)]


Decimals = _bounded("Metric.decimals")
Count = _bounded("Metric.count")
Base = _bounded("Metric.base")
Year = _bounded("Judgment.carried_over_from")
Tranche = _bounded("Inspection.tranche")
SchemaVersion = Annotated[int, Meta(ge=1, le=rules.SCHEMA_VERSION)]


class _S(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    gc=False,
):
    pass


class Period(_S):
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        rules.check_period(self)


class Judgment(_S):
    subject: Text
    grade: GradeName | None = None
    carried_over_from: Year | None = None  # type: ignore[valid-type]
    summary: Text = ""

    def __post_init__(self) -> None:
        rules.check_judgment(self)


class AreaForImprovement(_S):
    subject: Text
    text: Text

    def __post_init__(self) -> None:
        rules.check_finding(self)


class Comparator(_S):
    value: Figure
    count: Count | None = None  # type: ignore[valid-type]
    base: Base | None = None  # type: ignore[valid-type]
    area: Text = "England and Wales"

    def __post_init__(self) -> None:
        rules.check_comparator(self)


class Metric(_S):
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

    def __post_init__(self) -> None:
        rules.check_metric(self)


class Inspection(_S):
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

    def __post_init__(self) -> None:
        rules.check_inspection(self)


class InspectionDocument(Inspection):
    """An inspection as a top-level document, which may carry its schema version."""

    schema_version: SchemaVersion | msgspec.UnsetType = msgspec.UNSET


class Dataset(_S):
    # UNSET, not None: an explicit null is rejected, and a version left out is not written.
    schema_version: SchemaVersion | msgspec.UnsetType = msgspec.UNSET
    inspections: tuple[Inspection, ...] = ()
    title: Text = ""


def load(text: str | bytes) -> Dataset:
    return msgspec.json.decode(text, type=Dataset)


def dump(obj: Dataset) -> bytes:
    return msgspec.json.encode(obj)


def load_one(text: str | bytes) -> InspectionDocument:
    return msgspec.json.decode(text, type=InspectionDocument)
