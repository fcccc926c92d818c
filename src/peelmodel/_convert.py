"""Small converters shared by the model classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Collections are tuples; a tuple passes through untouched (converters are idempotent)."""
    return items if type(items) is tuple else tuple(items)
