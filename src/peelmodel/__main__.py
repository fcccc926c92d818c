"""The peelmodel command line: ``peelmodel`` or ``python -m peelmodel``.

* ``peelmodel`` (or ``peelmodel show essex``): Essex Police's PEEL history from the
  embedded data, as a table with the movements; ``peelmodel show FILE.json`` does the
  same for a file of your own.
* ``peelmodel show FORCE``: any force's history from the national record (by id, name
  or alias); ``peelmodel show --programme peel-2017``: every force's grades in one
  round, one row per force.
* ``peelmodel coverage``: what the national record holds, per round and subject.
* ``peelmodel reference``: the forces, grading scales and programmes, with the
  published wording of every subject and the page it comes from.
* ``peelmodel validate FILE...``: each problem as ``FILE: path: message``; exit 1 when
  any file is invalid, 0 when all are valid, 2 on usage errors.
* ``peelmodel schema [CLASS]``: the JSON Schema of a class (Inspection by default).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import peelmodel
from peelmodel import forces, programmes
from peelmodel.grades import GradingScale

__all__ = ["main"]

# The classes a document can hold, by name.
DOCUMENT_TYPES: dict[str, type[Any]] = {
    name: getattr(peelmodel, name)
    for name in (
        "Inspection",
        "Dataset",
        "Programme",
        "Force",
        "Judgment",
        "Metric",
        "Period",
        "AreaForImprovement",
        "CauseOfConcern",
        "Practice",
        "Recommendation",
        "Comparator",
        "Source",
        "Subject",
        "Estimate",
    )
}


def _reference(out: TextIO) -> int:
    lines = ["The 43 police forces of England and Wales that PEEL inspects", ""]
    rows = [(f.id, f.name, f.region, f.ons_code) for f in forces.all()]
    header = ("id", "name", "region", "ONS code")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    for row in (header, *rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    lines += ["", "Grading scales"]
    lines += [
        f"  {scale.label}: " + " > ".join(g.value for g in scale.grades) for scale in GradingScale
    ]
    lines += ["", "Programmes (titles as published; * marks a title no public page confirmed)"]
    for p in programmes.all():
        graded = sum(1 for s in p.subjects if s.graded)
        lines.append("")
        lines.append(f"{p.title} ({p.id}): {p.scale.label} scale, {graded} graded subjects")
        for source in p.sources:
            lines.append(f"  source: {source}")
        for subject in p.subjects:
            mark = "*" if subject.unconfirmed else " "
            state = "" if subject.graded else " [not graded]"
            lines.append(f"  {mark} {subject.id}: {subject.title}{state}")
            if subject.source is not None and subject.source.url:
                lines.append(f"      {subject.source.url}")
    out.write("\n".join(lines) + "\n")
    return 0


def _national_table(programme_id: str, out: TextIO) -> int:
    from peelmodel import datasets

    programme = programmes.get(programme_id)
    national = datasets.national()
    subjects = [s for s in programme.subjects if s.graded and s.parent is None]
    grades: dict[tuple[str, str], str] = {}
    for inspection in national:
        if inspection.programme.id != programme.id:
            continue
        for j in inspection.judgments:
            grades[(inspection.force, j.subject)] = j.describe()
    header = ("force", *(_clip(s.label, 28) for s in subjects))
    rows = [(f.name, *(grades.get((f.id, s.id), "-") for s in subjects)) for f in forces.all()]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = [f"{programme.title}: every force's grades from the national record", ""]
    for row in (header, *rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines += ["", "- : no public page used here states it."]
    out.write("\n".join(lines) + "\n")
    return 0


def _coverage(out: TextIO) -> int:
    from peelmodel import datasets
    from peelmodel.national import coverage

    rows = coverage(datasets.national())
    lines = ["What the national record holds, per round and graded subject (of 43 forces)", ""]
    lines.append(f"{'programme':<14} {'subject':<40} {'forces':>6}  missing")
    for r in rows:
        missing = ", ".join(r.missing) if len(r.missing) <= 4 else f"{len(r.missing)} forces"
        lines.append(
            f"{r.programme:<14} {r.subject:<40} {r.forces:>6}  {missing if r.missing else ''}".rstrip()
        )
    out.write("\n".join(lines) + "\n")
    return 0


def _clip(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _movement(change: peelmodel.Change | None) -> str:
    return "" if change is None else change.describe()


def _history_table(history: peelmodel.ForceHistory, origin: str) -> str:
    force = forces.get(history.force)
    rows: list[tuple[str, str, str, str, str]] = []
    scale = None
    for inspection in history:
        new_scale = scale is not None and inspection.programme.scale is not scale
        scale = inspection.programme.scale
        published = (
            inspection.published.strftime("%-d %b %Y") if inspection.published else "not given"
        )
        first = True
        for judgment in inspection.judgments:
            rows.append(
                (
                    inspection.title if first else "",
                    published if first else "",
                    _clip(inspection.subject_label(judgment.subject)),
                    judgment.describe(),
                    _movement(history.previous(inspection, judgment.subject))
                    or (
                        f"not comparable: {scale.label} scale from here"
                        if new_scale and first
                        else ""
                    ),
                )
            )
            first = False
        if first:
            rows.append((inspection.title, published, "(no judgments recorded)", "", ""))
    header = ("programme", "published", "pillar, question or area", "grade", "movement")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(5)]
    lines = [f"{force.name} ({force.id}): PEEL history from {origin}", ""]
    for i, row in enumerate((header, *rows)):
        if i > 1 and row[0]:
            lines.append("")
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    lines += [
        "",
        "Grades from before and after the 2021 change of scale (four to five points) are not compared.",
        "What a source does not give (a date, a grade) is left out, not guessed.",
    ]
    notes = [(i.title, s.note) for i in history for s in i.sources if s.note]
    if notes:
        lines += ["", "Notes from the sources:"]
        lines += [f"- {title}: {note}" for title, note in notes]
    return "\n".join(lines) + "\n"


def _show(target: str, out: TextIO) -> int:
    from peelmodel import datasets

    if target != "-" and not os.path.exists(target):  # not a file: a force
        try:
            force = forces.get(target)
        except peelmodel.ValidationError as error:
            out.write(f"{target}: {error.problems[0].message}\n")
            return 1
        history = peelmodel.ForceHistory.of(force.id, datasets.national())
        out.write(_history_table(history, "the embedded data (HMIC/HMICFRS sources)"))
        return 0
    obj = _load(target, None, out)
    if obj is None:
        return 1
    inspections = list(obj) if isinstance(obj, peelmodel.Dataset) else [obj]
    force_ids = sorted({i.force for i in inspections})
    out.write(
        "\n".join(
            _history_table(peelmodel.ForceHistory.of(f, inspections), target) for f in force_ids
        )
    )
    return 0


def _document_type(text: str, forced: str | None) -> type[Any]:
    if forced is not None:
        return DOCUMENT_TYPES[forced]
    try:
        data = json.loads(text)
    except ValueError:
        return DOCUMENT_TYPES["Inspection"]  # from_json reports the syntax error
    if isinstance(data, dict) and "inspections" in data:
        return DOCUMENT_TYPES["Dataset"]
    return DOCUMENT_TYPES["Inspection"]


def _load(name: str, forced: str | None, out: TextIO) -> Any:
    """The object in file ``name`` ("-": standard input), or None after writing each
    problem as ``name: path: message``."""
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        out.write(f"{name}: $: cannot read the file: {reason}\n")
        return None
    try:
        return peelmodel.from_json(text, _document_type(text, forced))
    except peelmodel.ValidationError as error:
        for problem in error.problems:
            out.write(f"{name}: {problem.path}: {problem.message}\n")
        return None


def _validate(files: Sequence[str], forced: str | None, out: TextIO) -> int:
    invalid = 0
    for name in files:
        obj = _load(name, forced, out)
        if obj is None:
            invalid += 1
            continue
        warnings = peelmodel.check(obj)
        for problem in warnings:
            out.write(f"{name}: {problem.path}: {problem.severity.value}: {problem.message}\n")
        out.write(f"{name}: valid {type(obj).__name__}\n")
    return 1 if invalid else 0


def _schema(class_name: str, out: TextIO, parser: argparse.ArgumentParser) -> int:
    cls = DOCUMENT_TYPES.get(class_name)
    if cls is None:
        close = difflib.get_close_matches(class_name, list(DOCUMENT_TYPES), n=1)
        hint = (
            f"; did you mean {close[0]!r}?" if close else f" (one of {', '.join(DOCUMENT_TYPES)})"
        )
        parser.error(f"{class_name!r} is not a peelmodel class{hint}")
    out.write(json.dumps(peelmodel.json_schema(cls), indent=2, ensure_ascii=False) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``peelmodel`` command."""
    parser = argparse.ArgumentParser(
        prog="peelmodel",
        description="PEEL inspections of the police forces of England and Wales.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    show = sub.add_parser(
        "show",
        help="a force's PEEL history as a table (the default: Essex, from the embedded data)",
    )
    show.add_argument(
        "target",
        nargs="?",
        default="essex",
        metavar="FORCE|FILE",
        help="a force (id, name or alias) or a JSON file; default essex",
    )
    show.add_argument(
        "--programme", metavar="ID", help="every force's grades in one round (e.g. peel-2017)"
    )
    sub.add_parser("coverage", help="what the national record holds, per round and subject")
    sub.add_parser(
        "reference",
        help="the 43 forces, the grading scales and the programmes with their published wording",
    )
    validate = sub.add_parser(
        "validate",
        help="check JSON files; print each problem as FILE: path: message",
        description="Check peelmodel JSON files. Exit status: 0 all valid, 1 any invalid, 2 usage error.",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="a JSON file, or - for standard input"
    )
    validate.add_argument(
        "--type",
        choices=sorted(DOCUMENT_TYPES),
        metavar="CLASS",
        help="what each file holds (default: a Dataset if it has 'inspections', else an Inspection)",
    )
    schema = sub.add_parser("schema", help="print the JSON Schema (draft 2020-12) of a class")
    schema.add_argument(
        "cls", nargs="?", default="Inspection", metavar="CLASS", help="default: Inspection"
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    stream = out if out is not None else sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files, args.type, stream)
    if args.command == "schema":
        return _schema(args.cls, stream, parser)
    if args.command == "reference":
        return _reference(stream)
    if args.command == "coverage":
        return _coverage(stream)
    if getattr(args, "programme", None):
        try:
            return _national_table(args.programme, stream)
        except peelmodel.ValidationError as error:
            stream.write(f"{args.programme}: {error.problems[0].message}\n")
            return 2
    return _show(getattr(args, "target", "essex"), stream)


if __name__ == "__main__":
    raise SystemExit(main())
