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

__all__ = ["Coverage", "Standing", "coverage", "distribution", "standing"]


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


def _best_first(item: tuple[Grade | None, int]) -> tuple[bool, int]:
    grade = item[0]
    return (grade is None, -grade.rank if grade is not None else 0)


def _region_of(force: str) -> str:
    return _forces.get(force).region


def distribution(
    inspections: Iterable[Inspection],
    programme: str,
    subject: str,
    *,
    region: str | None = None,
) -> dict[Grade | None, int]:
    """How many forces got each grade for one programme's subject (None: not graded),
    best grade first. ``region`` (as in the forces table, e.g. "South East") counts
    only the forces of that region.

    >>> import peelmodel as pm
    >>> from peelmodel.national import distribution
    >>> national = pm.datasets.national()
    >>> {str(g): n for g, n in distribution(national, "peel-2015", "effectiveness").items()}
    {'Outstanding': 1, 'Good': 24, 'Requires improvement': 18}
    """
    if region is not None and region not in {f.region for f in _forces.all()}:
        known = sorted({f.region for f in _forces.all()})
        raise ValueError(f"unknown region {region!r}; the regions are: {', '.join(known)}")
    counts: dict[Grade | None, int] = {}
    for inspection in inspections:
        if inspection.programme.id != programme:
            continue
        if region is not None and _region_of(inspection.force) != region:
            continue
        judgment = inspection.judgment(subject)
        if judgment is not None:
            counts[judgment.grade] = counts.get(judgment.grade, 0) + 1
    return dict(sorted(counts.items(), key=_best_first))


@attrs.frozen(kw_only=True)
class Standing:
    """One force's grade for a programme's subject, against every force recorded and
    against the forces of its region. ``better``, ``same`` and ``worse`` count the other
    forces with a grade; forces not graded or not recorded are left out of them."""

    force: str
    programme: str
    subject: str
    grade: Grade | None
    region: str
    national: dict[Grade | None, int]
    regional: dict[Grade | None, int]
    better: int
    same: int
    worse: int
    region_better: int
    region_same: int
    region_worse: int

    def describe(self) -> str:
        """One line: the grade and how many forces did better, the same and worse."""
        grade = str(self.grade) if self.grade else "not graded"
        forces = "force" if self.better == 1 else "forces"
        return (
            f"{grade}: {self.better} {forces} better, {self.same} the same, {self.worse} worse "
            f"({self.region}: {self.region_better} better, {self.region_same} the same, "
            f"{self.region_worse} worse)"
        )


def standing(inspections: Iterable[Inspection], force: str) -> tuple[Standing, ...]:
    """Where one force (id, name or alias) stands in every graded subject recorded for
    it: its grade against all forces and against its region, in programme order.

    Grades are compared within one programme only, so the change of scale in 2021
    never mixes grades of two scales.

    >>> import peelmodel as pm
    >>> from peelmodel.national import standing
    >>> row = next(s for s in standing(pm.datasets.national(), "kent")
    ...            if s.programme == "peel-2015" and s.subject == "effectiveness")
    >>> row.grade, row.better + row.same + row.worse
    (<Grade.GOOD: 'Good'>, 42)
    """
    record = _forces.get(force)
    held = list(inspections)
    by_key: dict[tuple[str, str], dict[str, Grade | None]] = {}
    order: dict[str, int] = {p.id: n for n, p in enumerate(_programmes.catalogue())}
    for inspection in held:
        for j in inspection.judgments:
            by_key.setdefault((inspection.programme.id, j.subject), {})[inspection.force] = j.grade
    rows = []
    for (programme, subject), grades in by_key.items():
        if record.id not in grades:
            continue
        own = grades[record.id]
        others = {f: g for f, g in grades.items() if f != record.id and g is not None}
        neighbours = {f: g for f, g in others.items() if _region_of(f) == record.region}

        def tally(pool: dict[str, Grade], own: Grade | None = own) -> tuple[int, int, int]:
            if own is None:
                return (0, 0, 0)
            return (
                sum(g > own for g in pool.values()),
                sum(g == own for g in pool.values()),
                sum(g < own for g in pool.values()),
            )

        better, same, worse = tally(others)
        r_better, r_same, r_worse = tally(neighbours)
        rows.append(
            Standing(
                force=record.id,
                programme=programme,
                subject=subject,
                grade=own,
                region=record.region,
                national=distribution(held, programme, subject),
                regional=distribution(held, programme, subject, region=record.region),
                better=better,
                same=same,
                worse=worse,
                region_better=r_better,
                region_same=r_same,
                region_worse=r_worse,
            )
        )

    def place(row: Standing) -> tuple[int, str, int]:
        ids = [s.id for s in _programmes.get(row.programme).subjects]
        at = ids.index(row.subject) if row.subject in ids else len(ids)
        return (order.get(row.programme, len(order)), row.programme, at)

    return tuple(sorted(rows, key=place))


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
