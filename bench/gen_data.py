"""Seeded synthetic PEEL datasets of national size, written through peelmodel itself.

national: 43 forces x 10 inspections, each with 9 judgments, 4 areas for improvement
and 12 metrics; large: ten times as many inspections.
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
    end = date(2015, 6, 30) + timedelta(days=rng.randint(0, 3000))
    comparator = pm.Comparator(
        value=pm.rates.round_to(pm.rates.exact_rate(count * 2, base * 2 + 7, per=per), decimals)
    )
    return pm.Metric(
        id=f"metric-{i}",
        name=f"Recorded crime measure {i}",
        value=value,
        unit=unit,
        decimals=decimals,
        period=pm.Period(start=end - timedelta(days=364), end=end),
        count=count,
        base=base,
        comparator=comparator,
    )


def inspection(rng: random.Random, force: str, k: int) -> pm.Inspection:
    programme = pm.programmes.get(PROGRAMMES[k % len(PROGRAMMES)])
    graded = [s for s in programme.subjects if s.graded]
    chosen = rng.sample(graded, min(9, len(graded)))
    judgments = [
        pm.Judgment(
            subject=s.id,
            grade=rng.choice(programme.scale.grades),
            summary="The force is judged on this.",
        )
        for s in chosen
    ]
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


def texts() -> dict[str, str]:
    """The national and the ten-times-larger document, as compact JSON."""
    return {
        "national": pm.to_json(dataset(10), indent=None),
        "large": pm.to_json(dataset(100), indent=None),
    }
