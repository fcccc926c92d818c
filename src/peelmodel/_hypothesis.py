"""The ``hypothesis`` entry point: register a strategy for each public class.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is being imported. The hook
imports only the model classes, never :mod:`peelmodel.strategies` (which imports
hypothesis itself and would run into a half-imported module); each registered
resolver imports the strategies module the first time it is asked for a strategy.
"""

from __future__ import annotations

from typing import Any


def _resolver(name: str) -> Any:
    def resolve(thing: type[Any]) -> Any:
        from peelmodel import strategies

        return getattr(strategies, name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import peelmodel as pm

    for cls, name in (
        (pm.Grade, "grades"),
        (pm.Period, "periods"),
        (pm.Source, "sources"),
        (pm.Estimate, "estimates"),
        (pm.Force, "forces"),
        (pm.Subject, "subjects"),
        (pm.Programme, "programmes"),
        (pm.Judgment, "judgments"),
        (pm.AreaForImprovement, "areas_for_improvement"),
        (pm.Recommendation, "recommendations"),
        (pm.CauseOfConcern, "causes_of_concern"),
        (pm.Practice, "practices"),
        (pm.Comparator, "comparators"),
        (pm.Metric, "metrics"),
        (pm.Inspection, "inspections"),
        (pm.Dataset, "datasets"),
        (pm.ForceHistory, "force_histories"),
        (pm.Problem, "problems"),
    ):
        st.register_type_strategy(cls, _resolver(name))
