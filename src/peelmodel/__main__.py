"""The peelmodel command line: ``peelmodel`` or ``python -m peelmodel``.

* ``peelmodel`` (or ``peelmodel show essex``): Essex Police's PEEL history from the
  embedded data, as a table with the movements; ``peelmodel show FILE.json`` does the
  same for a file of your own (``--force FORCE`` picks one force of the file).
* ``peelmodel show FORCE``: any force's history from the national record (by id, name
  or alias); ``peelmodel show --programme peel-2017``: every force's grades in one
  round, one row per force.
* ``peelmodel coverage``: what the national record holds, per round and subject.
* ``peelmodel reference``: the forces, grading scales and programmes, with the
  published wording of every subject and the page it comes from.
* ``peelmodel validate FILE...``: each problem as ``FILE: path: message``; exit 1 when
  any file is invalid or cannot be read, 0 when all are valid, 2 on usage errors.
* ``peelmodel schema [CLASS]``: the JSON Schema of a class (Inspection by default).
* ``peelmodel --version``: ``peelmodel <version>``.

The command never shows a traceback. A file is read only when it is a regular file,
a pipe or ``-`` (standard input), and only up to ``--max-size`` bytes (256 MiB by
default); a file name that holds a newline or another character that does not print
is written as a Python string literal, so that it cannot forge a line of output.
What cannot be written to standard output (a full disk) is one line on standard
error and exit status 2; a closed pipe (``peelmodel show | head``) ends the command
quietly. Tables fit the width of the terminal (or ``COLUMNS``), wrapping long text;
output that goes to a file or a pipe is not wrapped.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import json
import os
import re
import shutil
import stat
import sys
import textwrap
import unicodedata
from collections.abc import Collection, Sequence
from typing import Any, NoReturn, Protocol, TextIO

import peelmodel
from peelmodel import forces, programmes
from peelmodel.grades import GradingScale
from peelmodel.serialization import _from_json_streamed, _refuse_duplicate_keys
from peelmodel.sources import format_date

__all__ = ["DEFAULT_MAX_SIZE", "build_parser", "main"]

DEFAULT_MAX_SIZE = 256 * 1024**2
"""The largest file ``validate`` and ``show`` read unless ``--max-size`` says more."""

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

# --- writing -------------------------------------------------------------------------

# Punctuation the data uses, as plain ASCII for a terminal that cannot show it.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "--",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2022": "*",
        "\u00d7": "x",
        "\u2264": "<=",
        "\u2265": ">=",
    }
)


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...


class _OutputError(Exception):
    """Writing to the output stream failed (a closed pipe, a full disk)."""

    def __init__(self, error: OSError | ValueError) -> None:
        super().__init__(error)
        self.error = error


class _Out:
    """The command's writes to one text stream.

    What the stream's encoding cannot hold is written as a near ASCII equivalent
    (quotes, dashes) or a backslash escape, never an error, and the stream itself is
    left as it is. An OSError in writing is raised as :class:`_OutputError`.
    """

    def __init__(self, stream: _Writable) -> None:
        self.stream = stream
        encoding = getattr(stream, "encoding", None)
        self.encoding = encoding if isinstance(encoding, str) else None

    def can_encode(self, text: str) -> bool:
        if self.encoding is None:
            return True
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        except LookupError:
            pass
        return True

    def write(self, text: str) -> None:
        if self.encoding is not None and not self.can_encode(text):
            text = (
                text.translate(_PLAIN)
                .encode(self.encoding, "backslashreplace")
                .decode(self.encoding)
            )
        try:
            self.stream.write(text)
        except (OSError, ValueError) as error:  # ValueError: the stream is closed
            raise _OutputError(error) from None

    def flush(self) -> None:
        flush = getattr(self.stream, "flush", None)
        if flush is None:
            return
        try:
            flush()
        except (OSError, ValueError) as error:
            raise _OutputError(error) from None


def _stderr(line: str) -> None:
    """Write one line on standard error, as well as it can be written."""
    if sys.stderr is None:
        return
    try:
        writer = _Out(sys.stderr)
        writer.write(line + "\n")
        writer.flush()
    except _OutputError:
        pass


def _name(name: str) -> str:
    """A file or force name as written in output: as given, or as a Python string
    literal when it holds a character that does not print (a newline, a control or
    bidirectional character, an undecodable byte), so that it cannot forge a line."""
    return name if name and name.isprintable() else repr(name)


def _chars(text: str, limit: int = 500) -> str:
    """``text`` on one line: characters that do not print as backslash escapes, and
    at most ``limit`` characters (a hostile file can hold a value of megabytes)."""
    if not text.isprintable():
        text = "".join(
            c
            if c.isprintable()
            else " "
            if unicodedata.category(c) == "Zs"  # a no-break space, say
            else repr(c)[1:-1]
            for c in text
        )
    if len(text) > limit:
        text = f"{text[: limit - 1]}… ({len(text)} characters)"
    return text


def _text(text: str) -> str:
    """Text from the data (which a user's file can fill) on one line of output."""
    return text if text.isprintable() else _chars(text, 100_000)


def _reason(error: OSError | ValueError) -> str:
    if not isinstance(error, OSError) or error.errno == errno.EBADF:
        return "it is closed"
    return error.strerror or str(error) or type(error).__name__


# --- tables --------------------------------------------------------------------------

_GAP = "  "
_COMFORTABLE = 20  # a column wrapped narrower than this is hard to read
_NARROWEST = 8  # and narrower than this is not wrapped at all


def _columns() -> int | None:
    """The width to fit: COLUMNS, else the terminal's; None (no limit) for a file or pipe."""
    width = shutil.get_terminal_size(fallback=(0, 0)).columns
    return width if width > 0 else None


def _widths(
    rows: Sequence[Sequence[str]],
    limit: int | None,
    *,
    fixed: Collection[int] = (),
    floor: int = _COMFORTABLE,
) -> list[int] | None:
    """Column widths for ``rows``: their natural widths, the widest narrowed first
    until a line fits in ``limit``; None when it cannot fit with no column wrapped
    narrower than ``floor`` (nor a ``fixed`` column wrapped at all)."""
    widths = [max(len(_text(row[i])) for row in rows) for i in range(len(rows[0]))]
    if limit is None:
        return widths
    floors = [
        w if i in fixed else max(min(w, floor), _longest_word(rows, i) if floor > _NARROWEST else 0)
        for i, w in enumerate(widths)
    ]
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - limit
    while excess > 0:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k], -k))
        if widths[i] <= floors[i]:
            return None
        widths[i] -= 1
        excess -= 1
    return widths


