"""Charts, with the ``plot`` extra (matplotlib). They return the matplotlib Axes and
never call ``show()``: display and saving are the caller's.

* :func:`grade_timeline`: a force's grades over time, programmes on the x axis,
  subjects as rows, each cell coloured by grade and labelled with the grade word.
* :func:`metric_comparison`: metrics against their England and Wales comparators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from peelmodel import forces
from peelmodel.history import ForceHistory
from peelmodel.metrics import Metric
from peelmodel.notebook import GRADE_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["grade_timeline", "metric_comparison"]


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
    say). Metrics of different units are allowed, but a chart reads best with one unit."""
    if not metrics:
        raise ValueError("metric_comparison needs at least one metric")
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
