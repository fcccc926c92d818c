"""The notebook methods shared by the classes users hold; the work is in
:mod:`peelmodel.notebook`, imported on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas


class NotebookMixin:
    """``_repr_html_``, ``to_records`` and ``to_frame``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from peelmodel.notebook import html_of

        return html_of(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Flat rows of plain values, no pandas needed (see :func:`peelmodel.notebook.records`)."""
        from peelmodel.notebook import records

        return records(self)

    def to_frame(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs the ``pandas`` extra)."""
        from peelmodel.notebook import frame

        return frame(self)


class MetricsMixin(NotebookMixin):
    """Adds the metric table for objects that hold inspections."""

    __slots__ = ()

    def metric_records(self) -> list[dict[str, Any]]:
        """A row per metric, with its comparator."""
        from peelmodel.notebook import metric_records

        return metric_records(self)  # type: ignore[arg-type]

    def metric_frame(self) -> pandas.DataFrame:
        """The metric rows as a pandas DataFrame (needs the ``pandas`` extra)."""
        from peelmodel.notebook import metric_frame

        return metric_frame(self)  # type: ignore[arg-type]
