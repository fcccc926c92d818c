"""The inspection: one published assessment of one force, the aggregate root."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import attrs

from peelmodel import forces
from peelmodel import programmes as _programmes
from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._display import MetricsMixin
from peelmodel._types import checked_post_init
from peelmodel.errors import Problem, ValidationError
from peelmodel.findings import AreaForImprovement, CauseOfConcern, Practice
from peelmodel.grades import Grade, Pillar
from peelmodel.judgments import GradeCount, Judgment
from peelmodel.metrics import Metric
from peelmodel.periods import Period
from peelmodel.programmes import Programme, Subject
from peelmodel.sources import Source

__all__ = ["Inspection"]


def _programme(value: Programme | str) -> Programme:
    """A programme, or its id or title: ``programme="peel-2017"`` is accepted, and the
    catalogue's (or a registered) programme is used."""
    if value.__class__ is Programme or not isinstance(value, str):
        return value  # a wrong type is reported with the other fields
    try:
        return _programmes.get(value)
    except ValidationError as error:
        raise ValidationError(p.under("$.programme") for p in error.problems) from None


def _tuple_of_period(items: Iterable[Period]) -> tuple[Period, ...]:
    return to_tuple(items)


def _tuple_of_judgment(items: Iterable[Judgment]) -> tuple[Judgment, ...]:
    return to_tuple(items)


def _tuple_of_grade_count(items: Iterable[GradeCount]) -> tuple[GradeCount, ...]:
    return to_tuple(items)


def _tuple_of_area_for_improvement(
    items: Iterable[AreaForImprovement],
) -> tuple[AreaForImprovement, ...]:
    return to_tuple(items)


def _tuple_of_cause_of_concern(items: Iterable[CauseOfConcern]) -> tuple[CauseOfConcern, ...]:
    return to_tuple(items)


def _tuple_of_practice(items: Iterable[Practice]) -> tuple[Practice, ...]:
    return to_tuple(items)


def _tuple_of_metric(items: Iterable[Metric]) -> tuple[Metric, ...]:
    return to_tuple(items)


def _tuple_of_source(items: Iterable[Source]) -> tuple[Source, ...]:
    return to_tuple(items)


tuple_converters(
    _tuple_of_period,
    _tuple_of_judgment,
    _tuple_of_grade_count,
    _tuple_of_area_for_improvement,
    _tuple_of_cause_of_concern,
    _tuple_of_practice,
    _tuple_of_metric,
    _tuple_of_source,
)


