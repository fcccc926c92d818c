"""The benchmark model as slotted, frozen dataclasses with hand-written loading and
writing through the standard library's ``json``: strict JSON types, unknown keys
rejected, NaN and infinities rejected, field bounds checked by hand; the other rules in
``__post_init__`` through bench.rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

from bench import _tables, rules

_frozen = dataclasses.dataclass(frozen=True, slots=True, kw_only=True)

_GRADES = frozenset(_tables.GRADES)
_UNITS = frozenset(_tables.UNITS)
_PILLARS = frozenset(_tables.PILLARS)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _keys(o: Any, allowed: frozenset[str], required: tuple[str, ...]) -> dict[str, Any]:
    if o.__class__ is not dict:
        raise TypeError("expected an object")
    for key in o:
        if key not in allowed:
            raise ValueError(f"unknown key {key!r}")
    for key in required:
        if key not in o:
            raise ValueError(f"missing key {key!r}")
    return o


def _str(v: Any) -> str:
    if v.__class__ is not str:
        raise TypeError("expected text")
    if len(v) > 200 or not v.isascii():
        rules.check_text(v)
    return v  # type: ignore[no-any-return]


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _int(v: Any, low: int, high: int) -> int:
    if v.__class__ is not int:
        raise TypeError("expected a whole number")
    if not low <= v <= high:
        raise ValueError(f"{v} is outside {low} to {high}")
    return v  # type: ignore[no-any-return]


def _bounds(name: str) -> tuple[int, int]:
    # A lowest of None: the low end is a rule of bench.rules (a negative count), as in
    # peelmodel; otherwise the 64-bit range JSON integers are written in.
    low, high = rules.INT_BOUNDS[name]
    return (-(2**63) if low is None else low, high)


_DECIMALS = _bounds("Metric.decimals")
_COUNT = _bounds("Metric.count")
_BASE = _bounds("Metric.base")
_YEAR = _bounds("Judgment.carried_over_from")
_TRANCHE = _bounds("Inspection.tranche")


def _opt_int(v: Any, bounds: tuple[int, int]) -> int | None:
    return None if v is None else _int(v, *bounds)


def _float(v: Any) -> float:
    if v.__class__ is float:
        pass
    elif v.__class__ is int:
        v = float(v)
    else:
        raise TypeError("expected a number")
    if not -rules.FIGURE_MAX <= v <= rules.FIGURE_MAX:  # also false for NaN
        raise ValueError(f"{v} is not a finite number within ±{rules.FIGURE_MAX:g}")
    return v  # type: ignore[no-any-return]


def _date(v: Any) -> dt.date:
    if v.__class__ is not str or len(v) != 10 or not _ISO_DATE.fullmatch(v):
        raise TypeError("expected a date written YYYY-MM-DD")
    return dt.date.fromisoformat(v)


def _opt_date(v: Any) -> dt.date | None:
    return None if v is None else _date(v)


def _list(v: Any) -> list[Any]:
    if v.__class__ is not list:
        raise TypeError("expected a list")
    return v  # type: ignore[no-any-return]


def _choice(v: Any, choices: frozenset[str], what: str) -> str:
    if v.__class__ is not str or v not in choices:
        raise ValueError(f"{v!r} is not a {what}")
    return v  # type: ignore[no-any-return]


@_frozen
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        rules.check_period(self)

    @classmethod
    def load(cls, o: Any) -> Period:
        o = _keys(o, frozenset({"start", "end"}), ("start", "end"))
        return cls(start=_date(o["start"]), end=_date(o["end"]))

    def dump(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _opt_period(v: Any) -> Period | None:
    return None if v is None else Period.load(v)


_JUDGMENT_KEYS = frozenset({"subject", "grade", "carried_over_from", "summary"})


@_frozen
class Judgment:
    subject: str
    grade: str | None = None
    carried_over_from: int | None = None
    summary: str = ""

    def __post_init__(self) -> None:
        rules.check_judgment(self)

    @classmethod
    def load(cls, o: Any) -> Judgment:
        o = _keys(o, _JUDGMENT_KEYS, ("subject",))
        grade = o.get("grade")
        return cls(
            subject=_str(o["subject"]),
            grade=None if grade is None else _choice(grade, _GRADES, "grade"),
            carried_over_from=_opt_int(o.get("carried_over_from"), _YEAR),
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


_AFI_KEYS = frozenset({"subject", "text"})


@_frozen
class AreaForImprovement:
    subject: str
    text: str

    def __post_init__(self) -> None:
        rules.check_finding(self)

    @classmethod
    def load(cls, o: Any) -> AreaForImprovement:
        o = _keys(o, _AFI_KEYS, ("subject", "text"))
        return cls(subject=_str(o["subject"]), text=_str(o["text"]))

    def dump(self) -> dict[str, Any]:
        return {"subject": self.subject, "text": self.text}


_COMPARATOR_KEYS = frozenset({"value", "count", "base", "area"})


@_frozen
class Comparator:
    value: float
    count: int | None = None
    base: int | None = None
    area: str = "England and Wales"

    def __post_init__(self) -> None:
        rules.check_comparator(self)

    @classmethod
    def load(cls, o: Any) -> Comparator:
        o = _keys(o, _COMPARATOR_KEYS, ("value",))
        return cls(
            value=_float(o["value"]),
            count=_opt_int(o.get("count"), _COUNT),
            base=_opt_int(o.get("base"), _BASE),
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
    {
        "id",
        "name",
        "value",
        "unit",
        "decimals",
        "period",
        "compared_with",
        "count",
        "base",
        "part_of",
        "comparator",
    }
)


@_frozen
class Metric:
    id: str
    name: str
    value: float
    unit: str
    decimals: int = 0
    period: Period | None = None
    compared_with: Period | None = None
    count: int | None = None
    base: int | None = None
    part_of: str | None = None
    comparator: Comparator | None = None

    def __post_init__(self) -> None:
        rules.check_metric(self)

    @classmethod
    def load(cls, o: Any) -> Metric:
        o = _keys(o, _METRIC_KEYS, ("id", "name", "value", "unit"))
        comparator = o.get("comparator")
        return cls(
            id=_str(o["id"]),
            name=_str(o["name"]),
            value=_float(o["value"]),
            unit=_choice(o["unit"], _UNITS, "unit"),
            decimals=_int(o.get("decimals", 0), *_DECIMALS),
            period=_opt_period(o.get("period")),
            compared_with=_opt_period(o.get("compared_with")),
            count=_opt_int(o.get("count"), _COUNT),
            base=_opt_int(o.get("base"), _BASE),
            part_of=_opt_str(o.get("part_of")),
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
        if self.compared_with is not None:
            d["compared_with"] = self.compared_with.dump()
        if self.count is not None:
            d["count"] = self.count
        if self.base is not None:
            d["base"] = self.base
        if self.part_of is not None:
            d["part_of"] = self.part_of
        if self.comparator is not None:
            d["comparator"] = self.comparator.dump()
        return d


_INSPECTION_FIELDS = (
    "force",
    "programme",
    "published",
    "pillar",
    "fieldwork",
    "evidence_period",
    "tranche",
    "judgments",
    "areas_for_improvement",
    "metrics",
)
_INSPECTION_KEYS = frozenset(_INSPECTION_FIELDS)
_DOCUMENT_KEYS = _INSPECTION_KEYS | {"schema_version"}


@_frozen
class Inspection:
    force: str
    programme: str
    published: dt.date | None = None
    pillar: str | None = None
    fieldwork: tuple[Period, ...] = ()
    evidence_period: Period | None = None
    tranche: int | None = None
    judgments: tuple[Judgment, ...] = ()
    areas_for_improvement: tuple[AreaForImprovement, ...] = ()
    metrics: tuple[Metric, ...] = ()

    def __post_init__(self) -> None:
        rules.check_inspection(self)

    @classmethod
    def load(cls, o: Any, keys: frozenset[str] = _INSPECTION_KEYS) -> Inspection:
        o = _keys(o, keys, ("force", "programme"))
        pillar = o.get("pillar")
        return cls(
            force=_str(o["force"]),
            programme=_str(o["programme"]),
            published=_opt_date(o.get("published")),
            pillar=None if pillar is None else _choice(pillar, _PILLARS, "pillar"),
            fieldwork=tuple([Period.load(p) for p in _list(o.get("fieldwork", []))]),
            evidence_period=_opt_period(o.get("evidence_period")),
            tranche=_opt_int(o.get("tranche"), _TRANCHE),
            judgments=tuple([Judgment.load(j) for j in _list(o.get("judgments", []))]),
            areas_for_improvement=tuple(
                [AreaForImprovement.load(a) for a in _list(o.get("areas_for_improvement", []))]
            ),
            metrics=tuple([Metric.load(m) for m in _list(o.get("metrics", []))]),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {"force": self.force, "programme": self.programme}
        if self.published is not None:
            d["published"] = self.published.isoformat()
        if self.pillar is not None:
            d["pillar"] = self.pillar
        if self.fieldwork:
            d["fieldwork"] = [p.dump() for p in self.fieldwork]
        if self.evidence_period is not None:
            d["evidence_period"] = self.evidence_period.dump()
        if self.tranche is not None:
            d["tranche"] = self.tranche
        if self.judgments:
            d["judgments"] = [j.dump() for j in self.judgments]
        if self.areas_for_improvement:
            d["areas_for_improvement"] = [a.dump() for a in self.areas_for_improvement]
        if self.metrics:
            d["metrics"] = [m.dump() for m in self.metrics]
        return d


def _schema_version(o: dict[str, Any]) -> int | None:
    if "schema_version" not in o:
        return None
    return _int(o["schema_version"], 1, rules.SCHEMA_VERSION)


_DATASET_KEYS = frozenset({"schema_version", "inspections", "title"})


@_frozen
class Dataset:
    schema_version: int | None = None
    inspections: tuple[Inspection, ...] = ()
    title: str = ""

    @classmethod
    def load(cls, o: Any) -> Dataset:
        o = _keys(o, _DATASET_KEYS, ())
        return cls(
            schema_version=_schema_version(o),
            inspections=tuple([Inspection.load(i) for i in _list(o.get("inspections", []))]),
            title=_str(o.get("title", "")),
        )

    def dump(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if self.schema_version is not None:
            d["schema_version"] = self.schema_version
        if self.inspections:
            d["inspections"] = [i.dump() for i in self.inspections]
        if self.title:
            d["title"] = self.title
        return d


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed in JSON")


def _parse(text: str | bytes) -> Any:
    return json.loads(text, parse_constant=_no_constant)


def load(text: str | bytes) -> Dataset:
    return Dataset.load(_parse(text))


def dump(obj: Dataset) -> str:
    return json.dumps(obj.dump(), separators=(",", ":"), ensure_ascii=False)


def load_one(text: str | bytes) -> Inspection:
    o = _parse(text)
    if o.__class__ is dict:
        _schema_version(o)
    return Inspection.load(o, _DOCUMENT_KEYS)
