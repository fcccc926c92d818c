"""Where a piece of data comes from: a citation a reader can follow.

A :class:`Source` names a public document the way a bibliography does: its title,
who published it, when, and where it can be read. Any of these may be unknown, but a
source has at least a title or a URL:

>>> str(Source(title="PEEL: Police effectiveness 2015 – Essex Police", publisher="HMIC",
...            published=date(2016, 2, 18)))
'PEEL: Police effectiveness 2015 – Essex Police. HMIC, 18 February 2016.'
>>> Source(url="https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2015/kent/").label
'hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2015/kent/'
"""

from __future__ import annotations

from datetime import date

import attrs

from peelmodel._types import checked_post_init
from peelmodel.errors import Problem, ValidationError

__all__ = ["Source", "format_date"]


def format_date(day: date) -> str:
    """A date as peelmodel writes it for people everywhere: "18 February 2016"."""
    return f"{day.day} {day:%B %Y}"


@attrs.frozen(kw_only=True)
class Source:
    """A public document a figure, grade or finding is taken from.

    ``title`` is the document's title as published; ``publisher`` who published it
    (HMIC, HMICFRS, a force, a newspaper); ``published`` its date; ``url`` where it
    can be read. ``page`` locates the passage in a paged document; ``note`` says
    anything a reader should know (which table, what the document leaves out).
    """

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    page: int | None = None
    note: str | None = None

    __attrs_post_init__ = checked_post_init

    def _rules(self) -> None:
        problems: list[Problem] = []
        title = (self.title or "").strip()
        url = (self.url or "").strip()
        if not title and not url:
            problems.append(
                Problem(
                    path="$",
                    code="source.empty",
                    message="a source needs a title or a URL, so that a reader can find it",
                )
            )
        if self.url is not None and url and not url.startswith(("https://", "http://")):
            problems.append(
                Problem(
                    path="$.url",
                    code="source.url",
                    message=f"a source URL starts with https:// or http://, not {url[:40]!r}",
                )
            )
        if self.page is not None and self.page < 1:
            problems.append(
                Problem(
                    path="$.page",
                    code="source.page",
                    message=f"a page number starts at 1, not {self.page}",
                )
            )
        if problems:
            raise ValidationError(problems)

    @property
    def label(self) -> str:
        """A short name: the title, or the URL without its scheme."""
        if self.title:
            return self.title
        url = self.url or ""
        return url.split("://", 1)[-1]

    def __str__(self) -> str:
        parts = [self.label]
        by = ", ".join(
            p
            for p in (self.publisher, format_date(self.published) if self.published else None)
            if p
        )
        if by:
            parts.append(by)
        if self.page is not None:
            parts.append(f"p. {self.page}")
        text = ". ".join(parts) + "."
        if self.url and self.title:
            text += f" {self.url}"
        return text


def __dir__() -> list[str]:
    """The public names only: what completion in a notebook offers."""
    return sorted(__all__)
