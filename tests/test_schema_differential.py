"""The JSON Schema against the loader: they must agree on every document.

Documents come from three places: the schema itself (hypothesis-jsonschema), peelmodel's
valid strategies and its invalid ones (each breaking one named rule). The schema and
the loader may disagree only on the rules that join fields, which JSON Schema cannot
state and the serialization guide lists; those are :data:`CROSS_FIELD`.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import peelmodel as pm
from peelmodel import strategies as pst

# The loader's problem codes for rules the schema cannot state (the documentation's
# list, "What the schema cannot say"). Any other disagreement fails.
CROSS_FIELD = frozenset(
    {
        "grade.off_scale",  # a grade on its programme's scale
        "subject.unknown",  # a subject its programme defines
        "subject.outside_pillar",
        "judgment.duplicate",  # a subject judged once
        "judgment.narrative_only",  # a subject the programme does not grade
        "judgment.carried_over_year",  # carried over from an earlier year
        "inspection.pillar",
        "metric.duplicate",  # metric ids unique in an inspection
        "metric.unknown_group",  # part_of names a metric of the inspection
        "metric.disagrees",  # value agrees with count and base
        "metric.precision",  # value has at most `decimals` places
        "metric.percent_range",  # a comparator's unit is its metric's
        "metric.count_value",
        "metric.negative_rate",
        "metric.count_not_applicable",
        "period.reversed",  # a period's start before its end
        "date.invalid",  # a day the month has (30 February)
        "source.empty",  # a title or a URL
        "programme.duplicate_subject",
        "programme.unknown_parent",
        "subject.pillar",
        "text.not_unicode",  # a lone surrogate, which JSON text cannot carry
        "finding.empty",  # text with a non-blank character (see below)
    }
)

# The rules the invalid strategies break that the schema cannot see.
CROSS_FIELD_RULES = CROSS_FIELD & set(pst.RULES)

CLASSES = [pm.Inspection, pm.Dataset, pm.Judgment, pm.Metric, pm.Source, pm.Period]


def _validator(cls: type[Any]) -> jsonschema.Draft202012Validator:
    schema = pm.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {cls: _validator(cls) for cls in CLASSES}


def _codes(document: Any, cls: type[Any]) -> set[str] | None:
    """The loader's problem codes for ``document`` (None: it loads)."""
    try:
        pm.from_dict(document, cls)
    except pm.ValidationError as error:
        return {p.code for p in error.problems}
    return None


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_each_schema_is_valid_draft_2020_12(cls: type[Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(pm.json_schema(cls))


def _without_conditionals(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` without its if/then rules: documents near the schema's edge, drawn
    quickly (hypothesis-jsonschema is slow to satisfy if/then)."""
    relaxed = copy.deepcopy(schema)
    for body in (relaxed, *relaxed.get("$defs", {}).values()):
        body.pop("allOf", None)
    return relaxed


@functools.cache
def _drawn_from_schema(cls: type[Any]) -> st.SearchStrategy[Any]:
    return from_schema(_without_conditionals(pm.json_schema(cls)))


@pytest.mark.parametrize("cls", [pm.Judgment, pm.Metric, pm.Source, pm.Inspection])
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_schema_and_loader_agree_on_documents_drawn_from_the_schema(
    cls: type[Any], data: st.DataObject
) -> None:
    document = data.draw(_drawn_from_schema(cls), label="document")
    codes = _codes(document, cls)
    if VALIDATORS[cls].is_valid(document):
        # What the schema allows loads, unless a rule the schema cannot state stops it.
        if codes is not None:
            assert codes <= CROSS_FIELD, (codes - CROSS_FIELD, json.dumps(document)[:2000])
    else:
        # What the schema refuses, the loader refuses too.
        assert codes is not None, json.dumps(document)[:2000]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inspection=pst.inspections())
def test_every_valid_inspection_is_valid_to_the_schema(inspection: pm.Inspection) -> None:
    VALIDATORS[pm.Inspection].validate(pm.to_dict(inspection))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=pst.datasets())
def test_every_valid_dataset_is_valid_to_the_schema(dataset: pm.Dataset) -> None:
    VALIDATORS[pm.Dataset].validate(pm.to_dict(dataset))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=pst.invalid_inspection_cases())
def test_the_schema_rejects_what_the_loader_rejects_unless_cross_field(
    case: tuple[str, dict[str, Any]],
) -> None:
    rule, document = case
    assert _codes(document, pm.Inspection) is not None  # the loader rejects it
    schema_accepts = VALIDATORS[pm.Inspection].is_valid(document)
    if rule in CROSS_FIELD_RULES:
        return  # either answer is allowed: the schema cannot see this rule
    assert not schema_accepts, (rule, json.dumps(document)[:2000])


def _inspection(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema_version": 2,
        "force": "essex",
        "programme": "peel-2017",
        "published": "2017-12-07",
        "judgments": [{"subject": "legitimacy", "grade": "Good"}],
        "metrics": [{"id": "m", "name": "Crime", "value": 50.5, "unit": "percent", "decimals": 1}],
    }
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            document[outer][0][inner] = value
        else:
            document[key] = value
    return document


# Each of these the loader rejects; the schema must reject it too.
HOSTILE = {
    "a date with a trailing newline": _inspection(published="2017-12-07\n"),
    "a date in Arabic-Indic digits": _inspection(published="٢٠١٧-١٢-٠٧"),
    "a date in year 1066": _inspection(published="1066-10-14"),
    "a force that does not exist": _inspection(force="gotham"),
    "a programme that does not exist": _inspection(programme="peel-1999"),
    "a grade word in lower case": _inspection(**{"judgments.grade": "good"}),
    "decimals of a million": _inspection(**{"metrics.decimals": 1_000_000}),
    "negative decimals": _inspection(**{"metrics.decimals": -1}),
    "a count beyond 64 bits": _inspection(**{"metrics.count": 2**70, "metrics.base": 1}),
    "a negative count": _inspection(**{"metrics.count": -1, "metrics.base": 10}),
    "a zero base": _inspection(**{"metrics.count": 0, "metrics.base": 0}),
    "a percentage of 150": _inspection(**{"metrics.value": 150.0}),
    "a value of 1e300": _inspection(**{"metrics.value": 1e300, "metrics.unit": "pounds"}),
    "a tranche of 10": _inspection(tranche=10),
    "text of 100,001 characters": _inspection(title="x" * 100_001),
    "an unknown key": _inspection(colour="blue"),
    "a schema version from the future": _inspection(schema_version=99),
}


@pytest.mark.parametrize("document", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_documents_are_rejected_by_both(document: dict[str, Any]) -> None:
    assert _codes(document, pm.Inspection) is not None
    assert not VALIDATORS[pm.Inspection].is_valid(document)


def test_the_example_document_is_accepted_by_both() -> None:
    document = _inspection()
    assert _codes(document, pm.Inspection) is None
    VALIDATORS[pm.Inspection].validate(document)
