"""A force's PEEL history: its judgments in time order, and how each subject moved.

Movements are honest about the change of scale in 2021: HMICFRS says grades from
before and after it cannot be compared, so a comparison across it is reported as
*not comparable*, never as a movement, even where the word ("Good") is the same.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator

import attrs

from peelmodel import forces as _forces
from peelmodel._convert import to_tuple
from peelmodel._display import MetricsMixin
from peelmodel._types import check_fields
from peelmodel.dataset import Dataset
from peelmodel.errors import Problem, ValidationError
from peelmodel.grades import Grade
from peelmodel.inspections import Inspection
from peelmodel.judgments import Judgment

__all__ = ["Change", "ForceHistory", "Movement"]


class Movement(enum.Enum):
    """How a subject's grade moved between two inspections."""

    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not comparable"


@attrs.frozen(kw_only=True)
class Change:
    """The movement of one subject from one inspection to a later one."""

    subject: str
    before: Inspection
    after: Inspection
    before_grade: Grade | None
    after_grade: Grade | None
    movement: Movement
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        before_grade, after_grade, movement, _ = _derive(self.subject, self.before, self.after)
        problems = []
        for name, stated, derived in (
            ("before_grade", self.before_grade, before_grade),
            ("after_grade", self.after_grade, after_grade),
            ("movement", self.movement, movement),
        ):
            if stated is not derived:
                problems.append(
                    Problem(
                        path=f"$.{name}",
                        code="change.disagrees",
                        message=f"{name} is {_said(stated)}, but the inspections it joins give "
                        f"{_said(derived)}",
                    )
                )
        if problems:
            raise ValidationError(problems)

    def describe(self) -> str:
        """In words: "improved from Requires improvement (PEEL 2015: Effectiveness)"."""
        was = self.before_grade.value if self.before_grade else "not graded"
        if self.movement is Movement.NOT_COMPARABLE:
            return f"not comparable with {self.before.title}: {self.reason}"
        if self.movement is Movement.UNCHANGED:
            return f"unchanged since {self.before.title}"
        return f"{self.movement.value} from {was} ({self.before.title})"


def _said(value: Grade | Movement | None) -> str:
    return "None" if value is None else repr(value.value)


def compare(subject: str, before: Inspection, after: Inspection) -> Change:
    """The movement of ``subject`` from ``before`` to ``after`` (both must judge it)."""
    before_grade, after_grade, movement, why = _derive(subject, before, after)
    return Change(
        subject=subject,
        before=before,
        after=after,
        before_grade=before_grade,
        after_grade=after_grade,
        movement=movement,
        reason=why,
    )


def _derive(
    subject: str, before: Inspection, after: Inspection
) -> tuple[Grade | None, Grade | None, Movement, str]:
    a, b = before.judgment(subject), after.judgment(subject)
    if a is None or b is None:
        missing = before if a is None else after
        raise ValidationError.single(
            "$", "history.not_judged", f"{missing.title} does not judge {subject!r}"
        )
    scale_a, scale_b = before.programme.scale, after.programme.scale
    if scale_a is not scale_b:
        movement = Movement.NOT_COMPARABLE
        why = (
            f"{before.title} graded on the {scale_a.label} scale and {after.title} on the "
            f"{scale_b.label} scale; HMICFRS says such grades cannot be compared"
        )
    elif a.grade is None or b.grade is None:
        which = before if a.grade is None else after
        movement, why = Movement.NOT_COMPARABLE, f"not graded in {which.title}"
    elif b.grade > a.grade:
        movement, why = Movement.IMPROVED, ""
    elif b.grade < a.grade:
        movement, why = Movement.DECLINED, ""
    else:
        movement, why = Movement.UNCHANGED, ""
    return a.grade, b.grade, movement, why


def _sorted(inspections: Iterable[Inspection]) -> tuple[Inspection, ...]:
    items = to_tuple(inspections)
    if items.__class__ is not tuple or not all(isinstance(i, Inspection) for i in items):
        return items  # the type check names what is wrong
    return tuple(sorted(items, key=lambda i: i.sort_key))


