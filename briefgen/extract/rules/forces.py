"""Find stated strengths of forces: "nearly 8,000 North Korean troops in Kursk"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefgen.extract.actors import Mention
from briefgen.extract.gazetteer import STATES
from briefgen.model import parse_quantity

UNITS = (
    "troops|soldiers|military personnel|uniformed personnel|security personnel|personnel"
    "|servicemen|service members|servicemembers|fighters|militants|militiamen|police officers"
    "|policemen|police|gendarmes|commandos|navy vessels|naval vessels|patrol vessels"
    "|combat vehicles|trucks|planes|fighter aircraft|warplanes"
    "|combatants|mercenaries|reservists|conscripts|recruits|marines|sailors|paratroopers"
    "|special forces|peacekeepers|police officers|guards|border guards|tanks|instructors"
    "|military instructors|advisers|advisors|military advisers|trainers|contractors"
    "|armou?red vehicles|military vehicles|vehicles|artillery pieces|artillery systems"
    "|howitzers|drones|missiles|missile launchers|launchers|rockets|aircraft|warplanes"
    "|fighter jets|jets|helicopters|warships|ships|vessels|boats|submarines|battalions"
    "|brigades|divisions|regiments|battalion tactical groups|boots on the ground"
)
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
    "a couple hundred": 200,
    "a couple of hundred": 200,
}
_QUALIFIERS = (
    "approximately|an estimated total of|an estimated|estimated|around|roughly|about|circa|some"
    "|nearly|almost|close to|just under|at least|no fewer than|no less than|no more than"
    "|not more than|more than|upwards of"
    "|in excess of|over|up to|as many as|between"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted(_WORD_NUMBERS, key=len, reverse=True)
)
_MOD_WORD = r"(?:(?!(?:and|or|to|in|at|on|were|was|are|is|have|has)\b)[\w'’.-]+\s+)"
_QUALIFIERS = _QUALIFIERS.replace(" ", r"\s+")
QUANTITY = re.compile(
    rf"(?i:(?P<qual>{_QUALIFIERS})\s+)?(?P<def>(?i:the)\s+)?"
    rf"(?<![\w-])(?P<num>(?i:{_NUMBER}))(?:\s*(?P<scale>thousand|million))?"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUMBER})(?:\s*(?P<scale2>thousand|million))?)?"
    rf"(?:\s+|(?=[A-Z]))(?P<mod>(?:of\s+(?:its|their|the)\s+)?{_MOD_WORD}{{0,4}}?)"
    rf"(?P<unit>{UNITS})\b"
)
# "a 1,000-strong battalion", "a 300-member force", "a 40-person team".
SIZED_UNIT = re.compile(
    rf"(?i:(?P<qual>{_QUALIFIERS})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)[- ]"
    r"(?P<sizer>strong|member|person|man|men|soldier|troop)\s+"
    r"(?P<mod>(?:[\w'’-]+\s+){0,3}?)"
    r"(?P<unit>force|battalion|contingent|unit|team|company|detachment|mission|brigade|group"
    r"|battle ?group|task force|deployment|operations center|centre|center)\b"
)
_NOT_UNITS = re.compile(
    r"\b(?:people|years?|days?|weeks?|months?|hours?|km|kilometres|kilometers|miles|percent"
    r"|civilians|refugees|residents|times|dollars|euros|per|%)\b",
    re.IGNORECASE,
)
_CASUALTY = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:were\s+|have been\s+|had been\s+)?(?:killed|wounded|dead|died|"
    r"injured|captured|casualties|lost|missing)\b"
)
_DEPLOY_VERB = re.compile(
    r"\b(?:deployed|deploys|deploy|deploying|sent|sends|send|sending|massed|masses|amassed|moved"
    r"|moves|move|moving|stationed"
    r"|keeps|kept|maintains|fields|fielded|dispatched|committed|gathered|positioned"
    r"|mobilized|mobilised|brought|rotated|withdrew|withdrawn|withdraw|pulled|numbered|numbers"
    r"|comprised|comprises|totals|totalled|totaled|plans\s+to\s+deploy|plan\s+to\s+deploy)\b"
)
_LOCATION = re.compile(
    r"^(?:\s+(?:\w+ly|are|is|were|was|now|currently|present|stationed|deployed|based|massed"
    r"|positioned|gathered|operating|fighting|have been|had been|being|been|sent|moved"
    r"|remain|remained|remaining|already))*"
    r"\s+(?:in|into|inside|near|along|across|at|around|to|on|outside|off)\s+"
    r"(?P<loc>(?:(?:its|their|the)\s+(?:border|frontier|coast)\s+with\s+)?"
    r"(?:the\s+)?(?:[A-Z][\w'’.-]*(?:'s|’s)?\s+){0,3}[A-Z][\w'’-]*"
    r"(?:\s+(?:region|oblast|province|border|area|city|front|district|peninsula|sea|strait|"
    r"coast|shoal|reef|island|islands|town|state|governorate))?)"
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?")


def spelled_quantity(stated: str) -> dict[str, Any] | None:
    """Return a figure written in words ("Twelve soldiers", "a dozen fighters") as a quantity."""
    match = _SPELLED.fullmatch(stated)
    if match is None:
        return None
    amount: dict[str, Any] = {
        "as_stated": stated,
        "qualifier": _QUALIFIER_OF.get(" ".join((match["qual"] or "").lower().split()), "exact"),
        "value": _WORD_NUMBERS[" ".join(match["num"].lower().split())],
    }
    if match["unit"]:
        amount["unit"] = match["unit"]
    return amount


@dataclass(frozen=True)
class Strength:
    """A number of something military, as stated, and where it stands in the sentence."""

    strength: str | dict[str, Any]
    value: tuple[float | None, float | None, float | None]
    unit: str
    start: int
    end: int
    mod: str
    definite: bool
    location: str | None
    status: str | None = None


ANY_NUMBER = re.compile(rf"\d|\b(?i:{'|'.join(_WORD_NUMBERS)})\b")


@lru_cache(maxsize=8)
def _quantities(text: str) -> tuple[re.Match[str], ...]:
    if not ANY_NUMBER.search(text):
        return ()
    return tuple(QUANTITY.finditer(text))


def find_strengths(text: str) -> list[Strength]:
    """Return every stated strength in a sentence (casualty figures are not strengths)."""
    found: list[Strength] = []
    casualties = {span for span, _ in find_casualties(text)}
    for match in _quantities(text):
        mod = match["mod"] or ""
        if _NOT_UNITS.search(mod) or (match.start(), match.end()) in casualties:
            continue
        if _FIRED.search(text, max(0, match.start() - 40), match.start()):
            continue
        strength = _strength(match)
        if strength is not None:
            found.append(_located(text, match, strength, mod))
    candidates = SIZED_UNIT.finditer(text) if re.search(r"\d[- ]\w", text) else iter(())
    for match in candidates:
        if any(s.start <= match.start("num") < s.end for s in found):
            continue
        stated = " ".join(match.group().split())
        qual = (match["qual"] or "").lower()
        value = float(match["num"].replace(",", ""))
        sized: dict[str, Any] = {
            "as_stated": stated,
            "qualifier": _QUALIFIER_OF.get(qual, "exact"),
            "value": int(value),
            "unit": match["unit"].lower(),
        }
        found.append(_located(text, match, sized, match["mod"] or ""))
    return sorted(found, key=lambda s: s.start)


def find_casualties(text: str) -> list[tuple[tuple[int, int], str]]:
    """Return the killed, wounded or captured figures of a sentence, as stated."""
    result: list[tuple[tuple[int, int], str]] = []
    for match in _quantities(text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() :]
        if _CASUALTY.match(after) or _PASSIVE_CASUALTY.match(after) or _KILLING.search(before):
            result.append(((match.start(), match.end()), " ".join(match.group().split())))
    return result


_PASSIVE_CASUALTY = re.compile(
    r"[^,;.]{0,80}?\b(?:were|was|have\s+been|had\s+been|are|being)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|captured|taken\s+prisoner|dead|slain)\b"
)
# Munitions fired or brought down are events, not forces: "fired two missiles".
_FIRED = re.compile(
    r"\b(?:fired|fires|firing|launched|launches|shot\s+down|shot|intercepted|downed|dropped"
    r"|struck|destroyed)\s+(?:(?:at\s+least|more\s+than|some|about|around|over)\s+)?$"
)
_STATE_IDS = frozenset(e.id for e in STATES)
_KILLING = re.compile(
    r"\b(?:killing|killed|lost|losing|wounding|wounded|injuring|captured|capturing)"
    r"\s+(?:\w+\s+)?$"
)
_SPELLED = re.compile(
    rf"(?i:(?P<qual>{_QUALIFIERS})\s+)?(?P<num>(?i:"
    + "|".join(w.replace(" ", r"\s+") for w in sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r"))(?:\s+(?P<unit>.+))?"
)
_QUALIFIER_OF = {
    "no more than": "up_to",
    "not more than": "up_to",
    "up to": "up_to",
    "as many as": "up_to",
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "nearly": "nearly",
    "almost": "nearly",
    **dict.fromkeys(("about", "around", "approximately", "some", "roughly", "estimated"), "about"),
}


def _located(text: str, match: re.Match[str], strength: str | dict[str, Any], mod: str) -> Strength:
    clause = _clause(text, match.start(), match.end())
    status = force_status(text[clause[0] : clause[1]])
    location = _LOCATION.match(text[match.end() :])
    loc = location["loc"] if location else None
    if not loc or not _is_place(loc):
        loc = clause_location(
            text, match.start(), match.end(), clause, withdrawn=status == "withdrawn"
        )
    return Strength(
        strength=strength,
        value=_amount(strength),
        unit=match["unit"].lower(),
        start=match.start(),
        end=match.end(),
        mod=mod.strip(),
        definite=bool(match.groupdict().get("def")),
        location=re.sub(r"^the\s+", "", loc) if loc else None,
        status=status,
    )


_CLAUSE_BREAK = re.compile(
    r";|\.\s|,\s+(?:but|while|whereas|although|though|which|who|adding|saying)\b|\bbut\s"
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
_PLACE_AFTER = re.compile(
    r"\b(?P<prep>in|into|to|near|along|across|at|around|inside|outside|from|off|toward|towards"
    r"|on|within|throughout|over|above|across|through)\s+(?:the\s+|its\s+|their\s+)?"
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


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the clause a phrase stands in."""
    begin = 0
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= start:
            begin = brk.end()
        elif brk.start() >= end:
            return begin, brk.start()
    return begin, len(text)


