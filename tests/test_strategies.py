"""The public Hypothesis strategies: valid by construction, covering the domain, and
breaking exactly the rule they claim to when asked for invalid documents."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import peelmodel as pm
from peelmodel import strategies as pst

VALID = [
    ("grades", pst.grades()),
    ("periods", pst.periods()),
    ("sources", pst.sources()),
    ("estimates", pst.estimates()),
    ("forces", pst.forces()),
    ("subjects", pst.subjects()),
    ("programmes", pst.programmes()),
    ("judgments", pst.judgments()),
    ("areas_for_improvement", pst.areas_for_improvement()),
    ("recommendations", pst.recommendations()),
    ("causes_of_concern", pst.causes_of_concern()),
    ("practices", pst.practices()),
    ("comparators", pst.comparators()),
    ("metrics", pst.metrics()),
    ("inspections", pst.inspections()),
    ("datasets", pst.datasets(max_inspections=3)),
    ("force_histories", pst.force_histories(max_inspections=3)),
    ("problems", pst.problems()),
]


@pytest.mark.parametrize(("name", "strategy"), VALID, ids=[n for n, _ in VALID])
def test_every_example_is_valid_and_checks_clean(
    name: str, strategy: st.SearchStrategy[Any]
) -> None:
    @given(strategy)
    @settings(max_examples=max(20, settings().max_examples // 4))
    def valid(obj: Any) -> None:
        errors = [p for p in pm.check(obj) if p.severity is pm.Severity.ERROR]
        assert errors == []
        cls = type(obj)
        assert pm.from_dict(pm.to_dict(obj), cls) == obj
        assert pm.from_json(pm.to_json(obj), cls) == obj

    valid()


@pytest.mark.parametrize("rule", pst.RULES)
def test_invalid_documents_break_exactly_their_rule(rule: str) -> None:
    @given(pst.invalid_inspection_documents(rule=rule))
    @settings(max_examples=max(10, settings().max_examples // 10))
    def rejected(document: dict[str, Any]) -> None:
        with pytest.raises(pm.ValidationError) as info:
            pm.from_dict(document, pm.Inspection)
        assert [p.code for p in info.value.problems] == [rule]
        assert all(p.path.startswith("$") and p.message for p in info.value.problems)

    rejected()


@given(pst.invalid_inspection_cases())
def test_invalid_cases_name_their_rule(case: tuple[str, dict[str, Any]]) -> None:
    rule, document = case
    with pytest.raises(pm.ValidationError) as info:
        pm.from_dict(document, pm.Inspection)
    assert rule in [p.code for p in info.value.problems]


def _quiet(**kw: Any) -> settings:
    """For find(): no example database, and no shrinking unless asked (coverage only needs one)."""
    kw.setdefault("phases", (Phase.generate,))
    return settings(database=None, max_examples=2000, **kw)


@pytest.mark.parametrize(
    ("strategy", "condition"),
    [
        (pst.judgments(), lambda j: j.status is pm.JudgmentStatus.CARRIED_OVER),
        (pst.judgments(), lambda j: j.status is pm.JudgmentStatus.NOT_GRADED),
        (pst.grades(scale=pm.GradingScale.FIVE_POINT), lambda g: g is pm.Grade.ADEQUATE),
        (pst.metrics(), lambda m: m.count is not None and m.base is not None and m.decimals == 3),
        (pst.metrics(), lambda m: m.count is None and m.unit is pm.Unit.PER_MILLION_POPULATION),
        (pst.metrics(), lambda m: m.comparator is not None and m.unit is pm.Unit.PERCENT_CHANGE),
        (
            pst.inspections(),
            lambda i: i.areas_for_improvement and i.causes_of_concern and i.metrics,
        ),
        (
            pst.inspections(),
            lambda i: not (i.areas_for_improvement or i.causes_of_concern or i.practices),
        ),
        (pst.inspections(), lambda i: i.pillar is not None and i.judgments),
        (pst.inspections(), lambda i: i.programme not in pm.programmes.catalogue()),
    ],
)
def test_the_domain_is_covered(strategy: st.SearchStrategy[Any], condition: Any) -> None:
    assert condition(find(strategy, condition, settings=_quiet()))


@pytest.mark.parametrize("programme", [p.id for p in pm.programmes.catalogue()])
def test_every_catalogue_programme_is_drawn(programme: str) -> None:
    drawn = find(pst.programmes(custom=False), lambda p: p.id == programme, settings=_quiet())
    assert drawn is pm.programmes.get(programme)
    found = find(
        pst.inspections(programme=drawn),
        lambda i: len(i.judgments) >= min(2, len(drawn.subjects)),
        settings=_quiet(),
    )
    assert found.programme is drawn


def test_shrinks_to_small_readable_examples() -> None:
    smallest = find(
        pst.inspections(), lambda i: len(i.judgments) >= 1, settings=_quiet(phases=tuple(Phase))
    )
    assert len(smallest.judgments) == 1
    assert smallest.metrics == ()
    assert smallest.areas_for_improvement == ()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: pst.grades(scale="four-point"),
            "scale must be a GradingScale or a strategy of them, not 'four-point'",
        ),
        (
            lambda: pst.inspections(programme=2015),
            "programme must be a Programme or a strategy of them, not 2015",
        ),
        (
            lambda: pst.inspections(programme="peel-1999"),
            "programme: 'peel-1999' is not a known PEEL programme",
        ),
        (
            lambda: pst.invalid_inspection_documents(rule="nope"),
            "'nope' is not a rule; the rules are grade.unknown",
        ),
        (
            lambda: pst.periods(
                min_value=pm.Period.parse("as at 1 June 2020").start,
                max_value=pm.Period.parse("as at 1 June 2019").start,
            ),
            "need dates with min_value <= max_value",
        ),
        (
            lambda: pst.inspections(min_judgments=-1),
            "min_judgments must be a whole number 0 or more, not -1",
        ),
    ],
)
def test_arguments_are_validated(call: Any, message: str) -> None:
    with pytest.raises(InvalidArgument, match=re.escape(message)):
        call()


def test_inspections_of_one_force() -> None:
    found = find(pst.inspections(force="Kent Police"), lambda i: True, settings=_quiet())
    assert found.force == "kent"


FRESH = """
from hypothesis import given, settings, strategies as st
import peelmodel as pm

@settings(max_examples=25, database=None)
@given(st.from_type(pm.Inspection), st.builds(dict, x=st.from_type(pm.Metric)))
def test(inspection, holder):
    assert isinstance(inspection, pm.Inspection)
    assert isinstance(holder["x"], pm.Metric)

test()
print("from_type works")
"""


def test_from_type_works_through_the_entry_point_alone() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FRESH], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "from_type works"


def test_strategies_without_hypothesis_say_how_to_install_it() -> None:
    code = "import sys; sys.modules['hypothesis'] = None\nimport peelmodel.strategies"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1
    assert (
        "ImportError: peelmodel.strategies needs hypothesis: pip install 'peelmodel[hypothesis]'"
        in result.stderr
    )
