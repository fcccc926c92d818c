"""PEEL programmes: what each round of inspections graded, as data.

A :class:`Programme` lists its :class:`Subject` s: the pillars with an overall
judgment, the questions under them (2014-2019), or the areas (2021 on), each with a
stable id, its title as published, its pillar where it has one, and whether it is
graded or narrative only. The same subject keeps the same id across programmes where
the reports ask the same thing (``effectiveness.vulnerability`` in 2015, 2016, 2017
and 2018/19), so a force's history can line them up.

Programmes are data: describe a newer framework with :class:`Programme` and
:func:`register` it; nothing in the library needs to change.

>>> get("peel-2015").subject("effectiveness.vulnerability").title
'How effective is the force at protecting from harm those who are vulnerable, and supporting victims?'
>>> [p.id for p in all()]
['peel-2014', 'peel-2015', 'peel-2016', 'peel-2017', 'peel-2018-19', 'peel-2021-22', 'peel-2023-25']
"""

from __future__ import annotations

import enum
import re
from datetime import date

import attrs

from peelmodel._convert import close_matches as _close_matches
from peelmodel._convert import to_tuple
from peelmodel.errors import Problem, ValidationError
from peelmodel.grades import GradingScale, Pillar
from peelmodel.periods import Period

__all__ = ["Programme", "Subject", "SubjectKind", "all", "catalogue", "get", "register"]

_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")


class SubjectKind(enum.Enum):
    """What a subject of judgment is: a pillar overall, a question, or an area."""

    PILLAR = "pillar"
    QUESTION = "question"
    AREA = "area"


@attrs.frozen(kw_only=True)
class Subject:
    """Something a programme judges: a pillar overall, a question or an area."""

    id: str
    title: str
    kind: SubjectKind
    pillar: Pillar | None = None
    graded: bool = True
    parent: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = []
        if not _ID.fullmatch(self.id):
            problems.append(
                Problem(
                    path="$.id",
                    code="subject.id",
                    message=f"{self.id!r} is not a subject id (lower case words joined by '-' or '.')",
                )
            )
        if not self.title.strip():
            problems.append(
                Problem(path="$.title", code="subject.title", message="a subject needs a title")
            )
        if self.kind is SubjectKind.PILLAR and self.pillar is None:
            problems.append(
                Problem(
                    path="$.pillar",
                    code="subject.pillar",
                    message=f"the pillar subject {self.id!r} does not say which pillar it is",
                )
            )
        if problems:
            raise ValidationError(problems)

    @property
    def label(self) -> str:
        """A short name for tables: "Effectiveness (overall)", "Effectiveness: vulnerability"."""
        if self.kind is SubjectKind.PILLAR and self.pillar is not None:
            return f"{self.pillar.value} (overall)"
        if self.kind is SubjectKind.QUESTION and self.pillar is not None:
            slug = self.id.rsplit(".", 1)[-1].replace("-", " ")
            return f"{self.pillar.value}: {slug}"
        return self.title


@attrs.frozen(kw_only=True)
class Programme:
    """One round of PEEL inspections and the subjects it judges.

    ``year`` is the year the programme starts (2018 for PEEL 2018/19); ``published`` is
    when its reports came out, where known.
    """

    id: str
    title: str
    year: int
    scale: GradingScale
    subjects: tuple[Subject, ...] = attrs.field(converter=to_tuple)
    published: Period | None = None
    note: str = ""
    _by_id: dict[str, Subject] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Subject] = {}
        problems: list[Problem] = []
        if not _ID.fullmatch(self.id):
            problems.append(
                Problem(
                    path="$.id", code="programme.id", message=f"{self.id!r} is not a programme id"
                )
            )
        for i, subject in enumerate(self.subjects):
            if subject.id in by_id:
                problems.append(
                    Problem(
                        path=f"$.subjects[{i}].id",
                        code="programme.duplicate_subject",
                        message=f"the subject {subject.id!r} is listed twice in {self.title}",
                    )
                )
            by_id[subject.id] = subject
        for i, subject in enumerate(self.subjects):
            if subject.parent is not None and subject.parent not in by_id:
                problems.append(
                    Problem(
                        path=f"$.subjects[{i}].parent",
                        code="programme.unknown_parent",
                        message=f"the subject {subject.id!r} belongs to {subject.parent!r}, "
                        f"which {self.title} does not define",
                    )
                )
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "_by_id", by_id)

    def __repr__(self) -> str:
        return f"<Programme {self.id}: {self.title}, {len(self.subjects)} subjects>"

    def subject(self, subject_id: str) -> Subject:
        """The subject with this id; a :class:`ValidationError` naming the nearest if none."""
        found = self._by_id.get(subject_id)
        if found is None:
            raise ValidationError.single("$", "subject.unknown", self.unknown_subject(subject_id))
        return found

    def get_subject(self, subject_id: str) -> Subject | None:
        """The subject with this id, or None."""
        return self._by_id.get(subject_id)

    def unknown_subject(self, subject_id: object) -> str:
        """The sentence for a subject this programme does not define."""
        message = f"{self.title} does not judge {subject_id!r}"
        if isinstance(subject_id, str):
            close = _close_matches(subject_id, list(self._by_id), n=1)
            if close:
                return f"{message}; did you mean {close[0]!r}?"
        return message

    def pillar_subjects(self, pillar: Pillar | None) -> tuple[Subject, ...]:
        """The subjects of one pillar (all subjects when ``pillar`` is None)."""
        if pillar is None:
            return self.subjects
        return tuple(s for s in self.subjects if s.pillar is pillar)

    def children(self, subject_id: str) -> tuple[Subject, ...]:
        """The questions under a pillar subject."""
        return tuple(s for s in self.subjects if s.parent == subject_id)


