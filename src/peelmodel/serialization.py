"""Lossless, strict JSON in and out.

* ``to_dict`` / ``to_json`` write plain JSON: ISO dates, grades and other enums by
  their published wording, keys in the classes' field order, fields left at their
  default omitted, and ``schema_version`` first in every document.
* ``from_dict`` / ``from_json`` accept exactly that: unknown keys, wrong JSON types
  (``"10"`` for 10, ``true`` for 1, text for a list), NaN and infinities, impossible
  dates and malformed JSON text are all rejected. Every problem found is reported at
  once in one :class:`~peelmodel.ValidationError`, each with the path to the field.
* Documents written by an older schema version are migrated before they are read.

A valid document is read by functions generated per class from the type hints (see
"the fast path" below) and written through one generated orjson ``default`` ("the
fast writer"); a private cattrs converter reads any document the fast path doubts, to
word every problem with its path. Both are built on first use, so ``import peelmodel``
does not pay for them, and reading a valid document never imports cattrs.
"""

from __future__ import annotations

import enum
import functools
import math
import operator
import re
import threading
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs
import orjson

from peelmodel import programmes

if typing.TYPE_CHECKING:  # cattrs is imported on first need: a valid document never does
    import cattrs
from peelmodel._convert import close_matches
from peelmodel._types import DATE_MAX, DATE_MIN
from peelmodel.errors import Problem, ValidationError, short_repr
from peelmodel.grades import Grade, unknown_grade_message
from peelmodel.programmes import Programme

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "from_dict",
    "from_json",
    "json_schema",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

SCHEMA_VERSION = 2
"""The version of the JSON documents this release writes."""


