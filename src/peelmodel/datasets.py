"""Embedded datasets, loaded through the public :func:`peelmodel.from_json`, so that the
data is validated exactly as a user's own file would be.

>>> import peelmodel as pm
>>> essex = pm.datasets.essex()
>>> [i.title for i in essex]
['PEEL 2015: Effectiveness', 'PEEL 2015: Legitimacy', 'PEEL 2016: Legitimacy', 'PEEL 2018/19', 'PEEL 2021/22']
"""

from __future__ import annotations

import functools
from pathlib import Path

from peelmodel.dataset import Dataset
from peelmodel.history import ForceHistory

__all__ = ["essex", "essex_history"]


@functools.cache
def essex() -> Dataset:
    """Essex Police's PEEL record as the source documents give it.

    The 2015 effectiveness report in full (seed 002: the overall and four question
    judgments with their summaries, the nine areas for improvement, the figures with
    their England and Wales comparators); the 2015 and 2016 legitimacy judgments
    (seed 003); the three PEEL 2018/19 pillar judgments (seed 004); the PEEL 2021/22
    grades the press release names (seed 001). What a source does not give is absent:
    publication dates where none is given, and the four 2021/22 areas graded Adequate,
    which the press release counts but does not name.
    """
    from peelmodel.serialization import from_json

    text = Path(__file__).with_name("data").joinpath("essex.json").read_text(encoding="utf-8")
    return from_json(text, Dataset)


def essex_history() -> ForceHistory:
    """Essex Police's inspections as a :class:`~peelmodel.ForceHistory`."""
    return ForceHistory.of("essex", essex())