@attrs.frozen(kw_only=True)
class Inspection(MetricsMixin):
    """One published PEEL assessment of one force.

    ``programme`` says what can be judged; ``pillar`` narrows it to one pillar where
    the programme published one report per pillar (PEEL 2015: Effectiveness).
    ``published`` is None where the source does not give the date. ``fieldwork`` is
    when inspectors gathered evidence in the force; ``evidence_period`` the period a
    report says its evidence covers (PEEL 2021/22: "between June 2021 and June 2022");
    ``tranche`` the group of forces the force was inspected with (PEEL 2018/19; a
    report could come out earlier, as Cleveland's did).
    ``grade_counts`` are counts of graded subjects a source publishes.

    A subject the inspection judges without a grade (a :class:`Judgment` with no
    ``grade``) was *not graded* in the force's report; a subject with no judgment at
    all is *not recorded here*: :attr:`unrecorded` lists those. An
    inspection validates as a whole: every judgment and finding must be of a subject
    the inspection covers, each subject is judged at most once, grades must be on the
    programme's scale, and metric ids are unique.
    """

    force: str
    programme: Programme = attrs.field(converter=_programme)
    published: date | None = None
    pillar: Pillar | None = None
    fieldwork: tuple[Period, ...] = attrs.field(default=(), converter=_tuple_of_period)
    evidence_period: Period | None = None
    tranche: int | None = None
    judgments: tuple[Judgment, ...] = attrs.field(default=(), converter=_tuple_of_judgment)
    grade_counts: tuple[GradeCount, ...] = attrs.field(default=(), converter=_tuple_of_grade_count)
    areas_for_improvement: tuple[AreaForImprovement, ...] = attrs.field(
        default=(), converter=_tuple_of_area_for_improvement
    )
    causes_of_concern: tuple[CauseOfConcern, ...] = attrs.field(
        default=(), converter=_tuple_of_cause_of_concern
    )
    practices: tuple[Practice, ...] = attrs.field(default=(), converter=_tuple_of_practice)
    metrics: tuple[Metric, ...] = attrs.field(default=(), converter=_tuple_of_metric)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple_of_source)

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValidationError(problems)

    @property
    def title(self) -> str:
        """The programme and pillar: "PEEL 2015: Effectiveness"."""
        if self.pillar is None:
            return self.programme.title
        return f"{self.programme.title}: {self.pillar.value}"

    @property
    def subjects(self) -> tuple[Subject, ...]:
        """The subjects this inspection covers."""
        return self.programme.pillar_subjects(self.pillar)

    @property
    def force_record(self) -> forces.Force:
        """The :class:`~peelmodel.Force` inspected."""
        return forces.get(self.force)

    @property
    def unrecorded(self) -> tuple[Subject, ...]:
        """The graded subjects this inspection covers that have no judgment recorded here.

        Absent is not the same as not graded: a judgment without a grade says the
        report gave none; an unrecorded subject is one no source used here states.
        """
        judged = {j.subject for j in self.judgments}
        return tuple(s for s in self.subjects if s.graded and s.id not in judged)

    def judgment(self, subject_id: str) -> Judgment | None:
        """The judgment of one subject, or None if the inspection does not give one."""
        for judgment in self.judgments:
            if judgment.subject == subject_id:
                return judgment
        return None

    @property
    def sort_key(self) -> tuple[int, date, str]:
        """Time order: programme year, then publication date (unknown dates last), then pillar."""
        return (
            self.programme.year,
            self.published or date.max,
            self.pillar.value if self.pillar else "",
        )

    def subject_label(self, subject_id: str) -> str:
        """The short label of a subject this inspection judges ("Effectiveness: vulnerability")."""
        subject = self.programme.get_subject(subject_id)
        return subject_id if subject is None else subject.label

    def metric(self, metric_id: str) -> Metric | None:
        """The metric with this id, or None."""
        for metric in self.metrics:
            if metric.id == metric_id:
                return metric
        return None

    @property
    def overall(self) -> Judgment | None:
        """The pillar's overall judgment, for a single-pillar inspection."""
        if self.pillar is None:
            return None
        return self.judgment(self.pillar.value.lower())

    def grades(self) -> dict[str, Grade | None]:
        """Each judged subject's grade (None where not graded), in the order given."""
        return {j.subject: j.grade for j in self.judgments}

    def details(self) -> str:
        """Everything the inspection holds, as text; ``repr`` is kept short."""
        from peelmodel.notebook import details

        return details(self)

    def __repr__(self) -> str:
        overall = self.overall
        tail = f": {overall.describe()}" if overall is not None else ""
        return f"<Inspection {self.force} {self.title}{tail}>"


def _covered(
    inspection: Inspection, subject_id: object, problems: list[Problem], where: str, *at: int
) -> Subject | None:
    """The subject ``subject_id`` names, if the inspection covers it; otherwise a problem
    at ``where.format(*at)`` (made only then: this runs for every judgment and finding)."""
    programme = inspection.programme
    subject = programme.get_subject(subject_id) if subject_id.__class__ is str else None
    if subject is None:
        problems.append(
            Problem(
                path=where.format(*at),
                code="subject.unknown",
                message=programme.unknown_subject(subject_id),
            )
        )
        return None
    pillar = inspection.pillar
    if pillar is not None and subject.pillar is not pillar:
        problems.append(
            Problem(
                path=where.format(*at),
                code="subject.outside_pillar",
                message=f"{subject_id!r} is not part of {inspection.title}, which covers "
                f"{pillar.value.lower()} only",
            )
        )
        return None
    return subject


def _off_scale(path: str, grade: Grade, programme: Programme) -> Problem:
    return Problem(
        path=path,
        code="grade.off_scale",
        message=f"grade {grade.value!r} is not on the {programme.scale.label} scale used by "
        f"{programme.title}",
    )


