"""Types and bounds checked at construction, for every public class.

Each class's ``__attrs_post_init__`` calls :func:`check_fields` first. The checks are
built once per class from its type hints: a field declared ``str`` must hold a ``str``
(valid Unicode: no lone surrogates), ``int`` a whole number within JSON's 64-bit range
(``bool`` is not a number here), ``float`` a finite number, ``date`` a
``datetime.date`` (not a ``datetime``), an enum one of its members, ``tuple[X, ...]`` a
tuple whose items are X (the converters turn any list into one), an attrs class an
instance of it. Numeric fields also have domain bounds (:data:`BOUNDS`), text a length
limit, so a small document can never cost much.

A wrong value raises :class:`~peelmodel.errors.ValidationError` with the field's path
(``$.judgments[2].grade``) and a sentence, the same codes the JSON loader uses.
"""

from __future__ import annotations

import enum
import math
import typing
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from peelmodel.errors import Problem, ValidationError, short_repr

# JSON integers peelmodel can write back: orjson's range (signed 64-bit to unsigned).
INT_MIN = -(2**63)
INT_MAX = 2**64 - 1
# No text field of a PEEL record comes near this; it keeps messages and checks cheap.
TEXT_MAX = 100_000
# Dates outside these years are typing mistakes, not PEEL records.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
# Magnitude of a published figure (money included): beyond it a value is a mistake.
FIGURE_MAX = 1e15

# The first PEEL inspections were published in 2014: no PEEL year is earlier.
FIRST_PEEL_YEAR = 2014

# (class name, field) -> (lowest, highest): the values the domain allows.
# A lowest of None leaves the low end to the class's own rule, which has its own code
# (a negative count is ``metric.negative_count``).
BOUNDS: dict[tuple[str, str], tuple[int | None, int]] = {
    ("Metric", "decimals"): (0, 10),
    ("Metric", "count"): (None, 10**12),
    ("Metric", "base"): (None, 10**12),
    ("Comparator", "count"): (None, 10**12),
    ("Comparator", "base"): (None, 10**12),
    ("Judgment", "carried_over_from"): (FIRST_PEEL_YEAR, 2100),
    ("Programme", "year"): (FIRST_PEEL_YEAR, 2100),
    ("Inspection", "tranche"): (1, 9),
    ("GradeCount", "count"): (0, 1_000),
    ("Source", "page"): (1, 100_000),
    ("Estimate", "value"): (0, 10**9),
}

_Check = Callable[[Any], "tuple[str, str, str] | None"]  # -> (sub-path, code, message)


def _a(name: str) -> str:
    return f"an {name}" if name[:1] in "AEIO" else f"a {name}"


def _n(number: int) -> str:
    """A bound in words: years stay as they are, large numbers get separators."""
    return f"{number:,}" if abs(number) >= 10_000 else str(number)


def describe(value: object) -> str:
    """A Python value in words, shortened: "text 'abc…' (10,000,000 characters)"."""
    if value is None:
        return "None"
    if value is True or value is False:
        return repr(value)
    if isinstance(value, str):
        return f"text {short_repr(value)}"
    if isinstance(value, int | float):
        return f"the number {short_repr(value)}"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__} of {len(value):,} items"
    if isinstance(value, dict):
        return "a dict"
    return _a(type(value).__name__)


def _text_problem(value: str) -> tuple[str, str, str] | None:
    if len(value) > TEXT_MAX:
        return (
            "",
            "text.too_long",
            f"text of {len(value):,} characters is longer than the {TEXT_MAX:,} allowed",
        )
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return (
                "",
                "text.not_unicode",
                f"text holds a lone surrogate at position {error.start}, which is not valid "
                "Unicode and cannot be written as JSON",
            )
    return None


def _text_ok(value: str) -> bool:
    return _text_problem(value) is None


def _check_str(value: Any) -> tuple[str, str, str] | None:
    if value.__class__ is not str:
        return ("", "type", f"expected text, not {describe(value)}")
    if len(value) > 200 or not value.isascii():
        return _text_problem(value)
    return None


