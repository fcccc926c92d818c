"""Hypothesis strategies for every public class of peelmodel.

Needs hypothesis (``pip install 'peelmodel[hypothesis]'``). Every strategy is valid by
construction: it draws a base and then a count within it, a scale and then grades on
it, a programme and then subjects it defines, rather than filtering. Arguments are
keyword-only; where an argument is a value (a scale, a programme, a force), a
strategy of such values is accepted too.

>>> from hypothesis import given
>>> @given(inspections())
... def test_every_inspection_round_trips(inspection):
...     assert from_json(to_json(inspection), Inspection) == inspection
>>> test_every_inspection_round_trips()
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - exercised in a process without hypothesis
    raise ImportError(
        "peelmodel.strategies needs hypothesis: pip install 'peelmodel[hypothesis]'"
    ) from error

from peelmodel import forces as _forces
from peelmodel import programmes as _programmes
from peelmodel import rates
from peelmodel._types import FIRST_PEEL_YEAR
from peelmodel.dataset import Dataset
from peelmodel.errors import Problem, Severity, ValidationError
from peelmodel.findings import (
    AreaForImprovement,
    CauseOfConcern,
    Practice,
    PracticeKind,
    Recommendation,
)
from peelmodel.forces import Estimate, Force
from peelmodel.grades import Grade, GradingScale, Pillar
from peelmodel.history import ForceHistory
from peelmodel.inspections import Inspection
from peelmodel.judgments import Judgment
from peelmodel.metrics import Comparator, Metric, Unit
from peelmodel.periods import Period
from peelmodel.programmes import Programme, Subject, SubjectKind
from peelmodel.serialization import SCHEMA_VERSION, from_json, to_json  # noqa: F401 - used by the doctest
from peelmodel.sources import Source

__all__ = [
    "RULES",
    "areas_for_improvement",
    "causes_of_concern",
    "comparators",
    "datasets",
    "estimates",
    "force_histories",
    "forces",
    "grades",
    "inspections",
    "invalid_inspection_cases",
    "invalid_inspection_documents",
    "judgments",
    "metrics",
    "periods",
    "practices",
    "problems",
    "programmes",
    "recommendations",
    "sources",
    "subjects",
]

T = TypeVar("T")

_EARLIEST = date(2010, 1, 1)
_LATEST = date(2030, 12, 31)
_WORDS = [
    "crime",
    "victims",
    "offenders",
    "neighbourhood",
    "partners",
    "vulnerable",
    "people",
    "demand",
    "resources",
    "workforce",
    "public",
    "calls",
    "investigations",
    "officers",
    "staff",
    "risk",
    "safeguarding",
    "children",
    "abuse",
    "prevention",
    "problem",
    "solving",
    "analysis",
    "training",
    "supervision",
    "records",
]


# Strategies drawn inside composites are built once and reused: Hypothesis validates
# every new strategy object, and rebuilding them on each draw made a default @given
# over datasets take seconds.
@functools.lru_cache(maxsize=4096)
def _sampled_cached(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _sampled(values: Iterable[T]) -> st.SearchStrategy[T]:
    items = tuple(values)
    try:
        return _sampled_cached(items)
    except TypeError:  # values that cannot be hashed (lists in a document)
        return st.sampled_from(items)


@functools.lru_cache(maxsize=4096)
def _ints(min_value: int, max_value: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=min_value, max_value=max_value)


@functools.lru_cache(maxsize=4096)
def _dates(min_value: date, max_value: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=min_value, max_value=max_value)


@functools.lru_cache(maxsize=4096)
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


_BOOLS = st.booleans()


def _as_strategy(
    value: T | st.SearchStrategy[T] | None, default: st.SearchStrategy[T], name: str, kind: type
) -> st.SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    if isinstance(value, kind):
        return st.just(value)
    raise InvalidArgument(f"{name} must be a {kind.__name__} or a strategy of them, not {value!r}")


@functools.lru_cache(maxsize=64)
def _sentences(*, lead: str = "", min_words: int = 2, max_words: int = 6) -> st.SearchStrategy[str]:
    words = st.lists(_sampled(_WORDS), min_size=min_words, max_size=max_words)
    return words.map(lambda ws: (lead + " ".join(ws)).strip().capitalize() + ".")


def grades(
    *, scale: GradingScale | st.SearchStrategy[GradingScale] | None = None
) -> st.SearchStrategy[Grade]:
    """Grades; on one scale (or a strategy of scales) when ``scale`` is given."""
    if scale is None:
        return _sampled(list(Grade))
    scales = _as_strategy(scale, _sampled(list(GradingScale)), "scale", GradingScale)
    return scales.flatmap(lambda s: _sampled(s.grades))


def periods(*, min_value: date = _EARLIEST, max_value: date = _LATEST) -> st.SearchStrategy[Period]:
    """Periods within ``min_value`` .. ``max_value``: instants, runs of months and any spans.

    By default, between 1 January 2010 and 31 December 2030.
    """
    if not isinstance(min_value, date) or not isinstance(max_value, date) or max_value < min_value:
        raise InvalidArgument(
            f"need dates with min_value <= max_value, not {min_value!r} and {max_value!r}"
        )

    return _periods(min_value, max_value)


@functools.lru_cache(maxsize=1024)
def _periods(min_value: date, max_value: date) -> st.SearchStrategy[Period]:
    @st.composite
    def draw_period(draw: st.DrawFn) -> Period:
        start = draw(_dates(min_value, max_value))
        length = draw(_ints(0, (max_value - start).days))
        return Period(start=start, end=start + timedelta(days=length))

    return draw_period()


_URLS = _sampled(
    [
        "https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2017/kent/",
        "https://www.justiceinspectorates.gov.uk/hmicfrs/",
        "http://www.justiceinspectorates.gov.uk/hmic/peel-assessments/peel-2016/essex/",
    ]
)


@st.composite
def _source(draw: st.DrawFn) -> Source:
    title = draw(_maybe(_sampled(["PEEL 2021/22: Kent Police", "Press release"])))
    url = draw(_URLS) if title is None else draw(_maybe(_URLS))
    return Source(
        title=title,
        url=url,
        publisher=draw(_maybe(_sampled(["HMIC", "HMICFRS", "Kent Police"]))),
        published=draw(_maybe(_dates(_EARLIEST, _LATEST))),
        page=draw(_maybe(_ints(1, 200))),
        note=draw(_maybe(_sentences())),
    )


_SOURCES = _source()


def sources() -> st.SearchStrategy[Source]:
    """Citations: a title or a URL (or both), maybe a publisher, a date and a page."""
    return _SOURCES


def estimates() -> st.SearchStrategy[Estimate]:
    """Population or household counts with the date they hold for."""
    return st.builds(
        Estimate,
        value=_ints(1, 10_000_000),
        as_at=_dates(_EARLIEST, _LATEST),
    )


def forces() -> st.SearchStrategy[Force]:
    """The 43 forces, sometimes with a population and households."""
    return st.builds(
        lambda force, population, households: Force(
            id=force.id,
            name=force.name,
            country=force.country,
            region=force.region,
            ons_code=force.ons_code,
            aliases=force.aliases,
            population=population,
            households=households,
        ),
        _sampled(_forces.all()),
        _maybe(estimates()),
        _maybe(estimates()),
    )


_SLUG = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


def subjects(*, kind: SubjectKind | None = None) -> st.SearchStrategy[Subject]:
    """Subjects of judgment that stand alone (areas, or pillars overall)."""
    kinds = _sampled([SubjectKind.PILLAR, SubjectKind.AREA]) if kind is None else st.just(kind)

    @st.composite
    def draw_subject(draw: st.DrawFn) -> Subject:
        k = draw(kinds)
        if k is SubjectKind.QUESTION:
            raise InvalidArgument("a question needs its pillar: use programmes() for those")
        pillar = (
            draw(_sampled(list(Pillar)))
            if k is SubjectKind.PILLAR
            else draw(_maybe(_sampled(list(Pillar))))
        )
        return Subject(
            id=draw(_SLUG),
            title=draw(_sentences()),
            kind=k,
            pillar=pillar,
            graded=draw(_BOOLS),
        )

    return draw_subject()


def programmes(*, custom: bool | None = None) -> st.SearchStrategy[Programme]:
    """Programmes of the catalogue, and (unless ``custom=False``) new ones users could describe."""
    catalogue = _sampled(_programmes.catalogue())
    if custom is False:
        return catalogue

    @st.composite
    def draw_custom(draw: st.DrawFn) -> Programme:
        ids = draw(st.lists(_SLUG, min_size=1, max_size=6, unique=True))
        scale = draw(_sampled(list(GradingScale)))
        subject_list = [
            Subject(
                id=f"area-{i}",
                title=draw(_sentences()),
                kind=SubjectKind.AREA,
                pillar=draw(_maybe(_sampled(list(Pillar)))),
                graded=draw(_BOOLS),
            )
            for i in ids
        ]
        return Programme(
            id=f"custom-{draw(_SLUG)}",
            title=f"Custom {draw(_SLUG)}",
            year=draw(_ints(2024, 2030)),
            scale=scale,
            subjects=subject_list,
        )

    if custom is True:
        return draw_custom()
    return st.one_of(catalogue, draw_custom())


def _programme_by_id(programme_id: str) -> Programme:
    try:
        return _programmes.get(programme_id)
    except ValidationError as error:
        raise InvalidArgument(f"programme: {error.problems[0].message}") from None


def judgments(
    *,
    programme: Programme | str | st.SearchStrategy[Programme] | None = None,
    subject: Subject | None = None,
) -> st.SearchStrategy[Judgment]:
    """Judgments valid for one subject of a programme: graded on its scale, not graded,
    or carried over from an earlier year (narrative-only subjects are never graded)."""
    if isinstance(programme, str):
        programme = _programme_by_id(programme)
    programme_st = _as_strategy(programme, programmes(custom=False), "programme", Programme)

    @st.composite
    def draw_judgment(draw: st.DrawFn) -> Judgment:
        p = draw(programme_st)
        s = subject if subject is not None else draw(_sampled(p.subjects))
        return _judgment(draw, p, s)

    return draw_judgment()


_SUMMARIES = st.just("") | _sentences(min_words=4)


def _judgment(draw: st.DrawFn, programme: Programme, subject: Subject) -> Judgment:
    summary = draw(_SUMMARIES)
    if not subject.graded:
        return Judgment(subject=subject.id, summary=summary)
    state = draw(_sampled(["graded", "graded", "not graded", "carried over"]))
    if state == "not graded":
        return Judgment(subject=subject.id, summary=summary)
    grade = draw(_sampled(programme.scale.grades))
    earliest = max(programme.year - 3, FIRST_PEEL_YEAR)
    carried = (
        draw(_ints(earliest, programme.year - 1))
        if state == "carried over" and earliest < programme.year
        else None
    )
    return Judgment(subject=subject.id, grade=grade, carried_over_from=carried, summary=summary)


def areas_for_improvement(*, subject: str | None = None) -> st.SearchStrategy[AreaForImprovement]:
    """Areas for improvement that read as one ("The force should ...")."""
    return _areas_for_improvement(subject)


@functools.lru_cache(maxsize=1024)
def _areas_for_improvement(subject: str | None) -> st.SearchStrategy[AreaForImprovement]:
    subject_st = st.just(subject) if subject is not None else _SLUG
    return st.builds(
        AreaForImprovement,
        subject=subject_st,
        text=_sentences(lead="the force should "),
        source=_maybe(sources()),
    )


def recommendations() -> st.SearchStrategy[Recommendation]:
    """Recommendations, some with a deadline."""
    return st.builds(
        Recommendation,
        text=_sentences(lead="the force should "),
        deadline=_maybe(_dates(_EARLIEST, _LATEST)),
    )


_RECOMMENDATIONS = recommendations()


def causes_of_concern(*, subject: str | None = None) -> st.SearchStrategy[CauseOfConcern]:
    """Causes of concern, each with one to three recommendations."""
    return _causes_of_concern(subject)


@functools.lru_cache(maxsize=1024)
def _causes_of_concern(subject: str | None) -> st.SearchStrategy[CauseOfConcern]:
    subject_st = st.just(subject) if subject is not None else _SLUG
    return st.builds(
        CauseOfConcern,
        subject=subject_st,
        text=_sentences(min_words=4),
        recommendations=st.lists(_RECOMMENDATIONS, min_size=1, max_size=3),
        source=_maybe(sources()),
    )


def practices(*, subject: str | None = None) -> st.SearchStrategy[Practice]:
    """Innovative or promising practice."""
    return _practices(subject)


@functools.lru_cache(maxsize=1024)
def _practices(subject: str | None) -> st.SearchStrategy[Practice]:
    subject_st = st.just(subject) if subject is not None else _SLUG
    return st.builds(
        Practice,
        subject=subject_st,
        text=_sentences(min_words=4),
        kind=_sampled(list(PracticeKind)),
        source=_maybe(sources()),
    )


def _figure(
    draw: st.DrawFn, unit: Unit, decimals: int, *, with_counts: bool
) -> tuple[float, int | None, int | None]:
    """A value with an agreeing count and base: the base first, then the count within it."""
    if unit is Unit.COUNT:
        return float(draw(_ints(0, 10_000_000))), None, None
    if unit is Unit.POUNDS:
        pence = draw(_ints(-(10**9), 10**9))
        return rates.round_to(pence / 100, decimals), None, None
    if unit is Unit.PERCENT_CHANGE:
        old = draw(_ints(1, 1_000_000))
        new = draw(_ints(0, 3 * old))
        value = rates.round_to(rates.exact_percent_change(old, new), decimals)
        return (value, new, old) if with_counts else (value, None, None)
    per = unit.per
    assert per is not None
    base = draw(_ints(1, 5_000_000))
    top = base if unit is Unit.PERCENT else min(base * 10, 5_000_000)
    count = draw(_ints(0, top))
    value = rates.round_to(rates.exact_rate(count, base, per=per), decimals)
    return (value, count, base) if with_counts else (value, None, None)


def comparators(*, unit: Unit = Unit.PERCENT, decimals: int = 1) -> st.SearchStrategy[Comparator]:
    """England and Wales comparators for a metric of ``unit`` at ``decimals`` places."""

    @st.composite
    def draw_comparator(draw: st.DrawFn) -> Comparator:
        value, count, base = _figure(draw, unit, decimals, with_counts=draw(_BOOLS))
        return Comparator(value=value, count=count, base=base)

    return draw_comparator()


def metrics(
    *,
    unit: Unit | st.SearchStrategy[Unit] | None = None,
    decimals: int | st.SearchStrategy[int] | None = None,
    id: str | None = None,
) -> st.SearchStrategy[Metric]:
    """Metrics at every unit and published precision, with and without count and base,
    with and without a comparator; values agree with their counts by construction."""
    unit_st = _as_strategy(unit, _sampled(list(Unit)), "unit", Unit)
    decimals_st = _as_strategy(decimals, _ints(0, 3), "decimals", int)

    @st.composite
    def draw_metric(draw: st.DrawFn) -> Metric:
        u = draw(unit_st)
        d = draw(decimals_st)
        if d < 0:
            raise InvalidArgument(f"decimals must be 0 or more, not {d}")
        if u is Unit.COUNT:
            d = 0
        value, count, base = _figure(draw, u, d, with_counts=draw(_BOOLS))
        comparator = None
        if draw(_BOOLS):
            c_value, c_count, c_base = _figure(draw, u, d, with_counts=draw(_BOOLS))
            comparator = Comparator(value=c_value, count=c_count, base=c_base)
        period = draw(_maybe(_periods(_EARLIEST, _LATEST)))
        return Metric(
            id=id if id is not None else draw(_SLUG),
            name=draw(_sentences(max_words=4)).rstrip("."),
            value=value,
            unit=u,
            decimals=d,
            period=period,
            compared_with=draw(_maybe(_periods(_EARLIEST, _LATEST)))
            if u is Unit.PERCENT_CHANGE
            else None,
            count=count,
            base=base,
            comparator=comparator,
            source=draw(_maybe(sources())),
        )

    return draw_metric()


_METRIC_LISTS = st.lists(metrics(), max_size=4, unique_by=lambda m: m.id)
_SOURCE_LISTS = st.lists(_SOURCES, max_size=2)


@functools.lru_cache(maxsize=1024)
def _subject_lists(covered: tuple[Subject, ...], min_size: int) -> st.SearchStrategy[list[Subject]]:
    return st.lists(_sampled(covered), min_size=min_size, unique_by=lambda s: s.id)


@functools.lru_cache(maxsize=1024)
def _finding_lists(
    subject_ids: tuple[str, ...],
) -> tuple[
    st.SearchStrategy[list[AreaForImprovement]],
    st.SearchStrategy[list[CauseOfConcern]],
    st.SearchStrategy[list[Practice]],
]:
    ids = _sampled(subject_ids)
    return (
        st.lists(ids.flatmap(_areas_for_improvement), max_size=3),
        st.lists(ids.flatmap(_causes_of_concern), max_size=2),
        st.lists(ids.flatmap(_practices), max_size=1),
    )


@functools.lru_cache(maxsize=1024)
def _fieldwork(last: date) -> st.SearchStrategy[list[Period]]:
    return st.lists(_periods(_EARLIEST, max(last, _EARLIEST)), max_size=2)


def inspections(
    *,
    programme: Programme | str | st.SearchStrategy[Programme] | None = None,
    force: Force | str | st.SearchStrategy[Force] | None = None,
    min_judgments: int = 0,
) -> st.SearchStrategy[Inspection]:
    """Valid inspections of every programme (or of ``programme``) and force: with and
    without a pillar scope, findings and metrics; judgments never repeat a subject."""
    if isinstance(programme, str):
        programme = _programme_by_id(programme)
    programme_st = _as_strategy(
        programme, programmes(custom=False) | programmes(custom=True), "programme", Programme
    )
    if isinstance(force, str):
        force = _forces.get(force)
    force_st = _as_strategy(force, _sampled(_forces.all()), "force", Force)
    if not isinstance(min_judgments, int) or min_judgments < 0:
        raise InvalidArgument(
            f"min_judgments must be a whole number 0 or more, not {min_judgments!r}"
        )

    @st.composite
    def draw_inspection(draw: st.DrawFn) -> Inspection:
        p = draw(programme_st)
        pillars = sorted(
            {s.pillar for s in p.subjects if s.pillar is not None}, key=lambda x: x.value
        )
        pillar = draw(_maybe(_sampled(pillars))) if pillars and p.year < 2021 else None
        covered = p.pillar_subjects(pillar)
        if len(covered) < min_judgments:
            raise InvalidArgument(
                f"{p.title} covers {len(covered)} subjects, fewer than min_judgments={min_judgments}"
            )
        chosen = draw(_subject_lists(covered, min_judgments))
        afis, concerns, practice_list = _finding_lists(tuple(s.id for s in covered))
        metric_list = draw(_METRIC_LISTS)
        published = draw(_maybe(_dates(date(p.year, 1, 1), date(p.year + 3, 12, 31))))
        return Inspection(
            force=draw(force_st).id,
            programme=p,
            pillar=pillar,
            published=published,
            fieldwork=draw(_fieldwork(published or date(p.year, 12, 31))),
            judgments=[_judgment(draw, p, s) for s in chosen],
            areas_for_improvement=draw(afis),
            causes_of_concern=draw(concerns),
            practices=draw(practice_list),
            metrics=metric_list,
            sources=draw(_SOURCE_LISTS),
        )

    return draw_inspection()


def datasets(*, max_inspections: int = 3) -> st.SearchStrategy[Dataset]:
    """Datasets of a few inspections."""
    return st.builds(
        Dataset,
        inspections=st.lists(inspections(), max_size=max_inspections),
        title=st.just("") | _sentences(max_words=3),
        sources=st.lists(sources(), max_size=2),
    )


def force_histories(*, max_inspections: int = 3) -> st.SearchStrategy[ForceHistory]:
    """Histories of one force: a force first, then inspections of it."""
    return _sampled(_forces.all()).flatmap(
        lambda force: st.builds(
            ForceHistory,
            force=st.just(force.id),
            inspections=st.lists(inspections(force=force), max_size=max_inspections),
        )
    )


def problems() -> st.SearchStrategy[Problem]:
    """Problems as check() and ValidationError report them."""
    return st.builds(
        Problem,
        path=_sampled(["$", "$.force", "$.judgments[2].grade", "$.metrics[0].value"]),
        code=_sampled(["grade.unknown", "metric.disagrees", "key.unknown"]),
        message=_sentences(),
        severity=_sampled(list(Severity)),
    )


# --- invalid documents -------------------------------------------------------------

RULES: tuple[str, ...] = (
    "grade.unknown",
    "grade.off_scale",
    "subject.unknown",
    "judgment.duplicate",
    "judgment.narrative_only",
    "force.unknown",
    "programme.unknown",
    "key.unknown",
    "key.missing",
    "type",
    "date.invalid",
    "period.reversed",
    "cause_of_concern.no_recommendation",
    "metric.disagrees",
    "metric.percent_range",
    "metric.negative_count",
    "metric.duplicate",
    "schema_version.unsupported",
)
"""The rules :func:`invalid_inspection_documents` can break, named by the ``code`` of
the :class:`~peelmodel.Problem` that peelmodel reports for each."""

_MISSPELT = ("Goood", "Outstandng", "Requires improvment", "Inadequet", "Adequite", "Very good", "")
_FOUR_POINT = ("peel-2015", "peel-2016", "peel-2017", "peel-2018-19")


def _base_document(
    draw: st.DrawFn, programme_ids: tuple[str, ...] = _FOUR_POINT
) -> tuple[dict[str, Any], Programme]:
    """A valid inspection document of a catalogue programme with no pillar scope, so
    that any of the programme's subjects may be judged."""
    from peelmodel.serialization import to_dict

    p = _programmes.get(draw(_sampled(programme_ids)))
    inspection = draw(inspections(programme=p))
    document = to_dict(inspection)
    document.pop("pillar", None)
    return document, p