def _sources_v1_to_v2(value: Any) -> Any:
    """A copy of a version 1 tree in which every source's ``document`` is its ``title``.

    Version 1 named a source by ``document`` (a report title or a file name); version 2
    cites it by ``title``, ``publisher``, ``published`` and ``url``.
    """
    if isinstance(value, list):
        return [_sources_v1_to_v2(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "source" and isinstance(item, dict):
            item = _v1_source(item)
        elif key == "sources" and isinstance(item, list):
            item = [_v1_source(s) if isinstance(s, dict) else s for s in item]
        else:
            item = _sources_v1_to_v2(item)
        out[key] = item
    return out


def _v1_source(source: dict[str, Any]) -> dict[str, Any]:
    if "document" not in source or "title" in source:
        return source
    return {("title" if k == "document" else k): v for k, v in source.items()}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _sources_v1_to_v2}
"""Upgrades of a top-level document: ``MIGRATIONS[n]`` turns version n into n + 1."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_ENUM_NOUNS = {"Grade": "grade", "GradingScale": "grading scale", "SubjectKind": "kind of subject"}


class _Mismatch(ValidationError):
    """A JSON value of the wrong type (raised by the strict scalar hooks)."""


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text {short_repr(value)}"
    if isinstance(value, int | float):
        return f"the number {short_repr(value)}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _mismatch(expected: str, value: object) -> _Mismatch:
    return _Mismatch(
        [Problem(path="$", code="type", message=f"expected {expected}, not {_json_type(value)}")]
    )


# --- strict scalar hooks ------------------------------------------------------------


def _str(value: Any, _: Any) -> str:
    if value.__class__ is str:
        return value
    raise _mismatch("text", value)


def _int(value: Any, _: Any) -> int:
    if value.__class__ is int:
        return value
    raise _mismatch("a whole number", value)


def _float(value: Any, _: Any) -> float:
    cls = value.__class__
    if cls is float:
        if math.isfinite(value):
            return value  # type: ignore[no-any-return]
        raise ValidationError.single(
            "$", "number.not_finite", f"expected a finite number, not {value!r}"
        )
    if cls is int:
        return float(value)
    raise _mismatch("a number", value)


def _bool(value: Any, _: Any) -> bool:
    if value.__class__ is bool:
        return value
    raise _mismatch("true or false", value)


# Dates read, by their text: a national file repeats a few hundred dates thousands of
# times. Bounded, and only ever holding valid dates within the years a field allows
# (so that the fast path needs no other test of a date found here).
_DATES: dict[str, date] = {}
_DATE_MIN, _DATE_MAX = DATE_MIN, DATE_MAX


def _date(value: Any, _: Any) -> date:
    if value.__class__ is str:
        found = _DATES.get(value)
        if found is not None:
            return found
    if value.__class__ is not str or len(value) != 10 or not _ISO_DATE.fullmatch(value):
        raise _mismatch("a date written YYYY-MM-DD", value)
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise ValidationError.single(
            "$", "date.invalid", f"{value!r} is not a date: {error}"
        ) from None
    if len(_DATES) < 100_000 and _DATE_MIN <= day <= _DATE_MAX:
        _DATES[value] = day
    return day


def _fast_date(value: Any) -> date:
    """A date within the allowed years, for the fast path; _Doubt for anything else."""
    day = _date(value, None)
    if not _DATE_MIN <= day <= _DATE_MAX:
        raise _Doubt
    return day


_GRADES = {g.value: g for g in Grade}


def _grade(value: Any, _: Any) -> Grade:
    try:
        return _GRADES[value]
    except (KeyError, TypeError):
        if value.__class__ is not str:
            raise _mismatch("a grade", value) from None
        raise ValidationError.single("$", "grade.unknown", unknown_grade_message(value)) from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    by_value = {m.value: m for m in cls}
    noun = _ENUM_NOUNS.get(cls.__name__, re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower())
    values = [str(m.value) for m in cls]

    def hook(value: Any, _: Any) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            if value.__class__ is not str:
                raise _mismatch(f"a {noun}", value) from None
            close = close_matches(value, values, n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else "expected one of " + ", ".join(map(repr, values))
            )
            raise ValidationError.single(
                "$", f"{noun.replace(' ', '_')}.unknown", f"{value!r} is not a {noun}; {hint}"
            ) from None

    return hook


def _sequence_hook(converter: cattrs.Converter, tp: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    from cattrs.errors import IterableValidationError, IterableValidationNote

    item = typing.get_args(tp)[0]
    inner = converter.get_structure_hook(item)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if value.__class__ is not list and value.__class__ is not tuple:
            raise _mismatch("a list", value)
        out = []
        errors: list[Exception] = []
        for i, element in enumerate(value):
            try:
                out.append(inner(element, item))
            except Exception as error:
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(f"@ index {i}", i, item),
                ]
                errors.append(error)
        if errors:
            raise IterableValidationError("while structuring a list", errors, tp)
        return tuple(out)

    return hook


def _optional_of(tp: Any) -> Any:
    """X for ``X | None``, else None."""
    if typing.get_origin(tp) not in (typing.Union, types.UnionType):
        return None
    args = typing.get_args(tp)
    if len(args) != 2 or type(None) not in args:
        return None
    return args[0] if args[1] is type(None) else args[1]


def _optional_hook(converter: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    inner_type = _optional_of(tp)
    inner = converter.get_structure_hook(inner_type)

    def hook(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return hook


def _is_tuple_of(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


# --- the converter ----------------------------------------------------------------


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=True
    )
    converter.register_structure_hook(str, _str)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(float, _float)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(date, _date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(Grade, _grade)
    converter.register_unstructure_hook_factory(_is_enum, lambda _: _enum_value)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum) and t is not Grade, _enum_hook
    )
    converter.register_structure_hook_factory(_is_tuple_of, lambda t: _sequence_hook(converter, t))
    converter.register_structure_hook_factory(
        lambda t: _optional_of(t) is not None, lambda t: _optional_hook(converter, t)
    )
    converter.register_structure_hook_factory(
        lambda t: attrs.has(t) and t is not Programme, lambda t: _class_hook(converter, t)
    )
    converter.register_unstructure_hook_factory(
        lambda t: attrs.has(t) and t is not Programme,
        lambda t: _unstructure_hook(converter, t, lists=True),
    )

    # Programmes written in full are rare: their functions are generated on first need.
    programme_fn = functools.cache(lambda: _class_hook(converter, Programme))
    programme_dump = functools.cache(lambda: _unstructure_hook(converter, Programme, lists=True))

    def structure_programme(value: Any, _: Any) -> Programme:
        if value.__class__ is str:
            return programmes.get(value)
        return programme_fn()(value, Programme)

    def unstructure_programme(programme: Programme) -> Any:
        if _is_registered(programme):
            return programme.id
        return programme_dump()(programme)

    converter.register_structure_hook(Programme, structure_programme)
    converter.register_unstructure_hook(Programme, unstructure_programme)
    _FULL_DUMP[Programme] = lambda programme: programme_dump()(programme)
    return converter


# Fields written even when they hold their default, because they say what a document
# is: an empty dataset is still {"inspections": []}, not an empty inspection.
_ALWAYS_WRITTEN = {("Dataset", "inspections")}


def _unstructure_hook(
    converter: cattrs.Converter, cls: type[Any], *, lists: bool
) -> Callable[[Any], Any]:
    """A generated dump function for an attrs class: fields in order, defaults left out.

    cattrs' own generated functions compare every field with its default through
    ``!=``, which for attrs values runs Python ``__eq__``; here ``is not None`` and
    truthiness do the same job, which makes dumping about a third faster.
    """
    from cattrs.fns import identity

    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {}
    lines = ["def dump(o):", "    res = {}"]
    for a in attrs.fields(cls):
        if not a.init:
            continue
        tp = hints[a.name]
        inner = _optional_of(tp)
        value_type = inner if inner is not None else tp
        if _is_tuple_of(value_type):
            item_hook = converter.get_unstructure_hook(typing.get_args(value_type)[0])
            if item_hook is identity:
                expr = "list(v)" if lists else "v"
            else:
                names[f"h_{a.name}"] = item_hook
                expr = f"[h_{a.name}(x) for x in v]"
        else:
            hook = converter.get_unstructure_hook(value_type)
            if hook is identity:
                expr = "v"
            else:
                names[f"h_{a.name}"] = hook
                expr = f"h_{a.name}(v)"
        lines.append(f"    v = o.{a.name}")
        test = _written_test(cls, a, f"d_{a.name}", names)
        if test is None:
            if inner is not None and expr != "v":
                expr = f"None if v is None else {expr}"
            lines.append(f"    res[{a.name!r}] = {expr}")
            continue
        lines.append(f"    if {test}:")
        lines.append(f"        res[{a.name!r}] = {expr}")
    lines.append("    return res")
    namespace = dict(names)
    exec(compile("\n".join(lines), f"<peelmodel dump {cls.__name__}>", "exec"), namespace)
    return namespace["dump"]  # type: ignore[no-any-return]


def _written_test(
    cls: type[Any], field: attrs.Attribute[Any], default_name: str, names: dict[str, Any]
) -> str | None:
    """The test, on the field's value ``v``, that it differs from its default and is
    written; None when the field is always written."""
    default = field.default
    if default is attrs.NOTHING or (cls.__name__, field.name) in _ALWAYS_WRITTEN:
        return None
    if default is None:
        return "v is not None"
    if default == ():
        return "v"
    names[default_name] = default
    return f"v != {default_name}"


def _is_registered(programme: Programme) -> bool:
    """True when ``programme`` is the one registered under its id (written as its id)."""
    registered = programmes._registry().get(programme.id)
    return registered is programme or registered == programme


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


_enum_value = operator.attrgetter("_value_")


@functools.cache
def _json_converter() -> cattrs.Converter:
    """The converter for to_json: dates and enums stay objects, for orjson writes them
    itself (as ISO dates and by value), much faster than a Python hook per value."""
    from cattrs.fns import identity

    converter = _converter().copy()
    converter.register_unstructure_hook(date, identity)
    converter.register_unstructure_hook_factory(_is_enum, lambda _: identity)

    def optional(tp: Any) -> Callable[[Any], Any]:
        inner = converter.get_unstructure_hook(_optional_of(tp))
        if inner is identity:
            return identity
        return lambda value: None if value is None else inner(value)

    converter.register_unstructure_hook_factory(lambda t: _optional_of(t) is not None, optional)
    converter.register_unstructure_hook_factory(
        lambda t: attrs.has(t) and t is not Programme,
        lambda t: _unstructure_hook(converter, t, lists=False),
    )
    return converter


# A programme inside an inspection is written as its id when it is registered; a
# programme on its own is always written in full.
_FULL_DUMP: dict[type[Any], Callable[[Any], Any]] = {}


def _class_hook(converter: cattrs.Converter, cls: type[T]) -> Callable[[Any, Any], T]:
    """Structure an attrs class from a JSON object (and from nothing else)."""
    from cattrs.gen import make_dict_structure_fn

    generated = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
    noun = f"an object ({cls.__name__})"

    def hook(value: Any, _: Any) -> T:
        if value.__class__ is not dict:
            raise _mismatch(noun, value)
        return generated(value, cls)

    return hook


# --- errors -------------------------------------------------------------------------


def _problems(error: BaseException, path: str, cls: Any) -> list[Problem]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(error, ValidationError):
        return [p.under(path) for p in error.problems]
    if isinstance(error, IterableValidationError):
        found: list[Problem] = []
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            found += _problems(inner, f"{path}[{note.index!r}]", note.type)
        for inner in without:
            found += _problems(inner, path, None)
        return found
    if isinstance(error, ClassValidationError):
        found = []
        class_notes, without = error.group_exceptions()
        for inner, attribute in class_notes:
            found += _problems(inner, f"{path}.{attribute.name}", attribute.type)
        for inner in without:
            found += _problems(inner, path, error.cl)
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(error.cl) if a.init] if attrs.has(error.cl) else []
        problems = []
        for key in sorted(error.extra_fields, key=repr):
            if key.__class__ is not str:
                problems.append(
                    Problem(
                        path=f"{path}[{short_repr(key)}]",
                        code="key.type",
                        message=f"a key must be text, as in JSON, not {_json_type(key)}",
                    )
                )
                continue
            close = close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(
                    path=f"{path}.{key}",
                    code="key.unknown",
                    message=f"{key!r} is not a field of {error.cl.__name__}{hint}",
                )
            )
        return problems
    if isinstance(error, KeyError):
        field = path.rsplit(".", 1)[-1]
        return [
            Problem(
                path=path, code="key.missing", message=f"the required field {field!r} is missing"
            )
        ]
    return [Problem(path=path, code="invalid", message=f"invalid value: {error}")]


def _reject(error: BaseException, cls: Any) -> ValidationError:
    problems = _problems(error, "$", cls)
    return ValidationError(problems or [Problem(path="$", code="invalid", message=str(error))])


# --- public API -----------------------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """``obj`` as plain JSON-ready data; an attrs object gets ``schema_version`` first."""
    return _unstructure(obj, _converter())


def _unstructure(obj: Any, converter: cattrs.Converter) -> Any:
    full = _FULL_DUMP.get(type(obj))
    data = full(obj) if full is not None else converter.unstructure(obj)
    if isinstance(data, dict) and attrs.has(type(obj)):
        return {"schema_version": SCHEMA_VERSION, **data}
    return data


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text: indented by two spaces by default, ``indent=None`` for compact."""
    if indent not in (2, None):
        raise ValueError(f"indent must be 2 or None, not {indent!r}")
    write = _WRITE[0] if _WRITE else _writer()
    cls = obj.__class__
    try:
        if cls is not Programme and attrs.has(cls):
            data = {"schema_version": SCHEMA_VERSION, **write(obj)}
        else:
            data = _unstructure(obj, _json_converter())
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(data, default=write, option=option).decode()
    except TypeError as error:  # only for objects peelmodel did not build
        raise ValidationError.single(
            "$", "json.unserializable", f"cannot write as JSON: {error}"
        ) from None


def _migrate(data: Mapping[str, Any]) -> dict[str, Any]:
    document = dict(data)
    version = document.pop("schema_version", SCHEMA_VERSION)
    if version.__class__ is not int:
        raise ValidationError.single(
            "$.schema_version",
            "schema_version.type",
            f"expected a whole number, not {_json_type(version)}",
        )
    if version > SCHEMA_VERSION or version < 1:
        raise ValidationError.single(
            "$.schema_version",
            "schema_version.unsupported",
            f"schema_version {version} is not one this peelmodel reads (1 to {SCHEMA_VERSION})",
        )
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
    return document


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from plain data, strictly; every problem in one ValidationError.

    The caller's data is never changed.
    """
    if attrs.has(cls):
        if data.__class__ is not dict:
            raise _mismatch(f"an object ({cls.__name__})", data)
        data = _migrate(data)
        try:
            return _fast_builder(cls)(data)  # type: ignore[no-any-return]
        except Exception:
            pass
    return _from_dict_in_full(data, cls)


def _from_dict_in_full(data: Any, cls: type[T]) -> T:
    """from_dict through the converter, which words every problem with its path."""
    converter = _converter()
    try:
        return converter.structure(data, cls)
    except Exception as error:
        from cattrs.errors import ClassValidationError, IterableValidationError

        if not isinstance(error, ClassValidationError | IterableValidationError | ValidationError):
            raise
        raise _reject(error, cls) from None


def from_json(text: str | bytes | bytearray, cls: type[T]) -> T:
    """Build a ``cls`` from JSON text; malformed JSON is a ValidationError too.

    Loading changes no process-wide state: the garbage collector is left as it is.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise ValidationError.single(
            "$", "json.type", f"expected JSON text, not {type(text).__name__}"
        )
    data = _loads(text)
    is_class = attrs.has(cls)  # (a variable, so that mypy keeps cls as type[T])
    if not is_class or data.__class__ is not dict:
        return from_dict(data, cls)
    try:
        # the parsed form is this function's own: the builder may let go of each
        # top-level item once it is built, so that its memory serves the next one
        return _fast_builder(cls, consume=True)(_migrate(data))  # type: ignore[no-any-return]
    except Exception:
        pass
    # a doubt, or a problem to word: the converter reads the document from the text again
    # (the fast path may have let go of parts of the parsed form)
    data = _migrate(_loads(text))
    return _from_dict_in_full(data, cls)


def _loads(text: str | bytes | bytearray) -> Any:
    """Parse JSON text strictly: a syntax error or a key given twice in one object is a
    :class:`ValidationError` with its position or path (most parsers let the last of
    two equal keys win, silently)."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ValidationError.single("$", *_syntax(text, error)) from None
    _refuse_duplicate_keys(text, data)
    return data


def _refuse_duplicate_keys(text: str | bytes | bytearray | memoryview, data: Any) -> None:
    """Raise ValidationError if an object of ``text`` (which parsed as ``data``) gives
    a key twice."""
    if data.__class__ is dict or data.__class__ is list:
        duplicates = _duplicate_keys_in(text, data)
        if duplicates:
            raise ValidationError(duplicates)


def _as_orjson_writes(text: str | bytes | bytearray | memoryview, data: Any) -> bool:
    """True when ``text`` is exactly what orjson writes for ``data`` (as peelmodel's
    to_json does), which proves that no key was given twice: a few milliseconds for a
    national file, against tens for a full second parse."""
    raw = text.encode() if isinstance(text, str) else text
    # to_json indents by default: a document that opens with a line break is tried
    # indented first
    options = (orjson.OPT_INDENT_2, 0) if raw[1:2] == b"\n" else (0, orjson.OPT_INDENT_2)
    try:
        for option in options:
            written = orjson.dumps(data, option=option)
            if written == raw or written + b"\n" == raw:
                return True
    except (TypeError, orjson.JSONEncodeError):
        return False
    return False


def _duplicate_keys(text: str | bytes | bytearray | memoryview) -> list[Problem]:
    """A problem for each key given twice in one object of ``text``, with its path."""
    import json

    repeated: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if len(built) != len(pairs):
            seen: set[str] = set()
            twice = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            repeated[id(built)] = list(dict.fromkeys(twice))
        return built

    try:
        tree = json.loads(
            text if isinstance(text, str) else bytes(text), object_pairs_hook=pairs_hook
        )
    except (ValueError, RecursionError):
        return []  # orjson read it; the standard parser's own limits are not the user's
    if not repeated:
        return []
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(tree, "$")]
    while stack:
        node, path = stack.pop()
        if node.__class__ is dict:
            problems += [_duplicate_key_problem(path, key) for key in repeated.get(id(node), ())]
            stack.extend((v, f"{path}.{k}") for k, v in reversed(node.items()))
        elif node.__class__ is list:
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(node))))
    return problems


def _syntax(text: str | bytes | bytearray, error: orjson.JSONDecodeError) -> tuple[str, str]:
    """The code and sentence for JSON text that does not parse."""
    doc, pos, column = error.doc, error.pos, error.colno
    if isinstance(doc, str):
        if doc[pos : pos + 8] == "Infinity" and pos > 0 and doc[pos - 1] == "-":
            pos, column = pos - 1, column - 1
        for constant in ("NaN", "Infinity", "-Infinity"):
            if doc.startswith(constant, pos):
                return (
                    "json.constant",
                    f"{constant} is not allowed in peelmodel JSON (line {error.lineno} column {column})",
                )
    message = error.msg[0].lower() + error.msg[1:] if error.msg else "cannot be parsed"
    return "json.syntax", f"not valid JSON: {message} at line {error.lineno} column {error.colno}"


# --- JSON Schema ----------------------------------------------------------------------


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the documents ``to_json(obj)`` writes for ``cls``.

    Built in :mod:`peelmodel._schema`; :doc:`serialization` lists what it cannot say.
    """
    from peelmodel._schema import json_schema as build

    return build(cls)


def _from_json_streamed(
    raw: str | bytes | bytearray, cls: type[T], *, otherwise: type[Any] | None = None
) -> Any:
    """``from_json(raw, cls)`` for a large file, with the same result and problems, but
    never holding the parsed form of more than one inspection at a time.

    A parsed JSON document takes about eight times its text in memory; the objects
    built from it about 1.5 times. Here a Dataset's ``inspections`` are parsed one at a
    time (the standard library's incremental decoder) and each is built before the next
    is read. Any other document, an older schema_version, or text that is not a plain
    top-level object is read by :func:`from_json`. ``otherwise``: the class to read the
    document as when it has no ``inspections`` (the command line's guess).
    """
    import json

    from peelmodel.dataset import Dataset
    from peelmodel.inspections import Inspection

    if cls is not Dataset:
        return from_json(raw, cls)
    try:
        text = raw if isinstance(raw, str) else raw.decode("utf-8")
    except UnicodeDecodeError:
        return from_json(raw, cls)
    decoder = json.JSONDecoder(parse_constant=_refuse_constant)
    ws = re.compile(r"[ \t\n\r]*")
    try:
        position = ws.match(text, 0).end()  # type: ignore[union-attr]
        if text[position : position + 1] != "{":
            return from_json(raw, cls)
        del raw
        rest: dict[str, Any] = {}
        inspections: list[Inspection] = []
        problems: list[Problem] = []
        seen: set[str] = set()
        position = ws.match(text, position + 1).end()  # type: ignore[union-attr]
        while text[position : position + 1] != "}":
            key, position = decoder.raw_decode(text, position)
            position = ws.match(text, position).end()  # type: ignore[union-attr]
            if not isinstance(key, str) or text[position : position + 1] != ":":
                return from_json(text, cls)
            position = ws.match(text, position + 1).end()  # type: ignore[union-attr]
            if key in seen:
                problems.append(_duplicate_key_problem("$", key))
            seen.add(key)
            if key == "inspections" and text[position : position + 1] == "[":
                position = _stream_array(text, position, decoder, ws, inspections, problems)
            else:
                rest[key], position = decoder.raw_decode(text, position)
            position = ws.match(text, position).end()  # type: ignore[union-attr]
            if text[position : position + 1] == ",":
                position = ws.match(text, position + 1).end()  # type: ignore[union-attr]
                if text[position : position + 1] == "}":
                    return from_json(text, cls)
            elif text[position : position + 1] != "}":
                return from_json(text, cls)
        if ws.match(text, position + 1).end() != len(text):  # type: ignore[union-attr]
            return from_json(text, cls)
    except ValueError:
        return from_json(text, cls)  # words the syntax error exactly as from_json does
    if otherwise is not None and "inspections" not in seen:
        return from_json(text, otherwise)
    if rest.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        return from_json(text, cls)  # older documents are migrated whole
    del text
    try:
        shell = from_dict({**rest, "inspections": []}, Dataset)
    except ValidationError as error:
        problems = list(error.problems) + problems
        shell = None
    duplicates = [p for p in problems if p.code == "json.duplicate_key"]
    if duplicates:  # from_json reports a repeated key before anything else
        raise ValidationError(_in_document_order(duplicates))
    if problems:
        raise ValidationError(_in_document_order(problems))
    assert shell is not None
    return attrs.evolve(shell, inspections=inspections)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _duplicate_key_problem(path: str, key: str) -> Problem:
    return Problem(
        path=f"{path}.{key}",
        code="json.duplicate_key",
        message=f"the key {short_repr(key)} is given more than once in this object; "
        "each key may appear once",
    )


def _stream_array(
    text: str,
    position: int,
    decoder: Any,
    ws: re.Pattern[str],
    inspections: list[Any],
    problems: list[Problem],
) -> int:
    """Read the array of inspections at ``position``; returns the position after it."""
    position = ws.match(text, position + 1).end()  # type: ignore[union-attr]
    index = 0
    while text[position : position + 1] != "]":
        start = position
        item, position = decoder.raw_decode(text, position)
        prefix = f"$.inspections[{index}]"
        if item.__class__ is dict or item.__class__ is list:
            duplicates = _duplicate_keys_in(text[start:position], item)
            if duplicates:  # reported alone, as from_json does
                problems.append(duplicates[0].under(prefix))
                problems += [p.under(prefix) for p in duplicates[1:]]
                index += 1
                position = _after_item(text, position, ws)
                continue
        try:
            if item.__class__ is not dict:
                raise _mismatch("an object (Inspection)", item)
            inspections.append(from_dict(item, _inspection_class()))
        except ValidationError as error:
            problems += [p.under(prefix) for p in error.problems]
        del item
        index += 1
        position = _after_item(text, position, ws)
    return position + 1


def _after_item(text: str, position: int, ws: re.Pattern[str]) -> int:
    position = ws.match(text, position).end()  # type: ignore[union-attr]
    if text[position : position + 1] == ",":
        position = ws.match(text, position + 1).end()  # type: ignore[union-attr]
        if text[position : position + 1] == "]":
            raise ValueError("a comma before ]")
        return position
    if text[position : position + 1] != "]":
        raise ValueError("expected , or ]")
    return position


def _inspection_class() -> type[Any]:
    from peelmodel.inspections import Inspection

    return Inspection


def _duplicate_keys_in(text: str | bytes | bytearray | memoryview, data: Any) -> list[Problem]:
    """The keys given twice in ``text``: none when it is exactly what orjson writes."""
    if _as_orjson_writes(text, data):
        return []
    return _duplicate_keys(text)


def _in_document_order(problems: list[Problem]) -> list[Problem]:
    def key(problem: Problem) -> tuple[int, str]:
        match = re.match(r"\$\.inspections\[(\d+)\]", problem.path)
        return (int(match[1]) if match else -1, "")

    return sorted(problems, key=key)


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)


