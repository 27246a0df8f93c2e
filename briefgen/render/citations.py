"""Number citations in the order a reader meets them."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import Brief, Source
from briefgen.validate.checks import cited_keys


@dataclass(frozen=True)
class Citation:
    """A source with its number in the brief."""

    number: int
    key: str
    source: Source
    cited: bool


@dataclass(frozen=True)
class CitationIndex:
    """Every source of a brief, numbered by first citation; uncited ones last."""

    entries: tuple[Citation, ...]

    def number(self, key: str) -> int:
        """Return the number of a source key."""
        return self._numbers[key]

    @property
    def _numbers(self) -> dict[str, int]:
        return {entry.key: entry.number for entry in self.entries}

    def by_key(self) -> dict[str, Citation]:
        """Return the entries keyed by source key."""
        return {entry.key: entry for entry in self.entries}


def number_citations(brief: Brief) -> CitationIndex:
    """Number the sources of a brief by first citation in document order."""
    order: dict[str, bool] = {}
    for key, _ in cited_keys(brief):
        order.setdefault(key, True)
    for key, source in brief.sources.items():
        if source.via and key in order:
            order.setdefault(source.via, True)
    for key in brief.sources:
        order.setdefault(key, False)
    entries = tuple(
        Citation(n, key, brief.sources[key], cited)
        for n, (key, cited) in enumerate(order.items(), 1)
        if key in brief.sources
    )
    return CitationIndex(entries)
