"""Build peelmodel/data/national.json from the gathered rows in data-src/national/*.csv.

Each row is one grade (or state) that a public page states, with that page's URL,
title, publisher and date. The script maps rows onto the catalogue's subjects, keeps
one row per judgment (rows that disagree are left out and listed), leaves out the
inspections the detailed Essex record holds, and writes the dataset through to_json,
so that it loads through from_json like any user's file. Run from the repository root:

    python tools/build_national.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import attrs

import peelmodel as pm

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "data-src" / "national"
OUT = ROOT / "src" / "peelmodel" / "data" / "national.json"
PER_PILLAR = {"peel-2015", "peel-2016", "peel-2017"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("’", "'")).strip()


def _subject(programme: pm.Programme, subject: str) -> str | None:
    kind, _, rest = subject.partition(":")
    if kind == "pillar":
        return rest if programme.get_subject(rest) else None
    if kind == "question":
        for s in programme.subjects:
            if s.kind is pm.SubjectKind.QUESTION and _norm(s.title) == _norm(rest):
                return s.id
        return None
    if kind == "area":
        key = rest.split("|", 1)[0]
        return key if programme.get_subject(key) else None
    return None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or "") else None


def _source(row: dict[str, str]) -> pm.Source:
    return pm.Source(
        title=row["page_title"] or None,
        url=row["url"],
        publisher=row["publisher"] or None,
        published=_date(row["page_date"]),
    )


def main() -> int:
    detailed = pm.from_json((ROOT / "src/peelmodel/data/essex.json").read_bytes(), pm.Dataset)
    held = {(i.force, i.programme.id, i.pillar) for i in detailed}
    rows = [r for f in sorted(SRC.glob("*.csv")) for r in csv.DictReader(f.open(encoding="utf-8"))]
    judged: dict[tuple[object, ...], list[dict[str, str]]] = defaultdict(list)
    counts: dict[tuple[object, ...], list[dict[str, str]]] = defaultdict(list)
    skipped: list[str] = []
    for row in rows:
        if row["force_id"] not in pm.forces.ids():
            skipped.append(f"unknown force {row['force_id']}")
            continue
        programme = pm.programmes.get(row["programme"])
        if row["subject"].startswith("count:"):
            key = (row["force_id"], programme.id, None)
            counts[key].append(row)
            continue
        subject_id = _subject(programme, row["subject"])
        if subject_id is None:
            skipped.append(f"{row['programme']} {row['subject']}: no such subject")
            continue
        subject = programme.subject(subject_id)
        pillar = subject.pillar if programme.id in PER_PILLAR else None
        if row["state"] in ("not_yet_graded", "") or (
            row["state"] == "carried_over" and not row["grade"]
        ):
            skipped.append(
                f"{row['force_id']} {programme.id} {subject_id}: {row['state'] or 'no state'}"
            )
            continue
        judged[(row["force_id"], programme.id, pillar, subject_id)].append(row)

    conflicts: list[str] = []
    inspections: dict[tuple[object, ...], dict[str, object]] = {}
    for (force, programme_id, pillar, subject_id), found in sorted(judged.items(), key=str):
        if (force, programme_id, pillar) in held:
            continue
        programme = pm.programmes.get(programme_id)
        subject = programme.subject(subject_id)
        outcomes = {(r["state"] if r["state"] != "graded" else "graded", r["grade"]) for r in found}
        if len(outcomes) > 1:
            conflicts.append(f"{force} {programme_id} {subject_id}: {sorted(outcomes)}")
            continue
        if not subject.graded and any(r["grade"] for r in found):
            # a grade for what the catalogue calls ungraded: the programme differed for
            # this force (an early 2021/22 framework); left out rather than mis-stated
            conflicts.append(f"{force} {programme_id} {subject_id}: graded, but ungraded here")
            continue
        row = sorted(
            found,
            key=lambda r: (
                "justiceinspectorates" not in r["url"],
                "/peel-assessments/" not in r["url"],
                r["url"],
            ),
        )[0]
        grade = pm.Grade.parse(row["grade"]) if row["grade"] and subject.graded else None
        if row["state"] == "graded" and grade is None:
            continue
        carried = None
        if row["state"] == "carried_over":
            if not row["carried_from"]:
                skipped.append(f"{force} {programme_id} {subject_id}: carried over from no year")
                continue
            carried = int(row["carried_from"])
        entry = inspections.setdefault(
            (force, programme_id, pillar),
            {"judgments": [], "published": set(), "tranche": set(), "sources": {}},
        )
        source = _source(row)
        entry["judgments"].append(  # type: ignore[union-attr]
            pm.Judgment(subject=subject_id, grade=grade, carried_over_from=carried, source=source)
        )
        entry["sources"][source.url] = source  # type: ignore[index]
        for r in found:
            if _date(r["published"]):
                entry["published"].add(_date(r["published"]))  # type: ignore[union-attr]
            if r["tranche"]:
                entry["tranche"].add(int(r["tranche"]))  # type: ignore[union-attr]
    for (force, programme_id, _), found in counts.items():
        key = (force, programme_id, None)
        if key in held or key not in inspections:
            continue
        per_grade: dict[str, set[int]] = defaultdict(set)
        for r in found:
            if r["count"].isdigit():
                per_grade[r["grade"]].add(int(r["count"]))
        gc = []
        for grade, values in sorted(per_grade.items()):
            if len(values) != 1:
                conflicts.append(f"{force} {programme_id} count {grade}: {sorted(values)}")
                continue
            row = next(r for r in found if r["grade"] == grade)
            gc.append(
                pm.GradeCount(grade=pm.Grade.parse(grade), count=values.pop(), source=_source(row))
            )
        inspections[key]["grade_counts"] = gc

    built = []
    for (force, programme_id, pillar), entry in sorted(inspections.items(), key=str):
        published = entry["published"]
        tranche = entry["tranche"]
        inspection = pm.Inspection(
            force=force,
            programme=pm.programmes.get(programme_id),
            pillar=pillar,
            # HMIC, "The first PEEL assessment": all 2014 assessments came out on 27 November 2014.
            published=min(published)  # type: ignore[type-var]
            if published
            else (date(2014, 11, 27) if programme_id == "peel-2014" else None),
            tranche=tranche.pop() if len(tranche) == 1 else None,  # type: ignore[union-attr,arg-type]
            judgments=entry["judgments"],
            grade_counts=entry.get("grade_counts", ()),
            sources=list(entry["sources"].values()),  # type: ignore[union-attr]
        )
        problems = [p for p in pm.check(inspection) if p.code.startswith("grade_count")]
        if problems:  # counts that disagree with the judgments are left out, and listed
            conflicts.append(f"{force} {programme_id}: {[p.message for p in problems]}")
            inspection = attrs.evolve(inspection, grade_counts=())
        built.append(inspection)
    dataset = pm.Dataset(
        inspections=built,
        title="PEEL grades of the 43 forces, each cited",
    )
    OUT.write_text(pm.to_json(dataset) + "\n", encoding="utf-8")
    report = {
        "rows": len(rows),
        "inspections": len(built),
        "judgments": sum(len(i.judgments) for i in built),
        "conflicts": conflicts,
        "skipped": len(skipped),
    }
    (SRC / "build-report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        json.dumps({k: v for k, v in report.items() if k != "conflicts"}),
        f"{len(conflicts)} conflicts",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
