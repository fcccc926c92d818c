"""The command line, run as users run it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest


def run(
    *args: str, stdin: str | None = None, columns: int | None = None
) -> subprocess.CompletedProcess[str]:
    # os.environ, not the process environment: pytest imports readline, which sets
    # COLUMNS in the latter. Without COLUMNS, output to a pipe is not wrapped.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    return subprocess.run(
        [sys.executable, "-m", "peelmodel", *args],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        timeout=60,
        env=env,
    )


def document(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 1,
        "force": "essex",
        "programme": "peel-2015",
        "published": "2016-02-18",
        "pillar": "Effectiveness",
        "judgments": [
            {"subject": "effectiveness", "grade": "Requires improvement"},
            {"subject": "effectiveness.preventing-crime", "grade": "Requires improvement"},
            {"subject": "effectiveness.vulnerability", "grade": "Inadequate"},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document()), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            document(
                judgments=[
                    {"subject": "effectiveness", "grade": "Goood"},
                    {"subject": "x", "grade": "Good", "sumary": ""},
                ]
            )
        ),
        encoding="utf-8",
    )
    junk = tmp_path / "junk.json"
    junk.write_text('{"force": ', encoding="utf-8")
    return {"good": good, "bad": bad, "junk": junk}


def test_validate_valid_file_exits_0(files: dict[str, Path]) -> None:
    result = run("validate", str(files["good"]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{files['good']}: valid Inspection\n"


def test_validate_prints_file_path_message_and_exits_1(files: dict[str, Path]) -> None:
    result = run("validate", str(files["good"]), str(files["bad"]), str(files["junk"]))
    assert result.returncode == 1
    bad, junk = files["bad"], files["junk"]
    assert result.stdout.splitlines() == [
        f"{files['good']}: valid Inspection",
        f"{bad}: $.judgments[0].grade: 'Goood' is not a grade; did you mean 'Good'?",
        f"{bad}: $.judgments[1].sumary: 'sumary' is not a field of Judgment; did you mean 'summary'?",
        f"{junk}: $: not valid JSON: unexpected end of data at line 1 column 11",
    ]


def test_validate_missing_file_and_stdin(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run("validate", str(missing))
    assert result.returncode == 1
    assert result.stdout == f"{missing}: $: cannot read the file: No such file or directory\n"
    result = run("validate", "-", stdin=json.dumps(document()))
    assert (result.returncode, result.stdout) == (0, "-: valid Inspection\n")


def test_validate_a_dataset(tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    inner = document()
    del inner["schema_version"]  # schema_version is for the top of a document only
    path.write_text(
        json.dumps({"schema_version": 1, "inspections": [inner, {**inner, "force": "kent"}]}),
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert (result.returncode, result.stdout) == (0, f"{path}: valid Dataset\n")
    path.write_text(
        json.dumps({"inspections": [inner, {**inner, "force": "kentt"}]}), encoding="utf-8"
    )
    result = run("validate", str(path))
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{path}: $.inspections[1].force: 'kentt' is not a police force of England and Wales; did you mean 'kent'?\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--type", "Nothing", "x.json"],
        ["frobnicate"],
        ["schema", "Inspektion"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: peelmodel")


def test_schema_suggests_the_class() -> None:
    result = run("schema", "Inspektion")
    assert "'Inspektion' is not a peelmodel class; did you mean 'Inspection'?" in result.stderr


def test_schema_prints_a_valid_schema_that_accepts_a_document() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document(unknown=1), schema)
    judgment = json.loads(run("schema", "Judgment").stdout)
    assert judgment["title"] == "Judgment"


def test_warnings_are_printed_but_do_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(
        json.dumps(
            document(
                judgments=[
                    {"subject": "effectiveness", "grade": "Outstanding"},
                    *(
                        {"subject": f"effectiveness.{q}", "grade": "Inadequate"}
                        for q in (
                            "preventing-crime",
                            "investigating-crime",
                            "vulnerability",
                            "serious-organised-crime",
                        )
                    ),
                ]
            )
        ),
        encoding="utf-8",
    )
    result = run("validate", str(path))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{path}: $.judgments[0].grade: warning: the effectiveness pillar is graded 'Outstanding', outside the range "
        "of its question grades ('Inadequate' to 'Inadequate')",
        f"{path}: valid Inspection",
    ]


def test_main_job_shows_the_essex_history() -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Essex Police (essex): PEEL history from the embedded data")
    assert result.stdout == run("show", "essex").stdout
    rows = [line.split("  ") for line in result.stdout.splitlines()]
    flat = [" ".join(cell.strip() for cell in row if cell.strip()) for row in rows]
    assert (
        "PEEL 2015: Effectiveness 18 February 2016 Effectiveness (overall) Requires improvement"
        in flat
    )
    assert "Effectiveness: vulnerability Inadequate" in flat
    assert (
        "PEEL 2018/19 2 May 2019 Effectiveness (overall) Good unchanged since PEEL 2017: Effectiveness"
        in flat
    )
    assert "Responding to the public Requires improvement" in flat
    assert any(line.endswith("not comparable: five-point scale from here") for line in flat)


def test_show_a_users_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    result = run("show", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Essex Police (essex): PEEL history from {path}")
    assert "Effectiveness: vulnerability" in result.stdout
    path.write_text(json.dumps(document(force="esex")), encoding="utf-8")
    result = run("show", str(path))
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{path}: $.force: 'esex' is not a police force of England and Wales; did you mean 'essex'?\n"
    )


def test_reference_lists_forces_and_scales() -> None:
    result = run("reference")
    assert result.returncode == 0
    assert "essex" in result.stdout
    assert (
        "five-point: Outstanding > Good > Adequate > Requires improvement > Inadequate"
        in result.stdout
    )