def _int_check(bounds: tuple[int | None, int] | None) -> _Check:
    given_low, high = bounds if bounds else (INT_MIN, INT_MAX)
    low = INT_MIN if given_low is None else given_low

    def check(value: Any) -> tuple[str, str, str] | None:
        if value.__class__ is not int:
            return ("", "type", f"expected a whole number, not {describe(value)}")
        if low <= value <= high:
            return None
        if bounds is None:
            return (
                "",
                "number.out_of_range",
                f"{short_repr(value)} is beyond the 64-bit range JSON numbers can hold",
            )
        if given_low is None:
            return (
                "",
                "number.out_of_range",
                f"{short_repr(value)} is above the most allowed, {_n(high)}",
            )
        return (
            "",
            "number.out_of_range",
            f"{short_repr(value)} is outside the range {_n(low)} to {_n(high)}",
        )

    return check


def _check_float(value: Any) -> tuple[str, str, str] | None:
    if value.__class__ is not float:
        return ("", "type", f"expected a number, not {describe(value)}")
    if not math.isfinite(value):
        return ("", "number.not_finite", f"expected a finite number, not {value!r}")
    if not -FIGURE_MAX <= value <= FIGURE_MAX:
        return ("", "number.out_of_range", f"{value!r} is beyond ±{FIGURE_MAX:g}")
    return None


def _check_bool(value: Any) -> tuple[str, str, str] | None:
    if value is True or value is False:
        return None
    return ("", "type", f"expected True or False, not {describe(value)}")


def _check_date(value: Any) -> tuple[str, str, str] | None:
    if value.__class__ is not date:
        hint = " (a datetime holds a time; use its .date())" if isinstance(value, date) else ""
        return ("", "type", f"expected a date (datetime.date), not {describe(value)}{hint}")
    if not DATE_MIN <= value <= DATE_MAX:
        return (
            "",
            "date.out_of_range",
            f"{value.isoformat()} is outside the years {DATE_MIN.year} to {DATE_MAX.year}",
        )
    return None


def _enum_check(cls: type[enum.Enum]) -> _Check:
    hint = ""
    if cls.__name__ == "Grade":
        hint = "; Grade.parse turns text such as 'good' into a grade"
    elif issubclass(cls, enum.Enum):
        hint = f"; {cls.__name__}(value) turns its value into one"

    def check(value: Any) -> tuple[str, str, str] | None:
        if value.__class__ is cls:
            return None
        return ("", "type", f"expected {_a(cls.__name__)}, not {describe(value)}{hint}")

    return check


def _instance_check(cls: type) -> _Check:
    def check(value: Any) -> tuple[str, str, str] | None:
        if isinstance(value, cls):
            return None
        return ("", "type", f"expected {_a(cls.__name__)}, not {describe(value)}")

    return check


def _optional(inner: _Check) -> _Check:
    def check(value: Any) -> tuple[str, str, str] | None:
        return None if value is None else inner(value)

    return check


def _tuple_check(item: _Check, item_name: str) -> _Check:
    def check(value: Any) -> tuple[str, str, str] | None:
        if value.__class__ is not tuple:
            return (
                "",
                "type",
                f"expected a list or tuple of {item_name}, not {describe(value)}",
            )
        for i, element in enumerate(value):
            found = item(element)
            if found is not None:
                sub, code, message = found
                return (f"[{i}]{sub}", code, message)
        return None

    return check


def _name(tp: Any) -> str:
    if tp is str:
        return "text"
    return getattr(tp, "__name__", str(tp))


