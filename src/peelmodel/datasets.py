"""Embedded datasets, loaded through the public :func:`peelmodel.from_json`, so that the
data is validated exactly as a user's own file would be.

>>> import peelmodel as pm
>>> essex = pm.datasets.essex()
>>> [i.title for i in essex][:3]
['PEEL 2014', 'PEEL 2015: Effectiveness', 'PEEL 2015: Legitimacy']
"""

from __future__ import annotations

import functools
from pathlib import Path

from peelmodel.dataset import Dataset
from peelmodel.history import ForceHistory

__all__ = ["essex", "essex_history"]


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
    from peelmodel.serialization import from_json

    text = Path(__file__).with_name("data").joinpath("essex.json").read_text(encoding="utf-8")
    return from_json(text, Dataset)


def essex_history() -> ForceHistory:
    """Essex Police's inspections as a :class:`~peelmodel.ForceHistory`."""
    return ForceHistory.of("essex", essex())
