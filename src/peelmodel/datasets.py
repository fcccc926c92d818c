"""Embedded datasets, loaded through the public :func:`peelmodel.from_json`, so that the
data is validated exactly as a user's own file would be.

>>> import peelmodel as pm
>>> essex = pm.datasets.essex()
>>> [i.title for i in essex][:3]
['PEEL 2014', 'PEEL 2015: Legitimacy', 'PEEL 2015: Effectiveness']
"""

from __future__ import annotations

import functools
from pathlib import Path

from peelmodel.dataset import Dataset
from peelmodel.history import ForceHistory

__all__ = ["essex", "essex_history", "national"]


@functools.cache
def _load(name: str) -> Dataset:
    from peelmodel.serialization import from_json

    return from_json(Path(__file__).with_name("data").joinpath(name).read_bytes(), Dataset)


@functools.cache
def national() -> Dataset:
    """Every force's published PEEL grades that a public page states, each cited.

    One record per inspection: the detailed Essex record is part of it, not a copy.
    Pillar grades of PEEL 2014 (efficiency) to 2018/19, the question grades and the
    2021/22 and 2023–25 area grades (or their published counts) that a stored public
    page gives, "not graded" and "carried over" states, dates and tranches. What no
    page gives is absent; :func:`peelmodel.national` reports what is there.
    """
    detailed = _load("essex.json")
    rest = _load("national.json")
    inspections = sorted(
        (*detailed.inspections, *rest.inspections), key=lambda i: (i.force, i.sort_key)
    )
    return Dataset(
        inspections=inspections,
        title="PEEL grades of the 43 forces, each cited",
        sources=detailed.sources,
    )


@functools.cache
def essex() -> Dataset:
    """Essex Police's PEEL record as the public documents give it.

    HMIC's report "PEEL: Police effectiveness 2015 – Essex Police" in full (the
    overall and four question judgments with their summaries, the nine areas for
    improvement, the figures with their England and Wales comparators); the PEEL 2014,
    2015 and 2016 grades HMIC's pages give; the PEEL 2018/19 judgments HMICFRS's pages
    and the local press give; the PEEL 2021/22 grades Essex Police's release names, and
    its counts. What a source does not give is absent: the four 2021/22 areas graded
    Adequate, for one, which the release counts but does not name.
    """
    return Dataset(
        inspections=national().for_force("essex"),
        title="Essex Police's PEEL record",
        sources=_load("essex.json").sources,
    )


def essex_history() -> ForceHistory:
    """Essex Police's inspections as a :class:`~peelmodel.ForceHistory`."""
    return ForceHistory.of("essex", essex())


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