# --- the catalogue -------------------------------------------------------------------

_E, _F, _L = Pillar.EFFECTIVENESS, Pillar.EFFICIENCY, Pillar.LEGITIMACY


def _pillar(pillar: Pillar, title: str, *, graded: bool = True) -> Subject:
    return Subject(
        id=pillar.value.lower(), title=title, kind=SubjectKind.PILLAR, pillar=pillar, graded=graded
    )


def _question(pillar: Pillar, slug: str, title: str, *, graded: bool = True) -> Subject:
    parent = pillar.value.lower()
    return Subject(
        id=f"{parent}.{slug}",
        title=title,
        kind=SubjectKind.QUESTION,
        pillar=pillar,
        graded=graded,
        parent=parent,
    )


def _area(slug: str, title: str, pillar: Pillar | None = None, *, graded: bool = True) -> Subject:
    return Subject(id=slug, title=title, kind=SubjectKind.AREA, pillar=pillar, graded=graded)


def _span(start: date, end: date) -> Period:
    return Period(start=start, end=end)


_EFFECTIVENESS_OVERALL = "How effective is the force at keeping people safe and reducing crime?"
_EFFICIENCY_OVERALL = "How efficient is the force at keeping people safe and reducing crime?"
_LEGITIMACY_OVERALL = "How legitimate is the force at keeping people safe and reducing crime?"

# Question titles of 2015 effectiveness are as seed 002 prints them; the others follow
# the published reports' wording as far as it is known here and can be corrected as
# data without any change of shape.
_PREVENTING = (
    "How effective is the force at preventing crime and anti-social behaviour, "
    "and keeping people safe?"
)
_VULNERABLE = (
    "How effective is the force at protecting from harm those who are vulnerable, "
    "and supporting victims?"
)
_SOC = (
    "How effective is the force at tackling serious and organised crime, including its "
    "arrangements for fulfilling its national policing responsibilities?"
)
_SOC_2016 = "How effective is the force at tackling serious and organised crime?"
_SPECIALIST = "How effective are the force's specialist capabilities?"
_LEGIT_FAIR = (
    "To what extent does the force treat all of the people it serves with fairness and respect?"
)
_LEGIT_ETHICAL = "How well does the force ensure that its workforce behaves ethically and lawfully?"
_LEGIT_WORKFORCE = "To what extent does the force treat its workforce with fairness and respect?"


