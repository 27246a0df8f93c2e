"""Actors: states, organizations, people and armed groups."""

from __future__ import annotations

from pydantic import Field

from briefgen.model.base import Provenance, Slug, Strict, Text, TextList
from briefgen.model.vocab import ActorKind


class Actor(Strict):
    """Someone who acts or speaks in a brief."""

    name: Text
    kind: ActorKind = ActorKind.OTHER
    role: str | None = None
    affiliation: Slug | None = Field(default=None, description="Actor id of the state or body.")
    aliases: TextList = ()
    extracted: Provenance | None = None
    unreviewed: bool = False
