"""Incidents: attacks, clashes and strikes with the casualties each claimant states."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from briefgen.model.base import IdList, Item, Markdown, PartialDate, RequiredCite, Slug
from briefgen.model.quantities import QuantityInput
from briefgen.model.vocab import IncidentType


class Incident(Item):
    """One incident as one claimant states it; competing claims are separate incidents."""

    date: PartialDate
    place: Slug | None = Field(default=None, description="Id of a place in `places`.")
    location: str | None = None
    type: IncidentType
    actors: IdList = ()
    fatalities: QuantityInput | None = None
    wounded: QuantityInput | None = None
    captured: QuantityInput | None = None
    claimed_by: Slug | None = None
    summary: Markdown | None = None
    cite: RequiredCite

    @model_validator(mode="after")
    def _check_where(self) -> Self:
        if self.place is None and not self.location:
            raise ValueError("an incident needs `place:` (a place id) or `location:` (free text)")
        return self
