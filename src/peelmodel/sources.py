"""Where a piece of data comes from."""

from __future__ import annotations

import attrs

from peelmodel.errors import ValidationError

__all__ = ["Source"]


@attrs.frozen(kw_only=True)
class Source:
    """A document a figure, grade or finding is taken from.

    ``document`` names it (a file, a report title); ``page`` and ``url`` locate the
    passage where the document gives them; ``note`` says anything a reader should know.
    """

    document: str
    page: int | None = None
    url: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.document.strip():
            raise ValidationError.single(
                "$.document", "source.document", "a source needs a document"
            )
        if self.page is not None and self.page < 1:
            raise ValidationError.single(
                "$.page", "source.page", f"a page number starts at 1, not {self.page}"
            )

    def __str__(self) -> str:
        parts = [self.document]
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)
