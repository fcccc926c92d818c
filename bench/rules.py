"""The peelmodel rules that the comparison models enforce too, shared by all of them."""

from __future__ import annotations

from fractions import Fraction

import peelmodel as pm

GRADES = {g.value for g in pm.Grade}
FOUR = {g.value for g in pm.GradingScale.FOUR_POINT.grades}
PROGRAMMES = {
    p.id: (
        {g.value for g in p.scale.grades},
        {s.id: s for s in p.subjects},
        p.year,
    )
    for p in pm.programmes.all()
}
FORCES = pm.forces.ids()
PER = {u.value: u.per for u in pm.Unit}
UNITS = {u.value for u in pm.Unit}


def check_figure(
    value: float, count: int | None, base: int | None, unit: str, decimals: int
) -> None:
    if count is not None and count < 0:
        raise ValueError("negative count")
    if base is not None and base <= 0:
        raise ValueError("base not positive")
    if unit == "percent" and not 0 <= value <= 100:
        raise ValueError("percent out of range")
    per = PER.get(unit)
    if per is not None and count is not None and base is not None:
        exact = Fraction(count * per, base)
        if abs(Fraction(repr(value)) - exact) > Fraction(1, 2 * 10**decimals):
            raise ValueError(f"value {value} disagrees with {count}/{base}")


def check_inspection(
    force: str, programme: str, judgments: list[tuple[str, str | None]], finding_subjects: list[str]
) -> None:
    if force not in FORCES:
        raise ValueError(f"unknown force {force}")
    if programme not in PROGRAMMES:
        raise ValueError(f"unknown programme {programme}")
    scale, subjects, _ = PROGRAMMES[programme]
    seen = set()
    for subject, grade in judgments:
        if subject not in subjects:
            raise ValueError(f"unknown subject {subject}")
        if subject in seen:
            raise ValueError(f"{subject} judged twice")
        seen.add(subject)
        if grade is not None and grade not in scale:
            raise ValueError(f"{grade} off scale")
    for subject in finding_subjects:
        if subject not in subjects:
            raise ValueError(f"unknown subject {subject}")
