"""Find casualty figures and the incident they belong to: "killing at least 12 soldiers"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.extract.places import place_of
from briefgen.extract.rules import figures, force_places, forces
from briefgen.model.vocab import IncidentType

_WHO = (
    r"people|persons|civilians|children|women|others|members|residents|passengers|workers"
    r"|aid workers|police officers|policemen|gunmen|attackers|insurgents|rebels|jihadists"
    r"|" + forces.UNITS
)
FIGURE = re.compile(
    rf"(?i:(?P<qual>{figures.QUALIFIERS})\s+)?(?<![\w.,-])(?P<num>(?i:{figures.NUMBER}))\b"
    rf"(?:\s*(?:thousand|million))?(?:\s*(?:-|–|to)\s*(?i:{figures.NUMBER}))?(?![\w.,]*\d)"
    rf"(?:\s+(?P<mod>(?:(?!(?:and|or|in|at|on|were|was|are|is|have|has|had)\b)[\w'’.-]+\s+)"
    rf"{{0,3}}?)(?P<who>{_WHO})\b)?"
)
_KILLED = r"killed|dead|died|slain|killing|kills|kill|deaths|fatalities"
_WOUNDED = r"wounded|injured|wounding|injuring|injuries|hurt"
_CAPTURED = r"captured|capturing|taken\s+prisoner|taken\s+captive|detained|abducted|kidnapped"
_AFTER = re.compile(
    rf"(?:\s+(?:were|was|have\s+been|had\s+been|are|being|been|reported|reportedly"
    rf"|confirmed|also|others?|more))*\s+(?P<kind>{_KILLED}|{_WOUNDED}|{_CAPTURED})\b"
)
_BEFORE = re.compile(
    rf"\b(?P<kind>{_KILLED}|{_WOUNDED}|{_CAPTURED})(?:\s+(?:a\s+total\s+of|another|at\s+least"
    rf"|some|about|around|nearly|more\s+than|over|up\s+to|as\s+many\s+as))?\s+$"
)
# Words that say what sort of incident it was, the most specific first.
_TYPES: tuple[tuple[IncidentType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(words, re.IGNORECASE))
    for kind, words in (
        (IncidentType.DRONE, r"\bdrones?\b|\bUAVs?\b"),
        (IncidentType.MISSILE, r"\bmissiles?\b|\brockets?\b|\bballistic\b"),
        (
            IncidentType.AIRSTRIKE,
            r"\bair\s*strikes?\b|\bair\s+raids?\b|\bbombing\s+raids?\b"
            r"|\bwarplanes?\b|\bair\s+attacks?\b",
        ),
        (IncidentType.SHELLING, r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b"),
        (IncidentType.NAVAL, r"\bnaval\b|\bwarships?\b|\bvessels?\b|\bships?\b|\bat\s+sea\b"),
        (
            IncidentType.CLASH,
            r"\bclash(?:es|ed)?\b|\bfighting\b|\bbattles?\b|\bfirefights?\b"
            r"|\bskirmish(?:es)?\b|\bcounterattacks?\b|\bcombat\b",
        ),
        (
            IncidentType.ATTACK,
            r"\battack(?:s|ed)?\b|\bambush(?:ed)?\b|\bbomb(?:ing|s)?\b"
            r"|\bexplosions?\b|\braids?\b|\bassaults?\b|\bstrikes?\b|\bstormed\b|\boffensive\b",
        ),
    )
)


@dataclass
class Found:
    """The casualty figures one clause states, as stated, and where the clause lies."""

    start: int
    end: int
    type: IncidentType
    location: str | None
    figures: dict[str, str] = field(default_factory=dict)
    """"fatalities", "wounded" or "captured" to the figure as stated."""


def _kind(word: str) -> str:
    if re.fullmatch(_KILLED, word, re.IGNORECASE):
        return "fatalities"
    if re.fullmatch(_WOUNDED, word, re.IGNORECASE):
        return "wounded"
    return "captured"


def incident_type(text: str) -> IncidentType:
    """Return the sort of incident a sentence describes, from its words."""
    return next((kind for kind, words in _TYPES if words.search(text)), IncidentType.OTHER)


def find_incidents(text: str) -> list[Found]:
    """Return the casualty figures of a sentence, one entry per claim."""
    result: list[Found] = []
    if not figures.ANY_NUMBER.search(text):
        return result
    kind_type = incident_type(text)
    for match in FIGURE.finditer(text):
        after = _AFTER.match(text, match.end())
        before = _BEFORE.search(text, max(0, match.start() - 40), match.start())
        if not (after or before) or (not match["who"] and not after and not before):
            continue
        if match["who"] is None and after is None and not _bare_ok(text, match):
            continue
        kind = _kind((after or before)["kind"])  # type: ignore[index]
        stated = " ".join(match.group().split())
        current = result[-1] if result else None
        if current is None or kind in current.figures or _new_clause(text, current.end, match):
            current = Found(
                start=match.start(),
                end=match.end(),
                type=kind_type,
                location=_location(text, match.start(), match.end()),
            )
            result.append(current)
        current.figures[kind] = stated
        current.end = max(current.end, (after.end() if after else match.end()))
    return result


def _bare_ok(text: str, match: re.Match[str]) -> bool:
    """Tell whether a number without a noun is a toll ("killing 12"), not a year or time."""
    return not re.fullmatch(r"(?:19|20)\d\d", match["num"])


def _new_clause(text: str, end: int, match: re.Match[str]) -> bool:
    """Tell whether a figure starts a new claim: another speaker's words after a semicolon."""
    return bool(re.search(r";|\bwhile\b|\bwhereas\b|\bbut\b", text[end : match.start()]))


def _location(text: str, start: int, end: int) -> str | None:
    """Return the place the clause puts the incident in, else the first place the sentence names."""
    found = force_places.clause_location(
        text, start, end, force_places.clause_span(text, start, end)
    )
    if found:
        return re.sub(r"^the\s+", "", found)
    named = force_places.places(text)
    if named:
        return named[0]
    # A place the gazetteer knows, though the sentence does not mark it as one.
    known = (
        m["loc"].strip() for m in force_places.PLACE_AFTER.finditer(text) if m["prep"] != "from"
    )
    return next((loc for loc in known if place_of(loc)), None)
