"""Small converters shared by the model classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Collections are tuples; a tuple passes through untouched (converters are idempotent)."""
    return items if type(items) is tuple else tuple(items)


def to_float(value: Any) -> Any:
    """Whole numbers become floats (33 -> 33.0), so a value dumps the same after a load."""
    return float(value) if type(value) is int else value


def close_matches(
    word: str, possibilities: list[str], n: int = 1, cutoff: float = 0.6
) -> list[str]:
    """difflib.get_close_matches, imported only when a message needs a suggestion."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)
