"""What an extractor is given and returns: the article's details, the items found, the rejects."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol

from briefgen.extract.text import Article
from briefgen.model import Actor, Event, Force, Incident, OpenQuestion, Place, Position
from briefgen.model.base import slugify


@dataclass(frozen=True)
class ArticleInfo:
    """What the user tells us about the article: where and when it was published."""

    source_key: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass
class Extraction:
    """Everything an extractor found, as model items with provenance."""

    actors: dict[str, Actor] = field(default_factory=dict)
    forces: list[Force] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    """Items found but not kept, with the reason: shown in the command's report."""
    incidents: list[Incident] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    """Places items refer to by id, each with coordinates the gazetteer ships."""
    casualties: list[str] = field(default_factory=list)
    """Killed, wounded or captured figures not filed as incidents, as stated: never forces."""


@dataclass(frozen=True)
class Rejection:
    """An item an extractor proposed that briefgen did not keep, and why."""

    section: str
    reason: str
    sentence: str


class Extractor(Protocol):
    """Anything that turns an article into items; rules today, a model tomorrow."""

    def extract(self, article: Article, info: ArticleInfo) -> Extraction:
        """Return the actors, forces, positions, events and questions of an article."""
        ...


def source_key_for(title: str | None, publisher: str | None, published: dt.date | None) -> str:
    """Make a citation key from the publisher (or title) and the date."""
    stem = slugify(publisher or title or "article", max_length=24) or "article"
    key = f"{stem}-{published.isoformat()}" if published else stem
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", key)
