"""The content model of a brief (schema version 1)."""

from briefgen.model.actors import Actor
from briefgen.model.base import Item, Provenance
from briefgen.model.brief import (
    Brief,
    Event,
    Force,
    Indicator,
    KeyJudgment,
    OpenQuestion,
    Outlook,
    Position,
)
from briefgen.model.incidents import Incident
from briefgen.model.places import Place
from briefgen.model.quantities import Quantity, parse_quantity
from briefgen.model.sources import Source
from briefgen.model.vocab import (
    ActorKind,
    BriefType,
    Confidence,
    IncidentType,
    IndicatorStatus,
    Likelihood,
    Marking,
    PlaceKind,
    PositionType,
    Qualifier,
    QuestionStatus,
    Reliability,
    Signal,
    SourceType,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Brief",
    "BriefType",
    "Confidence",
    "Event",
    "Force",
    "Incident",
    "IncidentType",
    "Indicator",
    "IndicatorStatus",
    "Item",
    "KeyJudgment",
    "Likelihood",
    "Marking",
    "OpenQuestion",
    "Outlook",
    "Place",
    "PlaceKind",
    "Position",
    "PositionType",
    "Provenance",
    "Qualifier",
    "Quantity",
    "QuestionStatus",
    "Reliability",
    "Signal",
    "Source",
    "SourceType",
    "parse_quantity",
]
