"""The command line against hostile input: it never shows a traceback or hangs.

Most cases run ``main()`` in-process (fast enough to fuzz with Hypothesis); the ones
that need a real process (pipes, /dev/full, a FIFO, closed standard streams, an ASCII
terminal) run ``python -m peelmodel`` in a subprocess.
"""

from __future__ import annotations

import ast
import contextlib
import errno
import importlib.metadata
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import peelmodel
from peelmodel import sources
from peelmodel.__main__ import DEFAULT_MAX_SIZE, main

# --- helpers --------------------------------------------------------------------------


def document(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 2,
        "force": "essex",
        "programme": "peel-2015",
        "published": "2016-02-18",
        "pillar": "Effectiveness",
        "judgments": [
            {"subject": "effectiveness", "grade": "Requires improvement"},
            {"subject": "effectiveness.vulnerability", "grade": "Inadequate"},
        ],
    }
    data.update(changes)
    return data


GOOD = orjson.dumps(document())


def escaped(name: str) -> str:
    """How the command writes a file name: as given, or as a string literal."""
    return name if name and name.isprintable() else repr(name)


def call(argv: Sequence[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """main() in-process: (exit code, output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with mock.patch.object(sys, "stdin", fake_stdin), contextlib.redirect_stderr(err):
        code = main(list(argv), out=out)
    return code, out.getvalue(), err.getvalue()


def assert_clean(code: int, out: str, err: str, files: Sequence[str] = ()) -> None:
    """Exit 0, 1 or 2; no traceback; no line forged by a control character; each
    line of output about a file starts with that file's name, escaped."""
    assert code in (0, 1, 2), (code, out, err)
    for text in (out, err):
        assert "Traceback" not in text
        assert "internal error" not in text, text
        for line in text.splitlines():
            assert line.isprintable(), repr(line)
    if files:
        prefixes = tuple(escaped(f) + ": " for f in files)
        for line in out.splitlines():
            assert line.startswith(prefixes), (line, prefixes)


@contextlib.contextmanager
def a_file(content: bytes, name: str = "doc.json") -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(content)
        yield path


def validate_bytes(content: bytes, name: str = "doc.json") -> tuple[int, str, str, str]:
    with a_file(content, name) as path:
        code, out, err = call(["validate", path])
    assert_clean(code, out, err, [path])
    lines = out.splitlines()
    assert lines, "every file gets at least one line"
    if code == 0:
        assert lines[-1].startswith(f"{escaped(path)}: valid ")
    else:
        assert code == 1
        assert not any(line.startswith(f"{escaped(path)}: valid ") for line in lines)
    return code, out, err, path


# --- strategies -----------------------------------------------------------------------

OPENERS = ["[", '{"a":', '{"sources":[', '{"judgments":[', '[{"x":']


@st.composite
def nested(draw: st.DrawFn) -> bytes:
    """Deep nesting: inside a document (so that migrations walk it) or on its own."""
    opener = draw(st.sampled_from(OPENERS))
    depth = draw(st.integers(1, 3000))
    closed = draw(st.booleans())
    closer = {"[": "]", '{"a":': "}", '{"sources":[': "]}", '{"judgments":[': "]}"}
    closer["[{" + '"x":'] = "}]"
    body = opener * depth + ("0" + closer[opener] * depth if closed else "")
    where = draw(st.sampled_from(["top", "force", "extra", "sources"]))
    version = draw(st.sampled_from([1, 2]))
    if where == "top":
        return body.encode()
    doc = json.dumps(document(schema_version=version, **{where: "@@"}))
    return doc.replace('"@@"', body).encode()


NUMBERS = st.one_of(
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(1, 6000).map(lambda n: "-" + "1" * n),
    st.integers(0, 6000).map(lambda n: "1e" + "9" * max(n // 100, 1)),
    st.integers(0, 3000).map(lambda n: "0." + "0" * n + "1"),
    st.sampled_from(["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "-0", "1E-400"]),
    st.integers().map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)

HUGE_NUMBER_TEMPLATES = [
    '{"schema_version": @, "force": "essex", "programme": "peel-2015", "judgments": []}',
    '{"force": "essex", "programme": "peel-2015", "published": @, "judgments": []}',
    '{"force": "essex", "programme": "peel-2015", "judgments": [{"subject": "effectiveness", "grade": @}]}',
    '{"force": @, "programme": "peel-2015", "judgments": []}',
    '{"inspections": [@]}',
    '{"force": "essex", "programme": "peel-2015", "metrics": [{"id": "x", "value": @}]}',
    "@",
    "[@, @]",
]


@st.composite
def huge_numbers(draw: st.DrawFn) -> bytes:
    template = draw(st.sampled_from(HUGE_NUMBER_TEMPLATES))
    return template.replace("@", draw(NUMBERS)).encode()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid document with bytes flipped, cut, inserted or deleted."""
    data = bytearray(draw(st.sampled_from([GOOD, orjson.dumps({"inspections": [document()]})])))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            del data[at]
    return bytes(data)


HOSTILE_BYTES = st.one_of(
    st.binary(max_size=600),
    nested(),
    huge_numbers(),
    mutated(),
    st.sampled_from([b"", b" ", b"\xef\xbb\xbf{}", b"\x00", b"\xff\xfe{\x00}\x00", b"null"]),
)


def _ok_name(raw: bytes) -> bool:
    return b"/" not in raw and b"\0" not in raw and raw not in (b".", b"..")


# Names as the file system holds them: any bytes but / and NUL, decoded as Python does
# (an undecodable byte becomes a lone surrogate).
FILE_NAMES = st.one_of(
    st.binary(min_size=1, max_size=40).filter(_ok_name).map(os.fsdecode),
    st.text(st.characters(codec="utf-8", exclude_characters="/\0"), min_size=1, max_size=30).filter(
        lambda s: s not in (".", "..") and len(os.fsencode(s)) <= 255
    ),
    st.sampled_from(
        ["a\nb.json", "x\ny.json: valid Inspection", "\x1b[31mred", "\u202eevil", "tab\t"]
    ),
)

# --- fuzz: files ------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_BYTES)
@example(b"[" * 100_000)
@example(b'{"schema_version": 1, "force": ' + b"[" * 1020 + b"]" * 1020 + b"}")
@example(b"\x00" * 1000)
def test_fuzz_validate_hostile_bytes(content: bytes) -> None:
    validate_bytes(content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_BYTES, st.sampled_from([None, "kent", "essex", "x\ny"]))
def test_fuzz_show_hostile_bytes(content: bytes, force: str | None) -> None:
    with a_file(content) as path:
        argv = ["show", path] + (["--force", force] if force else [])
        code, out, err = call(argv)
    assert_clean(code, out, err)
    if code != 0:
        for line in out.splitlines():
            assert line.startswith((escaped(path) + ": ", escaped(force or "") + ": "))


@settings(max_examples=150, deadline=None)
@given(FILE_NAMES, st.sampled_from([GOOD, b"{", b"\xff", b"", b'{"force": "esex"}']))
def test_fuzz_file_names_are_escaped(name: str, content: bytes) -> None:
    code, out, _, path = validate_bytes(content, name)
    if not (name.isprintable()):
        assert all(line.startswith(repr(path) + ": ") for line in out.splitlines())
        assert ast.literal_eval(repr(path)) == path
    assert code == (0 if content == GOOD else 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_generated_documents(data: st.DataObject) -> None:
    from peelmodel import strategies

    invalid = data.draw(strategies.invalid_inspection_documents())
    code, *_ = validate_bytes(orjson.dumps(invalid))
    assert code == 1
    dataset = data.draw(strategies.datasets(max_inspections=3))
    with a_file(peelmodel.to_json(dataset).encode()) as path:
        code, out, err = call(["validate", path])
        assert_clean(code, out, err, [path])
        assert code == 0, out
        code, out, err = call(["show", path])
        assert_clean(code, out, err)
        assert code == (0 if len(dataset) else 1), out


# --- fuzz: arguments ------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("cli")
    paths = {
        "good": folder / "good.json",
        "bad": folder / "bad.json",
        "junk": folder / "junk.json",
        "dataset": folder / "all.json",
        "newline": folder / "new\nline.json",
    }
    paths["good"].write_bytes(GOOD)
    paths["bad"].write_bytes(orjson.dumps(document(force="esex")))
    paths["junk"].write_bytes(b'{"force": ')
    inner = document()
    del inner["schema_version"]
    paths["dataset"].write_bytes(orjson.dumps({"inspections": [inner]}))
    paths["newline"].write_bytes(GOOD)
    found = {k: str(v) for k, v in paths.items()}
    found["missing"] = str(folder / "missing.json")
    found["folder"] = str(folder)
    return found


TOKENS = [
    "show",
    "validate",
    "schema",
    "coverage",
    "reference",
    "frobnicate",
    "--type",
    "--max-size",
    "--force",
    "--programme",
    "--version",
    "--help",
    "-h",
    "-",
    "--",
    "Inspection",
    "Dataset",
    "Inspektion",
    "kent",
    "esex",
    "essex",
    "peel-2017",
    "peel-2021-22",
    "peel-1999",
    "512M",
    "1",
    "0",
    "1X",
    "-5",
    "99999999999999999999G",
    "/dev/null",
    "/dev/zero",
    "a\nb",
    "\x1b[2J",
]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_fuzz_argv(fixtures: dict[str, str], data: st.DataObject) -> None:
    token = st.one_of(
        st.sampled_from(TOKENS),
        st.sampled_from(sorted(fixtures.values())),
        st.text(max_size=12),
    )
    first = data.draw(st.sampled_from(["show", "validate", "schema", "coverage", "reference", ""]))
    argv = [first, *data.draw(st.lists(token, max_size=6))] if first else []
    argv += data.draw(st.lists(token, max_size=2)) if not first else []
    stdin = data.draw(st.sampled_from([b"", GOOD, b"\xff", b"[" * 5000]))
    code, out, err = call(argv, stdin)
    assert_clean(code, out, err)


# --- in-process cases -----------------------------------------------------------------


def test_deep_nesting_for_validate_and_show(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000)
    for command in ("validate", "show"):
        code, out, err = call([command, str(path)])
        assert (code, err) == (1, "")
        assert out == f"{path}: $: not valid JSON: depth limit exceeded at line 1 column 1026\n"
    # valid JSON, deep enough to exhaust Python's recursion in the version 1 migration
    path.write_bytes(
        b'{"schema_version": 1, "force": "essex", "x": ' + b"[" * 1020 + b"]" * 1020 + b"}"
    )
    code, out, _ = call(["validate", str(path)])
    assert code == 1
    assert out.startswith(f"{path}: $")
    assert len(out.splitlines()) <= 3


def test_the_usual_unreadable_files(tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing.json": "cannot read the file: No such file or directory",
        tmp_path: "cannot read the file: Is a directory",
        Path("/dev/zero"): "cannot read the file: it is a device, not a file",
        tmp_path / "empty.json": "cannot read the file: the file is empty",
        tmp_path / "latin1.json": "cannot read the file: it is not UTF-8 text: byte 0xe9 at line 2 "
        "column 11 (invalid continuation byte)",
    }
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "latin1.json").write_bytes(b'{\n"force": "\xe9ssex"}')
    for path, message in cases.items():
        code, out, err = call(["validate", str(path)])
        assert (code, out, err) == (1, f"{path}: $: {message}\n", "")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(GOOD)
    if os.geteuid() != 0:  # root reads everything: simulate it then
        path.chmod(0)
    else:
        real_open = os.open

        def refuse(name: Any, *args: Any, **kwargs: Any) -> int:
            if os.fspath(name) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    code, out, _ = call(["validate", str(path)])
    assert (code, out) == (1, f"{path}: $: cannot read the file: Permission denied\n")


def test_standard_input_closed_empty_or_a_device() -> None:
    with mock.patch.object(sys, "stdin", None):
        assert call_raw(["validate", "-"]) == (
            1,
            "-: $: cannot read the file: standard input is closed\n",
        )
    closed = io.TextIOWrapper(io.BytesIO(GOOD))
    closed.close()
    with mock.patch.object(sys, "stdin", closed):
        assert call_raw(["validate", "-"])[0] == 1
    assert call(["validate", "-"])[:2] == (
        1,
        "-: $: cannot read the file: standard input is empty\n",
    )
    assert call(["validate", "-"], GOOD)[:2] == (0, "-: valid Inspection\n")
    with (
        open("/dev/zero", "rb") as zero,
        io.TextIOWrapper(zero) as text,
        mock.patch.object(sys, "stdin", text),
    ):
        code, out = call_raw(["validate", "-"])
    assert (code, out) == (
        1,
        "-: $: cannot read the file: standard input: it is a device, not a file\n",
    )


def call_raw(argv: Sequence[str]) -> tuple[int, str]:
    """main() with sys.stdin as the test left it."""
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv), out=out)
    return code, out.getvalue()


def test_max_size_bounds_reading(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(GOOD)
    code, out, _ = call(["validate", "--max-size", "100", str(path)])
    assert code == 1
    assert out == (
        f"{path}: $: cannot read the file: it holds {len(GOOD)} bytes, more than the limit "
        "of 100 bytes (--max-size raises it)\n"
    )
    assert call(["validate", "--max-size", "1K", str(path)])[0] == 0
    assert call(["show", "--max-size", "10", str(path)])[0] == 1
    code, out, _ = call(["validate", "--max-size", "10", "-"], GOOD)
    assert "more than the limit of 10 bytes" in out
    assert call(["validate", "--max-size", "512MiB", "-"], GOOD)[0] == 0
    code, _, err = call(["validate", "--max-size", "lots", str(path)])
    assert code == 2
    assert "'lots' is not a size in bytes" in err
    assert DEFAULT_MAX_SIZE == 256 * 1024**2
    assert "default 256 MiB" in call(["validate", "--help"])[1]


def test_validate_parses_once_and_keeps_from_json_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = orjson.loads

    def counting(data: Any) -> Any:
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(orjson, "loads", counting)
    monkeypatch.setattr(json, "loads", mock.Mock(side_effect=AssertionError("json.loads")))
    path = tmp_path / "all.json"
    inner = document()
    del inner["schema_version"]
    path.write_bytes(orjson.dumps({"inspections": [inner] * 50}))
    assert call(["validate", str(path)])[:2] == (0, f"{path}: valid Dataset\n")
    assert len(calls) == 1
    for text in ['{"force": ', "[1,]", '{"a": NaN}', '{"a": -Infinity}', "{}\n{}", "\t"]:
        path.write_text(text, encoding="utf-8")
        problem = _from_json_problem(text)
        assert call(["validate", str(path)])[1] == f"{path}: {problem.path}: {problem.message}\n"


def _from_json_problem(text: str) -> peelmodel.Problem:
    with pytest.raises(peelmodel.ValidationError) as info:
        peelmodel.from_json(text, peelmodel.Inspection)
    return info.value.problems[0]


def test_a_huge_value_is_reported_on_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps(document(force="x" * 1_000_000, **{"y" * 100_000: 1})))
    code, out, _ = call(["validate", str(path)])
    assert code == 1
    assert all(len(line) < 1500 for line in out.splitlines())


def test_ascii_stream_given_to_main_is_not_reconfigured() -> None:
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii", errors="strict")
    assert main(["show", "essex"], out=stream) == 0
    assert main(["schema"], out=stream) == 0
    assert main(["reference"], out=stream) == 0
    stream.flush()
    assert (stream.encoding, stream.errors) == ("ascii", "strict")
    text = buffer.getvalue().decode("ascii")
    assert "Essex Police" in text
    assert "PEEL 2023-25" in text  # the en dash of "PEEL 2023–25", as ASCII


class _Trap:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"sys.stdout.{name} used")


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["validate", "--help"],
        ["show"],
        ["schema", "Judgment"],
        ["frobnicate"],
        ["validate", "/nonexistent.json"],
    ],
)
def test_main_with_out_does_not_touch_sys_stdout(argv: list[str]) -> None:
    out = io.StringIO()
    with mock.patch.object(sys, "stdout", _Trap()), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv, out=out)
    assert code in (0, 1, 2)
    if code == 0:
        assert out.getvalue()


def test_a_failing_output_stream_is_one_line_on_stderr() -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["show", "essex"], out=Full()) == 2
    assert err.getvalue() == "peelmodel: cannot write to the output: No space left on device\n"


# --- polish: --version, tables, dates, forces without data ----------------------------


def test_version() -> None:
    code, out, _ = call(["--version"])
    assert (code, out) == (0, f"peelmodel {importlib.metadata.version('peelmodel')}\n")


def test_version_without_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert call(["--version"])[1] == f"peelmodel {peelmodel.__version__}\n"


LONG_LABEL = "Engaging with and treating the public with fairness and respect"


def _url(line: str) -> bool:
    return "http://" in line or "https://" in line


def _unbreakable(line: str) -> bool:
    """A line of one word (an id, a URL) longer than the width: it cannot be wrapped."""
    return len(line.split()) == 1


def _in_order(text: str, out: str) -> bool:
    """Every word of ``text`` appears in ``out`` in order (wrapping may put other
    columns' words between them, but never cuts or drops one)."""
    words = iter(out.split())
    return all(any(w == x for x in words) for w in text.split())


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 132, 200])
@pytest.mark.parametrize(
    "argv",
    [["show", "essex"], ["coverage"], ["reference"], ["show", "--programme", "peel-2021-22"]],
)
def test_tables_fit_the_terminal(
    argv: list[str], columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = call(argv)
    assert code == 0
    for line in out.splitlines():
        assert len(line) <= columns or _url(line) or _unbreakable(line), line
    assert "…" not in out  # wrapped, never cut
    if argv[-1] in ("essex", "peel-2021-22"):
        assert _in_order(LONG_LABEL, out)


def test_tables_are_not_wrapped_for_a_file_or_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = call(["show", "essex"])[1]
    assert any(
        LONG_LABEL in line
        and "Good" in line
        and "not comparable: five-point scale from here" in line
        for line in out.splitlines()
    )
    monkeypatch.setenv("COLUMNS", "80")
    narrow = call(["show", "essex"])[1]
    assert "PEEL 2015: Effectiveness, published 18 February 2016" in narrow
    assert "      improved from Requires improvement (PEEL 2015: Effectiveness)" in narrow


def test_dates_are_written_as_format_date_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = call(["show", "essex"])[1]
    for inspection in peelmodel.datasets.essex():
        if inspection.published is not None:
            assert sources.format_date(inspection.published) in out
    assert "18 February 2016" in out
    assert "Feb 2016" not in out.replace("February 2016", "")


def test_show_a_force_with_no_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.json"
    path.write_bytes(GOOD)
    code, out, _ = call(["show", str(path), "--force", "kent"])
    assert (code, out) == (
        1,
        f"{path}: $: holds no inspections of Kent Police (kent); it has data for 1 force: essex\n",
    )
    assert call(["show", str(path), "--force", "essex"])[0] == 0
    code, out, _ = call(["show", str(path), "--force", "kentt"])
    assert code == 2
    assert out.startswith("kentt: 'kentt' is not a police force")
    path.write_bytes(orjson.dumps({"inspections": []}))
    code, out, _ = call(["show", str(path)])
    assert (code, out) == (1, f"{path}: $: holds no inspections, so there is no history to show\n")
    national = peelmodel.datasets.national()
    without_kent = peelmodel.Dataset(inspections=[i for i in national if i.force != "kent"])
    monkeypatch.setattr(peelmodel.datasets, "national", lambda: without_kent)
    code, out, _ = call(["show", "Kent Police"])
    assert code == 1
    assert out.startswith(
        "Kent Police: the national record holds no inspections of Kent Police; "
        "it has data for 42 forces: avon-and-somerset, "
    )
    assert call(["show", "--force", "kent"])[0] == 1
    assert call(["show", "--force", "essex"])[0] == 0


def test_show_names_that_look_like_files_are_read_as_files(tmp_path: Path) -> None:
    code, out, _ = call(["show", str(tmp_path / "kent.json")])
    assert (code, out) == (
        1,
        f"{tmp_path / 'kent.json'}: $: cannot read the file: No such file or directory\n",
    )
    code, out, _ = call(["show", "a\nb"])
    assert (code, out.count("\n")) == (1, 1)
    assert out.startswith("'a\\nb': ")


# --- subprocess cases -----------------------------------------------------------------

SUBPROCESS_CASES = 0


def run(
    *args: str,
    stdin: Any = None,
    stdout: Any = subprocess.PIPE,
    env: dict[str, str] | None = None,
    shell_suffix: str = "",
) -> subprocess.CompletedProcess[bytes]:
    global SUBPROCESS_CASES
    SUBPROCESS_CASES += 1
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command: list[str] = [sys.executable, "-m", "peelmodel", *args]
    if shell_suffix:  # run through sh for redirections such as 0<&-
        command = ["sh", "-c", '"$@" ' + shell_suffix, "sh", *command]
    return subprocess.run(
        command,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**base, **(env or {})},
        timeout=60,
        check=False,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    for stream in (result.stdout or b"", result.stderr):
        assert b"Traceback" not in stream
        assert b"Exception ignored" not in stream
    assert result.returncode in (0, 1, 2)


def test_subprocess_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000)
    for command in ("validate", "show"):
        result = run(command, str(path))
        assert_no_traceback(result)
        assert result.returncode == 1
        assert result.stdout.decode().count("\n") == 1


def test_subprocess_closed_stdin() -> None:
    result = run("validate", "-", shell_suffix="0<&-")
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (
        1,
        b"-: $: cannot read the file: standard input is closed\n",
    )
    result = run("validate", "-", stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stdout) == (
        1,
        b"-: $: cannot read the file: standard input is empty\n",
    )


def test_subprocess_closed_pipe_is_quiet() -> None:
    for args in (["show", "essex"], ["reference"], ["--version"]):
        read, write = os.pipe()
        os.close(read)  # the reader (head) has gone before anything is written
        try:
            result = run(*args, stdout=write)
        finally:
            os.close(write)
        assert (result.returncode, result.stderr) == (2, b"")


def test_subprocess_head(tmp_path: Path) -> None:
    big = tmp_path / "all.json"
    inner = document()
    del inner["schema_version"]
    big.write_bytes(orjson.dumps({"inspections": [inner]}))
    result = run(
        "validate", *[str(big)] * 2000, shell_suffix="| head -n 1", env={"PYTHONUNBUFFERED": "1"}
    )
    assert result.stderr == b""
    assert result.stdout == f"{big}: valid Dataset\n".encode()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_subprocess_full_disk() -> None:
    with open("/dev/full", "wb") as full:
        result = run("show", "essex", stdout=full)
    assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (
        2,
        b"peelmodel: cannot write to standard output: No space left on device\n",
    )


def test_subprocess_closed_stdout() -> None:
    result = run("show", "essex", stdout=None, shell_suffix=">&-")
    assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.count(b"\n") == 1


def test_subprocess_fifo_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run("validate", str(fifo))
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (
        1,
        f"{fifo}: $: cannot read the file: the file is empty\n".encode(),
    )


def test_subprocess_fifo_with_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    started = threading.Event()

    def write() -> None:
        started.set()
        with open(fifo, "wb") as f:  # blocks until the command opens it
            f.write(GOOD)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    started.wait()
    result = run("validate", str(fifo))
    writer.join(timeout=10)
    assert (result.returncode, result.stdout) == (0, f"{fifo}: valid Inspection\n".encode())
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_subprocess_dev_zero_and_a_directory(tmp_path: Path) -> None:
    result = run("validate", "/dev/zero", str(tmp_path))
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "/dev/zero: $: cannot read the file: it is a device, not a file",
        f"{tmp_path}: $: cannot read the file: Is a directory",
    ]
    with open("/dev/zero", "rb") as zero:
        result = run("validate", "-", stdin=zero)
    assert result.returncode == 1


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
)
def test_subprocess_ascii_terminal(tmp_path: Path, env: dict[str, str]) -> None:
    for args in (["show", "essex"], ["reference"], ["show", "--programme", "peel-2023-25"]):
        result = run(*args, env=env)
        assert_no_traceback(result)
        assert result.returncode == 0, result.stderr
        result.stdout.decode("ascii")
    schema = run("schema", env=env)
    assert json.loads(schema.stdout.decode("ascii")) == peelmodel.json_schema(peelmodel.Inspection)
    name = tmp_path / "‘quoted’ – é.json"
    name.write_bytes(GOOD)
    result = run("validate", str(name), env=env)
    assert_no_traceback(result)
    assert result.returncode == 0
    result.stdout.decode("ascii")


def test_subprocess_names_with_newlines_and_bad_bytes(tmp_path: Path) -> None:
    forged = tmp_path / "x\nother.json: valid Inspection"
    forged.write_bytes(b"{")
    undecodable = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.json")
    with open(undecodable, "wb") as f:
        f.write(GOOD)
    result = subprocess.run(
        [sys.executable, "-m", "peelmodel", "validate", os.fsencode(forged), undecodable],
        capture_output=True,
        timeout=60,
        check=False,
    )
    global SUBPROCESS_CASES
    SUBPROCESS_CASES += 1
    assert_no_traceback(result)
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(repr(str(forged)) + ": $: not valid JSON")
    assert lines[1] == repr(os.fsdecode(undecodable)) + ": valid Inspection"


def test_subprocess_version_and_usage() -> None:
    result = run("--version")
    assert result.stdout == f"peelmodel {importlib.metadata.version('peelmodel')}\n".encode()
    result = run("show", "a", "b\nc")
    assert result.returncode == 2
    assert b"b\\nc" in result.stderr
    assert all(line.isprintable() for line in result.stderr.decode().splitlines())


def test_subprocess_non_utf8_empty_missing(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(b"\xe9")
    (tmp_path / "empty.json").write_bytes(b"")
    names = [str(tmp_path / n) for n in ("latin1.json", "empty.json", "missing.json")]
    result = run("validate", *names)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 3