# --- the fast path -------------------------------------------------------------------
#
# A valid document is built straight from the parsed dicts by functions generated per
# class. For the classes a document is made of (their post-init is
# ``checked_post_init``), the builder makes the object without calling ``__init__``:
# unknown keys are refused by one set comparison, dates, grades and enums converted,
# each value tested inline by the tests check_fields makes (generated from the same
# hints and bounds), set in its slot, and then the class's own ``_rules`` run, the
# function its post-init runs. Any other class is built by calling it. At the first
# doubt (an unknown key, a missing field, a wrong type, any rule broken) the builder
# gives up and the converter above reads the document again, to word every problem
# with its path. Both paths accept exactly the same documents (tests compare them).


class _Doubt(Exception):
    """The fast path cannot read this value; the full converter will."""


def _need_list(value: Any) -> list[Any] | tuple[Any, ...]:
    if value.__class__ is list or value.__class__ is tuple:
        return value
    raise _Doubt


_FAST_BUILDERS: dict[tuple[type, bool], Callable[[Any], Any]] = {}
# One namespace for every generated builder: a builder calls the builder of a nested
# class by its name, resolved when it runs (classes refer to each other).
_BUILD_NAMES: dict[str, Any] = {}


def _fast_builder(cls: type[Any], *, consume: bool = False) -> Callable[[Any], Any]:
    """The generated builder of ``cls`` (and of every class it holds). With ``consume``,
    the builder of a document that is the caller's own to take apart: each item of a
    top-level list of objects is dropped from the list once built."""
    key = (cls, consume)
    try:
        return _FAST_BUILDERS[key]
    except KeyError:
        pass
    with _BUILD_LOCK:
        if key in _FAST_BUILDERS:
            return _FAST_BUILDERS[key]
        pending: list[type[Any]] = [cls]
        made: dict[tuple[type[Any], bool], Callable[[Any], Any]] = {}
        if consume:
            made[key] = _generate_builder(cls, pending, consume=True)
            pending = pending[1:]
        while pending:
            c = pending.pop()
            if (c, False) in made or (c, False) in _FAST_BUILDERS:
                continue
            made[c, False] = _generate_builder(c, pending)
        _FAST_BUILDERS.update(made)  # published only when every builder it calls exists
    return _FAST_BUILDERS[key]


