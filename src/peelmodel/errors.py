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

__all__ = ["Problem", "Severity", "ValidationError", "join_path", "short_repr"]


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

    def __attrs_post_init__(self) -> None:
        if (
            self.path.__class__ is not str
            or self.code.__class__ is not str
            or self.message.__class__ is not str
            or self.severity.__class__ is not Severity
        ):
            from peelmodel._types import check_fields

            check_fields(self)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def under(self, prefix: str) -> Problem:
        """The same problem, its path re-rooted below ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to about ``limit`` characters, saying how long the whole was.

    A message must not quote a 10 MB string back: ``'aaaa…' (10,000,000 characters)``.
    Huge integers are cut the same way, without converting all their digits.

    >>> short_repr("x" * 1000, limit=10)
    "'xxxxxxxxxx…' (1,000 characters)"
    >>> short_repr(10**400)
    'a number of 401 digits'
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}"[:-1] + f"…' ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        digits = int(value.bit_length() * 0.30103) + 1
        exact = len(str(abs(value))) if value.bit_length() < 4000 else digits
        return f"a number of {exact:,} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


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


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
