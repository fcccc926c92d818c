"""Small converters shared by the model classes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Set
from typing import Any, TypeVar

T = TypeVar("T")
# The typed converters that only call to_tuple: the JSON loader builds their tuples itself.
TUPLE_CONVERTERS: set[Callable[..., Any]] = set()


def tuple_converters(*converters: Callable[..., Any]) -> None:
    """Record converters whose whole body is ``return to_tuple(items)``."""
    TUPLE_CONVERTERS.update(converters)


def to_tuple(items: Iterable[T]) -> tuple[T, ...]:
    """Collections are tuples; a tuple passes through untouched (converters are idempotent).

    Text, bytes, mappings and sets are left as they are, for the type check to reject
    with the field's path: a string is not a list of its characters, and a set has no
    order to keep.
    """
    if type(items) is tuple:
        return items
    if type(items) is list:
        return tuple(items)
    if isinstance(items, str | bytes | bytearray | Mapping | Set) or not isinstance(
        items, Iterable
    ):
        return items  # type: ignore[return-value]
    return tuple(items)


def to_float(value: float) -> float:
    """Whole numbers become floats (33 -> 33.0), so a value dumps the same after a load.

    Integers beyond a float's range are left alone, for the type check to reject."""
    if type(value) is int and -(2**63) <= value <= 2**64:
        return float(value)
    return value


def close_matches(
    word: str, possibilities: list[str], n: int = 1, cutoff: float = 0.6
) -> list[str]:
    """difflib.get_close_matches, imported only when a message needs a suggestion."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)
