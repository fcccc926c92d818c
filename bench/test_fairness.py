"""The comparison is fair: every model accepts the same valid documents and writes them
back unchanged, rejects the same faults (one per rule peelmodel enforces), and the
comparison models do not import peelmodel.

    .venv/bin/python -m pytest bench/test_fairness.py -p no:cacheprovider -o addopts=""
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pydantic
import pytest

import peelmodel as pm
from bench import (
    gen_data,
    gen_tables,
    models_dataclasses,
    models_msgspec,
    models_peelmodel,
    models_pydantic,
    rules,
)

ROOT = Path(__file__).resolve().parents[1]

MODELS: dict[str, ModuleType] = {
    "peelmodel": models_peelmodel,
    "pydantic": models_pydantic,
    "msgspec": models_msgspec,
    "dataclasses": models_dataclasses,
}
COMPETITORS = ("models_pydantic", "models_msgspec", "models_dataclasses", "rules", "_tables")

# What each model raises for a document it rejects (anything else is a bug in the model).
REJECTION: dict[str, tuple[type[BaseException], ...]] = {
    "peelmodel": (pm.ValidationError,),
    "pydantic": (pydantic.ValidationError,),
    "msgspec": (msgspec.ValidationError, msgspec.DecodeError),
    "dataclasses": (ValueError, TypeError),  # json.JSONDecodeError is a ValueError
}


# --- valid documents -------------------------------------------------------------------


def _boundary(value: float, count: int) -> Callable[[dict[str, Any]], None]:
    """metric-2 (a percentage) at 0 decimals with a base of 10**12: the decision is made
    in fractions, as the float gap is within 1e-9 of half a unit."""

    def edit(doc: dict[str, Any]) -> None:
        m = doc["inspections"][0]["metrics"][2]
        m.pop("comparator")
        m.pop("decimals")
        m.update(value=value, count=count, base=10**12)

    return edit


def _extras(doc: dict[str, Any]) -> None:
    """Fields the generated data does not use: pillar, tranche, evidence period,
    compared_with, no publication date, a comparator in another area."""
    i = doc["inspections"][0]
    i["pillar"] = "Effectiveness"
    i["tranche"] = 2
    i["evidence_period"] = {"start": "2015-01-01", "end": "2015-06-30"}
    i.pop("published")
    i["judgments"] = [j for j in i["judgments"] if j["subject"].startswith("effectiveness")]
    i["areas_for_improvement"] = [
        a for a in i["areas_for_improvement"] if a["subject"].startswith("effectiveness")
    ]
    i["metrics"][1]["compared_with"] = {"start": "2013-08-30", "end": "2014-08-29"}
    i["metrics"][1]["comparator"]["area"] = "the most similar forces"


def _small() -> dict[str, Any]:
    return json.loads(gen_data.text(1))  # 43 inspections


VALID: dict[str, Callable[[], str]] = {
    "national": lambda: gen_data.text(10),
    "other-data": lambda: gen_data.text(1, seed=7),
    "exact-half-rounds-down": lambda: _edited(_boundary(7.0, 75_000_000_000)),
    "exact-half-rounds-up": lambda: _edited(_boundary(8.0, 75_000_000_000)),
    "just-inside-half": lambda: _edited(_boundary(7.0, 74_999_999_999)),
    "optional-fields": lambda: _edited(_extras),
}


def _edited(edit: Callable[[dict[str, Any]], None]) -> str:
    doc = _small()
    edit(doc)
    return json.dumps(doc)


@pytest.fixture(scope="module", params=list(VALID))
def valid(request: pytest.FixtureRequest) -> str:
    return VALID[request.param]()


@pytest.mark.parametrize("name", list(MODELS))
def test_every_model_reads_and_writes_back_the_same_document(valid: str, name: str) -> None:
    model = MODELS[name]
    expected = json.loads(valid)
    assert json.loads(model.dump(model.load(valid))) == expected


@pytest.mark.parametrize("name", list(MODELS))
def test_every_model_reads_one_inspection(name: str) -> None:
    doc = _small()
    one = json.dumps({"schema_version": 2, **doc["inspections"][0]})
    loaded = MODELS[name].load_one(one)
    assert loaded.force == doc["inspections"][0]["force"]


# --- faults: one document per rule --------------------------------------------------------


def _i(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["inspections"][0]  # type: ignore[no-any-return]


def _m(doc: dict[str, Any], k: int) -> dict[str, Any]:
    return _i(doc)["metrics"][k]  # type: ignore[no-any-return]


class _Text(str):
    """A fault written as JSON text (one json.dumps cannot write), not as a change."""


def _no_base(m: dict[str, Any], **changes: Any) -> None:
    m.pop("count", None)
    m.pop("base", None)
    m.update(changes)


# Inspection 0 is peel-2015 (four-point scale); judgments[0] is carried over from 2014,
# judgments[-1] is the narrative-only 'legitimacy.crime-recording'. metrics[k] is
# metric-k: 0 per 1,000 population (1 decimal, comparator with count and base), 2 a
# percentage, 4 part of metric-0, 10 a count, 11 a percent change.
FAULTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    # precision, finiteness, sign, units
    "precision": lambda d: _no_base(_m(d, 0), value=12.34),
    "precision-comparator": lambda d: _m(d, 1)["comparator"].update(value=8.85),
    "not-finite-nan": lambda d: _m(d, 1).update(value=float("nan")),
    "not-finite-overflow": lambda d: _Text(
        json.dumps(d).replace('"value": 8.8', '"value": 1e999', 1)
    ),
    "beyond-figure-max": lambda d: _m(d, 10).update(value=1e16),
    "negative-rate": lambda d: _no_base(_m(d, 0), value=-1.0),
    "negative-count": lambda d: _m(d, 0).update(count=-1),
    "base-zero": lambda d: _m(d, 0).update(base=0),
    "count-base-on-count-unit": lambda d: _m(d, 10).update(count=13, base=100),
    "count-unit-not-whole": lambda d: _m(d, 10).update(value=12.5, decimals=1),
    "count-unit-negative": lambda d: _m(d, 10).update(value=-1.0),
    "percent-above-100": lambda d: _no_base(_m(d, 2), value=100.5),
    "percent-below-0": lambda d: _no_base(_m(d, 2), value=-0.5),
    "decimals-negative": lambda d: _m(d, 10).update(decimals=-1),
    "decimals-too-many": lambda d: _m(d, 10).update(decimals=11),
    # agreement of value with count and base
    "rate-disagrees": lambda d: _m(d, 0).update(value=_m(d, 0)["value"] + 1.0),
    "comparator-disagrees": lambda d: _m(d, 0)["comparator"].update(value=45.7),
    "rate-disagrees-at-boundary": _boundary(7.0, 75_000_000_001),
    "percent-change-disagrees": lambda d: _m(d, 11).update(value=_m(d, 11)["value"] + 0.2),
    # metric ids
    "metric-id-duplicate": lambda d: _m(d, 1).update(id="metric-0"),
    "metric-id-empty": lambda d: _m(d, 1).update(id=" "),
    "part-of-unknown": lambda d: _m(d, 4).update(part_of="metric-99"),
    "part-of-itself": lambda d: _m(d, 4).update(part_of="metric-4"),
    "comparator-area-empty": lambda d: _m(d, 1)["comparator"].update(area=""),
    # judgments
    "grade-off-scale": lambda d: _i(d)["judgments"][1].update(grade="Adequate"),
    "grade-unknown": lambda d: _i(d)["judgments"][1].update(grade="Goood"),
    "narrative-only-graded": lambda d: _i(d)["judgments"][-1].update(grade="Good"),
    "carried-over-same-year": lambda d: _i(d)["judgments"][0].update(carried_over_from=2015),
    "carried-over-before-2014": lambda d: _i(d)["judgments"][0].update(carried_over_from=2013),
    "carried-over-no-grade": lambda d: _i(d)["judgments"][0].pop("grade"),
    "subject-unknown": lambda d: _i(d)["judgments"][1].update(subject="efficiency.money"),
    "subject-judged-twice": lambda d: _i(d)["judgments"].append(dict(_i(d)["judgments"][1])),
    "finding-subject-unknown": lambda d: _i(d)["areas_for_improvement"][0].update(
        subject="victim-service"
    ),
    "subject-outside-pillar": lambda d: _i(d).update(pillar="Efficiency"),
    "pillar-judges-nothing": lambda d: d["inspections"].__setitem__(
        0, {"force": "kent", "programme": "peel-2025-27", "pillar": "Legitimacy"}
    ),
    "finding-text-empty": lambda d: _i(d)["areas_for_improvement"][0].update(text="  "),
    # inspection
    "force-unknown": lambda d: _i(d).update(force="atlantis"),
    "programme-unknown": lambda d: _i(d).update(programme="peel-1999"),
    "tranche-zero": lambda d: _i(d).update(tranche=0),
    "period-reversed": lambda d: _m(d, 3)["period"].update(start="2023-01-01"),
    "fieldwork-reversed": lambda d: _i(d)["fieldwork"][0].update(end="2015-01-01"),
    "date-malformed": lambda d: _i(d).update(published="2016-5-26"),
    "date-compact": lambda d: _i(d).update(published="20160526"),
    "date-impossible": lambda d: _i(d).update(published="2016-02-30"),
    "date-before-1900": lambda d: _i(d).update(published="1899-12-31"),
    # keys and JSON types
    "unknown-key-metric": lambda d: _m(d, 0).update(colour="red"),
    "unknown-key-top": lambda d: d.update(author="me"),
    "missing-key": lambda d: _m(d, 0).pop("name"),
    "type-text-for-int": lambda d: _m(d, 0).update(count="57960"),
    "type-bool-for-int": lambda d: _m(d, 10).update(decimals=True),
    "type-float-for-int": lambda d: _m(d, 0).update(count=float(_m(d, 0)["count"])),
    "type-text-for-number": lambda d: _m(d, 1).update(value="8.8"),
    "type-bool-for-number": lambda d: _m(d, 10).update(value=True),
    "type-number-for-text": lambda d: _i(d)["judgments"][1].update(summary=5),
    "type-object-for-list": lambda d: _i(d).update(fieldwork={"start": "2015-01-01"}),
    "type-null-for-list": lambda d: _i(d).update(judgments=None),
    "unit-unknown": lambda d: _m(d, 10).update(unit="dozens"),
    "schema-version-unsupported": lambda d: d.update(schema_version=3),
    "schema-version-null": lambda d: d.update(schema_version=None),
    # text
    "text-too-long": lambda d: _i(d)["judgments"][1].update(summary="x" * 100_001),
    "text-lone-surrogate": lambda d: _i(d)["areas_for_improvement"][0].update(text="\ud800"),
    "json-malformed": lambda d: _Text(json.dumps(d)[:-1]),
}


def _faulty(name: str) -> str:
    doc = _small()
    out = FAULTS[name](doc)
    return str(out) if isinstance(out, _Text) else json.dumps(doc)


def test_the_faults_cover_at_least_15_rules() -> None:
    assert len(FAULTS) >= 15


@pytest.mark.parametrize("name", list(MODELS))
def test_the_unfaulted_document_is_valid(name: str) -> None:
    text = json.dumps(_small())
    assert json.loads(MODELS[name].dump(MODELS[name].load(text))) == json.loads(text)


@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_model_rejects_every_fault(fault: str, model: str) -> None:
    text = _faulty(fault)
    with pytest.raises(REJECTION[model]):
        MODELS[model].load(text)


# --- independence ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", [c for c in COMPETITORS if c.startswith("models_")])
def test_a_comparison_model_does_not_import_peelmodel(module: str) -> None:
    code = (
        "import sys\n"
        f"from bench import {module} as m\n"
        "m.load_one(sys.stdin.read())\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in "
        "('peelmodel', 'attrs', 'attr', 'cattrs', 'orjson')))\n"
    )
    one = json.dumps({"schema_version": 2, **_small()["inspections"][0]})
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=one,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == "[]"


def test_tables_match_peelmodel() -> None:
    """bench/_tables.py is what `python -m bench.gen_tables` writes from peelmodel now."""
    path = Path(gen_tables.__file__).with_name("_tables.py")
    assert path.read_text(encoding="utf-8") == gen_tables.render(gen_tables.tables())


def _random_cases(seed: int) -> list[tuple[float, int, int, int]]:
    """(value, count, base, decimals) near and at rounding boundaries."""
    rng = random.Random(seed)
    cases = []
    for _ in range(3000):
        decimals = rng.randint(0, 3)
        base = rng.randint(1, 10 ** rng.randint(1, 12))
        count = rng.randint(0, 2 * base)
        cases.append((rng.choice([0.0, 0.5, 1.0, -0.5]) * 10.0**-decimals, count, base, decimals))
    return cases


def test_rules_copy_peelmodel_rate_decision() -> None:
    """bench.rules decides a rate as peelmodel.rates.agrees does, also at boundaries."""
    cases = [(7.0, 75_000_000_000, 10**12, 100, 0), (7.0, 75_000_000_001, 10**12, 100, 0)]
    for shift, count, base, decimals in _random_cases(3):
        per = random.Random(count).choice([100, 1_000, 10_000, 1_000_000])
        exact = pm.rates.round_to(pm.rates.exact_rate(count, base, per=per), decimals)
        cases.append((exact + shift, count, base, per, decimals))
    for value, count, base, per, decimals in cases:
        expected = pm.rates.agrees(value, count, base, per=per, decimals=decimals)
        assert rules._agrees(value, count, base, per, decimals) is expected, (value, count, base)


def test_rules_copy_peelmodel_percent_change_decision() -> None:
    """bench.rules decides a percent change as peelmodel does: as the exact decision."""
    for shift, new, old, decimals in _random_cases(4):
        exact = pm.rates.exact_percent_change(old, new)
        value = pm.rates.round_to(exact, decimals) + shift
        expected = pm.rates.rounds_to(value, exact, decimals)
        assert rules._agrees_change(value, new, old, decimals) is expected, (value, new, old)


def test_msgspec_structs_are_not_tracked_by_the_gc() -> None:
    for cls in (
        models_msgspec.Dataset,
        models_msgspec.Inspection,
        models_msgspec.Judgment,
        models_msgspec.Metric,
        models_msgspec.Period,
    ):
        assert cls.__struct_config__.gc is False
