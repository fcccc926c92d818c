"""Construction from Python checks types and bounds, with the errors JSON loading gives.

Every public class × every field × values of the wrong type: each is refused with a
ValidationError whose path names the field. Every numeric field × extreme values:
refused with a sentence, or accepted and then writable. What constructs can be written.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import strategies as pst

# A valid instance of each public class, drawn from peelmodel's own strategies.
VALID: dict[type[Any], st.SearchStrategy[Any]] = {
    pm.Inspection: pst.inspections(),
    pm.Judgment: pst.judgments(),
    pm.Metric: pst.metrics(),
    pm.Comparator: pst.comparators(),
    pm.Period: pst.periods(),
    pm.Source: pst.sources(),
    pm.Estimate: pst.estimates(),
    pm.Force: pst.forces(),
    pm.Subject: pst.subjects(),
    pm.Programme: pst.programmes(),
    pm.AreaForImprovement: pst.areas_for_improvement(),
    pm.CauseOfConcern: pst.causes_of_concern(),
    pm.Recommendation: pst.recommendations(),
    pm.Practice: pst.practices(),
    pm.GradeCount: st.builds(
        pm.GradeCount, grade=st.sampled_from(list(pm.Grade)), count=st.integers(0, 50)
    ),
    pm.Dataset: pst.datasets(max_inspections=2),
    pm.ForceHistory: pst.force_histories(max_inspections=2),
    pm.Change: st.sampled_from(pm.datasets.essex_history().changes()),
    pm.Problem: st.builds(
        pm.Problem,
        path=st.just("$.force"),
        code=st.just("force.unknown"),
        message=st.text(min_size=1, max_size=20),
        severity=st.sampled_from(list(pm.Severity)),
    ),
}


class _Other:
    """An object of no type peelmodel knows."""


def _wrong_values(tp: Any) -> list[Any]:
    """Values of the wrong type for a field declared ``tp``."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if args and type(None) in args and len(args) == 2:  # Optional[X]: None is right
        inner = args[0] if args[1] is type(None) else args[1]
        return [v for v in _wrong_values(inner) if v is not None]
    if tp is str:
        return [1, None, ["a"], b"a", _Other()]
    if tp is bool:
        return [1, "true", None]
    if tp is int:
        return ["1", 1.5, True, None, [1]]
    if tp is float:
        return ["1.5", None, True, [1.0], _Other()]
    if tp is dt.date:
        return ["2021-01-01", dt.datetime(2021, 1, 1), 20210101, None]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [1, None, _Other(), [next(iter(tp)).value]]
    if isinstance(tp, type) and attrs.has(tp):
        return ["x", {"a": 1}, 1, None]
    if origin is tuple:
        return ["abc", 1, None, [_Other()], {"a": 1}]
    return []


def _fields(cls: type[Any]) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(a.name, hints[a.name]) for a in attrs.fields(cls) if a.init]


CASES = [
    (cls, name, wrong) for cls in VALID for name, tp in _fields(cls) for wrong in _wrong_values(tp)
]


def test_every_public_class_and_field_has_wrong_values_to_try() -> None:
    public = {getattr(pm, n) for n in pm.__all__ if attrs.has(getattr(pm, n, None))}
    assert public <= set(VALID), public - set(VALID)
    tried = {(cls, name) for cls, name, _ in CASES}
    for cls in VALID:
        for name, _ in _fields(cls):
            assert (cls, name) in tried, f"no wrong value for {cls.__name__}.{name}"
    assert len(CASES) > 300


def _evolve(obj: Any, name: str, value: Any) -> Any:
    arguments = {a.name: getattr(obj, a.name) for a in attrs.fields(type(obj)) if a.init}
    arguments[name] = value
    return type(obj)(**arguments)


@pytest.mark.parametrize("cls", list(VALID), ids=lambda c: c.__name__)
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_wrong_type_is_refused_with_the_path_of_its_field(
    cls: type[Any], data: st.DataObject
) -> None:
    obj = data.draw(VALID[cls], label="valid")
    for c, name, wrong in CASES:
        if c is not cls:
            continue
        with pytest.raises(pm.ValidationError) as info:
            _evolve(obj, name, wrong)
        paths = [p.path for p in info.value.problems]
        assert any(p == f"$.{name}" or p.startswith((f"$.{name}[", f"$.{name}.")) for p in paths), (
            name,
            wrong,
            paths,
        )
        for problem in info.value.problems:
            assert problem.message
            assert len(problem.message) < 400


# JSON-representable wrong values: the constructor and the loader give the same path
# and code for the same value in the same place.
JSON_CASES = [
    ("published", "2021-13-01"),
    ("published", 20210101),
    ("force", 7),
    ("tranche", "2"),
    ("tranche", 1.0),
    ("tranche", 99),
    ("pillar", ["a"]),
    ("judgments", "Good"),
]


