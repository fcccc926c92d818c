"""docs/testing.md, pasted as it is into a new project, passes under Hypothesis's
default settings (no profile, health checks on, the default deadline), run after run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).parents[1] / "docs" / "testing.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_page_is_plain_python_to_paste() -> None:
    blocks = _blocks()
    assert len(blocks) >= 4
    for block in blocks:
        assert ">>>" not in block
        compile(block, str(PAGE), "exec")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_documented_examples_pass_in_a_new_project(tmp_path: Path, seed: int) -> None:
    module = "\n\n".join(_blocks())
    (tmp_path / "test_from_the_docs.py").write_text(module, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYPOTHESIS", "CI"))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed}",
            "-W",
            "error",
            "test_from_the_docs.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    tests = len(re.findall(r"^def test_", module, re.MULTILINE))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{tests} passed" in result.stdout, result.stdout[-1000:]