def _catalogue() -> tuple[Programme, ...]:
    effectiveness_2016 = (
        _pillar(_E, _EFFECTIVENESS_OVERALL),
        _question(_E, "preventing-crime", _PREVENTING),
        _question(
            _E,
            "investigating-crime",
            "How effective is the force at investigating crime and reducing re-offending?",
        ),
        _question(_E, "vulnerability", _VULNERABLE),
        _question(_E, "serious-organised-crime", _SOC_2016),
        _question(_E, "specialist-capabilities", _SPECIALIST, graded=False),
    )
    efficiency_2016 = (
        _pillar(_F, _EFFICIENCY_OVERALL),
        _question(_F, "demand", "How well does the force understand demand?"),
        _question(_F, "resources", "How well does the force use its resources?"),
        _question(_F, "future", "How well is the force planning for the future?"),
    )
    legitimacy_2016 = (
        _pillar(_L, _LEGITIMACY_OVERALL),
        _question(_L, "fairness-and-respect", _LEGIT_FAIR),
        _question(_L, "ethical-and-lawful", _LEGIT_ETHICAL),
        _question(_L, "workforce", _LEGIT_WORKFORCE),
    )

    areas_2021 = (
        _area("victim-service", "Providing a service to the victims of crime", graded=False),
        _area("crime-data-integrity", "Recording data about crime"),
        _area(
            "public-treatment",
            "Engaging with and treating the public with fairness and respect",
            _L,
        ),
        _area(
            "preventing-crime",
            "Preventing crime and anti-social behaviour, and reducing vulnerability",
            _E,
        ),
        _area("responding-to-the-public", "Responding to the public", _E),
        _area("investigating-crime", "Investigating crime", _E),
        _area("protecting-vulnerable-people", "Protecting vulnerable people", _E),
        _area("managing-offenders", "Managing offenders and suspects", _E),
        _area("serious-organised-crime", "Disrupting serious organised crime", _E),
        _area("workforce", "Building, supporting and protecting the workforce", _L),
        _area(
            "use-of-resources",
            "Strategic planning, organisational management and value for money",
            _F,
        ),
    )

    # PEEL 2023–25 keeps the 2021/22 areas, renames two and replaces value for money
    # with leadership and force management.
    renamed_2023 = {
        "public-treatment": _area("public-treatment", "Police powers and public treatment", _L),
        "preventing-crime": _area(
            "preventing-crime",
            "Preventing and deterring crime and anti-social behaviour, and reducing vulnerability",
            _E,
        ),
        "use-of-resources": _area("leadership", "Leadership and force management", _F),
    }
    areas_2023 = tuple(renamed_2023.get(area.id, area) for area in areas_2021)

    return (
        Programme(
            id="peel-2014",
            title="PEEL 2014",
            year=2014,
            scale=GradingScale.FOUR_POINT,
            published=_span(date(2014, 11, 27), date(2014, 11, 27)),
            note="Effectiveness graded three questions and no overall; legitimacy was narrative only.",
            subjects=(
                _pillar(_E, _EFFECTIVENESS_OVERALL, graded=False),
                _question(
                    _E,
                    "reducing-crime",
                    "How effective is the force at reducing crime and preventing offending?",
                ),
                _question(
                    _E,
                    "investigating-crime",
                    "How effective is the force at investigating offending?",
                ),
                _question(
                    _E,
                    "anti-social-behaviour",
                    "How effective is the force at tackling anti-social behaviour?",
                ),
                _pillar(_F, _EFFICIENCY_OVERALL),
                _question(
                    _F,
                    "financial-position",
                    "To what extent is the force taking the steps necessary to ensure a secure "
                    "financial position for the short and long term?",
                ),
                _question(
                    _F,
                    "affordable-policing",
                    "To what extent has the force an affordable way of providing policing?",
                ),
                _question(
                    _F,
                    "resources",
                    "To what extent is the force efficient in its use of resources?",
                ),
                _pillar(_L, _LEGITIMACY_OVERALL, graded=False),
            ),
        ),
        Programme(
            id="peel-2015",
            title="PEEL 2015",
            year=2015,
            scale=GradingScale.FOUR_POINT,
            published=_span(date(2015, 10, 1), date(2016, 2, 29)),
            note="One report per pillar; effectiveness question 3 (vulnerability) was published "
            "early, on 15 December 2015.",
            subjects=(
                _pillar(_E, _EFFECTIVENESS_OVERALL),
                _question(_E, "preventing-crime", _PREVENTING),
                _question(
                    _E,
                    "investigating-crime",
                    "How effective is the force at investigating crime and managing offenders?",
                ),
                _question(_E, "vulnerability", _VULNERABLE),
                _question(_E, "serious-organised-crime", _SOC),
                _pillar(_F, _EFFICIENCY_OVERALL),
                _question(
                    _F, "demand", "How well does the force use its resources to meet its demand?"
                ),
                _question(
                    _F, "workforce-model", "How sustainable and affordable is the workforce model?"
                ),
                _question(
                    _F,
                    "financial-position",
                    "How sustainable is the force's financial position for the short and long term?",
                ),
                _pillar(_L, _LEGITIMACY_OVERALL),
                _question(_L, "fairness-and-respect", _LEGIT_FAIR),
                _question(_L, "ethical-and-lawful", _LEGIT_ETHICAL),
                _question(
                    _L,
                    "public-satisfaction",
                    "To what extent are people satisfied with the way they are treated by the force?",
                ),
                _question(
                    _L, "crime-recording", "How well does the force record crime?", graded=False
                ),
            ),
        ),
        Programme(
            id="peel-2016",
            title="PEEL 2016",
            year=2016,
            scale=GradingScale.FOUR_POINT,
            published=_span(date(2016, 11, 1), date(2017, 3, 31)),
            note="One report per pillar; specialist capabilities were not graded.",
            subjects=effectiveness_2016 + efficiency_2016 + legitimacy_2016,
        ),
        Programme(
            id="peel-2017",
            title="PEEL 2017",
            year=2017,
            scale=GradingScale.FOUR_POINT,
            published=_span(date(2017, 11, 1), date(2018, 3, 31)),
            note="As 2016; effectiveness was inspected by risk, and 2016 judgments carried over "
            "where a question was not re-inspected.",
            subjects=effectiveness_2016 + efficiency_2016 + legitimacy_2016,
        ),
        Programme(
            id="peel-2018-19",
            title="PEEL 2018/19",
            year=2018,
            scale=GradingScale.FOUR_POINT,
            published=_span(date(2019, 5, 1), date(2020, 2, 29)),
            note="One integrated report, published in three tranches; judgments could be carried over.",
            subjects=(
                *effectiveness_2016,
                _pillar(_F, _EFFICIENCY_OVERALL),
                _question(
                    _F,
                    "demand",
                    "How well does the force meet its current demands and use its resources?",
                ),
                _question(_F, "future", "How well is the force planning for the future?"),
                *legitimacy_2016,
            ),
        ),
        Programme(
            id="peel-2021-22",
            title="PEEL 2021/22",
            year=2021,
            scale=GradingScale.FIVE_POINT,
            published=_span(date(2021, 1, 1), date(2023, 12, 31)),
            note="Graded areas and no pillar overall; crime data integrity was graded separately.",
            subjects=areas_2021,
        ),
        Programme(
            id="peel-2023-25",
            title="PEEL 2023–25",
            year=2023,
            scale=GradingScale.FIVE_POINT,
            published=_span(date(2023, 1, 1), date(2025, 12, 31)),
            note="Graded areas and no pillar overall.",
            subjects=areas_2023,
        ),
    )


