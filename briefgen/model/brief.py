"""The brief: its header, judgments, forces, positions, events, questions and sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from briefgen.model.actors import Actor
from briefgen.model.base import (
    Cite,
    IdList,
    Item,
    Markdown,
    PartialDate,
    RequiredCite,
    Slug,
    SourceKey,
    Strict,
    Text,
    TextList,
)
from briefgen.model.incidents import Incident
from briefgen.model.places import Place
from briefgen.model.quantities import QuantityInput
from briefgen.model.sources import Source
from briefgen.model.vocab import (
    BriefType,
    Confidence,
    IndicatorStatus,
    Likelihood,
    Marking,
    PositionType,
    QuestionStatus,
    Signal,
)


class KeyJudgment(Item):
    """An analytic judgment with an ICD 203 likelihood and a separate confidence."""

    text: Markdown
    likelihood: Likelihood | None = None
    confidence: Confidence | None = None
    basis: IdList = Field(default=(), description="Ids of items in this brief it rests on.")
    cite: Cite = ()


class Force(Item):
    """A force on the ground, with its strength as stated and who claims it."""

    actor: Slug
    aligned_with: Slug | None = None
    location: str | None = None
    place: Slug | None = Field(default=None, description="Id of a place in `places`.")
    strength: QuantityInput | None = None
    claimed_by: Slug | None = None
    as_of: PartialDate | None = Field(
        default=None, description="When the strength was stated: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    status: str | None = None
    capabilities: TextList = ()
    notes: Markdown | None = None
    cite: RequiredCite


class Position(Item):
    """What an actor has said: a paraphrased stance and, if any, verbatim words."""

    actor: Slug
    type: PositionType = PositionType.STATEMENT
    stance: Markdown
    quote: str | None = Field(default=None, description="Verbatim words only.")
    addressed_to: Slug | None = None
    date: dt.date | None = None
    venue: str | None = None
    cite: RequiredCite


class Event(Item):
    """Something that happened, for the timeline."""

    date: PartialDate
    summary: Markdown
    actors: IdList = ()
    place: Slug | None = Field(default=None, description="Id of a place in `places`.")
    location: str | None = None
    cite: RequiredCite


class Outlook(Strict):
    """How likely a question is to resolve toward yes, and how confident we are."""

    likelihood: Likelihood | None = None
    confidence: Confidence | None = None


class Indicator(Strict):
    """Something to watch that would move a question one way or the other."""

    text: Text
    signals: Signal | None = None
    status: IndicatorStatus = IndicatorStatus.NOT_OBSERVED


class OpenQuestion(Item):
    """A question the brief cannot answer yet, with what would answer it."""

    question: Text
    why: Markdown | None = None
    outlook: Outlook | None = None
    indicators: tuple[Indicator, ...] = ()
    related: IdList = ()
    status: QuestionStatus = QuestionStatus.OPEN
    resolution: Markdown | None = None


class Brief(Strict):
    """One brief, exactly as its YAML file states it (schema version 1)."""

    schema_: Literal[1] = Field(alias="schema", description="Brief format version; always 1.")
    id: Slug = Field(default="", description="Defaults to the file name without .yaml.")
    title: Text
    subtitle: str | None = None
    type: BriefType = BriefType.SITUATION
    as_of: dt.date = Field(description="Information cut-off date.")
    review_by: dt.date | None = None
    marking: Marking | None = None
    authors: TextList = ()
    topics: IdList = ()
    region: str | None = None
    bluf: Markdown
    key_judgments: tuple[KeyJudgment, ...] = ()
    actors: dict[Slug, Actor] = Field(default_factory=dict)
    places: dict[Slug, Place] = Field(default_factory=dict)
    forces: tuple[Force, ...] = ()
    positions: tuple[Position, ...] = ()
    events: tuple[Event, ...] = ()
    incidents: tuple[Incident, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()
    sources: dict[SourceKey, Source] = Field(min_length=1)

    @property
    def effective_marking(self) -> Marking:
        """Return the marking, which validation sets from `default_marking` when none is given."""
        if self.marking is None:  # a bug: only validated briefs reach the renderers and the site
            raise RuntimeError(f"brief {self.id!r} has no marking: validate it with load_brief")
        return self.marking

    def is_stale(self, today: dt.date) -> bool:
        """Return whether the brief's review date has passed on `today`."""
        return self.review_by is not None and self.review_by < today

    def sections(self) -> Iterator[tuple[str, tuple[Item, ...]]]:
        """Yield each list section's key and items, in document order."""
        yield "key_judgments", self.key_judgments
        yield "forces", self.forces
        yield "positions", self.positions
        yield "events", self.events
        yield "incidents", self.incidents
        yield "open_questions", self.open_questions

    def items(self) -> Iterator[Item]:
        """Yield every listed item in document order."""
        for _, items in self.sections():
            yield from items

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as JSON, which the worker processes of a site build send and read faster."""
        # pydantic's own pickling goes model by model (about 100 per brief): 0.55 ms a
        # brief to pickle and unpickle, against 0.3 ms for this JSON round trip, which
        # the site cache (briefgen.site.engine.cache) relies on too.
        return (_brief_from_json, (self.model_dump_json(by_alias=True),))


def _brief_from_json(data: str) -> Brief:
    return Brief.model_validate_json(data)