def _graded_judgment(draw: st.DrawFn, p: Programme, grade: str | None = None) -> dict[str, Any]:
    subject = draw(_sampled([s for s in p.subjects if s.graded]))
    return {
        "subject": subject.id,
        "grade": grade if grade is not None else draw(_sampled(p.scale.grades)).value,
    }


def _metric_document(draw: st.DrawFn, metric_id: str) -> dict[str, Any]:
    from peelmodel.serialization import to_dict

    metric = draw(metrics(unit=Unit.PER_1000_POPULATION, decimals=1, id=metric_id))
    data = to_dict(metric)
    data.pop("schema_version")
    return data  # type: ignore[no-any-return]


def _break(draw: st.DrawFn, rule: str) -> dict[str, Any]:
    doc, p = _base_document(draw)
    if rule == "grade.unknown":
        doc["judgments"] = [_graded_judgment(draw, p, draw(_sampled(_MISSPELT)))]
    elif rule == "grade.off_scale":
        doc["judgments"] = [_graded_judgment(draw, p, "Adequate")]
    elif rule == "subject.unknown":
        doc["judgments"] = [{"subject": "not-a-subject-" + draw(_SLUG)}]
    elif rule == "judgment.duplicate":
        judgment = _graded_judgment(draw, p)
        doc["judgments"] = [judgment, dict(judgment)]
    elif rule == "judgment.narrative_only":
        doc, p = _base_document(draw, ("peel-2016", "peel-2017", "peel-2018-19"))
        doc["judgments"] = [{"subject": "effectiveness.specialist-capabilities", "grade": "Good"}]
    elif rule == "force.unknown":
        doc["force"] = draw(
            _sampled(["esex", "kent-police", "police-scotland", "btp", "northern-ireland"])
        )
    elif rule == "programme.unknown":
        doc["programme"] = draw(_sampled(["peel-2051", "peel2015", "PEEL 2020"]))
    elif rule == "key.unknown":
        doc[draw(_sampled(["colour", "grade", "forces", "publised"]))] = "x"
    elif rule == "key.missing":
        del doc[draw(_sampled(["force", "programme"]))]
    elif rule == "type":
        field, value = draw(
            _sampled(
                [
                    ("force", ["essex"]),
                    ("published", 20160218),
                    ("judgments", "Good"),
                    ("fieldwork", {}),
                ]
            )
        )
        doc[field] = value
    elif rule == "date.invalid":
        doc["published"] = draw(_sampled(["2015-02-30", "2016-13-01", "2019-04-31"]))
    elif rule == "period.reversed":
        start = draw(_dates(date(2011, 1, 1), _LATEST))
        end = start - timedelta(days=draw(_ints(1, 365)))
        doc["fieldwork"] = [{"start": start.isoformat(), "end": end.isoformat()}]
    elif rule == "cause_of_concern.no_recommendation":
        subject = draw(_sampled(p.subjects)).id
        doc["causes_of_concern"] = [
            {"subject": subject, "text": "A serious failing.", "recommendations": []}
        ]
    elif rule.startswith("metric."):
        metric = _metric_document(draw, "m-" + draw(_SLUG))
        if rule == "metric.disagrees":
            metric.update(
                count=58, base=1_750_000, value=34.0, decimals=0, unit="per 1,000,000 population"
            )
            metric.pop("comparator", None)
        elif rule == "metric.percent_range":
            metric.update(unit="percent", value=float(draw(_ints(101, 1000))))
            for key in ("count", "base", "comparator"):
                metric.pop(key, None)
        elif rule == "metric.negative_count":
            metric.update(count=-draw(_ints(1, 1000)))
            metric.pop("base", None)
        doc["metrics"] = [metric, dict(metric)] if rule == "metric.duplicate" else [metric]
    elif rule == "schema_version.unsupported":
        doc["schema_version"] = draw(_sampled([0, SCHEMA_VERSION + 1, 99]))
    else:
        raise InvalidArgument(f"{rule!r} is not a rule; the rules are {', '.join(RULES)}")
    return doc


def invalid_inspection_documents(*, rule: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """JSON documents (as dicts) of inspections that break exactly one rule.

    ``from_dict(document, Inspection)`` raises a ValidationError with a problem whose
    ``code`` is ``rule``. With no ``rule``, documents breaking any one of :data:`RULES`.
    """
    if rule is not None and rule not in RULES:
        raise InvalidArgument(f"{rule!r} is not a rule; the rules are {', '.join(RULES)}")
    return invalid_inspection_cases(rule=rule).map(lambda case: case[1])


def invalid_inspection_cases(
    *, rule: str | None = None
) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """(rule, document) pairs: which rule each document breaks, and the document."""
    if rule is not None and rule not in RULES:
        raise InvalidArgument(f"{rule!r} is not a rule; the rules are {', '.join(RULES)}")
    rules = st.just(rule) if rule is not None else _sampled(RULES)

    @st.composite
    def draw_case(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
        chosen = draw(rules)
        return chosen, _break(draw, chosen)

    return draw_case()


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
