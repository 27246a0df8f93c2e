"""Find where a force stands: the place named in its clause, or where the next sentence sends it."""

from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(
    r";|\.\s|\s[–—]\s|,\s+(?:but|while|whereas|although|though|which|who|adding|saying)\b|\bbut\s"
    r"|,\s+and\s+(?=the\s|[A-Z])"
)


# Regions named like places though no state is meant.
REGIONS = frozenset(
    [
        *str.split(
            "Europe Africa Asia Mideast Sahel Balkans Caucasus Baltics Arctic Pacific Atlantic"
            " Indo-Pacific Levant Maghreb Donbas Crimea Kashmir Darfur Kurdistan Sinai"
        ),
        *("Middle East", "Horn of", "Red Sea", "Black Sea", "South China", "East China"),
    ]
)


_DIRECTION = r"(?:(?:north|south|east|west)(?:ern)?(?:-?(?:east|west)(?:ern)?)?\s+)"


_PLACE_WORD = (
    r"(?:region|oblast|province|border|area|city|front|district|peninsula|sea|strait|coast"
    r"|shoal|reef|island|islands|town|state|governorate|territory|territories|flank|bay|port"
    r"|river|capital|base|airbase|villages?|states|countries|republics)\b"
)


_PLACE_NAME = (
    r"(?:[A-Z][\w'’.-]*(?:'s|’s)?(?:\s+(?:of|da|de|du|al|el)\s+|\s+"
    r"(?:(?:north|south|east|west)(?:ern)?(?:-?(?:east|west)(?:ern)?)?\s+)?|-))*"
    r"[A-Z][\w'’-]*(?:(?:'s|’s)?\s+" + _DIRECTION + r"?" + _PLACE_WORD + r")?"
)


PLACE_AFTER = re.compile(
    r"\b(?P<prep>in|into|to|near|along|across|at|around|inside|outside|from|off|toward|towards"
    r"|on|within|throughout|over|above|across|through"
    # "to guard its border with Belarus": the place a force is sent to hold.
    r"|guard|patrol|secure|protect|police|defend)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:each\s+of\s+(?:the\s+)?)?"
    r"(?P<named>(?:capital|city|town|port|province|region|island|village)\s+of\s+)?"
    r"(?P<loc>(?:(?:border|frontier)\s+with\s+(?:the\s+)?"
    + _PLACE_NAME
    + r")|"
    + _DIRECTION
    + r"?"
    + _PLACE_NAME
    + r")"
)


_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Telegram|Twitter|The"
    r"|This|That|A|An|It|He|She|They|We|I)\b"
)


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the clause a phrase stands in."""
    begin = 0
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= start:
            begin = brk.end()
        elif brk.start() >= end:
            return begin, brk.start()
    return begin, len(text)


def is_place(loc: str) -> bool:
    from briefgen.extract.actors import is_name

    # "border with the United States": the place is what the border is with.
    loc = re.sub(r"^(?:(?:the|its|their)\s+)?(?:border|frontier)\s+with\s+", "", loc)
    words = re.sub(r"^(?:the|its|their)\s+", "", loc).split()
    return (
        bool(words)
        and not _NOT_PLACE.match(words[0])
        and (
            is_name(words[0].removesuffix("'s").removesuffix("’s"))
            or bool(re.search(_PLACE_WORD + r"$", loc))
            or len(words) <= 4
        )
    )


def clause_location(
    text: str,
    start: int,
    end: int,
    clause: tuple[int, int] | None = None,
    *,
    withdrawn: bool = False,
) -> str | None:
    """Return the place named in the same clause as a force: after it first, else before."""
    begin, stop = clause or clause_span(text, start, end)
    candidates: list[tuple[int, str]] = []
    for match in PLACE_AFTER.finditer(text, begin, stop):
        if match.start() < end and match.end() > start:
            continue
        leaving = withdrawn or _LEAVING.search(text, begin, stop)
        if match["prep"] == "from" and not leaving:
            continue
        if _ORIGIN.search(text[max(begin, match.start() - 40) : match.start()]):
            continue
        before = match.end() <= start
        vague = not (_is_state_or_place(match["loc"]) or match["named"])
        if (match["prep"] in ("to", "at", "on") or before) and vague:
            continue
        loc = match["loc"].strip()
        if not is_place(loc):
            continue
        distance = match.start() - end if match.start() >= end else 1000 + start - match.end()
        candidates.append((distance, loc))
    return min(candidates)[1] if candidates else None


_LEAVING = re.compile(
    r"\b(?:withdr\w+|pull\w*\s+out|draw\s*down|drawdown|reduc\w+|leav\w+|left|evacuat\w+)\b"
)


# "aircraft out of Fairchild Air Force Base in Spokane": where they come from, not go to.
_ORIGIN = re.compile(r"\bout\s+of\s+[^,;]*$")


_GENERIC_PLACE = re.compile(
    r"\b(?:in|into|to|around|inside|across|near|on)\s+the\s+(?:country|island|region|territory"
    r"|enclave|area|province)\b"
)


def generic_place(text: str, start: int, end: int) -> bool:
    """Tell whether a force's clause places it only in "the country", "the island" and the like."""
    begin, stop = clause_span(text, start, end)
    return bool(_GENERIC_PLACE.search(text, begin, stop))


# "told reporters in Warsaw", "at a news conference in Riga": where words were said.
_VENUE_BEFORE = re.compile(
    r"\b(?:told|said|says|speaking|spoke|reporters|conference|summit|briefing|meeting|interview"
    r"|visit|statement)\b[^,;]{0,30}$"
)


def places(text: str) -> list[str]:
    """Return the states and places a sentence puts something in, in order."""
    return [
        m["loc"].strip()
        for m in PLACE_AFTER.finditer(text)
        if m["prep"] != "from"
        and (_is_state_or_place(m["loc"]) or m["named"])
        and is_place(m["loc"])
        and not _VENUE_BEFORE.search(text, max(0, m.start() - 40), m.start() + 1)
    ]


def _is_state_or_place(loc: str) -> bool:
    from briefgen.extract.actors import is_name

    if re.match(r"(?:border|frontier)\s+with\s", loc):
        return True
    first = re.sub(r"^" + _DIRECTION, "", loc).split()
    head = first[0].removesuffix("'s").removesuffix("’s") if first else ""
    return (
        is_name(head)
        or bool(re.search(_PLACE_WORD + r"$", loc, re.IGNORECASE))
        or " ".join(first[:2]) in REGIONS
        or head in REGIONS
    )


# "They'll go to Germany", "The troops will deploy to Souda Bay": where the force just
# counted goes, said in the next sentence.
DESTINATION = re.compile(
    r"^[\"“]?\s*(?:[A-Z][\w ]{0,20},\s+)?(?:[Tt]hey|These\s+\w+|The\s+(?:[\w-]+\s+){0,2}?"
    r"(?:troops|forces|soldiers|personnel"
    r"|contingent|units?|members|aircraft|ships|vessels|police|officers|team|company))\b"
    r"(?:'ll|’ll|'re|’re)?"
    r"[^.;]{0,50}?\b(?:go|deploy|move|head|be\s+deployed|be\s+stationed|be\s+based|arrive"
    r"|relocate)\w*\s+(?P<rest>(?:to|in|into|at)\s+.*)$"
)


def destination(text: str) -> str | None:
    """Return where a sentence sends the force of the sentence before, if it opens so."""
    match = DESTINATION.match(text)
    if not match:
        return None
    found = places(match["rest"])
    return found[0] if found else None
