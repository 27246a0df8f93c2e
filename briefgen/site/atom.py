"""The one Atom 1.0 writer: a feed's head, its entries and their timestamps, escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from briefgen._version import __version__


def atom_time(moment: dt.datetime) -> str:
    """Return an aware moment as an Atom timestamp in UTC, e.g. `2024-11-19T08:30:00Z`."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_day(day: dt.date) -> str:
    """Return a day as the Atom timestamp of its start in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


NO_DATE = atom_day(dt.date(1970, 1, 1))
"""The `updated` of a feed without entries."""


@dataclass(frozen=True)
class Entry:
    """One Atom entry: what it is, where it links, when it was updated and what it says."""

    title: str
    id: str
    link: str
    updated: str
    """An Atom timestamp (`atom_time`, `atom_day`)."""
    summary: str
    authors: Sequence[str] = ()
    categories: Sequence[str] = ()
    content_html: str | None = None

    def lines(self) -> list[str]:
        """Write the entry's XML lines."""
        lines = [
            "  <entry>",
            f"    <title>{escape(self.title)}</title>",
            f"    <id>{escape(self.id)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(self.link)}/>',
            f"    <updated>{self.updated}</updated>",
            *(f"    <author><name>{escape(a)}</name></author>" for a in self.authors),
            *(f"    <category term={quoteattr(t)}/>" for t in self.categories),
            f'    <summary type="text">{escape(self.summary)}</summary>',
        ]
        if self.content_html is not None:
            lines.append(f'    <content type="html">{escape(self.content_html)}</content>')
        lines.append("  </entry>")
        return lines


@dataclass(frozen=True)
class Feed:
    """An Atom feed's head: its title, id, the page and the feed it links, its author."""

    title: str
    id: str
    home: str
    url: str
    author: str

    def write(self, updated: str, entries: Sequence[Entry]) -> str:
        """Write the feed with its entries, in the order given."""
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            f"  <title>{escape(self.title)}</title>",
            f"  <id>{escape(self.id)}</id>",
            f"  <updated>{updated}</updated>",
            f'  <link rel="alternate" type="text/html" href={quoteattr(self.home)}/>',
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(self.url)}/>',
            f"  <author><name>{escape(self.author)}</name></author>",
            f'  <generator version="{__version__}">briefgen</generator>',
        ]
        for entry in entries:
            lines += entry.lines()
        lines.append("</feed>")
        return "\n".join(lines) + "\n"
