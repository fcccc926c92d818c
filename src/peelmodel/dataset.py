"""A dataset: many inspections, of one force or of all 43, in one document."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from peelmodel._convert import to_tuple
from peelmodel._display import MetricsMixin
from peelmodel.inspections import Inspection
from peelmodel.sources import Source

__all__ = ["Dataset"]


@attrs.frozen(kw_only=True)
class Dataset(MetricsMixin):
    """Inspections held together: what a JSON file of PEEL records usually is."""

    inspections: tuple[Inspection, ...] = attrs.field(default=(), converter=to_tuple)
    title: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple)

    def __len__(self) -> int:
        return len(self.inspections)

    def __iter__(self) -> Iterator[Inspection]:
        return iter(self.inspections)

    def for_force(self, force_id: str) -> tuple[Inspection, ...]:
        """The inspections of one force, oldest first."""
        return tuple(
            sorted((i for i in self.inspections if i.force == force_id), key=lambda i: i.sort_key)
        )

    def __repr__(self) -> str:
        forces = len({i.force for i in self.inspections})
        title = f"{self.title}: " if self.title else ""
        return f"<Dataset {title}{len(self.inspections)} inspections of {forces} forces>"
