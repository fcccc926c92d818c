"""Constructor signatures carry real types: mypy flags the mistakes and accepts the
correct uses in tests/typing/ (run here, so CI runs it with the tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api", reason="the typing test needs mypy (the dev extra)")

HERE = Path(__file__).parent / "typing"


def _errors(path: Path, cache: Path) -> dict[int, str]:
    stdout, stderr, _ = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(cache), str(path)]
    )
    assert not stderr, stderr
    found: dict[int, str] = {}
    for line in stdout.splitlines():
        match = re.match(rf".*{re.escape(path.name)}:(\d+): error: (.*)", line)
        if match:
            found.setdefault(int(match[1]), match[2])
    return found


def test_mypy_flags_every_deliberate_mistake_and_nothing_else(tmp_path: Path) -> None:
    path = HERE / "mistakes.py"
    marked = {
        n for n, line in enumerate(path.read_text().splitlines(), 1) if line.endswith("# error")
    }
    assert len(marked) >= 15
    found = _errors(path, tmp_path)
    assert sorted(marked - set(found)) == [], "mistakes mypy let through"
    assert {n: found[n] for n in set(found) - marked} == {}, "errors on correct lines"


def test_mypy_accepts_the_correct_uses(tmp_path: Path) -> None:
    assert _errors(HERE / "correct.py", tmp_path) == {}