def _findings(
    inspection: Inspection,
) -> Sequence[tuple[str, Sequence[AreaForImprovement | CauseOfConcern | Practice]]]:
    return (
        ("areas_for_improvement", inspection.areas_for_improvement),
        ("causes_of_concern", inspection.causes_of_concern),
        ("practices", inspection.practices),
    )


def _problems(inspection: Inspection) -> list[Problem]:
    # Runs for every inspection loaded: paths and messages are made only for a problem.
    problems: list[Problem] = []
    programme = inspection.programme
    scale = programme.scale
    if inspection.force not in forces.ids():
        problems.append(
            Problem(
                path="$.force",
                code="force.unknown",
                message=forces.unknown_force_message(str(inspection.force)),
            )
        )
    if inspection.pillar is not None and not programme.pillar_subjects(inspection.pillar):
        problems.append(
            Problem(
                path="$.pillar",
                code="inspection.pillar",
                message=f"{programme.title} judges nothing under {inspection.pillar.value.lower()}",
            )
        )

    if inspection.tranche is not None and not 1 <= inspection.tranche <= 9:
        problems.append(
            Problem(
                path="$.tranche",
                code="inspection.tranche",
                message=f"a tranche is a small whole number (1, 2, 3), not {inspection.tranche}",
            )
        )
    for i, count in enumerate(inspection.grade_counts):
        if count.grade not in scale:
            problems.append(_off_scale(f"$.grade_counts[{i}].grade", count.grade, programme))
        for k, subject_id in enumerate(count.excluding):
            _covered(inspection, subject_id, problems, "$.grade_counts[{}].excluding[{}]", i, k)

    seen: dict[str, int] = {}
    year_now = programme.year
    by_id = programme._by_id
    pillar = inspection.pillar
    for i, judgment in enumerate(inspection.judgments):
        subject_id = judgment.subject
        subject = by_id.get(subject_id)
        if subject is None or (pillar is not None and subject.pillar is not pillar):
            subject = _covered(inspection, subject_id, problems, "$.judgments[{}].subject", i)
        if subject_id in seen:
            problems.append(
                Problem(
                    path=f"$.judgments[{i}].subject",
                    code="judgment.duplicate",
                    message=f"{subject_id!r} is judged twice (also at "
                    f"$.judgments[{seen[subject_id]}])",
                )
            )
        else:
            seen[subject_id] = i
        grade = judgment.grade
        if grade is not None:
            if grade not in scale:
                problems.append(_off_scale(f"$.judgments[{i}].grade", grade, programme))
            if subject is not None and not subject.graded:
                problems.append(
                    Problem(
                        path=f"$.judgments[{i}].grade",
                        code="judgment.narrative_only",
                        message=f"{programme.title} does not grade {subject.id!r} (narrative "
                        f"only), but it is given {grade.value!r}",
                    )
                )
        year = judgment.carried_over_from
        if year is not None and year >= year_now:
            problems.append(
                Problem(
                    path=f"$.judgments[{i}].carried_over_from",
                    code="judgment.carried_over_year",
                    message=f"a judgment can only be carried over from a year before "
                    f"{programme.title} ({programme.year}), not from {year}",
                )
            )

    for field, findings in _findings(inspection):
        for i, finding in enumerate(findings):
            subject = by_id.get(finding.subject)
            if subject is None or (pillar is not None and subject.pillar is not pillar):
                _covered(inspection, finding.subject, problems, f"$.{field}[{{}}].subject", i)

    metric_ids: dict[str, int] = {}
    for i, metric in enumerate(inspection.metrics):
        if metric.id in metric_ids:
            problems.append(
                Problem(
                    path=f"$.metrics[{i}].id",
                    code="metric.duplicate",
                    message=f"the metric id {metric.id!r} is used twice (also at "
                    f"$.metrics[{metric_ids[metric.id]}])",
                )
            )
        else:
            metric_ids[metric.id] = i
    for i, metric in enumerate(inspection.metrics):
        part_of = metric.part_of
        if part_of is not None and (part_of not in metric_ids or part_of == metric.id):
            problems.append(
                Problem(
                    path=f"$.metrics[{i}].part_of",
                    code="metric.unknown_group",
                    message=f"{metric.id!r} is part of {part_of!r}, which is not another "
                    "metric of this inspection",
                )
            )
    return problems


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