@attrs.frozen(kw_only=True)
class ForceHistory(MetricsMixin):
    """One force's inspections across programmes, oldest first.

    >>> import peelmodel as pm
    >>> history = pm.datasets.essex_history()
    >>> [c.describe() for c in history.changes("effectiveness")]
    ['improved from Requires improvement (PEEL 2015: Effectiveness)', 'unchanged since PEEL 2017: Effectiveness']
    """

    force: str
    inspections: tuple[Inspection, ...] = attrs.field(converter=_sorted)
    # subject -> its timeline, and each inspection's place in it: built on first use,
    # so that previous() for every judgment of a long history stays linear.
    _index: dict[str, tuple[tuple[tuple[Inspection, Judgment], ...], dict[int, int]]] = attrs.field(
        init=False, repr=False, eq=False, hash=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        if self.force not in _forces.ids():
            raise ValidationError.single(
                "$.force", "force.unknown", _forces.unknown_force_message(self.force)
            )
        problems = [
            Problem(
                path=f"$.inspections[{i}].force",
                code="history.other_force",
                message=f"this is the history of {self.force!r}, but the inspection is of {inspection.force!r}",
            )
            for i, inspection in enumerate(self.inspections)
            if inspection.force != self.force
        ]
        if problems:
            raise ValidationError(problems)

    @classmethod
    def of(cls, force: str, inspections: Iterable[Inspection] | Dataset) -> ForceHistory:
        """The history of ``force`` from the inspections (of any forces) given."""
        return cls(force=force, inspections=[i for i in inspections if i.force == force])

    def __repr__(self) -> str:
        return f"<ForceHistory {self.force}: {len(self.inspections)} inspections>"

    def __iter__(self) -> Iterator[Inspection]:
        return iter(self.inspections)

    def __len__(self) -> int:
        return len(self.inspections)

    def subjects(self) -> tuple[str, ...]:
        """Every subject judged, in the order first judged."""
        seen: dict[str, None] = {}
        for inspection in self.inspections:
            for judgment in inspection.judgments:
                seen.setdefault(judgment.subject, None)
        return tuple(seen)

    def timeline(self, subject: str | None = None) -> tuple[tuple[Inspection, Judgment], ...]:
        """(inspection, judgment) pairs in time order, of one subject or of all."""
        if subject is None:
            return tuple(
                (inspection, judgment)
                for inspection in self.inspections
                for judgment in inspection.judgments
            )
        return self._indexed(subject)[0]

    def _indexed(
        self, subject: str
    ) -> tuple[tuple[tuple[Inspection, Judgment], ...], dict[int, int]]:
        index = self._index
        if not index and self.inspections:
            steps: dict[str, list[tuple[Inspection, Judgment]]] = {}
            for inspection in self.inspections:
                for judgment in inspection.judgments:
                    steps.setdefault(judgment.subject, []).append((inspection, judgment))
            built = {
                s: (tuple(pairs), {id(i): n for n, (i, _) in enumerate(pairs)})
                for s, pairs in steps.items()
            }
            index.update(built)  # two threads build the same entries: harmless
        return index.get(subject, ((), {}))

    def changes(self, subject: str | None = None) -> tuple[Change, ...]:
        """Each movement between consecutive judgments of the same subject."""
        found = []
        for s in (subject,) if subject is not None else self.subjects():
            steps = self.timeline(s)
            found += [compare(s, a, b) for (a, _), (b, _) in itertools.pairwise(steps)]
        return tuple(found)

    def compare(self, before: Inspection, after: Inspection) -> tuple[Change, ...]:
        """The movement of every subject both inspections judge (not comparable across
        the change of scale, whatever the grades)."""
        return tuple(
            compare(j.subject, before, after) for j in after.judgments if before.judgment(j.subject)
        )

    def previous(self, inspection: Inspection, subject: str) -> Change | None:
        """The movement of ``subject`` into ``inspection`` from its last earlier judgment."""
        steps, place = self._indexed(subject)
        n = place.get(id(inspection))
        if n is None or n == 0 or steps[n][0] is not inspection:
            return None
        return compare(subject, steps[n - 1][0], inspection)


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
