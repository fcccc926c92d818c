"""The 43 territorial police forces of England and Wales.

>>> get("essex").name
'Essex Police'
>>> get("Met Police").id
'metropolitan'
>>> len(all())
43
"""

from __future__ import annotations

import enum
import functools
import io
import os
import re
from collections.abc import Iterable
from datetime import date

import attrs

from peelmodel._convert import close_matches as _close_matches
from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._display import NotebookMixin
from peelmodel._types import check_fields
from peelmodel.errors import Problem, ValidationError

# Data files are read beside the module (pathlib alone costs milliseconds at import).
_HERE = os.path.dirname(os.path.abspath(__file__))

__all__ = ["Country", "Estimate", "Force", "all", "get", "ids"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ONS = re.compile(r"(?:E23|W15)\d{6}")


class Country(enum.Enum):
    """The two countries whose forces PEEL inspects."""

    ENGLAND = "England"
    WALES = "Wales"


def _tuple_of_str(items: Iterable[str]) -> tuple[str, ...]:
    return to_tuple(items)


tuple_converters(_tuple_of_str)


@attrs.frozen(kw_only=True)
class Estimate:
    """A population or household count that holds for a date."""

    value: int
    as_at: date

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        if self.value <= 0:
            raise ValidationError.single(
                "$.value",
                "estimate.not_positive",
                f"an estimate must be above zero, not {self.value:,}",
            )


@attrs.frozen(kw_only=True)
class Force(NotebookMixin):
    """A police force: its data.police.uk id, name, country, region and ONS code.

    ``population`` and ``households`` are optional, each with the date it holds for.
    """

    id: str
    name: str
    country: Country
    region: str
    ons_code: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    population: Estimate | None = None
    households: Estimate | None = None

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        problems = []
        if not _ID.fullmatch(self.id):
            problems.append(
                Problem(
                    path="$.id",
                    code="force.id",
                    message=f"{self.id!r} is not a force id (lower case words joined by '-')",
                )
            )
        if not self.name.strip():
            problems.append(
                Problem(path="$.name", code="force.name", message="a force needs a name")
            )
        if not _ONS.fullmatch(self.ons_code):
            problems.append(
                Problem(
                    path="$.ons_code",
                    code="force.ons_code",
                    message=f"{self.ons_code!r} is not an ONS police force area code (E23… or W15…)",
                )
            )
        if problems:
            raise ValidationError(problems)

    def __repr__(self) -> str:
        return f"<Force {self.id}: {self.name}>"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the force goes by: its name, then its aliases."""
        return (self.name, *self.aliases)


def _short(name: str) -> str:
    """'Kent Police' -> 'kent'; 'Metropolitan Police Service' -> 'metropolitan'."""
    key = name.casefold().replace("&", "and")
    key = re.sub(r"\b(police service|police|constabulary)\b", " ", key)
    return " ".join(key.replace("-", " ").split())


@functools.cache
def all() -> tuple[Force, ...]:
    """The 43 territorial forces of England and Wales, in id order."""
    # Read beside the module rather than through importlib.resources, which alone
    # would add a tenth to the cost of `import peelmodel`.
    import csv

    with open(os.path.join(_HERE, "data", "forces.csv"), encoding="utf-8") as file:
        text = file.read()
    return tuple(
        Force(
            id=row["id"],
            name=row["name"],
            country=Country(row["country"]),
            region=row["region"],
            ons_code=row["ons_code"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in csv.DictReader(io.StringIO(text))
    )


@functools.cache
def _index() -> dict[str, Force]:
    index: dict[str, Force] = {}
    for force in all():
        for key in (force.id, force.ons_code, *force.names):
            index[key.casefold()] = force
            index[_short(key)] = force
    return index


def get(key: str) -> Force:
    """The force with this id, name, alias or ONS code (any case).

    An unknown force is a :class:`ValidationError` that suggests the closest one.
    """
    if not isinstance(key, str):
        raise ValidationError.single(
            "$", "force.type", f"a force is named by text, not {type(key).__name__} {key!r}"
        )
    index = _index()
    found = index.get(key.strip().casefold()) or index.get(_short(key))
    if found is not None:
        return found
    raise ValidationError.single("$", "force.unknown", unknown_force_message(key))


@functools.cache
def ids() -> frozenset[str]:
    """The ids of the 43 forces."""
    return frozenset(f.id for f in all())


def unknown_force_message(key: str) -> str:
    """The sentence for a force that is not one of the 43, suggesting the nearest."""
    index = _index()
    close = _close_matches(_short(key) or key.casefold(), list(index), n=1, cutoff=0.6)
    if close:
        return f"{key!r} is not a police force of England and Wales; did you mean {index[close[0]].id!r}?"
    return f"{key!r} is not a police force of England and Wales (see peelmodel.forces.all())"


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
