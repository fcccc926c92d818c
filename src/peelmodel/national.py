"""The national record's views: coverage per programme and subject, grade distributions.

>>> import peelmodel as pm
>>> row = next(r for r in pm.coverage(pm.datasets.national())
...            if r.programme == "peel-2015" and r.subject == "effectiveness")
>>> row.forces, row.graded, row.missing[:0]
(43, 43, ())
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from peelmodel import forces as _forces
from peelmodel import programmes as _programmes
from peelmodel.grades import Grade
from peelmodel.inspections import Inspection

__all__ = ["Coverage", "coverage", "distribution"]


@attrs.frozen(kw_only=True)
class Coverage:
    """One programme's subject: the forces judged, graded, not graded, and missing."""

    programme: str
    subject: str
    forces: int
    graded: int
    not_graded: int
    carried_over: int
    missing: tuple[str, ...]


def coverage(inspections: Iterable[Inspection]) -> tuple[Coverage, ...]:
    """A row per programme and graded subject of the catalogue, in catalogue order.

    ``missing`` lists the forces with no judgment of the subject recorded: what no
    public page used here states.
    """
    judged: dict[tuple[str, str], dict[str, Inspection]] = {}
    states: dict[tuple[str, str, str], str] = {}
    for inspection in inspections:
        for j in inspection.judgments:
            key = (inspection.programme.id, j.subject)
            judged.setdefault(key, {})[inspection.force] = inspection
            states[(*key, inspection.force)] = j.status.value
    all_ids = _forces.ids()
    rows = []
    for programme in _programmes.catalogue():
        for subject in programme.subjects:
            if not subject.graded:
                continue
            have = judged.get((programme.id, subject.id), {})
            values = [states[(programme.id, subject.id, f)] for f in have]
            rows.append(
                Coverage(
                    programme=programme.id,
                    subject=subject.id,
                    forces=len(have),
                    graded=values.count("graded"),
                    not_graded=values.count("not graded"),
                    carried_over=values.count("carried over"),
                    missing=tuple(f for f in all_ids if f not in have),
                )
            )
    return tuple(rows)


def distribution(
    inspections: Iterable[Inspection], programme: str, subject: str
) -> dict[Grade | None, int]:
    """How many forces got each grade for one programme's subject (None: not graded)."""
    counts: dict[Grade | None, int] = {}
    for inspection in inspections:
        if inspection.programme.id != programme:
            continue
        judgment = inspection.judgment(subject)
        if judgment is not None:
            counts[judgment.grade] = counts.get(judgment.grade, 0) + 1
    return dict(
        sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or Grade.GOOD), reverse=True)
    )
