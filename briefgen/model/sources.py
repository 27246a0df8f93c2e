"""Sources and their Admiralty grading."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from briefgen.model.base import SourceKey, Strict, Text
from briefgen.model.vocab import CREDIBILITY, Reliability, SourceType

URL_PATTERN = r"^(https?://|mailto:|urn:)\S+$"
"""The addresses a source may have: web pages, mail and URNs, never `javascript:` or files."""


class Source(Strict):
    """A document that facts are cited from."""

    title: Text
    publisher: str | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None
    published: date | None = None
    accessed: date | None = None
    type: SourceType = SourceType.OTHER
    reliability: Reliability | None = None
    credibility: Annotated[int, Field(ge=1, le=6, strict=True)] | None = None
    via: SourceKey | None = Field(default=None, description="Key of the source it came through.")

    @property
    def grade(self) -> str:
        """Return the Admiralty grade, e.g. `B2`, or '' when ungraded."""
        return f"{self.reliability or ''}{self.credibility or ''}"

    @property
    def grade_meaning(self) -> str:
        """Return the grade in words."""
        parts = []
        if self.reliability:
            parts.append(f"source {self.reliability.meaning}")
        if self.credibility:
            parts.append(f"information {CREDIBILITY[self.credibility]}")
        return "; ".join(parts)