_BUILD_LOCK = threading.Lock()


def _tag(cls: type[Any]) -> str:
    return f"{cls.__module__.replace('.', '_')}_{cls.__qualname__.replace('.', '_')}"


def _generate_builder(
    cls: type[Any], pending: list[type[Any]], *, consume: bool = False
) -> Callable[[Any], Any]:
    names = _BUILD_NAMES
    names.update(
        {
            "_Doubt": _Doubt,
            "_need_list": _need_list,
            "_date": _date,
            "_DATES": _DATES,
            "_fast_date": _fast_date,
            "_GRADES": _GRADES,
            "_new": object.__new__,
            "_throw": _throw,
            "_consume": _consume,
        }
    )
    flat = _flat_builder_lines(cls, names, pending, consume=consume)
    lines = flat if flat is not None else _call_builder_lines(cls, names, pending)
    code = compile("\n".join(lines), f"<peelmodel build {cls.__name__}>", "exec")
    local: dict[str, Any] = {}
    exec(code, names, local)
    built: Callable[[Any], Any] = local["build"]
    if not consume:  # a consuming builder is only ever the root of a document
        names[f"B_{_tag(cls)}"] = built
    return built


def _consume(build: Callable[[Any], Any], items: Any) -> tuple[Any, ...]:
    """The objects built from a list of parsed items, each item dropped from the list
    once built (so that its memory serves the next)."""
    if items.__class__ is not list:
        if items.__class__ is tuple:  # the field's default: the key was left out
            return tuple(map(build, items))
        raise _Doubt
    built = []
    for i, item in enumerate(items):
        built.append(build(item))
        items[i] = None
    return tuple(built)


