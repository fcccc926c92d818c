"""The API is documented: every public name has a docstring, is rendered in the API
reference (docs/api/, built by mkdocstrings), and the command line page shows what the
command really prints."""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import io
import re
import shlex
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import peelmodel

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "peelmodel"
API = ROOT / "docs" / "api"

# The public modules: the package, its submodules and the command line.
PUBLIC_MODULES = [
    "peelmodel",
    "peelmodel.__main__",
    "peelmodel.checks",
    "peelmodel.dataset",
    "peelmodel.datasets",
    "peelmodel.errors",
    "peelmodel.findings",
    "peelmodel.forces",
    "peelmodel.grades",
    "peelmodel.history",
    "peelmodel.inspections",
    "peelmodel.judgments",
    "peelmodel.metrics",
    "peelmodel.national",
    "peelmodel.notebook",
    "peelmodel.periods",
    "peelmodel.plot",
    "peelmodel.programmes",
    "peelmodel.rates",
    "peelmodel.serialization",
    "peelmodel.sources",
    "peelmodel.strategies",
]


def public_names(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    return list(names)


def own_methods(cls: type) -> dict[str, Any]:
    """The public methods and properties a peelmodel class defines or inherits from
    another peelmodel class (not those of object, Enum or Exception)."""
    found: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("peelmodel"):
            continue
        for name, value in vars(base).items():
            if name.startswith("_"):
                continue
            function = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            if isinstance(value, property) or inspect.isfunction(function):
                found[name] = value
    return found


def doc(value: Any) -> str:
    if isinstance(value, classmethod | staticmethod):
        value = value.__func__
    return (inspect.getdoc(value) or "").strip()


def attribute_docstrings(module: ModuleType) -> dict[str, str]:
    """The docstrings of a module's top-level assignments (a string right after it)."""
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    found = {}
    for statement, following in zip(tree.body, tree.body[1:], strict=False):
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = following.value.value.strip()
    return found


# --- docstrings ----------------------------------------------------------------------


def test_every_public_module_is_listed() -> None:
    modules = {f"peelmodel.{p.stem}" for p in SRC.glob("*.py") if not p.stem.startswith("_")}
    assert modules <= set(PUBLIC_MODULES), sorted(modules - set(PUBLIC_MODULES))


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_module_has_a_docstring(name: str) -> None:
    assert doc(importlib.import_module(name)), name


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_classes_and_functions_have_docstrings(name: str) -> None:
    module = importlib.import_module(name)
    missing = []
    for attribute in public_names(module):
        value = getattr(module, attribute)
        if inspect.isclass(value) or inspect.isroutine(value):
            if not doc(value) or (inspect.isclass(value) and value.__doc__ is None):
                missing.append(attribute)
            if inspect.isclass(value):
                missing += [
                    f"{attribute}.{method}"
                    for method, member in own_methods(value).items()
                    if not doc(member)
                ]
    assert not missing, f"{name}: no docstring for {', '.join(missing)}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_constants_have_docstrings(name: str) -> None:
    # A constant (SCHEMA_VERSION, RULES ...) is documented by a string right after its
    # assignment in the module that defines it; its own value has no __doc__ of its own.
    module = importlib.import_module(name)
    documented = attribute_docstrings(module)
    missing = [
        attribute
        for attribute in public_names(module)
        if not (
            inspect.isclass(value := getattr(module, attribute))
            or inspect.isroutine(value)
            or inspect.ismodule(value)
        )
        and not documented.get(attribute)
        and not any(
            getattr(importlib.import_module(home), attribute, None) is value
            and attribute_docstrings(importlib.import_module(home)).get(attribute)
            for home in PUBLIC_MODULES
            if home != name and home != "peelmodel.strategies"
        )
    ]
    assert not missing, f"{name}: no docstring for {', '.join(missing)}"


# --- the API reference ---------------------------------------------------------------

_DIRECTIVE = re.compile(r"^::: ([\w.]+)[ \t]*\n((?:[ \t]+.*\n?)*)", re.MULTILINE)


def rendered_modules() -> dict[str, str]:
    """Each module a ``:::`` directive of docs/api/ renders with its members, and the
    page it is on."""
    pages: dict[str, str] = {}
    for page in sorted(API.glob("*.md")):
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            options = match.group(2)
            if re.search(r"^\s*members:\s*(false|\[\s*\])\s*$", options, re.MULTILINE):
                continue
            pages[match.group(1)] = page.name
    return pages


def test_every_api_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in API.glob("*.md"):
        assert f"api/{page.name}" in nav, page.name


@pytest.mark.parametrize("name", [m for m in PUBLIC_MODULES if m != "peelmodel"])
def test_public_module_is_rendered_in_the_api_reference(name: str) -> None:
    assert name in rendered_modules(), f"no '::: {name}' in docs/api/"


def home(value: Any, attribute: str) -> str | None:
    """The public module whose rendered members include ``value``."""
    if inspect.ismodule(value):
        return value.__name__
    for module_name in rendered_modules():
        module = importlib.import_module(module_name)
        if attribute in public_names(module) and getattr(module, attribute) is value:
            return module_name
    return None


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_name_is_in_the_api_reference(name: str) -> None:
    module = importlib.import_module(name)
    rendered = rendered_modules()
    missing = [
        attribute
        for attribute in public_names(module)
        if name not in rendered and home(getattr(module, attribute), attribute) is None
    ]
    assert not missing, f"{name}: not rendered in docs/api/: {', '.join(missing)}"


def test_every_top_level_name_is_in_the_api_index() -> None:
    # The flat namespace users reach for (pm.Grade, pm.from_json) is listed, each name
    # linked to the entry of the module that defines it.
    text = (API / "index.md").read_text(encoding="utf-8")
    for attribute in sorted({*peelmodel.__all__, "strategies"}):
        value = getattr(peelmodel, attribute)
        target = home(value, attribute)
        assert target is not None, attribute
        link = target if inspect.ismodule(value) else f"{target}.{attribute}"
        assert f"[`{attribute}`][{link}]" in text, (attribute, link)


# --- the command line page -----------------------------------------------------------


def console_blocks(page: Path) -> list[list[str]]:
    text = page.read_text(encoding="utf-8")
    return [m.group(1).splitlines() for m in re.finditer(r"```console\n(.*?)```", text, re.S)]


def matches(expected: list[str], actual: list[str]) -> bool:
    """``actual`` is ``expected``, where a line ``...`` stands for any lines."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == "..." else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(f"{line}\n" for line in actual)) is not None


def run_session(lines: list[str], cwd: Path) -> list[tuple[str, list[str], list[str]]]:
    """Run a console block's ``$ peelmodel ...`` commands (and the ``cat`` and
    ``echo $?`` beside them); each command with the output shown and the output got."""
    from peelmodel.__main__ import main

    results = []
    status = 0
    commands = [i for i, line in enumerate(lines) if line.startswith("$ ")]
    for n, start in enumerate(commands):
        end = commands[n + 1] if n + 1 < len(commands) else len(lines)
        command, shown = lines[start][2:], lines[start + 1 : end]
        argv = shlex.split(command)
        if argv[0] == "cat":  # the file's content is what the page shows
            (cwd / argv[1]).write_text("\n".join(shown) + "\n", encoding="utf-8")
            continue
        if argv == ["echo", "$?"]:
            got = [str(status)]
        else:
            assert argv[0] == "peelmodel", command
            out = io.StringIO()
            with contextlib.redirect_stderr(out), contextlib.chdir(cwd):
                status = main(argv[1:], out=out)
            got = out.getvalue().splitlines()
        results.append((command, shown, got))
    return results


def test_cli_page_shows_real_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The blocks run in order, in one folder: a file one block shows with `cat` is
    # there for the next.
    monkeypatch.setenv("COLUMNS", "80")  # the width the page was written at
    wrong = []
    for lines in console_blocks(ROOT / "docs" / "cli.md"):
        for command, shown, got in run_session(lines, tmp_path):
            if command == "peelmodel --version":
                shown = [f"peelmodel {peelmodel.__version__}"]
            if not matches(shown, got):
                wrong.append(f"$ {command}\n" + "\n".join(got))
    assert not wrong, "docs/cli.md shows what the command no longer prints:\n\n" + "\n\n".join(
        wrong
    )
