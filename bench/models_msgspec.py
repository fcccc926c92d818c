"""The same model and rules as msgspec Structs (strict by default, unknown fields forbidden)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

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


class _S(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    pass


class Period(_S):
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")


class Judgment(_S):
    subject: str
    grade: GradeName | None = None
    carried_over_from: int | None = None
    summary: str = ""


class AreaForImprovement(_S):
    subject: str
    text: str


class Comparator(_S):
    value: float
    count: int | None = None
    base: int | None = None
    area: str = "England and Wales"


class Metric(_S):
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

    def __post_init__(self) -> None:
        check_figure(self.value, self.count, self.base, self.unit, self.decimals)
        if self.comparator is not None:
            c = self.comparator
            check_figure(c.value, c.count, c.base, self.unit, self.decimals)


class Inspection(_S, kw_only=True):
    schema_version: int | None = None
    force: str
    programme: str
    published: dt.date
    pillar: Literal["Effectiveness", "Efficiency", "Legitimacy"] | None = None
    fieldwork: tuple[Period, ...] = ()
    judgments: tuple[Judgment, ...] = ()
    areas_for_improvement: tuple[AreaForImprovement, ...] = ()
    metrics: tuple[Metric, ...] = ()

    def __post_init__(self) -> None:
        check_inspection(
            self.force,
            self.programme,
            [(j.subject, j.grade) for j in self.judgments],
            [a.subject for a in self.areas_for_improvement],
        )


class Dataset(_S):
    schema_version: int
    inspections: tuple[Inspection, ...] = ()
    title: str = ""


_DECODER = msgspec.json.Decoder(Dataset)
_ONE = msgspec.json.Decoder(Inspection)
_ENCODER = msgspec.json.Encoder()


def load(text: str) -> Dataset:
    return _DECODER.decode(text)


def dump(obj: Dataset) -> str:
    return _ENCODER.encode(obj).decode()


def load_one(text: str) -> Inspection:
    return _ONE.decode(text)
