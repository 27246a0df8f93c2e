"""Find stated strengths of forces: "nearly 8,000 North Korean troops in Kursk"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefgen.extract.actors import Mention
from briefgen.extract.gazetteer import STATES
from briefgen.extract.rules.figures import (
    ANY_NUMBER,
    NUMBER,
    QUALIFIER_OF,
    QUALIFIERS,
    amount,
    stated_strength,
)
from briefgen.extract.rules.force_places import clause_location, clause_span, is_place

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

_MOD_WORD = r"(?:(?!(?:and|or|to|in|at|on|were|was|are|is|have|has)\b)[\w'’.-]+\s+)"

QUANTITY = re.compile(
    rf"(?i:(?P<qual>{QUALIFIERS})\s+)?(?P<def>(?i:the)\s+)?"
    rf"(?<![\w-])(?P<num>(?i:{NUMBER}))(?:\s*(?P<scale>thousand|million))?"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{NUMBER})(?:\s*(?P<scale2>thousand|million))?)?"
    rf"(?:\s+|(?=[A-Z]))(?P<mod>(?:of\s+(?:its|their|the)\s+)?{_MOD_WORD}{{0,4}}?)"
    rf"(?P<unit>{UNITS})\b"
)

# "a 1,000-strong battalion", "a 300-member force", "a 40-person team".
SIZED_UNIT = re.compile(
    rf"(?i:(?P<qual>{QUALIFIERS})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)[- ]"
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
        strength = stated_strength(match)
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
            "qualifier": QUALIFIER_OF.get(qual, "exact"),
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


def _located(text: str, match: re.Match[str], strength: str | dict[str, Any], mod: str) -> Strength:
    clause = clause_span(text, match.start(), match.end())
    status = force_status(text[clause[0] : clause[1]])
    location = _LOCATION.match(text[match.end() :])
    loc = location["loc"] if location else None
    if not loc or not is_place(loc):
        loc = clause_location(
            text, match.start(), match.end(), clause, withdrawn=status == "withdrawn"
        )
    return Strength(
        strength=strength,
        value=amount(strength),
        unit=match["unit"].lower(),
        start=match.start(),
        end=match.end(),
        mod=mod.strip(),
        definite=bool(match.groupdict().get("def")),
        location=re.sub(r"^the\s+", "", loc) if loc else None,
        status=status,
    )


def is_state(actor: str) -> bool:
    """Tell whether an actor id is a state of the gazetteer."""
    return actor in _STATE_IDS


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
            listed = re.match(r"\s*(?:,|and)\s+[A-Z]", text[mention.end :])
            # "peacekeepers from Uganda, Burundi and Kenya": contributors; whoever deployed them.
            if mention.start == strength.end + after.end() and not listed:
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
    begin, _ = clause_span(text, strength.start, strength.end)
    lead = _LEAD.match(text, begin)
    start = lead.end() if lead else begin
    for mention in mentions:
        if mention.start >= strength.start:
            break
        opens = mention.start == start or re.fullmatch(r"[Tt]he\s+", text[mention.start : start])
        if opens and mention.kind in ("state", "body", "group"):
            return mention.actor
    return None


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
        begin, stop = clause_span(text, match.start(), match.end())
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
