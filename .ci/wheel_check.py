"""Checks of the built wheel, installed alone (no extras) in a clean virtual environment.

Run with that environment's Python, from outside the source tree:

    /tmp/peelmodel-wheel-venv/bin/python .ci/wheel_check.py

Each check runs in a fresh interpreter, as a user's program would. Exit status 0 when
every check passes, 1 otherwise (each failure is printed with what was expected).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

CHECKS: list[tuple[str, Callable[[], str | None]]] = []


def check(name: str) -> Callable[[Callable[[], str | None]], Callable[[], str | None]]:
    """Register a check: it returns None when it passes, else what went wrong."""

    def register(function: Callable[[], str | None]) -> Callable[[], str | None]:
        CHECKS.append((name, function))
        return function

    return register


def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (or, with ``-m``, a module) in a fresh interpreter of this venv."""
    command = [sys.executable, *args] if code == "" else [sys.executable, "-c", code, *args]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COLUMNS")}
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),  # never the source tree
        env=env,
        timeout=120,
        check=False,
    )


def failed(result: subprocess.CompletedProcess[str], expected: str) -> str:
    return (
        f"{expected}; got exit status {result.returncode}\n"
        f"--- stdout\n{result.stdout[-2000:]}\n--- stderr\n{result.stderr[-2000:]}"
    )


def missing_extra_message(code: str, extra: str) -> str | None:
    """``code`` must fail with an ImportError that tells the user to install ``extra``."""
    program = "\n".join(
        [
            "import sys",
            "try:",
            textwrap.indent(code.strip(), "    "),
            "except ImportError as error:",
            "    print(error)",
            "    sys.exit(0)",
            "print('no ImportError raised')",
            "sys.exit(3)",
        ]
    )
    result = python(program)
    if result.returncode != 0:
        return failed(result, "an ImportError")
    wanted = f"peelmodel[{extra}]"
    if wanted not in result.stdout:
        return f"the ImportError should name {wanted!r} (pip install '{wanted}'); it says: {result.stdout.strip()!r}"
    return None


# --- the environment ------------------------------------------------------------------


@check("the optional dependencies are not installed")
def no_extras() -> str | None:
    present = [
        name
        for name in ("pandas", "matplotlib", "hypothesis", "pytest", "jsonschema")
        if importlib.util.find_spec(name) is not None
    ]
    return f"installed, so the checks below prove nothing: {present}" if present else None


@check("peelmodel comes from the wheel, not the source tree")
def from_the_wheel() -> str | None:
    result = python("import peelmodel; print(peelmodel.__file__)")
    if result.returncode != 0:
        return failed(result, "import peelmodel to work")
    location = Path(result.stdout.strip()).resolve()
    if "site-packages" not in location.parts:
        return f"peelmodel was imported from {location}"
    return None


# --- the package ---------------------------------------------------------------------


@check("import peelmodel")
def import_peelmodel() -> str | None:
    result = python("import peelmodel")
    return None if result.returncode == 0 else failed(result, "import peelmodel to work")


@check("from peelmodel import *")
def star_import() -> str | None:
    result = python(
        "from peelmodel import *\n"
        "import peelmodel\n"
        "missing = [n for n in peelmodel.__all__ if n not in globals()]\n"
        "assert not missing, missing\n"
        "print(len(peelmodel.__all__))"
    )
    return None if result.returncode == 0 else failed(result, "every name of __all__ imported")


@check("peelmodel.__version__ is the installed version")
def version_attribute() -> str | None:
    result = python("import peelmodel; print(peelmodel.__version__)")
    expected = importlib.metadata.version("peelmodel")
    if result.returncode != 0 or result.stdout.strip() != expected:
        return failed(result, f"{expected!r}")
    return None


@check("python -m peelmodel --version")
def version_flag() -> str | None:
    result = python("", "-m", "peelmodel", "--version")
    expected = f"peelmodel {importlib.metadata.version('peelmodel')}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        return failed(result, f"exit 0 and {expected!r}")
    return None


