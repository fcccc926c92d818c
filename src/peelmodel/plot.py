"""Charts, with the ``plot`` extra (matplotlib). They return the matplotlib Axes and
never call ``show()``: display and saving are the caller's.

* :func:`grade_timeline`: a force's grades over time, programmes on the x axis,
  subjects as rows, each cell coloured by grade and labelled with the grade word.
* :func:`metric_comparison`: metrics against their England and Wales comparators.
* :func:`national_heatmap`: every force (rows) against every round's graded subjects
  (columns), each cell coloured by grade and labelled with a short grade word.
* :func:`grade_distribution`: how many forces got each grade in one round, per subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from peelmodel import forces
from peelmodel import programmes as _programmes
from peelmodel.grades import Grade
from peelmodel.history import ForceHistory
from peelmodel.inspections import Inspection
from peelmodel.metrics import Metric
from peelmodel.notebook import GRADE_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["grade_distribution", "grade_timeline", "metric_comparison", "national_heatmap"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "peelmodel.plot needs matplotlib: pip install 'peelmodel[plot]'"
        ) from None
    return plt


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    plt = _pyplot()
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new  # type: ignore[no-any-return]


def grade_timeline(history: ForceHistory, *, ax: Axes | None = None) -> Axes:
    """A force's grades: a column per inspection, a row per subject, each judged cell
    coloured by its grade and labelled with the grade word (colour is never the only
    signal). A heavy line marks the change of grading scale."""
    inspections = list(history)
    subjects = list(history.subjects())
    labels: dict[str, str] = {}
    for inspection in inspections:
        for judgment in inspection.judgments:
            labels.setdefault(judgment.subject, inspection.subject_label(judgment.subject))
    axes = _axes(ax, (2.2 * max(len(inspections), 1) + 3, 0.45 * max(len(subjects), 1) + 1.5))
    from matplotlib.patches import Rectangle

    for x, inspection in enumerate(inspections):
        for judgment in inspection.judgments:
            y = subjects.index(judgment.subject)
            background, text = GRADE_COLOURS[judgment.grade]
            axes.add_patch(
                Rectangle(
                    (x - 0.48, y - 0.45),
                    0.96,
                    0.9,
                    facecolor=background,
                    edgecolor="white",
                    gid=f"{x}:{judgment.subject}",
                )
            )
            axes.text(x, y, judgment.describe(), ha="center", va="center", color=text, fontsize=8)
        if x and inspection.programme.scale is not inspections[x - 1].programme.scale:
            axes.axvline(x - 0.5, color="black", linewidth=2)
            axes.annotate(
                f"{inspection.programme.scale.label} scale\n(not comparable)",
                (x - 0.45, -0.5),
                xytext=(0, 4),
                textcoords="offset points",
                fontsize=7,
                va="bottom",
                annotation_clip=False,
            )
    axes.set_xlim(-0.5, max(len(inspections), 1) - 0.5)
    axes.set_ylim(max(len(subjects), 1) - 0.5, -0.5)
    axes.set_xticks(
        range(len(inspections)), [i.title for i in inspections], rotation=30, ha="right"
    )
    axes.set_yticks(range(len(subjects)), [labels[s] for s in subjects])
    axes.set_title(f"{forces.get(history.force).name}: PEEL grades")
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    return axes


def metric_comparison(
    metrics: Sequence[Metric], *, label: str = "force", ax: Axes | None = None
) -> Axes:
    """Each metric beside its comparator (England and Wales): paired horizontal bars,
    labelled with the published values. ``label`` names the force's bars (its name,
    say). All the metrics must share one unit: bars of percentages and rates per 1,000
    on one axis would mislead, so mixed units are refused (chart each unit apart)."""
    if not metrics:
        raise ValueError("metric_comparison needs at least one metric")
    units = list(dict.fromkeys(m.unit for m in metrics))
    if len(units) > 1:
        by_unit = "; ".join(
            f"{u.value}: {', '.join(m.id for m in metrics if m.unit is u)}" for u in units
        )
        raise ValueError(
            f"metric_comparison puts one unit on its axis, but these metrics have "
            f"{len(units)} ({by_unit}); chart each unit apart, for example "
            f"[m for m in metrics if m.unit is Unit.{units[0].name}]"
        )
    axes = _axes(ax, (7, 0.6 * len(metrics) + 1.5))
    height = 0.38
    names = []
    for y, metric in enumerate(metrics):
        names.append(f"{metric.name} ({metric.unit.value})")
        bar = axes.barh(
            y - height / 2, metric.value, height, color="#2c7bb6", label=label if y == 0 else None
        )
        axes.bar_label(bar, [f"{metric.value:,.{metric.decimals}f}"], padding=3, fontsize=8)
        if metric.comparator is not None:
            c = metric.comparator
            bar = axes.barh(
                y + height / 2, c.value, height, color="#fdae61", label=c.area if y == 0 else None
            )
            axes.bar_label(bar, [f"{c.value:,.{metric.decimals}f}"], padding=3, fontsize=8)
    axes.set_yticks(range(len(metrics)), names)
    axes.invert_yaxis()
    axes.axvline(0, color="black", linewidth=0.8)
    axes.margins(x=0.12)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=2, fontsize=8, frameon=False)
    return axes


# Short grade words for small cells; the legend gives them in full.
SHORT_GRADE = {
    Grade.OUTSTANDING: "Outst.",
    Grade.GOOD: "Good",
    Grade.ADEQUATE: "Adeq.",
    Grade.REQUIRES_IMPROVEMENT: "RI",
    Grade.INADEQUATE: "Inad.",
    None: "n/g",
}


def _legend(
    axes: Axes, grades: Iterable[Grade | None], *, short: bool, below: float = -0.04
) -> None:
    from matplotlib.patches import Patch

    handles = []
    for grade in grades:
        background, _ = GRADE_COLOURS[grade]
        word = str(grade) if grade else "not graded"
        label = f"{SHORT_GRADE[grade]} = {word}" if short else word
        handles.append(Patch(facecolor=background, edgecolor="#999999", label=label))
    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, below),
        ncols=min(len(handles), 6),
        fontsize=8,
        frameon=False,
    )


def _programme_order(inspections: Iterable[Inspection]) -> list[str]:
    present = {i.programme.id for i in inspections}
    known = [p.id for p in _programmes.catalogue() if p.id in present]
    return known + sorted(present - set(known))


def national_heatmap(
    inspections: Iterable[Inspection],
    *,
    programmes: Sequence[str] | None = None,
    subjects: str = "headline",
    ax: Axes | None = None,
) -> Axes:
    """Every force against every round: a row per force, a column per programme's
    subject, each cell coloured by grade and labelled with a short grade word (the
    legend spells them out), so colour is never the only signal. A carried-over grade
    is marked "*"; an empty cell is a grade no cited page gives.

    ``subjects="headline"`` (the default) shows the pillars of PEEL 2014 to 2018/19 and
    the areas of the later rounds; ``"all"`` adds the questions. A heavy line marks the
    change of grading scale in 2021: the grades either side are not comparable.
    """
    if subjects not in ("headline", "all"):
        raise ValueError('subjects must be "headline" or "all"')
    held = list(inspections)
    order = list(programmes) if programmes is not None else _programme_order(held)
    cells: dict[tuple[str, str, str], Any] = {}
    used: set[tuple[str, str]] = set()
    for inspection in held:
        if inspection.programme.id not in order:
            continue
        for j in inspection.judgments:
            entry = inspection.programme.subject(j.subject)
            if subjects == "headline" and (entry.kind.value == "question" or not entry.graded):
                continue
            cells[(inspection.force, inspection.programme.id, j.subject)] = j
            used.add((inspection.programme.id, j.subject))
    if not used:
        raise ValueError("no judgments to show for these programmes")
    columns: list[tuple[str, str]] = []
    for programme_id in order:
        ids = [s.id for s in _programmes.get(programme_id).subjects]
        columns += sorted(
            (c for c in used if c[0] == programme_id),
            key=lambda c: ids.index(c[1]) if c[1] in ids else len(ids),
        )
    rows = sorted({f for f, _, _ in cells}, key=lambda f: forces.get(f).name)
    axes = _axes(ax, (0.42 * len(columns) + 3.5, 0.24 * len(rows) + 2.5))
    from matplotlib.patches import Rectangle

    shown: set[Grade | None] = set()
    for y, force in enumerate(rows):
        for x, (programme_id, subject) in enumerate(columns):
            judgment = cells.get((force, programme_id, subject))
            if judgment is None:
                continue
            shown.add(judgment.grade)
            background, text = GRADE_COLOURS[judgment.grade]
            axes.add_patch(
                Rectangle(
                    (x - 0.5, y - 0.5),
                    1,
                    1,
                    facecolor=background,
                    edgecolor="white",
                    linewidth=0.5,
                    gid=f"{force}:{programme_id}:{subject}",
                )
            )
            label = SHORT_GRADE[judgment.grade] + ("*" if judgment.carried_over_from else "")
            axes.text(x, y, label, ha="center", va="center", color=text, fontsize=5)
    scales = [_programmes.get(p).scale for p, _ in columns]
    for x in range(1, len(columns)):
        if columns[x][0] != columns[x - 1][0]:
            changed = scales[x] is not scales[x - 1]
            axes.axvline(
                x - 0.5,
                color="black",
                linewidth=2.5 if changed else 0.6,
                gid="scale-change" if changed else None,
            )
            if changed:
                axes.annotate(
                    f"{scales[x].label} scale from here (not comparable)",
                    (x - 0.45, len(rows) - 0.5),
                    xytext=(0, -14),
                    textcoords="offset points",
                    fontsize=7,
                    va="top",
                    annotation_clip=False,
                )
    axes.set_xlim(-0.5, len(columns) - 0.5)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    labels = [
        f"{_programmes.get(p).title}: {_programmes.get(p).subject(s).label}" for p, s in columns
    ]
    axes.set_xticks(range(len(columns)), labels, rotation=90, fontsize=6)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(rows)), [forces.get(f).name for f in rows], fontsize=6)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    _legend(
        axes, sorted(shown, key=lambda g: -1 if g is None else g.rank, reverse=True), short=True
    )
    return axes


def grade_distribution(
    inspections: Iterable[Inspection],
    programme: str,
    *,
    subjects: str = "headline",
    ax: Axes | None = None,
) -> Axes:
    """How many forces got each grade in one round: a stacked bar per graded subject,
    each segment labelled with its count, and "not recorded" for the forces no cited
    page gives a grade for. ``subjects="headline"`` (the default) shows pillars and
    areas; ``"all"`` adds the questions."""
    from peelmodel.national import coverage, distribution

    if subjects not in ("headline", "all"):
        raise ValueError('subjects must be "headline" or "all"')
    held = [i for i in inspections if i.programme.id == programme]
    record = _programmes.get(programme)
    rows = [
        c
        for c in coverage(held)
        if c.programme == programme
        and c.forces
        and (subjects == "all" or record.subject(c.subject).kind.value != "question")
    ]
    if not rows:
        raise ValueError(f"no judgments of {programme} to show")
    axes = _axes(ax, (10, 0.5 * len(rows) + 2))
    grades: list[Grade | None] = [*record.scale.grades, None]
    shown: set[Grade | None] = set()
    for y, row in enumerate(rows):
        counts = distribution(held, programme, row.subject)
        left = 0
        for grade in grades:
            count = counts.get(grade, 0)
            if not count:
                continue
            shown.add(grade)
            background, text = GRADE_COLOURS[grade]
            bar = axes.barh(
                y,
                count,
                left=left,
                color=background,
                edgecolor="white",
                gid=f"{row.subject}:{grade}",
            )
            axes.bar_label(bar, [str(count)], label_type="center", color=text, fontsize=7)
            left += count
        if row.missing:
            bar = axes.barh(
                y,
                len(row.missing),
                left=left,
                color="white",
                edgecolor="#999999",
                hatch="//",
                gid=f"{row.subject}:not recorded",
            )
            axes.bar_label(
                bar, [f"{len(row.missing)} not recorded"], label_type="center", fontsize=6
            )
    import textwrap

    names = [textwrap.fill(record.subject(r.subject).label, 40) for r in rows]
    axes.set_yticks(range(len(rows)), names, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, len(forces.ids()))
    axes.set_xlabel("forces")
    axes.set_title(f"{record.title}: grades of the {len(forces.ids())} forces")
    _legend(axes, [g for g in grades if g in shown], short=False, below=-0.1 - 0.4 / len(rows))
    return axes


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
