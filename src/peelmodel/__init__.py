"""peelmodel: a typed domain model of the PEEL inspections of the police forces of
England and Wales (Police Effectiveness, Efficiency and Legitimacy).

>>> import peelmodel as pm
>>> pm.Grade.parse("‘Requires Improvement’") is pm.Grade.REQUIRES_IMPROVEMENT
True
>>> pm.forces.get("essex").name
'Essex Police'
"""

from __future__ import annotations

from typing import Any

from peelmodel import forces, programmes, rates
from peelmodel.checks import check
from peelmodel.errors import Problem, Severity, ValidationError
from peelmodel.findings import (
    AreaForImprovement,
    CauseOfConcern,
    Practice,
    PracticeKind,
    Recommendation,
)
from peelmodel.forces import Country, Estimate, Force
from peelmodel.grades import Grade, GradingScale, Pillar
from peelmodel.inspections import Inspection
from peelmodel.judgments import Judgment, JudgmentStatus
from peelmodel.metrics import Comparator, Metric, Unit
from peelmodel.periods import Period
from peelmodel.programmes import Programme, Subject, SubjectKind
from peelmodel.sources import Source

__version__ = "0.1.0.dev0"

__all__ = [
    "AreaForImprovement",
    "CauseOfConcern",
    "Comparator",
    "Country",
    "Estimate",
    "Force",
    "Grade",
    "GradingScale",
    "Inspection",
    "Judgment",
    "JudgmentStatus",
    "Metric",
    "Period",
    "Pillar",
    "Practice",
    "PracticeKind",
    "Problem",
    "Programme",
    "Recommendation",
    "Severity",
    "Source",
    "Subject",
    "SubjectKind",
    "Unit",
    "ValidationError",
    "check",
    "forces",
    "programmes",
    "rates",
]

# Serialization (cattrs), the datasets and the strategies (hypothesis) load on first
# use, so that `import peelmodel` stays light.
_SERIALIZATION: set[str] = set()
_SUBMODULES: set[str] = set()


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SERIALIZATION:
        module = importlib.import_module("peelmodel.serialization")
        return getattr(module, name)
    if name in _SUBMODULES:
        return importlib.import_module(f"peelmodel.{name}")
    raise AttributeError(f"module 'peelmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