@check("python -m peelmodel (the main job: Essex Police's history)")
def main_job() -> str | None:
    result = python("", "-m", "peelmodel")
    if result.returncode != 0 or "Essex Police" not in result.stdout or result.stderr:
        return failed(result, "exit 0, Essex Police's history, nothing on standard error")
    return None


@check("the peelmodel command is installed")
def console_script() -> str | None:
    script = Path(sys.executable).with_name("peelmodel.exe" if os.name == "nt" else "peelmodel")
    if not script.exists():
        return f"no {script}"
    result = subprocess.run(
        [str(script), "show", "kent"],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        timeout=120,
        check=False,
    )
    if result.returncode != 0 or "Kent Police" not in result.stdout:
        return failed(result, "exit 0 and Kent Police's history")
    return None


@check("the data ships in the wheel (datasets, programmes, py.typed)")
def package_data() -> str | None:
    result = python(
        "import importlib.resources, peelmodel as pm\n"
        "assert importlib.resources.files('peelmodel').joinpath('py.typed').is_file()\n"
        "assert len(pm.programmes.catalogue()) >= 8\n"
        "assert len({i.force for i in pm.datasets.national()}) == 43\n"
        "assert pm.datasets.essex()\n"
    )
    return None if result.returncode == 0 else failed(result, "the embedded data to load")


@check("JSON and the JSON Schema work without extras")
def json_round_trip() -> str | None:
    result = python(
        "import peelmodel as pm\n"
        "essex = pm.datasets.essex()\n"
        "assert pm.from_json(pm.to_json(essex), pm.Dataset) == essex\n"
        "assert pm.json_schema(pm.Inspection)['$schema'].endswith('2020-12/schema')\n"
    )
    return None if result.returncode == 0 else failed(result, "a lossless round trip")


@check("notebook display works without pandas")
def html_without_pandas() -> str | None:
    result = python(
        "import peelmodel as pm\n"
        "essex = pm.datasets.essex()\n"
        "assert essex._repr_html_().strip()\n"
        "assert essex.to_records()\n"
    )
    return None if result.returncode == 0 else failed(result, "HTML and records")


# --- the extras, missing -------------------------------------------------------------


@check("to_frame() without pandas names the pandas extra")
def frame_without_pandas() -> str | None:
    return missing_extra_message("import peelmodel as pm\npm.datasets.essex().to_frame()", "pandas")


@check("metric_frame() without pandas names the pandas extra")
def metric_frame_without_pandas() -> str | None:
    return missing_extra_message(
        "import peelmodel as pm\npm.datasets.essex().metric_frame()", "pandas"
    )


@check("a chart without matplotlib names the plot extra")
def plot_without_matplotlib() -> str | None:
    return missing_extra_message(
        "import peelmodel as pm\n"
        "from peelmodel import plot\n"
        "plot.grade_timeline(pm.datasets.essex_history())",
        "plot",
    )


@check("import peelmodel.strategies without hypothesis names the hypothesis extra")
def strategies_without_hypothesis() -> str | None:
    return missing_extra_message("import peelmodel.strategies", "hypothesis")


@check("peelmodel.strategies (attribute) without hypothesis names the hypothesis extra")
def strategies_attribute_without_hypothesis() -> str | None:
    return missing_extra_message("import peelmodel\npeelmodel.strategies", "hypothesis")


def main() -> int:
    failures = 0
    for name, function in CHECKS:
        try:
            problem = function()
        except Exception as error:  # a bug in the check itself counts as a failure
            problem = f"{type(error).__name__}: {error}"
        if problem is None:
            print(f"ok    {name}")
        else:
            failures += 1
            print(f"FAIL  {name}\n{textwrap.indent(problem, '      ')}")
    print(f"wheel check: {len(CHECKS) - failures} of {len(CHECKS)} checks pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