def _is_place(loc: str) -> bool:
    from briefgen.extract.actors import is_name

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
    begin, stop = clause or _clause(text, start, end)
    candidates: list[tuple[int, str]] = []
    for match in _PLACE_AFTER.finditer(text, begin, stop):
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
        if not _is_place(loc):
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
    begin, stop = _clause(text, start, end)
    return bool(_GENERIC_PLACE.search(text, begin, stop))


# "told reporters in Warsaw", "at a news conference in Riga": where words were said.
_VENUE_BEFORE = re.compile(
    r"\b(?:told|said|says|speaking|spoke|reporters|conference|summit|briefing|meeting|interview"
    r"|visit|statement)\b[^,;]{0,30}$"
)


def is_state(actor: str) -> bool:
    """Tell whether an actor id is a state of the gazetteer."""
    return actor in _STATE_IDS


def places(text: str) -> list[str]:
    """Return the states and places a sentence puts something in, in order."""
    return [
        m["loc"].strip()
        for m in _PLACE_AFTER.finditer(text)
        if m["prep"] != "from"
        and (_is_state_or_place(m["loc"]) or m["named"])
        and _is_place(m["loc"])
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


_WITHDRAWN = re.compile(
    r"\b(?:withdrew|withdrawn|pulled out|pulled back|left|departed|evacuated|handed over"
    r"|were taken|was taken|completed (?:the|its) (?:withdrawal|drawdown|first phase))\b"
    r"|\bwithdrawal\b.*\b(?:completed|ended)\b"
)
_TO_LEAVE = re.compile(r"\b(?:will|would|to)\s+(?:be\s+)?(?:withdraw|withdrawn|leave|pull\s+out)\b")
_PLANNED = re.compile(
    r"\b(?:will|would|shall|plans? to|planned|planning|is to|are to|to be|expected to|set to"
    r"|intends? to|aims? to|could|may|might|considering|weighing|preparing to|ready to"
    r"|prepares? to|pledged|promised|offered|approved|agreed to)\b"
)
_DEPLOYED = re.compile(
    r"\b(?:deployed|stationed|based|arrived|landed|massed|positioned|operating|present"
    r"|fighting|fought|patrolling|reinforc\w+|flagged off|sent)\b"
)


def force_status(clause: str) -> str | None:
    """Tell from a force's clause whether it is withdrawn, planned or deployed."""
    if _WITHDRAWN.search(clause) or _TO_LEAVE.search(clause):
        # A withdrawal still to come leaves the force where it is for now.
        return "deployed" if _PLANNED.search(clause) else "withdrawn"
    if _PLANNED.search(clause):
        return "planned"
    if _DEPLOYED.search(clause):
        return "deployed"
    return None


def _number(word: str, scale: str | None) -> float:
    lowered = word.lower()
    value = _WORD_NUMBERS.get(lowered) or float(lowered.replace(",", ""))
    factor = {"thousand": 1_000, "million": 1_000_000}.get((scale or "").lower(), 1)
    return float(value) * factor


def _strength(match: re.Match[str]) -> str | dict[str, Any] | None:
    """Build the strength as shorthand when it reads back the same, else as a mapping."""
    qual = " ".join((match["qual"] or "").lower().split()).replace(" total of", "")
    unit = " ".join(match["unit"].lower().split())
    if qual == "between" and not match["num2"]:
        return None
    first = _number(match["num"], match["scale"] or match["scale2"])
    if not match["num"][:1].isdigit() and not match["num2"]:
        # "nine navy vessels", "a couple hundred police": kept in the words used.
        return {
            "as_stated": " ".join(match.group().split()),
            "qualifier": _QUALIFIER_OF.get(qual, "about" if "couple" in match["num"] else "exact"),
            "value": int(first),
            "unit": unit,
        }
    if match["num2"]:
        second = _number(match["num2"], match["scale2"])
        if first >= second:
            return None
        stated = f"{_fmt(first)}-{_fmt(second)} {unit}"
    else:
        stated = f"{qual} {_fmt(first)} {unit}".strip()
    try:
        parse_quantity(stated)
    except ValueError:
        return None
    return stated


def _fmt(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _amount(stated: str | dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    parsed = parse_quantity(stated) if isinstance(stated, str) else stated
    return (parsed.get("value"), parsed.get("min"), parsed.get("max"))


_DESCRIBED_GROUP = re.compile(
    r"^\s+(?:from|of)\s+(?P<group>(?:[A-Z][\w'’-]+\s+)?(?:[a-z][\w-]*\s+){0,2}"
    r"(?:armed groups|militias|militia|factions|tribes|rebels|rebel groups))\b"
)


def described_group(text: str, strength: Strength) -> tuple[str, int] | None:
    """Return an unnamed group the force belongs to ("fighters from Darfuri armed groups")."""
    match = _DESCRIBED_GROUP.match(text[strength.end :])
    if match:
        return match["group"], strength.end + match.start("group")
    return None


def force_actor(text: str, strength: Strength, mentions: list[Mention]) -> str | None:
    """Find whose force it is: a demonym in the phrase, 'of X' after, or the deploying subject."""
    for mention in mentions:
        if strength.start <= mention.start < strength.end and mention.kind != "pronoun":
            return mention.actor
    tail = text[strength.end : strength.end + 40]
    after = re.match(r"\s+(?:of|from)\s+(?:the\s+)?", tail)
    possessed = re.search(r"\b(?:its|their)\s+(?:[a-z]+\s+)?$", text[: strength.start])
    if after and "from" in after.group() and possessed:
        after = None
    if after:
        for mention in mentions:
            if mention.start == strength.end + after.end():
                return mention.actor
    by = re.match(
        r"[^;]{0,80}?\b(?:deployed|sent|stationed|dispatched)\b[^;]{0,40}?\bby\s+(?:the\s+)?",
        text[strength.end :],
    )
    if by:
        for mention in mentions:
            if mention.start == strength.end + by.end() and mention.kind != "pronoun":
                return mention.actor
    for mention in reversed(mentions):
        if mention.end > strength.start or mention.kind in ("pronoun", "adjective"):
            continue
        between = text[mention.end : strength.start]
        # "France, which withdrew its last 2,400 soldiers": a relative clause may intervene.
        plain = re.sub(r",(?=\d{3})", "", between)
        plain = re.sub(r",\s+(?:which|who)\b(?:[^,]*,)?", " ", plain)
        if _DEPLOY_VERB.search(plain) and len(plain.split()) <= 10 and "," not in plain:
            return mention.actor
        if re.fullmatch(r"\s+(?:has|have|had|now has|still has)\s+(?:\w+\s+){0,2}", plain):
            return mention.actor
        if re.fullmatch(r"(?:'s|’s)\s+", between):
            return mention.actor
    return None


_LEAD = re.compile(
    r"[\"“]?\s*(?:(?:On|In|At|According\s+to|However|But)\b[^,]*,\s*)?(?:[Tt]he\s+)?"
)


def clause_subject(text: str, strength: Strength, mentions: list[Mention]) -> str | None:
    """Return the state or body a force's clause opens with: "The RSF launched ... two tanks"."""
    begin, _ = _clause(text, strength.start, strength.end)
    lead = _LEAD.match(text, begin)
    start = lead.end() if lead else begin
    for mention in mentions:
        if mention.start >= strength.start:
            break
        opens = mention.start == start or re.fullmatch(r"[Tt]he\s+", text[mention.start : start])
        if opens and mention.kind in ("state", "body", "group"):
            return mention.actor
    return None


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


def claimant(text: str, mentions: list[Mention]) -> str | None:
    """Return who the sentence says claims its numbers ("according to X")."""
    for match in _ACCORDING.finditer(text):
        for mention in mentions:
            if mention.start == match.end() and mention.kind != "pronoun":
                return mention.actor
    return None


# Forces named without a number: "a small North Korean military unit is operating near
# Donetsk", "the contingents of the armed forces of Armenia ... will be withdrawn from X".
_FORCE_NOUN = (
    r"(?:armed\s+forces|forces|troops|soldiers|border\s+guards|military\s+unit|unit|units|navy"
    r"|naval\s+vessels?|warships?|patrol\s+vessels?|vessels?|contingents?|battalions?|brigades?"
    r"|peacekeepers|militia|militiamen|marines|special\s+forces|sub-units|boats)"
)
UNNUMBERED = re.compile(
    rf"\b(?P<np>(?:(?:the|a|an|its|their|additional|more|small|large)\s+)*"
    rf"(?:(?!(?:by|of|in|on|at|to|from|with|for|and|or|as|is|are|was|were|be|been)\b)"
    rf"(?![\w'’-]+ing\b)[\w'’-]+\s+){{0,4}}?{_FORCE_NOUN})\b"
)
_PRESENCE = re.compile(
    r"\b(?:deployed|deploying|deploy|stationed|based|operating|docked|patrolling|withdrawn"
    r"|withdraw|withdrew|sent|moved|moving|arrived|positioned|massed|present|remain|remained"
    r"|will\s+be\s+withdrawn|replaced)\b"
)
_LOWER_PLACE = re.compile(
    r"\b(?:in|along|near|from|at|on|to|across)\s+(?P<loc>(?:its|their|the|these|those)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:border\s+villages?|border\s+areas?|border|frontier|villages?"
    r"|front\s+lines?))\b"
)


def find_unnumbered(text: str, mentions: list[Mention]) -> list[Strength]:
    """Return forces a clause places without a number, owned by a state named in the phrase."""
    found: list[Strength] = []
    if not _PRESENCE.search(text):
        return found
    for match in UNNUMBERED.finditer(text):
        if ANY_NUMBER.search(match["np"]) or _FIRED.search(text, 0, match.start()):
            continue
        begin, stop = _clause(text, match.start(), match.end())
        clause = text[begin:stop]
        if not _PRESENCE.search(clause) or _CASUALTY.match(text[match.end() :]):
            continue
        status = force_status(clause)
        location = clause_location(
            text, match.start(), match.end(), (begin, stop), withdrawn=status == "withdrawn"
        )
        if location is None:
            lower = _LOWER_PLACE.search(text, begin, stop)
            location = lower["loc"] if lower else None
        if location is None:
            continue
        found.append(
            Strength(
                strength="",
                value=(None, None, None),
                unit=match["np"].split()[-1].lower(),
                start=match.start(),
                end=match.end(),
                mod=match["np"],
                definite=False,
                location=re.sub(r"^the\s+", "", location),
                status=status,
            )
        )
    return found


_OWNER_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:armed\s+forces\s+of\s+)?(?P<first>[^,;]{2,40}?)"
    r"(?:\s+and\s+(?P<second>[^,;]{2,40}?))?(?=[,;.]|\s+(?:will|would|are|were|is|was|have|had)\b)"
)


def owners(text: str, strength: Strength, mentions: list[Mention]) -> list[str]:
    """Return the states a force phrase names as owners: "Russian border guards", "of X and Y"."""
    found = [
        m.actor
        for m in mentions
        if strength.start <= m.start < strength.end
        and m.kind in ("state", "adjective", "group")
        and is_state(m.actor)
    ]
    after = _OWNER_AFTER.match(text, strength.end)
    if after:
        for name in ("first", "second"):
            if after[name]:
                start = after.start(name)
                found += [
                    m.actor
                    for m in mentions
                    if m.start == start and m.kind in ("state", "group") and is_state(m.actor)
                ]
    return list(dict.fromkeys(found))


def unit_kind(words: str) -> str:
    """Return what sort of force a unit counts: ships, aircraft, vehicles or people."""
    last = words.lower().split()[-1] if words.strip() else ""
    for kind, pattern in _UNIT_KINDS:
        if re.search(pattern, last):
            return kind
    return "people"


_UNIT_KINDS = (
    ("ships", r"ship|vessel|boat|warship|submarine|frigate|destroyer|navy"),
    ("aircraft", r"aircraft|jet|plane|helicopter|drone|warplane"),
    ("vehicles", r"vehicle|tank|truck|artillery|howitzer|launcher"),
)
