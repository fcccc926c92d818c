"""A dataset: many inspections, of one force or of all 43, in one document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import overload

import attrs

from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._display import MetricsMixin
from peelmodel._types import checked_post_init, no_rules
from peelmodel.inspections import Inspection
from peelmodel.sources import Source

__all__ = ["Dataset"]


def _tuple_of_inspection(items: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return to_tuple(items)


def _tuple_of_source(items: Iterable[Source]) -> tuple[Source, ...]:
    return to_tuple(items)


tuple_converters(_tuple_of_inspection, _tuple_of_source)


@attrs.frozen(kw_only=True)
class Dataset(MetricsMixin):
    """Inspections held together: what a JSON file of PEEL records usually is."""

    inspections: tuple[Inspection, ...] = attrs.field(default=(), converter=_tuple_of_inspection)
    title: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple_of_source)

    __attrs_post_init__ = checked_post_init
    _rules = no_rules

    def __len__(self) -> int:
        return len(self.inspections)

    def __iter__(self) -> Iterator[Inspection]:
        return iter(self.inspections)

    @overload
    def __getitem__(self, index: int) -> Inspection: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Inspection, ...]: ...
    def __getitem__(self, index: int | slice) -> Inspection | tuple[Inspection, ...]:
        return self.inspections[index]

    def for_force(self, force: str) -> tuple[Inspection, ...]:
        """The inspections of one force (by id, name or alias, as ``forces.get``), oldest first."""
        from peelmodel import forces

        force_id = forces.get(force).id
        return tuple(
            sorted((i for i in self.inspections if i.force == force_id), key=lambda i: i.sort_key)
        )

    def __repr__(self) -> str:
        forces = len({i.force for i in self.inspections})
        title = f"{self.title}: " if self.title else ""
        return f"<Dataset {title}{len(self.inspections)} inspections of {forces} forces>"


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
