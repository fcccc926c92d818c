"""The user docs speak of public documents and use no figure the sources do not give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
DATA = "".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "src" / "peelmodel" / "data").rglob("*.json")
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_docs_name_public_documents_not_internal_files(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for internal in (r"\bseeds?\b", r"shared/", r"\d{3}_[0-9a-f]{16}", r"scratch"):
        assert not re.search(internal, text, re.IGNORECASE), (page.name, internal)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_docs_use_no_population_the_sources_do_not_give(page: Path) -> None:
    # A population or other base of a million or more may appear in the docs only if the
    # shipped data holds it, a doctest computes it (an output line), or the line says it
    # is an illustration.
    lines = page.read_text(encoding="utf-8").splitlines()
    outputs = " ".join(
        re.sub(r"[,_]", "", line)
        for k, line in enumerate(lines)
        if "illustrat" in line
        or (
            k
            and not line.lstrip().startswith((">>>", "..."))
            and lines[k - 1].lstrip().startswith(">>>")
        )
    )
    for i, line in enumerate(lines):
        for found in re.findall(r"\b\d{1,3}(?:[,_]\d{3}){2,}\b|\b\d{7,}\b", line):
            number = re.sub(r"[,_]", "", found)
            if re.fullmatch(r"10*", number):  # a multiplier (per=1_000_000), not a base
                continue
            assert number in DATA or number in outputs or "illustrat" in line, (
                page.name,
                i + 1,
                found,
            )