def _longest_word(rows: Sequence[Sequence[str]], column: int) -> int:
    """The longest piece of column ``column`` that wrapping keeps on one line."""
    return max((len(w) for row in rows for w in _WORDS.split(_text(row[column]))), default=0)


_WORDS = re.compile(r"\s+|(?<=-)(?=\w)")


def _row(row: Sequence[str], widths: Sequence[int], right: Collection[int] = ()) -> list[str]:
    """One row as lines: a cell longer than its column is wrapped onto more lines."""
    cells = [
        textwrap.wrap(cell, w) or [""] if len(cell) > w else [cell]
        for cell, w in zip(map(_text, row), widths, strict=True)
    ]
    lines = []
    for n in range(max(len(c) for c in cells)):
        parts = [
            (cell[n] if n < len(cell) else "").rjust(w)
            if i in right
            else (cell[n] if n < len(cell) else "").ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        lines.append(_GAP.join(parts).rstrip())
    return lines


def _table(
    rows: Sequence[Sequence[str]],
    width: int | None,
    *,
    fixed: Collection[int] = (),
    right: Collection[int] = (),
    indent: str = "",
) -> list[str]:
    """``rows`` (the header first) as aligned lines that fit in ``width`` as well as
    they can: cells too long for their column are wrapped onto more lines."""
    widths = _best_widths(rows, width, fixed=fixed, indent=indent)
    return [indent + line for row in rows for line in _row(row, widths, right)]


def _best_widths(
    rows: Sequence[Sequence[str]],
    width: int | None,
    *,
    fixed: Collection[int] = (),
    indent: str = "",
) -> list[int]:
    """Column widths that fit ``rows`` in ``width`` if any can (wrapping columns to
    a comfortable width, else narrower); the narrowest allowed otherwise."""
    limit = None if width is None else max(width - len(indent), 1)
    return (
        _widths(rows, limit, fixed=fixed)
        or _widths(rows, limit, floor=_NARROWEST)
        or [min(max(len(row[i]) for row in rows), _NARROWEST) for i in range(len(rows[0]))]
    )


def _fill(text: str, width: int | None, indent: str = "", subsequent: str | None = None) -> str:
    """A paragraph wrapped to ``width`` (words and URLs are never broken)."""
    text = _text(text)
    if width is None or len(indent) + len(text) <= width:
        return indent + text
    return textwrap.fill(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


# --- the commands --------------------------------------------------------------------


def _reference(out: _Out) -> int:
    width = _columns()
    lines = [_fill("The 43 police forces of England and Wales that PEEL inspects", width), ""]
    rows = [("id", "name", "region", "ONS code")]
    rows += [(f.id, f.name, f.region, f.ons_code) for f in forces.all()]
    lines += _table(rows, width, fixed=(0, 3))
    lines += ["", "Grading scales"]
    lines += [
        _fill(f"{scale.label}: " + " > ".join(g.value for g in scale.grades), width, "  ", "    ")
        for scale in GradingScale
    ]
    lines += [
        "",
        _fill("Programmes (titles as published; * marks a title no public page confirmed)", width),
    ]
    for p in programmes.all():
        graded = sum(1 for s in p.subjects if s.graded)
        lines.append("")
        lines.append(
            _fill(f"{p.title} ({p.id}): {p.scale.label} scale, {graded} graded subjects", width)
        )
        for source in p.sources:
            lines.append(_fill(f"source: {source}", width, "  ", "      "))
        for subject in p.subjects:
            mark = "*" if subject.unconfirmed else " "
            state = "" if subject.graded else " [not graded]"
            lines.append(
                _fill(f"{mark} {subject.id}: {subject.title}{state}", width, "  ", "      ")
            )
            if subject.source is not None and subject.source.url:
                lines.append(f"      {subject.source.url}")
    out.write("\n".join(lines) + "\n")
    return 0


def _national_table(programme_id: str, out: _Out) -> int:
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
    width = _columns()
    rows = [("force", *(s.label for s in subjects))]
    rows += [(f.name, *(grades.get((f.id, s.id), "-") for s in subjects)) for f in forces.all()]
    lines = [_fill(f"{programme.title}: every force's grades from the national record", width)]
    widths = _widths(rows, width)
    if widths is not None:
        lines.append("")
        lines += [line for row in rows for line in _row(row, widths)]
    else:  # too narrow for a column per subject: a block per force
        pairs = [(s.label, "") for s in subjects]
        for row in rows[1:]:
            lines += ["", row[0]]
            lines += _table(
                [(label, grade) for (label, _), grade in zip(pairs, row[1:], strict=True)],
                width,
                indent="  ",
            )
    lines += ["", "- : no public page used here states it."]
    out.write("\n".join(lines) + "\n")
    return 0


def _coverage(out: _Out) -> int:
    from peelmodel import datasets
    from peelmodel.national import coverage

    width = _columns()
    lines = [
        _fill("What the national record holds, per round and graded subject (of 43 forces)", width),
        "",
    ]
    rows = [("programme", "subject", "forces", "missing")]
    for r in coverage(datasets.national()):
        missing = ", ".join(r.missing) if len(r.missing) <= 4 else f"{len(r.missing)} forces"
        rows.append((r.programme, r.subject, str(r.forces), missing))
    lines += _table(rows, width, fixed=(0, 2), right=(2,))
    out.write("\n".join(lines) + "\n")
    return 0


def _movement(change: peelmodel.Change | None) -> str:
    return "" if change is None else change.describe()


def _history_table(history: peelmodel.ForceHistory, origin: str) -> str:
    force = forces.get(history.force)
    width = _columns()
    header = ("programme", "published", "pillar, question or area", "grade", "movement")
    groups: list[tuple[str, str, list[tuple[str, str, str]]]] = []
    scale = None
    for inspection in history:
        new_scale = scale is not None and inspection.programme.scale is not scale
        scale = inspection.programme.scale
        published = format_date(inspection.published) if inspection.published else "not given"
        judged = [
            (
                inspection.subject_label(judgment.subject),
                judgment.describe(),
                _movement(history.previous(inspection, judgment.subject))
                or (
                    f"not comparable: {scale.label} scale from here" if new_scale and n == 0 else ""
                ),
            )
            for n, judgment in enumerate(inspection.judgments)
        ]
        groups.append(
            (inspection.title, published, judged or [("(no judgments recorded)", "", "")])
        )
    rows = [header] + [
        (title if n == 0 else "", published if n == 0 else "", *judged)
        for title, published, group in groups
        for n, judged in enumerate(group)
    ]
    lines = [_fill(f"{force.name} ({force.id}): PEEL history from {origin}", width), ""]
    widths = _widths(rows, width, fixed=(1,))
    if widths is not None:  # one row per judgment
        lines += _row(header, widths)
        rows_left = iter(rows[1:])
        for k, (_, _, group) in enumerate(groups):
            if k:
                lines.append("")
            for _ in group:
                lines += _row(next(rows_left), widths)
    else:  # too narrow: a heading per inspection, each movement on a line of its own
        pairs = [(label, grade) for _, _, group in groups for label, grade, _ in group]
        pair_widths = _best_widths(pairs, width, indent="  ")
        for k, (title, published, group) in enumerate(groups):
            if k:
                lines.append("")
            when = f"published {published}" if published != "not given" else "date not given"
            lines.append(_fill(f"{title}, {when}", width))
            for label, grade, movement in group:
                lines += ["  " + line for line in _row((label, grade), pair_widths)]
                if movement:
                    lines.append(_fill(movement, width, "      "))
    lines += [
        "",
        _fill(
            "Grades from before and after the 2021 change of scale (four to five points) are not compared.",
            width,
        ),
        _fill("What a source does not give (a date, a grade) is left out, not guessed.", width),
    ]
    notes = [(i.title, s.note) for i in history for s in i.sources if s.note]
    if notes:
        lines += ["", "Notes from the sources:"]
        lines += [_fill(f"- {title}: {note}", width, "", "  ") for title, note in notes]
    return "\n".join(lines) + "\n"


def _holds(inspections: Sequence[peelmodel.Inspection]) -> str:
    """Which forces have data: "it has data for essex, kent"."""
    ids = sorted({i.force for i in inspections})
    if not ids:
        return "it holds no inspections"
    return f"it has data for {len(ids)} force{'s' if len(ids) != 1 else ''}: {', '.join(ids)}"


def _is_file(target: str) -> bool:
    """Whether ``show`` reads ``target`` as a file (else it names a force)."""
    if target == "-" or os.path.lexists(target) or target.lower().endswith(".json"):
        return True
    return any(sep in target for sep in (os.sep, os.altsep) if sep)


def _show(target: str | None, force_key: str | None, max_size: int, out: _Out) -> int:
    from peelmodel import datasets

    if target is None or not _is_file(target):
        key = target if target is not None else (force_key or "essex")
        try:
            force = forces.get(key)
        except peelmodel.ValidationError as error:
            out.write(f"{_name(key)}: {_chars(error.problems[0].message)}\n")
            return 1
        national = datasets.national()
        history = peelmodel.ForceHistory.of(force.id, national)
        if not history.inspections:
            out.write(
                f"{_name(key)}: the national record holds no inspections of {force.name}; "
                f"{_holds(list(national))}\n"
            )
            return 1
        out.write(_history_table(history, "the embedded data (HMIC/HMICFRS sources)"))
        return 0
    wanted = None
    if force_key is not None:
        try:
            wanted = forces.get(force_key)
        except peelmodel.ValidationError as error:
            out.write(f"{_name(force_key)}: {_chars(error.problems[0].message)}\n")
            return 2
    obj = _load(target, None, max_size, out)
    if obj is None:
        return 1
    inspections = list(obj) if isinstance(obj, peelmodel.Dataset) else [obj]
    shown = _name(target)
    force_ids = sorted({i.force for i in inspections})
    if wanted is not None:
        if wanted.id not in force_ids:
            out.write(
                f"{shown}: $: holds no inspections of {wanted.name} ({wanted.id}); "
                f"{_holds(inspections)}\n"
            )
            return 1
        force_ids = [wanted.id]
    if not force_ids:
        out.write(f"{shown}: $: holds no inspections, so there is no history to show\n")
        return 1
    out.write(
        "\n".join(
            _history_table(peelmodel.ForceHistory.of(f, inspections), shown) for f in force_ids
        )
    )
    return 0


# --- reading -------------------------------------------------------------------------


class _Unreadable(Exception):
    """A file that cannot be read, with the reason in words."""


_CHUNK = 1 << 16
_STREAM_ABOVE = 16 * 1024**2  # bytes: larger datasets are read one inspection at a time


def _size_words(size: int) -> str:
    for unit, name in ((1024**4, "TiB"), (1024**3, "GiB"), (1024**2, "MiB"), (1024, "KiB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} byte{'' if size == 1 else 's'}"


def _too_large(max_size: int, size: int | None = None) -> _Unreadable:
    held = f"it holds {_size_words(size)}, more" if size is not None else "it holds more"
    return _Unreadable(f"{held} than the limit of {_size_words(max_size)} (--max-size raises it)")


def _read_stream(stream: Any, max_size: int, expected: int | None = None) -> bytearray:
    """Every byte of a binary stream, or _Unreadable when there are more than
    ``max_size``. Memory: one buffer of the size read (``expected`` sizes it at once)."""
    buffer = bytearray(min(expected if expected is not None else _CHUNK, max_size) + 1)
    used = 0
    while True:
        if used == len(buffer):
            if used > max_size:
                raise _too_large(max_size)
            buffer.extend(bytes(min(max(used, _CHUNK), max_size + 1 - used)))
        with memoryview(buffer) as view:
            count = stream.readinto(view[used:])
        if not count:
            break
        used += count
    del buffer[used:]
    if used > max_size:
        raise _too_large(max_size)
    return buffer


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return os.strerror(errno.EISDIR)
    if stat.S_ISCHR(mode):
        return "it is a device, not a file"
    if stat.S_ISBLK(mode):
        return "it is a block device, not a file"
    if stat.S_ISSOCK(mode):
        return "it is a socket, not a file"
    return "it is not a regular file"


def _read_stdin(max_size: int) -> bytearray:
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "closed", False):
        raise _Unreadable("standard input is closed")
    try:
        fd = stdin.fileno()
    except (OSError, ValueError, AttributeError):
        fd = None
    try:
        if fd is not None:
            info = os.fstat(fd)
            if stat.S_ISCHR(info.st_mode) and not os.isatty(fd):
                if info.st_rdev == os.stat(os.devnull).st_rdev:
                    return bytearray()  # < /dev/null: empty
                raise _Unreadable(f"standard input: {_kind(info.st_mode)}")  # /dev/zero
            if stat.S_ISDIR(info.st_mode):
                raise _Unreadable(f"standard input: {_kind(info.st_mode)}")
        binary = getattr(stdin, "buffer", None)
        if binary is not None:
            return _read_stream(binary, max_size)
        text = stdin.read(max_size + 1)  # a text stream with no bytes under it
        data = bytearray(text.encode("utf-8", "surrogateescape"))
        if len(data) > max_size:
            raise _too_large(max_size)
        return data
    except OSError as error:
        if error.errno == errno.EBADF:
            raise _Unreadable("standard input is closed") from None
        raise


def _read_file(name: str, max_size: int) -> bytearray:
    """The bytes of file ``name``: a regular file or a pipe, never a device or a
    directory (/dev/zero would never end, a FIFO with no writer would never open)."""
    try:
        mode = os.stat(name).st_mode
    except ValueError:  # a NUL character in the name
        raise _Unreadable("the name holds a NUL character") from None
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise _Unreadable(_kind(mode))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(name, flags)  # non-blocking: a FIFO with no writer opens at once
    with open(fd, "rb", buffering=0) as f:
        info = os.fstat(fd)
        if stat.S_ISFIFO(info.st_mode):
            os.set_blocking(fd, True)
            return _read_stream(f, max_size)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(_kind(info.st_mode))
        if info.st_size > max_size:
            raise _too_large(max_size, info.st_size)
        return _read_stream(f, max_size, info.st_size)


def _read(name: str, max_size: int) -> bytearray:
    if name == "-":
        data = _read_stdin(max_size)
        if not data:
            raise _Unreadable("standard input is empty")
        return data
    data = _read_file(name, max_size)
    if not data:
        raise _Unreadable("the file is empty")
    return data


def _not_utf8(data: bytearray, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return (
        f"it is not UTF-8 text: byte 0x{data[error.start]:02x} at line {line} "
        f"column {column} ({error.reason})"
    )


def _document(data: object, forced: str | None) -> type[Any]:
    if forced is not None:
        return DOCUMENT_TYPES[forced]
    if isinstance(data, dict) and "inspections" in data:
        return DOCUMENT_TYPES["Dataset"]
    return DOCUMENT_TYPES["Inspection"]


def _problems(shown: str, problems: Sequence[peelmodel.Problem], out: _Out) -> None:
    for problem in problems:
        out.write(f"{shown}: {_chars(problem.path)}: {_chars(problem.message)}\n")


def _utf8(raw: bytearray) -> str:
    """The file's bytes as text, or _Unreadable saying where they are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Unreadable(_not_utf8(raw, error)) from None


def _parse(name: str, forced: str | None, max_size: int) -> Any:
    """The object in file ``name``, parsed once; raises ValidationError or _Unreadable."""
    import orjson

    raw = _read(name, max_size)
    if len(raw) > _STREAM_ABOVE and (
        forced == "Dataset" or (forced is None and b'"inspections"' in raw)
    ):
        # A large dataset is read one inspection at a time: a parsed document takes
        # about eight times its text in memory, the objects built from it far less.
        text = _utf8(raw)
        del raw  # the text alone is kept while the inspections are built
        return _from_json_streamed(
            text,
            DOCUMENT_TYPES["Dataset"],
            otherwise=None if forced else DOCUMENT_TYPES["Inspection"],
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        text = _utf8(raw)
        del raw
        # from_json words the syntax error, exactly as for a program that calls it.
        return peelmodel.from_json(text, _document(None, forced))
    _refuse_duplicate_keys(raw, data)
    del raw
    return peelmodel.from_dict(data, _document(data, forced))


def _load(name: str, forced: str | None, max_size: int, out: _Out) -> Any:
    """The object in file ``name`` ("-": standard input), or None after writing each
    problem as ``name: path: message``."""
    shown = _name(name)
    try:
        return _parse(name, forced, max_size)
    except _Unreadable as error:
        out.write(f"{shown}: $: cannot read the file: {_chars(str(error))}\n")
    except OSError as error:
        out.write(f"{shown}: $: cannot read the file: {_chars(_reason(error))}\n")
    except peelmodel.ValidationError as error:
        _problems(shown, error.problems, out)
    except RecursionError:
        out.write(f"{shown}: $: the document is nested too deeply to be read\n")
    except MemoryError:
        out.write(f"{shown}: $: there is not enough memory to read the file\n")
    return None


def _validate(files: Sequence[str], forced: str | None, max_size: int, out: _Out) -> int:
    invalid = 0
    for name in files:
        obj = _load(name, forced, max_size, out)
        if obj is None:
            invalid += 1
            continue
        shown = _name(name)
        for problem in peelmodel.check(obj):
            out.write(
                f"{shown}: {_chars(problem.path)}: {problem.severity.value}: {_chars(problem.message)}\n"
            )
        out.write(f"{shown}: valid {type(obj).__name__}\n")
        del obj  # before the next file is read
    return 1 if invalid else 0


def _schema(class_name: str, out: _Out, parser: argparse.ArgumentParser) -> int:
    cls = DOCUMENT_TYPES.get(class_name)
    if cls is None:
        close = difflib.get_close_matches(class_name, list(DOCUMENT_TYPES), n=1)
        hint = (
            f"; did you mean {close[0]!r}?" if close else f" (one of {', '.join(DOCUMENT_TYPES)})"
        )
        parser.error(f"{class_name!r} is not a peelmodel class{hint}")
    text = json.dumps(peelmodel.json_schema(cls), indent=2, ensure_ascii=False)
    if not out.can_encode(text):  # an ASCII terminal: \u escapes, still the same JSON
        text = json.dumps(peelmodel.json_schema(cls), indent=2)
    out.write(text + "\n")
    return 0


# --- arguments -----------------------------------------------------------------------


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("peelmodel")
    except metadata.PackageNotFoundError:
        return str(getattr(peelmodel, "__version__", "unknown"))


_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def _max_size(text: str) -> int:
    """A size in bytes: 1000, 64K, 512M, 2G (K, M, G: 1024, 1024², 1024³; KiB, MB... too)."""
    match = re.fullmatch(r"\s*(\d{1,20})\s*([kmgt]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size in bytes (such as 1000000, 64K, 512M or 2G)"
        )
    return int(match[1]) * _UNITS[match[2].lower()]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes help and --version to the command's output (not
    always sys.stdout) and escapes what does not print in its error messages."""

    out: _Out | None = None

    def _stream(self, file: _Writable | None) -> _Out | None:
        if file is not None:
            return _Out(file)
        if self.out is not None:
            return self.out
        return _Out(sys.stdout) if sys.stdout is not None else None

    def print_usage(self, file: _Writable | None = None) -> None:
        stream = self._stream(file)
        if stream is not None:
            stream.write(self.format_usage())

    def print_help(self, file: _Writable | None = None) -> None:
        stream = self._stream(file)
        if stream is not None:
            stream.write(self.format_help())

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _stderr(message.rstrip("\n"))
        raise SystemExit(status)

    def error(self, message: str) -> NoReturn:
        if sys.stderr is not None:
            _stderr(self.format_usage().rstrip("\n"))
        self.exit(2, f"{self.prog}: error: {_chars(message, 2000)}\n")


class _Version(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        stream = parser._stream(None) if isinstance(parser, _Parser) else None
        if stream is not None:
            stream.write(f"peelmodel {_version()}\n")
        parser.exit()


def build_parser(out: TextIO | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``peelmodel`` command (help and --version go to ``out``,
    by default standard output)."""
    return _build(_Out(out) if out is not None else None)


def _build(writer: _Out | None) -> _Parser:
    parser = _Parser(
        prog="peelmodel",
        description="PEEL inspections of the police forces of England and Wales.",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the version of peelmodel and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    size_help = (
        "read no file larger than this many bytes (suffixes K, M, G: KiB, MiB, GiB; "
        f"default {_size_words(DEFAULT_MAX_SIZE)})"
    )
    show = sub.add_parser(
        "show",
        help="a force's PEEL history as a table (the default: Essex, from the embedded data)",
    )
    show.add_argument(
        "target",
        nargs="?",
        metavar="FORCE|FILE",
        help="a force (id, name or alias) or a JSON file (- for standard input); default essex",
    )
    show.add_argument(
        "--force", metavar="FORCE", help="with a FILE: show this force only (default: every force)"
    )
    show.add_argument(
        "--programme", metavar="ID", help="every force's grades in one round (e.g. peel-2017)"
    )
    show.add_argument(
        "--max-size", type=_max_size, default=DEFAULT_MAX_SIZE, metavar="BYTES", help=size_help
    )
    sub.add_parser("coverage", help="what the national record holds, per round and subject")
    sub.add_parser(
        "reference",
        help="the 43 forces, the grading scales and the programmes with their published wording",
    )
    validate = sub.add_parser(
        "validate",
        help="check JSON files; print each problem as FILE: path: message",
        description="Check peelmodel JSON files. Exit status: 0 all valid, 1 any invalid "
        "or unreadable, 2 usage error.",
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
    validate.add_argument(
        "--max-size", type=_max_size, default=DEFAULT_MAX_SIZE, metavar="BYTES", help=size_help
    )
    schema = sub.add_parser("schema", help="print the JSON Schema (draft 2020-12) of a class")
    schema.add_argument(
        "cls", nargs="?", default="Inspection", metavar="CLASS", help="default: Inspection"
    )
    for p in (parser, *sub.choices.values()):
        if isinstance(p, _Parser):
            p.out = writer
    return parser


def _run(argv: Sequence[str] | None, out: _Out) -> int:
    parser = _build(out)
    try:
        args = parser.parse_args(argv)
        if args.command == "validate":
            return _validate(args.files, args.type, args.max_size, out)
        if args.command == "schema":
            return _schema(args.cls, out, parser)
        if args.command == "reference":
            return _reference(out)
        if args.command == "coverage":
            return _coverage(out)
        if getattr(args, "programme", None):
            try:
                return _national_table(args.programme, out)
            except peelmodel.ValidationError as error:
                out.write(f"{_name(args.programme)}: {_chars(error.problems[0].message)}\n")
                return 2
        target = getattr(args, "target", None)
        force = getattr(args, "force", None)
        if force is not None and target is not None and not _is_file(target):
            parser.error("--force goes with a FILE; for the national record, name the force")
        return _show(target, force, getattr(args, "max_size", DEFAULT_MAX_SIZE), out)
    except SystemExit as done:  # argparse: --help, --version, a usage error
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 2)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that what is left in its buffer
    is not written again (and fails again) when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0, 1 or 2), never raises.

    ``out`` is where the output goes (standard output by default); when it is given,
    neither sys.stdout nor any other process-wide state is touched.
    """
    own = out is None
    if out is None:
        if sys.stdout is None:
            _stderr("peelmodel: cannot write the output: standard output is closed")
            return 2
        out = sys.stdout
    writer = _Out(out)
    try:
        code = _run(argv, writer)
        writer.flush()
    except _OutputError as failure:
        if own:
            _quiet_stdout()
        if not isinstance(failure.error, BrokenPipeError):
            where = "standard output" if own else "the output"
            _stderr(f"peelmodel: cannot write to {where}: {_reason(failure.error)}")
        return 2
    except KeyboardInterrupt:
        _stderr("peelmodel: interrupted")
        return 130
    except Exception as error:  # a bug: one line, not a traceback
        _stderr(
            f"peelmodel: internal error: {type(error).__name__}: {_chars(str(error))} "
            "(please report it)"
        )
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
