"""Soft rules: checks that report problems on valid objects and never raise.

:func:`check` returns every problem it finds, each with a path, a code, a sentence and
a severity. Hard rules are not here: they are enforced when an object is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from fractions import Fraction

from peelmodel import rates
from peelmodel.errors import Problem, Severity, ValidationError
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
    """Every soft problem found in ``obj``: an Inspection, a Dataset, a ForceHistory, or
    any iterable of inspections (another peelmodel object, a Metric or a Grade alone,
    has nothing more to check).

    Never raises for a valid object; anything else (text, a dict, a number) is a
    ValidationError naming where it is, not an empty answer.
    """
    return tuple(_check(obj, "$"))


def _check(obj: object, path: str) -> Iterator[Problem]:
    if isinstance(obj, Inspection):
        yield from _inspection(obj, path)
    elif type(obj).__module__.startswith("peelmodel."):
        return  # a grade, a period, a source, a metric alone: nothing more to check
    elif isinstance(obj, Iterable) and not isinstance(obj, str | bytes | bytearray | dict):
        for i, item in enumerate(obj):
            yield from _check(item, f"{path}[{i}]")
    else:
        from peelmodel._types import describe

        raise ValidationError.single(
            path,
            "type",
            "check takes an Inspection, a Dataset, a ForceHistory or inspections, "
            f"not {describe(obj)}",
        )


def _warning(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message, severity=Severity.WARNING)


def _inspection(inspection: Inspection, path: str) -> Iterator[Problem]:
    yield from _pillar_range(inspection, path)
    yield from _metric_groups(inspection.metrics, path)
    yield from _comparator_groups(inspection.metrics, path)
    yield from _shared_bases(inspection.metrics, path)
    yield from _grade_counts(inspection, path)
    for i, afi in enumerate(inspection.areas_for_improvement):
        if not _READS_AS_AFI.match(afi.text):
            yield _warning(
                f"{path}.areas_for_improvement[{i}].text",
                "area_for_improvement.wording",
                f"{_clip(afi.text)!r} does not read as an area for improvement "
                '("The force should ...")',
            )
    findings = inspection.areas_for_improvement or inspection.causes_of_concern
    if inspection.programme.scale is GradingScale.FIVE_POINT and findings:
        # Only a record that gives findings says anything by lacking a cause of concern.
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
        children = [q for q in programme.children(subject.id) if q.graded]
        if not children or any(q.id not in index for q in children):
            continue  # only a pillar whose graded questions are all recorded is compared
        questions = [index[q.id][1].grade for q in children]
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


def _groups(metrics: tuple[Metric, ...]) -> Iterator[tuple[int, Metric, list[Metric]]]:
    """Each metric that others are part of: its position, itself and its parts."""
    positions = {m.id: i for i, m in enumerate(metrics)}
    parts: dict[str, list[Metric]] = {}
    for metric in metrics:
        if metric.part_of is not None:
            parts.setdefault(metric.part_of, []).append(metric)
    for group_id, members in parts.items():
        if group_id in positions:
            i = positions[group_id]
            yield i, metrics[i], members


def _metric_groups(metrics: tuple[Metric, ...], path: str) -> Iterator[Problem]:
    for i, group, members in _groups(metrics):
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


def _comparator_groups(metrics: tuple[Metric, ...], path: str) -> Iterator[Problem]:
    """The comparator's sub-groups add up like the force's own."""
    for i, group, members in _groups(metrics):
        comparator = group.comparator
        if comparator is None or any(
            m.unit is not group.unit or m.comparator is None for m in members
        ):
            continue
        at = f"{path}.metrics[{i}].comparator"
        counts = [m.comparator.count for m in members if m.comparator is not None]
        if comparator.count is not None and all(c is not None for c in counts):
            total = sum(c for c in counts if c is not None)
            if total != comparator.count:
                yield Problem(
                    path=f"{at}.count",
                    code="comparator.counts_do_not_add_up",
                    message=f"the {comparator.area} counts of the parts of {group.name!r} add up "
                    f"to {total:,}, but its {comparator.area} count is {comparator.count:,}",
                )
        values = [rates._fraction(m.comparator.value) for m in members if m.comparator]
        slack = sum((rates.tolerance(m.decimals) for m in members), Fraction(0)) + rates.tolerance(
            group.decimals
        )
        total_value = sum(values, Fraction(0))
        if abs(total_value - rates._fraction(comparator.value)) > slack:
            yield _warning(
                f"{at}.value",
                "comparator.parts_do_not_add_up",
                f"the {comparator.area} values of the parts of {group.name!r} add up to "
                f"{float(total_value):g}, but its {comparator.area} value is "
                f"{comparator.value:g}, more than rounding allows",
            )


def _shared_bases(metrics: tuple[Metric, ...], path: str) -> Iterator[Problem]:
    """Rates of one table that give counts but no base must fit one base together.

    Metrics with the same unit, period and precision that carry a count and no base
    are taken to divide by one number (the outcome table divides every outcome by the
    offences recorded in the same 12 months). When no single base fits all of them,
    the problem says which bases each allows.
    """
    tables: dict[tuple[object, ...], list[int]] = {}
    for i, metric in enumerate(metrics):
        per = metric.unit.per
        if per is None or metric.count is None or metric.base is not None:
            continue
        key = (metric.unit, metric.period, metric.decimals)
        tables.setdefault(key, []).append(i)
    for (unit, _, decimals), members in tables.items():
        if len(members) < 2:
            continue
        assert isinstance(unit, Unit)
        assert isinstance(decimals, int)
        per = unit.per
        assert per is not None
        for side in ("force", "comparator"):
            figures: list[tuple[int, float, int]] = []
            for i in members:
                m = metrics[i]
                if side == "force" and m.count is not None:
                    figures.append((i, m.value, m.count))
                elif side == "comparator" and m.comparator and m.comparator.count is not None:
                    figures.append((i, m.comparator.value, m.comparator.count))
            if len(figures) < 2:
                continue
            pairs = [(v, c) for _, v, c in figures]
            if rates.common_base(pairs, per=per, decimals=decimals) is not None:
                continue
            ranges = []
            for i, value, count in figures:
                found = rates.base_range(value, count, per=per, decimals=decimals)
                shown = "none" if found is None else _range_text(found)
                ranges.append(f"{metrics[i].id} {shown}")
            where = "" if side == "force" else " for the comparator"
            yield _warning(
                f"{path}.metrics[{figures[0][0]}]",
                "metrics.no_common_base",
                f"the {unit.value} figures{where} that share a period do not fit one base: "
                + "; ".join(ranges),
            )


def _range_text(found: tuple[int, int | None]) -> str:
    low, high = found
    return f"{low:,} or more" if high is None else f"{low:,} to {high:,}"


def _grade_counts(inspection: Inspection, path: str) -> Iterator[Problem]:
    """A published count of graded subjects agrees with the judgments recorded."""
    if not inspection.grade_counts:
        return
    excluded: set[str] = set()
    for count in inspection.grade_counts:
        excluded.update(count.excluding)
    recorded: dict[Grade, int] = {}
    graded_total = 0
    for judgment in inspection.judgments:
        if judgment.subject in excluded or judgment.grade is None:
            continue
        recorded[judgment.grade] = recorded.get(judgment.grade, 0) + 1
        graded_total += 1
    published_total = sum(c.count for c in inspection.grade_counts)
    counted = {c.grade for c in inspection.grade_counts}
    for i, count in enumerate(inspection.grade_counts):
        have = recorded.get(count.grade, 0)
        if have > count.count or (graded_total == published_total and have != count.count):
            yield _warning(
                f"{path}.grade_counts[{i}]",
                "grade_count.disagrees",
                f"a source counts {count.count} subject{'s' if count.count != 1 else ''} graded "
                f"{count.grade.value!r}, but {have} {'are' if have != 1 else 'is'} recorded",
            )
    for grade, have in recorded.items():
        if grade not in counted:
            yield _warning(
                f"{path}.grade_counts",
                "grade_count.missing_grade",
                f"{have} subject{'s are' if have != 1 else ' is'} recorded as {grade.value!r}, "
                "a grade the published counts do not include",
            )


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
