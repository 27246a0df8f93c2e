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
from briefgen.model.quantities import Quantity, parse_quantity
from briefgen.model.sources import Source
from briefgen.model.vocab import (
    ActorKind,
    BriefType,
    Confidence,
    IndicatorStatus,
    Likelihood,
    Marking,
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
    "Indicator",
    "IndicatorStatus",
    "Item",
    "KeyJudgment",
    "Likelihood",
    "Marking",
    "OpenQuestion",
    "Outlook",
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
