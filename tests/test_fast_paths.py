"""The loader's flat builders and the writer give what construction and the converter
give: the same objects, field by field and type by type, and the same JSON text."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import metrics, serialization
from peelmodel import strategies as pst


def _same(a: Any, b: Any, path: str = "$") -> None:
    """``a`` and ``b`` hold equal values of the very same types, all the way down
    (``==`` alone takes 33 for 33.0 and a list for a tuple of the same items)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} against {type(b).__name__}"
    if attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            _same(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)), path


def _flat(document: dict[str, Any], cls: type[Any]) -> Any:
    return serialization._fast_builder(cls)(serialization._migrate(document))


# --- the flat builders ---------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        pm.Dataset,
        pm.Inspection,
        pm.Judgment,
        pm.Metric,
        pm.Comparator,
        pm.Period,
        pm.Source,
        pm.AreaForImprovement,
        pm.CauseOfConcern,
        pm.Recommendation,
        pm.Practice,
        pm.GradeCount,
    ],
)
def test_the_classes_documents_are_made_of_are_built_flat(cls: type[Any]) -> None:
    # built without __init__: the generated code makes the object and sets its slots
    code = serialization._flat_builder_lines(cls, {}, [])
    assert code is not None
    assert any("_new(" in line for line in code)


def test_a_class_with_a_post_init_of_its_own_is_built_by_calling_it() -> None:
    assert serialization._flat_builder_lines(pm.Programme, {}, []) is None
    assert serialization._flat_builder_lines(pm.ForceHistory, {}, []) is None


def test_the_embedded_record_built_flat_is_the_record_constructed() -> None:
    for dataset in (pm.datasets.essex(), pm.datasets.national()):
        _same(_flat(pm.to_dict(dataset), pm.Dataset), dataset)


@settings(max_examples=80, deadline=None)
@given(dataset=pst.datasets(max_inspections=3))
def test_what_the_flat_builders_make_is_what_construction_makes(dataset: pm.Dataset) -> None:
    document = pm.to_dict(dataset)
    try:
        built = _flat(document, pm.Dataset)
    except Exception:
        # only a programme of one's own, written in full, goes to the full converter
        assert any(i.programme not in pm.programmes.catalogue() for i in dataset)
        return
    _same(built, dataset)
    _same(built, serialization._converter().structure(serialization._migrate(document), pm.Dataset))


@settings(max_examples=60, deadline=None)
@given(metric=pst.metrics())
def test_a_metric_read_flat_has_the_types_construction_gives(metric: pm.Metric) -> None:
    document = pm.to_dict(metric)
    if metric.value == int(metric.value):
        document["value"] = int(metric.value)  # 33 in a document is the float 33.0
    _same(_flat(document, pm.Metric), metric)


def test_a_date_outside_the_years_allowed_is_never_taken_from_the_cache() -> None:
    document = pm.to_dict(pm.datasets.essex().inspections[0])
    document["published"] = "0001-01-01"
    for _ in range(2):  # the second time, the date has been read once already
        with pytest.raises(pm.ValidationError) as info:
            pm.from_dict(document, pm.Inspection)
        assert [(p.path, p.code) for p in info.value.problems] == [
            ("$.published", "date.out_of_range")
        ]
    assert "0001-01-01" not in serialization._DATES
    assert all(
        dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31) for day in serialization._DATES.values()
    )


def test_a_field_left_out_gets_its_default_on_the_flat_path() -> None:
    practice = _flat({"subject": "effectiveness", "text": "A hub."}, pm.Practice)
    assert practice.kind is pm.PracticeKind.PROMISING
    assert practice.source is None
    comparator = _flat({"value": 3}, pm.Comparator)
    _same(comparator, pm.Comparator(value=3.0))


# --- one rule, two forms -------------------------------------------------------------

_UNITS = st.sampled_from(list(pm.Unit))
_AWKWARD = st.sampled_from(
    [0.0, -0.0, 0.05, 0.049999999999999996, 33.0, 33.35, 99.95, 100.0, 100.05, -1.0, 1e15]
)


@settings(max_examples=1500, deadline=None)
@given(
    value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), _AWKWARD),
    count=st.one_of(st.none(), st.integers(-5, 10**7)),
    base=st.one_of(st.none(), st.integers(-5, 10**7)),
    unit=_UNITS,
    decimals=st.integers(0, 10),
)
def test_the_quick_figure_test_agrees_with_the_worded_rules(
    value: float, count: int | None, base: int | None, unit: pm.Unit, decimals: int
) -> None:
    # the quick test decides the common case on the load path; the worded rules give
    # the messages: for every input, both must come to the same answer
    words = metrics._figure_problems(value, count, base, unit, decimals, "a figure")
    assert metrics._figure_ok(value, count, base, unit, decimals) is (not words)


