"""Lossless, strict JSON in and out, with errors that point at the field."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peelmodel as pm
from peelmodel import serialization
from peelmodel import strategies as pst

PUBLIC = [
    (pm.Grade, pst.grades()),
    (pm.Period, pst.periods()),
    (pm.Source, pst.sources()),
    (pm.Estimate, pst.estimates()),
    (pm.Force, pst.forces()),
    (pm.Subject, pst.subjects()),
    (pm.Programme, pst.programmes()),
    (pm.Judgment, pst.judgments()),
    (pm.AreaForImprovement, pst.areas_for_improvement()),
    (pm.Recommendation, pst.recommendations()),
    (pm.CauseOfConcern, pst.causes_of_concern()),
    (pm.Practice, pst.practices()),
    (pm.Comparator, pst.comparators()),
    (pm.Metric, pst.metrics()),
    (pm.Inspection, pst.inspections()),
    (pm.Dataset, pst.datasets(max_inspections=3)),
    (pm.ForceHistory, pst.force_histories(max_inspections=3)),
    (pm.Problem, pst.problems()),
]


@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=[c.__name__ for c, _ in PUBLIC])
def test_round_trip_every_public_class(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        pm.json_schema(cls), format_checker=jsonschema.FormatChecker()
    )

    @given(strategy)
    @settings(max_examples=max(20, settings().max_examples // 4))
    def round_trips(obj: Any) -> None:
        text = pm.to_json(obj)
        again = pm.from_json(text, cls)
        assert again == obj
        assert pm.to_json(again) == text  # stable text
        assert pm.from_dict(pm.to_dict(obj), cls) == obj
        validator.validate(json.loads(text))

    round_trips()


def base_document() -> dict[str, Any]:
    inspection = pm.Inspection(
        force="essex",
        programme=pm.programmes.get("peel-2015"),
        pillar=pm.Pillar.EFFECTIVENESS,
        published=date(2016, 2, 18),
        fieldwork=[pm.Period.parse("between September and November 2015")],
        judgments=[
            pm.Judgment(subject="effectiveness", grade=pm.Grade.REQUIRES_IMPROVEMENT),
            pm.Judgment(
                subject="effectiveness.preventing-crime", grade=pm.Grade.REQUIRES_IMPROVEMENT
            ),
            pm.Judgment(subject="effectiveness.vulnerability", grade=pm.Grade.INADEQUATE),
        ],
        metrics=[
            pm.Metric(
                id="ocgs-per-million",
                name="Organised crime groups per one million population",
                value=33,
                unit=pm.Unit.PER_MILLION_POPULATION,
                count=58,
                base=1_757_000,
            )
        ],
    )
    data = pm.to_dict(inspection)
    assert isinstance(data, dict)
    return data


def test_document_shape_is_plain_and_ordered() -> None:
    data = base_document()
    assert list(data)[:5] == ["schema_version", "force", "programme", "published", "pillar"]
    assert data["schema_version"] == pm.SCHEMA_VERSION == 2
    assert data["programme"] == "peel-2015"
    assert data["published"] == "2016-02-18"
    assert data["judgments"][2] == {"subject": "effectiveness.vulnerability", "grade": "Inadequate"}
    assert data["metrics"][0]["unit"] == "per 1,000,000 population"


def errors_for(change: Any) -> list[tuple[str, str]]:
    data = base_document()
    change(data)
    with pytest.raises(pm.ValidationError) as info:
        pm.from_dict(data, pm.Inspection)
    return [(p.path, p.message) for p in info.value.problems]


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


GOLDEN = [
    (
        _set(["judgments", 2, "grade"], "Goood"),
        [("$.judgments[2].grade", "'Goood' is not a grade; did you mean 'Good'?")],
    ),
    (
        _set(["judgments", 0, "grade"], "Adequate"),
        [
            (
                "$.judgments[0].grade",
                "grade 'Adequate' is not on the four-point scale used by PEEL 2015",
            )
        ],
    ),
    (
        _set(["judgments", 1, "grde"], "Good"),
        [("$.judgments[1].grde", "'grde' is not a field of Judgment; did you mean 'grade'?")],
    ),
    (
        _set(["metrics", 0, "count"], "58"),
        [("$.metrics[0].count", "expected a whole number, not text '58'")],
    ),
    (
        _set(["metrics", 0, "count"], True),
        [("$.metrics[0].count", "expected a whole number, not true")],
    ),
    (
        _set(["metrics", 0, "value"], "33"),
        [("$.metrics[0].value", "expected a number, not text '33'")],
    ),
    (_set(["force"], ["essex"]), [("$.force", "expected text, not a list")]),
    (
        _set(["judgments"], "effectiveness"),
        [("$.judgments", "expected a list, not text 'effectiveness'")],
    ),
    (
        _set(["published"], "18/02/2016"),
        [("$.published", "expected a date written YYYY-MM-DD, not text '18/02/2016'")],
    ),
    (
        _set(["published"], "2016-02-30"),
        [("$.published", "'2016-02-30' is not a date: day is out of range for month")],
    ),
    (
        _set(["pillar"], "Effectivness"),
        [("$.pillar", "'Effectivness' is not a pillar; did you mean 'Effectiveness'?")],
    ),
    (
        _set(["programme"], "peel2015"),
        [("$.programme", "'peel2015' is not a known PEEL programme; did you mean 'peel-2015'?")],
    ),
    (
        _set(["force"], "esex"),
        [("$.force", "'esex' is not a police force of England and Wales; did you mean 'essex'?")],
    ),
    (
        _set(["metrics", 0, "value"], 34),
        [
            (
                "$.metrics[0].value",
                "Organised crime groups per one million population is 34 per 1,000,000 population, but "
                "58 / 1,757,000 × 1,000,000 is 33.01, which does not round to it at 0 decimal places",
            )
        ],
    ),
    (
        _set(["fieldwork", 0, "end"], "2015-08-01"),
        [("$.fieldwork[0].end", "the period ends (2015-08-01) before it starts (2015-09-01)")],
    ),
    (lambda d: d.pop("force"), [("$.force", "the required field 'force' is missing")]),
    (
        _set(["judgments", 0], "Good"),
        [("$.judgments[0]", "expected an object (Judgment), not text 'Good'")],
    ),
    (
        _set(["schema_version"], 99),
        [("$.schema_version", "schema_version 99 is not one this peelmodel reads (1 to 2)")],
    ),
    (
        _set(["judgments", 2, "subject"], "efficiency"),
        [
            (
                "$.judgments[2].subject",
                "'efficiency' is not part of PEEL 2015: Effectiveness, which covers effectiveness only",
            )
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), GOLDEN)
def test_golden_error_messages(change: Any, expected: list[tuple[str, str]]) -> None:
    assert errors_for(change) == expected


def test_all_problems_are_listed_with_their_paths() -> None:
    def many(data: Any) -> None:
        del data["force"]
        data["published"] = "2016-02-30"
        data["judgments"][0]["grde"] = 1
        data["judgments"][1]["grade"] = "Goood"
        data["metrics"][0]["value"] = "33"

    assert [path for path, _ in errors_for(many)] == [
        "$.force",
        "$.published",
        "$.judgments[0].grde",
        "$.judgments[1].grade",
        "$.metrics[0].value",
    ]


def test_caller_data_is_not_changed() -> None:
    data = base_document()
    before = copy.deepcopy(data)
    pm.from_dict(data, pm.Inspection)
    assert data == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON: unexpected end of data at line 1 column 2"),
        ('{"force": NaN}', "NaN is not allowed in peelmodel JSON (line 1 column 11)"),
        (
            '{\n "force": -Infinity}',
            "-Infinity is not allowed in peelmodel JSON (line 2 column 11)",
        ),
        (
            '{"value": 1e999}',
            "not valid JSON: number is infinity when parsed as double at line 1 column 11",
        ),
        ("[1, 2]", "expected an object (Inspection), not a list"),
        ("", "not valid JSON: input is a zero-length, empty document at line 1 column 1"),
        ('{"a": 1,}', "not valid JSON: trailing comma is not allowed at line 1 column 8"),
        (
            b'"\xc3\x28"',
            "not valid JSON: str is not valid UTF-8: surrogates not allowed at line 1 column 1",
        ),
    ],
)
def test_malformed_json(text: str | bytes, message: str) -> None:
    with pytest.raises(pm.ValidationError) as info:
        pm.from_json(text, pm.Inspection)
    assert [(p.path, p.message) for p in info.value.problems] == [("$", message)]


def test_nan_from_python_data_is_rejected() -> None:
    assert errors_for(_set(["metrics", 0, "value"], float("nan"))) == [
        ("$.metrics[0].value", "expected a finite number, not nan")
    ]


def test_a_custom_programme_is_written_in_full() -> None:
    custom = pm.Programme(
        id="force-review-2030",
        title="Force review 2030",
        year=2030,
        scale=pm.GradingScale.FIVE_POINT,
        subjects=[pm.Subject(id="leadership", title="Leadership", kind=pm.SubjectKind.AREA)],
    )
    inspection = pm.Inspection(
        force="kent",
        programme=custom,
        published=date(2030, 5, 1),
        judgments=[pm.Judgment(subject="leadership", grade=pm.Grade.ADEQUATE)],
    )
    data = pm.to_dict(inspection)
    assert data["programme"]["id"] == "force-review-2030"
    assert pm.from_dict(data, pm.Inspection) == inspection
    pm.programmes.register(custom)
    assert pm.to_dict(inspection)["programme"] == "force-review-2030"


def test_migration_hook_runs_before_structuring(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename_forcename(document: dict[str, Any]) -> dict[str, Any]:
        document = dict(document)
        document["force"] = document.pop("force_id")
        return document

    monkeypatch.setattr(serialization, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(serialization.MIGRATIONS, 1, rename_forcename)
    old = base_document()
    old["schema_version"] = 1
    old["force_id"] = old.pop("force")
    loaded = pm.from_dict(old, pm.Inspection)
    assert loaded.force == "essex"
    assert pm.to_dict(loaded)["schema_version"] == 2


# --- fuzzing: nothing but a ValidationError with a path ever escapes ------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _locations(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _locations(inner, (*path, i))
    return found


@given(pst.inspections(), st.data())
@settings(max_examples=settings().max_examples * 5)  # thousands under the ci profile
def test_mutated_documents_give_an_object_or_a_validation_error(
    inspection: pm.Inspection, data: st.DataObject
) -> None:
    document = pm.to_dict(inspection)
    for _ in range(data.draw(st.integers(1, 3))):
        locations = [loc for loc in _locations(document) if loc]
        if not locations:
            break
        where = data.draw(st.sampled_from(locations))
        parent = document
        for key in where[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["remove", "replace", "add"]))
        if action == "remove" and isinstance(parent, dict):
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=6))] = data.draw(json_values)
        else:
            parent[where[-1]] = data.draw(json_values)
    text = json.dumps(document)
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.text(max_size=4)) + text[cut:]
    try:
        loaded = pm.from_json(text, pm.Inspection)
    except pm.ValidationError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith("$")
            assert problem.message
            assert problem.code
    else:
        assert isinstance(loaded, pm.Inspection)
        assert pm.from_json(pm.to_json(loaded), pm.Inspection) == loaded


def test_json_schema_is_valid_2020_12() -> None:
    for cls, _ in PUBLIC:
        jsonschema.Draft202012Validator.check_schema(pm.json_schema(cls))
    schema = pm.json_schema(pm.Inspection)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"force", "programme"}
    assert schema["$defs"]["Judgment"]["properties"]["grade"] == {
        "anyOf": [
            {"enum": ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]},
            {"type": "null"},
        ]
    }


def test_loading_leaves_the_garbage_collector_alone() -> None:
    # A library must not switch process-wide state that other threads rely on.
    import gc
    import threading

    text = (Path(pm.__file__).parent / "data" / "essex.json").read_text(encoding="utf-8")
    assert gc.isenabled()
    seen: list[bool] = []

    def load() -> None:
        for _ in range(5):
            pm.from_json(text, pm.Dataset)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
    assert seen == [True] * 40
    gc.disable()
    try:
        pm.from_json(text, pm.Dataset)
        assert not gc.isenabled()  # nor is a disabled collector switched on
    finally:
        gc.enable()
