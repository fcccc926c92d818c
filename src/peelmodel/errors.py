"""The one error hierarchy of peelmodel, and the problems it carries.

Every rejection is a :class:`ValidationError`. It carries ``problems``: each one has a
``path`` into the object or document (``$.judgments[2].grade``), a machine-readable
``code`` and a plain ``message`` that names the values involved. :func:`peelmodel.check`
returns the same :class:`Problem` objects, with a severity, without raising.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = ["Problem", "Severity", "ValidationError", "join_path"]


class Severity(enum.Enum):
    """How serious a problem is: errors make an object invalid; warnings are advice."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an object or a document.

    ``path`` is a JSONPath-like location rooted at ``$`` (the object checked or the
    document loaded), ``code`` a stable identifier for programs, ``message`` a sentence
    for people.
    """

    path: str
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def under(self, prefix: str) -> Problem:
        """The same problem, its path re-rooted below ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))


def join_path(prefix: str, path: str) -> str:
    """Join a path prefix (``$.metrics[3]``) and a path rooted at ``$`` (``$.value``)."""
    if path == "$":
        return prefix
    if path.startswith("$"):
        return prefix + path[1:]
    return f"{prefix}.{path}"


class ValidationError(ValueError):
    """Raised for everything peelmodel rejects; ``.problems`` lists every problem found.

    It is a :class:`ValueError`, so code that already catches ``ValueError`` keeps
    working.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, code: str, message: str) -> ValidationError:
        """A ValidationError with one problem."""
        return cls([Problem(path=path, code=code, message=message)])

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    def under(self, prefix: str) -> ValidationError:
        """The same error with every path re-rooted below ``prefix``."""
        return type(self)([p.under(prefix) for p in self.problems])

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))
