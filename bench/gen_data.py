"""Seeded synthetic PEEL datasets of national size, written through peelmodel itself.

national: 43 forces x 10 inspections, each with 9 judgments (one carried over in a
third of them, one narrative-only where the programme has such a subject), 4 areas for
improvement and 12 metrics (rates, percentages with count and base, a count, a percent
change, two metrics part of another, comparators with and without count and base);
large: ten times as many inspections; ``dataset(n)`` gives n inspections per force.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import peelmodel as pm

PROGRAMMES = ["peel-2015", "peel-2016", "peel-2017", "peel-2018-19", "peel-2021-22", "peel-2023-25"]
UNITS = [
    pm.Unit.PER_1000_POPULATION,
    pm.Unit.PER_1000_HOUSEHOLDS,
    pm.Unit.PERCENT,
    pm.Unit.PER_MILLION_POPULATION,
]


def _metric(rng: random.Random, i: int) -> pm.Metric:
    end = date(2015, 6, 30) + timedelta(days=rng.randint(0, 3000))
    period = pm.Period(start=end - timedelta(days=364), end=end)
    if i == 10:  # a count: no count and base
        return pm.Metric(
            id=f"metric-{i}",
            name="Organised crime groups",
            value=float(rng.randint(0, 300)),
            unit=pm.Unit.COUNT,
            period=period,
        )
    if i == 11:  # a percent change from base (before) to count (after)
        before = rng.randint(1_000, 100_000)
        after = rng.randint(before // 2, before * 2)
        return pm.Metric(
            id=f"metric-{i}",
            name="Change in recorded crime",
            value=pm.rates.round_to(pm.rates.exact_percent_change(before, after), 1),
            unit=pm.Unit.PERCENT_CHANGE,
            decimals=1,
            period=period,
            count=after,
            base=before,
        )
    unit = UNITS[i % len(UNITS)]
    per = unit.per
    assert per is not None
    base = (
        rng.randint(100_000, 3_000_000)
        if unit is not pm.Unit.PERCENT
        else rng.randint(1_000, 200_000)
    )
    count = rng.randint(0, base // 20)
    decimals = 1 if unit is not pm.Unit.PER_MILLION_POPULATION else 0
    value = pm.rates.round_to(pm.rates.exact_rate(count, base, per=per), decimals)
    c_count, c_base = count * 2, base * 2 + 7
    comparator = pm.Comparator(
        value=pm.rates.round_to(pm.rates.exact_rate(c_count, c_base, per=per), decimals),
        count=c_count if i % 3 == 0 else None,
        base=c_base if i % 3 == 0 else None,
    )
    return pm.Metric(
        id=f"metric-{i}",
        name=f"Recorded crime measure {i}",
        value=value,
        unit=unit,
        decimals=decimals,
        period=period,
        count=count,
        base=base,
        part_of="metric-0" if i in (4, 8) else None,
        comparator=comparator,
    )


def inspection(rng: random.Random, force: str, k: int) -> pm.Inspection:
    programme = pm.programmes.get(PROGRAMMES[k % len(PROGRAMMES)])
    graded = [s for s in programme.subjects if s.graded]
    narrative = [s for s in programme.subjects if not s.graded]
    chosen = rng.sample(graded, min(9 - bool(narrative), len(graded)))
    judgments = [
        pm.Judgment(
            subject=s.id,
            grade=rng.choice(programme.scale.grades),
            carried_over_from=programme.year - 1 if k % 3 == 0 and n == 0 else None,
            summary="The force is judged on this.",
        )
        for n, s in enumerate(chosen)
    ]
    if narrative:
        judgments.append(
            pm.Judgment(subject=narrative[0].id, summary="The report describes this only.")
        )
    afis = [
        pm.AreaForImprovement(
            subject=rng.choice(chosen).id,
            text="The force should ensure that it identifies, supports properly and provides an effective service.",
        )
        for _ in range(4)
    ]
    published = date(programme.year + 1, 1, 1) + timedelta(days=rng.randint(0, 300))
    return pm.Inspection(
        force=force,
        programme=programme,
        published=published,
        fieldwork=[
            pm.Period(start=published - timedelta(days=200), end=published - timedelta(days=120))
        ],
        judgments=judgments,
        areas_for_improvement=afis,
        metrics=[_metric(rng, i) for i in range(12)],
    )


def dataset(per_force: int = 10, seed: int = 2015) -> pm.Dataset:
    rng = random.Random(seed)
    return pm.Dataset(
        inspections=[inspection(rng, f.id, k) for f in pm.forces.all() for k in range(per_force)],
        title=f"synthetic, {per_force} inspections per force",
    )


def text(per_force: int = 10, seed: int = 2015) -> str:
    """A dataset as compact JSON text, as peelmodel writes it."""
    return pm.to_json(dataset(per_force, seed), indent=None)


def texts() -> dict[str, str]:
    """The national and the ten-times-larger document, as compact JSON."""
    return {"national": text(10), "large": text(100)}
