"""The peelmodel command line: ``peelmodel`` or ``python -m peelmodel``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from peelmodel import forces, programmes
from peelmodel.grades import GradingScale

__all__ = ["main"]


def _show_reference(out: list[str]) -> None:
    out.append("The 43 police forces of England and Wales that PEEL inspects")
    out.append("")
    rows = [(f.id, f.name, f.region, f.ons_code) for f in forces.all()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("id", "name", "region", "ONS code")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    for row in (header, *rows):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    out.append("")
    out.append("Grading scales")
    for scale in GradingScale:
        out.append(f"  {scale.label}: " + " > ".join(g.value for g in scale.grades))
    out.append("")
    out.append("Programmes")
    for p in programmes.all():
        graded = sum(1 for s in p.subjects if s.graded)
        out.append(f"  {p.id:<14} {p.title:<13} {p.scale.label} scale, {graded} graded subjects")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peelmodel",
        description="PEEL inspections of the police forces of England and Wales.",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("reference", help="list the 43 forces, the grading scales and the programmes")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out: list[str] = []
    if args.command in (None, "reference"):
        _show_reference(out)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
