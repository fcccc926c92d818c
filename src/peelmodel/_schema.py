"""The JSON Schema (draft 2020-12) of the documents peelmodel writes and reads.

Kept apart from :mod:`peelmodel.serialization` (the loader); ``json_schema`` there is a
thin wrapper around :func:`json_schema` here.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from typing import Any

import attrs

from peelmodel import forces, programmes
from peelmodel._types import BOUNDS, DATE_MAX, DATE_MIN, FIGURE_MAX, INT_MAX, INT_MIN, TEXT_MAX
from peelmodel.programmes import Programme
from peelmodel.serialization import SCHEMA_VERSION, _is_tuple_of

__all__ = ["json_schema"]

# Patterns use [0-9], never \d (which in many regex engines, Python's among them,
# also matches other scripts' digits), and sit between length limits where a trailing
# newline could slip past a "$" (Python's "$" matches before a final newline).
_NON_BLANK = {"pattern": r"\S"}
_ID = {"pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}
_SUBJECT_ID = {"pattern": r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"}
_YEARS = "|".join(
    f"{century}[0-9]{{2}}" for century in range(DATE_MIN.year // 100, DATE_MAX.year // 100)
)
_DATE = {
    "type": "string",
    "format": "date",
    "minLength": 10,
    "maxLength": 10,
    "pattern": rf"^(?:{_YEARS}|{DATE_MAX.year})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
}

# Rules of one field, by (class name, field name), that the classes enforce and JSON
# Schema can state. Rules that join fields (a grade on its programme's scale, a value
# that agrees with its count and base) are listed in the documentation instead.
_FIELD_RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("Force", "id"): _ID,
    ("Force", "name"): _NON_BLANK,
    ("Force", "ons_code"): {"pattern": r"^(?:E23|W15)[0-9]{6}$", "maxLength": 9},
    ("Subject", "id"): _SUBJECT_ID,
    ("Subject", "title"): _NON_BLANK,
    ("Programme", "id"): _SUBJECT_ID,
    ("Programme", "title"): _NON_BLANK,
    ("Metric", "id"): _NON_BLANK,
    ("AreaForImprovement", "text"): _NON_BLANK,
    ("CauseOfConcern", "text"): _NON_BLANK,
    ("Recommendation", "text"): _NON_BLANK,
    ("Practice", "text"): _NON_BLANK,
    ("Source", "url"): {"pattern": r"^\s*(?:https?://[\s\S]*)?$"},
    ("Source", "page"): {"minimum": 1},
    ("Metric", "count"): {"minimum": 0},
    ("Metric", "base"): {"minimum": 1},
    ("Comparator", "area"): _NON_BLANK,
    ("Comparator", "count"): {"minimum": 0},
    ("Comparator", "base"): {"minimum": 1},
    ("CauseOfConcern", "recommendations"): {"minItems": 1},
}


def _unit_rules() -> list[dict[str, Any]]:
    """A metric's rules that depend on its unit, as if/then pairs."""
    from peelmodel.metrics import Unit

    def when(units: list[Unit], then: dict[str, Any]) -> dict[str, Any]:
        return {
            "if": {"properties": {"unit": {"enum": [u.value for u in units]}}},
            "then": {"properties": then},
        }

    rates = [u for u in Unit if u.is_rate]
    no_base = [u for u in Unit if u._no_base_]  # type: ignore[attr-defined]
    return [
        when([Unit.PERCENT], {"value": {"minimum": 0, "maximum": 100}}),
        when([Unit.COUNT], {"value": {"minimum": 0, "multipleOf": 1}}),
        when(rates, {"value": {"minimum": 0}}),
        when(no_base, {"count": {"type": "null"}, "base": {"type": "null"}}),
    ]


def _judgment_rules() -> list[dict[str, Any]]:
    """A judgment carried over from an earlier year holds the grade it carries."""
    return [
        {
            "if": {
                "required": ["carried_over_from"],
                "properties": {"carried_over_from": {"type": "integer"}},
            },
            "then": {"required": ["grade"], "properties": {"grade": {"type": "string"}}},
        }
    ]


# Rules of a class that join its fields and JSON Schema can still state.
_CLASS_RULES = {"Metric": _unit_rules, "Judgment": _judgment_rules}


def _field_rules(cls_name: str, name: str) -> dict[str, Any]:
    rules = dict(_FIELD_RULES.get((cls_name, name), {}))
    if (cls_name, name) == ("Inspection", "force"):
        rules["enum"] = [f.id for f in forces.all()]
    bounds = BOUNDS.get((cls_name, name))
    if bounds is not None:
        low, high = bounds
        if low is not None:
            rules["minimum"] = max(low, rules.get("minimum", low))
        rules["maximum"] = high
    return rules


def _with_rules(schema: dict[str, Any], rules: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with ``rules`` applied to its non-null branch."""
    if not rules:
        return schema
    if "anyOf" in schema:
        return {
            "anyOf": [
                branch if branch.get("type") == "null" else _with_rules(branch, rules)
                for branch in schema["anyOf"]
            ]
        }
    if "$ref" in schema:
        return {"allOf": [schema, rules]}
    return schema | rules


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents ``to_json(obj)`` writes for ``cls``."""
    defs: dict[str, Any] = {}
    root = _schema_for(cls, defs)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://peelmodel.invalid/schema/v{SCHEMA_VERSION}/{cls.__name__}.json",
        "title": cls.__name__,
    }
    if attrs.has(cls):
        body = dict(defs[cls.__name__])
        body["properties"] = {
            "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
            **body["properties"],
        }
        schema |= body
    else:
        schema |= root
    if defs:
        schema["$defs"] = defs
    return schema


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp is str:
        return {"type": "string", "maxLength": TEXT_MAX}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
    if tp is float:
        return {"type": "number", "minimum": -FIGURE_MAX, "maximum": FIGURE_MAX}
    if tp is date:
        return dict(_DATE)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return {"anyOf": [_schema_for(arg, defs) for arg in typing.get_args(tp)]}
    if tp is type(None):
        return {"type": "null"}
    if _is_tuple_of(tp):
        return {"type": "array", "items": _schema_for(typing.get_args(tp)[0], defs)}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            fields = [a for a in attrs.fields(tp) if a.init]
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().split("\n\n")[0],
                "properties": {
                    a.name: _with_rules(
                        _schema_for(hints[a.name], defs), _field_rules(name, a.name)
                    )
                    for a in fields
                },
                "required": [a.name for a in fields if a.default is attrs.NOTHING],
                "additionalProperties": False,
            }
            if name in _CLASS_RULES:
                defs[name]["allOf"] = _CLASS_RULES[name]()
        ref = {"$ref": f"#/$defs/{name}"}
        if tp is Programme:
            return {
                "anyOf": [
                    {
                        "enum": [p.id for p in programmes.catalogue()],
                        "description": "the id of a programme of the catalogue",
                    },
                    ref,
                ]
            }
        return ref
    raise TypeError(f"no JSON Schema for {tp!r}")