_REGISTRY: dict[str, Programme] = {}
_CATALOGUE_IDS: set[str] = set()


def _registry() -> dict[str, Programme]:
    """The known programmes by id; the catalogue is built on first use, not at import."""
    if not _CATALOGUE_IDS:
        for programme in _catalogue():
            _CATALOGUE_IDS.add(programme.id)
            _REGISTRY.setdefault(programme.id, programme)
    return _REGISTRY


def catalogue() -> tuple[Programme, ...]:
    """The programmes peelmodel ships (without any registered since), oldest first."""
    return tuple(p for p in all() if p.id in _CATALOGUE_IDS)


def all() -> tuple[Programme, ...]:
    """Every known programme, oldest first (the catalogue and any registered)."""
    return tuple(sorted(_registry().values(), key=lambda p: (p.year, p.id)))


def get(programme_id: str) -> Programme:
    """The programme with this id (``peel-2015``) or title (``PEEL 2015``)."""
    if isinstance(programme_id, str):
        found = _registry().get(programme_id)
        if found is not None:
            return found
        for programme in _registry().values():
            if programme.title.casefold() == programme_id.strip().casefold():
                return programme
    raise ValidationError.single("$", "programme.unknown", unknown_programme_message(programme_id))


def unknown_programme_message(programme_id: object) -> str:
    """The sentence for a programme that is neither in the catalogue nor registered."""
    message = f"{programme_id!r} is not a known PEEL programme"
    if isinstance(programme_id, str):
        close = _close_matches(programme_id, list(_registry()), n=1)
        if close:
            return f"{message}; did you mean {close[0]!r}?"
    return f"{message} (known: {', '.join(sorted(_registry()))}; add one with peelmodel.programmes.register)"


def register(programme: Programme) -> Programme:
    """Add a programme so documents can name it by id. Re-registering the same is a no-op.

    Registering a different programme under an id already taken is a ValidationError.
    """
    existing = _registry().get(programme.id)
    if existing is not None and existing != programme:
        raise ValidationError.single(
            "$.id",
            "programme.taken",
            f"a different programme is already registered as {programme.id!r}",
        )
    _registry()[programme.id] = programme
    return programme
