"""Soft rules: checks that report problems on valid objects and never raise.

:func:`check` returns every problem it finds, each with a path, a code, a sentence and
a severity. Hard rules are not here: they are enforced when an object is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from fractions import Fraction

from peelmodel import rates
from peelmodel.errors import Problem, Severity
from peelmodel.grades import Grade, GradingScale
from peelmodel.inspections import Inspection
from peelmodel.metrics import Metric, Unit
from peelmodel.programmes import SubjectKind

__all__ = ["check"]

_READS_AS_AFI = re.compile(
    r"^\s*(?:the\s+)?(?:force|constabulary|service|[a-z]+ police)\b.*?\b(?:should|must|needs? to)\b",
    re.IGNORECASE | re.DOTALL,
)


def check(obj: object) -> tuple[Problem, ...]:
    """Every soft problem found in ``obj`` (an Inspection, a Metric or an iterable of them).

    Never raises for a valid object; an object of another type has nothing to check.
    """
    return tuple(_check(obj, "$"))


def _check(obj: object, path: str) -> Iterator[Problem]:
    if isinstance(obj, Inspection):
        yield from _inspection(obj, path)
    elif isinstance(obj, Iterable) and not isinstance(obj, str | bytes | dict):
        for i, item in enumerate(obj):
            yield from _check(item, f"{path}[{i}]")


def _warning(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message, severity=Severity.WARNING)


def _inspection(inspection: Inspection, path: str) -> Iterator[Problem]:
    yield from _pillar_range(inspection, path)
    yield from _metric_groups(inspection.metrics, path)
    for i, afi in enumerate(inspection.areas_for_improvement):
        if not _READS_AS_AFI.match(afi.text):
            yield _warning(
                f"{path}.areas_for_improvement[{i}].text",
                "area_for_improvement.wording",
                f"{_clip(afi.text)!r} does not read as an area for improvement "
                '("The force should ...")',
            )
    if inspection.programme.scale is GradingScale.FIVE_POINT:
        concerned = {c.subject for c in inspection.causes_of_concern}
        for i, judgment in enumerate(inspection.judgments):
            if judgment.grade is Grade.INADEQUATE and judgment.subject not in concerned:
                yield _warning(
                    f"{path}.judgments[{i}]",
                    "inadequate.no_cause_of_concern",
                    f"{judgment.subject!r} is graded Inadequate but the inspection gives no "
                    "cause of concern for it",
                )


def _pillar_range(inspection: Inspection, path: str) -> Iterator[Problem]:
    index = {j.subject: (i, j) for i, j in enumerate(inspection.judgments)}
    programme = inspection.programme
    for subject in programme.subjects:
        if subject.kind is not SubjectKind.PILLAR or subject.id not in index:
            continue
        i, pillar_judgment = index[subject.id]
        if pillar_judgment.grade is None:
            continue
        questions = [index[q.id][1].grade for q in programme.children(subject.id) if q.id in index]
        graded = [g for g in questions if g is not None]
        if not graded:
            continue
        low, high = min(graded), max(graded)
        if not low <= pillar_judgment.grade <= high:
            yield _warning(
                f"{path}.judgments[{i}].grade",
                "pillar.outside_questions",
                f"the {subject.id} pillar is graded {pillar_judgment.grade.value!r}, outside the "
                f"range of its question grades ({low.value!r} to {high.value!r})",
            )


def _metric_groups(metrics: tuple[Metric, ...], path: str) -> Iterator[Problem]:
    positions = {m.id: i for i, m in enumerate(metrics)}
    parts: dict[str, list[Metric]] = {}
    for metric in metrics:
        if metric.part_of is not None:
            parts.setdefault(metric.part_of, []).append(metric)
    for group_id, members in parts.items():
        if group_id not in positions:
            continue
        i = positions[group_id]
        group = metrics[i]
        at = f"{path}.metrics[{i}]"
        shares = [m for m in members if m.unit is Unit.PERCENT and group.unit is not Unit.PERCENT]
        if shares:
            total = sum((rates._fraction(m.value) for m in shares), Fraction(0))
            slack = sum((rates.tolerance(m.decimals) for m in shares), Fraction(0))
            if abs(total - 100) > slack:
                yield _warning(
                    at,
                    "shares.do_not_sum",
                    f"the shares of {group.name!r} add up to {float(total):g} percent, more than "
                    f"rounding ({float(slack):g}) away from 100",
                )
            continue
        same_unit = [m for m in members if m.unit is group.unit]
        if same_unit:
            total = sum((rates._fraction(m.value) for m in same_unit), Fraction(0))
            slack = sum(
                (rates.tolerance(m.decimals) for m in same_unit), Fraction(0)
            ) + rates.tolerance(group.decimals)
            if abs(total - rates._fraction(group.value)) > slack:
                yield _warning(
                    at,
                    "parts.do_not_add_up",
                    f"the parts of {group.name!r} add up to {float(total):g}, but it is "
                    f"{group.value:g}, more than rounding allows",
                )
        counted = [m for m in members if m.count is not None]
        if group.count is not None and counted and len(counted) == len(members):
            count_total = sum(m.count for m in counted if m.count is not None)
            if count_total != group.count:
                yield Problem(
                    severity=Severity.ERROR,
                    path=at,
                    code="parts.counts_do_not_add_up",
                    message=f"the counts of the parts of {group.name!r} add up to {count_total:,}, but "
                    f"its count is {group.count:,}",
                )


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
