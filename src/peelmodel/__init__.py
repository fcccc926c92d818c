"""peelmodel: a typed domain model of the PEEL inspections of the police forces of
England and Wales (Police Effectiveness, Efficiency and Legitimacy).

>>> import peelmodel as pm
>>> pm.Grade.parse("‘Requires Improvement’") is pm.Grade.REQUIRES_IMPROVEMENT
True
>>> pm.forces.get("essex").name
'Essex Police'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peelmodel import forces, programmes, rates
from peelmodel.dataset import Dataset
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
from peelmodel.judgments import GradeCount, Judgment, JudgmentStatus
from peelmodel.metrics import Comparator, Metric, Unit
from peelmodel.periods import Period
from peelmodel.programmes import Programme, Subject, SubjectKind
from peelmodel.sources import Source

if TYPE_CHECKING:
    from peelmodel import datasets, serialization
    from peelmodel import strategies as strategies
    from peelmodel.checks import check
    from peelmodel.history import Change, ForceHistory, Movement
    from peelmodel.national import coverage
    from peelmodel.serialization import (
        SCHEMA_VERSION,
        from_dict,
        from_json,
        json_schema,
        to_dict,
        to_json,
    )

__version__ = "0.2.0"

__all__ = [
    "SCHEMA_VERSION",
    "AreaForImprovement",
    "CauseOfConcern",
    "Change",
    "Comparator",
    "Country",
    "Dataset",
    "Estimate",
    "Force",
    "ForceHistory",
    "Grade",
    "GradeCount",
    "GradingScale",
    "Inspection",
    "Judgment",
    "JudgmentStatus",
    "Metric",
    "Movement",
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
    "coverage",
    "datasets",
    "forces",
    "from_dict",
    "from_json",
    "json_schema",
    "programmes",
    "rates",
    "serialization",
    "to_dict",
    "to_json",
]

# Serialization, histories, the datasets and the strategies (hypothesis) load on first
# use, so that `import peelmodel` stays light.
_SERIALIZATION = {"SCHEMA_VERSION", "from_dict", "from_json", "json_schema", "to_dict", "to_json"}
_HISTORY = {"Change", "ForceHistory", "Movement"}
_SUBMODULES = {"datasets", "serialization", "strategies"}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SERIALIZATION:
        module = importlib.import_module("peelmodel.serialization")
        return getattr(module, name)
    if name in _HISTORY:
        module = importlib.import_module("peelmodel.history")
        return getattr(module, name)
    if name == "check":
        from peelmodel.checks import check

        return check
    if name == "coverage":
        from peelmodel.national import coverage

        return coverage
    if name in _SUBMODULES:
        return importlib.import_module(f"peelmodel.{name}")
    raise AttributeError(f"module 'peelmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    # What notebook completion shows: the public API only. ``strategies`` is public but
    # left out of ``__all__`` so that ``from peelmodel import *`` works without
    # hypothesis installed.
    return sorted({*__all__, "strategies", "__version__"})
