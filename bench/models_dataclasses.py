"""The same model and rules as slotted, frozen dataclasses with hand-written loading:
strict JSON types, unknown keys rejected, json.loads / json.dumps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from bench.rules import GRADES, UNITS, check_figure, check_inspection

_frozen = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)


def _keys(obj: Any, allowed: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
    if obj.__class__ is not dict:
        raise TypeError("expected an object")
    extra = obj.keys() - allowed
    if extra:
        raise ValueError(f"unknown keys {sorted(extra)}")
    missing = required - obj.keys()
    if missing:
        raise ValueError(f"missing keys {sorted(missing)}")
    return obj  # type: ignore[no-any-return]


def _str(v: Any) -> str:
    if v.__class__ is not str:
        raise TypeError("expected text")
    return v  # type: ignore[no-any-return]


def _int(v: Any) -> int:
    if v.__class__ is not int:
        raise TypeError("expected an integer")
    return v  # type: ignore[no-any-return]


def _opt_int(v: Any) -> int | None:
    return None if v is None else _int(v)


def _float(v: Any) -> float:
    if v.__class__ is float:
        return v  # type: ignore[no-any-return]
    if v.__class__ is int:
        return float(v)
    raise TypeError("expected a number")


def _date(v: Any) -> dt.date:
    return dt.date.fromisoformat(_str(v))


@_frozen
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def load(cls, o: Any) -> Period:
        o = _keys(o, frozenset({"start", "end"}), frozenset({"start", "end"}))
        return cls(start=_date(o["start"]), end=_date(o["end"]))

    def dump(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@_frozen
class Judgment:
    subject: str
    grade: str | None = None
    carried_over_from: int | None = None
    summary: str = ""

    @classmethod
    def load(cls, o: Any) -> Judgment:
        o = _keys(
            o,
            frozenset({"subject", "grade", "carried_over_from", "summary"}),
            frozenset({"subject"}),
        )
        grade = o.get("grade")
        if grade is not None and grade not in GRADES:
            raise ValueError(f"{grade!r} is not a grade")
        return cls(
            subject=_str(o["subject"]),
            grade=grade,
            carried_over_from=_opt_int(o.get("carried_over_from")),
            summary=_str(o.get("summary", "")),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {"subject": self.subject}
        if self.grade is not None:
            d["grade"] = self.grade
        if self.carried_over_from is not None:
            d["carried_over_from"] = self.carried_over_from
        if self.summary:
            d["summary"] = self.summary
        return d


@_frozen
class AreaForImprovement:
    subject: str
    text: str

    @classmethod
    def load(cls, o: Any) -> AreaForImprovement:
        o = _keys(o, frozenset({"subject", "text"}), frozenset({"subject", "text"}))
        return cls(subject=_str(o["subject"]), text=_str(o["text"]))

    def dump(self) -> dict[str, Any]:
        return {"subject": self.subject, "text": self.text}


@_frozen
class Comparator:
    value: float
    count: int | None = None
    base: int | None = None
    area: str = "England and Wales"

    @classmethod
    def load(cls, o: Any) -> Comparator:
        o = _keys(o, frozenset({"value", "count", "base", "area"}), frozenset({"value"}))
        return cls(
            value=_float(o["value"]),
            count=_opt_int(o.get("count")),
            base=_opt_int(o.get("base")),
            area=_str(o.get("area", "England and Wales")),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": self.value}
        if self.count is not None:
            d["count"] = self.count
        if self.base is not None:
            d["base"] = self.base
        if self.area != "England and Wales":
            d["area"] = self.area
        return d


_METRIC_KEYS = frozenset(
    {"id", "name", "value", "unit", "decimals", "period", "count", "base", "part_of", "comparator"}
)


@_frozen
class Metric:
    id: str
    name: str
    value: float
    unit: str
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

    @classmethod
    def load(cls, o: Any) -> Metric:
        o = _keys(o, _METRIC_KEYS, frozenset({"id", "name", "value", "unit"}))
        unit = _str(o["unit"])
        if unit not in UNITS:
            raise ValueError(f"{unit!r} is not a unit")
        period = o.get("period")
        comparator = o.get("comparator")
        part_of = o.get("part_of")
        return cls(
            id=_str(o["id"]),
            name=_str(o["name"]),
            value=_float(o["value"]),
            unit=unit,
            decimals=_int(o.get("decimals", 0)),
            period=None if period is None else Period.load(period),
            count=_opt_int(o.get("count")),
            base=_opt_int(o.get("base")),
            part_of=None if part_of is None else _str(part_of),
            comparator=None if comparator is None else Comparator.load(comparator),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
        }
        if self.decimals:
            d["decimals"] = self.decimals
        if self.period is not None:
            d["period"] = self.period.dump()
        if self.count is not None:
            d["count"] = self.count
        if self.base is not None:
            d["base"] = self.base
        if self.part_of is not None:
            d["part_of"] = self.part_of
        if self.comparator is not None:
            d["comparator"] = self.comparator.dump()
        return d


_INSPECTION_KEYS = frozenset(
    {
        "force",
        "programme",
        "published",
        "pillar",
        "fieldwork",
        "judgments",
        "areas_for_improvement",
        "metrics",
    }
)


def _list(v: Any) -> list[Any]:
    if v.__class__ is not list:
        raise TypeError("expected a list")
    return v  # type: ignore[no-any-return]


@_frozen
class Inspection:
    force: str
    programme: str
    published: dt.date
    pillar: str | None = None
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

    @classmethod
    def load(cls, o: Any) -> Inspection:
        o = _keys(o, _INSPECTION_KEYS, frozenset({"force", "programme", "published"}))
        pillar = o.get("pillar")
        return cls(
            force=_str(o["force"]),
            programme=_str(o["programme"]),
            published=_date(o["published"]),
            pillar=None if pillar is None else _str(pillar),
            fieldwork=tuple(Period.load(p) for p in _list(o.get("fieldwork", []))),
            judgments=tuple(Judgment.load(j) for j in _list(o.get("judgments", []))),
            areas_for_improvement=tuple(
                AreaForImprovement.load(a) for a in _list(o.get("areas_for_improvement", []))
            ),
            metrics=tuple(Metric.load(m) for m in _list(o.get("metrics", []))),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "force": self.force,
            "programme": self.programme,
            "published": self.published.isoformat(),
        }
        if self.pillar is not None:
            d["pillar"] = self.pillar
        if self.fieldwork:
            d["fieldwork"] = [p.dump() for p in self.fieldwork]
        if self.judgments:
            d["judgments"] = [j.dump() for j in self.judgments]
        if self.areas_for_improvement:
            d["areas_for_improvement"] = [a.dump() for a in self.areas_for_improvement]
        if self.metrics:
            d["metrics"] = [m.dump() for m in self.metrics]
        return d


@_frozen
class Dataset:
    inspections: tuple[Inspection, ...] = ()
    title: str = ""

    @classmethod
    def load(cls, o: Any) -> Dataset:
        o = _keys(o, frozenset({"schema_version", "inspections", "title"}), frozenset())
        return cls(
            inspections=tuple(Inspection.load(i) for i in _list(o.get("inspections", []))),
            title=_str(o.get("title", "")),
        )

    def dump(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "inspections": [i.dump() for i in self.inspections],
            "title": self.title,
        }


def load(text: str) -> Dataset:
    return Dataset.load(json.loads(text))


def dump(obj: Dataset) -> str:
    return json.dumps(obj.dump(), separators=(",", ":"), ensure_ascii=False)


def load_one(text: str) -> Inspection:
    o = json.loads(text)
    o.pop("schema_version", None)
    return Inspection.load(o)