@settings(max_examples=300, deadline=None)
@given(
    count=st.integers(0, 10**6),
    base=st.integers(1, 10**6),
    unit=_UNITS.filter(lambda u: u.per is not None or u is pm.Unit.PERCENT_CHANGE),
    decimals=st.integers(0, 3),
    nudge=st.sampled_from([0.0, 0.5, -0.5, 1.0]),
)
def test_the_quick_figure_test_agrees_at_the_rounding_boundary(
    count: int, base: int, unit: pm.Unit, decimals: int, nudge: float
) -> None:
    if unit is pm.Unit.PERCENT_CHANGE:
        exact = pm.rates.exact_percent_change(base, count)
    else:
        exact = pm.rates.exact_rate(count, base, per=unit.per or 1)
    value = round(float(exact) + nudge * 10.0**-decimals, decimals)
    words = metrics._figure_problems(value, count, base, unit, decimals, "a figure")
    assert metrics._figure_ok(value, count, base, unit, decimals) is (not words)


# --- the writer ----------------------------------------------------------------------


def _by_converter(obj: Any) -> str:
    data = serialization._unstructure(obj, serialization._json_converter())
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()


def test_the_embedded_record_is_written_as_the_converter_writes_it() -> None:
    for dataset in (pm.datasets.essex(), pm.datasets.national()):
        assert pm.to_json(dataset) == _by_converter(dataset)


@settings(max_examples=80, deadline=None)
@given(
    obj=st.one_of(
        pst.datasets(max_inspections=3),
        pst.inspections(),
        pst.metrics(),
        pst.judgments(),
        pst.sources(),
        pst.forces(),
        pst.programmes(),
        pst.force_histories(max_inspections=2),
    )
)
def test_the_writer_writes_what_the_converter_writes(obj: Any) -> None:
    assert pm.to_json(obj) == _by_converter(obj)
    assert pm.to_json(obj, indent=None) == orjson.dumps(orjson.loads(_by_converter(obj))).decode()


def test_a_value_peelmodel_did_not_build_is_refused_when_written() -> None:
    judgment = pm.Judgment(subject="effectiveness", grade=pm.Grade.GOOD)
    object.__setattr__(judgment, "grade", object())  # what no checked path can make
    with pytest.raises(pm.ValidationError) as info:
        pm.to_json(judgment)
    [problem] = info.value.problems
    assert problem.code == "json.unserializable"
    assert "object" in problem.message


def test_an_attrs_class_of_ones_own_is_written_as_before() -> None:
    @attrs.frozen
    class Note:
        text: str
        day: dt.date

    assert orjson.loads(pm.to_json(Note("a", dt.date(2020, 1, 2)))) == {
        "schema_version": serialization.SCHEMA_VERSION,
        "text": "a",
        "day": "2020-01-02",
    }


# --- a document read from text is taken apart as it is built ---------------------------


def _problems_of(load: Any) -> list[tuple[str, str, str]]:
    try:
        load()
    except pm.ValidationError as error:
        return [(p.path, p.code, p.message) for p in error.problems]
    raise AssertionError("the document was accepted")


@pytest.mark.parametrize("where", [0, -1])
def test_a_problem_found_after_parts_were_let_go_is_worded_in_full(where: int) -> None:
    # from_json's builder drops each inspection's parsed form once it is built; a
    # problem in the last one must still be reported exactly as from_dict reports it
    document = pm.to_dict(pm.datasets.essex())
    document["inspections"][where]["judgments"][0]["grade"] = "Goood"
    document["inspections"][where]["metrics"] = [{"id": "m", "name": "M", "value": "1"}]
    text = orjson.dumps(document).decode()
    from_text = _problems_of(lambda: pm.from_json(text, pm.Dataset))
    assert from_text == _problems_of(lambda: pm.from_dict(document, pm.Dataset))
    index = len(document["inspections"]) - 1 if where == -1 else 0
    assert {path.split(".")[1] for path, _, _ in from_text} == {f"inspections[{index}]"}


def test_reading_from_text_gives_what_reading_the_parsed_form_gives() -> None:
    text = pm.to_json(pm.datasets.national(), indent=None)
    document = orjson.loads(text)
    _same(pm.from_json(text, pm.Dataset), pm.from_dict(document, pm.Dataset))
    assert document == orjson.loads(text)  # from_dict leaves the caller's data as it was


def test_a_dataset_without_inspections_is_read_from_text() -> None:
    assert pm.from_json('{"title": "none yet"}', pm.Dataset) == pm.Dataset(title="none yet")