def _check_for(tp: Any, bounds: tuple[int | None, int] | None) -> _Check | None:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is str:
        return _check_str
    if tp is bool:
        return _check_bool
    if tp is int:
        return _int_check(bounds)
    if tp is float:
        return _check_float
    if tp is date:
        return _check_date
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_check(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _instance_check(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _check_for(args[0], None)
        return _tuple_check(inner, _name(args[0])) if inner else None
    if args and type(None) in args and len(args) == 2:
        inner = _check_for(args[0] if args[1] is type(None) else args[1], bounds)
        return _optional(inner) if inner else None
    return None  # other types (mappings built by the class itself) are not user input


_CACHE: dict[type, tuple[tuple[str, _Check], ...]] = {}


def _checks(cls: type) -> tuple[tuple[str, _Check], ...]:
    try:
        return _CACHE[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls)
    out = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        check = _check_for(hints[field.name], BOUNDS.get((cls.__name__, field.name)))
        if check is not None:
            out.append((field.name, check))
    built = tuple(out)
    _CACHE[cls] = built  # a race builds the same tuple twice: harmless
    return built


def _condition(
    tp: Any, bounds: tuple[int | None, int] | None, v: str, names: dict[str, Any]
) -> str | None:
    """A Python expression true when ``v`` (a variable name) certainly passes the check
    for ``tp``: the common case, inlined; None when no quick test is known."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is str:
        names["_TEXT_OK"] = _text_ok
        return f"({v}.__class__ is str and ({v}.isascii() and len({v}) <= 200 or _TEXT_OK({v})))"
    if tp is bool:
        return f"({v} is True or {v} is False)"
    if tp is int:
        low, high = bounds if bounds else (INT_MIN, INT_MAX)
        low = INT_MIN if low is None else low
        return f"({v}.__class__ is int and {low} <= {v} <= {high})"
    if tp is float:
        return f"({v}.__class__ is float and {-FIGURE_MAX!r} <= {v} <= {FIGURE_MAX!r})"
    if tp is date:
        names["_DATE"], names["_DMIN"], names["_DMAX"] = date, DATE_MIN, DATE_MAX
        return f"({v}.__class__ is _DATE and _DMIN <= {v} <= _DMAX)"
    if isinstance(tp, type) and (issubclass(tp, enum.Enum) or attrs.has(tp)):
        name = f"_C{len(names)}"
        names[name] = tp
        if issubclass(tp, enum.Enum):
            return f"({v}.__class__ is {name})"
        return f"({v}.__class__ is {name} or isinstance({v}, {name}))"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _condition(args[0], None, "x", names)
        if item is None:
            return None
        return f"({v}.__class__ is tuple and all({item} for x in {v}))"
    if args and type(None) in args and len(args) == 2:
        inner = _condition(args[0] if args[1] is type(None) else args[1], bounds, v, names)
        return None if inner is None else f"({v} is None or {inner})"
    return None


_FAST: dict[type, Callable[[Any], bool]] = {}


def _fast(cls: type) -> Callable[[Any], bool]:
    """A generated function: True when every field of an instance certainly passes."""
    try:
        return _FAST[cls]
    except KeyError:
        pass
    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {}
    tests = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        tp = hints[field.name]
        if _check_for(tp, None) is None:
            continue
        condition = _condition(tp, BOUNDS.get((cls.__name__, field.name)), f"o.{field.name}", names)
        tests.append(condition if condition is not None else "False")
    body = " and ".join(tests) if tests else "True"
    namespace = dict(names)
    exec(
        compile(f"def fast(o):\n    return {body}\n", f"<peelmodel checks {cls.__name__}>", "exec"),
        namespace,
    )
    built: Callable[[Any], bool] = namespace["fast"]
    _FAST[cls] = built
    return built


def check_fields(obj: object) -> None:
    """Raise ValidationError if a field of ``obj`` has the wrong type or is out of bounds."""
    cls = type(obj)
    fast = _FAST.get(cls) or _fast(cls)
    if fast(obj):
        return
    problems: list[Problem] | None = None
    for name, check in _checks(type(obj)):
        found = check(getattr(obj, name))
        if found is not None:
            sub, code, message = found
            if problems is None:
                problems = []
            problems.append(Problem(path=f"$.{name}{sub}", code=code, message=message))
    if problems:
        raise ValidationError(problems)


def checked_post_init(self: Any) -> None:
    """The ``__attrs_post_init__`` of the classes a document is made of: the fields'
    types and bounds (:func:`check_fields`), then the class's own ``_rules``.

    The JSON loader's generated builders test the same types inline and then call the
    same ``_rules``: a class whose post-init is this function can be built that way.
    """
    check_fields(self)
    self._rules()


def no_rules(self: Any) -> None:
    """The ``_rules`` of a class with no rules beyond its fields' types."""