@pytest.mark.parametrize(("name", "wrong"), JSON_CASES)
def test_python_and_json_agree_on_a_wrong_value(name: str, wrong: Any) -> None:
    good = pm.datasets.essex()[0]
    document = pm.to_dict(good)
    document[name] = wrong
    with pytest.raises(pm.ValidationError) as loaded:
        pm.from_dict(document, pm.Inspection)
    if isinstance(wrong, str) and name == "published":
        return  # Python takes a date object, never text; the text case is covered above
    with pytest.raises(pm.ValidationError) as built:
        _evolve(good, name, wrong)
    assert {(p.path, p.code) for p in built.value.problems} <= {
        (p.path, p.code) for p in loaded.value.problems
    }


EXTREMES = [
    -(2**63) - 1,
    -(2**63),
    -1,
    0,
    1,
    10,
    11,
    2**53 + 1,
    2**63 - 1,
    2**64,
    10**400,
]
FLOAT_EXTREMES = [0.0, -0.0, 1e-300, 1e15, 1e16, -1e16, 1e308, float("inf"), float("nan")]


def _numeric_fields() -> list[tuple[type[Any], str, Any]]:
    found = []
    for cls in VALID:
        for name, tp in _fields(cls):
            args = typing.get_args(tp)
            base = next((a for a in args if a is not type(None)), tp) if args else tp
            if base is int or base is float:
                found.append((cls, name, base))
    return found


NUMERIC = _numeric_fields()


def test_the_numeric_fields_are_all_found() -> None:
    names = {f"{c.__name__}.{n}" for c, n, _ in NUMERIC}
    assert {"Metric.decimals", "Metric.count", "Metric.value", "Programme.year"} <= names


@pytest.mark.parametrize(
    ("cls", "name", "kind"), NUMERIC, ids=[f"{c.__name__}.{n}" for c, n, _ in NUMERIC]
)
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_an_extreme_number_is_refused_or_can_be_written(
    cls: type[Any], name: str, kind: type, data: st.DataObject
) -> None:
    obj = data.draw(VALID[cls], label="valid")
    value = data.draw(st.sampled_from(EXTREMES if kind is int else FLOAT_EXTREMES))
    try:
        built = _evolve(obj, name, value)
    except pm.ValidationError as error:
        assert all(len(p.message) < 300 for p in error.problems)
        return
    text = pm.to_json(built)  # what constructs can be written ...
    assert pm.from_json(text, cls) == built  # ... and read back the same


def test_a_huge_decimals_is_refused_at_once() -> None:
    with pytest.raises(pm.ValidationError, match=r"\$\.decimals: 1000000000 is outside"):
        pm.Metric(id="m", name="M", value=1.0, unit=pm.Unit.PERCENT, decimals=10**9)


def test_text_that_is_not_unicode_is_refused_at_construction() -> None:
    with pytest.raises(pm.ValidationError, match="lone surrogate") as info:
        pm.Source(title="a\ud800b")
    assert info.value.problems[0].path == "$.title"


def test_a_ten_megabyte_value_comes_back_short() -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.Source(title="x" * 10_000_000)
    assert len(str(info.value)) < 300


def test_tolerant_conversions_are_the_documented_ones() -> None:
    essex = pm.datasets.essex()[0]
    by_id = _evolve(essex, "programme", essex.programme.id)
    assert by_id.programme is essex.programme
    with pytest.raises(pm.ValidationError, match=r"\$\.programme"):
        _evolve(essex, "programme", "peel-1999")
    judgment = pm.Judgment(subject="legitimacy", grade=pm.Grade.GOOD)
    with pytest.raises(pm.ValidationError, match=r"Grade\.parse"):
        pm.Judgment(subject="legitimacy", grade="Good")  # type: ignore[arg-type]
    assert pm.Judgment(subject="legitimacy", grade=pm.Grade.parse("good")) == judgment


def test_a_movement_that_disagrees_with_its_grades_is_refused() -> None:
    history = pm.datasets.essex_history()
    change = history.changes("effectiveness")[0]
    with pytest.raises(pm.ValidationError, match="movement") as info:
        attrs.evolve(change, movement=pm.Movement.DECLINED)
    assert info.value.problems[0].code == "change.disagrees"


def test_a_year_before_peel_is_refused() -> None:
    programme = pm.programmes.get("peel-2017")
    with pytest.raises(pm.ValidationError, match=r"\$\.year"):
        attrs.evolve(programme, id="peel-1066", year=1066)
    with pytest.raises(pm.ValidationError, match=r"\$\.title"):
        attrs.evolve(programme, id="peel-untitled", title=" ")
