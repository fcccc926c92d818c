"""What notebook users see: HTML tables, flat records and pandas DataFrames.

The HTML is built with the standard library only; every text that comes from data is
escaped. Grades are coloured with a palette safe for colour-blind readers, and the grade
word is always written too, so colour is never the only signal. pandas is imported only
by :func:`frame`, when the ``pandas`` extra is installed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from peelmodel.dataset import Dataset
from peelmodel.forces import Force
from peelmodel.grades import Grade
from peelmodel.history import ForceHistory
from peelmodel.inspections import Inspection
from peelmodel.judgments import Judgment
from peelmodel.sources import format_date

if TYPE_CHECKING:
    import pandas

__all__ = ["GRADE_COLOURS", "frame", "html_of", "metric_frame", "metric_records", "records"]

# ColorBrewer RdYlBu (colour-blind safe), with a text colour of sufficient contrast.
GRADE_COLOURS: dict[Grade | None, tuple[str, str]] = {
    Grade.OUTSTANDING: ("#2c7bb6", "#ffffff"),
    Grade.GOOD: ("#abd9e9", "#000000"),
    Grade.ADEQUATE: ("#ffffbf", "#000000"),
    Grade.REQUIRES_IMPROVEMENT: ("#fdae61", "#000000"),
    Grade.INADEQUATE: ("#d7191c", "#ffffff"),
    None: ("#e0e0e0", "#000000"),
}
"""The colours grades are shown in, as ``(background, text)`` hex pairs: ColorBrewer's
colour-blind safe RdYlBu palette, with a text colour of sufficient contrast. ``None``
(not graded, or no grade recorded) is grey. The HTML tables and the charts use it."""

_STYLE = (
    "<style>.peel table{border-collapse:collapse;margin:.3em 0}"
    ".peel th,.peel td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
    ".peel .grade{display:inline-block;padding:0 .4em;border-radius:.3em;font-weight:bold}</style>"
)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _grade_html(judgment: Judgment, label: str = "", *, labelled: bool = False) -> str:
    """A grade chip: coloured, the grade in words, and what it grades as a tooltip
    (``labelled``: as text in the chip too, where no column says it)."""
    background, text = GRADE_COLOURS[judgment.grade]
    words = judgment.describe()
    tip = f"{label}: {words}" if label else words
    shown = tip if labelled else words
    return (
        f'<span class="grade" title="{_e(tip)}" '
        f'style="background:{background};color:{text}">{_e(shown)}</span>'
    )


def _published(inspection: Inspection) -> str:
    return format_date(inspection.published) if inspection.published else "not given"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _details(title: str, content: str) -> str:
    return f"<details><summary>{_e(title)}</summary>{content}</details>"


def _inspection_body(inspection: Inspection) -> str:
    force = inspection.force_record
    published = _published(inspection)
    parts = [
        f"<p><strong>{_e(force.name)}: {_e(inspection.title)}</strong><br/>"
        f"published {_e(published)}; {_e(inspection.programme.scale.label)} scale"
        + (
            "; fieldwork " + _e(", ".join(str(p) for p in inspection.fieldwork))
            if inspection.fieldwork
            else ""
        )
        + "</p>"
    ]
    rows = [
        (
            _e(inspection.subject_label(j.subject)),
            _grade_html(j, inspection.subject_label(j.subject)),
            _details("summary", f"<p>{_e(j.summary)}</p>") if j.summary else "",
        )
        for j in inspection.judgments
    ]
    parts.append(_table(("subject", "grade", "summary"), rows))
    for title, findings in (
        ("Areas for improvement", inspection.areas_for_improvement),
        ("Causes of concern", inspection.causes_of_concern),
        ("Innovative and promising practice", inspection.practices),
    ):
        if findings:
            items = "".join(
                f"<li><em>{_e(inspection.subject_label(f.subject))}</em>: {_e(f.text)}</li>"
                for f in findings
            )
            parts.append(_details(f"{title} ({len(findings)})", f"<ul>{items}</ul>"))
    if inspection.metrics:
        metric_rows = [
            (
                _e(m.name),
                _e(f"{m.value:,.{m.decimals}f}"),
                _e(m.unit.value),
                _e(m.period) if m.period else "",
                _e(f"{m.comparator.value:,.{m.decimals}f}") if m.comparator else "",
            )
            for m in inspection.metrics
        ]
        parts.append(
            _details(
                f"Metrics ({len(inspection.metrics)})",
                _table(("metric", "value", "unit", "period", "England and Wales"), metric_rows),
            )
        )
    return "".join(parts)


def _history_body(history: ForceHistory) -> str:
    from peelmodel import forces as _forces

    body = []
    for inspection in history:
        judged = inspection.judgments
        span = f' rowspan="{len(judged)}"' if len(judged) > 1 else ""
        first = f"<td{span}>{_e(inspection.title)}</td><td{span}>{_e(_published(inspection))}</td>"
        if not judged:
            body.append(f"<tr>{first}<td>(no judgments recorded)</td><td></td><td></td></tr>")
        for n, judgment in enumerate(judged):
            change = history.previous(inspection, judgment.subject)
            label = inspection.subject_label(judgment.subject)
            cells = (
                f"<td>{_e(label)}</td><td>{_grade_html(judgment, label)}</td>"
                f"<td>{_e(change.describe()) if change else ''}</td>"
            )
            body.append(f"<tr>{first if n == 0 else ''}{cells}</tr>")
    name = _forces.get(history.force).name if history.force in _forces.ids() else history.force
    title = (
        f"<p><strong>{_e(name)}: PEEL history, {_plural(len(history), 'inspection')}</strong></p>"
    )
    head = "".join(
        f"<th>{h}</th>" for h in ("programme", "published", "subject", "grade", "movement")
    )
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _count_chips(counts: dict[Grade | None, int]) -> str:
    chips = []
    for grade, count in counts.items():
        background, text = GRADE_COLOURS[grade]
        word = str(grade) if grade else "not graded"
        chips.append(
            f'<span class="grade" title="{_e(word)}: {count}" '
            f'style="background:{background};color:{text}">{_e(word)} {count}</span>'
        )
    return " ".join(chips)


def _dataset_body(dataset: Dataset) -> str:
    forces = {i.force for i in dataset}
    title = f"<p><strong>{_e(dataset.title or 'Dataset')}</strong>: "
    if len(forces) <= 1:
        force_name = dataset[0].force_record.name if len(dataset) else ""
        rows = [
            (
                _e(i.title),
                _e(_published(i)),
                " ".join(
                    _grade_html(j, i.subject_label(j.subject), labelled=True) for j in i.judgments
                ),
            )
            for i in dataset
        ]
        heading = title + _e(force_name + ", " if force_name else "")
        heading += f"{_plural(len(dataset), 'inspection')}</p>"
        return heading + _table(("inspection", "published", "grades"), rows)
    return _national_body(dataset, title, forces)


def _national_body(dataset: Dataset, title: str, forces: set[str]) -> str:
    from peelmodel import programmes as _programmes
    from peelmodel.national import _best_first, coverage

    judgments = sum(len(i.judgments) for i in dataset)
    present: dict[str, list[Inspection]] = {}
    for inspection in dataset:
        present.setdefault(inspection.programme.id, []).append(inspection)
    catalogue = [p.id for p in _programmes.catalogue()]
    order = sorted(
        present, key=lambda p: (catalogue.index(p) if p in catalogue else len(catalogue), p)
    )
    head = (
        title + f"{_plural(len(dataset), 'inspection')} of {_plural(len(forces), 'force')}, "
        f"{_plural(judgments, 'judgment')} in {_plural(len(order), 'programme')}</p>"
    )
    rows = []
    for programme_id in order:
        held = present[programme_id]
        programme = held[0].programme
        counts: dict[Grade | None, int] = {}
        for inspection in held:
            for j in inspection.judgments:
                counts[j.grade] = counts.get(j.grade, 0) + 1
        ordered = dict(sorted(counts.items(), key=_best_first))
        rows.append(
            (
                _e(programme.title),
                _e(programme.scale.label),
                _e(len({i.force for i in held})),
                _e(sum(len(i.judgments) for i in held)),
                _count_chips(ordered),
            )
        )
    parts = [
        head,
        _table(("programme", "scale", "forces", "judgments", "grades given"), rows),
        "<p>Grades before and after 2021 are on different scales and are not comparable. "
        "<code>for_force(name)</code> shows one force.</p>",
    ]
    cover_rows = []
    for row in coverage(dataset):
        if row.programme not in present:
            continue
        subject = _programmes.get(row.programme).subject(row.subject)
        missing = ", ".join(row.missing) if row.missing else ""
        cover_rows.append(
            (
                _e(_programmes.get(row.programme).title),
                _e(subject.label),
                _e(row.graded),
                _e(row.not_graded),
                _e(row.carried_over),
                f'<span title="{_e(missing)}">{_e(len(row.missing))}</span>',
            )
        )
    parts.append(
        _details(
            "Coverage per subject (forces graded, not graded, carried over, not recorded)",
            _table(
                ("programme", "subject", "graded", "not graded", "carried over", "not recorded"),
                cover_rows,
            ),
        )
    )
    return "".join(parts)


def html_of(obj: object) -> str:
    """The HTML a notebook shows for an Inspection, ForceHistory, Force or Dataset."""
    if isinstance(obj, Inspection):
        body = _inspection_body(obj)
    elif isinstance(obj, ForceHistory):
        body = _history_body(obj)
    elif isinstance(obj, Force):
        fields = [(_e(k), _e(v)) for k, v in _force_record(obj).items()]
        body = f"<p><strong>{_e(obj.name)}</strong></p>" + _table(("field", "value"), fields)
    elif isinstance(obj, Dataset):
        body = _dataset_body(obj)
    else:
        raise TypeError(f"no HTML view for {type(obj).__name__}")
    return f'<div class="peel">{_STYLE}{body}</div>'


def details(inspection: Inspection) -> str:
    """Everything an inspection holds, as plain text (the short repr leaves most out)."""
    force = inspection.force_record
    lines = [f"{force.name} ({force.id}): {inspection.title}"]
    lines.append(
        f"published: {format_date(inspection.published) if inspection.published else 'not given'}"
    )
    lines += [f"fieldwork: {p}" for p in inspection.fieldwork]
    lines.append(f"scale: {inspection.programme.scale.label}")
    lines.append("judgments:")
    for j in inspection.judgments:
        lines.append(f"  {inspection.subject_label(j.subject)}: {j.describe()}")
        if j.summary:
            lines.append(f"    {j.summary}")
    for title, findings in (
        ("areas for improvement", inspection.areas_for_improvement),
        ("causes of concern", inspection.causes_of_concern),
        ("practices", inspection.practices),
    ):
        if findings:
            lines.append(f"{title}:")
            for f in findings:
                lines.append(f"  [{inspection.subject_label(f.subject)}] {f.text}")
                for r in getattr(f, "recommendations", ()):
                    due = f" (by {format_date(r.deadline)})" if r.deadline else ""
                    lines.append(f"    recommendation: {r.text}{due}")
    if inspection.metrics:
        lines.append("metrics:")
        lines += [f"  {m}" + (f", {m.period}" if m.period else "") for m in inspection.metrics]
    lines += [f"source: {s}" + (f" ({s.note})" if s.note else "") for s in inspection.sources]
    return "\n".join(lines)


# --- records and frames ---------------------------------------------------------------


def _force_record(force: Force) -> dict[str, Any]:
    return {
        "id": force.id,
        "name": force.name,
        "country": force.country.value,
        "region": force.region,
        "ons_code": force.ons_code,
        "aliases": "|".join(force.aliases),
        "population": force.population.value if force.population else None,
        "population_as_at": force.population.as_at if force.population else None,
        "households": force.households.value if force.households else None,
        "households_as_at": force.households.as_at if force.households else None,
    }


def _judgment_records(
    inspections: Iterable[Inspection], history: ForceHistory | None = None
) -> list[dict[str, Any]]:
    rows = []
    for inspection in inspections:
        force = inspection.force_record
        fallback = inspection.sources[0] if inspection.sources else None
        for judgment in inspection.judgments:
            subject = inspection.programme.subject(judgment.subject)
            source = judgment.source or fallback
            row: dict[str, Any] = {
                "force": inspection.force,
                "force_name": force.name,
                "region": force.region,
                "programme": inspection.programme.id,
                "inspection": inspection.title,
                "year": inspection.programme.year,
                "pillar": inspection.pillar.value if inspection.pillar else None,
                "published": inspection.published,
                "scale": inspection.programme.scale.value,
                "subject": judgment.subject,
                "subject_label": subject.label,
                "kind": subject.kind.value,
                "grade": judgment.grade.value if judgment.grade else None,
                "status": judgment.status.value,
                "carried_over_from": judgment.carried_over_from,
                "source_url": source.url if source else None,
            }
            if history is not None:
                change = history.previous(inspection, judgment.subject)
                row["movement"] = change.movement.value if change else None
            rows.append(row)
    return rows


def records(obj: object) -> list[dict[str, Any]]:
    """Flat rows of plain values (str, int, float, date, None); no pandas needed.

    An Inspection, Dataset or ForceHistory gives a row per judgment (a history adds the
    movement); a Force gives one row.
    """
    if isinstance(obj, Inspection):
        return _judgment_records([obj])
    if isinstance(obj, ForceHistory):
        return _judgment_records(obj, obj)
    if isinstance(obj, Dataset):
        return _judgment_records(obj)
    if isinstance(obj, Force):
        return [_force_record(obj)]
    raise TypeError(f"no records for {type(obj).__name__}")


def metric_records(obj: Inspection | Dataset | ForceHistory) -> list[dict[str, Any]]:
    """A row per metric of each inspection, with its comparator."""
    inspections = [obj] if isinstance(obj, Inspection) else list(obj)
    return [
        {
            "force": inspection.force,
            "inspection": inspection.title,
            "metric": metric.id,
            "name": metric.name,
            "value": metric.value,
            "unit": metric.unit.value,
            "decimals": metric.decimals,
            "period_start": metric.period.start if metric.period else None,
            "period_end": metric.period.end if metric.period else None,
            "count": metric.count,
            "base": metric.base,
            "part_of": metric.part_of,
            "comparator": metric.comparator.value if metric.comparator else None,
            "comparator_area": metric.comparator.area if metric.comparator else None,
        }
        for inspection in inspections
        for metric in inspection.metrics
    ]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "to_frame() needs pandas: pip install 'peelmodel[pandas]' "
            "(to_records() gives the same rows without it)"
        ) from None
    return pandas


_DATE_COLUMNS = ("published", "population_as_at", "households_as_at", "period_start", "period_end")
_INT_COLUMNS = (
    "year",
    "carried_over_from",
    "population",
    "households",
    "count",
    "base",
    "decimals",
)


def _typed(rows: list[dict[str, Any]], columns: Iterable[str]) -> pandas.DataFrame:
    pd = _pandas()
    df = pd.DataFrame(rows, columns=list(columns))
    for column in df.columns:
        if column in _DATE_COLUMNS:
            df[column] = pd.to_datetime(df[column])
        elif column in _INT_COLUMNS:
            df[column] = df[column].astype("Int64")
        elif column == "grade":
            order = [g.value for g in sorted(Grade)]
            df[column] = pd.Categorical(df[column], categories=order, ordered=True)
        elif column in ("value", "comparator"):
            df[column] = df[column].astype("float64")
        else:
            df[column] = df[column].astype("string")
    return df


_JUDGMENT_COLUMNS = (
    "force", "force_name", "region", "programme", "inspection", "year", "pillar", "published",
    "scale", "subject", "subject_label", "kind", "grade", "status", "carried_over_from",
    "source_url",
)  # fmt: skip
_METRIC_COLUMNS = (
    "force", "inspection", "metric", "name", "value", "unit", "decimals", "period_start",
    "period_end", "count", "base", "part_of", "comparator", "comparator_area",
)  # fmt: skip


def frame(obj: object) -> pandas.DataFrame:
    """:func:`records` as a pandas DataFrame: grades an ordered categorical (Inadequate <
    ... < Outstanding), dates as datetimes, counts as nullable integers, text as strings."""
    rows = records(obj)
    if isinstance(obj, Force):
        return _typed(rows, rows[0].keys())
    columns = _JUDGMENT_COLUMNS + (("movement",) if isinstance(obj, ForceHistory) else ())
    return _typed(rows, columns)


def metric_frame(obj: Inspection | Dataset | ForceHistory) -> pandas.DataFrame:
    """:func:`metric_records` as a pandas DataFrame."""
    return _typed(metric_records(obj), _METRIC_COLUMNS)


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