def _call_builder_lines(
    cls: type[Any], names: dict[str, Any], pending: list[type[Any]]
) -> list[str]:
    """A builder that converts the values and calls the class, whose construction
    checks test them: for classes the flat builder cannot make."""
    tag = _tag(cls)
    names[f"C_{tag}"] = cls
    hints = typing.get_type_hints(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    if any(a.alias != a.name for a in fields):
        raise TypeError(f"{cls.__name__}: fields with an alias are not built on the fast path")
    names[f"K_{tag}"] = frozenset(a.name for a in fields)
    lines = [
        "def build(d):",
        f"    if d.__class__ is not dict or not K_{tag}.issuperset(d):",
        "        raise _Doubt",
        "    kw = d.copy()",
    ]
    for n, a in enumerate(fields):
        tp = hints[a.name]
        inner = _optional_of(tp)
        expr = _fast_expr(inner if inner is not None else tp, "v", names, f"{tag}_{n}", pending)
        if expr == "v":
            continue  # passed as it is: the class's construction checks test it
        lines.append(f"    v = kw.get({a.name!r})")
        lines.append("    if v is not None:" if inner is not None else f"    if {a.name!r} in kw:")
        lines.append(f"        kw[{a.name!r}] = {expr}")
    lines.append(f"    return C_{tag}(**kw)")
    return lines


def _flat_builder_lines(
    cls: type[Any], names: dict[str, Any], pending: list[type[Any]], *, consume: bool = False
) -> list[str] | None:
    """A builder that makes the object itself, without its ``__init__``: each value is
    converted and tested inline with the tests :func:`~peelmodel._types.check_fields`
    makes (generated from the same type hints and bounds), set in its slot, and then the
    class's own ``_rules`` run, as its post-init runs them. None when the class is not
    made that way (a post-init of its own, a field not set from the document, a
    converter the builder does not know, no slots)."""
    from peelmodel._convert import TUPLE_CONVERTERS, to_float
    from peelmodel._types import BOUNDS, _check_for, _condition, checked_post_init, no_rules

    rules = getattr(cls, "_rules", None)
    if getattr(cls, "__attrs_post_init__", None) is not checked_post_init or rules is None:
        return None
    tag = _tag(cls)
    hints = typing.get_type_hints(cls)
    fields = list(attrs.fields(cls))
    for a in fields:
        value_type = _optional_of(hints[a.name]) or hints[a.name]
        if (
            not a.init
            or a.alias != a.name
            or isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
            or type(getattr(cls, a.name, None)) is not types.MemberDescriptorType
            or not (
                a.converter is None
                or a.converter is to_float
                or a.converter in TUPLE_CONVERTERS
                or value_type is Programme
            )
        ):
            return None
    names[f"C_{tag}"] = cls
    names[f"K_{tag}"] = frozenset(a.name for a in fields)
    lines = [
        "def build(d):",
        f"    if d.__class__ is not dict or not K_{tag}.issuperset(d):",
        "        raise _Doubt",
        f"    o = _new(C_{tag})",
    ]
    for n, a in enumerate(fields):
        key = f"{tag}_{n}"
        tp = hints[a.name]
        inner = _optional_of(tp)
        value_type = inner if inner is not None else tp
        names[f"S_{key}"] = getattr(cls, a.name).__set__
        if a.default is attrs.NOTHING:
            lines.append(f"    v = d[{a.name!r}]")
        else:  # the default as a document writes it, read like any other value
            names[f"D_{key}"] = _as_json(a.default)
            lines.append(f"    v = d.get({a.name!r}, D_{key})")
        convert: str | None = None
        built_here = False
        if a.converter is to_float:
            names["_to_float"] = to_float
            lines.append("    if v.__class__ is int:")
            lines.append("        v = _to_float(v)")
        elif value_type is Programme:
            names[f"P_{key}"] = a.converter
            convert = f"P_{key}(v) if v.__class__ is str else _throw()"
        elif _is_tuple_of(value_type):
            item = typing.get_args(value_type)[0]
            item_expr = _fast_expr(item, "x", names, key + "_item", pending)
            if item_expr == "x":
                convert = "tuple(_need_list(v))"
            elif isinstance(item, type) and attrs.has(item):
                convert = (
                    f"_consume(B_{_tag(item)}, v)"
                    if consume
                    else f"tuple(map(B_{_tag(item)}, _need_list(v)))"
                )
                built_here = True
            else:
                convert = f"tuple([{item_expr} for x in _need_list(v)])"
        elif value_type is date:
            # found among the dates read before, or read and tested now: within range
            convert = "_DATES.get(v) or _fast_date(v)"
            built_here = True
        else:
            expr = _fast_expr(value_type, "v", names, key, pending)
            if expr != "v":
                convert = expr
            # a nested object built by its own builder, or an enum member found by its
            # value, certainly has its type
            built_here = isinstance(value_type, type) and (
                attrs.has(value_type) or issubclass(value_type, enum.Enum)
            )
        if convert is not None:
            if inner is not None:
                lines.append("    if v is not None:")
                lines.append(f"        v = {convert}")
            else:
                lines.append(f"    v = {convert}")
        bounds = BOUNDS.get((cls.__name__, a.name))
        if not built_here and _check_for(tp, bounds) is not None:
            condition = _condition(tp, bounds, "v", names)
            if condition is None:
                return None
            lines.append(f"    if not {condition}:")
            lines.append("        raise _Doubt")
        lines.append(f"    S_{key}(o, v)")
    if rules is not no_rules:
        names[f"R_{tag}"] = rules
        lines.append(f"    R_{tag}(o)")
    lines.append("    return o")
    return lines


def _as_json(value: Any) -> Any:
    """A field's default as a document gives it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _fast_expr(tp: Any, v: str, names: dict[str, Any], n: str, pending: list[type[Any]]) -> str:
    """An expression converting parsed JSON ``v`` to ``tp`` (raising on doubt)."""
    if tp is str or tp is int or tp is float or tp is bool:
        return v  # the class's construction checks test the type exactly
    if tp is date:
        return f"_date({v}, None)"
    if tp is Grade:
        return f"_GRADES[{v}]"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        names[f"E_{n}"] = {m.value: m for m in tp}
        return f"E_{n}[{v}]"
    if tp is Programme:
        return f"({v} if {v}.__class__ is str else _Doubt.throw())"
    if _is_tuple_of(tp):
        item = typing.get_args(tp)[0]
        inner = _fast_expr(item, "x", names, n + "_item", pending)
        if inner == "x":
            return f"_need_list({v})"
        return f"[{inner} for x in _need_list({v})]"
    if isinstance(tp, type) and attrs.has(tp):
        pending.append(tp)
        tag = f"{tp.__module__.replace('.', '_')}_{tp.__qualname__.replace('.', '_')}"
        return f"B_{tag}({v})"
    raise TypeError(f"no fast path for {tp!r}")


def _throw() -> Any:
    raise _Doubt


_Doubt.throw = staticmethod(_throw)  # type: ignore[attr-defined]


# --- the fast writer -----------------------------------------------------------------
#
# to_json hands the object itself to orjson, which writes tuples, text, numbers, dates
# (ISO) and enums (by value) natively and calls one generated function for each
# peelmodel object it meets. That function returns the object's fields as a dict (the
# fields a class always has in one dict display, the others only when they differ from
# their default), its nested objects left for orjson to hand back in turn. No tree of
# dicts is built: each is written and dropped at once. The output is the converter's (a
# test compares the two); what the writer does not know is refused as before.


def _document_classes() -> tuple[type[Any], ...]:
    """The classes a document is made of, those met most often first."""
    from peelmodel.dataset import Dataset
    from peelmodel.findings import AreaForImprovement, CauseOfConcern, Practice, Recommendation
    from peelmodel.inspections import Inspection
    from peelmodel.judgments import GradeCount, Judgment
    from peelmodel.metrics import Comparator, Metric
    from peelmodel.periods import Period
    from peelmodel.sources import Source

    return (
        Period,
        Metric,
        Comparator,
        Judgment,
        AreaForImprovement,
        Source,
        Inspection,
        GradeCount,
        Practice,
        CauseOfConcern,
        Recommendation,
        Dataset,
    )


_WRITE: list[Callable[[Any], Any]] = []  # the generated writer, once made
_WRITERS: dict[type, Callable[[Any], Any]] = {}  # other peelmodel classes, as met


def _writer() -> Callable[[Any], Any]:
    """orjson's ``default``: the fields of a peelmodel object, to be written."""
    if _WRITE:
        return _WRITE[0]
    with _BUILD_LOCK:
        if not _WRITE:
            names: dict[str, Any] = {"_write_other": _write_other, "_P": Programme}
            lines = ["def write(o):", "    c = o.__class__"]
            for n, cls in enumerate(_document_classes()):
                names[f"C{n}"] = cls
                lines.append(f"    if c is C{n}:")
                lines += _fields_lines(cls, f"D{n}_", names, "        ")
            lines.append("    if c is _P:")
            lines.append("        return _write_programme(o)")
            lines.append("    return _write_other(o)")
            names["_write_programme"] = _write_programme
            exec(compile("\n".join(lines), "<peelmodel write>", "exec"), names)
            _WRITE.append(names["write"])
    return _WRITE[0]


def _fields_lines(cls: type[Any], prefix: str, names: dict[str, Any], pad: str) -> list[str]:
    """Statements returning the dict of ``o``, an instance of ``cls``, to be written."""
    fields = [a for a in attrs.fields(cls) if a.init]
    leading = []
    for a in fields:
        if a.default is not attrs.NOTHING:
            break
        leading.append(f"{a.name!r}: o.{a.name}")
    if len(leading) == len(fields):
        return [f"{pad}return {{{', '.join(leading)}}}"]
    lines = [f"{pad}r = {{{', '.join(leading)}}}"]
    for a in fields[len(leading) :]:
        lines.append(f"{pad}v = o.{a.name}")
        test = _written_test(cls, a, f"{prefix}{a.name}", names)
        if test is None:
            lines.append(f"{pad}r[{a.name!r}] = v")
            continue
        lines.append(f"{pad}if {test}:")
        lines.append(f"{pad}    r[{a.name!r}] = v")
    lines.append(f"{pad}return r")
    return lines


def _write_other(obj: Any) -> Any:
    """A peelmodel object of a class documents are not made of (a force, a change),
    through a writer generated on first need; an attrs object of another library's
    class through the converter; anything else is not written."""
    cls = obj.__class__
    writer = _WRITERS.get(cls)
    if writer is None:
        if not attrs.has(cls):
            raise TypeError(f"Type is not JSON serializable: {cls.__name__}")
        if not cls.__module__.startswith("peelmodel."):
            return _json_converter().unstructure(obj)  # an attrs class of one's own
        names: dict[str, Any] = {}
        lines = ["def write(o):", *_fields_lines(cls, "D_", names, "    ")]
        exec(compile("\n".join(lines), f"<peelmodel write {cls.__name__}>", "exec"), names)
        writer = _WRITERS[cls] = names["write"]
    return writer(obj)


def _write_programme(programme: Programme) -> Any:
    """A programme inside an inspection: its id when it is the registered one, else in
    full."""
    if _is_registered(programme):
        return programme.id
    return _json_converter().unstructure(programme)
