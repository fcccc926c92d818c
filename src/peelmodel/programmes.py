"""PEEL programmes: what each round of inspections graded, as data.

A :class:`Programme` lists its :class:`Subject` s: the pillars with an overall
judgment, the questions under them (2014-2019), or the areas (2021 on), each with a
stable id, its title as published, its pillar where it has one, and whether it is
graded or narrative only. The same subject keeps the same id across programmes where
the reports ask the same thing (``effectiveness.vulnerability`` in 2015, 2016, 2017
and 2018/19), so a force's history can line them up.

Programmes are data: describe a newer framework with :class:`Programme` and
:func:`register` it; nothing in the library needs to change.

The catalogue peelmodel ships is package data: one JSON document per programme,
loaded through :func:`peelmodel.from_json` and validated like any user's document.
Every programme and subject in it cites the public page its wording comes from, and a
title no public page confirmed is marked ``unconfirmed``.

>>> get("peel-2015").subject("effectiveness.vulnerability").title
'How effective is the force at protecting from harm those who are vulnerable, and supporting victims?'
>>> [p.id for p in catalogue()]
['peel-2014', 'peel-2015', 'peel-2016', 'peel-2017', 'peel-2018-19', 'peel-2021-22', 'peel-2023-25', 'peel-2025-27']
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import threading
import types
from collections.abc import Iterable, Iterator, Mapping

import attrs

from peelmodel._convert import close_matches as _close_matches
from peelmodel._convert import to_tuple, tuple_converters
from peelmodel._types import check_fields
from peelmodel.errors import Problem, ValidationError
from peelmodel.grades import GradingScale, Pillar
from peelmodel.periods import Period
from peelmodel.sources import Source

__all__ = [
    "Programme",
    "Subject",
    "SubjectKind",
    "all",
    "catalogue",
    "get",
    "register",
    "registered",
    "unregister",
]

_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")


class SubjectKind(enum.Enum):
    """What a subject of judgment is: a pillar overall, a question, or an area."""

    PILLAR = "pillar"
    QUESTION = "question"
    AREA = "area"


def _tuple_of_subject(items: Iterable[Subject]) -> tuple[Subject, ...]:
    return to_tuple(items)


def _tuple_of_source(items: Iterable[Source]) -> tuple[Source, ...]:
    return to_tuple(items)


tuple_converters(_tuple_of_subject, _tuple_of_source)


@attrs.frozen(kw_only=True)
class Subject:
    """Something a programme judges: a pillar overall, a question or an area.

    ``title`` is the wording the cited ``source`` prints; ``unconfirmed`` marks a title
    that no public page was found to print (it describes the subject, but is not the
    published wording). ``note`` says what a reader should know (a rewording, a change
    in what was graded).
    """

    id: str
    title: str
    kind: SubjectKind
    pillar: Pillar | None = None
    graded: bool = True
    parent: str | None = None
    source: Source | None = None
    unconfirmed: bool = False
    note: str = ""

    def __attrs_post_init__(self) -> None:
        check_fields(self)
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
    when its reports came out, where known; ``sources`` the public pages that describe
    it (the "how we inspect" page, the framework, the grade tables).
    """

    id: str
    title: str
    year: int
    scale: GradingScale
    subjects: tuple[Subject, ...] = attrs.field(converter=_tuple_of_subject)
    published: Period | None = None
    note: str = ""
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple_of_source)
    _by_id: Mapping[str, Subject] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        check_fields(self)
        by_id: dict[str, Subject] = {}
        problems: list[Problem] = []
        if not _ID.fullmatch(self.id):
            problems.append(
                Problem(
                    path="$.id", code="programme.id", message=f"{self.id!r} is not a programme id"
                )
            )
        if not self.title.strip():
            problems.append(
                Problem(path="$.title", code="programme.title", message="a programme needs a title")
            )
        if not 2014 <= self.year <= 2100:
            problems.append(
                Problem(
                    path="$.year",
                    code="programme.year",
                    message=f"PEEL began in 2014; {self.year} is not a year a programme can start",
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
        object.__setattr__(self, "_by_id", types.MappingProxyType(by_id))

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

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "programmes")

# One lock guards the registry: building the catalogue on first use, registering and
# unregistering may happen from several threads at once.
_LOCK = threading.RLock()
_REGISTRY: dict[str, Programme] = {}
_CATALOGUE_IDS: set[str] = set()


def _load_catalogue() -> tuple[Programme, ...]:
    """The shipped programmes, each read through the public loader from its JSON file."""
    from peelmodel.serialization import from_json

    files = sorted(name for name in os.listdir(_DATA) if name.endswith(".json"))
    loaded = []
    for name in files:
        with open(os.path.join(_DATA, name), "rb") as file:
            loaded.append(from_json(file.read(), Programme))
    return tuple(loaded)


def _registry() -> dict[str, Programme]:
    """The known programmes by id; the catalogue is read on first use, not at import."""
    if not _CATALOGUE_IDS:
        with _LOCK:
            if not _CATALOGUE_IDS:
                loaded = _load_catalogue()
                for programme in loaded:
                    _REGISTRY.setdefault(programme.id, programme)
                _CATALOGUE_IDS.update(p.id for p in loaded)
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
    if not isinstance(programme, Programme):
        raise ValidationError.single(
            "$",
            "type",
            f"register takes a Programme, not {type(programme).__name__}",
        )
    registry = _registry()
    with _LOCK:
        existing = registry.get(programme.id)
        if existing is not None and existing != programme:
            raise ValidationError.single(
                "$.id",
                "programme.taken",
                f"a different programme is already registered as {programme.id!r}",
            )
        registry[programme.id] = programme
    return programme


def unregister(programme_id: str) -> None:
    """Remove a programme registered with :func:`register`.

    The catalogue's own programmes cannot be removed; an id that is not registered is
    a ValidationError naming the nearest.
    """
    registry = _registry()
    with _LOCK:
        if programme_id in _CATALOGUE_IDS:
            raise ValidationError.single(
                "$",
                "programme.catalogue",
                f"{programme_id!r} is part of peelmodel's catalogue and cannot be unregistered",
            )
        if programme_id not in registry:
            raise ValidationError.single(
                "$", "programme.unknown", unknown_programme_message(programme_id)
            )
        del registry[programme_id]


@contextlib.contextmanager
def registered(*programmes: Programme) -> Iterator[tuple[Programme, ...]]:
    """Register programmes for the length of a ``with`` block, then remove them again.

    Programmes that were already registered before the block stay registered after it.
    """
    registry = _registry()
    added: list[str] = []
    try:
        for programme in programmes:
            with _LOCK:
                before = programme.id in registry
                register(programme)
                if not before:
                    added.append(programme.id)
        yield programmes
    finally:
        with _LOCK:
            for programme_id in added:
                registry.pop(programme_id, None)


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
