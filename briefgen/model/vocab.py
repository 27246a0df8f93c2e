"""Controlled vocabularies: ICD 203 likelihood, confidence, TLP 2.0, Admiralty grades."""

from __future__ import annotations

from enum import StrEnum


class Likelihood(StrEnum):
    """ICD 203 expressions of likelihood."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"

    @property
    def percent(self) -> tuple[int, int]:
        """Return the term's probability range in percent."""
        return _LIKELIHOOD_RANGES[self]

    @property
    def range_label(self) -> str:
        """Return the range as text, e.g. `55–80%`."""
        low, high = self.percent
        return f"{low}–{high}%"


_LIKELIHOOD_RANGES = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN_CHANCE: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(StrEnum):
    """Analytic confidence, stated separately from likelihood."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Marking(StrEnum):
    """TLP 2.0 labels, ordered from least to most restricted."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def rank(self) -> int:
        """Return 0 for CLEAR up to 4 for RED."""
        return list(Marking).index(self)

    @property
    def slug(self) -> str:
        """Return a CSS-friendly name, e.g. `amber-strict`."""
        return self.value.removeprefix("TLP:").lower().replace("+", "-")

    @property
    def meaning(self) -> str:
        """Return the TLP 2.0 sharing rule in one sentence."""
        return _MARKING_MEANINGS[self]


_TLP_1 = {"TLP:WHITE": Marking.CLEAR}
"""TLP 1.0 labels that TLP 2.0 renamed."""


def old_marking_hint(value: object) -> str | None:
    """Say which TLP 2.0 label to write for a TLP 1.0 one (TLP:WHITE), or None."""
    new = _TLP_1.get(str(value).strip().upper())
    if new is None:
        return None
    return f"{str(value).strip()!r} is TLP 1.0's name for what TLP 2.0 calls {new}; write {new}"


_MARKING_MEANINGS = {
    Marking.CLEAR: "Disclosure is not limited.",
    Marking.GREEN: "Limited disclosure, restricted to the community.",
    Marking.AMBER: "Limited disclosure, restricted to participants' organizations.",
    Marking.AMBER_STRICT: "Limited disclosure, restricted to participants' organization only.",
    Marking.RED: "For the eyes and ears of individual recipients only, no further disclosure.",
}


class Reliability(StrEnum):
    """Admiralty source reliability, A (completely reliable) to F (cannot be judged)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        """Return the grade's meaning."""
        return _RELIABILITY[self]


_RELIABILITY = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}

CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class BriefType(StrEnum):
    """What kind of product a brief is."""

    SITUATION = "situation"
    BACKGROUND = "background"
    ASSESSMENT = "assessment"


class ActorKind(StrEnum):
    """What sort of actor an entry describes."""

    STATE = "state"
    ORGANIZATION = "organization"
    PERSON = "person"
    ARMED_GROUP = "armed_group"
    OTHER = "other"


class PositionType(StrEnum):
    """What sort of statement a position records."""

    STATEMENT = "statement"
    WARNING = "warning"
    ASSESSMENT = "assessment"
    PREDICTION = "prediction"
    COMMITMENT = "commitment"
    APPEAL = "appeal"
    REACTION = "reaction"


class SourceType(StrEnum):
    """What sort of document a source is."""

    NEWS = "news"
    OFFICIAL = "official"
    INTERVIEW = "interview"
    SOCIAL = "social"
    REPORT = "report"
    DATASET = "dataset"
    OTHER = "other"


class Signal(StrEnum):
    """Which way an indicator points for its question."""

    TOWARD = "toward"
    AGAINST = "against"


class IndicatorStatus(StrEnum):
    """Whether an indicator has been seen."""

    NOT_OBSERVED = "not_observed"
    OBSERVED = "observed"
    MIXED = "mixed"


class QuestionStatus(StrEnum):
    """Whether a question is still open."""

    OPEN = "open"
    RESOLVED = "resolved"


class Qualifier(StrEnum):
    """How a stated number is hedged."""

    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    RANGE = "range"

    @property
    def words(self) -> str:
        """Return the qualifier as it is read, e.g. `more than`."""
        return "" if self in (Qualifier.EXACT, Qualifier.RANGE) else self.value.replace("_", " ")


class PlaceKind(StrEnum):
    """What sort of place an entry names."""

    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    BASE = "base"
    SEA = "sea"
    POINT = "point"


class IncidentType(StrEnum):
    """What sort of incident an entry records."""

    ATTACK = "attack"
    CLASH = "clash"
    AIRSTRIKE = "airstrike"
    SHELLING = "shelling"
    DRONE = "drone"
    MISSILE = "missile"
    NAVAL = "naval"
    OTHER = "other"
